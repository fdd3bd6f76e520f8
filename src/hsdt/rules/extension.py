"""Deadline extensions (gia hạn): which of the principal's extensions covers a record, and the
effective deadline once extensions are counted.

An extension lives in the school profile (``gia_han`` in ``quy-che.yml``): it reaches ``main``
only through an approval merge that the principal signed (the server demands the principal for
any change under ``schools/``), and the server judges every push with ``main``'s profile from
before that push. So a pusher cannot grant themselves time: no trailer, message or file on a
submission branch moves a deadline. The deadline rule (:mod:`hsdt.rules.deadline`) and the
approval chain (:mod:`hsdt.workflow.chain`) both ask :func:`extension_for`; reports and
``hsdt status`` ask :func:`effective_deadline`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from hsdt.model.policy import DeadlineRule, Extension
from hsdt.model.record import Record
from hsdt.model.school import School
from hsdt.rules.years import record_year

Which = Literal["han_nop", "han_duyet"]
"""Submission deadlines or approval deadlines."""


@dataclass(frozen=True)
class EffectiveDeadline:
    """A record's deadline with extensions counted."""

    due: datetime | None
    """The deadline that binds: the extension's when it is later than the rules' own."""
    original: datetime | None
    """The earliest due time of the type's own rules (None: they set none)."""
    extension: Extension | None
    """The extension that moved it, if one did."""


def record_week(record: Record, school: School) -> int | None:
    """The teaching week a record is about: its ``tuan`` key, else its main date's week."""
    week = record.meta.get("tuan")
    if isinstance(week, int) and not isinstance(week, bool):
        return week
    record_type = school.types.get(record.type_id)
    day = record.get_date(record_type.date_key) if record_type and record_type.date_key else None
    calendar = record_year(record, school).calendar
    if isinstance(day, date) and calendar is not None:
        return calendar.week_of(day)
    return None


def covers(extension: Extension, record: Record, school: School) -> bool:
    """Whether ``extension`` applies to ``record`` (every selector it names must match)."""
    if extension.record is not None and extension.record != record.path:
        return False
    if extension.types and record.type_id not in extension.types:
        return False
    if extension.teacher is not None:
        record_type = school.types.get(record.type_id)
        author = record.get_str(record_type.author_key) if record_type else None
        if author != extension.teacher:
            return False
    if extension.year is not None and record_year(record, school).year != extension.year:
        return False
    return extension.week is None or record_week(record, school) == extension.week


def extension_for(school: School, record: Record) -> Extension | None:
    """The extension covering ``record`` with the latest new deadline, or None."""
    found = [e for e in school.policy.extensions if covers(e, record, school)]
    return max(found, key=lambda e: e.until) if found else None


def extended(due: datetime, extension: Extension | None) -> datetime:
    """``due`` moved by ``extension`` (an extension never shortens a deadline)."""
    return due if extension is None or extension.until <= due else extension.until


def effective_deadline(
    school: School, record: Record, which: Which = "han_nop"
) -> EffectiveDeadline:
    """The deadline ``record`` must meet, extensions counted: the seam for reports
    (:mod:`hsdt.report`) and ``hsdt status``. ``which`` chooses the type's submission
    (``han_nop``) or approval (``han_duyet``) deadlines."""
    from hsdt.rules.deadline import effective_due

    policy = school.policy.types.get(record.type_id)
    rules: tuple[DeadlineRule, ...] = ()
    if policy is not None:
        rules = policy.deadlines if which == "han_nop" else policy.approval_deadlines
    original = effective_due(rules, record, record_year(record, school).calendar)
    extension = extension_for(school, record)
    if original is None:
        return EffectiveDeadline(None, None, None)
    due = extended(original, extension)
    return EffectiveDeadline(due, original, extension if due != original else None)
