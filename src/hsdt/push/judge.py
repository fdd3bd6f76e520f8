"""Judge a push: read it once, run the gates, then the checks; on acceptance, the receive
notes of every commit the push makes known to the server."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from hsdt.git.notes import ReceiveNote
from hsdt.i18n import msg
from hsdt.push.content import author_of
from hsdt.push.model import Push, PushVerdict, RefKind, RefUpdate, Refusal
from hsdt.push.read import classify, load_main_school, read_push, refs_before
from hsdt.push.registry import CHECKS, GATES
from hsdt.push.reviews import record_paths
from hsdt.workflow.branches import MAIN_REF


def parse_updates(text: str) -> list[RefUpdate]:
    """The hook's standard input (``<old> <new> <ref>`` per line)."""
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            out.append(RefUpdate(*parts))
    return out


MAX_TAGS = 10
"""Tags one push may create: an archive tags a week, a semester or a year at a time."""


def check_push(
    git_dir: Path, updates: Sequence[RefUpdate], *, now: datetime, pusher: str | None = None
) -> PushVerdict:
    """Judge ``updates`` received at ``now`` from ``pusher`` (a staff id, when known)."""
    main_tip = refs_before(git_dir).get(MAIN_REF)
    if main_tip is None:
        return _bootstrap(updates)
    tags = [u for u in updates if classify(u.ref) is RefKind.TAG and not u.deleted]
    if len(tags) > MAX_TAGS:
        # each tag costs git processes and two signature checks: refused before any is read
        refusal = Refusal(
            "refs/tags/", "the", msg("push.too_many_tags", count=len(tags), limit=MAX_TAGS)
        )
        return PushVerdict((refusal,))
    with tempfile.TemporaryDirectory(prefix="hsdt-receive-") as name:
        tmp = Path(name)
        school = load_main_school(git_dir, main_tip, tmp / "main")
        if pusher is not None and pusher not in school.staff:
            return PushVerdict(
                (Refusal("HSDT_PUSHER", "nguoi-day", msg("push.bad_pusher", id=pusher)),)
            )
        push = read_push(
            git_dir,
            updates,
            now=now,
            pusher=pusher,
            school=school,
            main_old=main_tip,
            tmp=tmp,
            max_commits=school.policy.push.commits,
        )
        refusals = _run(push)
        if refusals:
            return PushVerdict(tuple(refusals))
        return PushVerdict((), notes_of(push))


def _run(push: Push) -> list[Refusal]:
    refusals: list[Refusal] = []
    for _name, gate in GATES:
        refusals.extend(gate(push))
    if refusals:
        return refusals
    for _name, check in CHECKS:
        refusals.extend(check(push))
    return refusals


def _bootstrap(updates: Sequence[RefUpdate]) -> PushVerdict:
    """The administrator's first push creates main with the school's profile; nothing else
    may come with it."""
    refusals = []
    for u in updates:
        kind = classify(u.ref)
        if kind is RefKind.NOTES:
            refusals.append(Refusal(u.ref, "ghi-chu", msg("push.notes_ref")))
        elif kind is not RefKind.MAIN or u.deleted:
            refusals.append(Refusal(u.ref, "khoi-tao", msg("push.bootstrap_main_only")))
    return PushVerdict(tuple(refusals))


def notes_of(push: Push) -> dict[str, ReceiveNote]:
    """A receive note for every commit the accepted push makes known."""
    notes: dict[str, ReceiveNote] = {}
    for sha in push.fresh:
        commit = push.commit(sha)
        if commit is None:
            continue
        paths = () if commit.is_merge else tuple(sorted(record_paths(commit)))
        who = push.pusher or author_of(push, commit) or ""
        notes[sha] = ReceiveNote(push.now, push.brought_by.get(sha, ""), who, paths)
    return notes
