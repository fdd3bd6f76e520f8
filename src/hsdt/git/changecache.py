"""The paths each commit changed against its first parent, remembered by commit id.

Reading main's first-parent line with ``--name-status`` makes git diff every approval merge
against its first parent: on a school year (2,500 merges, 20,000 records) that is ~0.5 s of
git's own work, a quarter of ``hsdt report``. A commit id names its tree and its parents, so
what it changed against its first parent holds for ever: a run diffs only the commits it has
not seen (those merged since) in one ``git log --no-walk --stdin`` and takes the others from
``<git dir>/hsdt/changes.json``.

The file belongs to the repository's own git directory (never in the work tree, never pushed,
never committed) and holds only what :func:`read_changes` parsed of git's output. A file that is
missing, unreadable, of another :data:`VERSION` or malformed is ignored and rewritten (an entry
that is not a string is read again from git); a git directory that cannot be written is left
alone (the run is only slower). Only the entries a run used are kept, so the file stays the
size of the line in play.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from hsdt.errors import GitError
from hsdt.git.dircache import cache_file, load_entries, save_entries
from hsdt.git.history import Change, parse_changes
from hsdt.git.run import git_text
from hsdt.i18n import msg

VERSION = 1
"""Bump when what is stored for a commit changes meaning."""
FILE = "changes.json"
_HEADER = {"version": VERSION}


def read_changes(cwd: Path, shas: Sequence[str]) -> dict[str, tuple[Change, ...]]:
    """What each commit of ``shas`` changed against its first parent (the diff options of
    :func:`hsdt.git.history.read_log`), in one ``git log`` call; {} for no commit."""
    if not shas:
        return {}
    args = ["-c", "core.quotepath=false", "log", "--no-walk=unsorted", "--stdin"]
    args += ["--format=%x00%H%x00", "--no-renames", "--no-color", "--no-notes"]
    args += ["--name-status", "--diff-merges=first-parent", "--"]
    out = git_text(cwd, args, stdin="".join(f"{sha}\n" for sha in shas))
    items = out.split("\0")[1:]
    return {items[at].strip(): parse_changes(items[at + 1]) for at in range(0, len(items) - 1, 2)}


def _encode(changes: Iterable[Change]) -> str:
    return "".join(f"{c.status}\t{c.path}\n" for c in changes)


class ChangeCache:
    """The remembered changes of one repository (see the module's docstring)."""

    def __init__(self, path: Path | None, entries: Mapping[str, object]) -> None:
        self.path = path
        self._stored = entries
        self._used: dict[str, str] = {}
        self._added = False

    @classmethod
    def open(cls, git_dir: Path | None) -> ChangeCache:
        """The cache of the repository whose git directory is ``git_dir`` (None: a cache that
        remembers nothing and writes nothing)."""
        path = cache_file(git_dir, FILE)
        return cls(path, load_entries(path, _HEADER))

    @property
    def empty(self) -> bool:
        """Whether nothing is remembered (a first run: the caller may as well have git diff
        the whole line in the pass that lists it, and :meth:`remember` what it read)."""
        return not self._stored

    def remember(self, changed: Mapping[str, Iterable[Change]]) -> None:
        """Remember what each commit changed against its first parent, as read by the caller
        with :func:`read_changes`'s diff options."""
        for sha, changes in changed.items():
            self._used[sha] = _encode(changes)
            self._added = True

    def changes(self, cwd: Path, shas: Sequence[str]) -> dict[str, tuple[Change, ...]]:
        """What each of ``shas`` changed against its first parent: remembered, or read from
        git (one call for all those not remembered) and remembered."""
        out: dict[str, tuple[Change, ...]] = {}
        unseen: list[str] = []
        for sha in shas:
            entry = self._stored.get(sha)
            if isinstance(entry, str):
                out[sha] = parse_changes(entry)
                self._used[sha] = entry
            else:
                unseen.append(sha)
        read = read_changes(cwd, unseen)
        for sha in unseen:
            if sha not in read:  # git lists every commit it is given: never silently none
                raise GitError(msg("git.failed", command="git log --no-walk", detail=sha))
            out[sha] = read[sha]
            self._used[sha] = _encode(read[sha])
            self._added = True
        return out

    def save(self) -> None:
        """Write the entries this run used, when it added any or dropped some."""
        if self._added or len(self._used) != len(self._stored):
            save_entries(self.path, _HEADER, self._used)
