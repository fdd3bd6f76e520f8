"""Split a record's text into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hsdt.errors import RecordError
from hsdt.i18n import msg
from hsdt.load.yamlsafe import Located, load_yaml


@dataclass(frozen=True)
class RawRecord:
    """A record's parts before the schema has looked at them."""

    path: str
    """Path relative to the repository root."""
    meta: dict[str, Any]
    """The front-matter mapping, plain values."""
    located: Located
    """The same with lines."""
    body: str
    """The Markdown after the closing ``---``."""
    body_line: int
    """Line number of the first body line."""


def _is_fence(line: str, closing: bool) -> bool:
    stripped = line.rstrip()
    return stripped == "---" or (closing and stripped == "...")


def parse_front_matter(text: str, path: str) -> RawRecord:
    """Parse ``text`` (already decoded, ``\\n`` line ends) into front matter and body.

    Raises :class:`RecordError` (or its YAML subclass) naming the line and what was expected.
    """
    if not text.strip():
        raise RecordError(msg("fm.empty"), path, 1)
    lines = text.split("\n")
    if not _is_fence(lines[0], closing=False):
        raise RecordError(msg("fm.no_opening", found=lines[0][:40]), path, 1)
    closing = next((i for i in range(1, len(lines)) if _is_fence(lines[i], True)), None)
    if closing is None:
        raise RecordError(msg("fm.no_closing"), path, 1)
    yaml_text = "\n".join(lines[1:closing])
    located = load_yaml(yaml_text, path, first_line=2)
    if located.value is None:
        raise RecordError(msg("fm.empty_meta"), path, 2)
    if not isinstance(located.value, dict):
        raise RecordError(msg("fm.not_mapping"), path, 2)
    body = "\n".join(lines[closing + 1 :])
    return RawRecord(path, located.value, located, body, closing + 2)
