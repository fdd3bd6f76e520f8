"""The CLI edge: exit codes, languages, JSON, no traceback without --verbose."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result, run_hsdt, write
from tests.samples import LESSON_REL, armour, lesson_text, lesson_with


@pytest.fixture
def root(make_school: Callable[..., Path]) -> Path:
    return make_school("le-khac-can")


def test_clean_check_exits_0(root: Path, cli: Callable[..., Result]) -> None:
    write(root, LESSON_REL, lesson_text())
    result = cli("check", LESSON_REL, "--at", "2025-10-12T20:00", cwd=root)
    assert (result.code, result.out) == (0, "")
    assert result.err == "Đã kiểm tra 1 hồ sơ: không có lỗi.\n"


def test_check_a_folder_and_what_is_not_a_record(root: Path, cli: Callable[..., Result]) -> None:
    write(root, LESSON_REL, lesson_with(so_tiet="0"))
    result = cli("check", "records", cwd=root)
    assert result.code == 1
    assert result.out.startswith(f"{LESSON_REL}:10: [so-tiet] ")
    assert result.err == "Đã kiểm tra 1 hồ sơ: 1 lỗi, 0 cảnh báo.\n"
    (root / "records" / "2026-2027").mkdir()
    empty = cli("check", "records/2026-2027", cwd=root)
    assert (empty.code, empty.out) == (0, "")
    assert empty.err == (
        "cảnh báo: không có hồ sơ nào trong records/2026-2027\nĐã kiểm tra 0 hồ sơ: không có lỗi.\n"
    )
    english = cli("--lang", "en", "check", "records/2026-2027", cwd=root)
    assert english.err.startswith("warning: there is no record in records/2026-2027\n")
    as_json = cli("check", "records/2026-2027", "--format", "json", cwd=root)
    assert json.loads(as_json.out)["empty_folders"] == ["records/2026-2027"]
    write(root, "ghi-chu.txt", "x")
    other = cli("check", "ghi-chu.txt", cwd=root)
    assert other.code == 2
    assert other.err == (
        "hsdt: 'ghi-chu.txt' không phải tệp hồ sơ (tệp .md trong records/) hay thư mục\n"
    )
    missing = cli("check", "khong-co", cwd=root)
    assert (missing.code, missing.err) == (2, "hsdt: không tìm thấy tệp 'khong-co'\n")


def test_problems_exit_1_in_both_languages(root: Path, cli: Callable[..., Result]) -> None:
    write(root, LESSON_REL, lesson_with(so_tiet="0"))
    result = cli("check", LESSON_REL, "--at", "2025-10-12T20:00", cwd=root)
    assert result.code == 1
    assert result.out == (
        f"{LESSON_REL}:10: [so-tiet] 'so_tiet' (thời gian thực hiện (số tiết)) phải là "
        "số nguyên từ 1 đến 30, nhận được '0'\n"
    )
    english = cli("--lang", "en", "check", LESSON_REL, "--at", "2025-10-12T20:00", cwd=root)
    assert english.out == (
        f"{LESSON_REL}:10: [so-tiet] 'so_tiet' (thời gian thực hiện (số tiết)) must be "
        "a whole number from 1 to 30, got '0'\n"
    )
    assert english.err == "Checked 1 record: 1 error, 0 warnings.\n"


def test_hsdt_lang_environment(
    root: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HSDT_LANG", "en")
    result = cli("check", cwd=root)
    assert result.code == 2
    assert result.err == "hsdt: name the record files to check, or use --all to check them all\n"


def test_json_format(root: Path, cli: Callable[..., Result]) -> None:
    write(root, LESSON_REL, lesson_with(ngay_day="2025-10-09"))
    result = cli("check", LESSON_REL, "--at", "2025-10-12T20:00", "--format", "json", cwd=root)
    assert result.code == 1
    payload = json.loads(result.out)
    assert payload["ok"] is False
    assert payload["checked"] == 1
    assert {p["rule"] for p in payload["problems"]} == {"han-nop"}
    assert payload["problems"][0]["severity"] == "loi"
    assert payload["problems"][0]["line"] == 9


def test_local_check_only_warns_on_deadlines(root: Path, cli: Callable[..., Result]) -> None:
    # taught in March 2026, after the locked first semester: long past on the clock
    write(root, LESSON_REL, lesson_with(ngay_day="2026-03-10"))
    result = cli("check", LESSON_REL, cwd=root)
    assert result.code == 0
    assert "[han-nop] (cảnh báo) nộp muộn" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "--at", "hôm qua", LESSON_REL), "hsdt: --at phải là thời điểm ISO 8601"),
        (("check",), "hsdt: hãy chỉ ra tệp hồ sơ cần kiểm tra"),
        (("new", "khbd-trung-hoc", "--set", "ngay_day"), "hsdt: --set cần dạng khoa=giá_trị"),
        (("check", "--format", "xml", LESSON_REL), "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2(
    root: Path, cli: Callable[..., Result], args: tuple[str, ...], message: str
) -> None:
    result = cli(*args, cwd=root)
    assert result.code == 2
    assert message in result.err


def test_outside_a_school_repository(tmp_path: Path, cli: Callable[..., Result]) -> None:
    result = cli("types", cwd=tmp_path)
    assert result.code == 1
    assert result.err.startswith("hsdt: không tìm thấy kho hồ sơ của trường")


def test_unexpected_error_in_a_fresh_process(root: Path) -> None:
    script = (
        "import sys, hsdt.check as c\n"
        "def boom(*a, **k): raise RuntimeError('boom')\n"
        "c.check_paths = boom\n"
        "from hsdt.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    for args, traceback in ((["check", "--all"], False), (["--verbose", "check", "--all"], True)):
        done = subprocess.run([sys.executable, "-c", script, *args], cwd=root,
                              capture_output=True, text=True, check=False)  # fmt: skip
        assert done.returncode == 3
        assert ("Traceback" in done.stderr) is traceback
        assert "chạy lại với --verbose" in done.stderr


def test_internal_error_in_process(
    root: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import hsdt.check

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(hsdt.check, "check_paths", explode)
    result = cli("check", "--all", cwd=root)
    assert result.code == 3
    assert result.err == (
        "hsdt: lỗi không mong đợi (RuntimeError); chạy lại với --verbose để xem chi tiết "
        "và báo cho người quản trị\n"
    )
    verbose = cli("--verbose", "check", "--all", cwd=root)
    assert "Traceback" in verbose.err
    assert "RuntimeError: boom" in verbose.err


def test_types_lists_id_then_name(root: Path, cli: Callable[..., Result]) -> None:
    result = cli("types", cwd=root)
    assert result.code == 0
    rows = result.out.splitlines()
    assert len(rows) == 10
    assert rows[-1].split()[0] == "khbd-trung-hoc"
    assert rows[-1].endswith("Kế hoạch bài dạy (THCS, THPT — Công văn 5512, Phụ lục IV)")
    english = cli("--lang", "en", "types", cwd=root)
    assert "Lesson plan (lower/upper secondary" in english.out


def test_fresh_process_and_version(root: Path) -> None:
    write(root, LESSON_REL, lesson_text())
    result = run_hsdt("check", LESSON_REL, "--at", "2025-10-12T20:00", cwd=root)
    assert result.code == 0
    version = run_hsdt("--version", cwd=root)
    assert version.out.startswith("hsdt, version ")


def test_check_secrets_command(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write(tmp_path, "a.txt", "xin chào\n")
    write(tmp_path, "b.key", "x\n" + armour("OPENSSH") + "\n")
    result = cli("check-secrets", "a.txt", "b.key", cwd=tmp_path)
    assert result.code == 1
    assert result.out.startswith("b.key:2: [bi-mat] tệp chứa khóa bí mật")
    clean = cli("check-secrets", "a.txt", cwd=tmp_path)
    assert (clean.code, clean.err) == (0, "Không có khóa bí mật trong 1 tệp.\n")
