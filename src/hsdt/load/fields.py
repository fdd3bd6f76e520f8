"""Typed access to a YAML mapping that reports bad values at their file and line.

Profiles and type definitions are read through :class:`Section`, so every error says which
file, which line, which key (as a dotted path) and what was expected, in Vietnamese.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from hsdt.errors import ConfigError
from hsdt.i18n import msg
from hsdt.load.yamlsafe import Located, Path
from hsdt.model.timeutil import VN_TZ

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Ids of schools, staff, groups and types: safe in a path, stable in URLs."""

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_date(text: str) -> date | None:
    """``YYYY-MM-DD`` into a date, None when the form is wrong or the day does not exist."""
    found = _DATE_RE.match(text)
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def parse_clock(text: str) -> time | None:
    """``HH:MM`` into a time, None when wrong."""
    found = _TIME_RE.match(text)
    return time(int(found[1]), int(found[2])) if found else None


def parse_moment(text: str) -> datetime | None:
    """An ISO 8601 date-time; a naive one is Vietnamese local time. None when wrong."""
    try:
        moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        return None
    return moment.replace(tzinfo=VN_TZ) if moment.tzinfo is None else moment


class Section:
    """A mapping inside a YAML file, with its path for messages."""

    def __init__(self, value: Any, located: Located, file: str, where: Path = ()) -> None:
        self.file = file
        self.located = located
        self.where = where
        if not isinstance(value, dict):
            raise self.error(msg("cfg.not_mapping", key=self.dotted()))
        self.value: dict[str, Any] = value

    def dotted(self, key: str | int | None = None) -> str:
        """``nhan_su[2].ma`` style path of ``key`` inside this section."""
        parts = [*self.where, *(() if key is None else (key,))]
        out = ""
        for part in parts:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out or "(gốc)"

    def line(self, key: str | int | None = None) -> int:
        """Line of ``key`` (or of this section)."""
        where = self.where if key is None else (*self.where, key)
        return self.located.line(*where)

    def error(self, message: Any, key: str | int | None = None) -> ConfigError:
        """A ConfigError at ``key``'s line."""
        return ConfigError(message, self.file, self.line(key))

    def only(self, allowed: set[str] | frozenset[str]) -> None:
        """Refuse keys outside ``allowed`` (typos would otherwise be ignored silently)."""
        for key in self.value:
            if key not in allowed:
                import difflib

                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = close[0] if close else ", ".join(sorted(allowed))
                raise self.error(msg("cfg.unknown_key", key=self.dotted(key), hint=hint), key)

    def has(self, key: str) -> bool:
        """Whether ``key`` is present and not null."""
        return self.value.get(key) is not None

    def raw(self, key: str) -> Any:
        """The plain value (or None)."""
        return self.value.get(key)

    def _need(self, key: str, required: bool) -> Any:
        value = self.value.get(key)
        if value is None and required:
            raise self.error(msg("cfg.missing", key=self.dotted(key)), None)
        return value

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        """A non-empty string."""
        value = self._need(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.error(msg("cfg.want_text", key=self.dotted(key)), key)
        text = str(value).strip()
        if not text:
            raise self.error(msg("cfg.want_text", key=self.dotted(key)), key)
        return text

    def ident(self, key: str, required: bool = True) -> str:
        """An id: lowercase letters, digits and hyphens."""
        value = self.text(key, required)
        if value and not ID_RE.match(value):
            raise self.error(msg("cfg.want_id", key=self.dotted(key), value=value), key)
        return value

    def integer(self, key: str, default: int, minimum: int = 0, maximum: int = 10**9) -> int:
        """A whole number within bounds."""
        value = self.value.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            raise self.error(
                msg("cfg.want_int", key=self.dotted(key), low=minimum, high=maximum), key
            )
        return value

    def boolean(self, key: str, default: bool) -> bool:
        """``true`` or ``false``."""
        value = self.value.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(msg("cfg.want_bool", key=self.dotted(key)), key)
        return value

    def day(self, key: str, required: bool = True) -> date | None:
        """A date ``YYYY-MM-DD`` that exists."""
        value = self._need(key, required)
        if value is None:
            return None
        parsed = parse_date(value) if isinstance(value, str) else None
        if parsed is None:
            raise self.error(msg("cfg.want_date", key=self.dotted(key), value=value), key)
        return parsed

    def req_day(self, key: str) -> date:
        """A required date."""
        value = self.day(key, required=True)
        if value is None:  # pragma: no cover - day() raises for a missing required key
            raise self.error(msg("cfg.missing", key=self.dotted(key)))
        return value

    def req_moment(self, key: str) -> datetime:
        """A required date-time."""
        value = self.moment(key, required=True)
        if value is None:  # pragma: no cover - moment() raises for a missing required key
            raise self.error(msg("cfg.missing", key=self.dotted(key)))
        return value

    def req_section(self, key: str) -> Section:
        """A required nested mapping."""
        value = self.section(key, required=True)
        if value is None:  # pragma: no cover - section() raises for a missing required key
            raise self.error(msg("cfg.missing", key=self.dotted(key)))
        return value

    def moment(self, key: str, required: bool = True) -> datetime | None:
        """An ISO 8601 date-time (Vietnamese time when no offset is written)."""
        value = self._need(key, required)
        if value is None:
            return None
        parsed = parse_moment(value) if isinstance(value, str) else None
        if parsed is None:
            raise self.error(msg("cfg.want_moment", key=self.dotted(key), value=value), key)
        return parsed

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        """One of ``choices``."""
        value = self.value.get(key)
        if value is None and default is not None:
            return default
        if value not in choices:
            raise self.error(
                msg(
                    "cfg.want_choice", key=self.dotted(key), value=value, choices=", ".join(choices)
                ),
                key if key in self.value else None,
            )
        return str(value)

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        """A list of strings (a single string is taken as a list of one)."""
        value = self._need(key, required)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(v, str | int) and not isinstance(v, bool) and str(v).strip() for v in value
        ):
            raise self.error(msg("cfg.want_list", key=self.dotted(key)), key)
        return tuple(str(v).strip() for v in value)

    def idents(self, key: str, required: bool = False) -> tuple[str, ...]:
        """A list of ids."""
        values = self.texts(key, required)
        for i, value in enumerate(values):
            if not ID_RE.match(value):
                raise self.error(msg("cfg.want_id", key=self.dotted(key), value=value), key)
            if value in values[:i]:
                raise self.error(msg("cfg.duplicate_item", key=self.dotted(key), value=value), key)
        return values

    def choices_list(
        self, key: str, choices: tuple[str, ...], required: bool = False
    ) -> tuple[str, ...]:
        """A list each of whose items is one of ``choices``."""
        values = self.texts(key, required)
        for value in values:
            if value not in choices:
                raise self.error(
                    msg(
                        "cfg.want_choice",
                        key=self.dotted(key),
                        value=value,
                        choices=", ".join(choices),
                    ),
                    key,
                )
        return values

    def section(self, key: str, required: bool = True) -> Section | None:
        """A nested mapping."""
        value = self._need(key, required)
        if value is None:
            return None
        return Section(value, self.located, self.file, (*self.where, key))

    def sections(self, key: str, required: bool = False) -> list[Section]:
        """A list of mappings."""
        value = self._need(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(msg("cfg.want_list_of_maps", key=self.dotted(key)), key)
        return [
            Section(item, self.located, self.file, (*self.where, key, i))
            for i, item in enumerate(value)
        ]
