"""An approval merge into main: signed by the approver it names, bringing exactly what the
approved branch holds (its tree is main's plus the branch's changes, path for path), every
commit of the branch judged (content by the owners of the records it touches, reviews only when
their signatures verify), the whole approval chain satisfied by reviews of the final content,
and the rules met at each record's submission time."""

from __future__ import annotations

from collections.abc import Iterator

from hsdt.git.history import Commit
from hsdt.git.objects import TreeChange
from hsdt.i18n import msg
from hsdt.model.record import Record
from hsdt.model.school import Role
from hsdt.push.content import LEADERS, content_problems, rules, short
from hsdt.push.model import MergeView, Push, Refusal
from hsdt.push.reviews import (
    ROLE_VALUES,
    claims_review,
    current_reviews,
    review_of,
    review_refusal,
    signer_of,
    times_of,
)
from hsdt.repo import is_record_path
from hsdt.rules.lock import CORRECTION_TYPE, corrected_paths
from hsdt.workflow.chain import evaluate_chain, missing_roles
from hsdt.workflow.evidence import (
    TRAILER_APPROVED,
    TRAILER_COMMIT,
    TRAILER_ROLE,
    Review,
    Source,
    Verdict,
)
from hsdt.workflow.paths import SIGNATURES_DIR
from hsdt.workflow.signoff import SIGNOFF_TYPE, listing, mismatches
from hsdt.workflow.witness import unconfirmed


def check_merge(push: Push, merge: Commit) -> Iterator[Refusal]:
    """Refusals of one approval merge."""
    where = short(merge.sha)
    approver = merge.trailer(TRAILER_APPROVED)
    if approver is None:
        yield Refusal(where, "duyet", msg("push.merge_no_trailer"))
        return
    if approver not in push.school.staff:
        yield Refusal(where, "chu-ky-ssh", msg("push.unknown_reviewer", id=approver))
        return
    if signer_of(merge) != approver:
        yield Refusal(where, "chu-ky-ssh", review_refusal(push, merge))
        return
    if push.pusher is not None and push.pusher != approver:
        yield Refusal(where, "tac-gia", msg("push.not_pusher", author=approver, pusher=push.pusher))
        return
    view = push.merges[merge.sha]
    if view.base is None:
        yield Refusal(where, "duyet", msg("push.merge_unrelated"))
        return
    if merge.trailer(TRAILER_COMMIT) not in (None, merge.parents[1]):
        yield Refusal(where, "duyet", msg("push.merge_reviewed_other"))
        return
    if not merge.tree_changes:
        yield Refusal(where, "duyet", msg("push.merge_empty"))
        return
    tree = list(_tree_problems(merge, view))
    if tree:
        yield from tree
        return
    found = list(_side_problems(push, view))
    yield from found
    if found:
        return
    yield from _chain_and_rules(push, merge, view, approver)


def _tree_problems(merge: Commit, view: MergeView) -> Iterator[Refusal]:
    """The merge's tree must be main's with exactly the branch's changes."""
    branch = {c.path: c for c in view.branch_changes}
    main = {c.path: c for c in view.main_changes}
    for path, change in sorted(branch.items()):
        other = main.get(path)
        if other is not None and _after(other) != _after(change):
            yield Refusal(path, "gop-cu", msg("push.merge_stale"))
    expected = {}
    for path, change in branch.items():
        before = _after(main[path]) if path in main else _before(change)
        if before != _after(change):
            expected[path] = _after(change)
    actual = {c.path: _after(c) for c in merge.tree_changes}
    for path in sorted(set(expected) | set(actual)):
        if expected.get(path) != actual.get(path):
            yield Refusal(path, "gop-khac", msg("push.merge_tree"))


def _after(change: TreeChange) -> tuple[str, str]:
    return change.new_mode, change.new_id


def _before(change: TreeChange) -> tuple[str, str]:
    return change.old_mode, change.old_id


def _side_problems(push: Push, view: MergeView) -> Iterator[Refusal]:
    """Every commit the merge brings from the branch."""
    for sha in view.side:
        commit = push.commit(sha)
        if commit is None:
            continue
        if claims_review(commit):
            if review_of(push, commit) is None:
                yield Refusal(short(sha), "chu-ky-ssh", review_refusal(push, commit))
            continue
        if commit.is_merge:
            yield Refusal(short(sha), "gop", msg("push.branch_merge"))
            continue
        if sha not in push.notes:
            # Content nobody submitted: the approver wrote it, or brought it from elsewhere.
            yield Refusal(short(sha), "chua-nop", msg("push.not_submitted"))
            continue
        yield from content_problems(push, commit, None)


def _chain_and_rules(
    push: Push, merge: Commit, view: MergeView, approver: str
) -> Iterator[Refusal]:
    school = push.school
    role_text = merge.trailer(TRAILER_ROLE)
    final = Review(
        approver,
        Role(role_text) if role_text in ROLE_VALUES else None,
        Verdict.APPROVED,
        push.now,
        merge.parents[1],
        Source.SSH_MERGE,
        merge.sha,
    )
    reviews = [*current_reviews(push, view.side), final]
    records: list[str] = []
    modified: set[str] = set()
    need: set[Role] = set()
    for change in merge.tree_changes:
        path = change.path
        if change.status == "D" and (
            path.startswith("records/") or path.startswith(SIGNATURES_DIR + "/")
        ):
            yield Refusal(path, "xoa", msg("push.delete", path=path))
        elif is_record_path(path):
            records.append(path)
            if change.status != "A":
                modified.add(path)
        elif path.startswith("schools/"):
            need.add(Role.PRINCIPAL)
        elif change.status != "D":
            need.update(LEADERS)
    times = times_of(push, view.side)
    found, read = rules(push, merge.sha, records, times, None)
    yield from found
    corrected = corrected_paths(list(read.values()))
    for path in sorted(modified - corrected):
        yield Refusal(path, "sua-ho-so-da-duyet", msg("push.approved_change", type=CORRECTION_TYPE))
    for path in sorted(records):
        record = read.get(path)
        if record is None:
            continue
        policy = school.policy.types.get(record.type_id)
        record_type = school.types.get(record.type_id)
        author = record.get_str(record_type.author_key) if record_type else None
        # A correction is not judged by the original approval deadlines, like its submission.
        judged = None if path in corrected else record
        result = evaluate_chain(school, path, policy, reviews, author=author, record=judged)
        waiting = unconfirmed(record, reviews)
        if waiting:
            yield Refusal(
                path, "chung-kien", msg("push.witness_unconfirmed", ids=", ".join(waiting))
            )
        if record.type_id == SIGNOFF_TYPE:
            yield from _signoff(push, merge.sha, record)
        if not result.complete:
            why = "; ".join(m.render() for m in result.ignored)
            yield Refusal(
                path,
                "chuoi-duyet",
                msg(
                    "push.chain_incomplete",
                    done=result.done,
                    steps=result.steps,
                    roles=missing_roles(policy, result),
                    why=why or "-",
                ),
            )
    if need:
        held = any(
            school.roles_of(r.reviewer) & need for r in reviews if r.verdict is Verdict.APPROVED
        )
        if not held:
            yield Refusal(
                short(merge.sha),
                "duyet",
                msg("push.leader_needed", roles=", ".join(sorted(need))),
            )


def _signoff(push: Push, tree: str, record: Record) -> Iterator[Refusal]:
    """A periodic sign-off summary must list the records exactly as the merged tree holds them
    (:mod:`hsdt.workflow.signoff`)."""
    from hsdt.git.tree import read_blobs

    entries, _bad = listing(record)
    files = read_blobs(push.git_dir, tree, [e.path for e in entries])
    for problem in mismatches(record, files):
        yield Refusal(record.path, "ky-duyet-ky", problem)
