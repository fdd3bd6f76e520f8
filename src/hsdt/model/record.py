"""A record: a Markdown file with validated front matter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(frozen=True)
class Heading:
    """A Markdown heading of the body."""

    level: int
    """1 for ``#`` … 6 for ``######``."""
    text: str
    """The heading text."""
    line: int
    """Line number in the file (1-based)."""


@dataclass(frozen=True)
class Record:
    """A parsed record. ``meta`` holds values already converted to their kinds."""

    path: str
    """Path relative to the repository root (POSIX)."""
    type_id: str
    """The record type id (``loai``)."""
    meta: Mapping[str, Any]
    """Front-matter values: str, int, date, tuple[str, ...] as the schema says."""
    lines: Mapping[str, int]
    """Line of each front-matter key in the file."""
    body: str
    """The Markdown body after the front matter."""
    body_line: int
    """Line number of the first body line."""
    headings: tuple[Heading, ...]
    """The body's headings."""

    def get_str(self, key: str) -> str | None:
        """A string value, or None."""
        value = self.meta.get(key)
        return value if isinstance(value, str) else None

    def get_date(self, key: str) -> date | None:
        """A date value, or None."""
        value = self.meta.get(key)
        return value if isinstance(value, date) else None

    def line_of(self, key: str) -> int:
        """The line of ``key``, or 1."""
        return self.lines.get(key, 1)
