"""Markdown → HTML → sanitised HTML, the body of every rendered record (and of the site).

python-markdown with what lesson plans use (tables, lists, attribute lists, footnotes,
definition lists), then nh3 (the Rust ``ammonia`` sanitiser) with an allow-list: no script, no
style, no event handlers, no iframes or objects, no external stylesheets, links only to
``http``/``https``/``mailto`` or within the page, images only by relative path (which the
URL fetcher then confines to the repository). A record's raw HTML is allowed only inside
that list.

Formulas (``$…$``, ``$$…$$``) are typeset to SVG by :mod:`hsdt.render.formula`, which replaces
them with placeholders before Markdown and puts its own, allow-listed SVG in after sanitising:
the sanitiser's allow-list never includes SVG, so a record's raw ``<svg>`` is still removed.
"""

from __future__ import annotations

from typing import Any

import markdown
import nh3

EXTENSIONS = ["tables", "attr_list", "footnotes", "def_list", "sane_lists", "fenced_code"]
"""python-markdown extensions records may use."""

EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    # align="…" instead of style="text-align: …", so no style attribute needs allowing.
    "tables": {"use_align_attribute": True},
    # Deterministic footnote ids (no random prefix).
    "footnotes": {"UNIQUE_IDS": False, "BACKLINK_TITLE": "Quay lại chú thích %d"},
}

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
"""Elements kept; every other element is removed (its text kept, except script/style)."""

ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "ol": {"start", "type"},
}
"""Attributes kept per element (``*``: on every element). No ``style``, no ``on*``."""

URL_SCHEMES = {"http", "https", "mailto"}
"""Schemes a link may use; relative URLs (images in the repository, footnotes) pass as
themselves. ``javascript:``, ``data:``, ``file:`` and the rest are dropped."""


def converter() -> markdown.Markdown:
    """A Markdown converter with the records' extensions (reusable: :func:`to_html` resets
    it), so that a worker rendering thousands of pages builds it once."""
    return markdown.Markdown(
        extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html"
    )


def to_html(text: str, reuse: markdown.Markdown | None = None) -> str:
    """The sanitised HTML of a Markdown body (through ``reuse`` when given)."""
    from hsdt.render.formula import prepare

    md = reuse if reuse is not None else converter()
    md.reset()
    prepared = prepare(text)
    return prepared.finish(sanitise(md.convert(prepared.text)))


def sanitise(html: str) -> str:
    """``html`` with everything outside the allow-lists removed; images keep only a relative
    ``src`` (a file of the repository), never ``http:``, ``//host`` or ``data:``."""
    cleaned: str = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        attribute_filter=_image_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned


def _image_filter(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        stripped = value.strip().lower()
        if stripped.startswith("//") or ":" in stripped.split("/", 1)[0]:
            return None
    return value
