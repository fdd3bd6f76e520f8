"""Running git for bulk reads and plumbing writes.

Hooks run on every push and must answer within a second, so the raw calls go straight to the
``git`` binary (one process per bulk read) instead of through GitPython's object layer, whose
import alone costs a tenth of that budget. GitPython stays the tool of the working-tree helpers
in :mod:`hsdt.git.files`. Every failure becomes a :class:`GitError` naming the command.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from hsdt.errors import GitError
from hsdt.i18n import msg

ZERO = "0" * 40
"""The null object id git uses for a created or deleted ref."""


def git_bytes(
    cwd: Path,
    args: Sequence[str],
    *,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    ok_codes: tuple[int, ...] = (0,),
) -> bytes:
    """Run ``git ARGS`` in ``cwd`` and return its standard output."""
    full_env = {**os.environ, **(env or {})}
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=full_env,
            check=False,
        )
    except OSError as e:
        raise GitError(msg("git.failed", command="git " + " ".join(args[:2]), detail=str(e))) from e
    if done.returncode not in ok_codes:
        # Git writes some reasons to standard output ("nothing to commit"), most to stderr.
        detail = (done.stderr.strip() or done.stdout.strip()).decode("utf-8", "replace")
        raise GitError(msg("git.failed", command="git " + " ".join(args[:3]), detail=detail))
    return done.stdout


def git_text(
    cwd: Path,
    args: Sequence[str],
    *,
    stdin: str | None = None,
    env: Mapping[str, str] | None = None,
    ok_codes: tuple[int, ...] = (0,),
) -> str:
    """Like :func:`git_bytes`, decoded as UTF-8."""
    data = stdin.encode("utf-8") if stdin is not None else None
    return git_bytes(cwd, args, stdin=data, env=env, ok_codes=ok_codes).decode("utf-8", "replace")


def git_run(cwd: Path, args: Sequence[str]) -> tuple[int, str]:
    """Run ``git ARGS`` for its exit code and standard error (a verdict, not a failure)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as e:
        raise GitError(msg("git.failed", command="git " + " ".join(args[:2]), detail=str(e))) from e
    return done.returncode, done.stderr.decode("utf-8", "replace")


def rev_parse(cwd: Path, rev: str) -> str | None:
    """The object id ``rev`` names, or None when it names nothing."""
    out = git_text(cwd, ["rev-parse", "--verify", "--quiet", rev + "^{commit}"], ok_codes=(0, 1))
    return out.strip() or None


def is_ancestor(cwd: Path, older: str, newer: str) -> bool:
    """Whether ``older`` is reachable from ``newer`` (a fast-forward)."""
    done = subprocess.run(
        ["git", "merge-base", "--is-ancestor", older, newer],
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    return done.returncode == 0
