"""The demo week in the school year of today (hsdt.demoweek, scripts/demo_week.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from hsdt.demoweek import (
    DemoWeek,
    WeekChoice,
    add_year_command,
    choose_week,
    demo_today,
    fill,
    materialise,
    next_year,
    plan_demo,
    shell_variables,
    week_numbered,
    years_to_add,
)
from hsdt.errors import ConfigError, UsageError
from hsdt.load.profile import load_profile_dir
from hsdt.load.types import DATA_DIR
from hsdt.model.school import Calendar, Holiday
from tests.conftest import PROJECT
from tests.samples import DEMO_WEEK, LESSON_REL

TET_2027 = Holiday(date(2027, 2, 1), date(2027, 2, 14), "Nghỉ Tết Nguyên đán", True)
DERIVED_2027_2028 = Calendar(
    "2027-2028",
    date(2027, 9, 5),
    date(2028, 5, 31),
    date(2027, 9, 6),
    (
        Holiday(date(2027, 9, 1), date(2027, 9, 2), "Quốc khánh", False),
        Holiday(date(2028, 2, 1), date(2028, 2, 14), "Nghỉ Tết Nguyên đán", True),
    ),
)


def builtin_calendars() -> tuple[Calendar, ...]:
    folder = DATA_DIR / "profiles" / "le-khac-can"
    return load_profile_dir(folder, "le-khac-can").calendars


def test_today_in_2026_2027_replays_its_week_6() -> None:
    plan = plan_demo(builtin_calendars(), date(2026, 12, 2))
    assert plan.added == ()
    assert plan.week == DemoWeek("2026-2027", 6, date(2026, 10, 12), WeekChoice.PREFERRED)
    assert plan.describe().render("vi") == (
        "Tuần demo: tuần 6 năm học 2026-2027 (12–17/10/2026), vì tuần 6 đã qua (hôm nay 02/12/2026)"
    )
    assert plan.describe().render("en") == (
        "Demo week: week 6 of school year 2026-2027 (12–17/10/2026), as week 6 is over "
        "(today is 02/12/2026)"
    )


def test_a_new_year_is_derived_and_its_first_week_taken_before_any_is_over() -> None:
    plan = plan_demo(builtin_calendars(), date(2027, 9, 10))  # Friday of week 1
    assert plan.added == (DERIVED_2027_2028,)
    assert plan.week == DemoWeek("2027-2028", 1, date(2027, 9, 6), WeekChoice.FIRST)
    assert add_year_command(DERIVED_2027_2028) == (
        "hsdt nam-hoc them 2027-2028 --bat-dau 2027-09-05 --ket-thuc 2028-05-31 "
        "--tuan-1 2027-09-06 --nghi '2027-09-01:2027-09-02:Quốc khánh' "
        "--nghi-bo-qua-tuan '2028-02-01:2028-02-14:Nghỉ Tết Nguyên đán'"
    )
    assert "tuần học đầu tiên" in plan.describe().render("vi")


def test_later_in_the_derived_year_week_6_is_replayed() -> None:
    plan = plan_demo(builtin_calendars(), date(2028, 3, 1))
    assert plan.added == (DERIVED_2027_2028,)
    assert plan.week == DemoWeek("2027-2028", 6, date(2027, 10, 11), WeekChoice.PREFERRED)
    assert plan.week.span == "11–16/10/2027"


def test_today_in_the_tet_holiday_still_replays_week_6() -> None:
    assert TET_2027 in next(c for c in builtin_calendars() if c.year == "2026-2027").holidays
    plan = plan_demo(builtin_calendars(), date(2027, 2, 8))
    assert plan.week == DemoWeek("2026-2027", 6, date(2026, 10, 12), WeekChoice.PREFERRED)


MID_TERM = Calendar(
    "2030-2031",
    date(2030, 9, 2),
    date(2031, 5, 31),
    date(2030, 9, 2),
    (Holiday(date(2030, 9, 30), date(2030, 10, 6), "Nghỉ giữa kỳ", True),),
)


def test_inside_a_holiday_week_before_week_6_the_last_week_over_is_replayed() -> None:
    week = choose_week(MID_TERM, date(2030, 10, 2))
    assert week == DemoWeek("2030-2031", 4, date(2030, 9, 23), WeekChoice.LAST_OVER)
    # the holiday week is not numbered: week 5 follows it, and week 6 the week after
    assert choose_week(MID_TERM, date(2030, 10, 21)).number == 6
    assert choose_week(MID_TERM, date(2030, 10, 21)).monday == date(2030, 10, 14)


def test_a_week_6_with_a_day_off_is_passed_over() -> None:
    day_off = Holiday(date(2030, 10, 8), date(2030, 10, 8), "Nghỉ bù", False)
    calendar = Calendar(
        "2030-2031", date(2030, 9, 2), date(2031, 5, 31), date(2030, 9, 2), (day_off,)
    )
    week = choose_week(calendar, date(2030, 10, 30))  # Wednesday of week 9
    assert week == DemoWeek("2030-2031", 8, date(2030, 10, 21), WeekChoice.LAST_OVER)
    assert "tuần học gần nhất đã kết thúc" in plan_demo(
        [calendar], date(2030, 10, 30)
    ).describe().render("vi")


def test_a_week_is_over_once_its_sunday_has_passed() -> None:
    assert choose_week(MID_TERM, date(2030, 9, 15)).number == 1  # Sunday of week 2
    assert choose_week(MID_TERM, date(2030, 9, 16)).number == 2


def test_years_are_added_one_after_another_each_from_the_one_before() -> None:
    only_first = builtin_calendars()[:1]
    added = years_to_add(only_first, date(2028, 3, 1))
    assert [c.year for c in added] == ["2026-2027", "2027-2028"]
    assert added[0].week1 == date(2026, 9, 7)  # 52 weeks after 2025-09-08
    assert added[1] == next_year(added[0])


def test_a_year_before_the_profile_is_refused() -> None:
    with pytest.raises(UsageError) as caught:
        years_to_add(builtin_calendars(), date(2024, 10, 1))
    assert caught.value.render("vi") == (
        "hôm nay (2024-10-01) thuộc năm học 2024-2025, trước năm học đầu tiên của hồ sơ "
        "(2025-2026): demo chỉ thêm năm học mới"
    )


def test_next_year_keeps_mondays_and_moves_29_february() -> None:
    leap = Calendar(
        "2027-2028",
        date(2027, 9, 5),
        date(2028, 5, 31),
        date(2027, 9, 6),
        (Holiday(date(2028, 2, 29), date(2028, 2, 29), "Nghỉ", False),),
    )
    after = next_year(leap)
    assert after.year == "2028-2029"
    assert after.week1 == date(2028, 9, 4)
    assert after.week1.weekday() == 0
    assert after.holidays == (Holiday(date(2029, 2, 28), date(2029, 2, 28), "Nghỉ", False),)


def test_demo_today_comes_from_the_environment() -> None:
    assert demo_today({"HSDT_DEMO_TODAY": "2027-09-10"}) == date(2027, 9, 10)
    with pytest.raises(UsageError) as caught:
        demo_today({"HSDT_DEMO_TODAY": "10/9/2027"})
    assert caught.value.render("vi") == (
        "HSDT_DEMO_TODAY phải là ngày dạng YYYY-MM-DD, nhận được '10/9/2027'"
    )


def test_an_unknown_placeholder_is_refused() -> None:
    with pytest.raises(ConfigError) as caught:
        fill("ngay_day: {{thu_muoi}}\n", {"thu_hai": "2026-10-12"}, "mau.md")
    assert caught.value.render("vi") == (
        "mau.md: mẫu hồ sơ demo có chỗ điền không biết 'thu_muoi' (biết: thu_hai)"
    )


def test_the_templates_filled_for_week_6_of_2025_2026() -> None:
    calendar = builtin_calendars()[0]
    files = materialise(DEMO_WEEK, week_numbered(calendar, 6, WeekChoice.PREFERRED))
    assert sorted(files) == [
        LESSON_REL,
        "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-17-so-sanh-phan-so.md",
        "records/2025-2026/to-tieu-hoc/gv-th-03/khbd-tieu-hoc/2025-10-15-bai-doc-ngay-hoi-doc-sach.md",
    ]
    head = files[LESSON_REL].split("\n---\n")[0]
    assert "\nnam_hoc: 2025-2026\n" in head
    assert "\nngay_day: 2025-10-16\n" in head
    assert "\ntuan: 6\n" in head
    assert not any("{{" in text for text in files.values())


def test_shell_variables_are_offsets_from_the_week() -> None:
    plan = plan_demo(builtin_calendars(), date(2026, 12, 2))
    values = shell_variables(plan)
    assert values["DEMO_CN_TRUOC"] == "2026-10-11"
    assert values["DEMO_THU_SAU_TRUOC"] == "2026-10-09"
    assert values["DEMO_THU_TU"] == "2026-10-14"
    assert values["DEMO_DM_THU_NAM"] == "15/10"
    assert values["DEMO_CHU_NHAT"] == "2026-10-18"
    assert values["DEMO_THE_TUAN"] == "tuan-06-2026-2027"
    assert values["DEMO_KHOI_TAO"] == "2026-08-31"
    assert DemoWeek("2026-2027", 4, date(2026, 9, 28), WeekChoice.LAST_OVER).span == (
        "28/9–3/10/2026"
    )


def _bash(script: str, cwd: Path, today: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HSDT_DEMO_TODAY": today,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("today", ["2026-12-02", "2027-09-10", "2028-03-01", "2027-02-08"])
def test_the_demo_week_passes_the_server_checks_in_the_year_of_today(
    today: str, make_school: Callable[..., Path]
) -> None:
    """What scripts/demo.sh does with the script: add the missing year with hsdt nam-hoc them,
    write the week, check it on time (the Sunday before) and the late lesson refused."""
    root = make_school("le-khac-can")
    script = PROJECT / "scripts" / "demo_week.py"
    done = _bash(
        f'eval "$({sys.executable} {script} env)"\n'
        'for cmd in "${DEMO_THEM_NAM_HOC[@]}"; do eval "$cmd"; done\n'
        f'{sys.executable} {script} ghi . --nam-hoc "$DEMO_NAM_HOC" --tuan "$DEMO_TUAN"\n'
        'hsdt check --all --at "${DEMO_CN_TRUOC}T20:00"\n'
        'late=(records/"$DEMO_NAM_HOC"/to-tieu-hoc/gv-th-03/khbd-tieu-hoc/*.md)\n'
        'if hsdt check "${late[@]}" --at "${DEMO_THU_HAI}T07:30"; then exit 9; fi\n'
        'echo "$DEMO_GHI_CHU"\n',
        root,
        today,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    year = plan_demo(builtin_calendars(), date.fromisoformat(today)).week.year
    assert f"năm học {year}" in done.stdout
    assert "Đã kiểm tra 3 hồ sơ: không có lỗi." in done.stderr
    assert "Đã kiểm tra 1 hồ sơ: 1 lỗi" in done.stderr  # the Sunday batch, 3 days ahead
    assert "[han-nop]" in done.stdout
    assert len(list((root / "records" / year).rglob("*.md"))) == 3
