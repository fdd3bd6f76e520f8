"""Submission branches ``nop/<owner>/<type>/<slug>``: content by its owner only, touching only
their own records (in every commit this push brings and in the branch's whole difference from
main, so commits borrowed from another branch do not slip through); reviews that verify; the
rules at each record's submission time; deletion only by the owner, a reviewer of the
submission or an administrator."""

from __future__ import annotations

from collections.abc import Iterator

from hsdt.i18n import msg
from hsdt.model.school import Role
from hsdt.push.content import content_problems, path_problems, rules, short
from hsdt.push.model import Push, RefKind, RefUpdate, Refusal
from hsdt.push.reviews import (
    claims_review,
    record_paths,
    review_of,
    review_refusal,
    sent_back,
    times_of,
)
from hsdt.repo import is_record_path
from hsdt.workflow.branches import parse_branch
from hsdt.workflow.paths import place_of


def check(push: Push) -> Iterator[Refusal]:
    """Refusals of submission branch updates."""
    for u in push.updates:
        if push.kinds[u.ref] is RefKind.SUBMISSION:
            yield from _one(push, u)


def _one(push: Push, u: RefUpdate) -> Iterator[Refusal]:
    branch = parse_branch(u.ref)
    assert branch is not None
    if branch.owner not in push.school.staff:
        yield Refusal(u.ref, "nhanh", msg("push.unknown_owner", id=branch.owner))
        return
    if u.deleted:
        yield from _deletion(push, u, branch.owner)
        return
    view = push.branches[u.ref]
    fresh = set(push.fresh)
    found: list[Refusal] = []
    touched: set[str] = set()
    for sha in view.commits:
        commit = push.commit(sha)
        if commit is None or sha not in fresh:
            continue
        if claims_review(commit):
            review = review_of(push, commit)
            if review is None:
                found.append(Refusal(short(sha), "chu-ky-ssh", review_refusal(push, commit)))
            elif push.pusher is not None and push.pusher != review.reviewer:
                found.append(
                    Refusal(
                        short(sha),
                        "tac-gia",
                        msg("push.not_pusher", author=review.reviewer, pusher=push.pusher),
                    )
                )
            continue
        if commit.is_merge:
            found.append(Refusal(short(sha), "gop", msg("push.branch_merge")))
            continue
        found.extend(content_problems(push, commit, branch.owner))
        touched.update(record_paths(commit))
    judged = {r.where for r in found}
    roles = push.school.roles_of(branch.owner)
    for change in view.changes:
        if change.path not in judged:
            found.extend(path_problems(push, change.path, change.status, branch.owner, roles))
    yield from found
    if found:
        return
    present = sorted(
        p for p in touched if any(c.path == p and c.status != "D" for c in view.changes)
    )
    if not present:
        return
    older = [s for s in view.commits if s not in fresh]
    if not u.created and sent_back(push, older):
        for path in present:
            place = place_of(path)
            policy = push.school.policy.types.get(place.type_id) if place else None
            if policy is not None and not policy.resubmission:
                yield Refusal(path, "nop-lai", msg("push.no_resubmission"))
    times = times_of(push, view.commits)
    problems, _records = rules(push, u.new, present, times, branch.owner)
    yield from problems


def _deletion(push: Push, u: RefUpdate, owner: str) -> Iterator[Refusal]:
    who = push.pusher
    if who is None:
        if push.main_old is not None and push.ancestor(u.old, push.main_old):
            return
        yield Refusal(u.ref, "xoa-nhanh", msg("push.branch_delete_unknown"))
        return
    if who == owner or Role.ADMIN in push.school.roles_of(who):
        return
    view = push.old_branches.get(u.ref)
    for change in view.changes if view is not None else ():
        if not is_record_path(change.path):
            continue
        place = place_of(change.path)
        policy = push.school.policy.types.get(place.type_id) if place else None
        if place is None or policy is None:
            continue
        held = push.school.roles_of(who, place.group or "truong")
        if any(role in held for step in policy.approval_chain for role in step.roles):
            return
    yield Refusal(u.ref, "xoa-nhanh", msg("push.branch_delete", id=who, owner=owner))
