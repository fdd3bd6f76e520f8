"""Review commits on a submission branch, believed only when their signature says so.

A commit is a review (an intermediate approval ``Hsdt-Approved-By`` or a send-back
``Hsdt-Request-Changes-By``) only when all of this holds: the trailer names a staff member; the
commit's SSH signature verifies against that person's key in the roster (the principal git
reports is the staff id the server wrote, not anything the commit says); it has one parent,
changes nothing (its tree is its parent's) and names that parent as the commit reviewed. Any
other commit is content, whatever its message claims; a commit that claims to be a review and
is not one is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from hsdt.git.history import Commit
from hsdt.i18n import Msg, msg
from hsdt.model.school import Role
from hsdt.push.model import Push
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
from hsdt.workflow.timing import Arrival, Event, SendBack, submission_times

ROLE_VALUES = frozenset(r.value for r in Role)


def claims_review(commit: Commit) -> bool:
    """Whether the message carries a review trailer (a claim, not proof)."""
    return bool(commit.trailer(TRAILER_APPROVED) or commit.trailer(TRAILER_CHANGES))


def claimed_reviewer(commit: Commit) -> str:
    """The staff id a review trailer names (empty when none)."""
    return commit.trailer(TRAILER_APPROVED) or commit.trailer(TRAILER_CHANGES) or ""


def signer_of(commit: Commit) -> str | None:
    """The staff id whose roster key made a good signature on ``commit``, or None."""
    signature = commit.signature
    if signature is None or not signature.good:
        return None
    return signature.signer


def review_of(push: Push, commit: Commit) -> Review | None:
    """``commit`` as a verified :class:`Review`, or None (see the module docstring)."""
    reviewer = claimed_reviewer(commit)
    if not reviewer or reviewer not in push.school.staff or signer_of(commit) != reviewer:
        return None
    if len(commit.parents) != 1 or commit.tree_changes or commit.changes:
        return None
    if commit.trailer(TRAILER_COMMIT) not in (None, commit.parents[0]):
        return None
    approved = commit.trailer(TRAILER_APPROVED)
    if approved and commit.trailer(TRAILER_CHANGES):
        return None
    role_text = commit.trailer(TRAILER_ROLE)
    role = Role(role_text) if role_text in ROLE_VALUES else None
    return Review(
        reviewer=reviewer,
        role=role,
        verdict=Verdict.APPROVED if approved else Verdict.CHANGES,
        at=push.received(commit.sha),
        commit=commit.parents[0],
        source=Source.SSH_REVIEW,
        proof=commit.sha,
        reason=commit.body.split("\n\n")[0].strip() if not approved else "",
    )


def review_refusal(push: Push, commit: Commit) -> Msg:
    """Why a commit that claims to be a review is not one."""
    reviewer = claimed_reviewer(commit)
    signer = signer_of(commit)
    if reviewer not in push.school.staff:
        return msg("push.unknown_reviewer", id=reviewer)
    if commit.signature is None or commit.signature.status == "N":
        return msg("push.unsigned", id=reviewer)
    if signer is None:
        return msg("push.bad_signature", id=reviewer, status=commit.signature.status)
    if signer != reviewer:
        return msg("push.signer_mismatch", id=reviewer, signer=signer)
    if len(commit.parents) == 1 and commit.trailer(TRAILER_COMMIT) not in (None, commit.parents[0]):
        return msg("push.review_other_commit")
    if commit.trailer(TRAILER_APPROVED) and commit.trailer(TRAILER_CHANGES):
        return msg("push.review_both")
    return msg("push.review_not_empty")


def current_reviews(push: Push, shas: Sequence[str]) -> list[Review]:
    """The verified reviews after the last content commit of ``shas`` (oldest first): a
    content commit is a resubmission and starts the chain again."""
    out: list[Review] = []
    for sha in shas:
        commit = push.commit(sha)
        if commit is None:
            continue
        review = review_of(push, commit)
        if review is None:
            out.clear()
        else:
            out.append(review)
    return out


def record_paths(commit: Commit) -> frozenset[str]:
    """Record paths a content commit changed."""
    from hsdt.repo import is_record_path

    return frozenset(c.path for c in commit.changes if is_record_path(c.path))


def events(push: Push, shas: Sequence[str]) -> list[Event]:
    """The arrivals of content and the verified send-backs among ``shas`` (oldest first)."""
    out: list[Event] = []
    for sha in shas:
        commit = push.commit(sha)
        if commit is None:
            continue
        review = review_of(push, commit)
        if review is not None:
            if review.verdict is Verdict.CHANGES:
                out.append(SendBack(review.at))
            continue
        paths = record_paths(commit)
        if paths:
            out.append(Arrival(push.received(sha), paths))
    return out


def times_of(push: Push, shas: Sequence[str]) -> dict[str, datetime]:
    """Each record's submission time over the commits ``shas`` (see
    :mod:`hsdt.workflow.timing`)."""
    return submission_times(events(push, shas), window_for(push))


def window_for(push: Push) -> Callable[[str], int | None]:
    """The resubmission window of a record path's type."""

    def window(path: str) -> int | None:
        place = place_of(path)
        policy = push.school.policy.types.get(place.type_id) if place else None
        return policy.resubmit_days if policy is not None else None

    return window


def sent_back(push: Push, shas: Sequence[str]) -> bool:
    """Whether a verified send-back is among ``shas``."""
    return any(isinstance(e, SendBack) for e in events(push, shas))
