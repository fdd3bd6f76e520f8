"""Which records a school's rules expect in a period, and which of them are missing, not
approved or not signed.

What is expected comes from the school profile only:

- the **cadence** of each record type the school uses: ``tan_suat`` in its rules
  (``hang_tuan``, ``hang_ngay``, ``hang_nam``, ``khong_dinh_ky``), else inferred from the type
  and its deadlines (:func:`cadence_of`): a type due on a fixed day of the year
  (``ngay_co_dinh``) is yearly, a type whose files are named by their teaching week (``tuan``
  in ``ten_tep``: one file a week) is weekly, any other type is irregular;
- the **authors**: a teacher's type is expected from every member of a subject group teaching
  one of its levels whose role may submit it (``nguoi_nop``), once per teacher; a group's type
  from every such group; a school's type once;
- the **school calendar**: teaching weeks are numbered from ``tuan_1``, weeks skipped for a
  holiday (``bo_qua_tuan``) expect nothing, and a daily record is expected Monday to Friday of
  a teaching week outside every holiday;
- **fixed dates** (``05/09``): a yearly record is expected in the period holding its due day;
  a yearly type without a due day only in a period covering its whole school year.

Where the rules cannot say what is expected (lesson plans follow the timetable, minutes follow
meetings, corrections follow mistakes; a semester whose boundaries the profile does not give;
a tag whose name follows no period convention) the answer is an explicit :class:`Unknown`
naming why, never a guess.

The period of an archive tag comes from its name (:func:`period_of_tag`): ``tuan-06-2025-2026``
(week 6 of that school year, Monday to Sunday), ``hk1-2025-2026`` / ``hk2-2025-2026`` (the lock
of that id when it gives both days, else the year's ``hoc_ky_2``), ``nam-hoc-2025-2026``.

Pure: the model in, value objects out; the caller reads the records (:func:`present_record`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from hsdt.i18n import Msg, msg
from hsdt.model.policy import Cadence, DeadlineKind, TypePolicy
from hsdt.model.record_type import PathKind, RecordType
from hsdt.model.school import Calendar, School
from hsdt.model.timeutil import monday_of
from hsdt.workflow.paths import place_of

SCHOOL_DAYS = 5
"""Daily records are expected Monday (0) to Friday (4)."""

WEEK_KEY = "tuan"
"""The front-matter key of a teaching-week number."""


class PeriodKind(StrEnum):
    """The archive periods of the tag naming convention."""

    WEEK = "tuan"
    SEMESTER = "hoc_ky"
    YEAR = "nam_hoc"


class Status(StrEnum):
    """What became of an expected record."""

    OK = "du"
    """Approved and signed."""
    MISSING = "thieu"
    """No record at all."""
    UNAPPROVED = "chua_duyet"
    """Written (submitted) but not approved."""
    UNSIGNED = "chua_ky"
    """Approved, but without a signed PDF carrying every signature the rules ask."""


@dataclass(frozen=True)
class Period:
    """A span of days the rules are asked about."""

    name: str
    """The tag name (or any label)."""
    kind: PeriodKind
    """Week, semester or school year."""
    year: str
    """The school year (``2025-2026``)."""
    first: date
    """First day."""
    last: date
    """Last day (inclusive)."""


@dataclass(frozen=True)
class Unknown:
    """Something the rules cannot say: what, and why."""

    reason: Msg
    """Why (names the type or the tag)."""
    type_id: str | None = None
    """The record type concerned; None for the whole period."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (Vietnamese keys and text)."""
        return {"loai": self.type_id, "ly_do": self.reason.render("vi")}


@dataclass(frozen=True)
class Expected:
    """One record the rules expect."""

    type_id: str
    """Record type."""
    cadence: Cadence
    """Why it is expected (weekly, daily, yearly)."""
    year: str
    """School year."""
    group: str | None
    """Subject group (for a teacher's record, the first group that expects it)."""
    owner: str | None
    """The teacher (staff id) for a teacher's type; None for a group's or the school's."""
    first: date
    """First day the record is about (the week's Monday, the day, the year's first day)."""
    last: date
    """Last day it is about."""
    week: int | None = None
    """Teaching week, for a weekly record."""
    due: date | None = None
    """Due day of a yearly record (``ngay_co_dinh``), when the rules give one."""

    @property
    def author(self) -> str:
        """Who owes it: the teacher, the group, or ``truong``."""
        return self.owner or self.group or "truong"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (Vietnamese keys)."""
        return {
            "loai": self.type_id,
            "tan_suat": self.cadence.value,
            "nam_hoc": self.year,
            "to": self.group,
            "giao_vien": self.owner,
            "tuan": self.week,
            "tu_ngay": self.first.isoformat(),
            "den_ngay": self.last.isoformat(),
            "han": self.due.isoformat() if self.due else None,
        }


@dataclass(frozen=True)
class Present:
    """What the caller knows of one record at the moment asked about."""

    path: str
    """Record path."""
    type_id: str
    """Its type (the folder's)."""
    year: str
    """Its school year (the folder's)."""
    group: str | None
    """Its group folder; None for the school's."""
    owner: str | None
    """Its teacher folder; None for a group's or the school's."""
    week: int | None
    """Front-matter ``tuan``, when a number."""
    day: date | None
    """The type's date key (``ngay_chinh``), when a date."""
    approved: bool
    """Whether history says its type's whole approval chain is satisfied."""
    signed: bool
    """Whether its signed PDF carries every signature the rules ask, and verifies."""


@dataclass(frozen=True)
class Finding:
    """One expected record and what became of it."""

    expected: Expected
    """The expectation."""
    status: Status
    """Its outcome."""
    paths: tuple[str, ...]
    """The records that answer it (empty when missing)."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (Vietnamese keys)."""
        return {**self.expected.as_dict(), "trang_thai": self.status.value, "ho_so": [*self.paths]}


@dataclass(frozen=True)
class Expectations:
    """What the rules expect in a period."""

    period: Period | None
    """The period; None when it cannot be told (then :attr:`unknown` says why)."""
    expected: tuple[Expected, ...]
    """Every expected record, sorted (type, author, first day)."""
    unknown: tuple[Unknown, ...]
    """What the rules cannot say."""


_TAG = re.compile(
    r"^(?:tuan-(?P<week>\d{1,2})|hk(?P<semester>[12])|(?P<year_tag>nam-hoc))"
    r"-(?P<year>\d{4}-\d{4})$"
)


def period_of_tag(name: str, school: School) -> Period | Unknown:
    """The period a tag name stands for, or why it cannot be told."""
    found = _TAG.match(name)
    if found is None:
        return Unknown(msg("expected.tag_convention", name=name))
    year = found["year"]
    calendar = school.calendar_for(year)
    if calendar is None:
        return Unknown(msg("expected.no_year", name=name, year=year))
    if found["week"] is not None:
        week = int(found["week"])
        monday = calendar.week_monday(week) if week >= 1 else None
        if monday is None or monday > calendar.end:
            return Unknown(msg("expected.no_week", name=name, week=week, year=year))
        return Period(name, PeriodKind.WEEK, year, monday, monday + timedelta(days=6))
    if found["semester"] is not None:
        return _semester(name, school, calendar, int(found["semester"]))
    return Period(name, PeriodKind.YEAR, year, calendar.start, calendar.end)


def _semester(name: str, school: School, calendar: Calendar, number: int) -> Period | Unknown:
    lock = next((k for k in school.policy.locks if k.id == name), None)
    if lock is not None and lock.first_day is not None and lock.last_day is not None:
        return Period(name, PeriodKind.SEMESTER, calendar.year, lock.first_day, lock.last_day)
    if calendar.semester2 is None:
        return Unknown(msg("expected.no_semester", name=name, year=calendar.year))
    if number == 1:
        last = calendar.semester2 - timedelta(days=1)
        return Period(name, PeriodKind.SEMESTER, calendar.year, calendar.start, last)
    return Period(name, PeriodKind.SEMESTER, calendar.year, calendar.semester2, calendar.end)


def cadence_of(record_type: RecordType, policy: TypePolicy) -> Cadence | None:
    """The type's cadence: the profile's ``tan_suat``, else what its deadlines imply; None
    when nothing says (irregular)."""
    if policy.cadence is not None:
        return None if policy.cadence is Cadence.IRREGULAR else policy.cadence
    if any(d.kind is DeadlineKind.FIXED_DATE for d in policy.deadlines):
        return Cadence.YEARLY
    if WEEK_KEY in record_type.slug_keys:
        return Cadence.WEEKLY
    return None


def expected_for_tag(school: School, name: str) -> Expectations:
    """What the rules expect in the period of tag ``name``."""
    period = period_of_tag(name, school)
    if isinstance(period, Unknown):
        return Expectations(None, (), (period,))
    expected, unknown = expected_records(school, period.first, period.last)
    return Expectations(period, tuple(expected), tuple(unknown))


def expected_records(
    school: School, first: date, last: date
) -> tuple[list[Expected], list[Unknown]]:
    """Every record the rules expect about the days ``first`` to ``last``, and what they
    cannot say, per type the school uses."""
    expected: list[Expected] = []
    unknown: list[Unknown] = []
    calendars = [c for c in school.calendars if c.start <= last and first <= c.end]
    for type_id in sorted(school.policy.types):
        policy = school.policy.types[type_id]
        record_type = school.types.get(type_id)
        if record_type is None:
            continue
        cadence = cadence_of(record_type, policy)
        if cadence is None:
            unknown.append(Unknown(msg("expected.irregular", type=type_id), type_id))
            continue
        authors = _authors(school, record_type, policy)
        if not authors:
            unknown.append(Unknown(msg("expected.no_author", type=type_id), type_id))
            continue
        for calendar in calendars:
            spans, note = _spans(calendar, cadence, policy, first, last)
            if note is not None:
                unknown.append(Unknown(note, type_id))
            for span_first, span_last, week, due in spans:
                for group, owner in authors:
                    expected.append(
                        Expected(
                            type_id,
                            cadence,
                            calendar.year,
                            group,
                            owner,
                            span_first,
                            span_last,
                            week,
                            due,
                        )
                    )
    expected.sort(key=lambda e: (e.type_id, e.year, e.author, e.first))
    return expected, unknown


def _authors(
    school: School, record_type: RecordType, policy: TypePolicy
) -> list[tuple[str | None, str | None]]:
    """(group, teacher) pairs that owe records of the type, in roster order."""
    levels = set(record_type.levels) & set(school.levels)
    if record_type.path_kind is PathKind.SCHOOL:
        return [(None, None)]
    out: list[tuple[str | None, str | None]] = []
    seen: set[str] = set()
    submitters = set(policy.submitters)
    for group in school.groups.values():
        if not set(group.levels) & levels:
            continue
        if record_type.path_kind is PathKind.GROUP:
            out.append((group.id, None))
            continue
        for member in group.members:
            if member not in seen and school.roles_of(member, group.id) & submitters:
                seen.add(member)
                out.append((group.id, member))
    return out


_Span = tuple[date, date, int | None, date | None]


def _spans(
    calendar: Calendar, cadence: Cadence, policy: TypePolicy, first: date, last: date
) -> tuple[list[_Span], Msg | None]:
    """The (first, last, week, due) spans of one cadence inside the period and the year."""
    start, end = max(first, calendar.start), min(last, calendar.end)
    if cadence is Cadence.YEARLY:
        fixed = [d for d in policy.deadlines if d.kind is DeadlineKind.FIXED_DATE and d.day_month]
        if fixed:
            dues = sorted(calendar.fixed_date(*d.day_month) for d in fixed if d.day_month)
            due = dues[-1]
            if start <= due <= end:
                return [(calendar.start, calendar.end, None, due)], None
            return [], None
        if first <= calendar.start and calendar.end <= last:
            return [(calendar.start, calendar.end, None, None)], None
        return [], msg("expected.no_due_day", type=policy.type_id, year=calendar.year)
    spans: list[_Span] = []
    if cadence is Cadence.WEEKLY:
        monday = monday_of(start)
        while monday <= end:
            week = calendar.week_of(monday)
            if week is not None:
                spans.append((monday, monday + timedelta(days=6), week, None))
            monday += timedelta(days=7)
        return spans, None
    day = start
    while day <= end:
        if (
            day.weekday() < SCHOOL_DAYS
            and calendar.week_of(day) is not None
            and calendar.holiday_on(day) is None
        ):
            spans.append((day, day, None, None))
        day += timedelta(days=1)
    return spans, None


def present_record(
    path: str, meta: Mapping[str, Any], school: School, *, approved: bool, signed: bool
) -> Present | None:
    """What a record at ``path`` with front matter ``meta`` answers; None off the convention."""
    place = place_of(path)
    if place is None:
        return None
    record_type = school.types.get(place.type_id)
    week_value = meta.get(WEEK_KEY)
    week = week_value if isinstance(week_value, int) and not isinstance(week_value, bool) else None
    day = None
    if record_type is not None and record_type.date_key is not None:
        value = meta.get(record_type.date_key)
        if isinstance(value, date):
            day = value
        elif isinstance(value, str):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                day = None
    return Present(
        path, place.type_id, place.year, place.group, place.owner, week, day, approved, signed
    )


def _answers(expected: Expected, record: Present) -> bool:
    if (record.type_id, record.year) != (expected.type_id, expected.year):
        return False
    if expected.owner is not None:
        if record.owner != expected.owner:
            return False
    elif (record.group, record.owner) != (expected.group, None):
        return False
    if expected.cadence is Cadence.YEARLY:
        return True
    if expected.week is not None and record.week is not None:
        return record.week == expected.week
    return record.day is not None and expected.first <= record.day <= expected.last


def match(expected: Iterable[Expected], records: Sequence[Present]) -> list[Finding]:
    """Each expectation with its outcome: the best of the records answering it."""
    out = []
    # Only records of the expectation's type, year and author can answer it: index them so
    # a school year's thousands of expectations do not each scan every record.
    index: dict[tuple[str, str, str | None, str | None], list[Present]] = {}
    for record in records:
        index.setdefault((record.type_id, record.year, record.group, record.owner), []).append(
            record
        )
    by_owner: dict[tuple[str, str, str], list[Present]] = {}
    for record in records:
        if record.owner is not None:
            by_owner.setdefault((record.type_id, record.year, record.owner), []).append(record)
    for item in expected:
        if item.owner is not None:
            candidates = by_owner.get((item.type_id, item.year, item.owner), [])
        else:
            candidates = index.get((item.type_id, item.year, item.group, None), [])
        found = [r for r in candidates if _answers(item, r)]
        if not found:
            status = Status.MISSING
        elif any(r.approved and r.signed for r in found):
            status = Status.OK
        elif any(r.approved for r in found):
            status = Status.UNSIGNED
        else:
            status = Status.UNAPPROVED
        out.append(Finding(item, status, tuple(sorted(r.path for r in found))))
    return out
