"""What the index reads of a built page: its searchable element's text and its title.

The page marks its searchable content with ``data-pagefind-body`` on one element (Pagefind's
markup, kept so that a school's own pages can be indexed by either); nothing outside that
element is read, so the theme's header, navigation and scripts never reach the index. Inside
it: the text of every element but ``script`` and ``style``, and not the text right after a tag
with ``data-pagefind-ignore`` (an English label's twin). The title is the text right after the
tag with ``data-pagefind-meta="title"``, else the page's ``<title>``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

BODY_ATTRIBUTE = "data-pagefind-body"
"""The attribute of the one element whose content a page contributes to the index."""
IGNORE_ATTRIBUTE = "data-pagefind-ignore"
TITLE_ATTRIBUTE = 'data-pagefind-meta="title"'

_BODY_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bdata-pagefind-body\b[^>]*>")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_TOKEN = re.compile(r"(<[^>]*>)|([^<]+)")
_TAG_NAME = re.compile(r"<([a-z][a-z0-9]*)")


@dataclass(frozen=True)
class PageContent:
    """The searchable part of a page."""

    title: str
    """What a result is called (see the module docstring)."""
    text: str
    """The searchable element's text, as the page shows it, whitespace collapsed."""


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


def _collapse(text: str) -> str:
    return " ".join(html.unescape(text).split())


def page_content(page: str) -> PageContent | None:
    """The searchable part of ``page``, or None when it has no ``data-pagefind-body``."""
    element = body_element(page)
    if element is None:
        return None
    text: list[str] = []
    title: list[str] | None = None
    title_tag = ""
    ignored_next = skipping = False
    for tag, chunk in _TOKEN.findall(element):
        if tag:
            lowered = tag.lower()
            ignored_next = IGNORE_ATTRIBUTE in lowered
            if title_tag and lowered.startswith(f"</{title_tag}"):
                title_tag = ""
            elif title is None and TITLE_ATTRIBUTE in lowered:
                opened = _TAG_NAME.match(lowered)
                if opened is not None:
                    title, title_tag = [], opened.group(1)
            if lowered.startswith(("<script", "<style")):
                skipping = not lowered.endswith("/>")
            elif lowered.startswith(("</script", "</style")):
                skipping = False
            continue
        if skipping or ignored_next:
            continue
        if title_tag and title is not None:
            title.append(chunk)
        text.append(chunk)
    if title is None:
        found = _TITLE.search(page)
        title = [found.group(1)] if found else []
    return PageContent(title=_collapse(" ".join(title)), text=_collapse(" ".join(text)))
