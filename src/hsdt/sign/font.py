"""The font of signature appearances: Liberation Serif cut to Vietnamese and scaled to 1000 units
per em, cached on disk by content.

Why: pyHanko's default stamp font (Courier, a standard 14 font) cannot show Vietnamese, and
pyHanko 0.38 writes an embedded TrueType font's glyph widths in the font's own units, which PDF
reads as thousandths of an em, so a 2048-unit font comes out stretched and clipped. Rescaling
the font to 1000 units per em (``fontTools.ttLib.scaleUpem``) makes the widths right; keeping
only the Latin and Vietnamese letters makes it small, so loading and embedding it per signature
is cheap. The result lives in ``$XDG_CACHE_HOME/hsdt/fonts/`` (default ``~/.cache``), named by
the hash of the source font and of this recipe, and is written atomically.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from hsdt.errors import SigningError
from hsdt.fsutil import atomic_write_bytes
from hsdt.i18n import msg

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
"""Where Debian's fonts-liberation2 (or fonts-liberation) installs Liberation Serif."""

RECIPE = "vi-subset-1000upem-v1"
"""Changes when the way the font is cut changes, so old cached files are not reused."""

UNICODE_RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1
    (0x0100, 0x01B0),  # Latin Extended-A and the part of B with Ơ ơ Ư ư
    (0x0300, 0x0323),  # combining marks used by Vietnamese (NFD input)
    (0x1EA0, 0x1EF9),  # Latin Extended Additional: the Vietnamese letters
    (0x2010, 0x2026),  # dashes, quotes, ellipsis
    (0x20AB, 0x20AB),  # ₫
)


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/hsdt`` (default ``~/.cache/hsdt``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hsdt"


def source_font() -> Path:
    """The installed Liberation Serif Regular."""
    env = os.environ.get("HSDT_STAMP_FONT")
    for candidate in (env, *FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise SigningError(msg("sign.no_font", path=FONT_CANDIDATES[0]))


def stamp_font(source: Path | None = None) -> Path:
    """The Vietnamese, 1000-units-per-em cut of ``source`` (default :func:`source_font`),
    built on first use and cached by content."""
    source = source or source_font()
    raw = source.read_bytes()
    digest = hashlib.sha256(raw + RECIPE.encode()).hexdigest()[:20]
    target = cache_dir() / "fonts" / f"{source.stem}-{digest}.ttf"
    if not target.is_file():
        atomic_write_bytes(target, build_stamp_font(raw))
    return target


def build_stamp_font(raw: bytes) -> bytes:
    """Subset ``raw`` (a TrueType font) to :data:`UNICODE_RANGES` and scale it to 1000 upem."""
    from io import BytesIO

    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(BytesIO(raw))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for low, high in UNICODE_RANGES for cp in range(low, high + 1)])
    subsetter.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    out = BytesIO()
    font.save(out)
    return out.getvalue()
