"""Syllable pairs: the index's second vocabulary, so that a query of several words stays small.

Vietnamese is written in syllables ("đồ dùng", "giáo án", "phân số"), and folded for search a
few thousand syllables cover every text: "do" stands for đồ, độ, đó, do, đỏ…, "dung" for dùng,
dụng, dung… At 20,000 records such a syllable is on nearly every page, and Pagefind's index
entry for it (every page, every position) is megabytes: a query "do dung" downloaded 1.9 MB.

So each page also carries its distinct adjacent syllable pairs, joined after
:data:`PAIR_PREFIX` ("đồ dùng" → ``zpđồdùng``, spelt by :func:`hsdt.site.search.fold.mark_d`
like the rest of the page), as a Pagefind meta field (:data:`PAIRS_META`): meta values are
indexed as words but are not part of the page's text, so excerpts do not change. Pagefind folds
them as it folds words ("zpdodung" finds it) and, with its ``exactDiacritics`` option, matches
only the exact spelling, which the search script uses to put the pages spelt as an accented
query first (Pagefind ranks meta matches without regard to diacritics).

A pair is on far fewer pages than either of its syllables. The site's search script asks for
pairs when the query has two words or more ("phan so lop 6" → ``zpphanso zpsolop zplop6``) and
for the single words only when no page has the pairs; the last pair is a prefix, so a word
being typed matches. The prefix keeps pair tokens apart from words ("tu an" joined is "tuan",
a word); no Vietnamese syllable starts with z. :func:`pair_tokens` is mirrored in the script
(``hsdt-search.js``); a browser test checks they agree.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from html.parser import HTMLParser

from hsdt.site.search.fold import mark_d

PAIRS_META = "hsdt_pairs"
"""The Pagefind meta field holding a page's syllable pairs."""
PAIR_PREFIX = "zp"
"""Starts every pair token (no Vietnamese syllable starts with z)."""
BODY_ATTRIBUTE = "data-pagefind-body"
"""The attribute of the one element whose content a page contributes to the index."""
_WORD = re.compile(r"[^\W_]+")
_SKIP = {"script", "style", "template", "noscript"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


def words_of(text: str) -> list[str]:
    """The words of ``text``: runs of letters and digits, lower-case, NFC."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def pair_tokens(words: list[str]) -> list[str]:
    """The tokens of the distinct adjacent pairs of ``words``, in order, spelt by ``mark_d``."""
    pairs = dict.fromkeys(a + b for a, b in itertools.pairwise(words))
    return [PAIR_PREFIX + mark_d(pair) for pair in pairs]


class _BodyText(HTMLParser):
    """The text inside the ``data-pagefind-body`` element, and where its start tag ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        """Open elements inside the body element (0: outside it)."""
        self.skip = 0
        """Open elements whose text is not indexed (script, style, data-pagefind-ignore)."""
        self.inserted_at: tuple[int, int] | None = None
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        void = tag in _VOID
        if self.depth == 0:
            if BODY_ATTRIBUTE in names and self.inserted_at is None and not void:
                line, col = self.getpos()
                self.inserted_at = (line, col + len(self.get_starttag_text() or ""))
                self.depth = 1
            return
        if void:
            self.parts.append(" ")
            return
        self.depth += 1
        if self.skip or tag in _SKIP or "data-pagefind-ignore" in names:
            self.skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in _VOID:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


def add_pairs(page: str) -> str:
    """``page`` with its body's syllable pairs as an empty meta element opening the body.

    A page without a ``data-pagefind-body`` element is returned unchanged.
    """
    parser = _BodyText()
    parser.feed(page)
    parser.close()
    if parser.inserted_at is None:
        return page
    tokens = " ".join(pair_tokens(words_of("".join(parser.parts))))
    if not tokens:
        return page
    line, col = parser.inserted_at
    start = 0
    for _ in range(line - 1):  # the parser counts lines by "\n" only
        start = page.index("\n", start) + 1
    offset = start + col
    meta = f'<span data-pagefind-meta="{PAIRS_META}:{tokens}"></span>'
    return page[:offset] + meta + page[offset:]
