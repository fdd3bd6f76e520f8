"""Adding a school year to a school's profile (``hsdt nam-hoc them``).

``truong.yml`` is the school's own file: its comments, key order and layout are the school's,
so the new year is inserted as text at the end of the ``nam_hoc`` block rather than by dumping
the parsed YAML (PyYAML, the project's only YAML library, keeps no comments). A profile in the
form before several years (``nam_hoc`` one mapping) is turned into a list of one item first, by
indenting its lines. The edit is then proved: the new text must parse to exactly the old data
plus the new year, and the whole profile must load (overlapping years refused), before the file
is replaced atomically.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from hsdt.errors import ConfigError, UsageError
from hsdt.fsutil import atomic_write_text
from hsdt.i18n import msg
from hsdt.load.profile import (
    RULES_FILE,
    SCHOOL_FILE,
    build_school,
    find_school_dir,
    load_profile_dir,
    overlapping,
    parse_profile_text,
)
from hsdt.load.yamlsafe import load_yaml
from hsdt.model.school import Calendar, School

_KEY_LINE = re.compile(r"^nam_hoc:[ \t]*(#.*)?$")
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#:\n]*$")


@dataclass(frozen=True)
class AddedYear:
    """What ``hsdt nam-hoc them`` did."""

    path: Path
    """The profile file edited (``schools/<id>/truong.yml``)."""
    shown: str
    """That file relative to the repository root, for messages."""
    school: School
    """The school as loaded after the edit."""
    calendar: Calendar
    """The year added."""


def _scalar(value: str) -> str:
    special = value.lower() in {"true", "false", "null", "~", "yes", "no", "on", "off"}
    if _PLAIN.match(value) and not special and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


def year_lines(calendar: Calendar, indent: int) -> list[str]:
    """The YAML list item describing ``calendar``, its dash at column ``indent``."""
    pad = " " * indent
    lines = [
        f"{pad}- ma: {calendar.year}",
        f"{pad}  bat_dau: {calendar.start.isoformat()}",
        f"{pad}  ket_thuc: {calendar.end.isoformat()}",
        f"{pad}  tuan_1: {calendar.week1.isoformat()}",
    ]
    if calendar.holidays:
        lines.append(f"{pad}  nghi:")
        for holiday in calendar.holidays:
            lines.append(f"{pad}    - tu: {holiday.start.isoformat()}")
            lines.append(f"{pad}      den: {holiday.end.isoformat()}")
            lines.append(f"{pad}      ly_do: {_scalar(holiday.reason)}")
            if holiday.skip_weeks:
                lines.append(f"{pad}      bo_qua_tuan: true")
    return lines


def _year_data(calendar: Calendar) -> dict[str, Any]:
    """What :func:`year_lines` parses to (dates stay strings in hsdt's YAML reader)."""
    data: dict[str, Any] = {
        "ma": calendar.year,
        "bat_dau": calendar.start.isoformat(),
        "ket_thuc": calendar.end.isoformat(),
        "tuan_1": calendar.week1.isoformat(),
    }
    if calendar.holidays:
        data["nghi"] = [
            {
                "tu": h.start.isoformat(),
                "den": h.end.isoformat(),
                "ly_do": h.reason,
                **({"bo_qua_tuan": True} if h.skip_weeks else {}),
            }
            for h in calendar.holidays
        ]
    return data


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def insert_year(text: str, calendar: Calendar, shown: str) -> str:
    """``text`` (a ``truong.yml``) with ``calendar`` appended to its ``nam_hoc`` list."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    key = next((i for i, line in enumerate(lines) if line.startswith("nam_hoc:")), None)
    if key is None or not _KEY_LINE.match(lines[key]):
        line = 1 if key is None else key + 1
        raise ConfigError(msg("year.not_editable"), shown, line)
    end = key + 1
    for i in range(key + 1, len(lines)):
        current = lines[i]
        if not current.strip() or current.startswith("#"):
            continue  # blank lines and comments belong to the block only if it goes on
        if not current.startswith((" ", "\t", "-")):
            break
        end = i + 1
    block = lines[key + 1 : end]
    content = [
        i for i, line in enumerate(block) if line.strip() and not line.lstrip().startswith("#")
    ]
    if not content or any("\t" in line[: _indent(line) + 1] for line in block):
        raise ConfigError(msg("year.not_editable"), shown, key + 1)
    first = content[0]
    indent = _indent(block[first])
    if not block[first][indent:].startswith("- "):
        # one year as a mapping: make it the first item of a list
        block = [
            (
                line
                if i < first or not line.strip()
                else (f"{' ' * indent}- {line[indent:]}" if i == first else f"  {line}")
            )
            for i, line in enumerate(block)
        ]
    out = [*lines[: key + 1], *block, *year_lines(calendar, indent), *lines[end:]]
    result = newline.join(out)
    _prove(text, result, calendar, shown, key + 1)
    return result


def _prove(before: str, after: str, calendar: Calendar, shown: str, line: int) -> None:
    """The edit changed nothing but ``nam_hoc``, and there only added ``calendar``."""
    old = load_yaml(before.replace("\r\n", "\n"), shown).value
    new = load_yaml(after.replace("\r\n", "\n"), shown).value
    years = old.get("nam_hoc")
    wanted = [*(years if isinstance(years, list) else [years]), _year_data(calendar)]
    same = {k: v for k, v in old.items() if k != "nam_hoc"} == {
        k: v for k, v in new.items() if k != "nam_hoc"
    }
    if not same or new.get("nam_hoc") != wanted or list(old) != list(new):
        raise ConfigError(msg("year.not_editable"), shown, line)


def check_new_year(calendar: Calendar) -> None:
    """Refuse a year whose dates the profile would refuse (said before the file is touched)."""
    if calendar.end <= calendar.start:
        raise UsageError(msg("profile.end_before_start"))
    if calendar.week1.weekday() != 0:
        raise UsageError(msg("profile.week1_not_monday", value=calendar.week1.isoformat()))
    if not calendar.start - timedelta(days=7) <= calendar.week1 <= calendar.end:
        raise UsageError(msg("profile.week1_outside"))


def add_school_year(root: Path, calendar: Calendar, school_id: str | None = None) -> AddedYear:
    """Add ``calendar`` to the school's profile, refusing a year already there or one that
    overlaps another."""
    folder = find_school_dir(root, school_id)
    rel = folder.relative_to(root).as_posix()
    shown = f"{rel}/{SCHOOL_FILE}"
    school = load_profile_dir(folder, rel)
    if school.calendar_for(calendar.year) is not None:
        raise ConfigError(msg("year.exists", year=calendar.year, profile=shown))
    check_new_year(calendar)
    other = overlapping(calendar, list(school.calendars))
    if other is not None:
        raise ConfigError(
            msg(
                "year.overlap",
                year=calendar.year,
                start=calendar.start.isoformat(),
                end=calendar.end.isoformat(),
                other=other.year,
                other_start=other.start.isoformat(),
                other_end=other.end.isoformat(),
                profile=shown,
            )
        )
    path = folder / SCHOOL_FILE
    text = path.read_text(encoding="utf-8-sig")
    edited = insert_year(text, calendar, shown)
    rules = parse_profile_text(
        (folder / RULES_FILE).read_text(encoding="utf-8-sig"), f"{rel}/{RULES_FILE}"
    )
    updated = build_school(parse_profile_text(edited, shown), rules, rel, folder.name)
    atomic_write_text(path, edited)
    return AddedYear(path, shown, updated, calendar)
