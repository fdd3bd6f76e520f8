"""School profile validation: every mistake names the file, the line and what was expected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hsdt.errors import ConfigError, HsdtError
from hsdt.load.profile import load_school
from tests.conftest import Result

SCHOOL = "schools/le-khac-can/truong.yml"
RULES = "schools/le-khac-can/quy-che.yml"


@pytest.fixture
def root(make_school: Callable[..., Path]) -> Path:
    return make_school("le-khac-can")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def error(root: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_school(root)
    return caught.value.render()


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_demo_profile_loads(root: Path) -> None:
    school = load_school(root)
    assert school.calendars[0].week_monday(6).isoformat() == "2025-10-13"
    chain = school.policy.types["khbd-trung-hoc"].approval_chain
    assert [tuple(r.value for r in step.roles) for step in chain] == [
        ("to_truong", "to_pho", "nhom_truong")
    ]
    assert school.roles_of("gv-toan-01", "to-khtn") >= {"to_truong", "giao_vien"}


@pytest.mark.parametrize(
    ("rel", "old", "new", "needle", "expected"),
    [
        (SCHOOL, "dia_danh:", "dia_dan:", "dia_dan:", "khóa 'dia_dan' không được hỗ trợ; có phải 'dia_danh'?"),
        (SCHOOL, "bat_dau: 2025-09-05", "bat_dau: 2025-09-31", "bat_dau:", "'nam_hoc[0].bat_dau' phải là ngày dạng YYYY-MM-DD có thật, nhận được '2025-09-31'"),
        (SCHOOL, "tuan_1: 2025-09-08", "tuan_1: 2025-09-09", "tuan_1:", "tuan_1 phải là một ngày thứ Hai, nhận được 2025-09-09"),
        (SCHOOL, "to_truong: gv-toan-01", "to_truong: gv-khong-co", "gv-khong-co", "'to_chuyen_mon[0].to_truong': không có nhân sự mã 'gv-khong-co' trong nhan_su"),
        (SCHOOL, "{ma: gv-toan-03,", "{ma: gv-toan-02,", "ma: gv-toan-02, ho_ten: Vũ", "'nhan_su': 'gv-toan-02' bị lặp lại"),
        (SCHOOL, "ma: to-khxh", "ma: ../to-khxh", "../to-khxh", "'to_chuyen_mon[1].ma': mã '../to-khxh' chỉ được gồm chữ thường không dấu, số và dấu '-'"),
        (SCHOOL, "email: toan03@lkc.truong-mau.example", "email: khong-phai-email", "khong-phai-email", "'nhan_su[6].email': email không hợp lệ 'khong-phai-email'"),
        (RULES, "  khbd-trung-hoc:\n", "  giao-an:\n", "giao-an:", "không có loại hồ sơ 'giao-an' (xem 'hsdt types' hoặc khai báo trong loai_rieng)"),
        (RULES, "moc: ngay_day, so_ngay: 3", "moc: ngay_dy, so_ngay: 3", "ngay_dy", "mốc 'ngay_dy' không phải khóa ngày (hoặc số tuần) của loại 'khbd-trung-hoc'"),
        (RULES, "thu: [chu_nhat, thu_tu]", "thu: [chu_nhat, thu_9]", "thu_9", "'loai_ho_so.khbd-trung-hoc.han_nop[1].thu' phải là một trong: thu_hai, thu_ba, thu_tu, thu_nam, thu_sau, thu_bay, chu_nhat; nhận được 'thu_9'"),
        (RULES, "nguoi_khoa: ht-01", "nguoi_khoa: pht-01", "nguoi_khoa:", "chỉ hiệu trưởng được khóa sổ; 'pht-01' không phải hiệu trưởng"),
        (RULES, "cong_khai: rieng_tu", "cong_khai: bi_mat", "bi_mat", "'loai_ho_so.bien-ban-sua.cong_khai' phải là một trong: cong_khai, noi_bo, rieng_tu; nhận được 'bi_mat'"),
    ],
)  # fmt: skip
def test_profile_errors_point_at_the_spot(
    root: Path, rel: str, old: str, new: str, needle: str, expected: str
) -> None:
    edit(root, rel, old, new)
    assert error(root) == f"{rel}:{line_of(root, rel, needle)}: {expected}"


def test_profile_yaml_errors(root: Path) -> None:
    edit(root, SCHOOL, "cap_hoc: [tieu_hoc, thcs]", "cap_hoc: [tieu_hoc, thcs")
    with pytest.raises(HsdtError) as caught:
        load_school(root)
    assert caught.value.render().startswith(
        f"{SCHOOL}:{line_of(root, SCHOOL, 'cap_hoc:')}: danh sách"
    )


def test_missing_rules_file(root: Path) -> None:
    (root / RULES).unlink()
    assert error(root) == f"thiếu tệp '{RULES}'"


def test_folder_and_id_must_agree(root: Path) -> None:
    edit(root, SCHOOL, "ma: le-khac-can", "ma: truong-khac")
    assert (
        error(root) == f"{SCHOOL}:4: mã trường 'truong-khac' phải trùng tên thư mục 'le-khac-can'"
    )


def test_several_schools_need_a_choice(root: Path, cli: Callable[..., Result]) -> None:
    other = root / "schools" / "truong-b"
    other.mkdir()
    for name in ("truong.yml", "quy-che.yml"):
        text = (root / "schools" / "le-khac-can" / name).read_text(encoding="utf-8")
        (other / name).write_text(text.replace("ma: le-khac-can", "ma: truong-b"), encoding="utf-8")
    result = cli("types", cwd=root)
    assert result.code == 1
    assert "kho có nhiều trường (le-khac-can, truong-b)" in result.err
    assert cli("types", "--school", "truong-b", cwd=root).code == 0


def test_cli_init(tmp_path: Path, cli: Callable[..., Result]) -> None:
    result = cli("init", str(tmp_path / "moi"), "--profile", "thai-hoc", cwd=tmp_path)
    assert result.code == 0
    assert result.out.startswith("Đã tạo kho hồ sơ của ")
    assert "  .github/CODEOWNERS\n" in result.out
    again = cli("init", str(tmp_path / "moi"), "--profile", "thai-hoc", cwd=tmp_path)
    assert again.code == 2
