"""Receive-time notes: when the server received each commit (``refs/notes/hsdt/received``).

A commit date is whatever the client's clock (or a forger) said; the receive time is the
server's. The server's hooks write one note per newly received commit::

    received: 2025-10-12T20:00:00+07:00
    ref: refs/heads/nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau
    pusher: gv-toan-02
    path: records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau.md

Clients cannot write the ref: the pre-receive hook refuses every push to ``refs/notes/*``.
Notes are written with one ``git fast-import`` call (it handles the notes tree's fan-out) and
read with one ``ls-tree`` plus one ``cat-file --batch``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hsdt.git.history import NOTES_REF
from hsdt.git.run import git_bytes, git_run, git_text, rev_parse
from hsdt.model.timeutil import to_vn


@dataclass(frozen=True)
class ReceiveNote:
    """The server's record of receiving one commit."""

    received: datetime
    """When the server received it (Vietnam time)."""
    ref: str = ""
    """The ref it was pushed to."""
    pusher: str = ""
    """The pusher's staff id when the server knew it, else empty."""
    paths: tuple[str, ...] = ()
    """Record paths the commit changed."""

    def text(self) -> str:
        """The note's text."""
        lines = [f"received: {to_vn(self.received).isoformat(timespec='seconds')}"]
        if self.ref:
            lines.append(f"ref: {self.ref}")
        if self.pusher:
            lines.append(f"pusher: {self.pusher}")
        lines += [f"path: {p}" for p in self.paths]
        return "\n".join(lines) + "\n"


def parse_note(text: str) -> ReceiveNote | None:
    """A note's text back into a :class:`ReceiveNote`; None when it holds no receive time."""
    received: datetime | None = None
    ref = pusher = ""
    paths: list[str] = []
    for line in text.splitlines():
        key, _sep, value = line.partition(": ")
        if key == "received":
            try:
                received = to_vn(datetime.fromisoformat(value.strip()))
            except ValueError:
                return None
        elif key == "ref":
            ref = value.strip()
        elif key == "pusher":
            pusher = value.strip()
        elif key == "path":
            paths.append(value.strip())
    if received is None:
        return None
    return ReceiveNote(received, ref, pusher, tuple(paths))


def fetch_notes(cwd: Path, remote: str = "origin") -> bool:
    """Bring the server's receive-time notes (every ``refs/notes/*``) from ``remote``, the
    server's copy replacing the local one (clients never write notes). A plain ``git clone`` or
    a CI checkout does not fetch notes, and without them approval and receive times fall back
    to commit dates, which the client chose. False when there is no such remote (a repository
    without a server, whose notes are its own)."""
    code, _err = git_run(cwd, ["remote", "get-url", remote])
    if code != 0:
        return False
    git_text(cwd, ["fetch", "--quiet", remote, "+refs/notes/*:refs/notes/*"])
    return True


def read_notes(cwd: Path) -> dict[str, ReceiveNote]:
    """Every receive note, by commit id."""
    if rev_parse(cwd, NOTES_REF) is None:
        return {}
    listing = git_text(cwd, ["ls-tree", "-r", "-z", NOTES_REF])
    entries: list[tuple[str, str]] = []
    for item in listing.split("\0"):
        if not item:
            continue
        meta, _tab, name = item.partition("\t")
        entries.append((name.replace("/", ""), meta.split()[2]))
    if not entries:
        return {}
    request = "".join(f"{blob}\n" for _c, blob in entries).encode()
    out = git_bytes(cwd, ["cat-file", "--batch"], stdin=request)
    notes: dict[str, ReceiveNote] = {}
    pos = 0
    for commit, _blob in entries:
        end = out.index(b"\n", pos)
        size = int(out[pos:end].rsplit(b" ", 1)[1])
        pos = end + 1
        parsed = parse_note(out[pos : pos + size].decode("utf-8", "replace"))
        pos += size + 1
        if parsed is not None:
            notes[commit] = parsed
    return notes


def note_texts(cwd: Path, commits: Sequence[str]) -> dict[str, str]:
    """The note text of each of ``commits`` that has one, in one ``git log --no-walk`` call
    (the server needs the notes of a push's few commits, not of a year's). Note texts are the
    server's own, printed NUL-separated beside the commit id."""
    wanted = list(dict.fromkeys(commits))
    if not wanted or rev_parse(cwd, NOTES_REF) is None:
        return {}
    out = git_text(
        cwd,
        ["log", "--no-walk=unsorted", "--stdin", f"--notes={NOTES_REF}", "--format=%H%x00%N%x00"],
        stdin="".join(f"{c}\n" for c in wanted),
    )
    items = out.split("\0")
    return {
        items[at].strip(): items[at + 1]
        for at in range(0, len(items) - 1, 2)
        if items[at + 1].strip()
    }


def notes_of_commits(cwd: Path, commits: Sequence[str]) -> dict[str, ReceiveNote]:
    """The receive notes of ``commits`` only (see :func:`note_texts`)."""
    notes: dict[str, ReceiveNote] = {}
    for sha, text in note_texts(cwd, commits).items():
        parsed = parse_note(text)
        if parsed is not None:
            notes[sha] = parsed
    return notes


def first_received(notes: Mapping[str, ReceiveNote]) -> dict[str, datetime]:
    """For each record path, the earliest time the server received a commit changing it:
    the first submission, which deadlines are judged by even after a send-back."""
    first: dict[str, datetime] = {}
    for note in notes.values():
        for path in note.paths:
            if path not in first or note.received < first[path]:
                first[path] = note.received
    return first


def write_notes(cwd: Path, notes: Mapping[str, ReceiveNote], when: datetime) -> None:
    """Add ``notes`` (commit id → note) to the notes ref in one ``fast-import`` call.

    Commits that already have a note keep it: the first receive time is the one that counts.
    """
    if not notes:
        return
    parent = rev_parse(cwd, NOTES_REF)
    existing: set[str] = set()
    if parent is not None:
        existing = set(note_texts(cwd, sorted(notes)))
    fresh = {c: n for c, n in sorted(notes.items()) if c not in existing}
    if not fresh:
        return
    stamp = int(when.timestamp())
    message = f"hsdt: {len(fresh)} commit nhận lúc {to_vn(when).isoformat(timespec='seconds')}"
    body = message.encode()
    chunks = [
        f"commit {NOTES_REF}\n".encode(),
        f"committer hsdt <hsdt@localhost> {stamp} +0700\n".encode(),
        f"data {len(body)}\n".encode() + body + b"\n",
    ]
    if parent is not None:
        chunks.append(f"from {parent}\n".encode())
    for commit, note in fresh.items():
        data = note.text().encode("utf-8")
        chunks.append(f"N inline {commit}\n".encode() + f"data {len(data)}\n".encode() + data)
    chunks.append(b"\n")
    git_bytes(cwd, ["fast-import", "--quiet"], stdin=b"".join(chunks))


def notes_for(commits: Sequence[str], notes: Mapping[str, ReceiveNote]) -> list[ReceiveNote]:
    """The notes of ``commits`` that have one."""
    return [notes[c] for c in commits if c in notes]
