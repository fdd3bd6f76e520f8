"""Submissions waiting on GitHub or Gitea, as record states (``hsdt queue --host``): each open
pull request from a submission branch, its records, the chain its reviews of the current head
reached, a send-back waiting for the teacher, and the submission time the host proves.

On a school's own server the reviews are signed commits on the submission branch and
:func:`hsdt.workflow.status.pending_states` reads them from git; on a Git host they live in its
API, so a group head's queue would otherwise show a submission they already approved, and a
teacher's would miss the send-back. The same judge decides (:func:`reviews_as_evidence`, then
:func:`hsdt.workflow.chain.evaluate_chain`); only reviews of the head count (a push after a
review makes it stale, as the host's "dismiss stale approvals" does).

Reads: one listing of the open pull requests, one fetch of their heads
(``refs/pull/*/head``), and per pull request its reviews and its pushes (GitHub's workflow runs,
Gitea's timeline).
"""

from __future__ import annotations

from pathlib import Path

from hsdt.git.run import git_run, git_text, rev_parse
from hsdt.git.tree import list_blob_ids
from hsdt.hosts.github import GitHubClient
from hsdt.hosts.merged import changed_paths, host_submission_times, is_commit
from hsdt.hosts.model import HostPull, review_source, reviews_as_evidence
from hsdt.model.school import School
from hsdt.repo import is_record_path
from hsdt.workflow.branches import MAIN, parse_branch
from hsdt.workflow.chain import evaluate_chain
from hsdt.workflow.paths import place_of
from hsdt.workflow.status import RecordStatus, pending_state

PULL_REFS = "refs/hsdt/pull/"
"""Where the open pull requests' heads are fetched to."""


def open_pull_states(
    root: Path, school: School, client: GitHubClient, repo: str, host: str, remote: str = "origin"
) -> dict[str, RecordStatus]:
    """Record path → its state in an open pull request of a submission branch (the newest
    pull request of a record wins)."""
    pulls = [p for p in client.open_pulls(repo) if parse_branch(p.head_ref) is not None]
    if not pulls:
        return {}
    git_run(root, ["fetch", "--quiet", remote, f"+refs/pull/*/head:{PULL_REFS}*"])
    main = rev_parse(root, f"refs/remotes/{remote}/{MAIN}") or rev_parse(root, f"refs/heads/{MAIN}")
    out: dict[str, RecordStatus] = {}
    for pull in sorted(pulls, key=lambda p: (p.created_at, p.number)):
        if main is None or not is_commit(root, pull.head_sha):
            continue
        out.update(_pull_states(root, school, client, repo, host, main, pull))
    return out


def _pull_states(
    root: Path,
    school: School,
    client: GitHubClient,
    repo: str,
    host: str,
    main: str,
    pull: HostPull,
) -> dict[str, RecordStatus]:
    base = git_text(root, ["merge-base", main, pull.head_sha]).strip()
    changed = [p for p in changed_paths(root, base, pull.head_sha) if is_record_path(p)]
    present = list_blob_ids(root, pull.head_sha, changed) if changed else {}
    records = [p for p in changed if p in present]
    if not records:
        return {}
    host_reviews = client.reviews(repo, pull.number)
    evidence = reviews_as_evidence(school, host_reviews, pull.head_sha, review_source(host))
    times = host_submission_times(root, school, client, repo, pull, base, records, host_reviews)
    out: dict[str, RecordStatus] = {}
    for path in records:
        place = place_of(path)
        policy = school.policy.types.get(place.type_id) if place else None
        result = evaluate_chain(school, path, policy, evidence)
        out[path] = RecordStatus(
            path,
            pending_state(result),
            pull.head_ref,
            times.get(path, pull.created_at),
            result.evidence,
            reason=result.sent_back.reason if result.sent_back is not None else "",
            returned=result.sent_back,
        )
    return out
