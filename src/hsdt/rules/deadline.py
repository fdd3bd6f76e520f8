"""Deadlines: when a record must be submitted (or approved), judged at a given moment.

The arithmetic is pure (:func:`window`) so that the local hook, CI and the server's hook
compute the same due times; only the moment differs. On a teacher's machine the moment is the
clock, which proves nothing, so problems are warnings; on the server it is the receive time and
they refuse the record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from hsdt.i18n import msg
from hsdt.model.policy import (
    CutoffReading,
    DeadlineKind,
    DeadlineRule,
    TypePolicy,
    WeekdayReading,
)
from hsdt.model.problem import Problem, Severity
from hsdt.model.record import Record
from hsdt.model.school import Calendar
from hsdt.model.timeutil import (
    WEEKDAYS,
    at_time,
    end_of_day,
    format_moment,
    monday_of,
    start_of_day,
    to_vn,
)
from hsdt.rules.context import CheckContext
from hsdt.rules.years import record_calendar

RULE = "han-nop"
RULE_WEEKDAY = "ngay-nop"


@dataclass(frozen=True)
class Window:
    """When a record may be submitted under one rule."""

    not_before: datetime | None
    """Earliest acceptable moment (minutes after the meeting), or None."""
    due: datetime | None
    """Latest acceptable moment, or None."""


def window(rule: DeadlineRule, record: Record, calendar: Calendar | None) -> Window | None:
    """The window ``rule`` gives ``record`` in its school year's ``calendar``
    (:func:`hsdt.rules.years.record_calendar`); None when the record lacks what the rule needs
    or its year is not described (the calendar rule reports that as an error)."""
    if calendar is None:
        return None
    if rule.kind is DeadlineKind.FIXED_DATE:
        if rule.day_month is None:
            return None
        day, month = rule.day_month
        limit = calendar.fixed_date(day, month)
        return Window(None, end_of_day(limit - timedelta(days=1)))
    if rule.kind is DeadlineKind.NOT_BEFORE_DATE:
        if rule.day_month is None:
            return None
        day, month = rule.day_month
        return Window(start_of_day(calendar.fixed_date(day, month)), None)
    anchor = record.meta.get(rule.anchor or "")
    if rule.kind is DeadlineKind.BEFORE_WEEK:
        if isinstance(anchor, int) and not isinstance(anchor, bool):
            if record.get_str("nam_hoc") != calendar.year or anchor < 1:
                return None
            monday = calendar.week_monday(anchor)
        elif isinstance(anchor, date):
            monday = monday_of(anchor)
        else:
            return None
        return Window(None, start_of_day(monday) - timedelta(seconds=1))
    if not isinstance(anchor, date):
        return None
    if rule.kind is DeadlineKind.LEAD_DAYS:
        return Window(None, end_of_day(anchor - timedelta(days=rule.days or 0)))
    if rule.kind is DeadlineKind.WEEKLY_CUTOFF:
        return Window(None, weekly_cutoff(anchor, rule))
    if rule.kind is DeadlineKind.AFTER_ANCHOR:
        clock = record.meta.get(rule.anchor_time or "")
        # Without the time (reported by check()) the whole meeting day is open.
        start = at_time(anchor, clock) if isinstance(clock, time) else start_of_day(anchor)
        due = None if rule.days is None else end_of_day(anchor + timedelta(days=rule.days))
        if rule.hours is not None:
            by_hours = start + timedelta(hours=rule.hours)
            due = by_hours if due is None else min(due, by_hours)
        return Window(start, due)
    raise AssertionError(rule.kind)  # pragma: no cover


def weekly_cutoff(day: date, rule: DeadlineRule) -> datetime:
    """The cut-off (one of ``rule.weekdays`` at ``rule.clock``) that binds a record dated
    ``day``: under :attr:`CutoffReading.NEAREST` the last one before ``day`` begins; under
    :attr:`CutoffReading.WITH_LEAD` the latest one not after the end of the day ``rule.days``
    days before ``day`` (the lead the cut-off must still leave)."""
    if rule.reading is CutoffReading.WITH_LEAD:
        return last_cutoff_by(end_of_day(day - timedelta(days=rule.days or 0)), rule)
    return last_cutoff_by(start_of_day(day) - timedelta(microseconds=1), rule)


def last_cutoff_by(limit: datetime, rule: DeadlineRule) -> datetime:
    """The latest cut-off of ``rule`` at or before ``limit``."""
    for back in range(8):
        candidate = limit.date() - timedelta(days=back)
        if candidate.weekday() in rule.weekdays:
            moment = at_time(candidate, rule.clock)
            if moment <= limit:
                return moment
    raise AssertionError("a week always holds a cut-off")  # pragma: no cover


def last_weekday_before(day: date, weekdays: tuple[int, ...]) -> date:
    """The last of ``weekdays`` strictly before ``day``."""
    for back in range(1, 8):
        candidate = day - timedelta(days=back)
        if candidate.weekday() in weekdays:
            return candidate
    raise AssertionError("a week always holds one of the weekdays")  # pragma: no cover


def weekday_limit(
    policy: TypePolicy, weekdays: tuple[int, ...], record: Record | None, date_key: str | None
) -> tuple[date, date] | None:
    """Under "no later than" (``cach_hieu_thu: cham_nhat_vao_thu``): (the record's main date,
    the last of ``weekdays`` before it), the day by whose end a submission or approval made on
    another weekday must come. None under "only on", or when the record has no main date."""
    if policy.weekday_reading is not WeekdayReading.NO_LATER_THAN or record is None:
        return None
    main = record.get_date(date_key) if date_key else None
    if main is None:
        return None
    return main, last_weekday_before(main, weekdays)


def weekday_problem(
    policy: TypePolicy,
    weekdays: tuple[int, ...],
    at: datetime,
    record: Record | None,
    date_key: str | None,
) -> tuple[str, dict[str, str]] | None:
    """Why a moment ``at`` breaks a weekday rule (``nop_vao_thu``/``duyet_vao_thu``): None
    when it does not; else ("only", args) under "only on", or ("no_later", args) under "no
    later than" when it comes after the last allowed day before the record's main date."""
    at = to_vn(at)
    if not weekdays or at.weekday() in weekdays:
        return None
    days = _days(weekdays)
    if policy.weekday_reading is WeekdayReading.ONLY_ON:
        return "only", {"at": format_moment(at), "weekdays": days}
    found = weekday_limit(policy, weekdays, record, date_key)
    if found is None or at <= end_of_day(found[1]):
        return None  # early, or nothing to be early for: the deadlines judge it
    main, last = found
    return "no_later", {
        "at": format_moment(at),
        "weekdays": days,
        "day": main.isoformat(),
        "last": f"{_days((last.weekday(),))} {last.isoformat()}",
    }


def effective_due(
    rules: tuple[DeadlineRule, ...], record: Record, calendar: Calendar | None
) -> datetime | None:
    """The earliest due time of all ``rules`` (the one a teacher must meet)."""
    dues = [w.due for r in rules if (w := window(r, record, calendar)) and w.due is not None]
    return min(dues) if dues else None


def check(record: Record, ctx: CheckContext) -> Iterator[Problem]:
    """Late, too early, near the deadline, or on a day the school does not take submissions."""
    policy = ctx.school.policy.types.get(record.type_id)
    if policy is None:
        return
    at = to_vn(ctx.at)
    late = Severity.ERROR if ctx.server else Severity.WARNING
    line = 1
    calendar = record_calendar(record, ctx.school)
    for rule in policy.deadlines:
        found = window(rule, record, calendar)
        if found is None:
            continue
        line = record.line_of(rule.anchor) if rule.anchor else 1
        if rule.anchor_time and not isinstance(record.meta.get(rule.anchor_time), time):
            yield Problem(
                record.path,
                line,
                RULE,
                msg("deadline.need_time", key=rule.anchor_time, anchor=rule.anchor or ""),
            )
        if found.not_before is not None and at < found.not_before:
            yield Problem(
                record.path,
                line,
                RULE,
                msg(
                    "deadline.too_early",
                    at=format_moment(at),
                    start=format_moment(found.not_before),
                ),
                late,
            )
        if found.due is None:
            continue
        if at > found.due:
            yield Problem(
                record.path,
                line,
                RULE,
                msg(
                    _late_key(rule, found),
                    at=format_moment(at),
                    due=format_moment(found.due),
                    days=rule.days or 0,
                    weekdays=_days(rule.weekdays),
                    day=_anchor_text(record, rule),
                    hours=rule.hours or 0,
                ),
                late,
            )
        elif not ctx.server and found.due - at <= timedelta(hours=ctx.school.policy.warn_hours):
            yield Problem(
                record.path,
                line,
                RULE,
                msg("deadline.near", due=format_moment(found.due)),
                Severity.WARNING,
            )
    record_type = ctx.school.types.get(record.type_id)
    date_key = record_type.date_key if record_type is not None else None
    broken = weekday_problem(policy, policy.submit_weekdays, at, record, date_key)
    if broken is not None:
        how, args = broken
        key = "deadline.weekday" if how == "only" else "deadline.weekday_no_later"
        where = 1 if how == "only" or date_key is None else record.line_of(date_key)
        yield Problem(record.path, where, RULE_WEEKDAY, msg(key, **args), late)


def _anchor_text(record: Record, rule: DeadlineRule) -> str:
    value = record.meta.get(rule.anchor or "")
    return value.isoformat() if isinstance(value, date) else ""


def _late_key(rule: DeadlineRule, found: Window) -> str:
    if rule.kind is DeadlineKind.WEEKLY_CUTOFF and rule.reading is CutoffReading.WITH_LEAD:
        return "deadline.late_cutoff_lead"
    if (
        rule.kind is DeadlineKind.AFTER_ANCHOR
        and rule.hours is not None
        and found.not_before is not None
        and found.due == found.not_before + timedelta(hours=rule.hours)
    ):
        return "deadline.late_after_hours"  # the hours bind, not the days
    return {
        DeadlineKind.LEAD_DAYS: "deadline.late_lead",
        DeadlineKind.WEEKLY_CUTOFF: "deadline.late_cutoff",
        DeadlineKind.BEFORE_WEEK: "deadline.late_week",
        DeadlineKind.FIXED_DATE: "deadline.late_fixed",
        DeadlineKind.AFTER_ANCHOR: "deadline.late_after",
        DeadlineKind.NOT_BEFORE_DATE: "deadline.late_fixed",  # never late: no due time
    }[rule.kind]


def _days(weekdays: tuple[int, ...]) -> str:
    from hsdt.i18n import current_language
    from hsdt.model.timeutil import weekday_name

    lang = current_language()
    return ", ".join(weekday_name(d, lang) for d in weekdays) if weekdays else ""


__all__ = [
    "WEEKDAYS",
    "Window",
    "check",
    "effective_due",
    "last_cutoff_by",
    "weekday_problem",
    "weekly_cutoff",
    "window",
]
