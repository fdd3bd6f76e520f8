"""The light path: one page shell per folder depth, rendered by the site generator (the
theme's header, navigation, styles and scripts, with placeholders for the title and the
content), filled in for each generated page by plain string substitution.

Why: MkDocs Material renders each page through its whole template with the navigation; at
thousands of pages that is the build's cost (measured in docs/hieu-nang.md), while the
archive's pages differ from one another only in their title and content. Every generated page
of a depth shares its relative links with its shell, so the substitution is exact; the
shell's own URL (canonical link) is replaced by the page's.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from hsdt.errors import SiteError
from hsdt.i18n import msg
from hsdt.site.urls import shell_parts, url_of

TITLE_MARK = "hsdt0tieu0de0mau"
"""The shells' page title (plain ASCII, so no template filter changes it)."""
SLOT_MARK = '<div class="hsdt-slot"><h1>hsdt0noi0dung0mau</h1></div>'
"""The shells' content, replaced by the page's. It holds an ``<h1>`` so that the theme adds
no heading of its own (Material writes ``<h1>`` + the page title when the content has none):
every generated page brings its own, and the title was shown twice."""
DEPTHS = range(2, 7)
"""Folder depths of generated pages (``ho-so/<year>/`` is 2, a record page 6)."""


def shell_markdown() -> str:
    """The Markdown source of every shell (title in front matter, a raw HTML slot)."""
    return f"---\ntitle: {TITLE_MARK}\n---\n\n{SLOT_MARK}\n"


@dataclass(frozen=True)
class Shell:
    """A rendered shell cut at its placeholders."""

    depth: int
    """The depth of the pages it serves."""
    pieces: tuple[str, ...]
    """The shell's HTML split at the slot and title marks (title marks between pieces, the
    slot once)."""
    own_url: str
    """The shell's URL, replaced by each page's."""

    @classmethod
    def from_html(cls, depth: int, text: str) -> Shell:
        """Cut ``text`` (the shell page MkDocs wrote); SiteError when a mark is missing."""
        if text.count(SLOT_MARK) != 1 or TITLE_MARK not in text:
            raise SiteError(msg("site.bad_shell", depth=depth))
        return cls(depth, tuple(text.split(SLOT_MARK)), url_of(shell_parts(depth)))

    def fill(self, parts: tuple[str, ...], title: str, content: str) -> str:
        """The page at ``parts`` (same depth) with ``title`` (text, escaped here) and
        ``content`` (HTML, already safe)."""
        if len(parts) != self.depth:
            raise SiteError(msg("site.bad_shell", depth=len(parts)))
        shown = html.escape(title, quote=True)
        url = url_of(parts)
        before, after = self.pieces
        return (
            before.replace(TITLE_MARK, shown).replace(self.own_url, url)
            + content
            + after.replace(TITLE_MARK, shown).replace(self.own_url, url)
        )
