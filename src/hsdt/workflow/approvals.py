"""Approvals recorded in ``main``'s history, read in one pass: the seam for ``hsdt publish``.

``main`` only takes approval merges (the server sees to it), so walking its first-parent chain
tells which records became approved by which merge; the side of each merge holds the earlier
review commits (intermediate chain steps). :func:`approved_since` gives ``hsdt publish`` the
records that became approved since a revision, each with its approval evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hsdt.git.history import Commit, read_log
from hsdt.git.notes import parse_note
from hsdt.git.run import rev_parse
from hsdt.model.school import Role, School
from hsdt.repo import is_record_path
from hsdt.workflow.chain import evaluate_chain
from hsdt.workflow.evidence import (
    TRAILER_APPROVED,
    TRAILER_CHANGES,
    TRAILER_COMMIT,
    TRAILER_ROLE,
    ApprovalEvidence,
    Review,
    Source,
    Verdict,
)
from hsdt.workflow.paths import place_of

if TYPE_CHECKING:
    from hsdt.git.changecache import ChangeCache


@dataclass(frozen=True)
class ApprovedRecord:
    """A record that an approval merge brought into ``main``."""

    path: str
    """The record path."""
    merge: str
    """The approval merge commit."""
    approved_at: datetime
    """When the server received the merge (its committer date when no note exists)."""
    evidence: tuple[ApprovalEvidence, ...]
    """The chain's approvals, in order."""


def received_at(commit: Commit) -> datetime:
    """The server's receive time of ``commit`` (the committer date when it has no note)."""
    note = parse_note(commit.note) if commit.note else None
    return note.received if note is not None else commit.committer_time


def review_of(commit: Commit) -> Review | None:
    """A review commit's decision, trailers taken as recorded (the server verified them)."""
    approved = commit.trailer(TRAILER_APPROVED)
    changes = commit.trailer(TRAILER_CHANGES)
    reviewer = approved or changes
    if reviewer is None:
        return None
    role_text = commit.trailer(TRAILER_ROLE) or ""
    role = Role(role_text) if role_text in {r.value for r in Role} else None
    reviewed = commit.trailer(TRAILER_COMMIT) or (commit.parents[-1] if commit.parents else "")
    source = Source.SSH_MERGE if commit.is_merge else Source.SSH_REVIEW
    return Review(
        reviewer,
        role,
        Verdict.APPROVED if approved else Verdict.CHANGES,
        received_at(commit),
        reviewed,
        source,
        commit.sha,
        commit.body.split("\n\n")[0].strip() if changes else "",
    )


def side_reviews(merge: Commit, by_sha: Mapping[str, Commit], mainline: set[str]) -> list[Review]:
    """Reviews on the merged branch after its last content commit, oldest first."""
    chain: list[Commit] = []
    sha = merge.parents[1] if len(merge.parents) > 1 else ""
    while sha and sha not in mainline and sha in by_sha:
        commit = by_sha[sha]
        chain.append(commit)
        sha = commit.parents[0] if commit.parents else ""
    out: list[Review] = []
    for commit in reversed(chain):
        review = review_of(commit)
        if review is None:
            out.clear()
        else:
            out.append(review)
    return out


def main_history(
    cwd: Path, tip: str, cache: ChangeCache | None = None
) -> tuple[list[Commit], dict[str, Commit]]:
    """The first-parent line from ``tip`` (newest first, with the paths each commit changed)
    and every commit reachable from it by id (without paths: the merged branches' commits are
    needed for their review trailers and notes, and diffing them would double the cost).
    Two ``git log`` calls; order comes from parents, since commit dates are the client's.
    With ``cache``, the line's paths come from it, git diffing only the commits it lacks."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:  # the two git processes run side by side
        whole = pool.submit(read_log, cwd, [tip], changes=False)
        read = read_log(cwd, [tip], first_parent=True, notes=False, changes=cache is None)
        if cache is not None:
            changed = cache.changes(cwd, [c.sha for c in read])
            read = [replace(c, changes=changed.get(c.sha, ())) for c in read]
        line = {c.sha: c for c in read}
        by_sha = {c.sha: c for c in whole.result()}
    mainline: list[Commit] = []
    sha = rev_parse(cwd, tip) or ""
    while sha in line:
        commit = replace(by_sha[sha], changes=line[sha].changes) if sha in by_sha else line[sha]
        mainline.append(commit)
        by_sha[sha] = commit
        sha = commit.parents[0] if commit.parents else ""
    return mainline, by_sha


def approvals_on_main(
    school: School,
    mainline: Sequence[Commit],
    by_sha: Mapping[str, Commit],
    stop: str | None = None,
) -> list[ApprovedRecord]:
    """Records approved by the merges on ``mainline`` (newest first) down to ``stop``."""
    line = {c.sha for c in mainline}
    out: list[ApprovedRecord] = []
    for commit in mainline:
        if commit.sha == stop:
            break
        if not commit.is_merge:
            continue
        final = review_of(commit)
        if final is None:
            continue
        reviews = [*side_reviews(commit, by_sha, line), final]
        # Records of one merge that share type, group and author share their chain's result.
        done: dict[tuple[str, str | None, str | None], tuple[ApprovalEvidence, ...]] = {}
        for change in commit.changes:
            if change.status == "D" or not is_record_path(change.path):
                continue
            place = place_of(change.path)
            key = (place.type_id, place.group, place.owner) if place else (change.path, None, None)
            if key not in done:
                policy = school.policy.types.get(place.type_id) if place else None
                result = evaluate_chain(school, change.path, policy, reviews)
                done[key] = result.evidence
            evidence = tuple(replace(e, record=change.path) for e in done[key])
            out.append(ApprovedRecord(change.path, commit.sha, final.at, evidence))
    return out


def approved_since(
    cwd: Path, school: School, since: str | None = None, until: str = "refs/heads/main"
) -> list[ApprovedRecord]:
    """The records that became approved on ``until`` after ``since`` (all when None), oldest
    first, each with its approval evidence: what ``hsdt publish`` renders and signs."""
    tip = rev_parse(cwd, until)
    if tip is None:
        return []
    stop = rev_parse(cwd, since) if since else None
    mainline, by_sha = main_history(cwd, tip)
    return list(reversed(approvals_on_main(school, mainline, by_sha, stop)))
