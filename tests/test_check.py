"""hsdt check on real school repositories: every mistake a teacher can make in a web editor."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt import check as check_module
from hsdt.check import check_paths
from hsdt.errors import UsageError
from hsdt.model.timeutil import VN_TZ
from tests.conftest import write
from tests.samples import LESSON_REL, armour, lesson_text, lesson_with

ON_TIME = datetime(2025, 10, 12, 20, 0, tzinfo=VN_TZ)


def lines(root: Path, text: str, rel: str = LESSON_REL) -> list[str]:
    write(root, rel, text)
    report = check_paths(root, [root / rel], at=ON_TIME)
    return [p.render() for p in report.problems]


@pytest.fixture
def root(make_school: Callable[..., Path]) -> Path:
    return make_school("le-khac-can")


def test_valid_record_has_no_problem(root: Path) -> None:
    assert lines(root, lesson_text()) == []


def test_impossible_date(root: Path) -> None:
    assert lines(root, lesson_with(ngay_day="2025-02-30")) == [
        f"{LESSON_REL}:9: [ngay-day] 'ngay_day' (ngày dạy) phải là ngày dạng YYYY-MM-DD có thật, "
        "nhận được '2025-02-30'"
    ]


def test_unknown_teacher_and_group(root: Path) -> None:
    rel = "records/2025-2026/to-khtn/gv-khong-co/khbd-trung-hoc/a.md"
    out = lines(root, lesson_with(giao_vien="gv-khong-co"), rel)
    assert out == [
        f"{rel}:6: [giao-vien] không có nhân sự mã 'gv-khong-co' (người soạn (mã nhân sự)) "
        "trong danh sách của trường"
    ]
    rel2 = "records/2025-2026/to-xyz/gv-toan-02/khbd-trung-hoc/a.md"
    out = lines(root, lesson_with(to="to-xyz"), rel2)
    assert out == [
        f"{rel2}:5: [to] không có tổ 'to-xyz' trong hồ sơ nhà trường "
        "(các tổ: to-khtn, to-khxh, to-tieu-hoc)"
    ]


def test_teacher_outside_group(root: Path) -> None:
    rel = "records/2025-2026/to-khtn/gv-van-01/khbd-trung-hoc/a.md"
    assert lines(root, lesson_with(giao_vien="gv-van-01"), rel) == [
        f"{rel}:6: [giao-vien] 'gv-van-01' (Bùi Thị Mẫu Đơn) không thuộc "
        "Tổ Khoa học tự nhiên (Toán - Tin - KHTN)"
    ]


def test_id_with_dot_dot_is_refused(root: Path) -> None:
    out = lines(root, lesson_with(giao_vien="../../etc"))
    assert out == [
        f"{LESSON_REL}:6: [giao-vien] 'giao_vien' (người soạn (mã nhân sự)) phải là mã nhân sự "
        "(chữ thường, số, dấu '-'), nhận được '../../etc'"
    ]


def test_missing_key_unknown_key_and_wrong_folder(root: Path) -> None:
    text = lesson_with(mon=None, ngay_dy="2025-10-16")
    out = lines(root, text)
    assert (
        f"{LESSON_REL}:1: [mon] thiếu khóa bắt buộc 'mon' (môn học / hoạt động giáo dục, một dòng chữ)"
        in out
    )
    assert (
        f"{LESSON_REL}:12: [khoa-la] khóa 'ngay_dy' không có trong mẫu 'khbd-trung-hoc'; có phải 'ngay_day'?"
        in out
    )
    rel = "records/2025-2026/to-khtn/gv-toan-01/khbd-trung-hoc/a.md"
    assert lines(root, lesson_text(), rel) == [
        f"{rel}:1: [duong-dan] hồ sơ nằm ở 'records/2025-2026/to-khtn/gv-toan-01/khbd-trung-hoc' "
        "nhưng theo phần thông tin phải ở 'records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc'"
    ]


def test_missing_and_misordered_sections(root: Path) -> None:
    text = lesson_text().replace("### 2. Về năng lực\n", "")
    assert lines(root, text) == [
        f"{LESSON_REL}:26: [muc] thiếu mục '2. Về năng lực' theo mẫu 'khbd-trung-hoc' "
        "(hoặc mục không đúng thứ tự)"
    ]
    head, body = lesson_text().split("## II. Thiết bị dạy học và học liệu")
    moved = head.replace("## I. Mục tiêu", "## II. Thiết bị dạy học và học liệu\n\n## I. Mục tiêu")
    out = lines(root, moved + "## Ghi chú" + body)
    assert out == [
        f"{LESSON_REL}:15: [muc] mục 'II. Thiết bị dạy học và học liệu' không đúng thứ tự theo mẫu"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ":1: [front-matter] tệp rỗng; hồ sơ phải bắt đầu bằng dòng '---' và phần thông tin"),
        (
            "# Giáo án\n",
            ":1: [front-matter] dòng đầu phải là '---' (mở phần thông tin), nhận được '# Giáo án'",
        ),
        (
            "---\nloai: khbd-trung-hoc\n",
            ":1: [front-matter] không tìm thấy dòng '---' đóng phần thông tin",
        ),
        (
            "---\nloai: khbd-trung-hoc\nloai: x\n---\n",
            ":3: [yaml] khóa 'loai' bị lặp lại (đã có ở dòng 2)",
        ),
        (
            "---\nloai: khbd-trung-hoc\nmon:\n\t- Toán\n---\n",
            ":4: [yaml] dòng này thụt lề bằng phím Tab; phần thông tin (YAML) chỉ chấp nhận dấu cách",
        ),
        (
            "---\ntieu_de: Bài 1: Phân số\n---\n",
            ":2: [yaml] dấu ':' không đúng chỗ; nếu giá trị có dấu ':' hãy đặt nó trong dấu nháy \"…\"",
        ),
        (
            "---\nloai: giao-an\n---\n",
            ":2: [loai] loại hồ sơ 'giao-an' không có trong quy chế của trường; các loại: ",
        ),
    ],
)
def test_broken_front_matter(root: Path, text: str, expected: str) -> None:
    out = lines(root, text)
    assert len(out) == 1
    assert out[0].startswith(LESSON_REL + expected)


def test_binary_and_huge_files(root: Path) -> None:
    write(root, LESSON_REL, "")
    (root / LESSON_REL).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    report = check_paths(root, [root / LESSON_REL], at=ON_TIME)
    assert [p.render() for p in report.problems] == [
        f"{LESSON_REL}:3: [ma-hoa] tệp nhị phân, không phải văn bản Markdown"
    ]
    with (root / LESSON_REL).open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    report = check_paths(root, [root / LESSON_REL], at=ON_TIME)
    assert [p.render() for p in report.problems] == [
        f"{LESSON_REL}:1: [kich-thuoc] tệp quá lớn (51.200 KiB); giới hạn của trường là "
        "1.024 KiB. Ảnh, video hãy để ngoài hồ sơ"
    ]


def test_crlf_and_bom_are_accepted(root: Path) -> None:
    data = ("\ufeff" + lesson_text()).replace("\n", "\r\n").encode("utf-8")
    write(root, LESSON_REL, "")
    (root / LESSON_REL).write_bytes(data)
    assert check_paths(root, [root / LESSON_REL], at=ON_TIME).problems == ()


def test_decomposed_unicode_is_reported_then_fixed(root: Path) -> None:
    write(root, LESSON_REL, unicodedata.normalize("NFD", lesson_text()))
    report = check_paths(root, [root / LESSON_REL], at=ON_TIME)
    assert [p.rule for p in report.problems] == ["nfc"]
    assert report.problems[0].line == 4
    fixed = check_paths(root, [root / LESSON_REL], at=ON_TIME, fix=True)
    assert fixed.fixed == (LESSON_REL,)
    assert fixed.problems == ()
    assert (root / LESSON_REL).read_text(encoding="utf-8") == lesson_text()


def test_private_key_inside_a_record(root: Path) -> None:
    text = lesson_text() + "\n" + armour() + "\nMIIE\n"
    out = lines(root, text)
    assert out[0].startswith(f"{LESSON_REL}:10") is False
    assert any("[bi-mat] tệp chứa khóa bí mật" in line for line in out)


def test_all_checks_every_record_and_scans_other_files(root: Path) -> None:
    write(root, LESSON_REL, lesson_text())
    write(root, "signatures/khoa.pem", armour("RSA") + "\nMII\n")
    report = check_paths(root, [], all_records=True)
    assert report.checked == 1
    assert [p.render() for p in report.problems] == [
        "signatures/khoa.pem:1: [bi-mat] tệp chứa khóa bí mật; khóa ký số chỉ được để trong "
        "token/USB ký số hoặc ngoài kho"
    ]


def test_all_in_parallel_workers_gives_the_same_problems(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in range(13, 25):
        rel = LESSON_REL.replace("2025-10-16", f"2025-10-{day}")
        write(
            root,
            rel,
            lesson_with(ngay_day=f"2025-10-{day}", tieu_de="Bài" if day % 2 else "Bài: x"),
        )
    serial = check_paths(root, [], all_records=True, jobs=1)
    monkeypatch.setattr(check_module, "PARALLEL_MIN", 2)
    parallel = check_paths(root, [], all_records=True, jobs=2)
    assert serial.problems == parallel.problems
    assert len(serial.problems) == 6


def test_non_records_and_nothing_are_usage_errors(root: Path) -> None:
    write(root, "docs/ghi-chu.md", "# Ghi chú\n")
    with pytest.raises(UsageError) as caught:
        check_paths(root, [root / "docs/ghi-chu.md"], at=ON_TIME)
    assert caught.value.render() == (
        f"'{root / 'docs/ghi-chu.md'}' không phải tệp hồ sơ (tệp .md trong records/) hay thư mục"
    )
    with pytest.raises(UsageError):
        check_paths(root, [])
    with pytest.raises(UsageError):
        check_paths(root, [root / "records/khong-co.md"])
    with pytest.raises(UsageError):
        check_paths(root, [Path("/etc/passwd")])


OTHER_REL = LESSON_REL.replace("2025-10-16", "2025-10-17")


def test_a_folder_checks_every_record_under_it(root: Path) -> None:
    write(root, LESSON_REL, lesson_with(so_tiet="0"))
    write(root, OTHER_REL, lesson_with(ngay_day="2025-10-17"))
    write(root, "records/README.md", "# Hồ sơ\n")
    folder = root / LESSON_REL.rsplit("/", 2)[0]
    for given in (root / "records", folder, folder.parent):
        report = check_paths(root, [given])
        assert report.checked == 2
        assert [(p.path, p.rule) for p in report.problems] == [(LESSON_REL, "so-tiet")]
    # The same record named and inside a folder is checked once, as part of the submission.
    both = check_paths(root, [folder, root / LESSON_REL], at=ON_TIME)
    assert both.checked == 2
    assert [(p.path, p.rule) for p in both.problems] == [(LESSON_REL, "so-tiet")]
    (root / "records" / "2026-2027").mkdir()
    empty = check_paths(root, [root / "records" / "2026-2027"])
    assert (empty.checked, empty.empty, empty.problems) == (
        0,
        (str(root / "records/2026-2027"),),
        (),
    )
