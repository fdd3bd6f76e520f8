"""Vietnamese text folding for search: what a query typed without accents must still match.

:func:`fold` drops every diacritic, đ/Đ included: ``"Đồ dùng"`` → ``"Do dung"``. Unicode
decomposition alone (NFD, then dropping the combining marks, what most search engines do) misses
đ and Đ, which have no decomposition: "do dung" would not find "đồ dùng". The search script
(assets/hsdt-search.js) folds queries the same way; a browser test compares the two.

It accepts text in any normalisation form (a Vietnamese keyboard may send precomposed "ồ" or
"o" plus two combining marks) and returns NFC.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """``text`` without diacritics: NFD, marks (category M) dropped, đ/Đ → d/D, then NFC.

    The marks are those JavaScript's ``\\p{M}`` names, which the search script drops.
    """
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))
