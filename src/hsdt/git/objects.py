"""History read in forms a pusher cannot forge: the server's only way of reading a push.

A commit message may hold any byte but NUL, so output that splits formatted text on a separator
byte lets the message decide what the reader sees (signature status, signer, changed files).
Here nothing the pusher wrote is ever parsed out of a stream that also carries facts:

- commit ids come from ``git rev-list`` (hex only);
- each commit is read as its raw object (``cat-file --batch``, length-prefixed) and its headers
  parsed strictly (exactly one ``tree``, ``author``, ``committer``; a duplicate or malformed
  header makes the commit unreadable, which the server refuses); the message is what follows
  the first blank line and is never searched for headers;
- changed paths come from ``git diff-tree -z`` (NUL-terminated, with modes and blob ids);
- signatures are verified by git against an allowed-signers file the server writes from the
  roster (principal = staff id), and printed as ``%H %G? %GS %GK`` only, fields the pusher does
  not write, NUL-separated;
- sizes are asked first (``cat-file --batch-check``) so that nothing oversized is read.

Every call is one process for the whole push, never one per commit.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO

from hsdt.errors import GitError
from hsdt.git.history import Change, Commit, Signature
from hsdt.git.run import git_bytes, git_run, git_text
from hsdt.i18n import msg

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""The id of git's empty tree (SHA-1 repositories)."""

_HEX = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")
_IDENT = re.compile(rb"^(.*) <([^<>\n]*)> (\d{1,12}) ([+-])(\d{2})(\d{2})$")
_TRAILER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]*(.*)$")
_SINGLE = (b"tree", b"author", b"committer", b"encoding")


@dataclass(frozen=True)
class TreeChange:
    """One entry of ``diff-tree -z --raw``: a path whose blob or mode changed."""

    status: str
    """``A`` added, ``M`` modified, ``D`` deleted, ``T`` type changed."""
    path: str
    """Path relative to the root (decoded; undecodable bytes become U+FFFD)."""
    raw_path: bytes
    """The path's bytes as git stores them."""
    old_mode: str
    """Mode before (``000000`` when added)."""
    new_mode: str
    """Mode after (``000000`` when deleted)."""
    old_id: str
    """Blob id before (zeros when added)."""
    new_id: str
    """Blob id after (zeros when deleted)."""

    def as_change(self) -> Change:
        """The short form :class:`hsdt.git.history.Change`."""
        return Change(self.status, self.path)


def is_hex_id(text: str) -> bool:
    """Whether ``text`` is a full object id."""
    return bool(_HEX.match(text))


def rev_list(
    cwd: Path,
    include: Sequence[str],
    exclude: Sequence[str] = (),
    *,
    exclude_all: bool = False,
    first_parent: bool = False,
    limit: int | None = None,
) -> list[str]:
    """Commit ids reachable from ``include`` and not from ``exclude`` (nor from any ref when
    ``exclude_all``), oldest first (parents before children); at most ``limit`` of them (the
    newest), so that a huge push is counted without listing it whole."""
    if not include:
        return []
    args = ["rev-list", "--topo-order", "--reverse"]
    if limit is not None:
        args.append(f"--max-count={limit}")
    if first_parent:
        args.append("--first-parent")
    args += list(include)
    args += [f"^{rev}" for rev in exclude]
    if exclude_all:
        args += ["--not", "--all"]
    out = git_text(cwd, [*args, "--"])
    return [line for line in out.split("\n") if line]


def object_info(cwd: Path, ids: Iterable[str]) -> dict[str, tuple[str, int]]:
    """``id → (type, size)`` in one ``cat-file --batch-check``; missing ids are left out."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    out = git_text(cwd, ["cat-file", "--batch-check"], stdin="".join(f"{i}\n" for i in wanted))
    info: dict[str, tuple[str, int]] = {}
    for line in out.split("\n"):
        parts = line.split(" ")
        if len(parts) == 3 and parts[2].isdigit():
            info[parts[0]] = (parts[1], int(parts[2]))
    return info


def blob_ids(cwd: Path, specs: Sequence[str]) -> dict[str, str]:
    """``rev:path`` → the blob id there, in one ``cat-file --batch-check`` (one answer line per
    question, in order); specs that name no blob, or hold a newline, are left out."""
    wanted = [s for s in dict.fromkeys(specs) if "\n" not in s]
    if not wanted:
        return {}
    question = "".join(f"{s}\n" for s in wanted)
    out = git_text(cwd, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], stdin=question)
    found: dict[str, str] = {}
    for spec, line in zip(wanted, out.split("\n"), strict=False):
        oid, _sp, kind = line.partition(" ")
        if kind == "blob" and is_hex_id(oid):
            found[spec] = oid
    return found


def read_objects(cwd: Path, ids: Sequence[str]) -> dict[str, bytes]:
    """Raw contents of ``ids`` in one ``cat-file --batch`` (callers check sizes first)."""
    return dict(stream_objects(cwd, ids))


def stream_objects(cwd: Path, ids: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    """``(id, contents)`` of ``ids`` (object ids or ``rev:path``), in their order, from one
    ``cat-file --batch`` and as git writes them: what the caller does with one object runs
    while git is still inflating the next (on a year of records that halves a cold read).
    Missing ids are left out. Each answer is length-prefixed by git, so no content can pass
    for a header; output that ends early or does not parse is a :class:`GitError`."""
    wanted = [i for i in dict.fromkeys(ids) if "\n" not in i]
    if not wanted:
        return
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                bufsize=_PIPE_BUFFER,
            )
        except OSError as e:
            raise GitError(msg("git.failed", command="git cat-file", detail=str(e))) from e
        stdin, stdout = proc.stdin, proc.stdout
        if stdin is None or stdout is None:  # pragma: no cover - both are PIPE above
            raise GitError(msg("git.failed", command="git cat-file", detail="pipe"))
        # git answers while it reads: the questions are written from another thread, or a
        # full pipe each way would stop both sides.
        feeder = threading.Thread(target=_ask, args=(stdin, wanted), daemon=True)
        feeder.start()
        complete = False
        try:
            yield from _answers(stdout, wanted)
            complete = True
        finally:
            if not complete:
                proc.kill()
            stdout.close()
            code = proc.wait()
            feeder.join()
        if code != 0:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip()
            raise GitError(msg("git.failed", command="git cat-file --batch", detail=detail))


_PIPE_BUFFER = 1 << 20


def _ask(pipe: IO[bytes], wanted: Sequence[str]) -> None:
    """Write one question per line, then close (git then ends after its last answer)."""
    try:
        pipe.write("".join(f"{i}\n" for i in wanted).encode("utf-8"))
        pipe.close()
    except (BrokenPipeError, ValueError, OSError):
        pass  # git stopped early (killed, or failed: its exit code says why)


def _answers(out: IO[bytes], wanted: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    for oid in wanted:
        header = out.readline()
        if not header:
            return  # git failed before answering: the caller reads its exit code
        parts = header.rstrip(b"\n").split(b" ")
        if len(parts) != 3:
            continue  # "<id> missing" / "<id> ambiguous"
        if not parts[2].isdigit():
            raise GitError(msg("git.failed", command="git cat-file --batch", detail=repr(header)))
        size = int(parts[2])
        data = out.read(size)
        if len(data) != size or out.read(1) != b"\n":
            raise GitError(msg("git.failed", command="git cat-file --batch", detail=oid))
        yield oid, data


def parse_ident(line: bytes) -> tuple[str, str, datetime] | None:
    """``Name <email> 1700000000 +0700`` → (name, email, time), or None when malformed."""
    found = _IDENT.match(line)
    if found is None:
        return None
    name, email, stamp, sign, hours, minutes = found.groups()
    offset = timedelta(hours=int(hours), minutes=int(minutes))
    if offset > timedelta(hours=14):
        return None
    tz = timezone(offset if sign == b"+" else -offset)
    try:
        when = datetime.fromtimestamp(int(stamp), tz)
    except (OverflowError, OSError, ValueError):
        return None
    return name.decode("utf-8", "replace"), email.decode("utf-8", "replace"), when


def parse_trailers(message: str) -> tuple[tuple[str, str], ...]:
    """The trailers of a message: its last paragraph, when it is not the first and every one
    of its lines is ``Key: value``."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", message.strip("\n")) if p.strip()]
    if len(paragraphs) < 2:
        return ()
    pairs = []
    for line in paragraphs[-1].split("\n"):
        found = _TRAILER.match(line.rstrip())
        if found is None:
            return ()
        pairs.append((found.group(1), found.group(2).strip()))
    return tuple(pairs)


@dataclass(frozen=True)
class RawCommit:
    """The strictly parsed headers and message of a commit object."""

    sha: str
    tree: str
    parents: tuple[str, ...]
    author: tuple[str, str, datetime]
    committer: tuple[str, str, datetime]
    message: str
    signed: bool
    """Whether a ``gpgsig`` header is present (verified separately)."""


def parse_commit(sha: str, raw: bytes) -> RawCommit | None:
    """A commit object's parts, or None when its headers are not exactly what git writes."""
    head, sep, body = raw.partition(b"\n\n")
    if not sep and raw.endswith(b"\n"):
        head, body = raw[:-1], b""
    seen: dict[bytes, bytes] = {}
    parents: list[str] = []
    signed = False
    for line in head.split(b"\n"):
        if line.startswith(b" "):
            continue  # continuation of a multi-line header (gpgsig, mergetag)
        key, _sp, value = line.partition(b" ")
        if key == b"parent":
            parent = value.decode("ascii", "replace")
            if not is_hex_id(parent):
                return None
            parents.append(parent)
        elif key in _SINGLE:
            if key in seen:
                return None
            seen[key] = value
        elif key in (b"gpgsig", b"gpgsig-sha256"):
            if signed:
                return None
            signed = True
    tree = seen.get(b"tree", b"").decode("ascii", "replace")
    author = parse_ident(seen.get(b"author", b""))
    committer = parse_ident(seen.get(b"committer", b""))
    if not is_hex_id(tree) or author is None or committer is None:
        return None
    return RawCommit(
        sha=sha,
        tree=tree,
        parents=tuple(parents),
        author=author,
        committer=committer,
        message=body.decode("utf-8", "replace"),
        signed=signed,
    )


def diff_pairs(cwd: Path, pairs: Sequence[tuple[str, str | None]]) -> list[tuple[TreeChange, ...]]:
    """For each ``(new, old)`` commit pair, what changed from ``old`` to ``new`` (``old`` None:
    from the empty tree), in one ``diff-tree --stdin -z`` call."""
    if not pairs:
        return []
    lines = "".join(f"{new} {old}\n" if old else f"{new}\n" for new, old in pairs)
    out = git_bytes(
        cwd,
        ["diff-tree", "-r", "-z", "--no-renames", "--always", "--root", "--stdin"],
        stdin=lines.encode(),
    )
    items = out.split(b"\0")
    result: list[list[TreeChange]] = []
    i = 0
    while i < len(items):
        item = items[i]
        if not item:
            i += 1
            continue
        if not item.startswith(b":"):
            result.append([])  # the header (commit id) of the next pair
            i += 1
            continue
        meta = item[1:].decode("ascii", "replace").split(" ")
        path = items[i + 1] if i + 1 < len(items) else b""
        i += 2
        if len(meta) != 5 or not result:
            raise GitError(msg("git.failed", command="git diff-tree", detail="unexpected output"))
        result[-1].append(
            TreeChange(
                status=meta[4][:1],
                path=path.decode("utf-8", "replace"),
                raw_path=path,
                old_mode=meta[0],
                new_mode=meta[1],
                old_id=meta[2],
                new_id=meta[3],
            )
        )
    if len(result) != len(pairs):
        raise GitError(msg("git.failed", command="git diff-tree", detail="unexpected output"))
    return [tuple(r) for r in result]


def verify_signatures(cwd: Path, ids: Sequence[str], allowed_signers: Path) -> dict[str, Signature]:
    """git's verdict on the signature of each of ``ids`` against ``allowed_signers``."""
    if not ids:
        return {}
    args = [
        "-c",
        f"gpg.ssh.allowedSignersFile={allowed_signers}",
        "-c",
        "log.showSignature=false",
        "log",
        "--no-walk=unsorted",
        "--stdin",
        "--no-notes",
        "--format=%H%x00%G?%x00%GS%x00%GK%x00",
    ]
    out = git_text(cwd, args, stdin="".join(f"{i}\n" for i in ids))
    items = out.split("\0")
    found: dict[str, Signature] = {}
    for at in range(0, len(items) - 3, 4):
        sha = items[at].strip()
        if is_hex_id(sha):
            found[sha] = Signature(items[at + 1].strip(), items[at + 2], items[at + 3])
    return found


def read_commits(
    cwd: Path,
    ids: Sequence[str],
    allowed_signers: Path | None,
    *,
    max_bytes: int = 1 << 20,
) -> tuple[dict[str, Commit], list[str]]:
    """The commits ``ids`` as :class:`Commit` (changes against the first parent, signature
    verified when ``allowed_signers`` is given), and the ids that could not be read (too large,
    not a commit, or malformed headers)."""
    info = object_info(cwd, ids)
    bad = [i for i in ids if info.get(i, ("", 0))[0] != "commit" or info[i][1] > max_bytes]
    refused = set(bad)
    good = [i for i in ids if i not in refused]
    raws: dict[str, RawCommit] = {}
    for sha, data in read_objects(cwd, good).items():
        parsed = parse_commit(sha, data)
        if parsed is None:
            bad.append(sha)
        else:
            raws[sha] = parsed
    order = [i for i in good if i in raws]
    diffs = diff_pairs(cwd, [(i, raws[i].parents[0] if raws[i].parents else None) for i in order])
    signatures: dict[str, Signature] = {}
    if allowed_signers is not None:
        signed = [i for i in order if raws[i].signed]
        signatures = verify_signatures(cwd, signed, allowed_signers)
    commits: dict[str, Commit] = {}
    for sha, changes in zip(order, diffs, strict=True):
        raw = raws[sha]
        subject, _nl, body = raw.message.partition("\n")
        signature = None
        if allowed_signers is not None:
            signature = signatures.get(sha, Signature("N", "", ""))
        commits[sha] = Commit(
            sha=sha,
            parents=raw.parents,
            author_name=raw.author[0],
            author_email=raw.author[1],
            author_time=raw.author[2],
            committer_email=raw.committer[1],
            committer_time=raw.committer[2],
            subject=subject,
            body=body.lstrip("\n"),
            trailers=parse_trailers(raw.message),
            note="",
            signature=signature,
            changes=tuple(c.as_change() for c in changes),
            tree=raw.tree,
            tree_changes=changes,
        )
    return commits, bad


def verify_tag(cwd: Path, tag_id: str, allowed_signers: Path) -> str | None:
    """The principal (staff id) whose key made a good signature on tag object ``tag_id``, or
    None. ``--raw`` prints ssh-keygen's verdict only, never the tag's text."""
    code, err = git_run(
        cwd,
        ["-c", f"gpg.ssh.allowedSignersFile={allowed_signers}", "verify-tag", "--raw", tag_id],
    )
    if code != 0:
        return None
    for line in err.splitlines():
        prefix = 'Good "git" signature for '
        if line.startswith(prefix) and " with " in line:
            return line[len(prefix) :].split(" with ", 1)[0]
    return None


@dataclass(frozen=True)
class TagHeader:
    """The header of an annotated tag object, as its raw bytes say."""

    target: str
    """The ``object`` it points at."""
    target_type: str
    """Its ``type`` header."""
    name: str
    """Its ``tag`` header: the name the signer gave it (a ref may carry another)."""
    tagger: tuple[str, str, datetime] | None
    """Its ``tagger`` line (name, e-mail, time), or None when missing or malformed."""


def tag_header(cwd: Path, tag_id: str) -> TagHeader | None:
    """The header of annotated tag ``tag_id``, read from its raw bytes; None when it is not a
    tag, is over 1 MiB, repeats a header or names no object."""
    info = object_info(cwd, [tag_id])
    if info.get(tag_id, ("", 0))[0] != "tag" or info[tag_id][1] > (1 << 20):
        return None
    raw = read_objects(cwd, [tag_id]).get(tag_id, b"")
    head = raw.partition(b"\n\n")[0].split(b"\n")
    fields: dict[bytes, bytes] = {}
    for line in head:
        key, _sp, value = line.partition(b" ")
        if key in fields:
            return None
        fields[key] = value
    obj = fields.get(b"object", b"").decode("ascii", "replace")
    kind = fields.get(b"type", b"").decode("ascii", "replace")
    if not is_hex_id(obj) or not kind:
        return None
    name = fields.get(b"tag", b"").decode("utf-8", "replace")
    tagger = parse_ident(fields[b"tagger"]) if b"tagger" in fields else None
    return TagHeader(obj, kind, name, tagger)
