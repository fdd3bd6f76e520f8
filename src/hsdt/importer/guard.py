"""The input guard of the Word import: what reaches pandoc.

PLACEHOLDER, deliberately tiny: the guard helper's branch (``guard``) replaces this module with
the full guard (macros, external links and embedded objects removed, TCVN3/VNI runs converted
to Unicode, zip-bomb and size limits). This version only reads the file and checks that it is
a zip archive with a Word body, so that the pipeline is built against the same signature.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from hsdt.errors import ImportDocxError
from hsdt.i18n import Msg, msg


@dataclass(frozen=True)
class Limits:
    """Bounds of what the guard accepts."""

    max_bytes: int = 50 * 1024 * 1024
    """Largest .docx file read."""


@dataclass(frozen=True)
class PreparedDocx:
    """A .docx ready for conversion."""

    data: bytes
    """The (cleaned) .docx bytes."""
    notes: tuple[Msg, ...] = field(default=())
    """What the guard changed, for the import report."""


def prepare_docx(path: Path, limits: Limits | None = None) -> PreparedDocx:
    """The bytes of ``path`` when it is a .docx; :class:`ImportDocxError` otherwise."""
    limits = limits or Limits()
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ImportDocxError(msg("import.too_big", size=size // 1024), path=str(path))
        data = path.read_bytes()
    except OSError as e:
        raise ImportDocxError(
            msg("import.unreadable", error=e.strerror or str(e)), path=str(path)
        ) from e
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ImportDocxError(msg("import.not_docx"), path=str(path))
    except zipfile.BadZipFile as e:
        raise ImportDocxError(msg("import.not_docx"), path=str(path)) from e
    return PreparedDocx(data)
