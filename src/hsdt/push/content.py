"""Shared judgements of content: who wrote a commit, whose records it may touch, and the
school's rules over records at their submission times."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from hsdt.git.history import Commit
from hsdt.i18n import msg
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.school import Role
from hsdt.push.model import Push, Refusal
from hsdt.repo import is_record_path, record_of_image
from hsdt.workflow.judge import judge_records
from hsdt.workflow.paths import SIGNATURES_DIR, place_of

LEADERS = frozenset({Role.PRINCIPAL, Role.ADMIN})
"""Who may propose changes outside records/ (the school profile, locks, trust material)."""
PUBLISHERS = frozenset({Role.CLERK, Role.ADMIN, Role.PRINCIPAL})
"""Who publishes signed PDFs and tags the archive."""


def short(sha: str) -> str:
    """``commit 0123456789`` for messages."""
    return f"commit {sha[:10]}"


def by_email(push: Push) -> dict[str, str]:
    """Lower-cased e-mail → staff id."""
    return {s.email.lower(): s.id for s in push.school.staff.values()}


def author_of(push: Push, commit: Commit) -> str | None:
    """Who wrote a content commit, as far as the server can know: the pusher who brought it
    (its receive note, or this push's pusher), else the roster entry of its author e-mail."""
    note = push.notes.get(commit.sha)
    if note is not None and note.pusher:
        return note.pusher
    if commit.sha not in push.notes and push.pusher is not None:
        return push.pusher
    return by_email(push).get(commit.author_email.lower())


def content_problems(push: Push, commit: Commit, owner: str | None) -> list[Refusal]:
    """A content commit: a known author who pushed it, the branch's owner, only their own
    records; no deletion of records or signed PDFs; nothing outside records/ unless a leader."""
    school = push.school
    where = short(commit.sha)
    email_author = by_email(push).get(commit.author_email.lower())
    if email_author is None:
        return [Refusal(where, "tac-gia", msg("push.unknown_author", email=commit.author_email))]
    author = author_of(push, commit) or email_author
    out: list[Refusal] = []
    if author != email_author:
        out.append(
            Refusal(where, "tac-gia", msg("push.not_pusher", author=email_author, pusher=author))
        )
    if owner is not None and author != owner:
        out.append(Refusal(where, "tac-gia", msg("push.not_owner", author=author, owner=owner)))
    roles = school.roles_of(author)
    for change in commit.changes:
        out.extend(path_problems(push, change.path, change.status, author, roles))
    return out


def path_problems(
    push: Push, path: str, status: str, author: str, roles: frozenset[Role]
) -> list[Refusal]:
    """Whether ``author`` may make this change to ``path``."""
    if status == "D" and (path.startswith("records/") or path.startswith(SIGNATURES_DIR + "/")):
        return [Refusal(path, "xoa", msg("push.delete", path=path))]
    # a record's pictures (``X-hinh/`` beside ``X.md``) belong to whoever owns the record
    owned = path if is_record_path(path) else record_of_image(path)
    if owned is not None:
        place = place_of(owned)
        groups = push.school.groups
        if place is not None and place.owner is not None and place.owner != author:
            return [
                Refusal(path, "chu-ho-so", msg("push.other_teacher", id=author, owner=place.owner))
            ]
        if (
            place is not None
            and place.group is not None
            and author not in (groups[place.group].members if place.group in groups else ())
        ):
            return [
                Refusal(path, "chu-ho-so", msg("push.other_group", id=author, group=place.group))
            ]
        return []
    if not roles & LEADERS:
        return [Refusal(path, "ngoai-ho-so", msg("push.not_records", path=path))]
    return []


def rules(
    push: Push,
    rev: str,
    paths: Sequence[str],
    times: Mapping[str, datetime],
    owner: str | None,
) -> tuple[list[Refusal], dict[str, Record]]:
    """The school's rules on ``paths`` of ``rev``, each judged at its submission time."""
    root, present = push.files(rev, paths)
    problems, records = judge_records(root, present, push.school, times, push.now)
    out = [from_problem(p) for p in problems]
    if owner is not None:
        for record in records.values():
            record_type = push.school.types.get(record.type_id)
            if record_type is None:
                continue
            author = record.get_str(record_type.author_key)
            if author is not None and author != owner:
                where = f"{record.path}:{record.line_of(record_type.author_key)}"
                out.append(
                    Refusal(where, "chu-ho-so", msg("push.other_teacher", id=owner, owner=author))
                )
    return out, records


def from_problem(problem: Problem) -> Refusal:
    """A rule's finding as a refusal."""
    return Refusal(f"{problem.path}:{problem.line}", problem.rule, problem.msg)
