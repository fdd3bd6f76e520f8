"""Front-matter values from a Word document's "Nhãn: giá trị" lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from hsdt.importer.fields import group_named, parse_dates, parse_time, segments, staff_in
from hsdt.load.profile import load_school
from hsdt.model.school import School
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> School:
    from hsdt.scaffold import init_school

    root: Path = tmp_path_factory.mktemp("s") / "school"
    init_school(root, "le-khac-can", hooks_repo=str(PROJECT), hooks_rev="HEAD")
    return load_school(root)


def test_several_labels_on_one_line_and_the_longest_label_wins() -> None:
    assert segments("Môn học: Toán; Lớp: 6A") == [
        ("subject", "Môn học", "Toán"),
        ("class", "Lớp", "6A"),
    ]
    assert segments("Họ và tên giáo viên: Hoàng Văn Giả Định") == [
        ("author", "Họ và tên giáo viên", "Hoàng Văn Giả Định")
    ]
    assert segments("TÊN BÀI DẠY: PHÂN SỐ") == [("title", "TÊN BÀI DẠY", "PHÂN SỐ")]
    assert segments("Một câu bình thường: không phải nhãn") == [
        ("", "", "Một câu bình thường: không phải nhãn")
    ]


def test_dates_and_times_in_the_ways_teachers_write_them() -> None:
    assert parse_dates("13/10/2025") == ["2025-10-13"]
    assert parse_dates("từ ngày 13/10 đến 17/10/2025") == ["2025-10-13", "2025-10-17"]
    assert parse_dates("ngày 05 tháng 01 năm 2026") == ["2026-01-05"]
    assert parse_dates("30/02/2026") == []
    assert parse_time("14 giờ 00, ngày 15/10/2025") == "14:00"
    assert parse_time("7h30") == "07:30"
    assert parse_time("ngày 15/10/2025") is None


def test_people_and_groups_are_found_by_name(school: School) -> None:
    assert staff_in(school, "Hoàng Văn Giả Định – Tổ trưởng") == ["gv-toan-01"]
    assert staff_in(school, "HOANG VAN GIA DINH, Đỗ Thị Tạm") == ["gv-toan-01", "gv-toan-02"]
    assert staff_in(school, "Nguyễn Văn Không Có") == []
    assert group_named(school, "Khoa học tự nhiên") == "to-khtn"
    assert group_named(school, "Tổ Tiểu học") == "to-tieu-hoc"
    assert group_named(school, "Thể dục") is None
