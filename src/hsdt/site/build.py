"""Building the archive: a school repository at a commit → the files of its site.

:func:`prepare` decides what is published (the one function :func:`hsdt.workflow.status.
published` that ``hsdt status`` also uses) and makes every record page's model in worker
processes (front matter read, personal fields left out); :func:`write` verifies the signed
PDFs (cached by blob id), then renders each record's body through the PDF's sanitiser and
writes its page through the page shells (:mod:`hsdt.site.shell`) in worker processes, while
this process copies the downloadable PDFs; last come the browsing pages. Nothing here knows
which generator rendered the shells: the MkDocs plugin (:mod:`hsdt.plugin`) is one adapter,
Zensical would be another.

Reads come from git at the commit, never from the working tree (except the school profile
and the trust certificates, which the site's build job checks out from the same commit):
one ``ls-tree`` for the blob ids, then ``cat-file --batch`` calls by blob id, ``CHUNK``
files at a time, so a year of sources and PDFs never sits in memory at once. (Asking git for
``rev:path`` instead re-reads every tree on the path for each file: 43 s instead of 0.2 s
for the evidence files of 20,000 records.)
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hsdt.errors import HsdtError, SiteError
from hsdt.git.objects import read_objects
from hsdt.git.run import rev_parse
from hsdt.git.tree import list_blob_ids, read_by_id
from hsdt.i18n import Msg, msg
from hsdt.model.school import School
from hsdt.site.browse import Listing, home, listings
from hsdt.site.model import PdfCheck, RecordPage
from hsdt.site.shell import Shell
from hsdt.site.urls import PDF_NAME, file_of, safe_component
from hsdt.site.verify import VerifyCache, verdict_digest, verify_pdfs
from hsdt.workflow.status import RecordStatus, published

CHUNK = 200
"""Records (or PDFs) handed to a worker, or read from git, at a time."""


@dataclass(frozen=True)
class SiteOptions:
    """What to build from."""

    root: Path
    """The school repository."""
    school_id: str | None = None
    """The school, when the repository holds several."""
    rev: str = "main"
    """The commit (or ref) whose published records make the site."""
    trust: Path | None = None
    """Trusted certificates (default: the repository's ``signatures/``)."""
    cache: Path | None = None
    """Folder of the caches (signature verdicts, rendered bodies); None: no cache."""
    jobs: int | None = None
    """Worker processes (default: one per core)."""

    @property
    def trust_path(self) -> Path:
        """The trust folder or file in use."""
        return self.trust if self.trust is not None else self.root / "signatures"


@dataclass
class Prepared:
    """The site's content before it is written."""

    options: SiteOptions
    school: School
    commit: str
    pages: list[RecordPage]
    """Every published record's page model."""
    skipped: list[tuple[str, Msg]] = field(default_factory=list)
    """Published records that could not be shown, and why."""

    def home(self) -> Listing:
        """The archive's home page."""
        return home(self.pages, self.school)


@dataclass(frozen=True)
class Written:
    """What :func:`write` produced."""

    record_pages: int
    listing_pages: int
    pdfs: int
    verified: int
    """PDFs verified in this run (the others came from the cache)."""
    bad: tuple[str, ...]
    """Record paths whose PDF did not verify."""
    seconds: tuple[tuple[str, float], ...] = ()
    """Wall time of each phase (verification, record pages and PDFs, browsing pages)."""


def _jobs(options: SiteOptions) -> int:
    return max(1, options.jobs or os.cpu_count() or 1)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_WORKER: dict[str, Any] = {}


def put(path: Path, data: bytes) -> None:
    """Write an output file of the site. No temporary file and no fsync (unlike the
    repository's files): the site is build output, rebuilt whole when a build fails, and
    40,000 fsyncs would cost more than the rest of the build."""
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _worker_init(
    root: str, school_id: str | None, shells: dict[int, Shell] | None, cache: str | None = None
) -> None:
    from hsdt.load.profile import load_school
    from hsdt.render.markup import converter

    _WORKER["school"] = load_school(Path(root), school_id)
    _WORKER["md"] = converter()
    _WORKER["shells"] = shells or {}
    _WORKER["bodies"] = BodyCache(Path(cache) / "body" if cache else None)


class BodyCache:
    """Rendered record bodies by source blob id: Markdown is most of a record page's cost
    (about 3 ms a record), and a rebuild after a publication changes a handful of records.
    The key covers the blob and the sanitiser's own source, so a change of the Markdown
    extensions or the allow-lists renders every body again."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        import hashlib

        from hsdt.load import formula as delimiters
        from hsdt.render import formula, markup

        # The body's HTML also depends on the formula typesetter and its delimiter rule.
        sources = b"".join(
            Path(module.__file__ or "").read_bytes() for module in (markup, formula, delimiters)
        )
        self.salt = hashlib.sha256(b"hsdt-site-body 1\n" + sources).hexdigest()

    def _file(self, blob: str) -> Path | None:
        if self.folder is None or not blob:
            return None
        import hashlib

        key = hashlib.sha256(f"{self.salt}:{blob}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.html"

    def body(self, path: str, blob: str, data: bytes) -> str:
        """The body's HTML, from the cache or rendered (and kept)."""
        from hsdt.site.records import body_html

        file = self._file(blob)
        if file is not None:
            try:
                return file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                pass
        html = body_html(path, data, _WORKER["md"])
        if file is not None:
            part = file.with_name(f"{file.name}.{os.getpid()}.tmp")
            put(part, html.encode("utf-8"))
            os.replace(part, file)
        return html


def _make_pages(
    batch: Sequence[tuple[RecordStatus, bytes, str, str]],
) -> tuple[list[RecordPage], list[tuple[str, Msg]]]:
    """Page models without bodies (a worker's share of :func:`prepare`)."""
    from hsdt.site.records import record_page

    pages, skipped = [], []
    for status, data, pdf_blob, source_blob in batch:
        try:
            pages.append(
                record_page(
                    status, data, _WORKER["school"], pdf_blob, body=False, source_blob=source_blob
                )
            )
        except HsdtError as e:
            skipped.append((status.path, e.msg))
    return pages, skipped


class _Pool:
    """Worker processes fed a bounded number of batches at a time (so a year's pages are
    never all queued in memory), or this process when one job is asked for."""

    def __init__(self, options: SiteOptions, shells: dict[int, Shell] | None) -> None:
        self.jobs = _jobs(options)
        cache = str(options.cache) if options.cache is not None else None
        self.args = (str(options.root), options.school_id, shells, cache)
        self.pool: ProcessPoolExecutor | None = None
        self.running: list[Future[Any]] = []
        self.results: list[Any] = []
        if self.jobs == 1:
            _worker_init(*self.args)

    def __enter__(self) -> _Pool:
        if self.jobs > 1:
            self.pool = ProcessPoolExecutor(self.jobs, initializer=_worker_init, initargs=self.args)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def submit(self, fn: Any, batch: Any) -> None:
        """Run ``fn(batch)``; blocks while ``2 × jobs`` batches are waiting."""
        if self.pool is None:
            self.results.append(fn(batch))
            return
        self.running.append(self.pool.submit(fn, batch))
        while len(self.running) > 2 * self.jobs:
            self.results.append(self.running.pop(0).result())

    def finish(self) -> list[Any]:
        """Every result, in submission order."""
        while self.running:
            self.results.append(self.running.pop(0).result())
        return self.results


def prepare(options: SiteOptions) -> Prepared:
    """What the site at ``options.rev`` publishes, as page models (bodies come later)."""
    from hsdt.load.profile import load_school

    root = options.root
    school = load_school(root, options.school_id)
    commit = rev_parse(root, options.rev)
    if commit is None and options.rev == "main" and rev_parse(root, "HEAD") is None:
        return Prepared(options, school, "", [])  # a new repository: nothing published yet
    if commit is None:
        raise SiteError(msg("site.no_rev", rev=options.rev))
    statuses = published(root, school, commit)
    blobs = list_blob_ids(root, commit, ["signatures", "records"])
    pages: list[RecordPage] = []
    skipped: list[tuple[str, Msg]] = []
    with _Pool(options, None) as pool:
        for batch in _chunks([s for s in statuses if s.path in blobs]):
            sources = read_by_id(root, {s.path: blobs[s.path] for s in batch})
            pool.submit(
                _make_pages,
                [
                    (s, sources[s.path], blobs.get(s.signed_pdf or "", ""), blobs[s.path])
                    for s in batch
                    if s.path in sources
                ],
            )
        for made, missed in pool.finish():
            pages.extend(made)
            skipped.extend(missed)
    return Prepared(options, school, commit, pages, skipped)


def _write_pages(batch: Sequence[tuple[RecordPage, bytes, PdfCheck | None, str]]) -> int:
    """Render and write record pages (a worker's share of :func:`write`)."""
    from hsdt.site.html import record_html

    shells: dict[int, Shell] = _WORKER["shells"]
    bodies: BodyCache = _WORKER["bodies"]
    for page, data, check, out in batch:
        full = replace(page, body_html=bodies.body(page.path, page.source_blob, data))
        content = record_html(full, check, _WORKER["school"])
        text = shells[len(page.parts)].fill(page.parts, page.title, content)
        put(Path(out) / file_of(page.parts), text.encode("utf-8"))
    return len(batch)


def _pdf_items(
    options: SiteOptions, pages: Sequence[RecordPage], wanted: set[str] | None
) -> Iterator[tuple[RecordPage, bytes]]:
    """Each page's PDF bytes, read from git by blob id ``CHUNK`` at a time (only blobs in
    ``wanted`` when given)."""
    chosen = [p for p in pages if p.pdf_blob and (wanted is None or p.pdf_blob in wanted)]
    for batch in _chunks(chosen):
        blobs = read_objects(options.root, [p.pdf_blob for p in batch])
        for page in batch:
            if page.pdf_blob in blobs:
                yield page, blobs[page.pdf_blob]


def working_copies(root: Path) -> dict[str, str]:
    """Tracked files under ``signatures/`` whose working-tree copy is unchanged: path → blob
    id (``git ls-files -s`` less ``git diff-files``). A PDF whose blob is there is copied from
    the file by the kernel instead of being inflated by git and piped through Python: in the
    build job, which checks out the commit it builds, that is every PDF."""
    from hsdt.git.run import git_text

    staged = git_text(
        root, ["-c", "core.quotepath=false", "ls-files", "-s", "-z", "--", "signatures"]
    )
    changed = set(
        git_text(
            root,
            ["-c", "core.quotepath=false", "diff-files", "--name-only", "-z", "--", "signatures"],
        ).split("\0")
    )
    out: dict[str, str] = {}
    for entry in staged.split("\0"):
        head, tab, path = entry.partition("\t")
        parts = head.split()
        if tab and len(parts) == 3 and parts[2] == "0" and path not in changed:
            out[path] = parts[1]
    return out


def _checks(options: SiteOptions, pages: Sequence[RecordPage]) -> tuple[dict[str, PdfCheck], int]:
    """Blob id → verdict for every page's PDF (cached ones reused), and how many were verified."""
    folder = options.cache / "verify" if options.cache is not None else None
    cache = VerifyCache(folder, verdict_digest(options.root, options.trust_path))
    checks: dict[str, PdfCheck] = {}
    unchecked: set[str] = set()
    for page in pages:
        if page.pdf_blob and page.pdf_blob not in checks:
            cached = cache.get(page.pdf_blob)
            if cached is None:
                unchecked.add(page.pdf_blob)
            else:
                checks[page.pdf_blob] = cached
    fresh = verify_pdfs(
        options.root,
        options.trust_path,
        ((p.pdf, p.pdf_blob, data) for p, data in _pdf_items(options, pages, unchecked)),
        cache,
        jobs=options.jobs,
    )
    checks.update(fresh)
    return checks, len(fresh)


def write(prepared: Prepared, shells: dict[int, Shell], site_dir: Path) -> Written:
    """Verify, copy and write every generated page of ``prepared`` into ``site_dir``: record
    pages in worker processes while this one copies the PDFs, then the browsing pages."""
    from hsdt.site.html import listing_html

    options = prepared.options
    pages = prepared.pages
    started = time.perf_counter()
    checks, verified = _checks(options, pages)
    phases = [("verify", time.perf_counter() - started)]
    copied = 0
    written = 0
    local = working_copies(options.root)
    with _Pool(options, shells) as pool:
        for batch in _chunks(pages):
            sources = read_objects(options.root, [p.source_blob for p in batch])
            pool.submit(
                _write_pages,
                [
                    (p, sources[p.source_blob], checks.get(p.pdf_blob), str(site_dir))
                    for p in batch
                    if p.source_blob in sources
                ],
            )
            offered = [p for p in batch if p.pdf_published]
            from_git = []
            for page in offered:
                target = site_dir / "/".join((*page.parts, PDF_NAME))
                if local.get(page.pdf) == page.pdf_blob:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(options.root / page.pdf, target)
                    copied += 1
                else:
                    from_git.append(page)
            for page, data in _pdf_items(options, from_git, None):
                put(site_dir / "/".join((*page.parts, PDF_NAME)), data)
                copied += 1
        written = sum(pool.finish())
    phases.append(("records", time.perf_counter() - started - sum(t for _, t in phases)))
    count = 0
    for listing in listings(pages, prepared.school):
        if not all(safe_component(p) for p in listing.parts):
            continue
        text = shells[len(listing.parts)].fill(listing.parts, listing.title, listing_html(listing))
        put(site_dir / file_of(listing.parts), text.encode("utf-8"))
        count += 1
    bad = tuple(sorted(p.path for p in pages if not (checks.get(p.pdf_blob) or _NONE).ok))
    phases.append(("listings", time.perf_counter() - started - sum(t for _, t in phases)))
    return Written(written, count, copied, verified, bad, tuple(phases))


_NONE = PdfCheck(False, (), ())
