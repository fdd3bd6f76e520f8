"""Build the site's search index: only published pages, Vietnamese typed with or without accents.

Reads the built site, never changes its pages. Every HTML file with a ``data-pagefind-body``
element (:mod:`hsdt.site.search.extract`) becomes one page of the index; a page without it
(home, listings, the manual) is never read further, so it cannot reach the index. The index's
files (:mod:`hsdt.site.search.bundle`) are written into a hidden folder beside the old index and
take its place at the end, so a crash leaves the previous index whole (and the next run removes
the half-written folder); a page withdrawn from the site leaves nothing behind.

Why hsdt's own index rather than Pagefind (measured in docs/hieu-nang.md): folded Vietnamese
syllables ("do" is đồ, độ, đó, do, đỏ…) are on nearly every page, and Pagefind stores each
word's pages with positions, so a query for two common syllables fetched 360 kB to 1.3 MB at
20,000 pages and ranked 20,000 results on the page's thread for seconds; its indexer held
~150 kB of memory a page. Here a common term costs a bitmap of one bit a page (2.5 kB at
20,000), a query fetches a few small term files, and the script intersects bitmaps.

Reading and cutting 20,000 pages is seconds of one core: from :data:`PARALLEL_FROM` pages it is
done in worker processes (one per core), each writing its pages' texts and returning their
terms; the main process merges the terms in page order and writes the term files.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from hsdt.errors import SearchError
from hsdt.i18n import Msg
from hsdt.site.search.bundle import (
    BLOCK,
    BUNDLE_DIR,
    MANIFEST,
    PAGES_DIR,
    SHARD_BYTES,
    TERMS_DIR,
    TEXTS_DIR,
    encode_pages,
    manifest,
    pack,
    shard_bytes,
    write_json,
)
from hsdt.site.search.extract import BODY_ATTRIBUTE, page_content
from hsdt.site.search.terms import MAX_WORD, PREFIX_MIN, distinct, page_terms, shard_of

PARALLEL_FROM = 1000
"""Pages from which they are read in worker processes (one per core)."""
_BATCH = 500
OLD_BUNDLE_DIR = "pagefind"
OLD_BUNDLE_MARK = "hsdt-parts.json"
"""How hsdt before its own index (Pagefind, in parts) marked the index it wrote."""
_TEMP_PREFIX = f".{BUNDLE_DIR}.tmp-"


@dataclass(frozen=True)
class IndexStats:
    """What :func:`index_site` indexed and wrote."""

    pages: int
    """Pages indexed (HTML files with a ``data-pagefind-body`` element)."""
    skipped: int
    """HTML files left out of the index (no ``data-pagefind-body``)."""
    words: int
    """Distinct words in the index (folded: "giáo" and "giao" are one)."""
    terms: int
    """Distinct terms (words, prefixes, accented spellings, neighbouring pairs, title words)."""
    bundle_bytes: int
    """Size on disk of the index folder."""
    bundle_files: int
    """Files in the index folder."""
    shards: int = 0
    """Term files."""


class _Job(NamedTuple):
    """One batch of pages for :func:`_read_batch` (plain values: it crosses processes)."""

    site: str
    rels: list[str]
    first: int
    """The page number of ``rels[0]``."""
    texts: str


_Entry = tuple[str, str, str] | None
"""A page's (address, title, text file), None for a file that turned out not to be a page."""


def address_of(rel: str) -> str:
    """A page's address relative to the site (``a/b/`` for ``a/b/index.html``)."""
    if rel == "index.html":
        return ""
    return rel.removesuffix("index.html") if rel.endswith("/index.html") else rel


def text_name(address: str) -> str:
    """The file name of a page's whole text (a digest: the texts folder stays flat)."""
    return hashlib.sha256(address.encode("utf-8")).hexdigest()[:20]


def _read_batch(job: _Job) -> tuple[list[_Entry], dict[str, array[int]]]:
    """Read the pages ``job.rels``: their entries, and each term's page numbers (ascending)."""
    site, texts = Path(job.site), Path(job.texts)
    entries: list[_Entry] = []
    postings: dict[str, array[int]] = {}
    for offset, rel in enumerate(job.rels):
        try:
            page = (site / rel).read_text(encoding="utf-8", errors="replace")
        except OSError as e:
            raise SearchError(Msg("search.unreadable", {"path": rel, "detail": e.strerror})) from e
        content = page_content(page)
        if content is None:
            entries.append(None)
            continue
        address = address_of(rel)
        name = text_name(address)
        text = unicodedata.normalize("NFC", content.text)
        (texts / f"{name}.gz").write_bytes(pack(text.encode("utf-8")))
        entries.append((address, unicodedata.normalize("NFC", content.title), name))
        number = job.first + offset
        for term in page_terms(content.title, text):
            found = postings.get(term)
            if found is None:
                postings[term] = array("I", [number])
            else:
                found.append(number)
    return entries, postings


def _read_pages(
    site: Path, rels: list[str], texts: Path
) -> tuple[list[_Entry], dict[str, array[int]]]:
    """Every page's entry and every term's page numbers, in page order."""
    from concurrent.futures import ProcessPoolExecutor

    jobs = [
        _Job(str(site), rels[i : i + _BATCH], i, str(texts)) for i in range(0, len(rels), _BATCH)
    ]
    workers = os.cpu_count() or 1
    if len(rels) < PARALLEL_FROM or workers == 1:
        results = [_read_batch(job) for job in jobs]
    else:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_read_batch, jobs))
    entries: list[_Entry] = []
    postings: dict[str, array[int]] = {}
    for batch_entries, batch_postings in results:  # in page order: the numbers stay ascending
        entries.extend(batch_entries)
        for term, numbers in batch_postings.items():
            found = postings.get(term)
            if found is None:
                postings[term] = numbers
            else:
                found.extend(numbers)
    return entries, postings


def _write_terms(folder: Path, postings: dict[str, array[int]], pages: int) -> int:
    """The term files; how many."""
    encoded = {term: encode_pages(numbers, pages) for term, numbers in postings.items()}
    size = sum(len(term) + len(data) + 4 for term, (_kind, data) in encoded.items())
    shards = max(1, math.ceil(size / SHARD_BYTES))
    grouped: list[list[tuple[str, int, bytes]]] = [[] for _ in range(shards)]
    for term in sorted(encoded):
        kind, data = encoded[term]
        grouped[shard_of(term, shards)].append((term, kind, data))
    folder.mkdir()
    for number, entries in enumerate(grouped):
        (folder / f"{number}.gz").write_bytes(pack(shard_bytes(entries)))
    return shards


def _write_pages(folder: Path, entries: Sequence[_Entry]) -> None:
    folder.mkdir()
    for number in range(0, len(entries), BLOCK):
        write_json(folder / f"{number // BLOCK}.gz", list(entries[number : number + BLOCK]))


def _own_bundle(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


def _tally(folder: Path) -> tuple[int, int]:
    """(bytes, files) under ``folder``."""
    size = files = 0
    for top, _dirs, names in os.walk(folder):
        for name in names:
            size += os.stat(os.path.join(top, name)).st_size
            files += 1
    return size, files


def index_site(site_dir: Path) -> IndexStats:
    """Index the built site in ``site_dir`` for Vietnamese search (see the module docstring)."""
    site = site_dir.resolve()
    bundle = site / BUNDLE_DIR
    if bundle.exists() and not _own_bundle(bundle):
        raise SearchError(Msg("search.not_a_bundle", {"path": BUNDLE_DIR}))
    for left in site.glob(f"{_TEMP_PREFIX}*"):  # what a killed run left
        shutil.rmtree(left, ignore_errors=True)
    old = site / OLD_BUNDLE_DIR
    if (old / OLD_BUNDLE_MARK).is_file():
        # the Pagefind index an older hsdt wrote into a site built over again: it may hold
        # records withdrawn since
        shutil.rmtree(old)
    marker = BODY_ATTRIBUTE.encode("ascii")
    rels: list[str] = []
    skipped = 0
    for path in sorted(site.rglob("*.html")):
        if bundle in path.parents or path.parent.name.startswith(_TEMP_PREFIX):
            continue
        if marker in path.read_bytes():
            rels.append(path.relative_to(site).as_posix())
        else:
            skipped += 1
    if not rels:
        # nothing published: no index at all, the search box says so
        if bundle.exists():
            shutil.rmtree(bundle)
        return IndexStats(0, skipped, 0, 0, 0, 0)
    work = site / f"{_TEMP_PREFIX}{os.getpid()}"
    try:
        texts = work / TEXTS_DIR
        texts.mkdir(parents=True)
        entries, postings = _read_pages(site, rels, texts)
        pages = len(entries)
        shards = _write_terms(work / TERMS_DIR, postings, pages)
        _write_pages(work / PAGES_DIR, entries)
        words = distinct(postings, "w")
        listing = manifest(pages, shards, PREFIX_MIN, MAX_WORD)
        (work / MANIFEST).write_text(json.dumps(listing), encoding="utf-8")
        if bundle.exists():
            shutil.rmtree(bundle)
        work.rename(bundle)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    size, files = _tally(bundle)
    indexed = sum(1 for entry in entries if entry is not None)
    return IndexStats(
        pages=indexed,
        skipped=skipped + pages - indexed,
        words=words,
        terms=len(postings),
        bundle_bytes=size,
        bundle_files=files,
        shards=shards,
    )
