"""Approval chains: does a sequence of reviews satisfy a record type's chain?

Steps are satisfied in order; any role of a step will do, but the reviewer must hold that role
for the record's own subject group (the head of another group does not count), may not approve
their own record, and a send-back cancels the approvals before it (the teacher must resubmit
and the chain starts again). The approval days (``duyet_vao_thu``) and approval deadlines
(``han_duyet``) of the type are judged against each approval's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hsdt.i18n import Msg, msg
from hsdt.model.policy import TypePolicy
from hsdt.model.record import Record
from hsdt.model.school import Role, School
from hsdt.model.timeutil import format_moment, to_vn
from hsdt.workflow.evidence import ApprovalEvidence, Review, Verdict
from hsdt.workflow.paths import place_of


@dataclass(frozen=True)
class ChainResult:
    """How far a record's approval chain got."""

    record: str
    """The record path."""
    steps: int
    """Steps in the chain."""
    evidence: tuple[ApprovalEvidence, ...]
    """The approvals that satisfied steps, in order."""
    sent_back: Review | None
    """The latest send-back, when it came after every approval (the record waits for the
    teacher)."""
    ignored: tuple[Msg, ...]
    """Why reviews did not count."""

    @property
    def done(self) -> int:
        """Steps satisfied."""
        return len(self.evidence)

    @property
    def complete(self) -> bool:
        """Whether the whole chain is satisfied."""
        return self.done >= self.steps and self.sent_back is None


def evaluate_chain(
    school: School,
    record_path: str,
    policy: TypePolicy | None,
    reviews: Sequence[Review],
    *,
    author: str | None = None,
    record: Record | None = None,
) -> ChainResult:
    """Match ``reviews`` (oldest first) against the chain of ``policy`` for ``record_path``."""
    chain = policy.approval_chain if policy is not None else ()
    place = place_of(record_path)
    group = place.group if place is not None else None
    author = author or (place.owner if place is not None else None)
    used: list[ApprovalEvidence] = []
    ignored: list[Msg] = []
    sent_back: Review | None = None
    for review in reviews:
        if review.verdict is Verdict.CHANGES:
            used.clear()
            sent_back = review
            continue
        if len(used) >= len(chain):
            continue
        step = chain[len(used)]
        held = school.roles_of(review.reviewer, group if group is not None else "truong")
        if review.role is not None:
            candidates: tuple[Role, ...] = (review.role,)
        else:
            candidates = tuple(r for r in step.roles if r in held)
        role = next((r for r in candidates if r in step.roles and r in held), None)
        if review.reviewer == author:
            ignored.append(msg("chain.self", id=review.reviewer))
            continue
        if role is None:
            ignored.append(
                msg(
                    "chain.wrong_role",
                    id=review.reviewer,
                    roles=", ".join(r.value for r in step.roles),
                    group=group or "truong",
                )
            )
            continue
        problem = timing_problem(policy, review, record, school)
        if problem is not None:
            ignored.append(problem)
            continue
        used.append(
            ApprovalEvidence(
                record_path,
                review.reviewer,
                role,
                review.at,
                review.commit,
                review.source,
                review.proof,
            )
        )
        sent_back = None
    return ChainResult(record_path, len(chain), tuple(used), sent_back, tuple(ignored))


def timing_problem(
    policy: TypePolicy | None, review: Review, record: Record | None, school: School
) -> Msg | None:
    """Why an approval's time breaks ``duyet_vao_thu`` or ``han_duyet``, or None."""
    if policy is None:
        return None
    at = to_vn(review.at)
    from hsdt.rules.deadline import weekday_problem

    record_type = school.types.get(policy.type_id)
    date_key = record_type.date_key if record_type is not None else None
    broken = weekday_problem(policy, policy.approve_weekdays, at, record, date_key)
    if broken is not None:
        how, args = broken
        return msg("chain.weekday" if how == "only" else "chain.weekday_no_later", **args)
    if record is not None and policy.approval_deadlines:
        from hsdt.rules.deadline import window
        from hsdt.rules.years import record_calendar

        calendar = record_calendar(record, school)
        for rule in policy.approval_deadlines:
            found = window(rule, record, calendar)
            if found is not None and found.not_before is not None and at < found.not_before:
                return msg(
                    "chain.too_early", at=format_moment(at), start=format_moment(found.not_before)
                )
            if found is not None and found.due is not None and at > found.due:
                return msg("chain.late", at=format_moment(at), due=format_moment(found.due))
    return None


def missing_roles(policy: TypePolicy | None, result: ChainResult) -> str:
    """The roles of the next unsatisfied step, for messages."""
    if policy is None or result.done >= len(policy.approval_chain):
        return ""
    return " / ".join(r.value for r in policy.approval_chain[result.done].roles)
