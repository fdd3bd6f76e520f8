"""Vietnamese text folding for search: what a query typed without accents must still match.

Two functions, two purposes:

* :func:`fold` drops every diacritic, đ/Đ included: ``"Đồ dùng"`` → ``"Do dung"``. It is the
  meaning of "typed without accents", used by the tests and by anyone who needs an ASCII-ish key.
* :func:`mark_d` is what the search index is fed. Pagefind (≥ 1.5) folds diacritics itself by
  Unicode decomposition (NFD, then drop the combining marks), and keeps the accented form to rank
  exact matches first. đ and Đ have no decomposition, so Pagefind never folds them. ``mark_d``
  writes them as ``d``/``D`` followed by U+0335 COMBINING SHORT STROKE OVERLAY, which Pagefind
  drops when folding (so "do dung" finds "đồ dùng") and keeps in the exact form (so "đồ dùng",
  marked the same way by the site's search script, ranks the page with "đồ" above one with
  "dồ"). One character becomes two, so word boundaries and counts do not change and the index
  does not grow; the search script turns the mark back into đ before showing any text.

Both accept text in any normalisation form (a Vietnamese keyboard may send precomposed "ồ" or
"o" plus two combining marks) and return NFC.
"""

from __future__ import annotations

import unicodedata

D_MARK = "\u0335"
"""COMBINING SHORT STROKE OVERLAY: the stroke of đ, as a mark Pagefind's folding removes."""

_D_TO_MARKED = str.maketrans({"đ": "d" + D_MARK, "Đ": "D" + D_MARK})


def fold(text: str) -> str:
    """``text`` without diacritics: NFD, marks (category M) dropped, đ/Đ → d/D, then NFC.

    The marks are those Pagefind's own folding drops (JavaScript's ``\\p{M}``).
    """
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def mark_d(text: str) -> str:
    """``text`` in NFC with đ/Đ written as d/D + :data:`D_MARK` (see the module docstring)."""
    return unicodedata.normalize("NFC", text).translate(_D_TO_MARKED)


def unmark_d(text: str) -> str:
    """Undo :func:`mark_d`'s đ/Đ spelling (the text stays NFC)."""
    return text.replace("d" + D_MARK, "đ").replace("D" + D_MARK, "Đ")
