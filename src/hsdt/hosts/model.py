"""What hsdt reads from a Git host, in one shape for GitHub and Gitea."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hsdt.model.school import School
from hsdt.model.timeutil import to_vn
from hsdt.workflow.evidence import Review, Source, Verdict


@dataclass(frozen=True)
class HostPull:
    """A pull request."""

    number: int
    """Its number."""
    author: str
    """The opener's account name."""
    created_at: datetime
    """When the host received it: the submission time."""
    merged_at: datetime | None
    """When it was merged, if it was."""
    head_sha: str
    """The commit under review."""
    url: str
    """Its web page."""
    merge_commit_sha: str = ""
    """The commit its merge made on the base branch (empty until merged)."""
    head_ref: str = ""
    """The head branch's name."""


@dataclass(frozen=True)
class HostReview:
    """A review of a pull request."""

    user: str
    """The reviewer's account name."""
    state: str
    """``APPROVED``, ``CHANGES_REQUESTED`` (GitHub) / ``REQUEST_CHANGES`` (Gitea), ``COMMENTED``…"""
    submitted_at: datetime | None
    """When it was submitted."""
    commit_id: str
    """The commit it reviewed."""
    url: str
    """Its web page (the evidence's proof)."""
    body: str = ""
    """Its text."""


@dataclass(frozen=True)
class HostPush:
    """Content the host received for a pull request: a head commit and the host's time."""

    sha: str
    """The head commit after the push."""
    at: datetime
    """When the host received it (its own clock, never a commit date)."""


@dataclass(frozen=True)
class HostPushComment:
    """Gitea's ``pull_push`` timeline entry: commits pushed to an open pull request."""

    at: datetime
    """When Gitea recorded the push (server time)."""
    commit_ids: tuple[str, ...]
    """The pushed commits (newest first), or ``(old head, new head)`` for a force push."""
    force: bool
    """Whether the push rewrote the branch."""


def staff_by_login(school: School) -> dict[str, str]:
    """Lower-cased Git-host account (``tai_khoan``) → staff id, for the roster members who
    have one."""
    return {s.username.lower(): s.id for s in school.staff.values() if s.username}


def review_source(host: str) -> Source:
    """The evidence source of ``host``'s reviews (``github`` or ``gitea``)."""
    return Source.GITHUB_REVIEW if host == "github" else Source.GITEA_REVIEW


def not_owned(author: str, records: Sequence[str]) -> list[tuple[str, str]]:
    """(record, its owner) for the records of ``records`` in another teacher's folder than
    ``author``'s (staff id): a pull request may change only its author's records."""
    from hsdt.workflow.paths import place_of

    out = []
    for path in records:
        place = place_of(path)
        if place is not None and place.owner is not None and place.owner != author:
            out.append((path, place.owner))
    return out


def parse_time(value: object) -> datetime | None:
    """An API timestamp (``2025-10-12T13:00:00Z`` or with an offset) in Vietnam time."""
    if not isinstance(value, str) or not value:
        return None
    return to_vn(datetime.fromisoformat(value.replace("Z", "+00:00")))


def reviews_as_evidence(
    school: School, reviews: Sequence[HostReview], head_sha: str, source: Source
) -> list[Review]:
    """The host's reviews of ``head_sha`` by roster members, oldest first, as :class:`Review`.

    Reviews of an older head do not count (the teacher changed the plan since), nor do reviews
    by accounts not on the roster, nor comments.
    """
    by_user = staff_by_login(school)
    out: list[tuple[datetime, Review]] = []
    for review in reviews:
        staff_id = by_user.get(review.user.lower())
        if staff_id is None or review.submitted_at is None or review.commit_id != head_sha:
            continue
        if review.state == "APPROVED":
            verdict = Verdict.APPROVED
        elif review.state in ("CHANGES_REQUESTED", "REQUEST_CHANGES"):
            verdict = Verdict.CHANGES
        else:
            continue
        out.append(
            (
                review.submitted_at,
                Review(
                    staff_id,
                    None,
                    verdict,
                    review.submitted_at,
                    review.commit_id,
                    source,
                    review.url,
                    review.body,
                ),
            )
        )
    return [r for _t, r in sorted(out, key=lambda pair: pair[0])]
