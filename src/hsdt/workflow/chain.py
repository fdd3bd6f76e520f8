"""Approval chains: does a sequence of reviews satisfy a record type's chain?

Steps are satisfied in order; any role of a step will do, but the reviewer must hold that role
for the record's own subject group (the head of another group does not count), may not approve
their own record, a vice-principal must answer for what the step's ``phu_trach`` names (the
teaching vice-principal, the one for the record's level), and a send-back cancels the
approvals before it (the teacher must resubmit and the chain starts again). The approval days
(``duyet_vao_thu``) and approval deadlines (``han_duyet``) of the type are judged against each
approval's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hsdt.i18n import Msg, msg
from hsdt.model.policy import ApprovalStep, TypePolicy
from hsdt.model.record import Record
from hsdt.model.school import RECORD_LEVELS, Role, School
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
        role, lacking = step_role(school, review.reviewer, step, record_path, held, review.role)
        if review.reviewer == author:
            ignored.append(msg("chain.self", id=review.reviewer))
            continue
        if role is None and lacking:
            ignored.append(
                msg(
                    "chain.not_responsible",
                    id=review.reviewer,
                    need=", ".join(lacking),
                    has=", ".join(school.responsibilities_of(review.reviewer)) or "-",
                )
            )
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


def unmet_responsibility(
    school: School, staff_id: str, step: ApprovalStep, record_path: str
) -> tuple[str, ...]:
    """What of the step's ``phu_trach`` the vice-principal ``staff_id`` does not answer for,
    for the record at ``record_path`` (``cap_hoc`` read as the record's levels)."""
    if not step.responsibility:
        return ()
    place = place_of(record_path)
    needs: list[str] = []
    for need in step.responsibility:
        if need != RECORD_LEVELS:
            needs.append(need)
            continue
        levels = school.record_levels(place.type_id, place.group) if place else ()
        # A record whose levels cannot be told needs a vice-principal for every level.
        needs.extend(levels or school.levels)
    has = school.responsibilities_of(staff_id)
    return tuple(dict.fromkeys(n for n in needs if n not in has))


def step_role(
    school: School,
    staff_id: str,
    step: ApprovalStep,
    record_path: str,
    held: frozenset[Role],
    wanted: Role | None = None,
) -> tuple[Role | None, tuple[str, ...]]:
    """The role in which ``staff_id`` (holding ``held``) satisfies ``step`` for the record
    (``wanted`` only, when the review names its role), or None with what a vice-principal
    lacked of the step's responsibility."""
    lacking: tuple[str, ...] = ()
    for role in (wanted,) if wanted is not None else step.roles:
        if role not in step.roles or role not in held:
            continue
        if role is Role.VICE_PRINCIPAL:
            unmet = unmet_responsibility(school, staff_id, step, record_path)
            if unmet:
                lacking = unmet
                continue
        return role, ()
    return None, lacking


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
        from hsdt.rules.extension import extended, extension_for
        from hsdt.rules.years import record_calendar

        calendar = record_calendar(record, school)
        grant = extension_for(school, record)
        for rule in policy.approval_deadlines:
            found = window(rule, record, calendar)
            if found is None:
                continue
            if found.not_before is not None and at < found.not_before:
                return msg(
                    "chain.too_early", at=format_moment(at), start=format_moment(found.not_before)
                )
            if found.due is None:
                continue
            due = extended(found.due, grant)
            if at > due and grant is not None and due != found.due:
                return msg(
                    "chain.late_extended", at=format_moment(at), due=format_moment(due), id=grant.id
                )
            if at > due:
                return msg("chain.late", at=format_moment(at), due=format_moment(due))
    return None


def missing_roles(policy: TypePolicy | None, result: ChainResult) -> str:
    """The roles of the next unsatisfied step, for messages."""
    if policy is None or result.done >= len(policy.approval_chain):
        return ""
    return " / ".join(r.value for r in policy.approval_chain[result.done].roles)
