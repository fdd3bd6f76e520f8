"""Where each page of the school's site lives (URLs relative to the site root, with
directory URLs: ``ho-so/2025-2026/`` is ``ho-so/2025-2026/index.html``).

The archive mirrors a record's path, so browsing by year → group → teacher → type walks up
the URL of a record page::

    ho-so/                                        the archive's home
    ho-so/<nam_hoc>/                              a school year: its groups
    ho-so/<nam_hoc>/<to>/                         a group: its teachers (and _chung)
    ho-so/<nam_hoc>/<to>/<giao_vien>/             a teacher: their record types
    ho-so/<nam_hoc>/<to>/<giao_vien>/<loai>/      the records of one type
    ho-so/<nam_hoc>/<to>/<giao_vien>/<loai>/<tep>/   one record
    ho-so/tuan/<nam_hoc>/<NN>/                    one teaching week
    ho-so/loai/<loai>/                            one record type, every year
    ho-so/bai-viet/                               the website's posts, newest first

A group's or the school's record has no teacher: ``_chung`` stands in its place (staff ids
cannot start with ``_``), so every record page is at the same depth, which lets one page shell
per depth serve every page (see :mod:`hsdt.site.shell`). Path components come from the
repository: they are percent-encoded in links and refused when unsafe as folder names.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from hsdt.workflow.paths import RecordPlace

PREFIX = "ho-so"
"""The archive's folder in the site."""
NO_OWNER = "_chung"
"""The teacher component of a group's or the school's record."""
SHELL = "_mau"
"""The component repeated to make the page shells' URLs (never a year, group or teacher)."""
WEEKS = "tuan"
TYPES = "loai"
POSTS = "bai-viet"
POST_TYPE = "bai-viet-website"
"""The record type published as the website's posts (news and articles, seed 004)."""
PDF_NAME = "ban-ky.pdf"
"""The signed PDF's file name inside its record's folder."""

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


def safe_component(part: str) -> bool:
    """Whether ``part`` can be a folder name of the site (not ``.``/``..``, no separator or
    control character, not hidden)."""
    return bool(part) and not part.startswith(".") and not _UNSAFE.search(part)


def record_parts(place: RecordPlace) -> tuple[str, ...]:
    """The URL components of a record's page."""
    slug = place.path.rsplit("/", 1)[-1].removesuffix(".md")
    group = place.group if place.group is not None else "truong"
    return (PREFIX, place.year, group, place.owner or NO_OWNER, place.type_id, slug)


def url_of(parts: tuple[str, ...]) -> str:
    """``a/b/`` for ``("a", "b")``: the directory URL, percent-encoded."""
    return "".join(quote(p, safe="") + "/" for p in parts)


def file_of(parts: tuple[str, ...]) -> str:
    """The output file of a page (``a/b/index.html``), not encoded."""
    return "/".join((*parts, "index.html"))


def shell_parts(depth: int) -> tuple[str, ...]:
    """The components of the page shell used for pages ``depth`` folders deep (2 to 6)."""
    return (PREFIX, *([SHELL] * (depth - 1)))


def week_parts(year: str, week: int | None = None) -> tuple[str, ...]:
    """A school year's weeks, or one week."""
    base = (PREFIX, WEEKS, year)
    return base if week is None else (*base, f"{week:02d}")


def type_parts(type_id: str | None = None) -> tuple[str, ...]:
    """The list of types, or one type."""
    return (PREFIX, TYPES) if type_id is None else (PREFIX, TYPES, type_id)


def posts_parts() -> tuple[str, ...]:
    """The website's posts."""
    return (PREFIX, POSTS)


def relative(from_parts: tuple[str, ...], to_parts: tuple[str, ...], file: str = "") -> str:
    """The link from the page at ``from_parts`` to the page (or ``file`` in the folder) at
    ``to_parts``: relative, so the site works under any base URL and from a file system."""
    common = 0
    while common < min(len(from_parts), len(to_parts)) and from_parts[common] == to_parts[common]:
        common += 1
    link = "../" * (len(from_parts) - common) + url_of(to_parts[common:]) + quote(file, safe="")
    return link or "./"
