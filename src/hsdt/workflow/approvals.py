"""Approvals recorded in ``main``'s history, read in one pass: the seam for ``hsdt publish``.

``main`` only takes approval merges (the server sees to it), so walking its first-parent chain
tells which records became approved by which merge; the side of each merge holds the earlier
review commits (intermediate chain steps). :func:`approved_since` gives ``hsdt publish`` the
records that became approved since a revision, each with its approval evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hsdt.git.history import Commit, read_log
from hsdt.git.notes import parse_note
from hsdt.git.run import rev_parse
from hsdt.i18n import Msg, msg
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
class HostSendBack:
    """A send-back review on the Git host that counted (a reviewer of the chain, not the
    author)."""

    reviewer: str
    """Staff id."""
    at: datetime
    """When the host recorded it."""
    reason: str
    """The review's text."""
    proof: str
    """The review's web page."""


@dataclass(frozen=True)
class HostMerge:
    """What the Git host says of a merge made with its own button: the pull request, the
    reviews of the head that was merged, each record's submission time (the host's receive
    time, :mod:`hsdt.hosts.times`) and the send-backs on the way."""

    host: str
    """``github`` or ``gitea``."""
    number: int
    """The pull request's number."""
    url: str
    """Its web page."""
    merged_at: datetime
    """When the host merged it (its own clock)."""
    reviews: tuple[Review, ...]
    """Reviews of the merged head by roster members, oldest first."""
    submitted: tuple[tuple[str, datetime], ...]
    """Record path → submission time, for the records whose arrival the host proves."""
    send_backs: tuple[HostSendBack, ...] = ()
    """The send-backs that counted, oldest first."""
    branch: str = ""
    """The pull request's head branch."""

    def submitted_at(self, path: str) -> datetime | None:
        """The submission time of ``path``, None when the host does not prove it."""
        return dict(self.submitted).get(path)


HostResolver = Callable[[Sequence[tuple[Commit, Sequence[str]]]], Mapping[str, "HostMerge | Msg"]]
"""Asks the Git host about commits on ``main`` that are not hsdt approval merges, each with the
records it changed (all at once, so an implementation reads in bulk): by commit id, the pull
request it merged, or why it cannot count as an approval."""


@dataclass(frozen=True)
class ApprovedRecord:
    """A record that an approval merge brought into ``main``."""

    path: str
    """The record path."""
    merge: str
    """The approval merge commit."""
    approved_at: datetime
    """When the server received the merge (its committer date when no note exists); for a
    host's merge, when the host merged the pull request."""
    evidence: tuple[ApprovalEvidence, ...]
    """The chain's approvals, in order."""
    host: HostMerge | None = None
    """The Git host's account of it, when merged with the host's button."""


@dataclass(frozen=True)
class RefusedMerge:
    """A commit on ``main`` that changed records without an approval hsdt can verify."""

    commit: str
    """The commit."""
    records: tuple[str, ...]
    """The records it changed."""
    why: Msg
    """Why it does not count (Vietnamese)."""


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
    With ``cache``, the line's paths come from it, git diffing only the commits it lacks (an
    empty cache is filled from the line's own pass)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:  # the two git processes run side by side
        whole = pool.submit(read_log, cwd, [tip], changes=False)
        # nothing remembered yet: the line's own pass diffs it (one git process, not two)
        cold = cache is None or cache.empty
        read = read_log(cwd, [tip], first_parent=True, notes=False, changes=cold)
        if cache is not None and cold:
            cache.remember({c.sha: c.changes for c in read})
        elif cache is not None:
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


def _changed_records(commit: Commit) -> list[str]:
    return [c.path for c in commit.changes if c.status != "D" and is_record_path(c.path)]


def approvals_on_main(
    school: School,
    mainline: Sequence[Commit],
    by_sha: Mapping[str, Commit],
    stop: str | None = None,
    host: HostResolver | None = None,
    refused: list[RefusedMerge] | None = None,
) -> list[ApprovedRecord]:
    """Records approved by the merges on ``mainline`` (newest first) down to ``stop``.

    A commit that changed records without being an hsdt approval merge (the Git host's merge
    button) counts only through ``host``: the pull request it merged, whose reviews of the
    merged head must complete each record's chain. Otherwise, or when the host's account does
    not hold, it approves nothing and is listed in ``refused``.
    """
    line = {c.sha for c in mainline}
    out: list[ApprovedRecord] = []
    finals: dict[str, Review | None] = {}
    for commit in mainline:
        if commit.sha == stop:
            break
        finals[commit.sha] = review_of(commit) if commit.is_merge else None
    answers = _ask_host(mainline, finals, host)
    for commit in mainline:
        if commit.sha == stop:
            break
        final = finals[commit.sha]
        if final is None:
            if commit.sha in answers:
                out.extend(_host_approvals(school, commit, answers[commit.sha], refused))
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
            # the constructor, not dataclasses.replace: once per record of a year (20,000)
            evidence = tuple(
                ApprovalEvidence(change.path, e.approver, e.role, e.at, e.commit, e.source, e.proof)
                for e in done[key]
            )
            out.append(ApprovedRecord(change.path, commit.sha, final.at, evidence))
    return out


def _ask_host(
    mainline: Sequence[Commit], finals: Mapping[str, Review | None], host: HostResolver | None
) -> Mapping[str, HostMerge | Msg]:
    """The host's answers for the commits of ``finals`` (commit → its hsdt approval, None for
    none) that changed records without being hsdt approval merges."""
    if host is None:
        return {}
    asked: list[tuple[Commit, Sequence[str]]] = []
    for commit in mainline:
        # A root commit (the repository's first) merged nothing: no host is asked about it.
        if commit.sha not in finals or finals[commit.sha] is not None or not commit.parents:
            continue
        records = _changed_records(commit)
        if records:
            asked.append((commit, records))
    return host(asked) if asked else {}


def _host_approvals(
    school: School, commit: Commit, found: HostMerge | Msg, refused: list[RefusedMerge] | None
) -> list[ApprovedRecord]:
    """The records a host's merge approved: those whose chain the pull request's reviews of
    the merged head complete."""
    records = _changed_records(commit)
    if isinstance(found, Msg):
        if refused is not None:
            refused.append(RefusedMerge(commit.sha, tuple(records), found))
        return []
    out: list[ApprovedRecord] = []
    short: list[str] = []
    for path in records:
        place = place_of(path)
        policy = school.policy.types.get(place.type_id) if place else None
        result = evaluate_chain(school, path, policy, found.reviews)
        if not result.complete or not result.evidence:
            short.append(path)
            continue
        out.append(ApprovedRecord(path, commit.sha, found.merged_at, result.evidence, found))
    if short and refused is not None:
        why = msg("host.chain_short", number=found.number, url=found.url)
        refused.append(RefusedMerge(commit.sha, tuple(short), why))
    return out


def approved_since(
    cwd: Path,
    school: School,
    since: str | None = None,
    until: str = "refs/heads/main",
    *,
    host: HostResolver | None = None,
    refused: list[RefusedMerge] | None = None,
) -> list[ApprovedRecord]:
    """The records that became approved on ``until`` after ``since`` (all when None), oldest
    first, each with its approval evidence: what ``hsdt publish`` renders and signs.
    ``host`` and ``refused`` as :func:`approvals_on_main`."""
    tip = rev_parse(cwd, until)
    if tip is None:
        return []
    stop = rev_parse(cwd, since) if since else None
    mainline, by_sha = main_history(cwd, tip)
    found = approvals_on_main(school, mainline, by_sha, stop, host, refused)
    return list(reversed(found))
