"""Calendar: a record's dates fall in its school year and not on a holiday."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

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
