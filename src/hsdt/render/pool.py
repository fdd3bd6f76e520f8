"""Printing in worker processes: one per core, each bounded in time and memory.

WeasyPrint runs on input users write; a pathological record (a 20,000-row table, an enormous
image) must not hang the server or eat its memory. Each document is printed in a worker
process whose address space is capped (``RLIMIT_AS``) and which gets ``SIGALRM`` after the time
limit; either ends that document with a clear message, the others go on. The parent imports
WeasyPrint before forking, so workers start warm; the workers also prepare their documents
(Markdown, template), so nothing but reading the sources is left serial in the parent.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

from hsdt.errors import HsdtError
from hsdt.i18n import Msg, msg
from hsdt.render.pdf import RenderedPdf

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


@dataclass(frozen=True)
class RenderTask:
    """One record for a worker: what it needs beyond the school (which it inherits)."""

    rel: str
    """Repository-relative record path."""
    moment: datetime
    """The document's date."""
    commit: str | None
    """Commit of the source, when known."""
    approvals: Mapping[str, str] | None
    """Slot key → approver's staff id."""


Work = Callable[[RenderTask], RenderedPdf]
"""Prints one task (given to the workers at start-up: with ``fork`` it is never pickled)."""

_WORK: Work | None = None
"""The worker process's printing function (set by its initializer)."""


class _Timeout(BaseException):  # not Exception: WeasyPrint must not swallow it
    pass


GRACE_SECONDS = 5
"""After the time limit, how long a document gets to unwind before its worker is ended."""

_fired = False
"""Whether the time limit passed during the current document (worker-process state)."""

_current = ""
"""The record the worker is printing (worker-process state)."""

_timeouts: str | None = None
"""File where a worker ended for its time limit writes the record's path before it exits."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    # A library may catch the exception and go on (WeasyPrint does in places), so the flag
    # decides the outcome, and a second alarm ends the worker outright.
    global _fired
    if _fired:
        if _timeouts is not None:
            with open(_timeouts, "a", encoding="utf-8") as handle:
                handle.write(_current + "\n")
        os._exit(124)
    _fired = True
    signal.alarm(GRACE_SECONDS)
    raise _Timeout


def _init_worker(memory_mb: int, work: Work, timeouts: str | None = None) -> None:
    import resource

    global _WORK, _timeouts
    _WORK = work
    _timeouts = timeouts
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


Outcome = tuple[RenderedPdf | None, Msg | None, str | None, int | None]
"""(result, error message, error path, error line)."""


def render_guarded(task: RenderTask, timeout: int) -> Outcome:
    """Print ``task`` within ``timeout`` seconds; errors come back as values (picklable)."""
    global _fired, _current
    assert _WORK is not None, "render_guarded runs in a worker started by run_jobs"
    _fired = False
    _current = task.rel
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(max(1, timeout))
    try:
        rendered = _WORK(task)
        if _fired:
            raise _Timeout
        return rendered, None, None, None
    except _Timeout:
        return None, msg("render.timeout", seconds=timeout), task.rel, None
    except HsdtError as e:
        if _fired:
            return None, msg("render.timeout", seconds=timeout), task.rel, None
        return None, e.msg, e.path, e.line
    except (MemoryError, SystemError):
        # Under the address-space cap a C library's failed allocation surfaces as MemoryError
        # or as SystemError ("error return without exception set").
        return None, msg("render.memory"), task.rel, None
    except RecursionError:
        return None, msg("render.too_deep"), task.rel, None
    except Exception:
        if _fired:  # the timeout, re-raised by a library as something else
            return None, msg("render.timeout", seconds=timeout), task.rel, None
        raise
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_jobs(
    jobs: Sequence[RenderTask],
    work: Work,
    workers: int,
    limits: Limits,
    on_done: Callable[[int, Outcome], None],
) -> None:
    """Print every task with ``work`` in ``workers`` processes, calling
    ``on_done(index, outcome)`` as each finishes (in completion order)."""
    if not jobs:
        return
    import multiprocessing
    import tempfile

    context = multiprocessing.get_context("fork")
    workers = max(1, min(workers, len(jobs)))
    pending = dict(enumerate(jobs))
    with tempfile.TemporaryDirectory(prefix="hsdt-render-") as folder:
        timeouts = str(Path(folder) / "timeouts")
        start = partial(_init_worker, limits.memory_mb, work, timeouts)
        with ProcessPoolExecutor(workers, mp_context=context, initializer=start) as pool:
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
        # A worker died: ended for its time limit (it wrote down which record), killed for
        # memory, or a crash in a C library. The others not yet done are printed again one at
        # a time, so only the culprit fails.
        for index, job in sorted(pending.items()):
            if job.rel in _timed_out(timeouts):
                on_done(index, _late(job, limits))
                continue
            outcome = _alone(job, start, limits, context)
            if outcome[0] is None and job.rel in _timed_out(timeouts):
                outcome = _late(job, limits)
            on_done(index, outcome)


def _timed_out(path: str) -> set[str]:
    try:
        return set(Path(path).read_text(encoding="utf-8").splitlines())
    except OSError:
        return set()


def _late(job: RenderTask, limits: Limits) -> Outcome:
    return None, msg("render.timeout", seconds=limits.timeout), job.rel, None


def _alone(job: RenderTask, start: Callable[[], None], limits: Limits, context: Any) -> Outcome:
    with ProcessPoolExecutor(1, mp_context=context, initializer=start) as pool:
        try:
            return pool.submit(render_guarded, job, limits.timeout).result()
        except BrokenProcessPool:
            return _died(job)


def _died(job: RenderTask) -> Outcome:
    return None, msg("render.worker_died"), job.rel, None


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
