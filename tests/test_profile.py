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
        (RULES, "moc: ngay_day, thu:", "moc: ngay_dy, thu:", "ngay_dy", "mốc 'ngay_dy' không phải khóa ngày (hoặc số tuần) của loại 'khbd-trung-hoc'"),
        (RULES, "thu: [chu_nhat, thu_tu]", "thu: [chu_nhat, thu_9]", "thu_9", "'loai_ho_so.khbd-trung-hoc.han_nop[0].thu' phải là một trong: thu_hai, thu_ba, thu_tu, thu_nam, thu_sau, thu_bay, chu_nhat; nhận được 'thu_9'"),
        # issue 14: the new options refuse bad values, word for word
        (RULES, "cach_tinh: du_so_ngay, so_ngay", "cach_tinh: hai_dot, so_ngay", "hai_dot", "'loai_ho_so.khbd-trung-hoc.han_nop[0].cach_tinh' phải là một trong: moc_gan_nhat, du_so_ngay; nhận được 'hai_dot'"),
        (RULES, "cach_tinh: du_so_ngay, so_ngay: 3}", "cach_tinh: du_so_ngay}", "cach_tinh: du_so_ngay}", "cach_tinh: du_so_ngay cần 'loai_ho_so.khbd-trung-hoc.han_nop[0].so_ngay' (số ngày phải còn lại sau mốc nộp)"),
        (RULES, "{kieu: truoc_tuan, moc: tuan}", "{kieu: truoc_tuan, moc: tuan, cach_tinh: du_so_ngay}", "moc: tuan, cach_tinh", "'loai_ho_so.bao-giang.han_nop[0].cach_tinh' chỉ dùng được với hạn kiểu 'moc_tuan'"),
        (RULES, "{kieu: sau_moc, moc: ngay_hop}", "{kieu: sau_moc, moc: ngay_hop, gio_moc: dia_diem}", "gio_moc", "loại hồ sơ 'bien-ban-hop-to' không có khóa giờ 'dia_diem' để làm mốc (gio_moc phải là một khóa kiểu giờ, ví dụ gio_ket_thuc)"),
        (RULES, "{kieu: sau_moc, moc: ngay_hop}", "{kieu: sau_moc, moc: ngay_hop, so_gio: 48}", "so_gio", "thiếu khóa bắt buộc 'loai_ho_so.bien-ban-hop-to.han_nop[0].gio_moc'"),
        (RULES, "{kieu: sau_moc, moc: ngay_hop}", "{kieu: sau_moc, moc: ngay_hop, gio_moc: gio_ket_thuc, so_gio: 0}", "so_gio", "'loai_ho_so.bien-ban-hop-to.han_nop[0].so_gio' phải là số nguyên từ 1 đến 1440"),
        (RULES, "    mot_chu_de: true\n    nop_lai: true          #", "    mot_chu_de: true\n    cach_hieu_thu: chi_thu_bay\n    nop_lai: true          #", "chi_thu_bay", "'loai_ho_so.khbd-trung-hoc.cach_hieu_thu' phải là một trong: chi_vao_thu, cham_nhat_vao_thu; nhận được 'chi_thu_bay'"),
        (RULES, "buoc_1: đã kiểm tra,", "buoc_2: đã kiểm tra,", "buoc_2", "'loai_ho_so.khbd-trung-hoc.ten_trang_thai.buoc_2': chuỗi duyệt của loại hồ sơ này chỉ có 1 bước"),
        (RULES, "{da_gui_kiem_tra: gởi kiểm tra,", "{da_gui_kiemtra: gởi kiểm tra,", "da_gui_kiemtra:", "khóa 'loai_ho_so.khbd-trung-hoc.ten_trang_thai.da_gui_kiemtra' không được hỗ trợ; có phải 'da_gui_kiem_tra'?"),
        (RULES, "{da_gui_kiem_tra: gởi kiểm tra,", "{da_gui_kiem_tra: [gởi, kiểm tra],", "da_gui_kiem_tra: [", "'loai_ho_so.khbd-trung-hoc.ten_trang_thai.da_gui_kiem_tra' phải là một dòng chữ"),
        (RULES, "gioi_han:", "ten_trang_thai: {da_duyet: ''}\ngioi_han:", "ten_trang_thai", "'ten_trang_thai.da_duyet' phải là một dòng chữ"),
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
