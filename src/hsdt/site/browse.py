"""The archive's browsing pages: home, school year → group → teacher → record type, teaching
weeks (tuần N with its dates from the school calendar) and record types.

Listings are values (:class:`Listing`); :mod:`hsdt.site.html` renders them. No page lists a
year's records at once: a type's page links to the teachers' lists, a week's page lists that
week only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from hsdt.i18n import tr
from hsdt.model.school import School
from hsdt.site.model import RecordPage
from hsdt.site.records import format_day
from hsdt.site.urls import NO_OWNER, POST_TYPE, PREFIX, posts_parts, type_parts, week_parts

LATEST = 20
"""Publications listed on the home page."""
LATEST_POSTS = 5
"""Posts linked from the home page (the posts page lists them all)."""


@dataclass(frozen=True)
class Link:
    """A link to another page of the archive."""

    text: str
    """What the link says."""
    parts: tuple[str, ...]
    """The target page's URL components."""
    note: str = ""
    """Shown after the link (a count, dates)."""


@dataclass(frozen=True)
class Listing:
    """One browsing page."""

    parts: tuple[str, ...]
    """Its URL components."""
    title: str
    """Its title."""
    crumbs: tuple[Link, ...]
    """The way back up, home first."""
    intro: str = ""
    """A line under the title."""
    links: tuple[Link, ...] = ()
    """Pages one level down."""
    records: tuple[RecordPage, ...] = ()
    """Records listed on the page."""
    sections: tuple[tuple[str, tuple[Link, ...]], ...] = ()
    """Further titled link lists (the home's weeks and types, a type's teachers)."""


def _count(n: int) -> str:
    return tr("site.count", count=n)


def _sorted(pages: Sequence[RecordPage]) -> tuple[RecordPage, ...]:
    return tuple(sorted(pages, key=lambda p: (p.day or p.year, p.title, p.path)))


def week_label(school: School, year: str, week: int) -> str:
    """``Tuần 7 (13/10/2025 – 19/10/2025)``."""
    calendar = school.calendar_for(year)
    if calendar is None:
        return tr("site.week", week=week)
    monday = calendar.week_monday(week)
    return tr(
        "site.week_dates",
        week=week,
        start=format_day(monday),
        end=format_day(monday + timedelta(days=6)),
    )


def _newest_first(pages: Sequence[RecordPage]) -> tuple[RecordPage, ...]:
    latest = sorted(pages, key=lambda p: (p.approved_at is not None, p.approved_at, p.path))
    return tuple(reversed(latest))


def posts(pages: Sequence[RecordPage]) -> tuple[RecordPage, ...]:
    """The website's posts (:data:`hsdt.site.urls.POST_TYPE`), newest first."""
    return _newest_first([p for p in pages if p.type_id == POST_TYPE])


def home(pages: Sequence[RecordPage], school: School) -> Listing:
    """The archive's home: the school, its regulation, the latest publications (posts among
    them), its latest posts, the ways in."""
    latest = _newest_first(pages)
    years = sorted({p.year for p in pages}, reverse=True)
    weeks = [Link(tr("site.weeks_of", year=y), week_parts(y)) for y in years]
    types = sorted({(p.type_id, p.type_name) for p in pages})
    return Listing(
        parts=(PREFIX,),
        title=school.name,
        crumbs=(),
        intro=tr("site.regulation", regulation=school.policy.regulation),
        links=tuple(Link(tr("site.year", year=y), (PREFIX, y)) for y in years),
        records=latest[:LATEST],
        sections=(
            *_posts_section(pages),
            (tr("site.by_week"), tuple(weeks)),
            (tr("site.by_type"), tuple(Link(name, type_parts(t)) for t, name in types)),
        ),
    )


def _posts_section(pages: Sequence[RecordPage]) -> tuple[tuple[str, tuple[Link, ...]], ...]:
    """The home's "Bài viết" section: the latest posts and the way to all of them (none when
    nothing is posted)."""
    found = posts(pages)
    if not found:
        return ()
    shown = tuple(Link(p.title, p.parts, _post_note(p)) for p in found[:LATEST_POSTS])
    every = Link(tr("site.all_posts"), posts_parts(), _count_posts(len(found)))
    return ((tr("site.posts"), (*shown, every)),)


def _post_note(page: RecordPage) -> str:
    return format_day(page.day) if page.day else ""


def _count_posts(n: int) -> str:
    return tr("site.post_count", count=n)


def _posts_page(pages: Sequence[RecordPage], root: Link) -> list[Listing]:
    found = posts(pages)
    if not found:
        return []
    return [
        Listing(
            posts_parts(),
            tr("site.posts"),
            (root,),
            intro=_count_posts(len(found)),
            records=found,
        )
    ]


def listings(pages: Sequence[RecordPage], school: School) -> list[Listing]:
    """Every browsing page except the home."""
    root = Link(tr("site.archive"), (PREFIX,))
    out: list[Listing] = []
    by_year: dict[str, list[RecordPage]] = defaultdict(list)
    for page in pages:
        by_year[page.year].append(page)
    for year, year_pages in sorted(by_year.items()):
        year_link = Link(tr("site.year", year=year), (PREFIX, year))
        groups: dict[str, list[RecordPage]] = defaultdict(list)
        for page in year_pages:
            groups[page.group].append(page)
        out.append(
            Listing(
                year_link.parts,
                year_link.text,
                (root,),
                links=tuple(
                    Link(g[0].group_name, (PREFIX, year, gid), _count(len(g)))
                    for gid, g in sorted(groups.items())
                ),
                sections=(
                    (tr("site.by_week"), (Link(tr("site.weeks_of", year=year), week_parts(year)),)),
                ),
            )
        )
        for gid, group_pages in sorted(groups.items()):
            group_link = Link(group_pages[0].group_name, (PREFIX, year, gid))
            owners: dict[str, list[RecordPage]] = defaultdict(list)
            for page in group_pages:
                owners[page.owner or NO_OWNER].append(page)
            out.append(
                Listing(
                    group_link.parts,
                    f"{group_link.text} — {year}",
                    (root, year_link),
                    links=tuple(
                        Link(
                            o[0].owner_name
                            if oid != NO_OWNER
                            else tr("site.common", name=o[0].group_name),
                            (*group_link.parts, oid),
                            _count(len(o)),
                        )
                        for oid, o in sorted(
                            owners.items(),
                            key=lambda kv: (kv[0] != NO_OWNER, kv[1][0].owner_name, kv[0]),
                        )
                    ),
                )
            )
            for oid, owner_pages in sorted(owners.items()):
                owner_link = Link(
                    owner_pages[0].owner_name
                    if oid != NO_OWNER
                    else tr("site.common", name=group_link.text),
                    (*group_link.parts, oid),
                )
                types: dict[str, list[RecordPage]] = defaultdict(list)
                for page in owner_pages:
                    types[page.type_id].append(page)
                out.append(
                    Listing(
                        owner_link.parts,
                        f"{owner_link.text} — {year}",
                        (root, year_link, group_link),
                        links=tuple(
                            Link(t[0].type_name, (*owner_link.parts, tid), _count(len(t)))
                            for tid, t in sorted(types.items())
                        ),
                    )
                )
                for tid, type_pages in sorted(types.items()):
                    out.append(
                        Listing(
                            (*owner_link.parts, tid),
                            f"{type_pages[0].type_name} — {owner_link.text}",
                            (root, year_link, group_link, owner_link),
                            intro=year,
                            records=_sorted(type_pages),
                        )
                    )
        out.extend(_weeks(year, year_pages, school, root, year_link))
    out.extend(_types(pages, root))
    out.extend(_posts_page(pages, root))
    return out


def _weeks(
    year: str, pages: Sequence[RecordPage], school: School, root: Link, year_link: Link
) -> list[Listing]:
    by_week: dict[int, list[RecordPage]] = defaultdict(list)
    for page in pages:
        if page.week is not None:
            by_week[page.week].append(page)
    index = Link(tr("site.weeks_of", year=year), week_parts(year))
    out = [
        Listing(
            index.parts,
            index.text,
            (root, year_link),
            links=tuple(
                Link(week_label(school, year, w), week_parts(year, w), _count(len(p)))
                for w, p in sorted(by_week.items())
            ),
        )
    ]
    for week, week_pages in sorted(by_week.items()):
        out.append(
            Listing(
                week_parts(year, week),
                week_label(school, year, week),
                (root, year_link, index),
                records=tuple(
                    sorted(
                        week_pages,
                        key=lambda p: (p.group_name, p.owner_name, p.day or year, p.title, p.path),
                    )
                ),
            )
        )
    return out


def _types(pages: Sequence[RecordPage], root: Link) -> list[Listing]:
    by_type: dict[str, list[RecordPage]] = defaultdict(list)
    for page in pages:
        by_type[page.type_id].append(page)
    index = Link(tr("site.types"), type_parts())
    out = [
        Listing(
            index.parts,
            index.text,
            (root,),
            links=tuple(
                Link(p[0].type_name, type_parts(t), _count(len(p)))
                for t, p in sorted(by_type.items())
            ),
        )
    ]
    for type_id, type_pages in sorted(by_type.items()):
        sections: dict[str, list[Link]] = defaultdict(list)
        seen: dict[tuple[str, ...], int] = defaultdict(int)
        names: dict[tuple[str, ...], tuple[str, str]] = {}
        for page in type_pages:
            owner = page.owner or NO_OWNER
            folder: tuple[str, ...] = (PREFIX, page.year, page.group, owner, type_id)
            seen[folder] += 1
            who = page.owner_name if page.owner else tr("site.common", name=page.group_name)
            names[folder] = (page.year, f"{page.group_name} — {who}" if page.owner else who)
        for folder, count in sorted(seen.items()):
            year, text = names[folder]
            sections[year].append(Link(text, folder, _count(count)))
        out.append(
            Listing(
                type_parts(type_id),
                type_pages[0].type_name,
                (root, index),
                sections=tuple(
                    (tr("site.year", year=y), tuple(links))
                    for y, links in sorted(sections.items(), reverse=True)
                ),
            )
        )
    return out
