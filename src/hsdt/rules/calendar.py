"""Calendar: a record's dates fall in its school year and not on a holiday."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from hsdt.i18n import msg
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.record_type import FieldKind, RecordType
from hsdt.rules.context import CheckContext
from hsdt.rules.schema import rule_id


def check(record: Record, record_type: RecordType, ctx: CheckContext) -> Iterator[Problem]:
    """Dates outside the school year; the main date on a holiday; week numbers past the year.

    Only for records of the profile's current school year: older years' calendars are not
    kept in the profile.
    """
    calendar = ctx.school.calendar
    if record.get_str("nam_hoc") != calendar.year:
        return
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
