"""The fonts records print in: Liberation Serif 2.x, named explicitly by file.

Nghị định 30/2020 asks for Times New Roman, which Debian does not ship; Liberation Serif has the
same metrics. Only version 2.x (Debian's ``fonts-liberation2``) covers every Vietnamese letter;
the older 1.07 (``fonts-liberation``) lacks many, and fontconfig would happily pick it by family
name. So the stylesheet never asks fontconfig for a family: it declares ``@font-face`` rules
whose ``src`` are the 2.x files themselves (served by the safe URL fetcher under
``https://hsdt.invalid/font/``), and this module refuses a font file older than 2.0.

The files' SHA-256 digests are part of the render cache key: a font update re-renders.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hsdt.errors import RenderError
from hsdt.i18n import msg

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/local/share/fonts/liberation2"),
)
"""Where the Liberation Serif files are looked for (``HSDT_FONT_DIR`` first when set)."""

FACES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold-italic": "LiberationSerif-BoldItalic.ttf",
}
"""Face → file name."""

FAMILY = "LiberationSerif2"
"""The family name the stylesheet uses; it exists only through our ``@font-face`` rules."""

MIN_VERSION = 2.0
"""Oldest accepted font revision (1.07 lacks Vietnamese letters)."""


@dataclass(frozen=True)
class FontSet:
    """The four faces, found and checked."""

    files: tuple[tuple[str, Path], ...]
    """(face, file) pairs, in :data:`FACES` order."""
    digest: str
    """SHA-256 over the files' bytes, for the render cache key."""

    def path(self, name: str) -> Path | None:
        """The file called ``name`` (as its font URL names it), if it is ours."""
        return next((p for _, p in self.files if p.name == name), None)

    def css(self) -> str:
        """``@font-face`` rules declaring :data:`FAMILY` from the files."""
        rules = []
        for face, path in self.files:
            weight = "bold" if face.startswith("bold") else "normal"
            style = "italic" if face.endswith("italic") else "normal"
            url = f"https://hsdt.invalid/font/{path.name}"
            rules.append(
                f'@font-face {{ font-family: "{FAMILY}"; src: url("{url}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
        return "\n".join(rules)


def _search_dirs() -> list[Path]:
    extra = os.environ.get("HSDT_FONT_DIR")
    return [Path(extra), *FONT_DIRS] if extra else list(FONT_DIRS)


@cache
def find_fonts() -> FontSet:
    """The Liberation Serif 2.x faces; a RenderError saying what to install otherwise."""
    for folder in _search_dirs():
        files = [(face, folder / name) for face, name in FACES.items()]
        if all(p.is_file() for _, p in files):
            break
    else:
        raise RenderError(msg("render.font_missing"))
    digest = hashlib.sha256()
    for _, path in files:
        data = path.read_bytes()
        version = font_revision(data)
        if version < MIN_VERSION:
            raise RenderError(msg("render.font_old", path=str(path), version=f"{version:.2f}"))
        digest.update(data)
    return FontSet(tuple(files), digest.hexdigest())


def font_revision(data: bytes) -> float:
    """The ``head.fontRevision`` of a TrueType file (read directly: fontTools is slow to load)."""
    import struct

    if len(data) < 12:
        return 0.0
    (count,) = struct.unpack(">H", data[4:6])
    for i in range(count):
        entry = 12 + 16 * i
        tag, _checksum, offset, _length = struct.unpack(">4sIII", data[entry : entry + 16])
        if tag == b"head" and offset + 8 <= len(data):
            fixed: int = struct.unpack(">i", data[offset + 4 : offset + 8])[0]
            return fixed / 65536
    return 0.0
