"""Recognising sections in Word documents' headings, and guessing the type."""

from __future__ import annotations

from typing import Any

import pytest

from hsdt.importer.inlines import fold
from hsdt.importer.sections import guess_type, map_sections
from hsdt.load.profile import load_school
from hsdt.model.record_type import RecordType
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def types(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RecordType]:
    from hsdt.scaffold import init_school

    root = tmp_path_factory.mktemp("s") / "school"
    init_school(root, "le-khac-can", hooks_repo=str(PROJECT), hooks_rev="HEAD")
    return load_school(root).types


def _words(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for word in text.split():
        if out:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def bold(text: str) -> dict[str, Any]:
    return {"t": "Para", "c": [{"t": "Strong", "c": _words(text)}]}


def plain(text: str) -> dict[str, Any]:
    return {"t": "Para", "c": _words(text)}


def lead(head: str, rest: str) -> dict[str, Any]:
    return {"t": "Para", "c": [{"t": "Strong", "c": _words(head)}, {"t": "Space"}, *_words(rest)]}


def _heading_texts(blocks: list[dict[str, Any]]) -> list[tuple[int, str]]:
    from hsdt.importer.inlines import text_of

    return [(b["c"][0], text_of(b["c"][2])) for b in blocks if b["t"] == "Header"]


def test_fold_ignores_accents_case_punctuation_and_spacing() -> None:
    assert fold("Hoạt  động 1. Mở ĐẦU:") == "hoat dong 1 mo dau"
    assert fold("ĐỒ DÙNG") == fold("do dung") == "do dung"


@pytest.mark.parametrize(
    "written",
    ["II. ĐỒ DÙNG DẠY HỌC", "2. Đồ dùng dạy học:", "II.DO DUNG DAY HOC", "Đồ  dùng   dạy học"],
)
def test_a_section_is_recognised_whatever_its_numbering_case_accents_and_spacing(
    types: dict[str, RecordType], written: str
) -> None:
    mapping = map_sections([bold(written), plain("Tranh ảnh.")], types["khbd-tieu-hoc"])
    assert [h.section for h in mapping.headings] == ["II. Đồ dùng dạy học"]
    assert _heading_texts(mapping.body) == [(2, "II. Đồ dùng dạy học")]


def test_upper_case_paragraphs_are_headings_and_ordinary_ones_are_not(
    types: dict[str, RecordType],
) -> None:
    blocks = [plain("I. YÊU CẦU CẦN ĐẠT"), plain("Yêu cầu cần đạt của bài là đọc đúng.")]
    mapping = map_sections(blocks, types["khbd-tieu-hoc"])
    assert [h.found for h in mapping.headings] == ["I. YÊU CẦU CẦN ĐẠT"]
    assert mapping.body[1] == blocks[1]


def test_levels_follow_the_numbering_and_asides_are_kept(types: dict[str, RecordType]) -> None:
    blocks = [
        bold("I. MỤC TIÊU"),
        bold("1. Kiến thức"),  # "Về" left out
        bold("III. TIẾN TRÌNH DẠY HỌC"),
        bold("HOẠT ĐỘNG 1: MỞ ĐẦU (XÁC ĐỊNH VẤN ĐỀ)"),
        lead("a) Mục tiêu:", "HS thấy được vấn đề."),
        bold("Hoạt động 2. Khởi động kiến thức"),
    ]
    mapping = map_sections(blocks, types["khbd-trung-hoc"])
    assert _heading_texts(mapping.body) == [
        (2, "I. Mục tiêu"),
        (3, "1. Về kiến thức"),
        (2, "III. Tiến trình dạy học"),
        (3, "Hoạt động 1: Mở đầu (xác định vấn đề)"),
        (4, "a) Mục tiêu"),
        (3, "Hoạt động 2: Hình thành kiến thức mới (Khởi động kiến thức)"),
    ]
    # the text after a bold lead-in stays, as a paragraph under the heading
    assert plain("HS thấy được vấn đề.")["c"] == mapping.body[5]["c"]
    assert "II. Thiết bị dạy học và học liệu" in mapping.missing


def test_blocks_before_the_first_section_are_the_preamble(types: dict[str, RecordType]) -> None:
    blocks = [plain("Trường: THCS Lê Khắc Cẩn"), bold("I. MỤC TIÊU"), bold("Ghi chú riêng")]
    mapping = map_sections(blocks, types["khbd-trung-hoc"])
    assert mapping.preamble == blocks[:1]
    assert mapping.body[1] == blocks[2]  # a bold line that is no section stays as written


def test_the_type_is_guessed_from_the_sections(types: dict[str, RecordType]) -> None:
    primary = [bold(t) for t in ["I. Yêu cầu cần đạt", "II. Đồ dùng dạy học"]]
    guess = guess_type(primary, types)
    assert guess is not None
    assert (guess.type_id, guess.matched, guess.total) == (
        "khbd-tieu-hoc",
        2,
        4,
    )
    minutes = [bold("BIÊN BẢN"), bold("I. THỜI GIAN VÀ ĐỊA ĐIỂM"), bold("III. NỘI DUNG")]
    guess = guess_type(minutes, types)
    assert guess is not None
    assert guess.type_id == "bien-ban-hop-to"
    assert guess_type([plain("Một đoạn văn.")], types) is None
