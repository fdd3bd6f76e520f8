"""Which school year a record belongs to, and so which calendar its rules use.

A record's year is the one its own date (its type's main date: ``ngay_day``, ``tu_ngay``,
``ngay_hop``…) falls in; a record without one belongs to the year its ``nam_hoc`` names. The
calendar of that year decides its weeks, holidays, fixed dates (``05/09``, ``31/05``) and the
span its dates must fall in. When the profile does not describe that year, the record cannot be
judged: that is an error saying what to add (:mod:`hsdt.rules.calendar`), never a skip.
"""

from __future__ import annotations

from dataclasses import dataclass

from hsdt.model.record import Record
from hsdt.model.school import Calendar, School


@dataclass(frozen=True)
class RecordYear:
    """The school year of one record."""

    year: str | None
    """``2026-2027``; None when the record has neither its main date nor ``nam_hoc``."""
    key: str
    """The front-matter key that decided it (the main date's key, or ``nam_hoc``)."""
    calendar: Calendar | None
    """That year's calendar; None when the profile does not describe the year."""


def record_year(record: Record, school: School) -> RecordYear:
    """The school year ``record`` belongs to."""
    record_type = school.types.get(record.type_id)
    date_key = record_type.date_key if record_type is not None else None
    day = record.get_date(date_key) if date_key else None
    if date_key is not None and day is not None:
        year = school.year_of(day)
        return RecordYear(year, date_key, school.calendar_for(year))
    declared = record.get_str("nam_hoc")
    if declared is None:
        return RecordYear(None, "nam_hoc", None)
    return RecordYear(declared, "nam_hoc", school.calendar_for(declared))


def record_calendar(record: Record, school: School) -> Calendar | None:
    """The calendar ``record``'s rules use, or None (its year is not described)."""
    return record_year(record, school).calendar
