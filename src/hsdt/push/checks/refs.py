"""Which refs a push may touch, and how: main only forward, submission branches only forward
and from main, notes never, nothing else (tags have their own check)."""

from __future__ import annotations

from collections.abc import Iterator

from hsdt.i18n import msg
from hsdt.push.model import Push, RefKind, Refusal


def check(push: Push) -> Iterator[Refusal]:
    """Refusals of ref names and ref moves."""
    for u in push.updates:
        kind = push.kinds[u.ref]
        if kind is RefKind.NOTES:
            yield Refusal(u.ref, "ghi-chu", msg("push.notes_ref"))
        elif kind is RefKind.OTHER:
            yield Refusal(u.ref, "nhanh", msg("push.unknown_ref"))
        elif kind is RefKind.MAIN:
            if u.deleted:
                yield Refusal(u.ref, "xoa-main", msg("push.main_delete"))
            elif u.created or push.main_new != u.new:
                yield Refusal(u.ref, "viet-lai", msg("push.main_rewrite"))
        elif kind is RefKind.SUBMISSION and not u.deleted:
            if not u.created and not push.ancestor(u.old, u.new):
                yield Refusal(u.ref, "viet-lai", msg("push.branch_rewrite"))
            elif u.ref not in push.branches:
                # Not read: not a commit, or the push is over its commit limit (said there).
                if len(push.fresh) <= push.school.policy.push.commits:
                    yield Refusal(u.ref, "nhanh", msg("push.not_commit"))
            elif push.branches[u.ref].base is None:
                yield Refusal(u.ref, "nhanh", msg("push.branch_unrelated"))
