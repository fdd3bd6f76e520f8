"""Finding the runs of a Word document typed in TCVN3 or VNI fonts and making them Unicode.

A run's font is decided, as Word decides it, by the first of these that names one: the run's
own ``w:rFonts``, its character style and the styles it is based on, its paragraph's style (or
the default paragraph style) and their bases, and the document defaults (``w:docDefaults``). A
``w:…Theme`` attribute names the theme's major or minor Latin font (``theme1.xml``) and wins
over the plain name beside it. Vietnamese letters in a legacy font are high-ANSI characters, so
the ``w:hAnsi`` font decides, and the ``w:ascii`` one when it is legacy and ``w:hAnsi`` is not.

Consecutive text of one paragraph in the same legacy font is decoded together: Word splits runs
wherever editing happened, and a VNI letter can have its base in one run and its diacritic in
the next. The decoded text goes back into the same ``w:t`` elements and each converted run gets
an explicit Unicode font, so the converter downstream sees ordinary Unicode text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from hsdt.importer.legacy_fonts import (
    VIETNAMESE_LETTERS,
    LegacyEncoding,
    LegacyFont,
    classify_font,
    decode,
    decode_spans,
    unicode_font_for,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_W = f"{{{W}}}"
_FONT_ATTRS = ("ascii", "hAnsi", "cs", "eastAsia")
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme")


@dataclass
class LegacyReport:
    """What the conversion changed, by encoding."""

    runs: dict[LegacyEncoding, int] = field(default_factory=dict)
    """How many runs were converted."""
    fonts: dict[LegacyEncoding, set[str]] = field(default_factory=dict)
    """The legacy font names met."""


@dataclass(frozen=True)
class FontContext:
    """The document-wide font settings a run inherits."""

    styles: dict[str, Any]
    """Style id → its ``w:style`` element."""
    default_paragraph_style: str | None
    """The id of the paragraph style marked ``w:default``."""
    defaults: Any | None
    """The ``w:rPrDefault/w:rPr`` element, if any."""
    theme: dict[str, str]
    """``major`` / ``minor`` → the theme's Latin typeface."""
    inherited: dict[tuple[str | None, str | None, str], str | None] = field(
        default_factory=dict, compare=False
    )
    """(character style, paragraph style, attribute) → the font the styles give (a cache: a
    document has thousands of runs and a handful of style pairs)."""


def font_context(styles_root: Any | None, theme_root: Any | None) -> FontContext:
    """Read styles.xml and the theme into what resolution needs."""
    styles: dict[str, Any] = {}
    default_para: str | None = None
    defaults = None
    if styles_root is not None:
        for style in styles_root.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            if sid is None:
                continue
            styles[sid] = style
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                default_para = sid
        defaults = styles_root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    theme: dict[str, str] = {}
    if theme_root is not None:
        for kind in ("major", "minor"):
            latin = theme_root.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
            if latin is not None and latin.get("typeface"):
                theme[kind] = latin.get("typeface")
    return FontContext(styles, default_para, defaults, theme)


def _from_rfonts(rpr: Any | None, attr: str, ctx: FontContext) -> str | None:
    if rpr is None:
        return None
    rfonts = rpr.find(f"{_W}rFonts")
    if rfonts is None:
        return None
    theme_attr = _THEME_ATTRS[_FONT_ATTRS.index(attr)]
    theme_value = rfonts.get(f"{_W}{theme_attr}")
    if theme_value:
        return ctx.theme.get("major" if theme_value.startswith("major") else "minor")
    value: str | None = rfonts.get(f"{_W}{attr}")
    return value


def _style_chain(style_id: str | None, ctx: FontContext) -> list[Any]:
    chain: list[Any] = []
    seen: set[str] = set()
    while style_id and style_id in ctx.styles and style_id not in seen:
        seen.add(style_id)
        style = ctx.styles[style_id]
        chain.append(style.find(f"{_W}rPr"))
        based = style.find(f"{_W}basedOn")
        style_id = None if based is None else based.get(f"{_W}val")
    return chain


def run_font(run: Any, paragraph: Any | None, ctx: FontContext, attr: str) -> str | None:
    """The font Word draws ``run``'s characters of class ``attr`` (``ascii``, ``hAnsi``) in."""
    rpr = run.find(f"{_W}rPr")
    own = _from_rfonts(rpr, attr, ctx)
    if own:
        return own
    rstyle = None if rpr is None else rpr.find(f"{_W}rStyle")
    rstyle_id = None if rstyle is None else rstyle.get(f"{_W}val")
    pstyle_id = ctx.default_paragraph_style
    if paragraph is not None:
        pstyle = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if pstyle is not None:
            pstyle_id = pstyle.get(f"{_W}val")
    key = (rstyle_id, pstyle_id, attr)
    if key not in ctx.inherited:
        levels = [*_style_chain(rstyle_id, ctx), *_style_chain(pstyle_id, ctx), ctx.defaults]
        ctx.inherited[key] = next(
            (name for level in levels if (name := _from_rfonts(level, attr, ctx))), None
        )
    return ctx.inherited[key]


def _legacy_of(run: Any, paragraph: Any | None, ctx: FontContext) -> tuple[LegacyFont, str] | None:
    for attr in ("hAnsi", "ascii"):
        name = run_font(run, paragraph, ctx, attr)
        font = classify_font(name)
        if font is not None and name is not None:
            return font, name
    return None


def _set_unicode_font(run: Any, legacy_name: str) -> None:
    rpr = run.find(f"{_W}rPr")
    if rpr is None:
        rpr = run.makeelement(f"{_W}rPr", {})
        run.insert(0, rpr)
    rfonts = rpr.find(f"{_W}rFonts")
    if rfonts is None:
        rfonts = rpr.makeelement(f"{_W}rFonts", {})
        rpr.insert(0, rfonts)
    for theme_attr in _THEME_ATTRS:
        rfonts.attrib.pop(f"{_W}{theme_attr}", None)
    for attr in _FONT_ATTRS:
        rfonts.set(f"{_W}{attr}", unicode_font_for(legacy_name))


def convert_part(root: Any, ctx: FontContext, report: LegacyReport) -> bool:
    """Convert the legacy-font text of one part (document, header, footnotes…) in place.

    Returns True when something changed.
    """
    groups: list[tuple[LegacyFont, list[Any], dict[Any, str]]] = []
    last_key: tuple[Any, LegacyFont] | None = None
    for text in root.iter(f"{_W}t"):
        run = text.getparent()
        if run is None or run.tag != f"{_W}r":
            last_key = None
            continue
        paragraph = next(run.iterancestors(f"{_W}p"), None)
        found = _legacy_of(run, paragraph, ctx)
        if found is None:
            last_key = None
            continue
        font, name = found
        key = (paragraph, font)
        if key != last_key:
            groups.append((font, [], {}))
        groups[-1][1].append(text)
        groups[-1][2][run] = name
        last_key = key
    for font, texts, runs in groups:
        if _decode_group(font, texts):
            report.runs[font.encoding] = report.runs.get(font.encoding, 0) + len(runs)
            report.fonts.setdefault(font.encoding, set()).update(runs.values())
        for run, name in runs.items():
            _set_unicode_font(run, name)
    return bool(groups)


# Letters only Unicode text can hold: legacy text is Windows-1252 characters, which these are not.
_UNICODE_ONLY = frozenset(ch for ch in VIETNAMESE_LETTERS if ch.encode("cp1252", "ignore") == b"")


def _decode_group(font: LegacyFont, texts: list[Any]) -> bool:
    """Decode the joined text of ``texts`` and give each output to the element its first input
    character came from. Text that is already Unicode (someone pasted Unicode text into a
    legacy font) is left as it is; returns whether the text changed."""
    pieces = [t.text or "" for t in texts]
    joined = "".join(pieces)
    if not _UNICODE_ONLY.isdisjoint(joined):
        return False
    if font.encoding is LegacyEncoding.TCVN3 or len(pieces) == 1:
        # One character for one character (TCVN3), or nothing to share out: decode each alone.
        out = [decode(piece, font) for piece in pieces]
    else:
        owner: list[int] = []
        for index, piece in enumerate(pieces):
            owner.extend([index] * len(piece))
        out = [""] * len(pieces)
        for start, _end, decoded in decode_spans(joined, font):
            out[owner[start]] += decoded
    changed = False
    for element, decoded in zip(texts, out, strict=True):
        new = unicodedata.normalize("NFC", decoded)
        if new != (element.text or ""):
            changed = True
            element.text = new
            if new != new.strip():
                element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return changed


def rewrite_style_fonts(styles_root: Any | None, theme_root: Any | None) -> None:
    """Replace legacy font names in the styles and the theme by their Unicode equivalents, once
    the runs that inherited them carry their own font."""
    if styles_root is not None:
        for rfonts in styles_root.iter(f"{_W}rFonts"):
            for attr in _FONT_ATTRS:
                name = rfonts.get(f"{_W}{attr}")
                if classify_font(name) is not None and name is not None:
                    rfonts.set(f"{_W}{attr}", unicode_font_for(name))
    if theme_root is not None:
        for latin in theme_root.iter(f"{{{A}}}latin"):
            name = latin.get("typeface")
            if classify_font(name) is not None and name is not None:
                latin.set("typeface", unicode_font_for(name))
