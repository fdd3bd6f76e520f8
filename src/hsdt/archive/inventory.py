"""What a tag holds for the archive, read from git in bulk (no working tree, no per-file calls):
the tag itself, every signed PDF under ``signatures/``, its evidence, its Markdown source, the
correction records (``bien-ban-sua``, front matter ``ho_so_sua``) that touched it, the school
profile and the trust material; and, from history, each record's approval and receive time.

Everything here depends only on the repository's objects, never on the clock or the machine,
so that two exports of one tag are byte-identical.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hsdt.errors import GitError, HsdtError, UsageError
from hsdt.git.objects import parse_ident, read_objects
from hsdt.git.run import git_text
from hsdt.git.tree import list_files, tree_blobs
from hsdt.i18n import msg
from hsdt.workflow.paths import SIGNATURES_DIR, record_of_signed

if TYPE_CHECKING:
    from hsdt.git.notes import ReceiveNote

CORRECTION_TYPE = "bien-ban-sua"
"""Correction records (biên bản sửa dữ liệu)."""

_VERSION_SUFFIX = re.compile(r"\.[0-9a-f]{10}$")
"""``hsdt publish`` names a second version of a PDF after its approving merge."""


@dataclass(frozen=True)
class TagInfo:
    """An annotated tag: the archive period."""

    name: str
    """Tag name (``tuan-06-2025-2026``)."""
    tag_id: str
    """The tag object's id."""
    commit: str
    """The commit it marks."""
    tagger_email: str
    """The tagger's e-mail (the server checked the SSH signature)."""
    date: datetime
    """The tagger date: the package's only clock."""
    message: str
    """The tag's message, signature removed."""


@dataclass(frozen=True)
class Entry:
    """One signed PDF and what belongs to it."""

    pdf: str
    """``signatures/…pdf``."""
    record: str
    """Its record ``records/…md``."""
    evidence: str | None
    """Its evidence JSON, when present at the tag."""
    corrections: tuple[str, ...]
    """Correction records naming the record in ``ho_so_sua``."""


@dataclass(frozen=True)
class Inventory:
    """The files of the package's payload and the entries among them."""

    tag: TagInfo
    """The tag."""
    files: dict[str, bytes]
    """Repository path → content, every file the package carries from the tag."""
    entries: tuple[Entry, ...]
    """Signed PDFs, sorted by path."""
    records: tuple[str, ...]
    """Every record path at the tag (approved or not)."""
    sources: dict[str, bytes]
    """Record path → its Markdown at the tag, every record (for what the rules expected);
    only those of :attr:`files` go into the package."""


def read_tag(root: Path, name: str) -> TagInfo:
    """The annotated tag ``name``; a lightweight or missing tag is refused."""
    tag_id = git_text(
        root, ["rev-parse", "--verify", "--quiet", f"refs/tags/{name}"], ok_codes=(0, 1)
    ).strip()
    if not tag_id:
        raise UsageError(msg("export.no_tag", name=name))
    raw = read_objects(root, [tag_id]).get(tag_id)
    kind = git_text(root, ["cat-file", "-t", tag_id]).strip()
    if raw is None or kind != "tag":
        raise UsageError(msg("export.lightweight", name=name))
    head, _sep, body = raw.partition(b"\n\n")
    tagger = next((line[7:] for line in head.split(b"\n") if line.startswith(b"tagger ")), b"")
    ident = parse_ident(tagger)
    if ident is None:
        raise UsageError(msg("export.lightweight", name=name))
    text = body.decode("utf-8", "replace").split("-----BEGIN SSH SIGNATURE-----", 1)[0]
    commit = git_text(root, ["rev-parse", "--verify", f"{tag_id}^{{commit}}"]).strip()
    return TagInfo(name, tag_id, commit, ident[1], ident[2], text.strip())


def collect(root: Path, tag: TagInfo) -> Inventory:
    """The payload of ``tag``: two bulk reads (one ``ls-tree`` and one ``cat-file --batch`` of
    the signatures, the profile and every record, by blob id)."""
    ids = tree_blobs(root, tag.commit)
    paths = sorted(ids)
    wanted = [p for p in paths if p.startswith((f"{SIGNATURES_DIR}/", "schools/"))]
    records = sorted(p for p in paths if p.startswith("records/") and p.endswith(".md"))
    corrections = [p for p in records if p.split("/")[-2] == CORRECTION_TYPE]
    # by blob id: cat-file resolving 'commit:path' walks the tree for each path, which cost
    # twice the reading itself for a semester's 4,000 files
    objects = read_objects(root, [ids[p] for p in [*wanted, *records]])
    blobs = {p: objects[ids[p]] for p in [*wanted, *records] if ids[p] in objects}
    present = set(paths)
    pdfs = sorted(p for p in wanted if p.startswith(f"{SIGNATURES_DIR}/") and p.endswith(".pdf"))
    targets = _corrected(blobs, corrections)
    entries = []
    sources: set[str] = set()
    for pdf in pdfs:
        evidence = pdf.removesuffix(".pdf") + ".json"
        record = _record_of(pdf, blobs.get(evidence), present)
        touched = tuple(sorted(c for c, named in targets.items() if record in named))
        entries.append(Entry(pdf, record, evidence if evidence in blobs else None, touched))
        sources.add(record)
        sources.update(touched)
    keep = set(wanted) | sources
    files = {p: blobs[p] for p in sorted(keep) if p in blobs}
    every = {p: blobs[p] for p in records if p in blobs}
    return Inventory(tag, files, tuple(entries), tuple(records), every)


def submitted(root: Path, tag: TagInfo, notes: Mapping[str, ReceiveNote]) -> dict[str, bytes]:
    """Records the server received on a submission branch by the tag's date but that the tag
    does not hold (submitted, not merged into main): record path → the latest version received.

    From the receive notes, which the server alone writes and never rewrites: notes received
    after the tag are left out, so a later export of the same tag finds the same records.
    """
    present = set(list_files(root, tag.commit, ["records/"]))
    latest: dict[str, tuple[datetime, str]] = {}
    for commit, note in notes.items():
        if note.received > tag.date or not note.ref.startswith("refs/heads/"):
            continue
        if note.ref == "refs/heads/main":
            continue
        for path in note.paths:
            if path in present or not path.startswith("records/"):
                continue
            if path not in latest or (note.received, commit) > latest[path]:
                latest[path] = (note.received, commit)
    specs = {path: f"{commit}:{path}" for path, (_at, commit) in sorted(latest.items())}
    blobs = read_objects(root, list(specs.values()))
    return {path: blobs[spec] for path, spec in specs.items() if spec in blobs}


def _record_of(pdf: str, evidence: bytes | None, present: set[str]) -> str:
    """The record a PDF is of: its evidence's ``ho_so``, else the path convention."""
    if evidence is not None:
        try:
            named = json.loads(evidence).get("ho_so")
        except (ValueError, AttributeError):
            named = None
        if isinstance(named, str) and named.startswith("records/"):
            return named
    plain = record_of_signed(pdf) or pdf
    if plain not in present:
        stem = _VERSION_SUFFIX.sub("", plain.removesuffix(".md"))
        if f"{stem}.md" in present:
            return f"{stem}.md"
    return plain


def _corrected(blobs: dict[str, bytes], corrections: list[str]) -> dict[str, set[str]]:
    """Correction record → the record paths its ``ho_so_sua`` names."""
    from hsdt.load.frontmatter import parse_front_matter

    out: dict[str, set[str]] = {}
    for path in corrections:
        try:
            meta = parse_front_matter(blobs[path].decode("utf-8"), path).meta
        except (HsdtError, UnicodeDecodeError, KeyError):
            continue
        named = meta.get("ho_so_sua") or ()
        if isinstance(named, str):
            named = [named]
        out[path] = {str(v).strip().lstrip("./") for v in named}
    return out


def front_matter(files: Mapping[str, bytes], path: str) -> dict[str, Any]:
    """A record's front matter as plain values; empty when it cannot be read."""
    from hsdt.load.frontmatter import parse_front_matter

    try:
        return dict(parse_front_matter(files[path].decode("utf-8"), path).meta)
    except (HsdtError, UnicodeDecodeError, KeyError):
        return {}


def ensure_repository(root: Path) -> None:
    """Refuse early, with what to do, outside a git repository."""
    try:
        git_text(root, ["rev-parse", "--git-dir"])
    except GitError as e:
        raise UsageError(msg("export.not_repository")) from e
