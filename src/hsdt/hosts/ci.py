"""What the pull-request workflow checks, as library functions (the ``hsdt ci`` commands are
thin adapters over these).

- :func:`check_pull`: the rules with each record's submission time (the host's receive time of
  its content, :mod:`hsdt.hosts.times`; never a commit date, never the pull request's creation
  alone), and the author may change only their own records.
- :func:`approval_status`: the approval chain of every record from the host's reviews of the
  current head; a required status check fails until it is complete;
  :func:`pending_confirmations`: a correction record's witnesses must approve too, and a
  sign-off summary's hashes must match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hsdt.hosts.model import HostReview, not_owned, reviews_as_evidence, staff_by_login
from hsdt.i18n import Msg, msg
from hsdt.model.problem import Problem
from hsdt.model.school import School
from hsdt.workflow.chain import ChainResult, evaluate_chain, missing_roles
from hsdt.workflow.evidence import Source
from hsdt.workflow.judge import judge_records
from hsdt.workflow.paths import place_of


@dataclass(frozen=True)
class PullEvent:
    """The parts of a ``pull_request`` event payload hsdt uses."""

    number: int
    """The pull request's number."""
    author: str
    """The opener's account name."""
    created_at: datetime
    """When the host received it."""
    head_sha: str
    """The commit under review."""
    base_sha: str
    """The base commit."""
    head_ref: str = ""
    """The head branch's name."""


def parse_event(payload: dict[str, object]) -> PullEvent:
    """A GitHub/Gitea ``pull_request`` event payload."""
    from hsdt.hosts.model import parse_time

    pull = payload["pull_request"]
    assert isinstance(pull, dict)
    created = parse_time(pull.get("created_at"))
    assert created is not None
    return PullEvent(
        int(pull["number"]), str(pull["user"]["login"]), created, str(pull["head"]["sha"]),
        str(pull["base"]["sha"]), str(pull["head"].get("ref") or ""),
    )  # fmt: skip


def check_pull(
    root: Path,
    school: School,
    records: Sequence[str],
    author_login: str,
    at: datetime,
    submitted: Mapping[str, datetime] | None = None,
) -> list[Problem | Msg]:
    """Rule problems and records the author may not change.

    Each record is judged at its time in ``submitted`` (else at ``at``); locks at ``at``, the
    time of the check.
    """
    author = staff_by_login(school).get(author_login.lower())
    out: list[Problem | Msg] = []
    if author is None:
        out.append(msg("ci.unknown_login", login=author_login))
        return out
    for path, owner in not_owned(author, records):
        out.append(Problem(path, 1, "chu-ho-so", msg("push.other_teacher", id=author, owner=owner)))
    present = [p for p in records if (root / p).is_file()]
    problems, _records = judge_records(root, present, school, submitted or {}, at)
    out.extend(problems)
    return out


def approval_status(
    school: School, records: Sequence[str], reviews: Sequence[HostReview], head_sha: str,
    source: Source,
) -> list[tuple[ChainResult, str]]:  # fmt: skip
    """Each record's chain result from the host's reviews, with the roles still needed."""
    evidence = reviews_as_evidence(school, reviews, head_sha, source)
    out = []
    for path in records:
        place = place_of(path)
        policy = school.policy.types.get(place.type_id) if place else None
        result = evaluate_chain(school, path, policy, evidence)
        out.append((result, missing_roles(policy, result)))
    return out


def pending_confirmations(
    root: Path,
    school: School,
    records: Sequence[str],
    reviews: Sequence[HostReview],
    head_sha: str,
    source: Source,
) -> list[tuple[str, Msg]]:
    """What still stops a pull request's correction records and sign-off summaries besides
    the chain: witnesses who have not approved the current head (:mod:`hsdt.workflow.witness`)
    and a summary whose hashes do not match the checkout (:mod:`hsdt.workflow.signoff`)."""
    from hsdt.rules.lock import CORRECTION_TYPE
    from hsdt.rules.stored import record_from_bytes
    from hsdt.workflow.signoff import SIGNOFF_TYPE, listing, mismatches
    from hsdt.workflow.witness import unconfirmed

    evidence = reviews_as_evidence(school, reviews, head_sha, source)
    out: list[tuple[str, Msg]] = []
    for path in records:
        place = place_of(path)
        file = root / path
        if place is None or place.type_id not in (CORRECTION_TYPE, SIGNOFF_TYPE):
            continue
        record = record_from_bytes(school, path, file.read_bytes()) if file.is_file() else None
        if record is None:
            continue
        waiting = unconfirmed(record, evidence)
        if waiting:
            out.append((path, msg("ci.witness_wait", ids=", ".join(waiting))))
        if record.type_id == SIGNOFF_TYPE:
            entries, _bad = listing(record)
            files = {
                e.path: (root / e.path).read_bytes() for e in entries if (root / e.path).is_file()
            }
            out.extend((path, problem) for problem in mismatches(record, files))
    return out
