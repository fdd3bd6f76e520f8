"""Build the site's Pagefind index: only published pages, in Vietnamese, with đ made foldable.

Reads the built site, never changes its pages. Every HTML file that has a ``data-pagefind-body``
element is copied, as :func:`hsdt.site.search.fold.mark_d` spells it, into a temporary folder;
Pagefind's own binary (PyPI ``pagefind[bin]``) indexes that folder with the language forced to
Vietnamese and writes the bundle into ``<site>/pagefind/``. A page without ``data-pagefind-body``
is never handed to Pagefind, so it cannot reach the index even on a site where no page has the
attribute (Pagefind would then index whole pages); a site with no such page gets no bundle
(Pagefind builds no empty index) and its search box says so. The bundle's previous contents
are removed first, so a page withdrawn from the site leaves no fragment behind.

The temporary copies are the pages cut down to their searchable element, each word form kept
at its first occurrence (:mod:`hsdt.site.search.compact`: the index's size, and the bytes a
query downloads, grow with positions). The Python API of ``pagefind`` was measured at ~0.1 s
per page through its service pipe, the binary over a folder at ~2 ms.

Only the parts of Pagefind's bundle the site's search script loads are kept (``pagefind.js``, its
WebAssembly, the entry, meta, index, fragment and filter files): Pagefind's own UIs and its Web
Worker are removed, the search runs on the page's thread so every byte it loads is the page's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from hsdt.errors import SearchError
from hsdt.i18n import Msg
from hsdt.site.search.compact import TEXT_FILE, TEXTS, compact_page
from hsdt.site.search.fold import mark_d

BODY_ATTRIBUTE = "data-pagefind-body"
"""The attribute of the one element whose content a page contributes to the index."""
BUNDLE_DIR = "pagefind"
"""The bundle's folder inside the site (Pagefind's default, what the search script expects)."""
LANGUAGE = "vi"
KEEP = (
    "pagefind.js",
    "pagefind-entry.json",
    "*.pf_meta",
    "wasm.*",
    "index",
    "fragment",
    "filter",
    TEXTS,
)
"""What of Pagefind's output the site serves (globs, relative to the bundle folder)."""
_INDEXED = re.compile(r"Indexed (\d+) (pages?|words?)")


@dataclass(frozen=True)
class IndexStats:
    """What :func:`index_site` indexed and wrote."""

    pages: int
    """Pages indexed (HTML files with a ``data-pagefind-body`` element)."""
    skipped: int
    """HTML files left out of the index (no ``data-pagefind-body``)."""
    words: int
    """Distinct words in the index, as Pagefind counts them."""
    bundle_bytes: int
    """Size on disk of the bundle folder (index, fragments, search code)."""
    bundle_files: int
    """Files in the bundle folder."""


def _pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as e:
        raise SearchError(Msg("search.no_pagefind")) from e
    return Path(get_executable())


def _clear_bundle(bundle: Path) -> None:
    if not bundle.exists():
        return
    if not (bundle / "pagefind-entry.json").is_file():
        raise SearchError(Msg("search.not_a_bundle", {"path": BUNDLE_DIR}))
    shutil.rmtree(bundle)


PARALLEL_FROM = 1000
"""Pages from which the copies are made in worker processes (one per core)."""
_BATCH = 500


def _copy_batch(
    job: tuple[str, list[str], str, str | None],
) -> tuple[int, int]:
    """Copy the pages ``rels`` of ``site`` (see :func:`_copy_marked`); (copied, skipped)."""
    import gzip

    site, rels, dest, texts = Path(job[0]), job[1], Path(job[2]), job[3]
    copied = skipped = 0
    made: set[Path] = set()
    for rel_text in rels:
        rel = Path(rel_text)
        text = (site / rel).read_text(encoding="utf-8", errors="replace")
        if BODY_ATTRIBUTE not in text:
            skipped += 1
            continue
        if texts is not None:
            cut = compact_page(text)
            if cut is None:
                skipped += 1
                continue
            text, whole = cut
            folder = Path(texts) / (rel.parent if rel.name == "index.html" else rel)
            folder.mkdir(parents=True, exist_ok=True)
            packed = gzip.compress(unicodedata.normalize("NFC", whole).encode("utf-8"), 6, mtime=0)
            (folder / TEXT_FILE).write_bytes(packed)
        target = dest / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(mark_d(text), encoding="utf-8")
        copied += 1
    return copied, skipped


def _copy_marked(site: Path, bundle: Path, dest: Path, texts: Path | None) -> tuple[int, int]:
    """Copy the indexable pages of ``site`` into ``dest`` with đ marked; with ``texts``, cut
    down (:mod:`hsdt.site.search.compact`), each page's whole text written under ``texts``.
    In worker processes from :data:`PARALLEL_FROM` pages (reading, cutting and compressing
    20,000 pages is seconds of one core). (copied, skipped)."""
    import os
    from concurrent.futures import ProcessPoolExecutor

    rels = [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*.html"))
        if bundle not in p.parents
    ]
    jobs = [
        (str(site), rels[i : i + _BATCH], str(dest), str(texts) if texts is not None else None)
        for i in range(0, len(rels), _BATCH)
    ]
    workers = os.cpu_count() or 1
    if len(rels) < PARALLEL_FROM or workers == 1:
        results = [_copy_batch(job) for job in jobs]
    else:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_copy_batch, jobs))
    return sum(r[0] for r in results), sum(r[1] for r in results)


def _prune(bundle: Path) -> None:
    keep = {p for pattern in KEEP for p in bundle.glob(pattern)}
    for entry in bundle.iterdir():
        if entry in keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def index_site(site_dir: Path, *, compact: bool = True) -> IndexStats:
    """Index the built site in ``site_dir`` for Vietnamese search (see the module docstring);
    ``compact=False`` gives Pagefind whole pages, every word at every position (the
    benchmark's comparison)."""
    site = site_dir.resolve()
    bundle = site / BUNDLE_DIR
    _clear_bundle(bundle)
    binary = _pagefind_binary()
    with tempfile.TemporaryDirectory(prefix="hsdt-search-") as tmp:
        pages = Path(tmp) / "site"
        pages.mkdir()
        texts = Path(tmp) / TEXTS if compact else None
        copied, skipped = _copy_marked(site, bundle, pages, texts)
        if copied == 0:
            # Pagefind refuses to build an empty index; the search box says there is none.
            return IndexStats(pages=0, skipped=skipped, words=0, bundle_bytes=0, bundle_files=0)
        command = [
            str(binary),
            "--site",
            str(pages),
            "--output-path",
            str(bundle),
            "--force-language",
            LANGUAGE,
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise SearchError(
                Msg("search.pagefind_failed", {"detail": detail[-1] if detail else done.returncode})
            )
        if texts is not None:
            shutil.move(texts, bundle / TEXTS)
    counts = {kind.rstrip("s"): int(n) for n, kind in _INDEXED.findall(done.stdout)}
    _prune(bundle)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexStats(
        pages=counts.get("page", copied),
        skipped=skipped,
        words=counts.get("word", 0),
        bundle_bytes=sum(p.stat().st_size for p in files),
        bundle_files=len(files),
    )
