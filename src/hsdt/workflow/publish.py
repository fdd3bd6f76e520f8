"""Publishing on merge: the records that became approved are rendered, sealed when the school's
seal can sign automatically, and committed under ``signatures/`` with their evidence.

For each record approved on ``main`` since a revision (:func:`approved_since`), newest approval
of a path winning:

1. its PDF is rendered with the approvers' names in the signature block;
2. the people's signature fields are created empty, and each person adds their own signature
   later with ``hsdt sign`` through the same approval path; the school's seal (``con_dau`` in
   the type's ``chu_ky``) comes last, added by the clerk once the people have signed (the
   server refuses it earlier), unless the profile says ``ky_so.dong_dau: khi_cong_bo``: then,
   with a seal signer given (the CI's secret or the clerk's token), the seal signs first at
   publication, certifying the document;
3. the PDF, then the evidence JSON (who approved, in which role, when, which commit; the source
   hash; which signatures are still to come) are written atomically under ``signatures/``;
4. one commit adds them, with the committer's identity, SSH-signed when git is configured to
   sign (the server accepts on ``main`` only such commits adding files under ``signatures/``,
   signed by a clerk, an administrator or the principal).

Printing goes through the same bounded worker processes as ``hsdt render`` (a time and a
memory limit per record): a record too slow or too big to print is reported, nothing is written
or committed for it, the others are published, and the next run tries it again.

Idempotent: a record whose PDF is already there for the same source is skipped, its missing
evidence file completed; files written by a run that was killed before its commit are
committed by the next run, and the temporary files of a write it killed half-way
(``.hsdt-tmp-*.tmp``, see :mod:`hsdt.fsutil`) are deleted when the next run starts. A record
changed and approved again (a correction) gets a new PDF named after the approving merge,
since signed PDFs are never rewritten.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hsdt.errors import HsdtError
from hsdt.fsutil import atomic_write_bytes, remove_leftovers
from hsdt.git.run import git_text
from hsdt.i18n import Msg, msg
from hsdt.model.manifest import SEAL
from hsdt.model.school import Role
from hsdt.model.timeutil import to_vn
from hsdt.workflow.approvals import (
    ApprovedRecord,
    HostResolver,
    RefusedMerge,
    approved_since,
)
from hsdt.workflow.paths import evidence_path, place_of, signed_pdf_path

if TYPE_CHECKING:
    from hsdt.model.policy import TypePolicy
    from hsdt.model.school import School
    from hsdt.render.api import Printed
    from hsdt.render.pool import Limits
    from hsdt.sign.signers import LoadedSigner

SIGNATURES = "signatures"
"""Where the signed PDFs and their evidence live."""


@dataclass(frozen=True)
class SealOptions:
    """How the school's seal signs while publishing."""

    signer: LoadedSigner
    """The organisation certificate's signer (opened once for the whole run)."""
    tsa_url: str | None = None
    """RFC 3161 timestamp authority (PAdES B-T) when given."""
    image: Path | None = None
    """The red seal picture."""


@dataclass(frozen=True)
class Published:
    """One record's outcome."""

    record: str
    """Record path."""
    pdf: str
    """Repository path of its PDF under signatures/."""
    sealed: bool
    """Whether the seal signed it in this run."""
    pending: tuple[str, ...]
    """Signatures still to be added by people (slot keys)."""
    skipped: bool
    """Already published for this source: nothing rendered."""


@dataclass(frozen=True)
class NotPublished:
    """A record that could not be printed in this run (nothing written or committed for it)."""

    record: str
    """Record path."""
    error: Msg
    """Why: too slow, too big, invalid…"""
    where: str
    """``path`` or ``path:line`` the error concerns."""


@dataclass
class PublishReport:
    """A run's outcomes and its commit."""

    items: list[Published] = field(default_factory=list)
    """One per approved record published (or already published)."""
    failed: list[NotPublished] = field(default_factory=list)
    """Approved records that could not be printed; the next run tries them again."""
    commit: str | None = None
    """The commit made, or None when nothing was new."""
    removed: tuple[str, ...] = ()
    """Temporary files of a killed earlier run, deleted at the start (repository paths)."""
    refused: list[RefusedMerge] = field(default_factory=list)
    """Commits on ``main`` that changed records without an approval that holds (a host's
    merge whose pull request, reviews or content do not check out): nothing published."""


@dataclass(frozen=True)
class _Plan:
    """What publishing one approved record involves, before anything is printed."""

    approved: ApprovedRecord
    digest: str
    pdf_rel: str
    json_rel: str
    wanted: tuple[str, ...]
    approvers: dict[str, str]
    seal_now: bool = False
    """Whether the seal signs at publication (``ky_so.dong_dau: khi_cong_bo``, or nobody else
    signs); otherwise it is listed last among the signatures still to come."""


def publish(
    root: Path,
    school: School,
    *,
    since: str | None = None,
    seal: SealOptions | None = None,
    commit: bool = True,
    limits: Limits | None = None,
    jobs: int | None = None,
    remote: str | None = "origin",
    host: HostResolver | None = None,
) -> PublishReport:
    """Publish what became approved on ``main`` after ``since`` (everything when None).

    The receive-time notes are fetched from ``remote`` first (None: use the local ones): the
    evidence's approval times are the server's receive times, and a fresh clone lacks them.

    Records are printed like ``hsdt render`` prints them, in worker processes bounded by
    ``limits`` (time and memory); a record beyond them is reported in ``failed`` and the
    others go on.

    ``host`` (GitHub, Gitea: :class:`hsdt.hosts.merged.HostMergeReader`) accounts for merges
    made with the host's button; the evidence file then holds the pull request, its reviews,
    the submission time and the send-backs the host recorded. Merges it cannot account for
    are listed in ``refused``.
    """
    if remote is not None:
        from hsdt.git.notes import fetch_notes

        fetch_notes(root, remote)
    removed = remove_leftovers(root / SIGNATURES)
    report = PublishReport(removed=tuple(p.relative_to(root).as_posix() for p in removed))
    latest: dict[str, ApprovedRecord] = {}
    if host is None:
        from hsdt.workflow.hostevidence import EvidenceAccounts

        # A host's merge already verified keeps its account; one not verified yet is named
        # (refused: "not yet verified by hsdt publish --host") instead of passing silently.
        host = EvidenceAccounts(root, "HEAD")
    for approved in approved_since(root, school, since, host=host, refused=report.refused):
        latest[approved.path] = approved
    plans = [p for p in (_plan(root, school, a) for a in latest.values()) if p is not None]
    printed = _print(
        root, school, [p for p in plans if not (root / p.pdf_rel).is_file()], limits, jobs
    )
    written: list[str] = []
    for plan in plans:
        result = printed.get(plan.approved.path)
        if result is not None and result.data is None:
            error = result.error or msg("render.worker_died")
            where = result.error_where or plan.approved.path
            report.failed.append(NotPublished(plan.approved.path, error, where))
            continue
        report.items.append(_publish_one(root, plan, None if result is None else result.data, seal))
        written.extend([plan.pdf_rel, plan.json_rel])
    if commit:
        report.commit = _commit(root, report, written)
    return report


def _plan(root: Path, school: School, approved: ApprovedRecord) -> _Plan | None:
    source_file = root / approved.path
    if not source_file.is_file():  # removed since (a later, approved deletion)
        return None
    digest = hashlib.sha256(source_file.read_bytes()).hexdigest()
    pdf_rel, json_rel = _targets(root, approved, digest)
    place = place_of(approved.path)
    policy = school.policy.types.get(place.type_id) if place else None
    wanted = tuple(policy.signatures) if policy else ()
    seal_now = not school.policy.seal_last or all(k == SEAL for k in wanted)
    if not seal_now and SEAL in wanted:  # the office stamps after the people have signed
        wanted = (*(k for k in wanted if k != SEAL), SEAL)
    approvers = _slot_approvers(policy, approved)
    return _Plan(approved, digest, pdf_rel, json_rel, wanted, approvers, seal_now)


def _print(
    root: Path, school: School, plans: list[_Plan], limits: Limits | None, jobs: int | None
) -> dict[str, Printed]:
    """Print the records of ``plans`` through the bounded workers of ``hsdt render``."""
    if not plans:
        return {}
    from hsdt.render.api import render_each

    rels = [p.approved.path for p in plans]
    out: dict[str, Printed] = {}

    def keep(index: int, printed: Printed) -> None:
        out[rels[index]] = printed

    approvals = {p.approved.path: p.approvers for p in plans}
    render_each(
        root, rels, school, keep, jobs=jobs, use_cache=False, approvals=approvals, limits=limits
    )
    return out


def _publish_one(
    root: Path, plan: _Plan, data: bytes | None, seal: SealOptions | None
) -> Published:
    """Seal and write ``data`` (the printed PDF, None when it is already there) and the
    evidence when missing."""
    pdf_file, json_file = root / plan.pdf_rel, root / plan.json_rel
    sealed = False
    if data is not None:
        if seal is not None and SEAL in plan.wanted and plan.seal_now:
            data = _seal(data, seal, plan.pdf_rel)
            sealed = True
        atomic_write_bytes(pdf_file, data)
    signed = _signed_slots(pdf_file)
    pending = tuple(k for k in plan.wanted if k not in signed)
    if not json_file.is_file():
        evidence = _evidence_json(plan.approved, plan.digest, plan.pdf_rel, pending)
        atomic_write_bytes(json_file, evidence)
    return Published(plan.approved.path, plan.pdf_rel, sealed, pending, data is None)


def _targets(root: Path, approved: ApprovedRecord, digest: str) -> tuple[str, str]:
    """The PDF and evidence paths: the plain ones, unless they hold another version."""
    pdf_rel, json_rel = signed_pdf_path(approved.path), evidence_path(approved.path)
    existing = root / pdf_rel
    if existing.is_file() and _source_digest(existing) != digest:
        suffix = f".{approved.merge[:10]}"
        pdf_rel = pdf_rel.removesuffix(".pdf") + suffix + ".pdf"
        json_rel = json_rel.removesuffix(".json") + suffix + ".json"
    return pdf_rel, json_rel


def _source_digest(pdf: Path) -> str | None:
    from hsdt.sign.pdfdoc import embedded_files, open_reader, read_manifest

    try:
        data = pdf.read_bytes()
        return read_manifest(embedded_files(open_reader(data, str(pdf))), str(pdf)).source_sha256
    except (OSError, HsdtError):
        return None


def _signed_slots(pdf: Path) -> set[str]:
    """Slot keys already signed in ``pdf`` (its signature fields are ``hsdt.<key>``)."""
    from hsdt.sign.pdfdoc import open_reader

    reader = open_reader(pdf.read_bytes(), str(pdf))
    return {str(s.field_name).rsplit(".", 1)[-1] for s in reader.embedded_signatures}


def _slot_approvers(policy: TypePolicy | None, approved: ApprovedRecord) -> dict[str, str]:
    """Signature slot → the staff id who approved the chain step that slot stands for."""
    if policy is None:
        return {}
    out: dict[str, str] = {}
    for key in policy.signatures:
        if key not in {r.value for r in Role}:
            continue
        for evidence in approved.evidence:
            same_step = any(
                evidence.role in step.roles and Role(key) in step.roles
                for step in policy.approval_chain
            )
            if evidence.role.value == key or same_step:
                out[key] = evidence.approver
    return out


def _seal(data: bytes, seal: SealOptions, where: str) -> bytes:
    from hsdt.sign.signing import Level, SignOptions, sign_pdf

    level = Level.B_T if seal.tsa_url else Level.B_B
    options = SignOptions(role=SEAL, level=level, tsa_url=seal.tsa_url, image=seal.image)
    return sign_pdf(data, seal.signer, options, path=where)


def _evidence_json(
    approved: ApprovedRecord, digest: str, pdf_rel: str, pending: tuple[str, ...]
) -> bytes:
    data: dict[str, Any] = {
        "ho_so": approved.path,
        "ban_pdf": pdf_rel.rsplit("/", 1)[-1],
        "sha256_nguon": digest,
        "commit_duyet": approved.merge,
        "thoi_diem_duyet": to_vn(approved.approved_at).isoformat(timespec="seconds"),
        "bang_chung_duyet": [e.as_dict() for e in approved.evidence],
        "chu_ky_con_thieu": list(pending),
    }
    if approved.host is not None:
        from hsdt.workflow.hostevidence import KEY, host_json

        data[KEY] = host_json(approved.host, approved.path)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"


def _untracked(root: Path, paths: list[str]) -> list[str]:
    if not paths:
        return []
    out = git_text(root, ["status", "--porcelain", "--untracked-files=all", "--", *paths])
    return [line[3:] for line in out.splitlines() if line[:2] in ("??", "A ", "AM")]


def _commit(root: Path, report: PublishReport, written: list[str]) -> str | None:
    """One commit adding every new file; signed when git is set to sign (``user.signingkey``)."""
    fresh = _untracked(root, written)
    if not fresh:
        return None
    git_text(root, ["add", "--", *fresh])
    count = len({p.removesuffix(".json").removesuffix(".pdf") for p in fresh})
    message = f"Công bố {count} hồ sơ đã duyệt\n\nHsdt-Published: {count}\n"
    key = git_text(root, ["config", "--get", "user.signingkey"], ok_codes=(0, 1)).strip()
    sign = ["-S"] if key else []
    try:
        git_text(root, ["commit", "-q", *sign, "-F", "-"], stdin=message)
    except HsdtError as e:
        raise HsdtError(msg("publish.commit_failed", detail=e.msg.render())) from e
    return git_text(root, ["rev-parse", "HEAD"]).strip()
