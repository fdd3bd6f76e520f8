"""Running a document converter (pandoc) with a time bound and a memory bound.

A converter is a large parser fed a file from outside; a hostile or simply enormous document
can make it run for ever or eat the machine's memory, which on a CI runner or the school's
server stops everyone else's checks. The child runs in its own session (so a timeout ends it
and anything it started), under an address-space limit (``RLIMIT_AS``) and a CPU-time limit
set before it executes (by util-linux's ``prlimit``, or by the child itself where that is
missing), and the caller gets an :class:`~hsdt.errors.ImportDocxError` that says
which bound stopped it.

Pandoc (a Haskell program) reserves address space lazily enough to run under ``RLIMIT_AS``;
a child that runs out reports it on stderr ("out of memory", Python's ``MemoryError``) or dies
of a signal, and both are reported as the memory bound.
"""

from __future__ import annotations

import contextlib
import functools
import os
import resource
import shutil
import signal
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from hsdt.errors import ImportDocxError
from hsdt.i18n import msg

_MEMORY_WORDS = (b"out of memory", b"memoryerror", b"cannot allocate memory", b"bad_alloc")
_MEMORY_SIGNALS = (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGKILL)


@functools.cache
def _prlimit() -> str | None:
    """util-linux's ``prlimit`` (on every Debian system), which sets the child's limits and
    then executes it: Python can then start the child without forking this whole process (a
    ``preexec_fn`` forces a fork, about 6 ms of this process's time per conversion)."""
    return shutil.which("prlimit")


def _bounds(timeout_s: float, memory_mb: int) -> tuple[int, int]:
    """The address-space limit in bytes and the CPU-time soft limit in seconds (the hard limit
    is one more)."""
    return memory_mb * 1024 * 1024, int(timeout_s) + 2


def _limits(memory: int, cpu: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))

    return apply


def run_bounded(
    argv: Sequence[str],
    input: bytes,
    timeout_s: float,
    memory_mb: int,
    *,
    path: str | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``argv`` with ``input`` on stdin, at most ``timeout_s`` seconds and ``memory_mb``
    MB of address space; return the finished process (stdout, stderr) if it exited with 0.

    ``path`` names the document in the error. Raises :class:`ImportDocxError` when the program
    is missing, runs too long, runs out of memory or fails.
    """
    name = Path(argv[0]).name
    if shutil.which(argv[0]) is None:
        raise ImportDocxError(msg("guard.converter_missing", program=name), path)
    wrapper = _prlimit()
    memory, cpu = _bounds(timeout_s, memory_mb)
    command, preexec = list(argv), None
    if wrapper is not None:  # the limits hold before the converter starts, with no fork
        command = [wrapper, f"--as={memory}", f"--cpu={cpu}:{cpu + 1}", "--", *argv]
    else:
        preexec = _limits(memory, cpu)
    try:
        child = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=preexec,  # noqa: PLW1509 - only without prlimit; no threads start children here
            start_new_session=True,
        )
    except FileNotFoundError as e:
        raise ImportDocxError(msg("guard.converter_missing", program=name), path) from e
    try:
        stdout, stderr = child.communicate(input, timeout=timeout_s)
    except subprocess.TimeoutExpired as e:
        _kill_group(child)
        raise ImportDocxError(
            msg("guard.timeout", program=name, seconds=f"{timeout_s:g}"), path
        ) from e
    code = child.returncode
    if code == 0:
        return subprocess.CompletedProcess(list(argv), code, stdout, stderr)
    lowered = stderr.lower()
    if code == -signal.SIGXCPU:
        raise ImportDocxError(msg("guard.timeout", program=name, seconds=f"{timeout_s:g}"), path)
    if any(word in lowered for word in _MEMORY_WORDS) or -code in _MEMORY_SIGNALS:
        raise ImportDocxError(msg("guard.memory", program=name, memory=memory_mb), path)
    detail = stderr.decode("utf-8", errors="replace").strip().splitlines()
    raise ImportDocxError(
        msg("guard.converter_failed", program=name, code=code, detail=detail[-1] if detail else ""),
        path,
    )


def _kill_group(child: subprocess.Popen[bytes]) -> None:
    """End the child and everything it started, then reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.communicate()
