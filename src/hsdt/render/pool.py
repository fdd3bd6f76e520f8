"""Printing in worker processes: one per core, each bounded in time and memory.

WeasyPrint runs on input users write; a pathological record (a 20,000-row table, an enormous
image) must not hang the server or eat its memory. Each document is printed in a worker
process whose address space is capped (``RLIMIT_AS``) and which gets ``SIGALRM`` after the time
limit; either ends that document with a clear message, the others go on. The parent imports
WeasyPrint before forking, so workers start warm.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import FrameType
from typing import Any

from hsdt.errors import HsdtError
from hsdt.i18n import Msg, msg
from hsdt.render.pdf import PdfJob, RenderedPdf, write_pdf

DEFAULT_TIMEOUT = 120
"""Seconds one document may take."""

DEFAULT_MEMORY_MB = 3072
"""Address space one worker may use, in MiB."""


@dataclass(frozen=True)
class Limits:
    """Bounds for one document."""

    timeout: int = DEFAULT_TIMEOUT
    """Seconds."""
    memory_mb: int = DEFAULT_MEMORY_MB
    """MiB of address space for the worker (0: no cap)."""


class _Timeout(BaseException):  # not Exception: WeasyPrint must not swallow it
    pass


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def _init_worker(memory_mb: int) -> None:
    import resource

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


Outcome = tuple[RenderedPdf | None, Msg | None, str | None, int | None]
"""(result, error message, error path, error line)."""


def render_guarded(job: PdfJob, timeout: int) -> Outcome:
    """Print ``job`` within ``timeout`` seconds; errors come back as values (picklable)."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(max(1, timeout))
    try:
        return write_pdf(job), None, None, None
    except HsdtError as e:
        return None, e.msg, e.path, e.line
    except _Timeout:
        return None, msg("render.timeout", seconds=timeout), job.manifest.record_id, None
    except MemoryError:
        return None, msg("render.memory"), job.manifest.record_id, None
    except RecursionError:
        return None, msg("render.too_deep"), job.manifest.record_id, None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_jobs(
    jobs: Sequence[PdfJob],
    workers: int,
    limits: Limits,
    on_done: Callable[[int, Outcome], None],
) -> None:
    """Print every job in ``workers`` processes, calling ``on_done(index, outcome)`` as each
    finishes (in completion order)."""
    if not jobs:
        return
    import multiprocessing

    context = multiprocessing.get_context("fork")
    workers = max(1, min(workers, len(jobs)))
    pending = dict(enumerate(jobs))
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(limits.memory_mb,)
    ) as pool:
        futures = {
            pool.submit(render_guarded, job, limits.timeout): index
            for index, job in pending.items()
        }
        try:
            for future in as_completed(futures):
                index = futures[future]
                on_done(index, future.result())
                del pending[index]
        except BrokenProcessPool:
            pass
    # A worker died (killed for memory, a crash in a C library): the documents not yet done
    # are printed again one at a time, so only the culprit fails.
    for index, job in sorted(pending.items()):
        on_done(index, _alone(job, limits, context))


def _alone(job: PdfJob, limits: Limits, context: Any) -> Outcome:
    with ProcessPoolExecutor(
        1, mp_context=context, initializer=_init_worker, initargs=(limits.memory_mb,)
    ) as pool:
        try:
            return pool.submit(render_guarded, job, limits.timeout).result()
        except BrokenProcessPool:
            return _died(job)


def _died(job: PdfJob) -> Outcome:
    return None, msg("render.worker_died"), job.manifest.record_id, None


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
