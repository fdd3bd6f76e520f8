"""Deadline arithmetic and the school calendar, with property-based tests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hsdt.model.policy import CutoffReading, DeadlineKind, DeadlineRule
from hsdt.model.record import Record
from hsdt.model.school import Calendar, Holiday
from hsdt.model.timeutil import VN_TZ, at_time, end_of_day, format_moment, start_of_day, to_vn
from hsdt.rules.deadline import Window, effective_due, weekly_cutoff, window

CAL = Calendar(
    "2025-2026", date(2025, 9, 5), date(2026, 5, 31), date(2025, 9, 8),
    (Holiday(date(2026, 2, 14), date(2026, 2, 22), "Tết", skip_weeks=True),
     Holiday(date(2025, 9, 1), date(2025, 9, 2), "Quốc khánh", skip_weeks=False)),
)  # fmt: skip
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
weekday_sets = st.sets(st.integers(0, 6), min_size=1).map(lambda s: tuple(sorted(s)))
clocks = st.times().map(lambda t: t.replace(microsecond=0))


def record(**meta: object) -> Record:
    return Record("r.md", "x", {"nam_hoc": "2025-2026", **meta}, {}, "", 1, ())


def test_no_window_without_the_records_year() -> None:
    """A record whose year the profile does not describe gets no window (the calendar rule
    reports it as an error instead)."""
    rule = DeadlineRule(DeadlineKind.FIXED_DATE, day_month=(5, 9))
    assert window(rule, record(nam_hoc="2026-2027"), None) is None


@given(days, weekday_sets, clocks)
def test_weekly_cutoff_is_the_last_one_before_the_day(
    day: date, weekdays: tuple[int, ...], clock: time
) -> None:
    rule = DeadlineRule(DeadlineKind.WEEKLY_CUTOFF, "d", weekdays=weekdays, clock=clock)
    due = weekly_cutoff(day, rule)
    assert due < start_of_day(day)
    assert due >= start_of_day(day) - timedelta(days=7)
    assert due.weekday() in weekdays
    assert due.timetz() == clock.replace(tzinfo=VN_TZ)
    between = due.date() + timedelta(days=1)
    while between < day:  # no other cut-off lies between it and the day
        assert between.weekday() not in weekdays
        between += timedelta(days=1)


def test_sunday_and_wednesday_cutoffs() -> None:
    rule = DeadlineRule(DeadlineKind.WEEKLY_CUTOFF, "d", weekdays=(2, 6), clock=time(23, 59))
    at = lambda d: datetime(2025, 10, d, 23, 59, tzinfo=VN_TZ)  # noqa: E731
    assert weekly_cutoff(date(2025, 10, 13), rule) == at(12)  # Monday lesson → Sunday
    assert weekly_cutoff(date(2025, 10, 15), rule) == at(12)  # Wednesday → Sunday
    assert weekly_cutoff(date(2025, 10, 16), rule) == at(15)  # Thursday → Wednesday
    assert weekly_cutoff(date(2025, 10, 19), rule) == at(15)  # Sunday → Wednesday


@given(days, st.integers(0, 30))
def test_lead_days(day: date, lead: int) -> None:
    rule = DeadlineRule(DeadlineKind.LEAD_DAYS, "ngay_day", days=lead)
    found = window(rule, record(ngay_day=day), CAL)
    assert found is not None
    assert found.due == end_of_day(day - timedelta(days=lead))
    assert found.not_before is None


@given(st.integers(1, 38))
def test_week_numbers_round_trip_and_skip_tet(week: int) -> None:
    monday = CAL.week_monday(week)
    assert monday.weekday() == 0
    assert CAL.week_of(monday) == week
    assert CAL.week_of(monday + timedelta(days=6)) == week
    assert not date(2026, 2, 16) <= monday <= date(2026, 2, 22)


def test_week_numbering_examples() -> None:
    assert CAL.week_monday(1) == date(2025, 9, 8)
    assert CAL.week_monday(6) == date(2025, 10, 13)
    assert CAL.week_of(date(2026, 2, 18)) is None  # Tết week is not counted
    assert CAL.week_monday(23) == date(2026, 2, 9)
    assert CAL.week_monday(24) == date(2026, 2, 23)  # the week after Tết follows on
    assert CAL.week_of(date(2025, 9, 7)) is None


def test_before_week_uses_the_calendar() -> None:
    rule = DeadlineRule(DeadlineKind.BEFORE_WEEK, "tuan")
    found = window(rule, record(tuan=6), CAL)
    assert found is not None
    assert found.due == datetime(2025, 10, 12, 23, 59, 59, tzinfo=VN_TZ)
    assert window(rule, record(tuan=6, nam_hoc="2024-2025"), CAL) is None
    by_date = window(rule, record(tuan=date(2025, 10, 15)), CAL)
    assert by_date is not None
    assert by_date.due == found.due


@given(st.integers(2000, 2090), st.integers(1, 12), st.integers(1, 28))
def test_fixed_dates_fall_in_the_right_year(first: int, month: int, day: int) -> None:
    """``05/09`` and ``31/05`` land in the record's own school year (its calendar)."""
    rule = DeadlineRule(DeadlineKind.FIXED_DATE, day_month=(day, month))
    year = Calendar(
        f"{first}-{first + 1}", date(first, 9, 5), date(first + 1, 5, 31), date(first, 9, 7)
    )
    found = window(rule, record(nam_hoc=year.year), year)
    assert found is not None
    assert found.due is not None
    limit = date(first if month >= 9 else first + 1, month, day)
    assert found.due == end_of_day(limit - timedelta(days=1))


def test_after_anchor_window() -> None:
    rule = DeadlineRule(DeadlineKind.AFTER_ANCHOR, "ngay_hop", days=2)
    found = window(rule, record(ngay_hop=date(2025, 10, 15)), CAL)
    assert found is not None
    assert found.not_before == start_of_day(date(2025, 10, 15))
    assert found.due == end_of_day(date(2025, 10, 17))
    assert window(rule, record(), CAL) is None


def test_effective_due_is_the_earliest() -> None:
    rules = (
        DeadlineRule(DeadlineKind.LEAD_DAYS, "ngay_day", days=3),
        DeadlineRule(DeadlineKind.WEEKLY_CUTOFF, "ngay_day", weekdays=(2, 6), clock=time(23, 59)),
    )
    assert effective_due(rules, record(ngay_day=date(2025, 10, 16)), CAL) == end_of_day(
        date(2025, 10, 13)
    )
    assert effective_due(rules, record(ngay_day=date(2025, 10, 13)), CAL) == end_of_day(
        date(2025, 10, 10)
    )
    assert effective_due(rules, record(), CAL) is None


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1),
                    timezones=st.sampled_from([VN_TZ, None])))  # fmt: skip
def test_moments_are_shown_in_vietnam_time(moment: datetime) -> None:
    local = to_vn(moment)
    assert local.utcoffset() == timedelta(hours=7)
    assert format_moment(moment).endswith("(+07:00)")
    assert format_moment(moment).startswith(local.strftime("%Y-%m-%d %H:%M"))


@given(days, weekday_sets, clocks, st.integers(0, 14))
def test_cutoff_with_lead_is_the_latest_leaving_the_lead(
    day: date, weekdays: tuple[int, ...], clock: time, lead: int
) -> None:
    """``cach_tinh: du_so_ngay``: the latest cut-off not after the end of ``day - lead``."""
    rule = DeadlineRule(
        DeadlineKind.WEEKLY_CUTOFF,
        "d",
        days=lead,
        weekdays=weekdays,
        clock=clock,
        reading=CutoffReading.WITH_LEAD,
    )
    due = weekly_cutoff(day, rule)
    limit = end_of_day(day - timedelta(days=lead))
    assert due <= limit
    assert due > limit - timedelta(days=8)
    assert due.weekday() in weekdays
    later = due.date() + timedelta(days=1)
    while at_time(later, clock) <= limit:  # no later cut-off still leaves the lead
        assert later.weekday() not in weekdays
        later += timedelta(days=1)


def test_two_batches_examples() -> None:
    rule = DeadlineRule(
        DeadlineKind.WEEKLY_CUTOFF,
        "d",
        days=3,
        weekdays=(2, 6),
        clock=time(23, 59),
        reading=CutoffReading.WITH_LEAD,
    )
    at = lambda d: datetime(2025, 10, d, 23, 59, tzinfo=VN_TZ)  # noqa: E731
    assert weekly_cutoff(date(2025, 10, 20), rule) == at(15)  # Monday lesson → Wednesday
    assert weekly_cutoff(date(2025, 10, 22), rule) == at(19)  # Wednesday → Sunday (3 days)
    assert weekly_cutoff(date(2025, 10, 23), rule) == at(19)  # Thursday → Sunday
    assert weekly_cutoff(date(2025, 10, 25), rule) == at(22)  # Saturday → Wednesday


def test_not_before_a_fixed_date() -> None:
    rule = DeadlineRule(DeadlineKind.NOT_BEFORE_DATE, day_month=(1, 9))
    found = window(rule, record(), CAL)
    assert found == Window(start_of_day(date(2025, 9, 1)), None)


def test_after_the_meeting_end() -> None:
    rule = DeadlineRule(DeadlineKind.AFTER_ANCHOR, "ngay_hop", anchor_time="gio_ket_thuc", hours=48)
    found = window(rule, record(ngay_hop=date(2025, 10, 15), gio_ket_thuc=time(16, 30)), CAL)
    ended = datetime(2025, 10, 15, 16, 30, tzinfo=VN_TZ)
    assert found == Window(ended, ended + timedelta(hours=48))
    without_time = window(rule, record(ngay_hop=date(2025, 10, 15)), CAL)
    assert without_time is not None
    assert without_time.not_before == start_of_day(date(2025, 10, 15))
    by_days = DeadlineRule(
        DeadlineKind.AFTER_ANCHOR, "ngay_hop", days=1, anchor_time="gio_ket_thuc", hours=48
    )
    both = window(by_days, record(ngay_hop=date(2025, 10, 15), gio_ket_thuc=time(16, 30)), CAL)
    assert both == Window(ended, end_of_day(date(2025, 10, 16)))  # the earlier of the two
