"""``hsdt.report.expected``: the periods of tag names, the records the built-in profiles' rules
expect (weekly, daily, yearly by fixed date; teaching weeks, Tết skipped, holidays), what they
cannot tell, and the matching of expectations with the records present."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from hsdt.load.profile import load_school
from hsdt.model.policy import Cadence
from hsdt.model.school import School
from hsdt.report.expected import (
    Period,
    PeriodKind,
    Status,
    Unknown,
    expected_for_tag,
    expected_records,
    match,
    period_of_tag,
    present_record,
)


@pytest.fixture
def lkc(make_school: Callable[..., Path]) -> School:
    return load_school(make_school("le-khac-can"))


def test_the_period_of_each_tag_convention(lkc: School) -> None:
    week = period_of_tag("tuan-06-2025-2026", lkc)
    assert week == Period(
        "tuan-06-2025-2026", PeriodKind.WEEK, "2025-2026", date(2025, 10, 13), date(2025, 10, 19)
    )
    # week 24 is the first after Tết (2026-02-16..22 is skipped: bo_qua_tuan)
    after_tet = period_of_tag("tuan-24-2025-2026", lkc)
    assert isinstance(after_tet, Period)
    assert after_tet.first == date(2026, 2, 23)
    # hk1 of Lê Khắc Cẩn: its lock of the same id gives both days
    semester = period_of_tag("hk1-2025-2026", lkc)
    assert isinstance(semester, Period)
    assert (semester.kind, semester.first, semester.last) == (
        PeriodKind.SEMESTER,
        date(2025, 9, 5),
        date(2026, 1, 10),
    )
    year = period_of_tag("nam-hoc-2025-2026", lkc)
    assert isinstance(year, Period)
    assert (year.first, year.last) == (date(2025, 9, 5), date(2026, 5, 31))


def test_periods_the_profile_cannot_tell_are_said_not_guessed(lkc: School) -> None:
    cases = {
        "tuan-06-nhe": "thẻ 'tuan-06-nhe' không theo quy ước kỳ lưu trữ",
        "tuan-06-2030-2031": "hồ sơ nhà trường không mô tả năm học 2030-2031",
        "tuan-60-2025-2026": "năm học 2025-2026 không có tuần 60",
        "hk2-2025-2026": "không cho biết học kỳ bắt đầu, kết thúc khi nào; khai hoc_ky_2",
    }
    for name, text in cases.items():
        found = period_of_tag(name, lkc)
        assert isinstance(found, Unknown), name
        assert text in found.reason.render("vi"), name
        assert found.type_id is None
    plain = expected_for_tag(lkc, "tuan-06-nhe")
    assert (plain.period, plain.expected) == (None, ())
    assert len(plain.unknown) == 1


def test_semesters_from_hoc_ky_2(make_school: Callable[..., Path]) -> None:
    root = make_school("le-khac-can")
    profile = root / "schools" / "le-khac-can" / "truong.yml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        text.replace(
            "    tuan_1: 2025-09-08\n", "    tuan_1: 2025-09-08\n    hoc_ky_2: 2026-01-19\n"
        ),
        encoding="utf-8",
    )
    school = load_school(root)
    second = period_of_tag("hk2-2025-2026", school)
    assert isinstance(second, Period)
    assert (second.first, second.last) == (date(2026, 1, 19), date(2026, 5, 31))
    profile.write_text(
        text.replace(
            "    tuan_1: 2025-09-08\n", "    tuan_1: 2025-09-08\n    hoc_ky_2: 2027-01-19\n"
        ),
        encoding="utf-8",
    )
    from hsdt.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        load_school(root)
    assert "hoc_ky_2 (ngày đầu học kỳ II) phải nằm sau bat_dau" in caught.value.render()


def test_weekly_schedules_per_teacher_and_what_the_rules_cannot_tell(lkc: School) -> None:
    found = expected_for_tag(lkc, "tuan-06-2025-2026")
    assert {e.type_id for e in found.expected} == {"bao-giang"}
    owners = [e.owner for e in found.expected]
    # every teacher of a group whose level the type serves, once
    assert owners == sorted(
        [
            "gv-toan-01",
            "gv-toan-02",
            "gv-toan-03",
            "gv-van-01",
            "gv-van-02",
            "gv-th-01",
            "gv-th-02",
            "gv-th-03",
        ]
    )
    first = found.expected[0]
    assert (first.cadence, first.week, first.first, first.last) == (
        Cadence.WEEKLY,
        6,
        date(2025, 10, 13),
        date(2025, 10, 19),
    )
    unknown = {u.type_id: u.reason.render("vi") for u in found.unknown}
    # lesson plans follow the timetable, minutes follow meetings: not guessed
    assert "khbd-trung-hoc" in unknown
    assert "bien-ban-hop-to" in unknown
    assert "quy chế không cho biết kỳ này cần bao nhiêu hồ sơ" in unknown["khbd-trung-hoc"]


def test_weeks_around_tet_and_the_semester(lkc: School) -> None:
    expected, _unknown = expected_records(lkc, date(2026, 2, 9), date(2026, 3, 1))
    weeks = sorted({e.week for e in expected if e.type_id == "bao-giang"})
    # 9-15 Feb is week 23; 16-22 Feb (Tết) expects nothing; 23 Feb-1 Mar is week 24
    assert weeks == [23, 24]
    semester = expected_for_tag(lkc, "hk1-2025-2026")
    per_teacher = Counter(e.owner for e in semester.expected)
    # weeks 1 (8 Sep) to 18 (5-11 Jan, holding the lock's last day 10 Jan)
    assert set(per_teacher.values()) == {18}


def test_daily_plans_skip_weekends_and_holidays(make_school: Callable[..., Path]) -> None:
    school = load_school(make_school("mam-non-hm"))
    expected, _ = expected_records(school, date(2025, 12, 29), date(2026, 1, 4))
    days = sorted({e.first for e in expected if e.type_id == "kh-ngay-mn"})
    # 1 Jan is Tết Dương lịch; 3-4 Jan are the weekend
    assert days == [date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 2)]
    weekly = {e.week for e in expected if e.type_id == "kh-tuan-mn"}
    assert len(weekly) == 1


def test_yearly_plans_are_expected_in_the_period_of_their_fixed_date(
    make_school: Callable[..., Path],
) -> None:
    school = load_school(make_school("duong-kinh"))
    early = expected_for_tag(school, "hk1-2025-2026")
    school_plan = [e for e in early.expected if e.type_id == "kh-nha-truong"]
    assert len(school_plan) == 1
    assert (school_plan[0].due, school_plan[0].cadence, school_plan[0].author) == (
        date(2025, 9, 5),
        Cadence.YEARLY,
        "truong",
    )
    group_plans = [e for e in early.expected if e.type_id == "kh-day-hoc-to"]
    assert [e.group for e in group_plans] == sorted(g for g in school.groups if g != "to-van-phong")
    later = expected_for_tag(school, "tuan-10-2025-2026")
    assert not [e for e in later.expected if e.type_id == "kh-nha-truong"]


def test_matching_names_missing_unapproved_unsigned_and_done(lkc: School) -> None:
    found = expected_for_tag(lkc, "tuan-06-2025-2026")
    base = "records/2025-2026/to-khtn/{who}/bao-giang/tuan-06.md"
    records = [
        present_record(base.format(who="gv-toan-01"), {"tuan": 6}, lkc, approved=True, signed=True),
        present_record(
            base.format(who="gv-toan-02"), {"tuan": 6}, lkc, approved=False, signed=False
        ),
        present_record(
            base.format(who="gv-toan-03"), {"tuan": 6}, lkc, approved=True, signed=False
        ),
        # another week's schedule does not answer week 6
        present_record(
            "records/2025-2026/to-khxh/gv-van-01/bao-giang/tuan-07.md",
            {"tuan": 7},
            lkc,
            approved=True,
            signed=True,
        ),
        # off the path convention: nothing
        present_record("notes.md", {}, lkc, approved=True, signed=True),
    ]
    assert records[-1] is None
    findings = {f.expected.owner: f for f in match(found.expected, [r for r in records if r])}
    assert findings["gv-toan-01"].status is Status.OK
    assert findings["gv-toan-02"].status is Status.UNAPPROVED
    assert findings["gv-toan-03"].status is Status.UNSIGNED
    assert findings["gv-van-01"].status is Status.MISSING
    assert findings["gv-van-01"].paths == ()
    assert findings["gv-toan-02"].as_dict() == {
        "loai": "bao-giang",
        "tan_suat": "hang_tuan",
        "nam_hoc": "2025-2026",
        "to": "to-khtn",
        "giao_vien": "gv-toan-02",
        "tuan": 6,
        "tu_ngay": "2025-10-13",
        "den_ngay": "2025-10-19",
        "han": None,
        "trang_thai": "chua_duyet",
        "ho_so": [base.format(who="gv-toan-02")],
    }


def test_a_dated_record_answers_its_day(make_school: Callable[..., Path]) -> None:
    school = load_school(make_school("mam-non-hm"))
    expected, _ = expected_records(school, date(2025, 12, 29), date(2025, 12, 29))
    daily = [e for e in expected if e.type_id == "kh-ngay-mn"]
    teacher = daily[0]
    assert teacher.group is not None
    assert teacher.owner is not None
    path = f"records/2025-2026/{teacher.group}/{teacher.owner}/kh-ngay-mn/2025-12-29-be-vui.md"
    present = present_record(path, {"ngay": "2025-12-29"}, school, approved=True, signed=True)
    wrong_day = present_record(
        path.replace("12-29", "12-30"), {"ngay": "2025-12-30"}, school, approved=True, signed=True
    )
    assert present is not None
    assert wrong_day is not None
    (finding,) = match([teacher], [present, wrong_day])
    assert (finding.status, finding.paths) == (Status.OK, (path,))
