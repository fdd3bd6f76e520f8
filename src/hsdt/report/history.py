"""A record's history: every round of it in order (``hsdt status PATH --history``).

Each submission with the server's receive time, each send-back (who, when, why), each approval
step (who, in which role, when, on which commit, and whether it counted), publication (the
signed PDF committed under ``signatures/``), each signature added to that PDF, the locks
(khóa sổ) of the profile that cover the record, and the correction records (biên bản sửa dữ
liệu) that name it: the traceability the schools' rules ask for, readable by a principal.

Times are the server's: the receive note the pre-receive hook wrote for each commit
(:mod:`hsdt.git.notes`). A commit without a note (a clone that never fetched
``refs/notes/*``, a repository without a server) falls back to its commit date, which the
client chose: such an event says so (:attr:`TimeSource.CLIENT`). Lock times come from the
profile (:attr:`TimeSource.PROFILE`).

Reads, for any number of records at once: one ``for-each-ref``, one ``git log`` over ``main``
and the submission branches (the graph, trailers and notes, no diffs), one path-limited
``git log`` for the commits that changed the records asked about, their PDFs and the correction
records, one ``cat-file --batch`` for the records' front matter, the correction records and the
evidence files. Never a per-file
``git log``. The submission rounds are rebuilt from the commit graph (parents), never from
commit dates; reviews are matched to the type's approval chain by
:func:`hsdt.workflow.chain.evaluate_chain`, the same judge as ``hsdt status`` and the server.

Who signed which place of a signed PDF: the server accepts a signing commit only from the
place's own person, in the order the evidence file lists the places still to sign
(:mod:`hsdt.workflow.signed_update`), so the n-th signing commit of a PDF filled the n-th
place. ``hsdt verify`` checks the signatures themselves (this module imports no PDF library).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hsdt.git.history import Change, Commit, read_log
from hsdt.git.notes import parse_note
from hsdt.git.run import git_text
from hsdt.i18n import Msg, msg
from hsdt.model.record import Record
from hsdt.model.school import School
from hsdt.model.timeutil import VN_TZ, format_moment, to_vn
from hsdt.repo import is_record_path
from hsdt.rules.lock import CORRECTION_TYPE
from hsdt.workflow.approvals import review_of
from hsdt.workflow.branches import MAIN
from hsdt.workflow.chain import evaluate_chain
from hsdt.workflow.evidence import Verdict
from hsdt.workflow.paths import (
    SCHOOL_GROUP,
    SIGNATURES_DIR,
    evidence_path,
    place_of,
    signed_pdf_path,
)
from hsdt.workflow.signed_update import is_signature_update

if TYPE_CHECKING:
    from hsdt.workflow.hostevidence import HostAccount

SEAL_SLOT = "con_dau"
AUTHOR_SLOT = "nguoi_lap"


class EventKind(StrEnum):
    """What happened (JSON spelling)."""

    SUBMITTED = "nop"
    """First submission (the server received the record)."""
    RESUBMITTED = "nop_lai"
    """A later submission of the same record (after a send-back, or a new version)."""
    SENT_BACK = "tra_ve"
    """A reviewer sent it back (yêu cầu chỉnh sửa)."""
    APPROVAL = "duyet"
    """An approval step (``merged``: the last one, merged into main)."""
    PUBLISHED = "cong_bo"
    """Its PDF was printed and committed under ``signatures/``."""
    SIGNED = "ky"
    """A signature was added to the PDF (or the seal, at publication)."""
    LOCKED = "khoa_so"
    """A lock of the profile covering it took effect."""
    UNLOCKED = "mo_so"
    """That lock was lifted."""
    CORRECTION = "sua_du_lieu"
    """A correction record naming it was submitted or approved."""
    EXTENDED = "gia_han"
    """The principal's extension (``gia_han`` in the profile) moves its deadlines; shown at
    the extended deadline, the moment the profile gives."""


class TimeSource(StrEnum):
    """Where an event's time comes from."""

    SERVER = "may_chu"
    """The server's receive note: the time that counts."""
    CLIENT = "may_khach"
    """The commit date (no receive note): chosen by the client, proves nothing."""
    PROFILE = "quy_che"
    """The school profile (a lock's ``khoa_luc`` / ``mo_luc``)."""
    HOST = "may_chu_git"
    """The Git host's own clock (GitHub, Gitea: a merge made with its button), as
    ``hsdt publish --host`` recorded it in the evidence file."""


@dataclass(frozen=True)
class Event:
    """One moment of a record's history."""

    kind: EventKind
    """What happened."""
    at: datetime
    """When (Vietnam time)."""
    source: TimeSource
    """Where :attr:`at` comes from."""
    who: str | None = None
    """Staff id of the person who acted (submitter, reviewer, signer, lock's decider)."""
    role: str | None = None
    """The role they acted in, or the signature place (``nguoi_lap``, ``to_truong``…)."""
    commit: str | None = None
    """The commit (the one reviewed, for a review; the one that did it, otherwise)."""
    step: int | None = None
    """For an approval: the chain step it satisfied (1-based)."""
    steps: int | None = None
    """For an approval: steps in the chain."""
    counted: bool = True
    """For an approval: whether it counted towards the chain."""
    merged: bool = False
    """For an approval: the chain was complete and the record merged into main."""
    reason: str = ""
    """Why it was sent back; the correction's reason."""
    detail: str = ""
    """The branch (submissions), the PDF (publication), the lock id, the correction record."""
    note: Msg | None = None
    """Why an approval did not count; the correction's state."""
    extra: tuple[tuple[str, str], ...] = ()
    """More facts (JSON key, value): the correction's permitting person, the lock's end."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (Vietnamese keys)."""
        out: dict[str, Any] = {
            "su_kien": self.kind.value,
            "thoi_diem": to_vn(self.at).isoformat(timespec="seconds"),
            "nguon_thoi_gian": self.source.value,
            "nguoi": self.who,
            "vai_tro": self.role,
            "commit": self.commit,
        }
        if self.kind is EventKind.APPROVAL:
            out.update(buoc=self.step, so_buoc=self.steps, duoc_tinh=self.counted)
            out["gop_vao_main"] = self.merged
        if self.reason:
            out["ly_do"] = self.reason
        if self.detail:
            out["chi_tiet"] = self.detail
        if self.note is not None:
            out["ghi_chu"] = self.note.render("vi")
        out.update(dict(self.extra))
        return out

    def describe(self, school: School) -> Msg:
        """The event as one sentence (:func:`hsdt.i18n.msg`)."""
        who = _person(school, self.who)
        kind = self.kind
        if kind in (EventKind.SUBMITTED, EventKind.RESUBMITTED):
            return msg(f"history.{kind.value}", who=who, branch=self.detail or "-")
        if kind is EventKind.SENT_BACK:
            return msg("history.tra_ve", who=who, role=role_label(self.role), reason=self.reason)
        if kind is EventKind.APPROVAL:
            commit = (self.commit or "")[:10]
            if not self.counted:
                return msg(
                    "history.duyet_khong_tinh",
                    who=who,
                    role=role_label(self.role),
                    commit=commit,
                    why=self.note if self.note is not None else "",
                )
            key = "history.duyet_gop" if self.merged else "history.duyet"
            return msg(
                key,
                who=who,
                role=role_label(self.role),
                step=self.step or 0,
                steps=self.steps or 0,
                commit=commit,
            )
        if kind is EventKind.PUBLISHED:
            return msg("history.cong_bo", who=who, pdf=self.detail)
        if kind is EventKind.SIGNED:
            return msg("history.ky", who=who, place=role_label(self.role))
        if kind is EventKind.LOCKED:
            return msg("history.khoa_so", id=self.detail, who=who)
        if kind is EventKind.UNLOCKED:
            return msg("history.mo_so", id=self.detail)
        if kind is EventKind.EXTENDED:
            return msg("history.gia_han", id=self.detail, who=who, reason=self.reason or "-")
        facts = dict(self.extra)
        return msg(
            "history.sua_du_lieu",
            path=self.detail,
            who=who,
            permitted=_person(school, facts.get("nguoi_cho_phep")),
            reason=self.reason or "-",
            state=self.note if self.note is not None else "",
        )


def role_label(key: str | None) -> str:
    """A role or signature place in the current language (``to_truong`` → ``tổ trưởng``), the
    labels the school's site uses; an unknown key as itself."""
    from hsdt.i18n import tr
    from hsdt.i18n.catalog import CATALOG

    if not key:
        return "-"
    return tr(f"site.role.{key}") if f"site.role.{key}" in CATALOG else key


def _person(school: School, staff_id: str | None) -> str:
    if not staff_id:
        return "-"
    staff = school.staff.get(staff_id)
    return f"{staff.name} ({staff_id})" if staff is not None else staff_id


@dataclass(frozen=True)
class History:
    """Every event of one record, oldest first."""

    path: str
    """The record path."""
    events: tuple[Event, ...]
    """Its events in time order (ties keep the order they happened in the graph)."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"ho_so": self.path, "lich_su": [e.as_dict() for e in self.events]}


# --- the pure part: events from an already read graph --------------------------------------


@dataclass(frozen=True)
class Round:
    """One submission line: the commits of a submission branch above main, oldest first,
    and the approval merge that brought it into main (None while it is pending)."""

    commits: tuple[Commit, ...]
    """The branch's commits (content and review commits), in parent order."""
    merge: Commit | None
    """The approval merge on main, when merged."""
    branch: str = ""
    """The branch name when known (pending branches; the notes' ref otherwise)."""


@dataclass(frozen=True)
class Graph:
    """What the reader gathered, for :func:`events_of`."""

    rounds: tuple[Round, ...]
    """Every submission line, oldest first."""
    mainline: tuple[Commit, ...]
    """Main's first-parent line, oldest first."""
    records: Mapping[str, Record] = field(default_factory=dict)
    """Parsed front matter of the records asked about and of the correction records."""
    evidence: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Evidence file contents by record path (the JSON beside the signed PDF)."""
    emails: Mapping[str, str] = field(default_factory=dict)
    """Lower-cased e-mail → staff id (the roster)."""
    rounds_of: Mapping[str, tuple[int, ...]] | None = None
    """Record path → the indexes of the rounds whose commits change it (None: scan)."""
    main_of: Mapping[str, tuple[Commit, ...]] | None = None
    """Path → main's non-merge commits that change it, oldest first (None: scan)."""
    corrections: Mapping[str, tuple[Record, ...]] | None = None
    """Record path → the correction records naming it (None: scan :attr:`records`)."""


def when(commit: Commit) -> tuple[datetime, TimeSource]:
    """The server's receive time of ``commit``, or its commit date (flagged) without a note."""
    note = parse_note(commit.note) if commit.note else None
    if note is not None:
        return note.received, TimeSource.SERVER
    return to_vn(commit.committer_time), TimeSource.CLIENT


def _pusher(commit: Commit, graph: Graph, fallback: str | None) -> str | None:
    note = parse_note(commit.note) if commit.note else None
    if note is not None and note.pusher:
        return note.pusher
    return graph.emails.get(commit.author_email.lower(), fallback)


def _branch_of(commit: Commit, round_: Round) -> str:
    note = parse_note(commit.note) if commit.note else None
    if note is not None and note.ref:
        return note.ref.removeprefix("refs/heads/")
    return round_.branch


def round_events(
    school: School, path: str, round_: Round, graph: Graph, first: bool
) -> list[Event]:
    """The events of ``path`` in one submission line (``first``: no earlier submission)."""
    place = place_of(path)
    policy = school.policy.types.get(place.type_id) if place else None
    steps = len(policy.approval_chain) if policy is not None else 0
    owner = place.owner if place else None
    events: list[Event] = []
    seen = not first
    appeared = False
    reviews: list[Any] = []
    done = ignored = 0
    for commit in (*round_.commits, *([round_.merge] if round_.merge else [])):
        review = review_of(commit)
        if review is None and commit is round_.merge:
            continue  # a host's merge: no hsdt review (host_round_events tells it)
        if review is None:
            reviews.clear()
            done = ignored = 0
            if any(c.path == path for c in commit.changes):
                at, source = when(commit)
                kind = EventKind.RESUBMITTED if seen else EventKind.SUBMITTED
                who = _pusher(commit, graph, owner)
                detail = _branch_of(commit, round_)
                events.append(Event(kind, at, source, who, commit=commit.sha, detail=detail))
                seen = appeared = True
            continue
        if not appeared:
            continue
        reviews.append(review)
        result = evaluate_chain(school, path, policy, reviews)
        at, source = when(commit)
        if review.verdict is Verdict.CHANGES:
            role = review.role.value if review.role else None
            events.append(
                Event(
                    EventKind.SENT_BACK,
                    at,
                    source,
                    review.reviewer,
                    role,
                    review.commit,
                    reason=review.reason,
                )
            )
            done, ignored = 0, len(result.ignored)
            continue
        counted = result.done > done
        why = result.ignored[-1] if not counted and len(result.ignored) > ignored else None
        role = result.evidence[-1].role.value if counted else (review.role or "")
        events.append(
            Event(
                EventKind.APPROVAL,
                at,
                source,
                review.reviewer,
                str(role) or None,
                review.commit,
                step=result.done if counted else None,
                steps=steps,
                counted=counted,
                merged=commit is round_.merge and result.complete,
                note=why,
            )
        )
        done, ignored = result.done, len(result.ignored)
    return events


def signature_events(school: School, path: str, graph: Graph) -> list[Event]:
    """Publication and signatures of ``path``'s PDF, from main's non-merge commits."""
    pdf = signed_pdf_path(path)
    place = place_of(path)
    policy = school.policy.types.get(place.type_id) if place else None
    evidence = graph.evidence.get(path, {})
    pending = [str(k) for k in evidence.get("chu_ky_con_thieu", []) if isinstance(k, str)]
    approvals = [
        (str(e.get("vai_tro")), str(e.get("nguoi_duyet")))
        for e in evidence.get("bang_chung_duyet", [])
        if isinstance(e, dict)
    ]
    record = graph.records.get(path)
    author = (place.owner if place else None) or (record.get_str(AUTHOR_SLOT) if record else None)
    events: list[Event] = []
    signed = 0
    on_main = graph.mainline if graph.main_of is None else graph.main_of.get(pdf, ())
    for commit in on_main:
        if commit.is_merge or not any(c.path == pdf for c in commit.changes):
            continue
        at, source = when(commit)
        committer = graph.emails.get(commit.author_email.lower())
        status = next(c.status for c in commit.changes if c.path == pdf)
        if status == "A":
            events.append(
                Event(EventKind.PUBLISHED, at, source, committer, commit=commit.sha, detail=pdf)
            )
            wanted = policy.signatures if policy is not None else ()
            if SEAL_SLOT in wanted and pending and SEAL_SLOT not in pending:
                events.append(Event(EventKind.SIGNED, at, source, committer, SEAL_SLOT, commit.sha))
            signed = 0
        elif is_signature_update(commit):
            slot = pending[signed] if signed < len(pending) else None
            signed += 1
            people = slot_person(school, policy, path, slot, approvals) if slot else set()
            who: str | None
            if slot == AUTHOR_SLOT and author:
                who = author
            elif len(people) == 1:
                (who,) = people
            else:  # the seal (any clerk), or a place no approval names: whoever committed it
                who = committer
            events.append(Event(EventKind.SIGNED, at, source, who, slot, commit.sha))
    return events


def slot_person(
    school: School, policy: Any, path: str, place_key: str, approvals: Sequence[tuple[str, str]]
) -> set[str]:
    """Who fills a signature place (see :func:`hsdt.report.queue.slot_person`)."""
    from hsdt.report.queue import slot_person as of_queue

    return of_queue(school, policy, path, place_key, approvals)


def lock_events(school: School, path: str, record: Record | None) -> list[Event]:
    """The profile's locks covering ``path`` (by its type and its date key)."""
    place = place_of(path)
    if place is None:
        return []
    record_type = school.types.get(place.type_id)
    day = None
    if record is not None and record_type is not None and record_type.date_key:
        day = record.get_date(record_type.date_key)
    out: list[Event] = []
    for lock in school.policy.locks:
        if not lock.covers(place.type_id, day):
            continue
        extra = (("mo_luc", to_vn(lock.unlocked_at).isoformat()),) if lock.unlocked_at else ()
        out.append(
            Event(
                EventKind.LOCKED,
                lock.locked_at,
                TimeSource.PROFILE,
                lock.decided_by,
                detail=lock.id,
                extra=extra,
            )
        )
        if lock.unlocked_at is not None:
            out.append(
                Event(
                    EventKind.UNLOCKED,
                    lock.unlocked_at,
                    TimeSource.PROFILE,
                    lock.decided_by,
                    detail=lock.id,
                )
            )
    return out


def extension_events(school: School, record: Record | None) -> list[Event]:
    """The principal's extension covering ``record``, at its extended deadline."""
    from hsdt.rules.extension import extension_for

    grant = extension_for(school, record) if record is not None else None
    if grant is None:
        return []
    return [
        Event(
            EventKind.EXTENDED,
            to_vn(grant.until),
            TimeSource.PROFILE,
            grant.granted_by,
            detail=grant.id,
            reason=grant.reason,
        )
    ]


def corrections_naming(path: str, records: Mapping[str, Record]) -> list[Record]:
    """The correction records whose ``ho_so_sua`` names ``path``."""
    return list(index_corrections(records).get(path, ()))


def index_corrections(records: Mapping[str, Record]) -> dict[str, tuple[Record, ...]]:
    """Record path → the correction records whose ``ho_so_sua`` names it, by path."""
    index: dict[str, list[Record]] = {}
    for record in sorted(records.values(), key=lambda r: r.path):
        if record.type_id != CORRECTION_TYPE:
            continue
        named = record.meta.get("ho_so_sua") or ()
        if isinstance(named, str):
            named = (named,)
        for fixed in dict.fromkeys(str(p).strip().lstrip("./") for p in named):
            index.setdefault(fixed, []).append(record)
    return {path: tuple(found) for path, found in index.items()}


def correction_event(school: School, correction: Record, own: Sequence[Event]) -> Event | None:
    """One event for a correction record: at its approval when approved, else its latest
    submission; None when it was never submitted."""
    merged = [e for e in own if e.kind is EventKind.APPROVAL and e.merged]
    submitted = [e for e in own if e.kind in (EventKind.SUBMITTED, EventKind.RESUBMITTED)]
    if merged:
        base, state = merged[-1], msg("history.correction_approved")
    elif submitted:
        base, state = submitted[-1], msg("history.correction_pending")
    else:
        return None
    del school
    permitted = correction.get_str("nguoi_cho_phep") or ""
    return Event(
        EventKind.CORRECTION,
        base.at,
        base.source,
        correction.get_str("nguoi_de_nghi") or correction.get_str(AUTHOR_SLOT),
        commit=base.commit,
        reason=correction.get_str("ly_do") or "",
        detail=correction.path,
        note=state,
        extra=(("nguoi_cho_phep", permitted),),
    )


def events_of(school: School, path: str, graph: Graph) -> History:
    """Every event of ``path`` (pure: the graph is already read)."""
    events = _submission_events(school, path, graph)
    events += signature_events(school, path, graph)
    events += lock_events(school, path, graph.records.get(path))
    events += extension_events(school, graph.records.get(path))
    fixes = graph.corrections
    named = fixes.get(path, ()) if fixes is not None else corrections_naming(path, graph.records)
    for correction in named:
        found = correction_event(
            school, correction, _submission_events(school, correction.path, graph)
        )
        if found is not None:
            events.append(found)
    ordered = sorted(enumerate(events), key=lambda pair: (to_vn(pair[1].at), pair[0]))
    return History(path, tuple(e for _i, e in ordered))


def host_round_events(
    school: School, path: str, round_: Round | None, graph: Graph, account: HostAccount, first: bool
) -> list[Event]:
    """The events of ``path`` in a round merged with the Git host's button, from the host's
    account in the evidence file: the submission at the host's receive time (the branch's own
    commits when the host did not prove it), the send-backs, the approvals of the merged head."""
    place = place_of(path)
    owner = place.owner if place else None
    pull = f"{account.branch} (pull request #{account.number})".lstrip()
    if account.submitted_at is not None:
        kind = EventKind.SUBMITTED if first else EventKind.RESUBMITTED
        events = [Event(kind, account.submitted_at, TimeSource.HOST, owner, detail=pull)]
    elif round_ is not None:
        events = [
            e
            for e in round_events(school, path, round_, graph, first)
            if e.kind in (EventKind.SUBMITTED, EventKind.RESUBMITTED)
        ]
    else:
        events = []
    for back in account.send_backs:
        events.append(
            Event(EventKind.SENT_BACK, back.at, TimeSource.HOST, back.reviewer, reason=back.reason)
        )
    steps = len(account.approvals)
    for step, review in enumerate(account.approvals, 1):
        events.append(
            Event(
                EventKind.APPROVAL,
                review.at,
                TimeSource.HOST,
                review.reviewer,
                review.role.value if review.role else None,
                review.commit,
                step=step,
                steps=steps,
                merged=step == steps,
                detail=pull,
            )
        )
    return events


def _submission_events(school: School, path: str, graph: Graph) -> list[Event]:
    from hsdt.workflow.hostevidence import read_account

    events: list[Event] = []
    if graph.rounds_of is not None:
        rounds = [graph.rounds[i] for i in graph.rounds_of.get(path, ())]
    else:
        rounds = [r for r in graph.rounds if path in _paths_of(r)]
    account = read_account(graph.evidence.get(path, {}))
    told = False
    for round_ in rounds:  # the others do not carry the record: nothing of it happened there
        first = not any(e.kind is EventKind.SUBMITTED for e in events)
        if account is not None and round_.merge is not None and round_.merge.sha == account.merge:
            events += host_round_events(school, path, round_, graph, account, first)
            told = True
        else:
            events += round_events(school, path, round_, graph, first)
    if account is not None and not told:  # a squash merge: its branch is not in main's history
        first = not any(e.kind is EventKind.SUBMITTED for e in events)
        events += host_round_events(school, path, None, graph, account, first)
    return events


def _paths_of(round_: Round) -> set[str]:
    return {c.path for commit in round_.commits for c in commit.changes}


def index_rounds(rounds: Sequence[Round]) -> dict[str, tuple[int, ...]]:
    """Record path → the indexes of the rounds that change it (oldest first)."""
    index: dict[str, list[int]] = {}
    for at, round_ in enumerate(rounds):
        for path in _paths_of(round_):
            index.setdefault(path, []).append(at)
    return {path: tuple(found) for path, found in index.items()}


# --- the bulk reader ------------------------------------------------------------------------


def _refs(root: Path, remote: str) -> tuple[str | None, dict[str, str]]:
    """Main's ref and the submission branches (ref → name), in one ``for-each-ref``."""
    out = git_text(
        root,
        [
            "for-each-ref",
            "--format=%(refname)",
            f"refs/remotes/{remote}/{MAIN}",
            f"refs/heads/{MAIN}",
            f"refs/remotes/{remote}/nop/",
            "refs/heads/nop/",
        ],
    ).split()
    remote_main = f"refs/remotes/{remote}/{MAIN}"
    on_remote = remote_main in out
    main = (
        remote_main
        if on_remote
        else (f"refs/heads/{MAIN}" if f"refs/heads/{MAIN}" in out else None)
    )
    # A clone reads the server's branches; a local branch not pushed is a draft, no history.
    prefix = f"refs/remotes/{remote}/" if on_remote else "refs/heads/"
    branches = {r: r.removeprefix(prefix) for r in out if r.startswith(prefix + "nop/")}
    return main, branches


def read_graph(
    root: Path, school: School, remote: str = "origin", paths: Sequence[str] = ()
) -> tuple[Graph, str | None]:
    """The rounds and main's line, from one ``git log`` over main and the submission
    branches (the graph, trailers and notes, no diffs) and one ``git log`` of the non-merge
    commits that changed ``paths`` (pathspecs; all of ``records`` and ``signatures`` when
    empty): each commit carries only its changes under them. Also main's ref (None in a
    repository without one)."""
    main, branches = _refs(root, remote)
    revs = [*([main] if main else []), *branches]
    if not revs:
        return Graph((), ()), None
    touched = _touched(root, revs, [*paths] or [RECORDS, SIGNATURES_DIR])
    by_sha = {
        c.sha: replace(c, changes=touched.get(c.sha, ()))
        for c in read_log(root, revs, changes=False)
    }
    tips = dict(
        zip(
            revs,
            git_text(root, ["rev-parse", *revs]).split(),
            strict=False,
        )
    )
    mainline: list[Commit] = []
    sha = tips.get(main, "") if main else ""
    while sha in by_sha:
        mainline.append(by_sha[sha])
        sha = by_sha[sha].parents[0] if by_sha[sha].parents else ""
    mainline.reverse()
    line = {c.sha for c in mainline}
    reach = _ancestors(tips.get(main, "") if main else "", by_sha)
    rounds: list[Round] = []
    for merge in mainline:
        # hsdt's approval merges, and a Git host's (its button: told by the evidence file)
        if merge.is_merge:
            rounds.append(Round(tuple(_side(merge.parents[1], by_sha, line)), merge))
    for ref, name in branches.items():
        tip = tips.get(ref, "")
        if tip and tip not in reach:
            rounds.append(Round(tuple(_side(tip, by_sha, reach)), None, name))
    rounds.sort(key=lambda r: min((to_vn(when(c)[0]) for c in r.commits), default=_FAR))
    emails = {s.email.lower(): s.id for s in school.staff.values() if s.email}
    return Graph(tuple(rounds), tuple(mainline), emails=emails), main


_FAR = datetime(9999, 1, 1, tzinfo=VN_TZ)
RECORDS = "records"


def correction_folders(school: School, paths: Iterable[str]) -> list[str]:
    """Where correction records live (a school's type): ``records/<year>/truong/bien-ban-sua``
    for every school year the profile describes or ``paths`` name. Literal folders, not a
    glob: a glob pathspec stops git from pruning trees and made the read eight times slower."""
    years = {c.year for c in school.calendars}
    years.update(pl.year for p in paths if (pl := place_of(p)) is not None)
    return [f"{RECORDS}/{y}/{SCHOOL_GROUP}/{CORRECTION_TYPE}" for y in sorted(years)]


def _touched(
    root: Path, revs: Sequence[str], paths: Sequence[str]
) -> dict[str, tuple[Change, ...]]:
    """Commit → the changes under ``paths`` of every non-merge commit of ``revs`` that made
    some (one path-limited ``git log``: git prunes the trees, no full diffs)."""
    out = git_text(
        root,
        [
            "-c",
            "core.quotepath=false",
            "log",
            "--no-merges",
            "--no-renames",
            "--format=%x00%H",
            "--name-status",
            *revs,
            "--",
            *paths,
        ],
    )
    found: dict[str, tuple[Change, ...]] = {}
    for chunk in out.split("\0")[1:]:
        sha, _nl, rest = chunk.partition("\n")
        changes = []
        for line in rest.splitlines():
            status, _tab, path = line.partition("\t")
            if status and path:
                changes.append(Change(status[0], path))
        found[sha.strip()] = tuple(changes)
    return found


def _side(start: str, by_sha: Mapping[str, Commit], stop: set[str]) -> list[Commit]:
    chain: list[Commit] = []
    sha = start
    while sha and sha not in stop and sha in by_sha:
        chain.append(by_sha[sha])
        sha = by_sha[sha].parents[0] if by_sha[sha].parents else ""
    return list(reversed(chain))


def _ancestors(tip: str, by_sha: Mapping[str, Commit]) -> set[str]:
    seen: set[str] = set()
    todo = [tip] if tip else []
    while todo:
        sha = todo.pop()
        if sha in seen or sha not in by_sha:
            continue
        seen.add(sha)
        todo.extend(by_sha[sha].parents)
    return seen


def _known_paths(graph: Graph) -> dict[str, str]:
    """Every record path the history touched → the revision to read it at (main's tip when
    it was merged, else the tip of its newest pending branch)."""
    at: dict[str, str] = {}
    for round_ in graph.rounds:
        rev = (
            round_.merge.sha if round_.merge else (round_.commits[-1].sha if round_.commits else "")
        )
        for commit in round_.commits:
            for change in commit.changes:
                if is_record_path(change.path) and change.status != "D" and rev:
                    at[change.path] = rev
    return at


def read_histories(
    root: Path, school: School, prefixes: Sequence[str] = (), remote: str = "origin"
) -> list[History]:
    """The history of every record under ``prefixes`` (a record path or a folder), by path.
    A path the history never saw (a draft) gets an empty history."""
    specs_of = [*prefixes] or [RECORDS]
    paths = [*specs_of, *(_signed_of(p) for p in specs_of), *correction_folders(school, specs_of)]
    graph, main = read_graph(root, school, remote, paths)
    known = _known_paths(graph)
    wanted = sorted(p for p in known if _under(p, prefixes))
    wanted += sorted(p for p in prefixes if is_record_path(p) and p not in known)
    corrections = [p for p in known if (pl := place_of(p)) and pl.type_id == CORRECTION_TYPE]
    specs = {p: f"{known[p]}:{p}" for p in {*wanted, *corrections} if p in known}
    evidence_specs = {p: f"{main}:{evidence_path(p)}" for p in wanted} if main else {}
    records, evidence = _read_objects(root, school, specs, evidence_specs)
    main_of: dict[str, list[Commit]] = {}
    for commit in graph.mainline:
        if not commit.is_merge:
            for change in commit.changes:
                main_of.setdefault(change.path, []).append(commit)
    graph = Graph(
        graph.rounds,
        graph.mainline,
        records,
        evidence,
        graph.emails,
        index_rounds(graph.rounds),
        {path: tuple(found) for path, found in main_of.items()},
        index_corrections(records),
    )
    return [events_of(school, p, graph) for p in wanted]


def _signed_of(prefix: str) -> str:
    """The ``signatures/`` counterpart of a record path or folder."""
    if prefix.endswith(".md"):
        return signed_pdf_path(prefix)
    inner = prefix.rstrip("/").removeprefix(RECORDS).lstrip("/")
    return f"{SIGNATURES_DIR}/{inner}" if inner else SIGNATURES_DIR


def _under(path: str, prefixes: Iterable[str]) -> bool:
    chosen = list(prefixes)
    return not chosen or any(path == p or path.startswith(p.rstrip("/") + "/") for p in chosen)


def _read_objects(
    root: Path, school: School, specs: Mapping[str, str], evidence_specs: Mapping[str, str]
) -> tuple[dict[str, Record], dict[str, dict[str, Any]]]:
    """Records and evidence files in one ``cat-file --batch``."""
    from hsdt.git.objects import read_objects
    from hsdt.report.blobs import front_matter_values

    data = read_objects(root, [*specs.values(), *evidence_specs.values()])
    records: dict[str, Record] = {}
    for path, spec in specs.items():
        place = place_of(path)
        if spec in data and place is not None and place.type_id in school.types:
            # the dates and names the history shows, read with libyaml: these records passed
            # the server's strict checks, and the strict loader would cost seconds on a year
            values = front_matter_values(data[spec].decode("utf-8", "replace"))
            records[path] = Record(path, place.type_id, values, {}, "", 1, ())
    evidence: dict[str, dict[str, Any]] = {}
    for path, spec in evidence_specs.items():
        if spec in data:
            try:
                parsed = json.loads(data[spec].decode("utf-8"))
            except ValueError:
                continue
            if isinstance(parsed, dict):
                evidence[path] = parsed
    return records, evidence


def format_history(history: History, school: School) -> list[str]:
    """Text lines: the record, then one line per event (time, then the sentence)."""
    from hsdt.i18n import tr

    lines = [history.path]
    if not history.events:
        lines.append("  " + tr("history.none"))
    for event in history.events:
        stamp = format_moment(event.at)
        if event.source is TimeSource.CLIENT:
            stamp += " " + tr("history.client_time")
        lines.append(f"  {stamp}  {event.describe(school).render()}")
    return lines
