"""Text typed in the pre-Unicode Vietnamese font encodings, TCVN3 (ABC) and VNI-Windows.

Before Unicode, Vietnamese documents were typed in fonts that draw Vietnamese letters in the
slots of Windows-1252 characters. Word stores what the keyboard produced (the Windows-1252
characters), so every converter shows garbage such as ``Gi¸o ¸n m«n To¸n`` or ``Giaùo aùn
moân Toaùn`` unless the text is decoded by its font. This module holds the two tables and the
functions that decode and encode them; :mod:`hsdt.importer.legacy_docx` finds the runs.

Sources of the tables:

- TCVN3 is VSCII-3 of TCVN 5712:1993 (Vietnamese Standard Code for Information Interchange),
  the ABC fonts (``.VnTime``, ``.VnArial``…). It keeps ASCII and adds 67 lower-case letters, the
  7 upper-case letters without a tone (Ă Â Ê Ô Ơ Ư Đ) and the no-break space. Upper-case letters
  with a tone are written by switching to the all-capitals font of the family, whose name ends
  in ``H`` (``.VnTimeH``): the same codes as the lower-case letters, drawn as capitals.
- VNI-Windows (VNI Software's fonts ``VNI-Times``, ``VNI-Helve``…) writes a vowel as its ASCII
  base letter followed by one byte for the diacritics (mark and tone together); i with a tone,
  ỵ, ơ, ư and đ have single bytes. Upper-case letters use upper-case bytes.

The TCVN3 codes follow the VSCII-3 column of TCVN 5712:1993 (as tabulated in the standard and
in the "VSCII" encyclopedia article: 67 lower-case letters, 7 capitals, the no-break space at
0xA0); the VNI sequences follow VNI's base-plus-diacritic scheme. Both were cross-checked
against the Vietnamese ``Bảng đối chiếu encoding`` charts that list Unicode, TCVN3 and VNI side
by side, and against published sample text (``TiÕng ViÖt`` / ``Tieáng Vieät`` = ``Tiếng
Việt``). The tables are data below, written by letter; nothing is computed from the fonts at run
time, and tests/test_importer_legacy_fonts.py checks them against Unicode's own composition of
the 134 letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class LegacyEncoding(StrEnum):
    """A pre-Unicode Vietnamese encoding recognised by its font."""

    TCVN3 = "TCVN3"
    VNI = "VNI"


@dataclass(frozen=True)
class LegacyFont:
    """What a font name tells about the text drawn with it."""

    encoding: LegacyEncoding
    """The encoding of the font's text."""
    upper: bool = False
    """True for a TCVN3 all-capitals font (``.VnTimeH``): every letter is drawn upper-case."""


# TCVN3 (VSCII-3): code → letter. For each vowel the tones go grave, hook, tilde, acute, dot.
TCVN3: dict[int, str] = {
    0xA0: "\u00a0",
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# VNI-Windows: letter → its Windows-1252 characters (base letter + diacritic byte).
VNI: dict[str, str] = {
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï",
    "ă": "aê", "ắ": "aé", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ặ": "aë",
    "â": "aâ", "ấ": "aá", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ậ": "aä",
    "é": "eù", "è": "eø", "ẻ": "eû", "ẽ": "eõ", "ẹ": "eï",
    "ê": "eâ", "ế": "eá", "ề": "eà", "ể": "eå", "ễ": "eã", "ệ": "eä",
    "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
    "ó": "où", "ò": "oø", "ỏ": "oû", "õ": "oõ", "ọ": "oï",
    "ô": "oâ", "ố": "oá", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ộ": "oä",
    "ơ": "ô", "ớ": "ôù", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ợ": "ôï",
    "ú": "uù", "ù": "uø", "ủ": "uû", "ũ": "uõ", "ụ": "uï",
    "ư": "ö", "ứ": "öù", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ự": "öï",
    "ý": "yù", "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î",
    "đ": "ñ",
    "Á": "AÙ", "À": "AØ", "Ả": "AÛ", "Ã": "AÕ", "Ạ": "AÏ",
    "Ă": "AÊ", "Ắ": "AÉ", "Ằ": "AÈ", "Ẳ": "AÚ", "Ẵ": "AÜ", "Ặ": "AË",
    "Â": "AÂ", "Ấ": "AÁ", "Ầ": "AÀ", "Ẩ": "AÅ", "Ẫ": "AÃ", "Ậ": "AÄ",
    "É": "EÙ", "È": "EØ", "Ẻ": "EÛ", "Ẽ": "EÕ", "Ẹ": "EÏ",
    "Ê": "EÂ", "Ế": "EÁ", "Ề": "EÀ", "Ể": "EÅ", "Ễ": "EÃ", "Ệ": "EÄ",
    "Í": "Í", "Ì": "Ì", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò",
    "Ó": "OÙ", "Ò": "OØ", "Ỏ": "OÛ", "Õ": "OÕ", "Ọ": "OÏ",
    "Ô": "OÂ", "Ố": "OÁ", "Ồ": "OÀ", "Ổ": "OÅ", "Ỗ": "OÃ", "Ộ": "OÄ",
    "Ơ": "Ô", "Ớ": "ÔÙ", "Ờ": "ÔØ", "Ở": "ÔÛ", "Ỡ": "ÔÕ", "Ợ": "ÔÏ",
    "Ú": "UÙ", "Ù": "UØ", "Ủ": "UÛ", "Ũ": "UÕ", "Ụ": "UÏ",
    "Ư": "Ö", "Ứ": "ÖÙ", "Ừ": "ÖØ", "Ử": "ÖÛ", "Ữ": "ÖÕ", "Ự": "ÖÏ",
    "Ý": "YÙ", "Ỳ": "YØ", "Ỷ": "YÛ", "Ỹ": "YÕ", "Ỵ": "Î",
    "Đ": "Ñ",
}  # fmt: skip

VIETNAMESE_LETTERS: frozenset[str] = frozenset(VNI)
"""The 134 precomposed Vietnamese letters (67 lower-case, 67 upper-case)."""

_TCVN3_CHARS: dict[str, str] = {bytes([code]).decode("cp1252"): ch for code, ch in TCVN3.items()}
_TCVN3_ENCODE: dict[str, str] = {ch: legacy for legacy, ch in _TCVN3_CHARS.items()}
_VNI_DECODE: dict[str, str] = {legacy: ch for ch, legacy in VNI.items()}


def classify_font(name: str | None) -> LegacyFont | None:
    """The legacy encoding a font name implies, or None for a Unicode font.

    TCVN3 (ABC) fonts are named ``.Vn…`` (``.VnTime``, ``.VnArial``), their all-capitals
    variants end in ``H`` (``.VnTimeH``); VNI-Windows fonts are named ``VNI-…``.
    """
    if not name:
        return None
    text = name.strip()
    lower = text.lower()
    if lower.startswith(".vn"):
        return LegacyFont(LegacyEncoding.TCVN3, upper=text.endswith("H"))
    if lower.startswith(("vni-", "vni ")):
        return LegacyFont(LegacyEncoding.VNI)
    return None


def unicode_font_for(name: str) -> str:
    """The Unicode font that replaces a legacy one of the same family."""
    lower = name.lower()
    if "arial" in lower or "helve" in lower:
        return "Arial"
    if "courier" in lower:
        return "Courier New"
    return "Times New Roman"


def _cp1252_forms() -> dict[int, str]:
    """Code point → the Windows-1252 character a legacy font's code is stored as, for the other
    ways Word writes it: the Latin-1 control of the same code (U+0080–U+009F), or the private-use
    U+F0xx form it uses for symbol fonts."""
    forms: dict[int, str] = {}
    for code in range(0x20, 0x100):
        try:
            ch = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        forms[0xF000 + code] = ch
        if 0x80 <= code <= 0x9F:
            forms[code] = ch
    return forms


_NORMALIZE = _cp1252_forms()
_TCVN3_TRANSLATE = str.maketrans(_TCVN3_CHARS)
# Pairs before single characters, so that a base letter and its diacritic are read together.
_VNI_TOKEN = re.compile("|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True)))


def _decode_tcvn3(text: str, font: LegacyFont) -> str:
    out = text.translate(_NORMALIZE).translate(_TCVN3_TRANSLATE)
    return out.upper() if font.upper else out


def decode_spans(text: str, font: LegacyFont) -> list[tuple[int, int, str]]:
    """Decode ``text`` drawn in ``font`` into pieces ``(start, end, unicode)`` covering it.

    The pieces say which input characters each output came from, so that a VNI letter whose
    base and diacritic Word stored in two runs can be put back together in the first.
    """
    normal = text.translate(_NORMALIZE)
    if font.encoding is LegacyEncoding.TCVN3:
        return [(i, i + 1, _decode_tcvn3(ch, font)) for i, ch in enumerate(normal)]
    pieces: list[tuple[int, int, str]] = []
    at = 0
    for token in _VNI_TOKEN.finditer(normal):
        pieces.extend((i, i + 1, normal[i]) for i in range(at, token.start()))
        pieces.append((token.start(), token.end(), _VNI_DECODE[token.group()]))
        at = token.end()
    pieces.extend((i, i + 1, normal[i]) for i in range(at, len(normal)))
    return pieces


def decode(text: str, font: LegacyFont) -> str:
    """The Unicode (NFC) text that ``text`` shows when drawn in ``font``."""
    if font.encoding is LegacyEncoding.TCVN3:
        joined = _decode_tcvn3(text, font)
    else:
        joined = _VNI_TOKEN.sub(lambda m: _VNI_DECODE[m.group()], text.translate(_NORMALIZE))
    return unicodedata.normalize("NFC", joined)


def encode_tcvn3(text: str, *, upper: bool = False) -> str:
    """``text`` as typed in a TCVN3 font (``upper``: in its all-capitals font ``.…H``).

    Raises ValueError for a character the font cannot show (an upper-case letter with a tone
    in the ordinary font: switch to the ``H`` font for it).
    """
    source = unicodedata.normalize("NFC", text.lower() if upper else text)
    out: list[str] = []
    for ch in source:
        if ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif ord(ch) < 0x80:
            out.append(ch)
        else:
            raise ValueError(f"{ch!r} cannot be written in a TCVN3 font")
    return "".join(out)


def encode_vni(text: str) -> str:
    """``text`` as typed in a VNI-Windows font. Raises ValueError for other non-ASCII letters."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in VNI:
            out.append(VNI[ch])
        elif ord(ch) < 0x80:
            out.append(ch)
        else:
            raise ValueError(f"{ch!r} cannot be written in a VNI font")
    return "".join(out)
