"""Rendering records to PDF: the library functions behind ``hsdt render`` and publishing.

:func:`render_record` prints one record in this process (tests, benchmarks);
:func:`render_each` prints a batch and hands each PDF's bytes to the caller (publishing):
records served from the cache when nothing they depend on changed, the rest in bounded worker
processes; :func:`render_paths` writes those PDFs atomically to the output folder
(``build/pdf`` by default, which git ignores: the signed copies that are committed belong
under ``signatures/``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from hsdt.errors import HsdtError, RenderError
from hsdt.fsutil import atomic_write_bytes
from hsdt.git.lastcommit import last_commits
from hsdt.i18n import Msg, msg
from hsdt.model.problem import Problem
from hsdt.model.school import School
from hsdt.render.cache import RenderCache
from hsdt.render.job import build_job, cache_key, document_moment, read_source
from hsdt.render.pdf import RenderedPdf

if TYPE_CHECKING:
    from hsdt.render.pool import Limits, RenderTask

DEFAULT_OUTPUT = Path("build") / "pdf"
"""Where PDFs go, relative to the repository root."""

DEFAULT_CACHE = Path("build") / ".cache" / "render"
"""The render cache, relative to the repository root."""


@dataclass(frozen=True)
class RenderOutcome:
    """What happened to one record."""

    path: str
    """The record (repository-relative)."""
    output: Path | None
    """The PDF written, None on failure."""
    cached: bool = False
    """Served from the cache."""
    error: Msg | None = None
    """Why it failed."""
    error_where: str | None = None
    """``path:line`` of the failure, when known."""
    problems: tuple[Problem, ...] = ()
    """What printed but is marked wrong in the PDF (a formula that cannot be typeset)."""


@dataclass
class RenderReport:
    """A batch's outcomes, in the order the records were given."""

    outcomes: list[RenderOutcome] = field(default_factory=list)
    """One per record."""
    font: str = ""
    """The font the records print in (``Times New Roman`` or ``Liberation Serif``)."""

    @property
    def failed(self) -> list[RenderOutcome]:
        """Records that could not be printed."""
        return [o for o in self.outcomes if o.error is not None]

    @property
    def problems(self) -> list[Problem]:
        """What printed marked as wrong, every record's, in order."""
        return [p for o in self.outcomes for p in o.problems]


def output_path(out_dir: Path, rel: str) -> Path:
    """``records/2025-2026/x/y.md`` → ``<out_dir>/2025-2026/x/y.pdf``."""
    inner = rel.removeprefix("records/").removesuffix(".md")
    return out_dir / f"{inner}.pdf"


def render_record(
    root: Path,
    rel: str,
    school: School,
    approvals: Mapping[str, str] | None = None,
) -> RenderedPdf:
    """Print one record in this process (no cache, no worker)."""
    from hsdt.render.pdf import write_pdf

    source = read_source(root, rel, school)
    last = last_commits(root, [rel]).get(rel)
    moment = document_moment(source, school, last)
    job, _ = build_job(root, source, school, moment, last.sha if last else None, approvals)
    return write_pdf(job)


def render_paths(
    root: Path,
    rels: Sequence[str],
    school: School,
    *,
    out_dir: Path | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    approvals: Mapping[str, Mapping[str, str]] | None = None,
    limits: Limits | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RenderReport:
    """Print ``rels`` (repository-relative record paths) to ``out_dir``.

    ``approvals`` maps a record to its slot → approver mapping. ``progress(done, total)`` is
    called after each record.
    """
    out = out_dir if out_dir is not None else root / DEFAULT_OUTPUT
    outcomes: list[RenderOutcome | None] = [None] * len(rels)
    done = 0

    def deliver(index: int, printed: Printed) -> None:
        nonlocal done
        if printed.data is None:
            outcome = RenderOutcome(
                printed.rel, None, error=printed.error, error_where=printed.error_where
            )
        else:
            target = output_path(out, printed.rel)
            atomic_write_bytes(target, printed.data)
            problems = printed_problems(root, printed.rel)
            outcome = RenderOutcome(printed.rel, target, cached=printed.cached, problems=problems)
        outcomes[index] = outcome
        done += 1
        if progress is not None:
            progress(done, len(rels))

    render_each(
        root,
        rels,
        school,
        deliver,
        jobs=jobs,
        use_cache=use_cache,
        approvals=approvals,
        limits=limits,
    )
    from hsdt.render.fonts import find_fonts, font_folder

    font = find_fonts(font_folder(root, school.font_dir)).name
    report = RenderReport([o for o in outcomes if o is not None], font)
    if len(report.outcomes) != len(rels):  # pragma: no cover - every path reports once
        raise RenderError(msg("render.worker_died"))
    return report


def printed_problems(root: Path, rel: str) -> tuple[Problem, ...]:
    """What a printed record shows marked as wrong: its formulas that cannot be typeset (the
    same findings as ``hsdt check``'s ``cong-thuc`` rule), with file and line."""
    from hsdt.load.frontmatter import parse_front_matter
    from hsdt.load.text import decode_text
    from hsdt.rules.formula import body_problems

    try:
        raw = parse_front_matter(decode_text((root / rel).read_bytes(), rel), rel)
    except (OSError, HsdtError):  # pragma: no cover - the record was just printed
        return ()
    return tuple(body_problems(rel, raw.body, raw.body_line))


@dataclass(frozen=True)
class Printed:
    """One record printed (or not) by :func:`render_each`."""

    rel: str
    """The record (repository-relative)."""
    data: bytes | None
    """The PDF's bytes, None on failure."""
    cached: bool = False
    """Served from the cache."""
    error: Msg | None = None
    """Why it failed."""
    error_where: str | None = None
    """``path:line`` of the failure, when known."""


def render_each(
    root: Path,
    rels: Sequence[str],
    school: School,
    deliver: Callable[[int, Printed], None],
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    approvals: Mapping[str, Mapping[str, str]] | None = None,
    limits: Limits | None = None,
) -> None:
    """Print ``rels`` and hand each result to ``deliver(index, printed)`` as it comes (in
    completion order, in this process): from the cache when allowed, else in the bounded
    worker processes of :mod:`hsdt.render.pool`, so a record too slow or too big fails alone.
    """
    from hsdt.render.fonts import find_fonts, font_folder
    from hsdt.render.pool import Limits, Outcome, RenderTask, cpu_count, run_jobs

    cache = RenderCache(root / DEFAULT_CACHE) if use_cache else None
    folder = font_folder(root, school.font_dir)
    fonts = find_fonts(folder)
    lasts = last_commits(root, list(rels))
    todo: list[tuple[int, RenderTask, str]] = []
    for index, rel in enumerate(rels):
        try:
            source = read_source(root, rel, school)
            moment = document_moment(source, school, lasts.get(rel))
            last = lasts.get(rel)
            commit = last.sha if last else None
            record_approvals = (approvals or {}).get(rel)
            key = cache_key(root, source, school, moment, commit, record_approvals, fonts.digest)
            cached = cache.get(key) if cache else None
            if cached is not None:
                deliver(index, Printed(rel, cached, cached=True))
                continue
        except HsdtError as e:
            deliver(index, _failure(rel, e.msg, e.path, e.line))
            continue
        todo.append((index, RenderTask(rel, moment, commit, record_approvals), key))

    def collect(position: int, result: Outcome) -> None:
        index, _, key = todo[position]
        rel = rels[index]
        rendered, error, where, line = result
        if rendered is None:
            deliver(index, _failure(rel, error or msg("render.worker_died"), where, line))
            return
        if cache is not None:
            cache.put(key, rendered.data)
        deliver(index, Printed(rel, rendered.data))

    if todo:
        from hsdt.render.pdf import warm_up

        warm_up(folder)  # fonts loaded once here, inherited by every forked worker
    work = partial(_render_task, root, school)
    tasks = [task for _, task, _ in todo]
    run_jobs(tasks, work, jobs or cpu_count(), limits or Limits(), collect)


def _render_task(root: Path, school: School, task: RenderTask) -> RenderedPdf:
    """What a worker does with one task: read, lay out, write the PDF bytes."""
    from hsdt.render.pdf import write_pdf

    source = read_source(root, task.rel, school)
    job, _ = build_job(root, source, school, task.moment, task.commit, task.approvals)
    return write_pdf(job)


def _failure(rel: str, error: Msg, path: str | None, line: int | None) -> Printed:
    where = path or rel
    if line is not None:
        where = f"{where}:{line}"
    return Printed(rel, None, error=error, error_where=where)


def collect_records(root: Path, paths: Sequence[Path], all_records: bool) -> list[str]:
    """Record paths from files and folders (recursively), or every record; sorted, unique."""
    from hsdt.errors import UsageError
    from hsdt.repo import all_record_paths, is_record_path, relative

    if all_records:
        return all_record_paths(root)
    if not paths:
        raise UsageError(msg("render.no_paths"))
    found: set[str] = set()
    for path in paths:
        rel = relative(root, path)
        target = root / rel
        if target.is_dir():
            found.update(
                r
                for r in all_record_paths(root)
                if r.startswith(rel.rstrip("/") + "/") or rel == "."
            )
        else:
            if not is_record_path(rel):
                raise UsageError(msg("render.not_in_repo", path=str(path)))
            found.add(rel)
    return sorted(found)
