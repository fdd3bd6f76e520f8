"""The fonts records print in: Times New Roman when the school has it, else Liberation Serif 2.x.

Nghị định 30/2020 asks for Times New Roman. It is used when it is there: in the font folder
the school profile names (``in_an.thu_muc_phong``, relative to the repository: a school copies
the four files from a Windows machine, which may not be committed to a public repository), or
installed where fontconfig finds it (``fc-list``). Otherwise Liberation Serif, which has the
same metrics: only its version 2.x (Debian's ``fonts-liberation2``) covers every Vietnamese
letter; the older 1.07 (``fonts-liberation``) lacks many, and fontconfig would happily pick it
by family name. So the stylesheet never asks fontconfig for a family: it declares
``@font-face`` rules whose ``src`` are the chosen files themselves (served by the safe URL
fetcher under ``https://hsdt.invalid/font/``), under the family name the PDF then shows
(``TimesNewRoman`` or ``LiberationSerif2``); a Times New Roman file that lacks a Vietnamese
letter is passed over, and a Liberation file older than 2.0 refused.

Which font printed is written in the PDF (document information ``HsdtFont``) and said by
``hsdt render``. The files' SHA-256 digests are part of the render cache key: a font update
re-renders.
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
"""The family name the stylesheets are written with; it exists only through our
``@font-face`` rules, and is replaced by :attr:`FontSet.family` when another font prints."""

TIMES = "Times New Roman"
"""The font Nghị định 30/2020 names."""

TIMES_FAMILY = "TimesNewRoman"
"""Its family name in our ``@font-face`` rules (and so in the PDF's font names)."""

TIMES_STYLES = {
    "regular": ("regular", "normal", "roman"),
    "bold": ("bold",),
    "italic": ("italic", "oblique"),
    "bold-italic": ("bold italic", "bold oblique"),
}
"""Face → the style names (lower case) a Times New Roman file may carry."""

VIETNAMESE = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯẠẢẤẦẨẪẬẮẰẲẴẶỆỸ"
"""Letters a font must have to print Vietnamese (checked on Times New Roman files)."""

MIN_VERSION = 2.0
"""Oldest accepted font revision (1.07 lacks Vietnamese letters)."""


@dataclass(frozen=True)
class FontSet:
    """The four faces, found and checked."""

    files: tuple[tuple[str, Path], ...]
    """(face, file) pairs, in :data:`FACES` order."""
    digest: str
    """SHA-256 over the files' bytes, for the render cache key."""
    name: str = "Liberation Serif"
    """The font's name as people know it (``Times New Roman`` or ``Liberation Serif``)."""
    family: str = FAMILY
    """The family name of our ``@font-face`` rules (and of the fonts in the PDF)."""

    def stylesheet(self, css: str) -> str:
        """``css`` (written with :data:`FAMILY`) after the ``@font-face`` rules, in this font."""
        restyled = css if self.family == FAMILY else css.replace(f'"{FAMILY}"', f'"{self.family}"')
        return self.css() + "\n" + restyled

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
                f'@font-face {{ font-family: "{self.family}"; src: url("{url}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
        return "\n".join(rules)


def _search_dirs() -> list[Path]:
    extra = os.environ.get("HSDT_FONT_DIR")
    return [Path(extra), *FONT_DIRS] if extra else list(FONT_DIRS)


@cache
def find_fonts(folder: str | None = None) -> FontSet:
    """Times New Roman from ``folder`` (the profile's font folder, absolute) or fontconfig,
    else the Liberation Serif 2.x faces; a RenderError saying what to install otherwise."""
    times = _times_in_folder(Path(folder)) if folder else None
    if times is None:
        times = _times_from_fontconfig()
    if times is not None:
        return _font_set(times, TIMES, TIMES_FAMILY)
    return _liberation()


def _font_set(files: list[tuple[str, Path]], name: str, family: str) -> FontSet:
    digest = hashlib.sha256(family.encode() + b"\0")
    for _, path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return FontSet(tuple(files), digest.hexdigest(), name, family)


def _times_in_folder(folder: Path) -> list[tuple[str, Path]] | None:
    """The four Times New Roman faces among the TrueType files of ``folder``, if all are."""
    try:
        candidates = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf"))
    except OSError:
        return None
    return _times_faces(candidates)


def _times_from_fontconfig() -> list[tuple[str, Path]] | None:
    """The four Times New Roman faces fontconfig knows, if it knows them all."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listed = subprocess.run(
            [fc_list, "-f", "%{file}\n", TIMES],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return _times_faces(sorted({Path(line) for line in listed.splitlines() if line.strip()}))


def _times_faces(candidates: list[Path]) -> list[tuple[str, Path]] | None:
    """Face → file for the Times New Roman files among ``candidates`` that print Vietnamese."""
    found: dict[str, Path] = {}
    for path in candidates:
        described = _family_and_style(path)
        if described is None or described[0] != TIMES:
            continue
        face = next((f for f, names in TIMES_STYLES.items() if described[1] in names), None)
        if face is not None and face not in found and described[2]:
            found[face] = path
    if len(found) != len(FACES):
        return None
    return [(face, found[face]) for face in FACES]


def _family_and_style(path: Path) -> tuple[str, str, bool] | None:
    """(family, style in lower case, has every Vietnamese letter) of a font file."""
    try:
        from fontTools.ttLib import TTFont, TTLibError

        with TTFont(path, lazy=True, fontNumber=0) as font:
            names = font["name"]
            family = names.getDebugName(16) or names.getDebugName(1)
            style = names.getDebugName(17) or names.getDebugName(2)
            cmap = font.getBestCmap() or {}
    except (ImportError, OSError, KeyError, TTLibError, AssertionError):
        return None
    if family is None or style is None:
        return None
    covered = all(ord(c) in cmap for c in VIETNAMESE)
    return family, style.strip().lower(), covered


def _liberation() -> FontSet:
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


def font_folder(root: Path, configured: str | None) -> str | None:
    """The absolute font folder of a profile's ``in_an.thu_muc_phong`` (repository-relative),
    None when the profile names none."""
    if not configured:
        return None
    return str((root / configured).resolve())


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
