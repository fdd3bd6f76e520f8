"""What Pagefind is given of a page: the page cut down to its searchable element, each word of
its text indexed once.

Why (measured in docs/hieu-nang.md): Pagefind stores, for every word, every page it is on and
every position on that page. Folded Vietnamese syllables ("do" is đồ, độ, đó, do…) occur on
nearly every page and many times on each, so the index chunk a common syllable sits in grows
with pages × occurrences, and that chunk is what the browser downloads for a query. Keeping
the first occurrence of each word form on a page keeps every page findable by every word it
holds (and the accented form for ranking exact matches first) while the positions shrink to
one a word; whole pages (the theme's header, navigation, scripts) were also parsed for nothing.

What is lost: Pagefind's term frequency (a page saying "phân số" ten times ranks like one
saying it once; headings keep their weight) and quoted phrase search (``"đồ dùng"`` matches
pages holding both words). The page's whole text goes beside the index instead
(:data:`TEXTS`/<page URL>/:data:`TEXT_FILE`, gzip-compressed), and the search script cuts the
excerpts of the results it shows from that, so they read as the page does. (Not as Pagefind
metadata: Pagefind indexes metadata values too, which made the index larger than before.)

The copy keeps: ``<html lang>``, ``<title>``, and the ``data-pagefind-body`` element with its
tags and attributes as they are; text right after a tag with ``data-pagefind-filter`` or
``data-pagefind-meta`` is kept whole (a filter's value or the title is that text); text right
after a tag with ``data-pagefind-ignore`` (an English label's span) is left as it is and out of
the whole text.
"""

from __future__ import annotations

import html
import re

TEXTS = "hsdt-text"
"""The folder of the pages' texts inside the bundle (cleared with it)."""
TEXT_FILE = "van-ban.gz"
"""A page's text, under :data:`TEXTS` at the page's URL path."""

_BODY_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bdata-pagefind-body\b[^>]*>")
_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]*)\"", re.I)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_TOKEN = re.compile(r"(<[^>]*>)|([^<]+)")
_KEEP_TEXT = ("data-pagefind-filter", "data-pagefind-meta")
_NOT_WORD = re.compile(r"[^\w\u0335]+")
_SKIP_TEXT = ("script", "style")


def body_element(page: str) -> str | None:
    """The ``data-pagefind-body`` element of ``page`` (tags balanced by name), or None."""
    start = _BODY_START.search(page)
    if start is None:
        return None
    name = start.group(1).lower()
    tags = re.compile(rf"<(/?){name}\b[^>]*>", re.I)
    depth = 0
    for tag in tags.finditer(page, start.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page[start.start() : tag.end()]
    return page[start.start() :]


_KEYS: dict[str, str] = {}
"""Memo of :func:`word_key` (a site's syllables repeat on every page; bounded, see there)."""
_KEYS_MAX = 200_000


def word_key(word: str) -> str:
    """What two spellings of one word form share (case and punctuation aside)."""
    key = _KEYS.get(word)
    if key is None:
        key = _NOT_WORD.sub("", word.lower())
        if len(_KEYS) < _KEYS_MAX:
            _KEYS[word] = key
    return key


def compact_body(element: str, forms: dict[str, str] | None = None) -> tuple[str, str]:
    """``element`` with each word form kept at its first occurrence only, and its whole text
    (as the page shows it, whitespace collapsed). With ``forms``, each word form given to the
    index is added to it (:func:`word_key` → the first spelling met) unless already there."""
    seen: set[str] = set()
    out: list[str] = []
    text: list[str] = []
    keep_next = False
    ignored_next = False
    skipping = False
    for tag, chunk in _TOKEN.findall(element):
        if tag:
            out.append(tag)
            lowered = tag.lower()
            keep_next = any(a in lowered for a in _KEEP_TEXT)
            ignored_next = "data-pagefind-ignore" in lowered
            if lowered.startswith(("<script", "<style")):
                skipping = not lowered.endswith("/>")
            elif lowered.startswith(("</script", "</style")):
                skipping = False
            continue
        if skipping or ignored_next:  # not indexed (a label's English twin): as it is
            out.append(chunk)
            continue
        words = html.unescape(chunk).split()
        text.extend(words)
        if keep_next:
            for word in words:
                key = word_key(word)
                seen.add(key)
                if forms is not None and key:
                    forms.setdefault(key, word)
            out.append(chunk)
            continue
        kept = []
        for word in words:
            key = word_key(word)
            if key and key not in seen:
                seen.add(key)
                kept.append(word)
                if forms is not None:
                    forms.setdefault(key, word)
        out.append(" " + html.escape(" ".join(kept), quote=False) + " " if kept else " ")
    return "".join(out), " ".join(text)


def compact_page(page: str, forms: dict[str, str] | None = None) -> tuple[str, str] | None:
    """The page as Pagefind is given it (see the module docstring) and its whole text, or
    None when it has no ``data-pagefind-body`` element; ``forms`` as for :func:`compact_body`."""
    element = body_element(page)
    if element is None:
        return None
    lang = _LANG.search(page)
    title = _TITLE.search(page)
    body, text = compact_body(element, forms)
    return (
        f'<!doctype html>\n<html lang="{lang.group(1) if lang else ""}"><head>'
        '<meta charset="utf-8">'
        f"<title>{title.group(1) if title else ''}</title></head><body>"
        f"{body}</body></html>\n"
    ), text
