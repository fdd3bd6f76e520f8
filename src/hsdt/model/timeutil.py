"""Time in Vietnam: every date and time hsdt reasons about is in Asia/Ho_Chi_Minh.

Asia/Ho_Chi_Minh has been UTC+07:00 without daylight saving since 1975, so a fixed offset is
exactly that zone for every date a school record can carry, and it spares ``hsdt check`` (run
on every commit) the import of zoneinfo and its time zone database.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "+07:00")
"""Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving since 1975)."""

WEEKDAYS = ("thu_hai", "thu_ba", "thu_tu", "thu_nam", "thu_sau", "thu_bay", "chu_nhat")
"""Profile spelling of the weekdays, Monday first (index = ``date.weekday()``)."""

WEEKDAY_NAMES_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def start_of_day(day: date) -> datetime:
    """00:00 of ``day`` in Vietnam."""
    return datetime.combine(day, time(0, 0), tzinfo=VN_TZ)


def end_of_day(day: date) -> datetime:
    """23:59:59 of ``day`` in Vietnam (deadlines 'by day X' close then)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=VN_TZ)


def at_time(day: date, clock: time) -> datetime:
    """``day`` at ``clock`` in Vietnam."""
    return datetime.combine(day, clock, tzinfo=VN_TZ)


def monday_of(day: date) -> date:
    """The Monday of the ISO week that contains ``day``."""
    return day - timedelta(days=day.weekday())


def to_vn(moment: datetime) -> datetime:
    """``moment`` seen in Vietnam; a naive datetime is taken to be Vietnamese local time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ)


def format_moment(moment: datetime) -> str:
    """``2025-10-12 23:59 (+07:00)``: how deadlines and times are shown to users."""
    local = to_vn(moment)
    return local.strftime("%Y-%m-%d %H:%M") + " (+07:00)"


def weekday_name(index: int, lang: str) -> str:
    """The weekday's name in ``lang`` (``vi`` or ``en``)."""
    return (WEEKDAY_NAMES_EN if lang == "en" else WEEKDAY_NAMES_VI)[index]
