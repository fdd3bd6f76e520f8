"""The words of a page and the index terms they give: the one definition the index and the
search script (assets/hsdt-search.js, which mirrors every function here) share.

A word is a run of letters and digits (Unicode categories L and N) of the text in NFC, lower
case, at most :data:`MAX_WORD` characters (longer runs are not words people type). Its folded
form drops every diacritic, đ included (:func:`hsdt.site.search.fold.fold`): what a query typed
without accents matches. A page gives these terms, each a kind letter, a colon and text:

* ``w:`` every folded word (``w:giao``): a query's words must all be on a page;
* ``p:`` every prefix of a folded word from :data:`PREFIX_MIN` characters up to one short of
  the word (``p:gi``, ``p:gia``): the query's last word may still be being typed;
* ``e:`` every word whose accented spelling differs from its folded one (``e:giáo``): a query
  typed with accents ranks the pages with its exact spelling first;
* ``b:`` every pair of neighbouring folded words (``b:giao an``): a query's words side by side
  on the page rank it higher (Vietnamese words are mostly two syllables);
* ``t:`` every folded word of the title: a query's words in the title rank it higher.

Each term's pages are stored in one of :data:`shard_count` files chosen by
:func:`shard_of` (32-bit FNV-1a of the term's UTF-8 bytes), so a query fetches only the few
files its terms are in.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

from hsdt.site.search.fold import fold

MAX_WORD = 40
"""Longest word indexed, in characters."""
PREFIX_MIN = 2
"""Shortest prefix indexed: a one-letter prefix would match nearly every page."""

_WORD = re.compile(r"[^\W_]+")
_FOLDED: dict[str, str] = {}
"""Memo of :func:`fold_word` (a site's words repeat on every page; bounded)."""
_FOLDED_MAX = 500_000


def words(text: str) -> list[str]:
    """The words of ``text`` (see the module docstring), in order."""
    lowered = unicodedata.normalize("NFC", text).lower()
    return [w for w in _WORD.findall(lowered) if len(w) <= MAX_WORD]


def fold_word(word: str) -> str:
    """A word (already lower case) without diacritics, đ → d."""
    folded = _FOLDED.get(word)
    if folded is None:
        folded = fold(word)
        if len(_FOLDED) < _FOLDED_MAX:
            _FOLDED[word] = folded
    return folded


def page_terms(title: str, text: str) -> set[str]:
    """Every term of a page whose title is ``title`` and whose whole text is ``text``."""
    spelt = words(text)
    folded = [fold_word(w) for w in spelt]
    terms = {f"w:{f}" for f in folded}
    terms.update(f"e:{w}" for w, f in zip(spelt, folded, strict=True) if w != f)
    terms.update(f"b:{a} {b}" for a, b in itertools.pairwise(folded))
    for f in set(folded):
        terms.update(f"p:{f[:n]}" for n in range(PREFIX_MIN, len(f)))
    terms.update(f"t:{fold_word(w)}" for w in words(title))
    return terms


def shard_of(term: str, shards: int) -> int:
    """The file (0 … ``shards`` - 1) that holds ``term``: FNV-1a (32 bits) of its UTF-8."""
    value = 0x811C9DC5
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def query_terms(query: str) -> list[tuple[str, str]]:
    """The words of a query with their folded forms (what the script searches)."""
    return [(w, fold_word(w)) for w in words(query)]


def distinct(terms: Iterable[str], kind: str) -> int:
    """How many of ``terms`` are of ``kind`` (``"w"``…)."""
    prefix = f"{kind}:"
    return sum(1 for t in terms if t.startswith(prefix))
