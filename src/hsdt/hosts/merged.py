"""A merge made with the Git host's own button, as an approval hsdt can publish: the pull request
it merged, the reviews of the head that was merged, each record's submission time and the
send-backs, all from the host's API (:class:`hsdt.workflow.approvals.HostMerge`).

On GitHub and Gitea the group head approves in the host's web page and merges with its button;
the merge commit carries no hsdt trailers, so the host is asked (``hsdt publish --host``, from
the publish workflow, which runs on ``main`` with a read token). Nothing is taken on trust:

- the pull request must be the one the host says it merged *into this commit*
  (``merge_commit_sha``), by its own clock (``merged_at``);
- every record the commit changed must hold, byte for byte, the content at the pull request's
  head: the reviews were of that head (a squash merge must not carry anything else);
- its author must own the records (``gv-…`` folders), as the pull-request check required;
- the reviews count only of that head and by roster members, and the chain is judged by the
  same :func:`hsdt.workflow.chain.evaluate_chain` as everywhere
  (:func:`hsdt.workflow.approvals.approvals_on_main`);
- submission times are the host's receive times of the content (:mod:`hsdt.hosts.times`), read
  after the merge: a head no source lists has an unknown arrival (never "now", which is after
  the merge), and the records it changed get no submission time rather than a guess.

A commit that fails any of these approves nothing: ``hsdt publish`` names it and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hsdt.errors import HsdtError
from hsdt.git.history import Commit
from hsdt.git.run import git_bytes, git_run, git_text
from hsdt.git.tree import list_blob_ids
from hsdt.hosts.model import (
    HostPull,
    HostReview,
    not_owned,
    review_source,
    reviews_as_evidence,
    staff_by_login,
)
from hsdt.hosts.times import (
    counted_send_backs,
    gitea_pushes,
    ordered_pushes,
    pull_submission_times,
)
from hsdt.i18n import Msg, msg
from hsdt.model.school import School
from hsdt.workflow.approvals import HostMerge, HostSendBack

if TYPE_CHECKING:
    from hsdt.hosts.github import GitHubClient


class HostMergeReader:
    """A :data:`hsdt.workflow.approvals.HostResolver` over one host's API."""

    def __init__(
        self,
        root: Path,
        school: School,
        client: GitHubClient,
        repo: str,
        host: str,
        remote: str = "origin",
    ) -> None:
        self.root = root
        self.school = school
        self.client = client
        self.repo = repo
        self.host = host
        self.remote = remote

    def __call__(self, asked: Sequence[tuple[Commit, Sequence[str]]]) -> dict[str, HostMerge | Msg]:
        return {commit.sha: self.one(commit, records) for commit, records in asked}

    def one(self, commit: Commit, records: Sequence[str]) -> HostMerge | Msg:
        """The host's account of ``commit``, or why it does not count."""
        try:
            return self._read(commit, records)
        except HsdtError as e:
            return msg("host.merge_unreadable", detail=e.msg.render())

    def _read(self, commit: Commit, records: Sequence[str]) -> HostMerge | Msg:
        pull = self._pull(commit.sha)
        if pull is None or pull.merged_at is None:
            return msg("host.no_pull", commit=commit.sha[:10])
        if not self._have(pull):
            return msg("host.head_missing", number=pull.number, head=pull.head_sha[:10])
        differs = _differing(self.root, commit.sha, pull.head_sha, records)
        if differs:
            return msg("host.not_reviewed_content", number=pull.number, paths=", ".join(differs))
        foreign = self._not_the_authors(pull, records)
        if foreign is not None:
            return foreign
        host_reviews = self.client.reviews(self.repo, pull.number)
        source = review_source(self.host)
        reviews = reviews_as_evidence(self.school, host_reviews, pull.head_sha, source)
        parent = commit.parents[0] if commit.parents else ""
        base = git_text(self.root, ["merge-base", parent, pull.head_sha]).strip() if parent else ""
        submitted = (
            host_submission_times(
                self.root, self.school, self.client, self.repo, pull, base, records, host_reviews
            )
            if base
            else {}
        )
        backs = counted_send_backs(self.school, host_reviews, pull.author, records)
        return HostMerge(
            host=self.host,
            number=pull.number,
            url=pull.url,
            merged_at=pull.merged_at,
            reviews=tuple(reviews),
            submitted=tuple(sorted(submitted.items())),
            send_backs=tuple(
                HostSendBack(who, at, review.body.strip(), review.url)
                for who, at, review in sorted(backs, key=lambda b: b[1])
            ),
            branch=pull.head_ref,
        )

    def _pull(self, sha: str) -> HostPull | None:
        """The pull request the host merged into ``sha`` (none for a commit it did not)."""
        for pull in self.client.pulls_for_commit(self.repo, sha):
            if pull.merged_at is not None and pull.merge_commit_sha == sha:
                return pull
        return None

    def _have(self, pull: HostPull) -> bool:
        """Whether the head commit is here, fetched from the host's ``refs/pull/N/head``
        (a squash merge leaves it out of ``main``'s history)."""
        if is_commit(self.root, pull.head_sha):
            return True
        git_run(self.root, ["fetch", "--quiet", self.remote, f"refs/pull/{pull.number}/head"])
        return is_commit(self.root, pull.head_sha)

    def _not_the_authors(self, pull: HostPull, records: Sequence[str]) -> Msg | None:
        author = staff_by_login(self.school).get(pull.author.lower())
        if author is None:
            return msg("ci.unknown_login", login=pull.author)
        for _path, owner in not_owned(author, records)[:1]:
            return msg("push.other_teacher", id=author, owner=owner)
        return None


def host_submission_times(
    root: Path,
    school: School,
    client: GitHubClient,
    repo: str,
    pull: HostPull,
    base: str,
    records: Sequence[str],
    host_reviews: Sequence[HostReview],
) -> dict[str, datetime]:
    """Each record's submission time from the host's pushes (GitHub's workflow runs, Gitea's
    timeline) and reviews; a record the last listed push does not account for (the head's
    arrival is not listed) has none."""
    from hsdt.hosts.gitea import GiteaClient

    if isinstance(client, GiteaClient):
        comments = client.push_comments(repo, pull.number)
        pushes = gitea_pushes(root, base, pull.head_sha, pull.created_at, comments, None)
    else:
        listed = client.pull_pushes(repo, pull.head_ref)
        pushes = ordered_pushes(root, base, pull.head_sha, listed, None)
    times = pull_submission_times(root, school, base, records, pushes, host_reviews, pull.author)
    if pushes and pushes[-1].sha == pull.head_sha:
        return dict(times)
    # The head's arrival is not listed: what it changed has no proven time.
    last = pushes[-1].sha if pushes else base
    unproven = set(changed_paths(root, last, pull.head_sha))
    return {p: t for p, t in times.items() if p not in unproven}


def is_commit(root: Path, sha: str) -> bool:
    """Whether ``sha`` is a commit this repository has."""
    code, _err = git_run(root, ["cat-file", "-e", f"{sha}^{{commit}}"])
    return code == 0


def changed_paths(root: Path, old: str, new: str) -> list[str]:
    """The paths that differ between two commits (no renames)."""
    raw = git_bytes(root, ["diff", "--name-only", "-z", "--no-renames", old, new])
    return [p for p in raw.decode("utf-8", "surrogateescape").split("\0") if p]


def _differing(root: Path, merged: str, head: str, records: Sequence[str]) -> list[str]:
    """The records whose content in ``merged`` is not the content at ``head``."""
    at_merge = list_blob_ids(root, merged, list(records))
    at_head = list_blob_ids(root, head, list(records))
    return [p for p in records if at_merge.get(p) is None or at_merge.get(p) != at_head.get(p)]
