"""Vietnamese search for the school website: hsdt's static index and the search box's assets.

How a site generator uses it (the MkDocs plugin is one adapter; nothing here imports MkDocs):

1. Record pages put their searchable content (title, metadata, body) in one element with
   ``data-pagefind-body`` (:data:`BODY_ATTRIBUTE`), the title in an element with
   ``data-pagefind-meta="title"``; text right after a tag with ``data-pagefind-ignore`` is not
   indexed (Pagefind's markup: see :mod:`hsdt.site.search.extract`). Pages without it (home,
   browse lists, the manual) are never indexed.
2. The search box is package files: copy each of :func:`asset_files` to its path in the site
   (MkDocs: ``File.generated(config, uri, abs_src_path=path)`` in ``on_files``) and append
   :func:`mkdocs_config` to ``extra_javascript``/``extra_css`` in ``on_config``. The script puts
   a search box into Material's header (``.md-header__inner``), or into an element with
   ``data-hsdt-search`` (a search page, which also reads ``?q=``), else atop the body. Disable
   Material's own ``search`` plugin (list ``plugins:`` without it): its lunr index is what this
   replaces. Material's ``navigation.instant`` is not supported (the box is built once per
   page load).
3. After the build (``on_post_build``), :func:`index_site` on the site folder writes
   ``chi-muc/`` (:data:`BUNDLE_DIR`, laid out in :mod:`hsdt.site.search.bundle`).
4. The Content Security Policy's ``script-src`` must allow :data:`CSP_SCRIPT_SRC` (files of the
   site; no inline script); ``connect-src`` must allow ``'self'`` (the index).

The user's guide is docs/tim-kiem.md; the figures are in docs/hieu-nang.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hsdt.site.search.bundle import BUNDLE_DIR
from hsdt.site.search.extract import BODY_ATTRIBUTE
from hsdt.site.search.fold import fold
from hsdt.site.search.index import IndexStats, index_site

__all__ = [
    "ASSETS_URI",
    "BODY_ATTRIBUTE",
    "BUNDLE_DIR",
    "CSP_SCRIPT_SRC",
    "IndexStats",
    "asset_files",
    "fold",
    "index_site",
    "mkdocs_config",
]

ASSETS_URI = "assets/hsdt"
"""Where the search box's files go in the site; the script finds ``chi-muc/`` from there."""
SCRIPT = "hsdt-search.js"
STYLE = "hsdt-search.css"
LANG_SCRIPT = "hsdt-lang.js"
"""The archive's language switch (Vietnamese / English labels), served with the search box."""
CSP_SCRIPT_SRC = "'self'"
"""The ``script-src`` the search needs: files of the site (no inline script, no WebAssembly)."""


def asset_files() -> dict[str, Path]:
    """The search box's files: their path in the site (``/``-separated) → the package file."""
    here = Path(__file__).parent / "assets"
    return {f"{ASSETS_URI}/{name}": here / name for name in (SCRIPT, LANG_SCRIPT, STYLE)}


def mkdocs_config() -> dict[str, list[Any]]:
    """What to append to the MkDocs config's ``extra_javascript`` and ``extra_css``."""
    return {
        "extra_javascript": [
            {"path": f"{ASSETS_URI}/{SCRIPT}", "defer": True},
            {"path": f"{ASSETS_URI}/{LANG_SCRIPT}", "defer": True},
        ],
        "extra_css": [f"{ASSETS_URI}/{STYLE}"],
    }
