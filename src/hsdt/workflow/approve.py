"""``hsdt approve``: a reviewer approves or sends back a submission branch, signed with SSH.

Without a Git host, approval evidence is a commit signed with the reviewer's SSH key (git's
``gpg.format=ssh``) carrying trailers that name the reviewer, the role and the commit reviewed:

- the step that completes every record's approval chain is a ``--no-ff`` merge of the branch
  into ``main`` (made with plumbing, ``merge-tree`` + ``commit-tree -S``, so the reviewer's
  working tree is left alone);
- an earlier step (the group head before the principal) is an empty signed commit on the
  branch; so is a send-back (``--request-changes "lý do"``), with the reason in its message.

The server verifies all of it again (:mod:`hsdt.workflow.receive`); this side only chooses the
role and builds the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hsdt.errors import UsageError
from hsdt.git.history import read_log
from hsdt.git.run import git_text, rev_parse
from hsdt.i18n import msg
from hsdt.model.record import Record
from hsdt.model.school import Role, School
from hsdt.model.timeutil import VN_TZ
from hsdt.repo import is_record_path
from hsdt.rules.lock import CORRECTION_TYPE
from hsdt.workflow.branches import MAIN
from hsdt.workflow.chain import evaluate_chain, step_role
from hsdt.workflow.evidence import (
    TRAILER_APPROVED,
    TRAILER_CHANGES,
    TRAILER_COMMIT,
    TRAILER_ROLE,
    Review,
    Source,
    Verdict,
)
from hsdt.workflow.paths import place_of
from hsdt.workflow.signers import committer_staff
from hsdt.workflow.witness import unconfirmed


@dataclass(frozen=True)
class ApproveResult:
    """What ``hsdt approve`` did."""

    kind: str
    """``merge`` (approved into main), ``review`` (a chain step on the branch),
    ``witness`` (a witness confirmed a correction record) or ``changes`` (sent back)."""
    commit: str
    """The signed commit made."""
    reviewer: str
    """Staff id."""
    role: Role | None
    """The role acted in; None for a witness's confirmation."""
    records: tuple[str, ...]
    """The records of the submission."""
    pushed_to: str
    """The ref updated on the remote."""


def _reviews(cwd: Path, base: str, tip: str) -> list[Review]:
    """The reviews on the branch after its last content commit (trailers taken at their word:
    the server verifies signatures)."""
    out: list[Review] = []
    for commit in reversed(read_log(cwd, [f"{base}..{tip}"], changes=False, notes=False)):
        approved = commit.trailer(TRAILER_APPROVED)
        changes = commit.trailer(TRAILER_CHANGES)
        reviewer = approved or changes
        if reviewer is None:
            out.clear()
            continue
        role_text = commit.trailer(TRAILER_ROLE) or ""
        role = Role(role_text) if role_text in {r.value for r in Role} else None
        verdict = Verdict.APPROVED if approved else Verdict.CHANGES
        out.append(
            Review(
                reviewer, role, verdict, commit.committer_time, tip, Source.SSH_REVIEW, commit.sha
            )
        )
    return out


def _role_for(
    school: School, reviewer: str, records: list[str], reviews: list[Review], others: bool = False
) -> tuple[Role, bool]:
    """The role ``reviewer`` acts in for the next step, and whether that step completes every
    record's chain."""
    role: Role | None = None
    completes = True
    refused: str | None = None
    for path in records:
        place = place_of(path)
        policy = school.policy.types.get(place.type_id if place else "")
        if policy is None or not policy.approval_chain:
            continue
        result = evaluate_chain(school, path, policy, reviews)
        if result.done >= len(policy.approval_chain):
            continue
        held = school.roles_of(reviewer, place.group if place and place.group else "truong")
        step = policy.approval_chain[result.done]
        fit, lacking = step_role(school, reviewer, step, path, held)
        if fit is None or (role is not None and fit is not role):
            # Someone else approves this record's next step (a correction record waits for
            # the principal while the group head checks the lesson plan; the teaching
            # vice-principal, not the one for nutrition, approves the website article).
            completes = False
            why = (
                msg("approve.not_responsible", id=reviewer, path=path, need=", ".join(lacking))
                if fit is None and lacking
                else msg(
                    "approve.not_reviewer",
                    id=reviewer,
                    path=path,
                    roles=", ".join(r.value for r in step.roles),
                )
            )
            refused = refused or why.render()
            continue
        role = fit
        if result.done + 1 < len(policy.approval_chain):
            completes = False
    if role is None and refused is None and others:
        # Only the school profile or other files outside records/ (a lock, the roster): the
        # principal's (or an administrator's) change to approve.
        held = school.roles_of(reviewer)
        role = next((r for r in (Role.PRINCIPAL, Role.ADMIN) if r in held), None)
    if role is None:
        if refused is not None:
            raise UsageError(msg("approve.cannot", detail=refused))
        raise UsageError(msg("approve.nothing", id=reviewer))
    return role, completes


def approve(
    root: Path,
    school: School,
    reviewer: str,
    branch: str,
    *,
    reason: str | None = None,
    remote: str = "origin",
    signing_key: str | None = None,
) -> ApproveResult:
    """Approve (or, with ``reason``, send back) ``branch`` as ``reviewer`` and push the result."""
    short = branch.removeprefix("refs/heads/").removeprefix(f"{remote}/")
    git_text(
        root,
        [
            "fetch",
            "--quiet",
            remote,
            f"+refs/heads/{MAIN}:refs/remotes/{remote}/{MAIN}",
            f"+refs/heads/{short}:refs/remotes/{remote}/{short}",
        ],
    )
    base = rev_parse(root, f"refs/remotes/{remote}/{MAIN}")
    tip = rev_parse(root, f"refs/remotes/{remote}/{short}")
    if base is None or tip is None:
        raise UsageError(msg("approve.no_branch", branch=short, remote=remote))
    changed = git_text(root, ["diff", "--name-only", "--no-renames", f"{base}...{tip}"])
    records = sorted(p for p in changed.splitlines() if is_record_path(p))
    others = any(p and not is_record_path(p) for p in changed.splitlines())
    reviews = _reviews(root, base, tip)
    corrections = _corrections(root, school, tip, records)
    witness = reason is None and any(reviewer in unconfirmed(r, reviews) for r in corrections)
    role: Role | None
    try:
        role, completes = _role_for(school, reviewer, records, reviews, others)
    except UsageError:
        if not witness:
            raise
        role, completes = None, False  # the witness confirms; they approve no chain step
    if completes and reason is None:
        waiting = sorted({w for r in corrections for w in unconfirmed(r, reviews)} - {reviewer})
        if waiting:
            raise UsageError(msg("approve.witness_first", ids=", ".join(waiting)))
    trailers = [f"{TRAILER_ROLE}: {role.value}"] if role is not None else []
    trailers.append(f"{TRAILER_COMMIT}: {tip}")
    signing = ["-c", "gpg.format=ssh"]
    if signing_key:
        signing += ["-c", f"user.signingkey={signing_key}"]
    if reason is not None:
        text = f"Yêu cầu chỉnh sửa: {short}\n\n{reason}\n\n{TRAILER_CHANGES}: {reviewer}\n"
        kind, parents, tree, target = "changes", [tip], f"{tip}^{{tree}}", short
    elif role is None:
        text = f"Chứng kiến: {short}\n\n{TRAILER_APPROVED}: {reviewer}\n"
        kind, parents, tree, target = "witness", [tip], f"{tip}^{{tree}}", short
    elif completes:
        text = f"Duyệt: {short}\n\n{TRAILER_APPROVED}: {reviewer}\n"
        tree = git_text(root, ["merge-tree", "--write-tree", base, tip]).split()[0]
        kind, parents, target = "merge", [base, tip], MAIN
    else:
        text = f"Đã kiểm tra: {short}\n\n{TRAILER_APPROVED}: {reviewer}\n"
        kind, parents, tree, target = "review", [tip], f"{tip}^{{tree}}", short
    text += "\n".join(trailers) + "\n"
    args = [*signing, "commit-tree", "-S", tree]
    for parent in parents:
        args += ["-p", parent]
    commit = git_text(root, args, stdin=text).strip()
    git_text(root, ["push", "--quiet", remote, f"{commit}:refs/heads/{target}"])
    git_text(root, ["fetch", "--quiet", remote])
    return ApproveResult(kind, commit, reviewer, role, tuple(records), target)


def _corrections(root: Path, school: School, tip: str, records: list[str]) -> list[Record]:
    """The correction records of the submission, read at its tip (one ``cat-file``)."""
    from hsdt.git.tree import read_blobs
    from hsdt.rules.stored import record_from_bytes

    wanted = [p for p in records if (place := place_of(p)) and place.type_id == CORRECTION_TYPE]
    found = read_blobs(root, tip, wanted)
    out = [record_from_bytes(school, p, data) for p, data in found.items()]
    return [r for r in out if r is not None]


def reviewer_from_config(root: Path, school: School) -> str:
    """The staff member whose e-mail git would commit with (``git var GIT_COMMITTER_IDENT``)."""
    staff_id, email = committer_staff(root, school)
    if staff_id is None:
        raise UsageError(msg("approve.who", email=email or "-"))
    return staff_id


def now_vn() -> datetime:
    """The clock, in Vietnam."""
    return datetime.now(VN_TZ)
