"""History in one pass: ``git log`` with a machine format, parsed into frozen commits.

One call reads, for every commit of a range: parents, author and committer, subject, trailers,
the receive-time note, the signature status (only when asked: git verifies each signed commit
with ``ssh-keygen``, so callers ask for it on the few commits of a push, not on a year) and the
paths it changed (against its first parent, which for an approval merge on ``main`` is exactly
what the merge brought in).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hsdt.git.run import git_text

if TYPE_CHECKING:
    from hsdt.git.objects import TreeChange

NOTES_REF = "refs/notes/hsdt/received"
"""Where the server records when it received each commit."""

_GS = "\x1d"


@dataclass(frozen=True)
class Change:
    """A path a commit changed."""

    status: str
    """``A`` added, ``M`` modified, ``D`` deleted, ``T`` type changed."""
    path: str
    """Path relative to the repository root."""


@dataclass(frozen=True)
class Signature:
    """What git's verification of a commit signature said."""

    status: str
    """git's ``%G?``: ``G`` good and trusted, ``U`` good but unknown validity, ``B`` bad,
    ``N`` none, ``E`` cannot check (no allowed_signers entry, for instance)."""
    signer: str
    """The principal the allowed_signers file gives the key (an e-mail), or empty."""
    key: str
    """The key's fingerprint, or empty."""

    @property
    def good(self) -> bool:
        """A valid signature by a key the allowed_signers file lists."""
        return self.status == "G" and bool(self.signer)


@dataclass(frozen=True)
class Commit:
    """One commit as the workflow needs it."""

    sha: str
    """Object id."""
    parents: tuple[str, ...]
    """Parent ids, first parent first."""
    author_name: str
    """Author name."""
    author_email: str
    """Author e-mail (set freely by the client: identity hint, never proof)."""
    author_time: datetime
    """Author date (set freely by the client)."""
    committer_email: str
    """Committer e-mail."""
    committer_time: datetime
    """Committer date (set freely by the client)."""
    subject: str
    """First line of the message."""
    body: str
    """The rest of the message, trailers included."""
    trailers: tuple[tuple[str, str], ...]
    """``Key: value`` trailers in order."""
    note: str
    """The receive-time note text, or empty."""
    signature: Signature | None
    """The verified signature, when verification was asked for."""
    changes: tuple[Change, ...]
    """Paths changed against the first parent."""
    source: str = ""
    """The ref by which the walk reached the commit (``--source``), when asked for."""
    tree: str = ""
    """The root tree's id (read from the raw object by :mod:`hsdt.git.objects`)."""
    tree_changes: tuple[TreeChange, ...] = ()
    """The changes with modes and blob ids (raw reads only)."""

    @property
    def is_merge(self) -> bool:
        """Whether the commit has more than one parent."""
        return len(self.parents) > 1

    def trailer(self, key: str) -> str | None:
        """The last value of trailer ``key`` (case-insensitive), or None."""
        wanted = key.lower()
        found = None
        for name, value in self.trailers:
            if name.lower() == wanted:
                found = value
        return found


def read_log(
    cwd: Path,
    revs: Sequence[str],
    *,
    first_parent: bool = False,
    changes: bool = True,
    allowed_signers: Path | None = None,
    notes: bool = True,
    source: bool = False,
) -> list[Commit]:
    """The commits ``git log REVS`` lists, newest first, in one call.

    ``allowed_signers`` turns on signature verification against that file.
    """
    fields = ["%H", "%P", "%an", "%ae", "%aI", "%ce", "%cI", "%s", "%b"]
    fields.append("%(trailers:only,unfold,separator=%x1d)")
    fields.append("%N" if notes else "")
    verify = allowed_signers is not None
    if verify:
        fields += ["%G?", "%GS", "%GK"]
    if source:
        fields.append("%S")
    # NUL cannot occur in what git prints of a commit (it cuts a message at its first NUL),
    # so a NUL before every field keeps the message from forging fields or changed paths.
    fmt = "".join("%x00" + f for f in fields) + "%x00"
    args = ["-c", "core.quotepath=false", "-c", "log.showSignature=false"]
    if allowed_signers is not None:
        args += ["-c", f"gpg.ssh.allowedSignersFile={allowed_signers}"]
    args += ["log", f"--format={fmt}", "--no-renames", "--no-color"]
    args.append(f"--notes={NOTES_REF}" if notes else "--no-notes")
    if first_parent:
        args.append("--first-parent")
    if source:
        args.append("--source")
    if changes:
        args += ["--name-status", "--diff-merges=first-parent"]
    args += [*revs, "--"]
    out = git_text(cwd, args)
    items = out.split("\0")[1:]
    stride = len(fields) + 1
    return [
        _parse(items[at : at + stride], verify, source)
        for at in range(0, len(items) - stride + 1, stride)
    ]


def _parse(parts: list[str], verify: bool, source: bool) -> Commit:
    sha, parents, an, ae, ad, ce, cd, subject, body, trailers, note = parts[:11]
    at = 11
    signature = None
    if verify:
        signature = Signature(parts[11], parts[12], parts[13])
        at = 14
    ref = ""
    if source:
        ref = parts[at]
        at += 1
    pairs = []
    for item in trailers.split(_GS):
        key, sep, value = item.partition(":")
        if sep and key.strip():
            pairs.append((key.strip(), value.strip()))
    return Commit(
        sha=sha.strip(),
        parents=tuple(parents.split()),
        author_name=an,
        author_email=ae,
        author_time=datetime.fromisoformat(ad),
        committer_email=ce,
        committer_time=datetime.fromisoformat(cd),
        subject=subject,
        body=body,
        trailers=tuple(pairs),
        note=note.strip(),
        signature=signature,
        changes=parse_changes(parts[at]),
        source=ref,
    )


def parse_changes(tail: str) -> tuple[Change, ...]:
    """The paths of ``--name-status`` lines (``STATUS<tab>PATH``; other lines skipped)."""
    changed = []
    for line in tail.splitlines():
        status, _tab, path = line.partition("\t")
        if path and status:
            changed.append(Change(status[0], _unquote(path)))
    return tuple(changed)


def _unquote(path: str) -> str:
    """git quotes unusual paths C-style even with quotepath off; such paths are never valid
    record names, so the raw text is kept for messages (without the quotes)."""
    if len(path) >= 2 and path[0] == '"' and path[-1] == '"':
        return path[1:-1]
    return path
