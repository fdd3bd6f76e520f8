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

A big site is indexed in parts of at most :data:`PART_PAGES` pages, one Pagefind run each,
:data:`PARALLEL_PARTS` at a time: Pagefind holds the whole index in memory, ~150 kB a record
page (measured: 600 MB for 4,000 pages, 3 GB for 20,000), so the peak is that of a few parts,
not the site's; and one run uses one core. The first part is the bundle in ``pagefind/``; the
others are ``pagefind/part-N/`` (entry, meta, index, fragment and filter files only: they use
the first part's code), listed in ``pagefind/hsdt-parts.json``, which the search script reads
to merge them (Pagefind's ``mergeIndex``), so one query searches every part. The page copies
are made in memory when it has room (:func:`_scratch`)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

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
KEEP_PART = ("pagefind-entry.json", "*.pf_meta", "index", "fragment", "filter")
"""What a further part's folder keeps (the first part's ``pagefind.js`` and WebAssembly serve
all the parts)."""
PART_PAGES = 3000
"""Most HTML files one Pagefind run is given (see the module docstring)."""
PARALLEL_PARTS = 2
"""Pagefind runs at once (each uses one core: measured, it is no faster on two); with
:data:`PART_PAGES` this bounds the index's peak memory (~150 kB a page, so ~0.9 GB)."""
PARTS_FILE = "hsdt-parts.json"
"""In the first part's folder: ``{"parts": ["part-2/", …], "hidden": [id, …]}``, the further
parts to merge and the ids of the pages the script drops from results (one vocabulary page a
part, see :func:`_write_vocabulary`)."""
PART_PREFIX = "part-"
VOCABULARY_PAGE = "hsdt-tu-vung"
"""The folder, in a part's copies only (never in the site), of its page of every word."""
_INDEXED = re.compile(r"Indexed (\d+) (pages?|words?)")


@dataclass(frozen=True)
class IndexStats:
    """What :func:`index_site` indexed and wrote."""

    pages: int
    """Pages indexed (HTML files with a ``data-pagefind-body`` element)."""
    skipped: int
    """HTML files left out of the index (no ``data-pagefind-body``)."""
    words: int
    """Distinct words in the index, as Pagefind counts them (summed over the parts: a word
    found in two parts counts twice)."""
    bundle_bytes: int
    """Size on disk of the bundle folder (index, fragments, search code)."""
    bundle_files: int
    """Files in the bundle folder."""
    parts: int = 1
    """Pagefind runs, one per part of at most :data:`PART_PAGES` pages (0: nothing indexed)."""


def _pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as e:
        raise SearchError(Msg("search.no_pagefind")) from e
    return Path(get_executable())


def _clear_bundle(bundle: Path) -> None:
    if not bundle.exists():
        return
    # hsdt's own: a bundle, or what an interrupted run left (the texts are written first)
    if not (bundle / "pagefind-entry.json").is_file() and not (bundle / TEXTS).is_dir():
        raise SearchError(Msg("search.not_a_bundle", {"path": BUNDLE_DIR}))
    shutil.rmtree(bundle)


PARALLEL_FROM = 1000
"""Pages from which the copies are made in worker processes (one per core)."""
_BATCH = 500


class _Job(NamedTuple):
    """One batch of pages for :func:`_copy_batch` (plain strings: it crosses processes)."""

    site: str
    rels: list[str]
    dest: str
    texts: str | None
    vocabulary: bool


def _copy_batch(job: _Job) -> tuple[int, int, dict[str, str]]:
    """Copy the pages ``job.rels`` (see :func:`_copy_marked`); (copied, skipped, vocabulary):
    with ``job.vocabulary``, every word form the copied pages give the index
    (:func:`hsdt.site.search.compact.word_key` → its first spelling), else empty."""
    import gzip

    site, dest = Path(job.site), Path(job.dest)
    copied = skipped = 0
    made: set[Path] = set()
    words: dict[str, str] = {}
    for rel_text in job.rels:
        rel = Path(rel_text)
        text = (site / rel).read_text(encoding="utf-8", errors="replace")
        if BODY_ATTRIBUTE not in text:
            skipped += 1
            continue
        if job.texts is not None or job.vocabulary:
            cut = compact_page(text, words if job.vocabulary else None)
            if cut is None:
                skipped += 1
                continue
            if job.texts is not None:
                text, whole = cut
                folder = Path(job.texts) / (rel.parent if rel.name == "index.html" else rel)
                folder.mkdir(parents=True, exist_ok=True)
                packed = gzip.compress(
                    unicodedata.normalize("NFC", whole).encode("utf-8"), 6, mtime=0
                )
                (folder / TEXT_FILE).write_bytes(packed)
        target = dest / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(mark_d(text), encoding="utf-8")
        copied += 1
    return copied, skipped, words


@dataclass(frozen=True)
class _Part:
    folder: Path
    """The part's copies."""
    copied: int
    skipped: int


def _copy_marked(
    site: Path, rels: list[str], dest: Path, texts: Path | None, part_pages: int
) -> tuple[list[_Part], list[str]]:
    """Copy the indexable pages among ``rels`` (HTML files of ``site``) with đ marked into one
    folder under ``dest`` per part of at most ``part_pages`` files (balanced, in path order);
    with ``texts``, cut down (:mod:`hsdt.site.search.compact`), each page's whole text written
    under ``texts``. In worker processes from :data:`PARALLEL_FROM` pages (reading, cutting and
    compressing 20,000 pages is seconds of one core). The parts, and with more than one the
    site's vocabulary (every word form of every indexed page, sorted; see
    :func:`_write_vocabulary`)."""
    import math
    import os
    from concurrent.futures import ProcessPoolExecutor

    count = max(1, math.ceil(len(rels) / max(1, part_pages)))
    size = math.ceil(len(rels) / count) if rels else 0
    folders = [dest / str(n + 1) for n in range(count)]
    jobs: list[_Job] = []
    owner: list[int] = []
    for n, folder in enumerate(folders):
        folder.mkdir(parents=True)
        share = rels[n * size : (n + 1) * size]
        for i in range(0, len(share), _BATCH):
            text_dir = str(texts) if texts is not None else None
            jobs.append(_Job(str(site), share[i : i + _BATCH], str(folder), text_dir, count > 1))
            owner.append(n)
    workers = os.cpu_count() or 1
    if len(rels) < PARALLEL_FROM or workers == 1:
        results = [_copy_batch(job) for job in jobs]
    else:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_copy_batch, jobs))
    copied = [0] * count
    skipped = [0] * count
    vocabulary: dict[str, str] = {}
    for n, (made, left, words) in zip(owner, results, strict=True):
        copied[n] += made
        skipped[n] += left
        for key, word in words.items():
            vocabulary.setdefault(key, word)
    parts = [_Part(folders[n], copied[n], skipped[n]) for n in range(count)]
    return parts, sorted(vocabulary.values())


def _write_vocabulary(pages: Path, words: list[str]) -> str:
    """Write, beside a part's pages, one page holding every word of the site; its URL.

    Why: when a query's word is in no page of an index, Pagefind searches a shorter prefix of
    it instead (backtracking, not configurable in Pagefind 1.5), so a part that lacks a word
    that other parts hold would answer with pages of near words. With every word in every part,
    a part answers exactly as one index of the whole site would; the search script drops this
    page from the results (its id is in :data:`PARTS_FILE`)."""
    name = VOCABULARY_PAGE
    while (pages / name).exists():
        name = f"{name}-"
    folder = pages / name
    folder.mkdir()
    body = "\n".join(
        html.escape(" ".join(words[i : i + 20]), quote=False) for i in range(0, len(words), 20)
    )
    (folder / "index.html").write_text(
        mark_d(
            f'<!doctype html>\n<html lang="{LANGUAGE}"><head><meta charset="utf-8">'
            f"<title>{name}</title></head><body><main {BODY_ATTRIBUTE}>\n{body}\n</main>"
            "</body></html>\n"
        ),
        encoding="utf-8",
    )
    return f"/{name}/"


def _page_id(out: Path, url: str) -> str:
    """The Pagefind id (fragment name) of the page at ``url`` in the bundle ``out``."""
    import gzip

    wanted = json.dumps(url)
    for fragment in (out / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        if data[12:].startswith(f'{{"url":{wanted}'.encode()):
            return fragment.stem
    raise SearchError(Msg("search.pagefind_failed", {"detail": f"{url}: no fragment"}))


def _run_pagefind(binary: Path, pages: Path, out: Path) -> str:
    """Pagefind over ``pages`` into ``out``; its report (stdout)."""
    command = [
        str(binary),
        "--site",
        str(pages),
        "--output-path",
        str(out),
        "--force-language",
        LANGUAGE,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (out / "pagefind-entry.json").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SearchError(
            Msg("search.pagefind_failed", {"detail": detail[-1] if detail else done.returncode})
        )
    return done.stdout


def _prune(folder: Path, keep_globs: tuple[str, ...]) -> None:
    keep = {p for pattern in keep_globs for p in folder.glob(pattern)}
    for entry in folder.iterdir():
        if entry in keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _scratch(pages: int) -> str | None:
    """Where the copies of ``pages`` pages go: memory (``/dev/shm``) when it has room, as files
    there are made and removed many times faster than on a disk (20,000 pages: ~25 s of a
    disk's mkdir and unlink); else None, the system's temporary folder."""
    import os

    shm = Path("/dev/shm")
    try:
        if not shm.is_dir() or not os.access(shm, os.W_OK):
            return None
        room = shutil.disk_usage(shm).free
    except OSError:
        return None
    # a copy is at most its page (cut down to its text it is a fraction of it), and a record
    # page is at most ~60 kB (docs/hieu-nang.md); twice that leaves the machine its memory
    return str(shm) if room > 2 * pages * 64_000 else None


def _index_parts(
    binary: Path, bundle: Path, folders: list[Path], vocabulary: list[str]
) -> tuple[dict[str, int], list[str], list[str]]:
    """Run Pagefind over each part's copies (:data:`PARALLEL_PARTS` at a time); the summed
    counts of its reports, the further parts' folder names and the hidden page ids."""
    from concurrent.futures import ThreadPoolExecutor

    outs = [bundle if n == 0 else bundle / f"{PART_PREFIX}{n + 1}" for n in range(len(folders))]
    urls = [_write_vocabulary(f, vocabulary) if len(folders) > 1 else None for f in folders]
    with ThreadPoolExecutor(PARALLEL_PARTS) as pool:
        reports = list(
            pool.map(lambda n: _run_pagefind(binary, folders[n], outs[n]), range(len(folders)))
        )
    counts: dict[str, int] = {}
    hidden: list[str] = []
    for out, url, report in zip(outs, urls, reports, strict=True):
        for n, kind in _INDEXED.findall(report):
            key = kind.rstrip("s")
            counts[key] = counts.get(key, 0) + int(n)
        if url is not None:  # the same words give the same id in every part
            page_id = _page_id(out, url)
            if page_id not in hidden:
                hidden.append(page_id)
            counts["page"] = counts.get("page", 1) - 1
        if out != bundle:
            _prune(out, KEEP_PART)
    return counts, [f"{out.name}/" for out in outs[1:]], hidden


def _tally(folder: Path) -> tuple[int, int]:
    """(bytes, files) under ``folder``."""
    import os

    size = files = 0
    for top, _dirs, names in os.walk(folder):
        for name in names:
            size += os.stat(os.path.join(top, name)).st_size
            files += 1
    return size, files


def index_site(site_dir: Path, *, compact: bool = True, part_pages: int = PART_PAGES) -> IndexStats:
    """Index the built site in ``site_dir`` for Vietnamese search (see the module docstring);
    ``compact=False`` gives Pagefind whole pages, every word at every position (the
    benchmark's comparison); ``part_pages`` is the most HTML files one Pagefind run gets."""
    site = site_dir.resolve()
    bundle = site / BUNDLE_DIR
    _clear_bundle(bundle)
    binary = _pagefind_binary()
    rels = [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*.html"))
        if bundle not in p.parents
    ]
    with tempfile.TemporaryDirectory(prefix="hsdt-search-", dir=_scratch(len(rels))) as tmp:
        # the texts go straight to the bundle (Pagefind leaves what it did not write)
        texts = bundle / TEXTS if compact else None
        parts, vocabulary = _copy_marked(site, rels, Path(tmp) / "site", texts, part_pages)
        skipped = sum(part.skipped for part in parts)
        copied = sum(part.copied for part in parts)
        filled = [part.folder for part in parts if part.copied]
        if not filled:
            # Pagefind refuses to build an empty index; the search box says there is none.
            return IndexStats(
                pages=0, skipped=skipped, words=0, bundle_bytes=0, bundle_files=0, parts=0
            )
        counts, names, hidden = _index_parts(binary, bundle, filled, vocabulary)
    _prune(bundle, (*KEEP, f"{PART_PREFIX}*"))
    listing = {"parts": names, "hidden": hidden}
    (bundle / PARTS_FILE).write_text(json.dumps(listing), encoding="utf-8")
    size, files = _tally(bundle)
    return IndexStats(
        pages=counts.get("page", copied),
        skipped=skipped,
        words=counts.get("word", 0),
        bundle_bytes=size,
        bundle_files=files,
        parts=len(filled),
    )
