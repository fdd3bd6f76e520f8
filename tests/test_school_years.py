"""Several school years in one profile: the roll-over from 2025-2026 to 2026-2027.

Every moment here is pinned (``--at`` or ``at=``); none depends on today.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from hsdt.errors import ConfigError
from hsdt.load.profile import load_school
from hsdt.model.school import Calendar, Holiday
from hsdt.scaffold import new_record
from hsdt.schoolyear import insert_year
from tests.test_profiles import Cli, MakeSchool, check, line, rel, shown

PROFILE = "schools/le-khac-can/truong.yml"
OLD_FORM = """nam_hoc:
  ma: 2025-2026
  bat_dau: 2025-09-05   # khai giảng
  ket_thuc: 2026-05-31
  tuan_1: 2025-09-08
  nghi:
    - tu: 2026-02-14
      den: 2026-02-22
      ly_do: Nghỉ Tết Nguyên đán
      bo_qua_tuan: true

"""
NEW_YEAR = (
    "them", "2026-2027", "--bat-dau", "2026-09-05", "--ket-thuc", "2027-05-31",
    "--tuan-1", "2026-09-07", "--nghi", "2026-09-01:2026-09-02:Quốc khánh",
    "--nghi-bo-qua-tuan", "2027-02-01:2027-02-14:Nghỉ Tết Nguyên đán",
)  # fmt: skip


def only_2025_2026(root: Path) -> None:
    """The profile as a school wrote it before this change: one year, as a mapping."""
    path = root / PROFILE
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^nam_hoc:\n.*?(?=^nhan_su:)", OLD_FORM, text)
    path.write_text(text, encoding="utf-8")


def schedule(root: Path, week: int, first: str, last: str, year: str) -> Path:
    """A weekly schedule (báo giảng) written by hand, as a teacher's editor would."""
    path = root / f"records/{year}/to-khtn/gv-toan-02/bao-giang/tuan-{week:02d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\nloai: bao-giang\n"
        f"nam_hoc: {year}\n"
        "tieu_de: Lịch báo giảng\nto: to-khtn\ngiao_vien: gv-toan-02\n"
        f"tuan: {week}\ntu_ngay: {first}\nden_ngay: {last}\n---\n\n"
        "# Lịch báo giảng\n\nThứ Hai: Toán 6A1.\n\n# Ghi chú\n\nKhông.\n",
        encoding="utf-8",
    )
    return path


def lesson(root: Path, day: str, **more: str) -> Path:
    school = load_school(root)
    pairs = {
        "tieu_de": "Phân số bằng nhau",
        "giao_vien": "gv-toan-02",
        "to": "to-khtn",
        "mon": "Toán",
        "lop": "6A1",
        "ngay_day": day,
        "so_tiet": "1",
        "chu_de": "Phân số",
        **more,
    }
    return new_record(root, school, "khbd-trung-hoc", pairs)


def test_the_single_year_form_still_loads(make_school: MakeSchool) -> None:
    root = make_school("le-khac-can")
    only_2025_2026(root)
    school = load_school(root)
    assert [c.year for c in school.calendars] == ["2025-2026"]
    assert school.calendars[0].week_monday(6) == date(2025, 10, 13)


def test_builtin_profiles_describe_two_years(make_school: MakeSchool) -> None:
    from hsdt.scaffold import builtin_profiles

    for profile in builtin_profiles():
        school = load_school(make_school(profile))
        assert [c.year for c in school.calendars] == ["2025-2026", "2026-2027"], profile
        new = school.calendars[1]
        assert new.week1 == date(2026, 9, 7)
        tet = new.holiday_on(date(2027, 2, 6))
        assert tet is not None, profile
        assert tet.skip_weeks, profile
        assert new.holiday_on(date(2026, 9, 2)) is not None


def test_a_late_schedule_of_an_undescribed_year_is_refused_then_judged(
    make_school: MakeSchool, cli: Cli
) -> None:
    """The bug of issue 10: week 14 of 2026-2027 received three weeks late was accepted."""
    root = make_school("le-khac-can")
    only_2025_2026(root)
    path = schedule(root, 14, "2026-12-07", "2026-12-12", "2026-2027")
    before = check(root, path, when="2026-12-28T08:00")
    assert shown(before) == [
        f"{rel(root, path)}:{line(path, 'tu_ngay')}: [nam-hoc] từ ngày 2026-12-07 thuộc năm học "
        f"2026-2027, nhưng {PROFILE} chưa có năm học này: thêm bằng 'hsdt nam-hoc them "
        "2026-2027 --bat-dau YYYY-MM-DD --ket-thuc YYYY-MM-DD --tuan-1 YYYY-MM-DD' (hoặc thêm "
        "mục '- ma: 2026-2027' vào nam_hoc)"
    ]
    assert not before.ok
    # hsdt new refuses to file a record there, saying the same
    made = cli("new", "khbd-trung-hoc", "--set", "ngay_day=2026-12-10", cwd=root)
    assert made.code == 1
    assert "ngày dạy 2026-12-10 thuộc năm học 2026-2027" in made.err
    assert not (root / "records/2026-2027/to-khtn/gv-toan-02/khbd-trung-hoc").exists()

    added = cli("nam-hoc", *NEW_YEAR, cwd=root)
    assert added.code == 0, added.err
    assert added.out == (
        "Đã thêm năm học 2026-2027 (2026-09-05 đến 2027-05-31, tuần 1 bắt đầu 2026-09-07) vào "
        f"{PROFILE}\n"
    )
    after = check(root, path, when="2026-12-28T08:00")
    assert shown(after) == [
        f"{rel(root, path)}:{line(path, 'tuan')}: [han-nop] nộp muộn: nộp lúc 2026-12-28 08:00 "
        "(+07:00), hạn là 2026-12-06 23:59 (+07:00) (trước thứ Hai của tuần)"
    ]
    on_time = check(root, path, when="2026-12-06T20:00")
    assert on_time.problems == ()


def test_hsdt_new_files_a_record_in_the_year_of_its_date(make_school: MakeSchool, cli: Cli) -> None:
    root = make_school("le-khac-can")
    made = cli(
        "new", "khbd-trung-hoc", "--print-path", "--set", "ngay_day=2026-12-10",
        "--set", "giao_vien=gv-toan-02", "--set", "tieu_de=Phân số", "--set", "mon=Toán",
        "--set", "lop=6A1", "--set", "so_tiet=1", "--set", "chu_de=Phân số",
        cwd=root,
    )  # fmt: skip
    assert made.code == 0, made.err
    assert made.out.startswith("records/2026-2027/to-khtn/gv-toan-02/khbd-trung-hoc/")
    path = root / made.out.strip()
    assert "nam_hoc: 2026-2027\n" in path.read_text(encoding="utf-8")
    assert check(root, path, when="2026-12-06T20:00").problems == ()
    old = lesson(root, "2025-10-16")
    assert rel(root, old).startswith("records/2025-2026/")


def test_nam_hoc_that_disagrees_with_the_date(make_school: MakeSchool) -> None:
    root = make_school("le-khac-can")
    path = lesson(root, "2026-12-10", nam_hoc="2025-2026")
    report = check(root, path, when="2026-12-06T20:00")
    assert shown(report, "nam-hoc") == [
        f"{rel(root, path)}:{line(path, 'nam_hoc')}: [nam-hoc] 'nam_hoc' là 2025-2026 nhưng ngày "
        "dạy 2026-12-10 thuộc năm học 2026-2027: sửa nam_hoc thành 2026-2027 và đặt tệp vào "
        "records/2026-2027/"
    ]


def test_the_tet_holiday_weeks_of_2026_2027_are_skipped(make_school: MakeSchool) -> None:
    root = make_school("le-khac-can")
    calendar = load_school(root).calendars[1]
    assert calendar.week_monday(21) == date(2027, 1, 25)
    assert calendar.week_monday(22) == date(2027, 2, 15)  # 01/02 and 08/02 are Tết
    assert calendar.week_of(date(2027, 2, 3)) is None
    path = schedule(root, 22, "2027-02-15", "2027-02-20", "2026-2027")
    assert check(root, path, when="2027-02-14T20:00").problems == ()
    late = check(root, path, when="2027-02-15T07:00")
    assert [p.msg.args["due"] for p in late.problems] == ["2027-02-14 23:59 (+07:00)"]
    on_holiday = lesson(root, "2027-02-03")
    assert [p.msg.key for p in check(root, on_holiday, when="2027-01-20T08:00").problems] == [
        "calendar.holiday"
    ]


def test_locks_and_fixed_dates_carry_to_the_new_year(make_school: MakeSchool) -> None:
    """The first semester's lock of 2025-2026 still holds in 2026-2027 and does not touch
    2026-2027 records; the principal's lock of the new year's first semester, written the same
    way, holds them; ``05/09`` is the new year's 5 September."""
    root = make_school("le-khac-can")
    old = lesson(root, "2025-10-16")
    new = lesson(root, "2026-10-15")
    report = check(root, old, new, when="2026-12-01T08:00")
    locks = [(p.path, p.msg.args["id"]) for p in report.problems if p.rule == "khoa-so"]
    assert locks == [(rel(root, old), "hk1-2025-2026")]
    rules = root / "schools/le-khac-can/quy-che.yml"
    rules.write_text(
        rules.read_text(encoding="utf-8") + "  - ma: hk1-2026-2027\n"
        "    loai: [khbd-trung-hoc]\n"
        "    tu_ngay: 2026-09-05\n"
        "    den_ngay: 2027-01-09\n"
        "    khoa_luc: 2027-01-16T17:00:00+07:00\n"
        "    nguoi_khoa: ht-01\n",
        encoding="utf-8",
    )
    assert shown(check(root, new, when="2027-01-10T08:00"), "khoa-so") == []
    locked = check(root, new, when="2027-01-20T08:00")
    assert [p.msg.args["id"] for p in locked.problems if p.rule == "khoa-so"] == ["hk1-2026-2027"]

    dk = make_school("duong-kinh")
    plan = new_record(
        dk,
        load_school(dk),
        "kh-day-hoc-to",
        {
            "tieu_de": "Kế hoạch dạy học môn Tiếng Việt khối 1",
            "to": "to-khoi-1-2-3",
            "nguoi_lap": "gv-k1-01",
            "mon": "Tiếng Việt",
            "khoi": "Khối 1",
        },
    )
    assert rel(dk, plan).startswith("records/2026-2027/")  # no main date: the newest year
    assert check(dk, plan, when="2026-09-04T16:00").problems == ()
    assert [p.msg.args["due"] for p in check(dk, plan, when="2026-09-05T08:00").problems] == [
        "2026-09-04 23:59 (+07:00)"
    ]


def test_nam_hoc_them_keeps_the_file_and_refuses_overlaps(
    make_school: MakeSchool, cli: Cli
) -> None:
    root = make_school("le-khac-can")
    only_2025_2026(root)
    path = root / PROFILE
    before = path.read_text(encoding="utf-8")
    assert cli("nam-hoc", *NEW_YEAR, cwd=root).code == 0
    after = path.read_text(encoding="utf-8")
    assert "  - ma: 2025-2026\n    bat_dau: 2025-09-05   # khai giảng\n" in after
    assert after.replace(
        after[after.index("nam_hoc:") : after.index("nhan_su:")], ""
    ) == before.replace(before[before.index("nam_hoc:") : before.index("nhan_su:")], "")
    assert after.startswith("# Hồ sơ nhà trường mẫu")  # the school's comments stay
    listed = cli("nam-hoc", cwd=root)
    assert listed.out == (
        "2025-2026: 2025-09-05 đến 2026-05-31, tuần 1 bắt đầu 2025-09-08, 37 tuần, 1 kỳ nghỉ\n"
        "2026-2027: 2026-09-05 đến 2027-05-31, tuần 1 bắt đầu 2026-09-07, 37 tuần, 2 kỳ nghỉ\n"
    )
    again = cli("nam-hoc", *NEW_YEAR, cwd=root)
    assert again.code == 1
    assert "năm học 2026-2027 đã có trong schools/le-khac-can/truong.yml" in again.err
    overlap = cli(
        "nam-hoc", "them", "2027-2028", "--bat-dau", "2027-05-01", "--ket-thuc", "2028-05-31",
        "--tuan-1", "2027-09-06", cwd=root,
    )  # fmt: skip
    assert overlap.code == 1
    assert (
        "năm học 2027-2028 (2027-05-01 đến 2028-05-31) trùng thời gian với năm học 2026-2027 "
        "(2026-09-05 đến 2027-05-31)" in overlap.err
    )
    bad = cli(
        "nam-hoc", "them", "2027-2028", "--bat-dau", "2027-09-05", "--ket-thuc", "2028-05-31",
        "--tuan-1", "2027-09-07", cwd=root,
    )  # fmt: skip
    assert bad.code == 2
    assert "tuan_1 phải là một ngày thứ Hai, nhận được 2027-09-07" in bad.err
    assert path.read_text(encoding="utf-8") == after


def test_an_overlapping_profile_is_refused_at_its_line(make_school: MakeSchool) -> None:
    root = make_school("le-khac-can")
    path = root / PROFILE
    text = path.read_text(encoding="utf-8").replace(
        "    bat_dau: 2026-09-05", "    bat_dau: 2026-05-01"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_school(root)
    wanted = next(i for i, t in enumerate(text.split("\n"), 1) if "bat_dau: 2026-05-01" in t)
    assert caught.value.render() == (
        f"{PROFILE}:{wanted}: năm học 2026-2027 trùng thời gian với năm học 2025-2026 "
        "(2025-09-05 đến 2026-05-31)"
    )


def test_insert_year_text_forms() -> None:
    year = Calendar(
        "2026-2027",
        date(2026, 9, 5),
        date(2027, 5, 31),
        date(2026, 9, 7),
        (Holiday(date(2027, 2, 1), date(2027, 2, 14), "Tết: Đinh Mùi", True),),
    )
    listed = "ma: x\nnam_hoc:\n# cũ\n- ma: 2025-2026\n  bat_dau: 2025-09-05\n\n\nnhan_su: []\n"
    assert insert_year(listed, year, "t.yml") == (
        "ma: x\nnam_hoc:\n# cũ\n- ma: 2025-2026\n  bat_dau: 2025-09-05\n- ma: 2026-2027\n"
        "  bat_dau: 2026-09-05\n  ket_thuc: 2027-05-31\n  tuan_1: 2026-09-07\n  nghi:\n"
        '    - tu: 2027-02-01\n      den: 2027-02-14\n      ly_do: "Tết: Đinh Mùi"\n'
        "      bo_qua_tuan: true\n\n\nnhan_su: []\n"
    )
    crlf = "nam_hoc:\r\n  ma: 2025-2026\r\n  bat_dau: 2025-09-05\r\n"
    out = insert_year(crlf, year, "t.yml")
    assert out.startswith(
        "nam_hoc:\r\n  - ma: 2025-2026\r\n    bat_dau: 2025-09-05\r\n  - ma: 2026"
    )
    with pytest.raises(ConfigError) as caught:
        insert_year("ma: x\nnam_hoc: {ma: 2025-2026}\n", year, "t.yml")
    assert caught.value.render().startswith("t.yml:2: không sửa tự động được khóa nam_hoc")
