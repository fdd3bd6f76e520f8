"""The school's website: a school repository at a commit turned into the pages and data of
its public archive, knowing nothing of the generator that renders them.

- :mod:`hsdt.site.build` — what is published (:func:`hsdt.workflow.status.published`, the
  same function behind ``hsdt status``'s "đã công bố") and the page models; writing them.
- :mod:`hsdt.site.records` — one record's page model (personal fields left out).
- :mod:`hsdt.site.browse` — browsing pages: year → group → teacher → type, weeks, types.
- :mod:`hsdt.site.verify` — the signed PDFs verified at build time, cached by blob id.
- :mod:`hsdt.site.html`, :mod:`hsdt.site.shell`, :mod:`hsdt.site.csp` — HTML fragments
  (autoescaped), the page shells they are poured into, the Content Security Policy.
- :mod:`hsdt.site.urls` — where each page lives.
- :mod:`hsdt.site.search` — the Vietnamese search index over the built pages (hsdt's own static
  index: :mod:`hsdt.site.search.index`).

The MkDocs plugin (:mod:`hsdt.plugin`) is the only adapter: MkDocs Material renders the manual
(docs/), the archive's home, and one empty page *shell* per folder depth; hsdt fills the shells
with every record and browsing page in worker processes (the light path). Record pages are
never MkDocs pages and never in the navigation: Material renders the whole navigation into
every page, which grows the build quadratically (issue 11: 1,000 pages 38 s and 380 MB of
HTML, 3,000 pages 366 s), and even with ``navigation.prune`` 3,000 pages take 32 s, about
10 ms of templating a page, where filling a shell is a string substitution and the page's
cost is its Markdown (docs/hieu-nang.md has the figures, measured in one run beside plain
Material). Material reaches end of life on 5 May 2027; Zensical reads mkdocs.yml, so moving
is one adapter that renders the shells.
"""
