"""Calendar: a record's dates fall in its school year and not on a holiday."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from hsdt.i18n import msg
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.record_type import FieldKind, RecordType
from hsdt.model.school import Calendar
from hsdt.rules.context import CheckContext
from hsdt.rules.schema import rule_id
from hsdt.rules.years import record_year


def check(record: Record, record_type: RecordType, ctx: CheckContext) -> Iterator[Problem]:
    """The record's year is described; ``nam_hoc`` agrees with the main date; dates inside
    the year; the main date not on a holiday; week numbers within the year.

    The calendar is the one of the year the record's own date falls in
    (:func:`hsdt.rules.years.record_year`), so a record of any year the profile describes is
    judged by that year's weeks and holidays.
    """
    found = record_year(record, ctx.school)
    if found.year is None:
        return  # no nam_hoc: the schema reports it
    calendar = found.calendar
    main = record_type.field(found.key)
    label = main.label if main is not None else found.key
    day = record.get_date(found.key) if found.key != "nam_hoc" else None
    if calendar is None:
        profile = f"{ctx.school.profile_dir}/truong.yml"
        if day is not None:
            text = msg(
                "calendar.year_missing_date",
                label=label,
                value=day.isoformat(),
                year=found.year,
                profile=profile,
            )
        else:
            text = msg("calendar.year_missing", year=found.year, profile=profile)
        yield Problem(record.path, record.line_of(found.key), rule_id("nam_hoc"), text)
        return
    declared = record.get_str("nam_hoc")
    if day is not None and declared is not None and declared != calendar.year:
        yield Problem(
            record.path,
            record.line_of("nam_hoc"),
            rule_id("nam_hoc"),
            msg(
                "calendar.wrong_year",
                declared=declared,
                label=label,
                value=day.isoformat(),
                year=calendar.year,
            ),
        )
    yield from _dates(record, record_type, calendar)


def _dates(record: Record, record_type: RecordType, calendar: Calendar) -> Iterator[Problem]:
    for spec in record_type.fields:
        value = record.meta.get(spec.key)
        if spec.kind is FieldKind.DATE and isinstance(value, date):
            if not calendar.start <= value <= calendar.end:
                yield Problem(
                    record.path,
                    record.line_of(spec.key),
                    rule_id(spec.key),
                    msg(
                        "calendar.outside",
                        label=spec.label,
                        value=value.isoformat(),
                        year=calendar.year,
                        start=calendar.start.isoformat(),
                        end=calendar.end.isoformat(),
                    ),
                )
            elif spec.key == record_type.date_key:
                holiday = calendar.holiday_on(value)
                if holiday is not None:
                    yield Problem(
                        record.path,
                        record.line_of(spec.key),
                        rule_id(spec.key),
                        msg(
                            "calendar.holiday",
                            label=spec.label,
                            value=value.isoformat(),
                            reason=holiday.reason,
                        ),
                    )
    week = record.meta.get("tuan")
    if isinstance(week, int) and not isinstance(week, bool):
        last = calendar.week_of(calendar.end)
        if last is not None and week > last:
            yield Problem(
                record.path,
                record.line_of("tuan"),
                "tuan",
                msg("calendar.week_past", week=week, last=last, year=calendar.year),
            )
        elif week >= 1:
            yield from _week_span(record, record_type, calendar, week)
    yield from _span_order(record, record_type)


SPAN = ("tu_ngay", "den_ngay")
"""The keys of a record that covers days (a week's schedule, a theme's plan)."""


def _span_order(record: Record, record_type: RecordType) -> Iterator[Problem]:
    """``tu_ngay`` not after ``den_ngay``."""
    first, last = (record.get_date(k) for k in SPAN)
    if first is None or last is None or first <= last:
        return
    start, end = (record_type.field(k) for k in SPAN)
    yield Problem(
        record.path,
        record.line_of("den_ngay"),
        rule_id("den_ngay"),
        msg(
            "calendar.span_reversed",
            label=start.label if start is not None else "tu_ngay",
            value=first.isoformat(),
            end_label=end.label if end is not None else "den_ngay",
            end=last.isoformat(),
        ),
    )


def _week_span(
    record: Record, record_type: RecordType, calendar: Calendar, week: int
) -> Iterator[Problem]:
    """A record of week ``tuan`` (a weekly schedule, a weekly plan): its ``tu_ngay`` and
    ``den_ngay`` inside that week of the calendar (Monday to Sunday; ``tuan_1`` and the skipped
    holiday weeks decide which week that is)."""
    monday = calendar.week_monday(week)
    sunday = monday + timedelta(days=6)
    for key in SPAN:
        day = record.get_date(key)
        spec = record_type.field(key)
        if day is None or spec is None or monday <= day <= sunday:
            continue
        yield Problem(
            record.path,
            record.line_of(key),
            rule_id(key),
            msg(
                "calendar.week_mismatch",
                label=spec.label,
                value=day.isoformat(),
                week=week,
                year=calendar.year,
                monday=monday.isoformat(),
                sunday=sunday.isoformat(),
            ),
        )
