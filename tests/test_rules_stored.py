"""Record files read from history (hsdt.rules.stored)."""

from __future__ import annotations

from hsdt.load.profile import load_profile_dir
from hsdt.load.types import DATA_DIR
from hsdt.rules.stored import record_from_bytes
from tests.samples import LESSON_REL, lesson_text


def test_a_record_file_parses_and_broken_ones_do_not() -> None:
    school = load_profile_dir(DATA_DIR / "profiles" / "le-khac-can", "le-khac-can")
    record = record_from_bytes(school, LESSON_REL, lesson_text().encode("utf-8"))
    assert record is not None
    assert (record.type_id, record.get_str("giao_vien")) == ("khbd-trung-hoc", "gv-toan-02")
    assert record_from_bytes(school, LESSON_REL, b"---\nloai: [\n---\n") is None
    assert record_from_bytes(school, LESSON_REL, b"---\nloai: khong-co\n---\n") is None
    assert record_from_bytes(school, LESSON_REL, b"\xff\xfe not utf-8") is None


def test_located_keeps_line_numbers_and_drops_the_body() -> None:
    from hsdt.rules.stored import record_from_text

    school = load_profile_dir(DATA_DIR / "profiles" / "le-khac-can", "le-khac-can")
    text = lesson_text()
    ruled = record_from_text(school, LESSON_REL, text)
    located = record_from_text(school, LESSON_REL, text, located=True)
    assert ruled is not None
    assert located is not None
    assert ruled.meta == located.meta
    assert ruled.body.strip()
    assert located.body == ""
    assert ruled.lines == {}
    # line numbers are the file's own (1-based), for messages that point at a field
    assert (
        located.lines["loai"]
        == text.splitlines().index(
            next(line for line in text.splitlines() if line.startswith("loai:"))
        )
        + 1
    )
    assert record_from_text(school, LESSON_REL, "---\nloai: khong-co\n---\n", located=True) is None
