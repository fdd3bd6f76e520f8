"""Files of a commit without a working tree: listing and extraction in one call each.

The server's hook has no checkout: it lists the paths it needs (``ls-tree``) and reads their
contents with one ``cat-file --batch`` call, writing them under a temporary folder so that the
same rules that run on a teacher's machine (which read files) run on the server.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from hsdt.errors import GitError
from hsdt.fsutil import atomic_write_bytes
from hsdt.git.run import git_bytes, git_text
from hsdt.git.safepath import inside
from hsdt.i18n import msg


def list_files(cwd: Path, rev: str, prefixes: Sequence[str] = ()) -> list[str]:
    """Paths of the files in ``rev`` (under ``prefixes`` when given)."""
    out = git_text(
        cwd,
        ["-c", "core.quotepath=false", "ls-tree", "-r", "--name-only", "-z", rev, "--", *prefixes],
    )
    return [p for p in out.split("\0") if p]


def tree_blobs(cwd: Path, rev: str) -> dict[str, str]:
    """Path → blob id of every file in ``rev`` (one ``ls-tree``; submodules left out)."""
    out = git_text(cwd, ["-c", "core.quotepath=false", "ls-tree", "-r", "-z", rev])
    found: dict[str, str] = {}
    for entry in out.split("\0"):
        head, _tab, path = entry.partition("\t")
        parts = head.split(" ")
        if path and len(parts) == 3 and parts[1] == "blob":
            found[path] = parts[2]
    return found


def read_blobs(cwd: Path, rev: str, paths: Iterable[str]) -> dict[str, bytes]:
    """The contents of ``paths`` at ``rev``; missing paths are left out."""
    wanted = list(paths)
    if not wanted:
        return {}
    request = "".join(f"{rev}:{p}\n" for p in wanted).encode("utf-8")
    out = git_bytes(cwd, ["cat-file", "--batch"], stdin=request)
    found: dict[str, bytes] = {}
    pos = 0
    for path in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("utf-8", "replace")
        pos = end + 1
        if header.endswith(" missing") or header.endswith(" ambiguous"):
            continue
        size = int(header.rsplit(" ", 1)[1])
        found[path] = out[pos : pos + size]
        pos += size + 1
    return found


def extract(cwd: Path, rev: str, paths: Iterable[str], dest: Path) -> list[str]:
    """Write ``paths`` of ``rev`` under ``dest``; returns the paths that existed.

    A path that is unsafe (``..``, ``.git``, control characters…) or would land outside
    ``dest`` is never written: :class:`GitError`, before any file of the call is written.
    """
    wanted = list(paths)
    targets = {}
    for rel in wanted:
        try:
            targets[rel] = inside(dest, rel)
        except ValueError as e:
            raise GitError(msg("git.unsafe_path", path=rel)) from e
    blobs = read_blobs(cwd, rev, wanted)
    for rel, data in blobs.items():
        atomic_write_bytes(targets[rel], data)
    return sorted(blobs)


def list_blob_ids(cwd: Path, rev: str, prefixes: Sequence[str] = ()) -> dict[str, str]:
    """Path → blob id of the files in ``rev`` (under ``prefixes`` when given), one ``ls-tree``:
    a content-addressed key for caches that must not read the files."""
    out = git_text(cwd, ["-c", "core.quotepath=false", "ls-tree", "-r", "-z", rev, "--", *prefixes])
    found: dict[str, str] = {}
    for entry in out.split("\0"):
        head, tab, path = entry.partition("\t")
        parts = head.split()
        if tab and len(parts) == 3 and parts[1] == "blob":
            found[path] = parts[2]
    return found


def read_by_id(cwd: Path, blobs: Mapping[str, str]) -> dict[str, bytes]:
    """Path → contents for ``blobs`` (path → blob id, from :func:`list_blob_ids`), in one
    ``cat-file --batch`` by id: no ``rev:path`` lookup, which walks (and re-reads) every tree
    on the path for each file and grows with the square of a folder's size."""
    from hsdt.git.objects import read_objects

    data = read_objects(cwd, list(blobs.values()))
    return {path: data[oid] for path, oid in blobs.items() if oid in data}


def stream_by_id(cwd: Path, blobs: Mapping[str, str]) -> Iterator[tuple[str, bytes]]:
    """Like :func:`read_by_id`, each ``(path, contents)`` as git writes it
    (:func:`hsdt.git.objects.stream_objects`): the caller's work overlaps git's. A blob two
    paths share comes once for each."""
    from hsdt.git.objects import stream_objects

    paths: dict[str, list[str]] = {}
    for path, oid in blobs.items():
        paths.setdefault(oid, []).append(path)
    for oid, data in stream_objects(cwd, list(paths)):
        for path in paths[oid]:
            yield path, data
