"""HTML fragments of the archive's pages, from Jinja2 templates with autoescaping on: every
title, name, file name and front-matter value is escaped; only a record's body, already
sanitised by :func:`hsdt.render.markup.sanitise` (the PDF's sanitiser), is inserted as is.
Links are relative and percent-encoded (:mod:`hsdt.site.urls`).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from hsdt.i18n import tr
from hsdt.model.school import School
from hsdt.model.timeutil import to_vn
from hsdt.site.browse import Link, Listing, week_label
from hsdt.site.model import PdfCheck, RecordPage
from hsdt.site.records import format_day
from hsdt.site.urls import PDF_NAME, relative

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def _env() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals["t"] = _label
    env.globals["tt"] = _both
    env.globals["moment"] = lambda at: to_vn(at).strftime("%H:%M %d/%m/%Y")
    return env


def _label(key: str) -> str:
    """A page label (no placeholders), rendered once per language and worker, not 25 times a
    page."""
    from hsdt.i18n import current_language

    return _label_in(key, current_language())


@cache
def _both(key: str) -> Any:
    """A page label in Vietnamese and English, as two spans: the site's language switch
    (``hsdt-lang.js``, styles in ``hsdt-search.css``) shows one of them; the English one is
    kept out of the search index. Without styles both are shown, Vietnamese first."""
    import markupsafe

    vi, en = (markupsafe.escape(_label_in(key, lang)) for lang in ("vi", "en"))
    return markupsafe.Markup(
        f'<span class="hsdt-vi" lang="vi">{vi}</span>'
        f'<span class="hsdt-en" lang="en" data-pagefind-ignore>{en}</span>'
    )


@cache
def _label_in(key: str, lang: str) -> str:
    from hsdt.i18n import Msg

    return Msg(key).render(lang)


def _links(here: tuple[str, ...], links: tuple[Link, ...]) -> list[dict[str, str]]:
    return [{"text": li.text, "href": relative(here, li.parts), "note": li.note} for li in links]


def record_html(page: RecordPage, check: PdfCheck | None, school: School) -> str:
    """The content of a record's page."""
    import markupsafe

    parts = page.parts
    crumbs = [
        Link(tr("site.archive"), parts[:1]),
        Link(page.year, parts[:2]),
        Link(page.group_name, parts[:3]),
        Link(page.owner_name if page.owner else tr("site.common", name=page.group_name), parts[:4]),
        Link(page.type_name, parts[:5]),
    ]
    week = week_label(school, page.year, page.week) if page.week else ""
    result: str = (
        _env()
        .get_template("record.html.j2")
        .render(
            page=page,
            check=check,
            crumbs=_links(parts, tuple(crumbs)),
            week=week,
            body=markupsafe.Markup(page.body_html),
            pdf_href=relative(parts, parts, PDF_NAME),
        )
    )
    return result


def listing_html(listing: Listing) -> str:
    """The content of a browsing page."""
    here = listing.parts
    records = [
        {
            "href": relative(here, r.parts),
            "title": r.title,
            "owner": r.owner_name,
            "type": r.type_name,
            "date": format_day(r.day) if r.day else _approved(r.approved_at),
        }
        for r in listing.records
    ]
    result: str = (
        _env()
        .get_template("listing.html.j2")
        .render(
            title=listing.title,
            intro=listing.intro,
            crumbs=_links(here, listing.crumbs),
            links=_links(here, listing.links),
            records=records,
            sections=[(h, _links(here, items)) for h, items in listing.sections],
        )
    )
    return result


def _approved(at: datetime | None) -> str:
    return format_day(to_vn(at).date()) if at is not None else ""
