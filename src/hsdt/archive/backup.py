"""Backups of a school's repository: a verified ``git bundle`` of every ref, receive-time notes
included, written to each of several destinations (Thông tư 02/2019/TT-BNV asks for at least
two copies on independent media), keeping a number of generations.

A bundle is a single file git itself can clone from (``git clone --mirror BUNDLE``), so a
school's server is restored with git alone and the restored history, notes and signed PDFs are
byte for byte the originals. Each bundle is written under a temporary name beside its final
one, checked with ``git bundle verify`` and its SHA-256 written beside it, then renamed: a
crash leaves no half-written backup, and a re-run writes a new generation.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hsdt.errors import GitError, UsageError
from hsdt.fsutil import atomic_write_text
from hsdt.git.run import git_text
from hsdt.i18n import msg
from hsdt.model.timeutil import to_vn

SUFFIX = ".bundle"
_STAMP = re.compile(r"^(?P<name>[a-z0-9][a-z0-9.-]*)-(?P<stamp>\d{8}T\d{6})\.bundle$")


@dataclass(frozen=True)
class BundleCheck:
    """What a bundle holds, as ``git bundle verify`` and its checksum say."""

    path: Path
    """The bundle."""
    ok: bool
    """Whether git verified it and its SHA-256 matches the one written beside it."""
    refs: tuple[tuple[str, str], ...]
    """(ref, id) pairs it carries."""
    problem: str = ""
    """Why it is not ok (git's words or the checksum), empty when ok."""

    @property
    def notes(self) -> int:
        """How many notes refs it carries (the receive times)."""
        return sum(1 for ref, _id in self.refs if ref.startswith("refs/notes/"))


@dataclass(frozen=True)
class BackupResult:
    """One destination's outcome."""

    dest: Path
    """The destination folder."""
    written: BundleCheck
    """The new bundle, verified."""
    removed: tuple[Path, ...]
    """Older generations removed (beyond ``keep``)."""


def backup(
    git_dir: Path, dests: Sequence[Path], *, name: str, when: datetime, keep: int = 7
) -> list[BackupResult]:
    """Bundle every ref of ``git_dir`` into each of ``dests`` as ``NAME-YYYYMMDDTHHMMSS.bundle``."""
    if keep < 1:
        raise UsageError(msg("backup.keep", keep=keep))
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", name):
        raise UsageError(msg("backup.name", name=name))
    stamp = to_vn(when).strftime("%Y%m%dT%H%M%S")
    out: list[BackupResult] = []
    for dest in dests:
        dest.mkdir(parents=True, exist_ok=True)
        final = dest / f"{name}-{stamp}{SUFFIX}"
        with tempfile.TemporaryDirectory(prefix=".hsdt-tmp-", dir=dest) as scratch:
            partial = Path(scratch) / final.name
            git_text(git_dir, ["bundle", "create", "--quiet", str(partial), "--all"])
            digest = _sha256(partial)
            check = _verify(partial, digest)
            if not check.ok:
                raise GitError(msg("backup.bad_bundle", path=str(final), detail=check.problem))
            atomic_write_text(_sum_path(final), f"{digest}  {final.name}\n")
            partial.replace(final)
        written = BundleCheck(final, True, check.refs)
        out.append(BackupResult(dest, written, tuple(_prune(dest, name, keep))))
    return out


def verify_backup(path: Path) -> BundleCheck:
    """Re-check a bundle: git's own verification and the SHA-256 written beside it."""
    if not path.is_file():
        raise UsageError(msg("backup.no_file", path=str(path)))
    expected = None
    if _sum_path(path).is_file():
        try:
            words = _sum_path(path).read_text(encoding="utf-8").split()
        except (OSError, UnicodeDecodeError):
            words = []
        if not words:
            return BundleCheck(
                path, False, (), msg("backup.bad_checksum_file", file=_sum_path(path).name).render()
            )
        expected = words[0]
    return _verify(path, expected)


def _verify(path: Path, expected: str | None) -> BundleCheck:
    if expected is not None and _sha256(path) != expected:
        return BundleCheck(path, False, (), msg("backup.checksum").render())
    with tempfile.TemporaryDirectory(prefix="hsdt-bundle-") as empty:
        git_text(Path(empty), ["init", "-q", "--bare"])
        bundle = str(path.resolve())
        try:
            git_text(Path(empty), ["bundle", "verify", "--quiet", bundle])
            heads = git_text(Path(empty), ["bundle", "list-heads", bundle])
            # 'bundle verify' reads the header only: unpacking every object (each hashed, the
            # history complete) is what proves the bundle restores
            git_text(
                Path(empty),
                ["-c", "transfer.fsckObjects=true", "fetch", "--quiet", bundle, "+refs/*:refs/*"],
            )
            restored = git_text(Path(empty), ["for-each-ref", "--format=%(objectname) %(refname)"])
        except GitError as e:
            return BundleCheck(path, False, (), e.msg.render())
    refs = []
    for line in heads.splitlines():
        oid, _sp, ref = line.partition(" ")
        if ref:
            refs.append((ref, oid))
    kept = {tuple(line.split(" ", 1)[::-1]) for line in restored.splitlines() if " " in line}
    # HEAD names the branch a clone checks out, not a ref to restore
    lost = sorted(ref for ref, oid in refs if ref != "HEAD" and (ref, oid) not in kept)
    if lost:
        return BundleCheck(
            path, False, tuple(refs), msg("backup.lost_refs", refs=", ".join(lost[:5])).render()
        )
    if expected is None:
        return BundleCheck(path, False, tuple(refs), msg("backup.no_checksum").render())
    return BundleCheck(path, True, tuple(sorted(refs)))


def _prune(dest: Path, name: str, keep: int) -> list[Path]:
    mine = sorted(
        p for p in dest.iterdir() if (m := _STAMP.match(p.name)) and m.group("name") == name
    )
    removed = []
    for old in mine[:-keep]:
        old.unlink()
        _sum_path(old).unlink(missing_ok=True)
        removed.append(old)
    return removed


def _sum_path(bundle: Path) -> Path:
    return bundle.with_name(bundle.name + ".sha256")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
