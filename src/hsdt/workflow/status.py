"""``hsdt status``: each record's state, from one pass over the history.

States, in the order a record goes through them: nháp (only on the teacher's machine), đã gửi
kiểm tra (on a submission branch of the school's server), yêu cầu chỉnh sửa (sent back), đã
duyệt bước k/n (``da_kiem_tra``: some approval steps done, not merged yet), đã duyệt (merged
into main: the chain is complete), đã ký (its signed PDF is under ``signatures/``), đã công
bố (signed, and its type is public: the school's site shows it). Those are the neutral names;
a school's own words for them (``ten_trang_thai`` in its profile) come from
:func:`hsdt.workflow.labels.state_label`. An approved record still missing signatures carries
its signing deadline (``ky_so.han_ky_ngay``) and whether it is past; a pending one, the
principal's extension (``gia_han``) covering it, read from the branch tip in one ``cat-file``
per branch.

Reads: one ``git log`` over main (first-parent line and the merged branches' review commits),
one ``git log --source`` over the submission branches not yet merged, one ``ls-tree`` of
``signatures/``, one ``for-each-ref``. Never a per-file history.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from hsdt.git.history import Commit, read_log
from hsdt.git.notes import parse_note
from hsdt.git.run import git_text, rev_parse
from hsdt.git.tree import list_blob_ids, read_blobs, read_by_id
from hsdt.model.policy import Extension, Visibility
from hsdt.model.school import School
from hsdt.model.timeutil import VN_TZ, to_vn
from hsdt.repo import is_record_path
from hsdt.rules.extension import effective_deadline
from hsdt.rules.stored import record_from_bytes
from hsdt.workflow.approvals import (
    ApprovedRecord,
    HostResolver,
    approvals_on_main,
    main_history,
    received_at,
    review_of,
)
from hsdt.workflow.branches import MAIN, parse_branch
from hsdt.workflow.chain import ChainResult, evaluate_chain
from hsdt.workflow.evidence import ApprovalEvidence, Review, Verdict
from hsdt.workflow.paths import place_of, signed_pdf_path
from hsdt.workflow.signed_update import is_signature_update


class State(StrEnum):
    """A record's state (JSON spelling)."""

    DRAFT = "nhap"
    SUBMITTED = "da_gui_kiem_tra"
    CHANGES = "yeu_cau_chinh_sua"
    CHECKED = "da_kiem_tra"
    APPROVED = "da_duyet"
    SIGNED = "da_ky"
    PUBLISHED = "da_cong_bo"

    @property
    def label(self) -> str:
        """The neutral label in the current language (``đã gửi kiểm tra``…); for a school's
        own words and the steps of CHECKED use :func:`hsdt.workflow.labels.state_label`."""
        from hsdt.i18n import tr

        return tr(f"state.{self.value}")


@dataclass(frozen=True)
class RecordStatus:
    """Where one record stands."""

    path: str
    """The record path."""
    state: State
    """Its state."""
    branch: str | None = None
    """The submission branch it is on, if pending."""
    submitted_at: datetime | None = None
    """When the server first received it."""
    approvals: tuple[ApprovalEvidence, ...] = ()
    """Approval steps done."""
    reason: str = ""
    """Why it was sent back."""
    signed_pdf: str | None = None
    """Its PDF under signatures/, once published."""
    pending: tuple[str, ...] = ()
    """Signatures its type requires that are not in the PDF yet (slot keys)."""
    extension: Extension | None = None
    """The principal's extension (gia hạn) that moves its deadline, while it is pending."""
    sign_due: datetime | None = None
    """When its signatures are due (``ky_so.han_ky_ngay`` days after approval), while some
    are missing."""
    sign_late: bool = False
    """Whether :attr:`sign_due` has passed with signatures still missing."""
    returned: Review | None = None
    """The send-back it waits on (who, when, why), when its state is yêu cầu chỉnh sửa."""

    def as_dict(self, school: School | None = None) -> dict[str, Any]:
        """The JSON form; ``nhan`` is the label in ``school``'s words when it is given
        (:func:`hsdt.workflow.labels.status_label`)."""
        from hsdt.workflow.labels import status_label

        return {
            "ho_so": self.path,
            "trang_thai": self.state.value,
            "nhan": status_label(school, self) if school is not None else self.state.label,
            "nhanh": self.branch,
            "nop_luc": to_vn(self.submitted_at).isoformat() if self.submitted_at else None,
            "duyet": [e.as_dict() for e in self.approvals],
            "ly_do": self.reason or None,
            "pdf_da_ky": self.signed_pdf,
            "chu_ky_con_thieu": list(self.pending),
            "han_ky": to_vn(self.sign_due).isoformat() if self.sign_due else None,
            "qua_han_ky": self.sign_late,
            "gia_han": (
                {
                    "ma": self.extension.id,
                    "den": to_vn(self.extension.until).isoformat(),
                    "ly_do": self.extension.reason,
                    "nguoi_cho_phep": self.extension.granted_by,
                }
                if self.extension is not None
                else None
            ),
        }


def _main_ref(root: Path, remote: str) -> str | None:
    for ref in (f"refs/remotes/{remote}/{MAIN}", f"refs/heads/{MAIN}"):
        if rev_parse(root, ref) is not None:
            return ref
    return None


def main_ref(root: Path, remote: str = "origin") -> str | None:
    """The clone's view of the server's main (``refs/remotes/REMOTE/main``), else the local
    ``main``; None in a repository without one."""
    return _main_ref(root, remote)


def pending_states(
    root: Path, school: School, remote: str = "origin"
) -> tuple[str | None, dict[str, RecordStatus]]:
    """Main's ref and the state of every record on a submission branch not yet merged (đã gửi
    kiểm tra, đã kiểm tra, yêu cầu chỉnh sửa; nháp for a branch not pushed), without reading
    main's history: one ``for-each-ref`` and one ``git log BRANCHES --not MAIN`` (what
    ``hsdt queue`` needs; :func:`record_states` adds main's approved records)."""
    main = _main_ref(root, remote)
    return main, _branch_states(root, school, remote, main, {})


def record_states(
    root: Path, school: School, remote: str = "origin", now: datetime | None = None
) -> dict[str, RecordStatus]:
    """The state of every record the clone knows of: on main, on submission branches, or only
    in the working tree. ``now`` (default: the clock) judges signing deadlines."""
    main = _main_ref(root, remote)
    first_seen: dict[str, datetime] = {}
    states = main_states(root, school, main, first_seen, now) if main is not None else {}
    states.update(_branch_states(root, school, remote, main, first_seen))
    for path in _working_records(root):
        if path not in states:
            states[path] = RecordStatus(path, State.DRAFT)
    return states


def main_states(
    root: Path,
    school: School,
    main: str,
    first_seen: dict[str, datetime] | None = None,
    now: datetime | None = None,
    history: tuple[list[Commit], dict[str, Commit]] | None = None,
    host: HostResolver | None = None,
    present: dict[str, str] | None = None,
) -> dict[str, RecordStatus]:
    """The state of every record approved on ``main`` (a ref or commit): đã duyệt, đã ký or
    đã công bố. This is the one place that decides "đã công bố": ``hsdt status`` shows it and
    the school's site (:mod:`hsdt.site`) publishes exactly the records it marks so.

    A record is đã công bố when an approval merge on ``main`` brought it in with its type's
    whole approval chain satisfied, it is still in ``main``'s tree, its signed PDF is under
    ``signatures/`` with no signature still to come, and its type is public (``cong_khai:
    cong_khai``). ``first_seen`` (record → first receive time) is filled from the notes;
    ``history`` is :func:`main_history` of ``main`` when the caller has read it already, and
    ``present`` ``main``'s files under ``signatures/`` and ``records/`` (path → blob id, as
    :func:`list_blob_ids` lists them) likewise."""
    seen: dict[str, datetime] = {} if first_seen is None else first_seen
    states: dict[str, RecordStatus] = {}
    mainline, by_sha = history if history is not None else main_history(root, main)
    for commit in by_sha.values():
        note = parse_note(commit.note) if commit.note else None
        if note is None:
            continue
        for path in note.paths:
            if path not in seen or note.received < seen[path]:
                seen[path] = note.received
    if present is None:
        present = list_blob_ids(root, main, ["signatures", "records"])
    signed = {p for p in present if p.startswith("signatures/")}
    if host is None:
        from hsdt.workflow.hostevidence import EvidenceAccounts

        # A host's merge counts once hsdt publish --host verified it and wrote its account.
        host = EvidenceAccounts(root, main)
    approved_records = approvals_on_main(school, mainline, by_sha, host=host)
    pending = _pending_signatures(root, present, mainline, approved_records, signed)
    for approved in approved_records:
        if approved.path in states or approved.path not in present:
            continue  # newest approval first; a record deleted since is no longer shown
        pdf = signed_pdf_path(approved.path)
        place = place_of(approved.path)
        policy = school.policy.types.get(place.type_id) if place else None
        state = State.APPROVED
        if pdf in signed and not pending.get(pdf):
            state = State.SIGNED
            complete = policy is not None and len(approved.evidence) >= len(policy.approval_chain)
            if complete and policy is not None and policy.visibility is Visibility.PUBLIC:
                state = State.PUBLISHED
        waiting = (
            pending.get(pdf, ()) if pdf in signed else tuple(policy.signatures if policy else ())
        )
        due = sign_due(school, approved.approved_at) if waiting else None
        states[approved.path] = RecordStatus(
            approved.path,
            state,
            None,
            seen.get(approved.path),
            approved.evidence,
            signed_pdf=pdf if pdf in signed else None,
            pending=pending.get(pdf, ()),
            sign_due=due,
            sign_late=due is not None and (now or datetime.now(VN_TZ)) > due,
        )
    return states


def sign_due(school: School, approved_at: datetime) -> datetime | None:
    """When a record approved at ``approved_at`` must carry every signature: the end of the
    ``ky_so.han_ky_ngay``-th day after approval; None without a signing deadline."""
    days = school.policy.sign_days
    if days is None:
        return None
    from datetime import timedelta

    from hsdt.model.timeutil import end_of_day

    return end_of_day(to_vn(approved_at).date() + timedelta(days=days))


def published(root: Path, school: School, main: str) -> list[RecordStatus]:
    """The records đã công bố on ``main``, sorted by path (see :func:`main_states`)."""
    states = main_states(root, school, main)
    return sorted((s for s in states.values() if s.state is State.PUBLISHED), key=lambda s: s.path)


def _pending_signatures(
    root: Path,
    blobs: dict[str, str],
    mainline: Sequence[Commit],
    approved: Sequence[ApprovedRecord],
    signed: set[str],
) -> dict[str, tuple[str, ...]]:
    """Published PDF → the signatures still missing: those its evidence file listed as pending
    at publication, less one for each signing commit on main that appended to it since (people
    sign in chain order, so the first ones listed are the ones done). One ``cat-file`` batch, by
    blob id (``blobs``: path → id at main)."""
    pdfs = [p for p in (signed_pdf_path(a.path) for a in approved) if p in signed]
    wanted = (p.removesuffix(".pdf") + ".json" for p in pdfs)
    evidence = read_by_id(root, {p: blobs[p] for p in wanted if p in blobs})
    appended: dict[str, int] = {}
    for commit in mainline:
        if not commit.is_merge and is_signature_update(commit):
            for change in commit.changes:
                appended[change.path] = appended.get(change.path, 0) + 1
    out: dict[str, tuple[str, ...]] = {}
    for pdf in pdfs:
        raw = evidence.get(pdf.removesuffix(".pdf") + ".json")
        try:
            listed = json.loads(raw.decode("utf-8")).get("chu_ky_con_thieu", []) if raw else []
        except (ValueError, AttributeError):
            listed = []
        waiting = tuple(str(k) for k in listed if isinstance(k, str))
        out[pdf] = waiting[appended.get(pdf, 0) :]
    return out


def _working_records(root: Path) -> list[str]:
    """Records tracked or waiting to be added in the working tree (one ``git ls-files``)."""
    out = git_text(root, ["-c", "core.quotepath=false", "ls-files", "-z", "-c", "-o",
                          "--exclude-standard", "--", "records"])  # fmt: skip
    return [p for p in dict.fromkeys(out.split("\0")) if p and is_record_path(p)]


def _branch_states(
    root: Path, school: School, remote: str, main: str | None, first_seen: dict[str, datetime]
) -> dict[str, RecordStatus]:
    refs = git_text(
        root,
        ["for-each-ref", "--format=%(refname)", f"refs/remotes/{remote}/nop/", "refs/heads/nop/"],
    ).split()
    remote_names = {r.removeprefix(f"refs/remotes/{remote}/") for r in refs if "/remotes/" in r}
    # A local branch counts only while it has not been pushed (then it is a draft).
    wanted = [
        r for r in refs if "/remotes/" in r or r.removeprefix("refs/heads/") not in remote_names
    ]
    if not wanted:
        return {}
    commits = read_log(root, [*wanted, "--not", *([main] if main else [])], source=True)
    per_branch: dict[str, list[Any]] = {}
    for commit in commits:
        per_branch.setdefault(commit.source, []).append(commit)
    out: dict[str, RecordStatus] = {}
    plans: list[tuple[str, str, list[Review], set[str]]] = []
    for ref, branch_commits in per_branch.items():
        name = ref.removeprefix(f"refs/remotes/{remote}/").removeprefix("refs/heads/")
        if parse_branch(name) is None:
            continue
        reviews: list[Review] = []
        records: set[str] = set()
        for commit in oldest_first(branch_commits):
            review = review_of(commit)
            if review is None:
                reviews.clear()
                records.update(c.path for c in commit.changes if is_record_path(c.path))
                at = received_at(commit) if commit.note else None
                for c in commit.changes:
                    if at is not None and (c.path not in first_seen or at < first_seen[c.path]):
                        first_seen[c.path] = at
            else:
                reviews.append(review)
        plans.append((ref, name, reviews, records))
    merged = _already_on_main(root, main, [(ref, paths) for ref, _n, _r, paths in plans])
    for ref, name, reviews, touched in plans:
        pushed = "/remotes/" in ref
        records = {p for p in touched if (ref, p) not in merged}
        texts = read_blobs(root, ref, sorted(records)) if school.policy.extensions else {}
        for path in sorted(records):
            place = place_of(path)
            policy = school.policy.types.get(place.type_id) if place else None
            result = evaluate_chain(school, path, policy, reviews)
            record = record_from_bytes(school, path, texts[path]) if path in texts else None
            grant = effective_deadline(school, record).extension if record is not None else None
            state = pending_state(result) if pushed else State.DRAFT
            reason = result.sent_back.reason if result.sent_back is not None else ""
            out[path] = RecordStatus(
                path,
                state,
                name,
                first_seen.get(path),
                result.evidence,
                reason,
                extension=grant,
                returned=result.sent_back if pushed else None,
            )
    return out


def pending_state(result: ChainResult) -> State:
    """The state of a submission waiting on its branch (or pull request), by its chain: sent
    back, some steps approved (đã kiểm tra: the last one may be the merge itself), or none."""
    if result.sent_back is not None:
        return State.CHANGES
    return State.CHECKED if result.done else State.SUBMITTED


def _already_on_main(
    root: Path, main: str | None, branches: Sequence[tuple[str, set[str]]]
) -> set[tuple[str, str]]:
    """(branch ref, record) pairs whose content at the branch's tip is main's already: a Git
    host's squash merge (or rebase) brought it in and left the branch's commits off main.
    One ``cat-file --batch-check`` for every branch."""
    if main is None:
        return set()
    from hsdt.git.objects import blob_ids

    specs = [f"{ref}:{p}" for ref, paths in branches for p in sorted(paths)]
    specs += sorted({f"{main}:{p}" for _ref, paths in branches for p in paths})
    ids = blob_ids(root, specs)
    return {
        (ref, p)
        for ref, paths in branches
        for p in paths
        if ids.get(f"{ref}:{p}") is not None and ids.get(f"{ref}:{p}") == ids.get(f"{main}:{p}")
    }


def oldest_first(commits: list[Any]) -> list[Any]:
    """A branch's commits in parent order (commit dates are the client's and prove nothing)."""
    by_sha = {c.sha: c for c in commits}
    children = {p for c in commits for p in c.parents[:1]}
    tips = [c for c in commits if c.sha not in children]
    ordered: list[Any] = []
    sha = tips[0].sha if tips else ""
    while sha in by_sha:
        ordered.append(by_sha[sha])
        sha = by_sha[sha].parents[0] if by_sha[sha].parents else ""
    return list(reversed(ordered))


def status_extension(extension: Extension) -> str:
    """How ``hsdt status`` shows an extension: ``gia hạn đến …``."""
    from hsdt.i18n import tr
    from hsdt.model.timeutil import format_moment

    return tr(
        "status.extension",
        until=format_moment(to_vn(extension.until)),
        id=extension.id,
        reason=extension.reason,
    )


def select(states: dict[str, RecordStatus], prefixes: Sequence[str]) -> list[RecordStatus]:
    """The states of records under ``prefixes`` (all when empty), sorted by path."""
    chosen = [
        s
        for path, s in states.items()
        if not prefixes or any(path == p or path.startswith(p.rstrip("/") + "/") for p in prefixes)
    ]
    return sorted(chosen, key=lambda s: s.path)


__all__ = [
    "RecordStatus",
    "State",
    "Verdict",
    "main_ref",
    "main_states",
    "pending_states",
    "published",
    "record_states",
    "select",
    "sign_due",
    "status_extension",
]
