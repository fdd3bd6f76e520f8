"""When each record of a pull request was submitted on GitHub or Gitea: the host's receive time
of the content that is finally approved (the rule is :func:`hsdt.workflow.timing.submission_times`).

The facts come from sources the pusher cannot steer:

- **GitHub: the workflow runs of the pull request's pushes** (``GET …/actions/runs?event=
  pull_request&branch=<head ref>``). GitHub creates a run, stamped with its own ``created_at``,
  seconds after each push (and when the pull request is opened), for the ``head_sha`` the push
  brought; a run's existence proves the host held that commit at that time. The pull request
  timeline was not chosen: its ``committed`` events carry the commits' own dates (set by the
  teacher's machine) and only force pushes get a server-stamped event. A re-run keeps its
  ``created_at``; the earliest run of a head is its arrival. Runs need ``actions: read``.
- **Gitea: the pull request's timeline** (``GET …/issues/{index}/timeline``). Gitea writes a
  ``pull_push`` entry, with server time and the pushed commit ids, whenever commits reach an
  open pull request; the head the pull request was opened with arrives at its ``created_at``.
  Gitea's Actions API (``/actions/tasks``) was not chosen: a task's ``created_at`` is when a
  runner took the job, which can be hours after the push when runners are busy or offline. A
  Gitea without the timeline API (404) gives nothing unforgeable: then the head under check
  arrives at the time of this check run (now, on the runner), so new content is still judged
  at its arrival and never at the pull request's creation.
- **The head under check** arrives at the check run's time (now) when no source lists it yet.

Only commits of the pull request (``base..head``) count, so a run or push of content later
rewritten away (force push) proves nothing about the final content. From the ordered pushes
and the local history (full clone: the workflow checks out with ``fetch-depth: 0``) come the
arrivals: for each push, the records whose content at its head differs from the previous
push's head (the merge base for the first), one ``git diff`` per push. Send-backs are the
host's "changes requested" reviews by roster members, other than the author, who hold a role
of one of the records' approval chains (a colleague's review cannot widen the window).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from hsdt.git.run import git_bytes, git_text
from hsdt.hosts.model import HostPush, HostPushComment, HostReview, staff_by_login
from hsdt.model.school import School
from hsdt.workflow.paths import place_of
from hsdt.workflow.timing import Arrival, Event, SendBack, submission_times

SEND_BACK_STATES = frozenset({"CHANGES_REQUESTED", "REQUEST_CHANGES"})
"""Review states that send a submission back (GitHub, Gitea)."""


def _rev_list(root: Path, args: Sequence[str]) -> list[str]:
    return git_text(root, ["rev-list", *args]).split()


def ordered_pushes(
    root: Path, base: str, head: str, listed: Iterable[HostPush], now: datetime | None
) -> list[HostPush]:
    """The pushes of the pull request's own commits, in order of arrival, ending at ``head``.

    Each head counts at its earliest listed time; ``head`` arrives ``now`` when no source lists
    it (or lists it before content it no longer has). ``now`` None (after the merge, when
    "now" proves nothing): such a ``head`` is left out, its arrival unknown.
    """
    commits = set(_rev_list(root, [head, f"^{base}"]))
    earliest: dict[str, datetime] = {}
    for push in listed:
        if push.sha in commits and (push.sha not in earliest or push.at < earliest[push.sha]):
            earliest[push.sha] = push.at
    pushes = sorted(
        (HostPush(sha, at) for sha, at in earliest.items()), key=lambda p: (p.at, p.sha)
    )
    if now is not None and (not pushes or pushes[-1].sha != head):
        pushes.append(HostPush(head, max(now, pushes[-1].at) if pushes else now))
    return pushes


def gitea_pushes(
    root: Path,
    base: str,
    head: str,
    opened_at: datetime,
    comments: Sequence[HostPushComment] | None,
    now: datetime | None,
) -> list[HostPush]:
    """Gitea's timeline as pushes: the head the pull request was opened with at its creation,
    then the new head of each ``pull_push`` entry. ``comments`` None (no timeline API): only
    ``head``, at ``now`` (nothing when ``now`` is None)."""
    if comments is None:
        return [] if now is None else [HostPush(head, now)]
    chain = _rev_list(root, ["--first-parent", "--reverse", head, f"^{base}"])
    index = {sha: i for i, sha in enumerate(chain)}
    listed: list[HostPush] = []
    opened: str | None = head
    for n, comment in enumerate(comments):
        if comment.force:
            old, new = comment.commit_ids[0], comment.commit_ids[-1]
        else:
            places = sorted(index[c] for c in comment.commit_ids if c in index)
            if not places:
                # Commits later rewritten away: this push proves nothing about the head.
                if n == 0:
                    opened = None
                continue
            old = chain[places[0] - 1] if places[0] > 0 else ""
            new = chain[places[-1]]
        if n == 0:
            opened = old or None
        listed.append(HostPush(new, comment.at))
    if opened is not None:
        listed.insert(0, HostPush(opened, opened_at))
    return ordered_pushes(root, base, head, listed, now)


def arrivals(
    root: Path, base: str, records: Iterable[str], pushes: Sequence[HostPush]
) -> list[Arrival]:
    """For each push, the ``records`` its head changed against the previous push's head."""
    wanted = set(records)
    if not pushes:
        return []
    previous = git_text(root, ["merge-base", base, pushes[-1].sha]).strip()
    out: list[Arrival] = []
    for push in pushes:
        raw = git_bytes(root, ["diff", "--name-only", "-z", "--no-renames", previous, push.sha])
        changed = {p for p in raw.decode("utf-8", "surrogateescape").split("\0") if p}
        paths = frozenset(changed & wanted)
        if paths:
            out.append(Arrival(push.at, paths))
        previous = push.sha
    return out


def send_backs(
    school: School, reviews: Iterable[HostReview], author_login: str, records: Sequence[str]
) -> list[SendBack]:
    """The host's send-back reviews that count (:func:`counted_send_backs`), as events."""
    return [SendBack(at) for _who, at, _review in counted_send_backs(
        school, reviews, author_login, records)]  # fmt: skip


def counted_send_backs(
    school: School, reviews: Iterable[HostReview], author_login: str, records: Sequence[str]
) -> list[tuple[str, datetime, HostReview]]:
    """The host's send-back reviews that count: by a roster member other than the author who
    holds a role of the approval chain of one of ``records``; each with the reviewer's staff
    id and its time."""
    by_login = staff_by_login(school)
    author = by_login.get(author_login.lower())
    places = [p for p in (place_of(r) for r in records) if p is not None]
    out: list[tuple[str, datetime, HostReview]] = []
    for review in reviews:
        staff_id = by_login.get(review.user.lower())
        if (
            review.state not in SEND_BACK_STATES
            or review.submitted_at is None
            or staff_id is None
            or staff_id == author
        ):
            continue
        for place in places:
            policy = school.policy.types.get(place.type_id)
            roles = {r for step in (policy.approval_chain if policy else ()) for r in step.roles}
            if roles & school.roles_of(staff_id, place.group or "truong"):
                out.append((staff_id, review.submitted_at, review))
                break
    return out


def pull_submission_times(
    root: Path,
    school: School,
    base: str,
    records: Sequence[str],
    pushes: Sequence[HostPush],
    reviews: Iterable[HostReview],
    author_login: str,
) -> dict[str, datetime]:
    """Each record's submission time from the ordered ``pushes`` and the host's reviews."""
    events: list[Event] = [
        *arrivals(root, base, records, pushes),
        *send_backs(school, reviews, author_login, records),
    ]
    # A send-back at the very second of a push reviewed that push's content.
    events.sort(key=lambda e: (e.at, isinstance(e, SendBack)))

    def window(path: str) -> int | None:
        place = place_of(path)
        policy = school.policy.types.get(place.type_id) if place is not None else None
        return policy.resubmit_days if policy is not None else None

    return submission_times(events, window)
