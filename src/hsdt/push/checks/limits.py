"""What one push may carry (the profile's ``gioi_han``): commits, files, records, bytes; and
commit objects the server cannot read safely. Sizes are known before any content is read."""

from __future__ import annotations

from collections.abc import Iterator

from hsdt.git.objects import TreeChange
from hsdt.git.run import ZERO
from hsdt.i18n import msg
from hsdt.push.model import Push, Refusal
from hsdt.repo import is_record_path

MIB = 1024 * 1024


def pushed_changes(push: Push) -> list[TreeChange]:
    """Every path change the push brings: its fresh commits, its merges' sides, its branches."""
    out: list[TreeChange] = []
    for sha in push.fresh:
        commit = push.commit(sha)
        if commit is not None:
            out.extend(commit.tree_changes)
    for merge in push.merges.values():
        out.extend(merge.branch_changes)
    for branch in push.branches.values():
        out.extend(branch.changes)
    return out


def check(push: Push) -> Iterator[Refusal]:
    """Refusals of an oversized push."""
    limits = push.school.policy.push
    if len(push.fresh) > limits.commits:
        yield Refusal("push", "gioi-han", msg("push.too_many_commits", limit=limits.commits))
        return
    for sha in push.unreadable:
        yield Refusal(f"commit {sha[:10]}", "commit-hong", msg("push.unreadable_commit"))
    fresh_changes = [
        c
        for sha in push.fresh
        if (commit := push.commit(sha)) is not None
        for c in commit.tree_changes
    ]
    written = {c.path for c in fresh_changes if c.new_id != ZERO}
    if len(written) > limits.files:
        yield Refusal(
            "push", "gioi-han", msg("push.too_many_files", count=len(written), limit=limits.files)
        )
    records = {p for p in written if is_record_path(p)}
    if len(records) > limits.records:
        yield Refusal(
            "push",
            "gioi-han",
            msg("push.too_many_records", count=len(records), limit=limits.records),
        )
    blobs = {c.new_id for c in fresh_changes if c.new_id != ZERO}
    total = sum(push.blob_sizes.get(b, 0) for b in blobs)
    if total > limits.megabytes * MIB:
        yield Refusal(
            "push",
            "gioi-han",
            msg("push.too_many_bytes", size=_mib(total), limit=limits.megabytes),
        )
    record_cap = push.school.policy.max_file_kb * 1024
    seen: set[str] = set()
    for change in pushed_changes(push):
        size = push.blob_sizes.get(change.new_id, 0)
        cap = record_cap if is_record_path(change.path) else limits.megabytes * MIB
        if size > cap and change.path not in seen:
            seen.add(change.path)
            yield Refusal(
                change.path,
                "kich-thuoc",
                msg("push.file_too_big", size=_kib(size), limit=_kib(cap)),
            )


def _mib(size: int) -> str:
    return f"{size / MIB:.1f} MB"


def _kib(size: int) -> str:
    return f"{size / 1024:.0f} KB"
