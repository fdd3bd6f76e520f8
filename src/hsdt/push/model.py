"""The push as the server reads it once: updates, commits, diffs, sizes, tags, notes.

Everything here was read by :mod:`hsdt.push.read` in unforgeable forms; the checks
(:mod:`hsdt.push.registry`) are functions of this value and read files only through
:meth:`Push.files`, which extracts safely into the push's own temporary folder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from hsdt.git.history import Commit
from hsdt.git.notes import ReceiveNote
from hsdt.git.objects import TreeChange
from hsdt.git.run import ZERO
from hsdt.i18n import Msg
from hsdt.model.school import School


@dataclass(frozen=True)
class RefUpdate:
    """One line of the hook's input: ``<old> <new> <ref>``."""

    old: str
    """The ref's id before the push (zeros when created)."""
    new: str
    """The id pushed (zeros when deleted)."""
    ref: str
    """The full ref name."""

    @property
    def created(self) -> bool:
        """Whether the ref did not exist."""
        return self.old == ZERO

    @property
    def deleted(self) -> bool:
        """Whether the push deletes the ref."""
        return self.new == ZERO


@dataclass(frozen=True)
class Refusal:
    """Why part of a push is refused: ``where: [rule] message``."""

    where: str
    """The ref, commit or ``file:line`` concerned."""
    rule: str
    """Rule id in brackets."""
    msg: Msg
    """What is wrong and what to do."""

    def render(self, lang: str | None = None) -> str:
        """One line for ``git push`` to show as ``remote: …``."""
        return f"{self.where}: [{self.rule}] {self.msg.render(lang)}"


@dataclass(frozen=True)
class PushVerdict:
    """The outcome of judging a push."""

    refusals: tuple[Refusal, ...]
    """Everything refused; empty means the push is accepted."""
    notes: Mapping[str, ReceiveNote] = field(default_factory=dict)
    """Receive notes to write once the push is in (commit id → note)."""

    @property
    def ok(self) -> bool:
        """Whether the push is accepted."""
        return not self.refusals


class RefKind(StrEnum):
    """What a pushed ref is."""

    MAIN = "main"
    SUBMISSION = "submission"
    TAG = "tag"
    NOTES = "notes"
    OTHER = "other"


@dataclass(frozen=True)
class TagView:
    """A pushed tag as read from its object."""

    object_type: str
    """``tag`` for an annotated tag, else the type a lightweight tag points at."""
    target: str | None
    """The commit it points at (annotated: the tag's ``object`` header)."""
    target_type: str
    """The type of that object."""
    signer: str | None
    """The staff id whose roster key made a good signature on the tag, or None."""
    name: str = ""
    """An annotated tag's own ``tag`` header: the name its signer gave it."""
    tagger: tuple[str, str, datetime] | None = None
    """Its ``tagger`` line (name, e-mail, time), or None."""
    malformed: bool = False
    """An annotated tag whose header is not what git writes (a header repeated, no object,
    over 1 MiB)."""
    target_received: datetime | None = None
    """When the server received the commit it points at (its receive note), when known."""


@dataclass(frozen=True)
class MergeView:
    """An approval merge on main: its parents, base and what each side changed."""

    sha: str
    base: str | None
    """The merge base of its two parents (None: unrelated histories)."""
    side: tuple[str, ...]
    """Commits of the branch side (reachable from the second parent, not from the first),
    oldest first."""
    branch_changes: tuple[TreeChange, ...]
    """base → second parent."""
    main_changes: tuple[TreeChange, ...]
    """base → first parent."""


@dataclass(frozen=True)
class BranchView:
    """A submission branch after the push."""

    base: str | None
    """Where it leaves main (merge base with main's tip before the push)."""
    commits: tuple[str, ...]
    """Its commits not on main, oldest first."""
    changes: tuple[TreeChange, ...]
    """base → its new tip: what the submission changes."""


@dataclass(frozen=True)
class Push:
    """One push, read once."""

    git_dir: Path
    school: School
    """The school as main's tip says before the push (never as the push says)."""
    now: datetime
    """The server's receive time."""
    pusher: str | None
    """The pusher's staff id from the SSH set-up, when it provides one."""
    updates: tuple[RefUpdate, ...]
    kinds: Mapping[str, RefKind]
    """Ref → kind."""
    refs_before: Mapping[str, str]
    """Every ref before the push (name → id)."""
    main_old: str | None
    """main's tip before the push."""
    main_new: str | None
    """main's tip after it."""
    commits: Mapping[str, Commit]
    """Every commit read (new ones, main's new line, branch and merge sides), signatures
    verified against the roster's keys (principal = staff id)."""
    unreadable: tuple[str, ...]
    """Commit ids whose objects are too large or not what git writes."""
    fresh: tuple[str, ...]
    """Commits this push makes known to the server, oldest first along each updated ref."""
    brought_by: Mapping[str, str]
    """Fresh commit → the ref whose update brought it."""
    main_line: tuple[str, ...]
    """main's new first-parent commits, oldest first."""
    merges: Mapping[str, MergeView]
    branches: Mapping[str, BranchView]
    """Submission ref → its state after the push."""
    old_branches: Mapping[str, BranchView]
    """Submission ref → its state before the push (for deletions)."""
    tags: Mapping[str, TagView]
    blob_sizes: Mapping[str, int]
    """Size of every blob the push's changes name."""
    notes: Mapping[str, ReceiveNote]
    """Receive notes before the push, of the commits read (:attr:`commits`)."""
    files: Callable[[str, Sequence[str]], tuple[Path, list[str]]]
    """``files(rev, paths)`` → a folder holding those paths of ``rev`` (safely extracted) and
    the paths that exist there."""
    ancestor: Callable[[str, str], bool]
    """``ancestor(a, b)``: whether ``a`` is reachable from ``b``."""

    def commit(self, sha: str) -> Commit | None:
        """A commit read for this push."""
        return self.commits.get(sha)

    def received(self, sha: str) -> datetime:
        """When the server received ``sha``: its note, else now (it arrives with this push)."""
        note = self.notes.get(sha)
        return note.received if note is not None else self.now
