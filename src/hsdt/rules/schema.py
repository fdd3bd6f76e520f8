"""Front-matter schema: required keys, kinds of values, enumerations, unknown keys."""

from __future__ import annotations

import re
from typing import Any

from hsdt.i18n import msg
from hsdt.load.fields import ID_RE, parse_clock, parse_date
from hsdt.load.frontmatter import RawRecord
from hsdt.model.problem import Problem
from hsdt.model.record_type import FieldKind, FieldSpec, RecordType

_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def rule_id(key: str) -> str:
    """The rule id of a front-matter key: ``ngay_day`` → ``ngay-day``."""
    return key.replace("_", "-")


def validate_meta(raw: RawRecord, record_type: RecordType) -> tuple[dict[str, Any], list[Problem]]:
    """Convert ``raw.meta`` to typed values; report every key that is missing or wrong."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    known = {spec.key for spec in record_type.fields}
    for key in raw.meta:
        if key not in known:
            import difflib

            close = difflib.get_close_matches(key, sorted(known), n=1)
            message = (
                msg("schema.unknown_key_hint", key=key, type=record_type.id, hint=close[0])
                if close
                else msg(
                    "schema.unknown_key",
                    key=key,
                    type=record_type.id,
                    keys=", ".join(sorted(known)),
                )
            )
            problems.append(Problem(raw.path, raw.located.line(key), "khoa-la", message))
    for spec in record_type.fields:
        value = raw.meta.get(spec.key)
        line = raw.located.line(spec.key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if spec.required:
                problems.append(
                    Problem(
                        raw.path,
                        line if spec.key in raw.meta else 1,
                        rule_id(spec.key),
                        msg(
                            "schema.missing",
                            key=spec.key,
                            label=spec.label,
                            expected=_expected(spec),
                        ),
                    )
                )
            continue
        converted = convert(spec, value)
        if converted is None:
            problems.append(
                Problem(
                    raw.path,
                    line,
                    rule_id(spec.key),
                    msg(
                        "schema.wrong",
                        key=spec.key,
                        label=spec.label,
                        expected=_expected(spec),
                        value=_show(value),
                    ),
                )
            )
            continue
        values[spec.key] = converted
    return values, problems


def _show(value: Any) -> str:
    text = str(value) if not isinstance(value, bool) else ("true" if value else "false")
    return text if len(text) <= 60 else text[:57] + "…"


def _expected(spec: FieldSpec) -> str:
    from hsdt.i18n import tr

    if spec.kind is FieldKind.CHOICE:
        return tr("expect.choice", choices=", ".join(spec.choices))
    if spec.kind is FieldKind.INT and (spec.minimum is not None or spec.maximum is not None):
        low = "" if spec.minimum is None else str(spec.minimum)
        high = "" if spec.maximum is None else str(spec.maximum)
        return tr("expect.int_range", low=low, high=high)
    return tr(f"expect.{spec.kind.value}")


def convert(spec: FieldSpec, value: Any) -> Any:
    """The typed value, or None when ``value`` is not of ``spec.kind``."""
    kind = spec.kind
    if isinstance(value, bool) and kind not in (FieldKind.TEXT, FieldKind.LONG_TEXT):
        return None
    if kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return None
        text = str(value).strip()
        if kind is FieldKind.TEXT and "\n" in text:
            return None
        return text
    if kind is FieldKind.INT:
        if not isinstance(value, int):
            return None
        if spec.minimum is not None and value < spec.minimum:
            return None
        if spec.maximum is not None and value > spec.maximum:
            return None
        return value
    if kind is FieldKind.DATE:
        return parse_date(value) if isinstance(value, str) else None
    if kind is FieldKind.TIME:
        return parse_clock(value) if isinstance(value, str) else None
    if kind is FieldKind.SCHOOL_YEAR:
        found = _YEAR.match(value) if isinstance(value, str) else None
        if not found or int(found[2]) != int(found[1]) + 1:
            return None
        return value
    if kind in (FieldKind.STAFF, FieldKind.GROUP, FieldKind.ID):
        return value if isinstance(value, str) and ID_RE.match(value) else None
    if kind is FieldKind.CHOICE:
        return value if isinstance(value, str) and value in spec.choices else None
    if kind in (FieldKind.STAFF_LIST, FieldKind.TEXT_LIST):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            return None
        out = []
        for item in items:
            if isinstance(item, bool) or not isinstance(item, str | int):
                return None
            text = str(item).strip()
            if not text or (kind is FieldKind.STAFF_LIST and not ID_RE.match(text)):
                return None
            out.append(text)
        return tuple(out)
    raise AssertionError(kind)  # pragma: no cover
