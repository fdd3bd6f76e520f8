"""The last commit of each of a set of files, in two git calls whatever their number.

Rendering dates a PDF by the commit its source comes from (never the clock), and records that
commit in the PDF. A file with uncommitted changes has no such commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hsdt.errors import GitError
from hsdt.i18n import msg
from hsdt.model.timeutil import VN_TZ


@dataclass(frozen=True)
class LastCommit:
    """The newest commit that touched a file whose working copy matches it."""

    sha: str
    """Commit id."""
    when: datetime
    """Committer time, in Vietnam time."""


def last_commits(root: Path, paths: list[str]) -> dict[str, LastCommit]:
    """Repository-relative path → its last commit, for clean committed files among ``paths``.

    One ``git status`` for the dirty ones, one ``git log --name-only`` walking back until every
    path is seen. Without a repository (or without commits) the answer is empty.
    """
    if not paths or not (root / ".git").exists():
        return {}
    import git

    try:
        repo = git.Repo(root)
        if not repo.head.is_valid():
            return {}
        dirty_out = repo.git.status("--porcelain", "-z", "--untracked-files=all", "--", *paths)
        dirty = {entry[3:] for entry in dirty_out.split("\0") if len(entry) > 3}
        wanted = set(paths) - dirty
        found: dict[str, LastCommit] = {}
        if not wanted:
            return found
        log = repo.git.log("--format=\x01%H %ct", "--name-only", "-z", "--", *sorted(wanted))
    except git.GitCommandError as e:
        raise GitError(msg("git.failed", command="git log", detail=e.stderr.strip())) from e
    for chunk in log.split("\x01")[1:]:
        # With -z the header ends with NUL and each name is NUL-terminated.
        header, *names = (part.strip("\n") for part in chunk.split("\0"))
        sha, _, stamp = header.partition(" ")
        for name in names:
            if name in wanted and name not in found:
                found[name] = LastCommit(sha, datetime.fromtimestamp(int(stamp), VN_TZ))
        if len(found) == len(wanted):
            break
    return found
