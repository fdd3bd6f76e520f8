"""Deadlines: when a record must be submitted (or approved), judged at a given moment.

The arithmetic is pure (:func:`window`) so that the local hook, CI and the server's hook
compute the same due times; only the moment differs. On a teacher's machine the moment is the
clock, which proves nothing, so problems are warnings; on the server it is the receive time and
they refuse the record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hsdt.i18n import msg
from hsdt.model.policy import DeadlineKind, DeadlineRule
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
from hsdt.rules.extension import extended, extension_for
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
        due = None if rule.days is None else end_of_day(anchor + timedelta(days=rule.days))
        return Window(start_of_day(anchor), due)
    raise AssertionError(rule.kind)  # pragma: no cover


def weekly_cutoff(day: date, rule: DeadlineRule) -> datetime:
    """The last cut-off (one of ``rule.weekdays`` at ``rule.clock``) before ``day`` begins."""
    begins = start_of_day(day)
    for back in range(1, 8):
        candidate = day - timedelta(days=back)
        if candidate.weekday() in rule.weekdays:
            moment = at_time(candidate, rule.clock)
            if moment < begins:
                return moment
    raise AssertionError("a week always holds a cut-off")  # pragma: no cover


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
    grant = extension_for(ctx.school, record) if ctx.school.policy.extensions else None
    late_extended = False  # rules moved to one extended deadline are reported once
    for rule in policy.deadlines:
        found = window(rule, record, calendar)
        if found is None:
            continue
        moved = found.due is not None and extended(found.due, grant) != found.due
        if moved and found.due is not None:
            found = Window(found.not_before, extended(found.due, grant))  # the principal's gia hạn
        line = record.line_of(rule.anchor) if rule.anchor else 1
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
        if at > found.due and not (moved and late_extended):
            late_extended = late_extended or moved
            yield Problem(
                record.path,
                line,
                RULE,
                msg(
                    "deadline.late_extended" if moved else _late_key(rule),
                    id=grant.id if grant is not None else "",
                    at=format_moment(at),
                    due=format_moment(found.due),
                    days=rule.days or 0,
                    weekdays=_days(rule.weekdays),
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
    if policy.submit_weekdays and at.weekday() not in policy.submit_weekdays:
        yield Problem(
            record.path,
            1,
            RULE_WEEKDAY,
            msg("deadline.weekday", at=format_moment(at), weekdays=_days(policy.submit_weekdays)),
            late,
        )


def _late_key(rule: DeadlineRule) -> str:
    return {
        DeadlineKind.LEAD_DAYS: "deadline.late_lead",
        DeadlineKind.WEEKLY_CUTOFF: "deadline.late_cutoff",
        DeadlineKind.BEFORE_WEEK: "deadline.late_week",
        DeadlineKind.FIXED_DATE: "deadline.late_fixed",
        DeadlineKind.AFTER_ANCHOR: "deadline.late_after",
    }[rule.kind]


def _days(weekdays: tuple[int, ...]) -> str:
    from hsdt.i18n import current_language
    from hsdt.model.timeutil import weekday_name

    lang = current_language()
    return ", ".join(weekday_name(d, lang) for d in weekdays) if weekdays else ""


__all__ = ["WEEKDAYS", "Window", "check", "effective_due", "weekly_cutoff", "window"]
