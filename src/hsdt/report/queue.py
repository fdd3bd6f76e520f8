"""What waits for one person (``hsdt queue``): their review queue, their sent-back records,
what they still have to sign, what the rules expect of them this week and next.

The person is a staff id of the roster (found by git e-mail at the CLI edge, or ``--as``).

- **To review**: submissions pending on the server whose next approval step this person may
  take (they hold one of the step's roles for the record's group, and are not its author),
  oldest first by first receive time, each with its approval deadline (``han_duyet``) and the
  time left, or "quá hạn" when past.
- **Sent back**: their submissions a reviewer sent back (who, when, why).
- **To sign**: their places still empty in published PDFs (``nguoi_lap`` for the author, a
  role's place for the approver who took that step, the seal for the clerks), in the order the
  server accepts signatures (the first listed is the next one).
- **Owed**: the records the rules expect from them this week and next
  (:func:`hsdt.report.expected.expected_records`), each with its due time from the type's
  deadline rules (:func:`hsdt.rules.deadline.window`) and whether the server has it. Where the
  rules cannot say what is expected (lesson plans follow the timetable) or when it is due, the
  queue shows the :class:`~hsdt.report.expected.Unknown` reason instead of guessing.
- **School-wide late count** (principal and vice-principals): submissions waiting past their
  approval deadline, and records expected this week whose due time has passed and that the
  server does not have.

Reads: :func:`hsdt.workflow.status.record_states` (its few bulk ``git log`` calls) and one
``cat-file --batch`` for the front matter of the records whose dates matter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hsdt.errors import UsageError
from hsdt.i18n import Msg, msg
from hsdt.model.policy import DeadlineKind, TypePolicy
from hsdt.model.record import Record
from hsdt.model.school import Role, School
from hsdt.model.timeutil import VN_TZ, format_moment, monday_of, to_vn
from hsdt.report.expected import Expected, Status, Unknown, expected_records, match, present_record
from hsdt.workflow.branches import parse_branch
from hsdt.workflow.paths import place_of
from hsdt.workflow.status import RecordStatus, State

SEAL_SLOT = "con_dau"
AUTHOR_SLOT = "nguoi_lap"
LEADERS = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL})
"""Who sees the school-wide late count."""
PENDING = (State.SUBMITTED, State.CHECKED)
"""States waiting for a reviewer."""
IRREGULAR = "expected.irregular"
"""The reason :mod:`hsdt.report.expected` gives for a type without a cadence."""
_EPOCH = datetime(1970, 1, 1, tzinfo=VN_TZ)


@dataclass(frozen=True)
class Awaiting:
    """A submission waiting for one approval step."""

    path: str
    """The record."""
    branch: str
    """Its submission branch."""
    owner: str
    """Who submitted it (the branch's owner)."""
    submitted_at: datetime | None
    """When the server first received it."""
    step: int
    """The step waiting (1-based)."""
    steps: int
    """Steps in the chain."""
    roles: tuple[str, ...]
    """Roles that may take the step."""
    due: datetime | None
    """The approval deadline, when the rules give one."""

    def as_dict(self, now: datetime) -> dict[str, Any]:
        """JSON-ready (Vietnamese keys)."""
        return {
            "ho_so": self.path,
            "nhanh": self.branch,
            "nguoi_nop": self.owner,
            "nop_luc": _iso(self.submitted_at),
            "buoc": self.step,
            "so_buoc": self.steps,
            "vai_tro": list(self.roles),
            "han_duyet": _iso(self.due),
            "con_lai_giay": _left(self.due, now),
            "qua_han": self.due is not None and now > self.due,
        }


@dataclass(frozen=True)
class SentBack:
    """A submission sent back to its author."""

    path: str
    """The record."""
    branch: str
    """Its submission branch."""
    by: str | None
    """Who sent it back."""
    at: datetime | None
    """When (the server's receive time of the send-back)."""
    reason: str
    """Why."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "ho_so": self.path,
            "nhanh": self.branch,
            "nguoi_tra": self.by,
            "luc": _iso(self.at),
            "ly_do": self.reason,
        }


@dataclass(frozen=True)
class ToSign:
    """A place of a published PDF that waits for this person."""

    path: str
    """The record."""
    pdf: str
    """Its signed PDF under signatures/."""
    place: str
    """The place (``nguoi_lap``, ``to_truong``, ``con_dau``…)."""
    next_in_turn: bool
    """Whether it is the next place the server accepts (earlier places are signed)."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "ho_so": self.path,
            "pdf": self.pdf,
            "vi_tri": self.place,
            "den_luot": self.next_in_turn,
        }


@dataclass(frozen=True)
class Owed:
    """A record the rules expect from this person, with its due time."""

    expected: Expected
    """The expectation."""
    due: datetime | None
    """When it is due; None when the rules set no deadline or cannot say (:attr:`unknown`)."""
    unknown: Msg | None
    """Why the due time cannot be told, when it cannot."""
    status: Status
    """What the server has of it."""
    paths: tuple[str, ...]
    """The records answering it."""
    school_words: str = ""
    """The school's own name for that state (``ten_trang_thai``), when it gives one."""

    def as_dict(self, now: datetime) -> dict[str, Any]:
        """JSON-ready."""
        return {
            **self.expected.as_dict(),
            "han_nop": _iso(self.due),
            "han_khong_ro": self.unknown.render("vi") if self.unknown else None,
            "con_lai_giay": _left(self.due, now),
            "qua_han": self.due is not None and now > self.due and self.status is Status.MISSING,
            "trang_thai": self.status.value,
            "nhan": self.school_words or None,
            "ho_so": list(self.paths),
        }


@dataclass(frozen=True)
class Late:
    """The school-wide late count."""

    approvals: int
    """Submissions waiting past their approval deadline."""
    missing: int
    """Records expected this week, past due, that the server does not have."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"qua_han_duyet": self.approvals, "qua_han_nop": self.missing}


@dataclass(frozen=True)
class Queue:
    """Everything that waits for one person at one moment."""

    staff_id: str
    """Whose queue."""
    at: datetime
    """The moment it was computed for."""
    review: tuple[Awaiting, ...]
    """Submissions waiting for their step, oldest first."""
    sent_back: tuple[SentBack, ...]
    """Their records sent back."""
    to_sign: tuple[ToSign, ...]
    """Their places still to sign."""
    owed: tuple[Owed, ...]
    """What the rules expect from them this week and next."""
    unknown: tuple[Unknown, ...]
    """What the rules cannot say about what they owe."""
    late: Late | None
    """The school-wide late count (leadership only)."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form."""
        now = self.at
        return {
            "ma": self.staff_id,
            "luc": _iso(now),
            "cho_duyet": [a.as_dict(now) for a in self.review],
            "bi_tra_ve": [s.as_dict() for s in self.sent_back],
            "cho_ky": [s.as_dict() for s in self.to_sign],
            "phai_nop": [o.as_dict(now) for o in self.owed],
            "khong_xac_dinh": [u.as_dict() for u in self.unknown],
            "toan_truong": self.late.as_dict() if self.late else None,
        }


def _iso(moment: datetime | None) -> str | None:
    return to_vn(moment).isoformat(timespec="seconds") if moment is not None else None


def _left(due: datetime | None, now: datetime) -> int | None:
    return int((due - now).total_seconds()) if due is not None else None


def identify(school: School, email: str) -> str:
    """The staff id whose roster e-mail is ``email`` (case-insensitive)."""
    wanted = email.strip().lower()
    for staff in school.staff.values():
        if staff.email and staff.email.lower() == wanted:
            return staff.id
    raise UsageError(msg("queue.unknown_email", email=email.strip() or "-"))


# --- the pure part ------------------------------------------------------------------------


def reviewer_queue(
    school: School,
    staff_id: str,
    states: Iterable[RecordStatus],
    records: Mapping[str, Record],
) -> list[Awaiting]:
    """Submissions whose next step ``staff_id`` may take, oldest first."""
    out = [a for a in awaiting_all(school, states, records) if _may_take(school, staff_id, a)]
    return out


def _may_take(school: School, staff_id: str, item: Awaiting) -> bool:
    if item.owner == staff_id:
        return False
    place = place_of(item.path)
    group = place.group if place is not None and place.group is not None else "truong"
    held = {r.value for r in school.roles_of(staff_id, group)}
    return bool(held & set(item.roles))


def awaiting_all(
    school: School, states: Iterable[RecordStatus], records: Mapping[str, Record]
) -> list[Awaiting]:
    """Every submission waiting for a step, oldest first (first receive time)."""
    out: list[Awaiting] = []
    for status in states:
        if status.state not in PENDING or status.branch is None:
            continue
        place = place_of(status.path)
        policy = school.policy.types.get(place.type_id) if place else None
        branch = parse_branch(status.branch)
        if policy is None or branch is None or len(status.approvals) >= len(policy.approval_chain):
            continue
        step = policy.approval_chain[len(status.approvals)]
        out.append(
            Awaiting(
                status.path,
                status.branch,
                branch.owner,
                status.submitted_at,
                len(status.approvals) + 1,
                len(policy.approval_chain),
                tuple(r.value for r in step.roles),
                approval_due(school, policy, records.get(status.path)),
            )
        )
    out.sort(key=lambda a: (a.submitted_at is None, a.submitted_at or _EPOCH, a.path))
    return out


def approval_due(school: School, policy: TypePolicy, record: Record | None) -> datetime | None:
    """The earliest approval deadline of ``record`` (None without rules or without the dates
    they count from)."""
    if record is None or not policy.approval_deadlines:
        return None
    from hsdt.rules.deadline import effective_due
    from hsdt.rules.years import record_calendar

    return effective_due(policy.approval_deadlines, record, record_calendar(record, school))


def sent_back(staff_id: str, states: Iterable[RecordStatus]) -> list[SentBack]:
    """``staff_id``'s submissions waiting on a send-back, by path."""
    out = []
    for status in states:
        branch = parse_branch(status.branch) if status.branch else None
        if status.state is not State.CHANGES or branch is None or branch.owner != staff_id:
            continue
        review = status.returned
        out.append(
            SentBack(
                status.path,
                status.branch or "",
                review.reviewer if review else None,
                review.at if review else None,
                status.reason,
            )
        )
    return sorted(out, key=lambda s: s.path)


def slot_person(
    school: School,
    policy: TypePolicy | None,
    path: str,
    place_key: str,
    approvals: Sequence[tuple[str, str]],
) -> set[str]:
    """Who fills signature place ``place_key`` of ``path``: the author for ``nguoi_lap``, the
    clerks for the seal, for a role the approver (``approvals``: role, staff id, in chain
    order, from the evidence file) who took the chain step that role stands for, as
    :mod:`hsdt.workflow.publish` writes it into the PDF's manifest; else whoever holds that
    role in the record's group."""
    place = place_of(path)
    owner = place.owner if place is not None else None
    if place_key == AUTHOR_SLOT:
        return {owner} if owner else set()
    if place_key == SEAL_SLOT:
        return set(school.clerks)
    roles = {r.value: r for r in Role}
    if place_key not in roles:
        return set()
    role = roles[place_key]
    chain = policy.approval_chain if policy is not None else ()
    for role_text, approver in approvals:
        took = roles.get(role_text)
        same_step = took is not None and any(took in s.roles and role in s.roles for s in chain)
        if role_text == place_key or same_step:
            return {approver}
    group = place.group if place is not None and place.group is not None else "truong"
    return {s for s in school.staff if role in school.roles_of(s, group)}


def may_fill(school: School, staff_id: str, path: str, policy: TypePolicy) -> bool:
    """Whether ``staff_id`` could fill any signature place of ``path`` at all (a cheap filter
    before the evidence files are read)."""
    place = place_of(path)
    if place is None:
        return False
    group = place.group if place.group is not None else "truong"
    held = {r.value for r in school.roles_of(staff_id, group)}
    for key in policy.signatures:
        if key == AUTHOR_SLOT and place.owner == staff_id:
            return True
        if key == SEAL_SLOT and staff_id in school.clerks:
            return True
        if key in held:
            return True
    return False


def places_to_sign(
    school: School, staff_id: str, path: str, pdf: str, pending: Sequence[str], evidence: Any
) -> list[ToSign]:
    """``staff_id``'s places among ``pending`` (the places of ``pdf`` still empty, in the
    order the server takes them)."""
    place = place_of(path)
    policy = school.policy.types.get(place.type_id) if place else None
    approvals = [
        (str(e.get("vai_tro")), str(e.get("nguoi_duyet")))
        for e in (evidence.get("bang_chung_duyet", []) if isinstance(evidence, dict) else [])
        if isinstance(e, dict)
    ]
    return [
        ToSign(path, pdf, key, index == 0)
        for index, key in enumerate(pending)
        if staff_id in slot_person(school, policy, path, key, approvals)
    ]


def expected_due(school: School, item: Expected) -> tuple[datetime | None, Msg | None]:
    """When ``item`` is due by its type's deadline rules: (due, None); (None, None) when the
    rules set no deadline; (None, why) when a rule counts from a date the expectation does
    not fix (a lesson's teaching day)."""
    from hsdt.rules.deadline import window

    policy = school.policy.types.get(item.type_id)
    record_type = school.types.get(item.type_id)
    calendar = school.calendar_for(item.year)
    if policy is None or not policy.deadlines:
        return None, None
    dues: list[datetime] = []
    for rule in policy.deadlines:
        meta: dict[str, Any] = {"nam_hoc": item.year}
        if rule.kind is DeadlineKind.FIXED_DATE:
            pass
        elif rule.anchor == "tuan" and item.week is not None:
            meta["tuan"] = item.week
        elif (
            record_type is not None
            and rule.anchor is not None
            and rule.anchor == record_type.date_key
            and item.first == item.last
        ):
            meta[rule.anchor] = item.first
        else:
            return None, msg("queue.due_unknown", type=item.type_id, key=rule.anchor or "-")
        found = window(rule, Record("", item.type_id, meta, {}, "", 1, ()), calendar)
        if found is not None and found.due is not None:
            dues.append(found.due)
    return (min(dues) if dues else None), None


def owes(school: School, staff_id: str, item: Expected) -> bool:
    """Whether ``item`` is ``staff_id``'s to write: their own, or their group's or the school's
    when they hold a role that submits it."""
    if item.owner is not None:
        return item.owner == staff_id
    policy = school.policy.types.get(item.type_id)
    if policy is None:
        return False
    held = school.roles_of(staff_id, item.group if item.group is not None else "truong")
    if item.group is not None and staff_id not in school.groups[item.group].members:
        return False
    return bool(held & set(policy.submitters))


def may_submit(school: School, staff_id: str, type_id: str) -> bool:
    """Whether ``staff_id`` holds a role that submits ``type_id`` where it is written: in a
    group of theirs teaching one of its levels, or (a school's type) anywhere."""
    from hsdt.model.record_type import PathKind

    policy = school.policy.types.get(type_id)
    record_type = school.types.get(type_id)
    if policy is None or record_type is None:
        return False
    submitters = set(policy.submitters)
    if record_type.path_kind is PathKind.SCHOOL:
        return bool(school.roles_of(staff_id) & submitters)
    return any(
        staff_id in group.members
        and set(group.levels) & set(record_type.levels)
        and school.roles_of(staff_id, group.id) & submitters
        for group in school.groups.values()
    )


# --- the reader -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    """What main holds of published PDFs, for the records asked about."""

    pending: Mapping[str, tuple[str, ...]]
    """Record → its PDF's places still empty (absent: not published)."""
    evidence: Mapping[str, Any]
    """Record → its evidence file's contents."""


def read_published(
    root: Path, main: str, blobs: Mapping[str, str], records: Iterable[str]
) -> Published:
    """The evidence files of ``records`` that are published (``blobs``: main's
    ``signatures/`` listing, path → blob id) in one ``cat-file --batch``, and the signatures
    added since publication, from one ``git log`` limited to their PDFs (each commit that
    changed a published PDF on main added one signature: the server takes nothing else)."""
    from hsdt.git.run import git_text
    from hsdt.git.tree import read_by_id
    from hsdt.workflow.paths import evidence_path, signed_pdf_path

    wanted = {r: evidence_path(r) for r in records if signed_pdf_path(r) in blobs}
    wanted = {r: e for r, e in wanted.items() if e in blobs}
    raw = read_by_id(root, {e: blobs[e] for e in wanted.values()})
    evidence: dict[str, Any] = {}
    listed: dict[str, list[str]] = {}
    for record, path in wanted.items():
        try:
            data = json.loads(raw[path].decode("utf-8")) if path in raw else {}
        except ValueError:
            data = {}
        evidence[record] = data
        keys = data.get("chu_ky_con_thieu", []) if isinstance(data, dict) else []
        listed[record] = [str(k) for k in keys if isinstance(k, str)]
    pdfs = [signed_pdf_path(r) for r, keys in listed.items() if keys]
    added: dict[str, int] = {}
    if pdfs:
        out = git_text(
            root,
            [
                "-c",
                "core.quotepath=false",
                "log",
                "--first-parent",
                "--no-merges",
                "--format=",
                "--name-status",
                "--no-renames",
                main,
                "--",
                *pdfs,
            ],
        )
        for line in out.splitlines():
            status, _tab, path = line.partition("\t")
            if status.startswith("M"):
                added[path] = added.get(path, 0) + 1
    pending = {r: tuple(keys[added.get(signed_pdf_path(r), 0) :]) for r, keys in listed.items()}
    return Published(pending, evidence)


def build_queue(
    root: Path,
    school: School,
    staff_id: str,
    now: datetime,
    remote: str = "origin",
    host_states: Mapping[str, RecordStatus] | None = None,
) -> Queue:
    """The queue of ``staff_id`` at ``now``, from the clone at ``root``.

    ``host_states`` (GitHub, Gitea: :func:`hsdt.hosts.pending.open_pull_states`) are the
    records of open pull requests as the host's reviews leave them; they replace what the
    submission branches alone say of the same records.

    Reads the pending submission branches (:func:`hsdt.workflow.status.pending_states`),
    main's ``signatures/`` listing and the records of the school years asked about (one
    ``ls-tree``), and in one ``cat-file --batch`` the front matter and evidence files it needs
    (only records this person could owe or sign; the whole school's weekly records for the
    leadership). Main's history is not walked: everything on main is approved."""
    from hsdt.git.tree import list_blob_ids
    from hsdt.report.blobs import read_records, read_values
    from hsdt.workflow.paths import SIGNATURES_DIR, signed_pdf_path
    from hsdt.workflow.status import pending_states

    if staff_id not in school.staff:
        raise UsageError(msg("queue.unknown_staff", id=staff_id))
    now = to_vn(now)
    main, states = pending_states(root, school, remote)
    if host_states:
        states = {**states, **host_states}
    pending = [s for s in states.values() if s.state is not State.DRAFT]
    leader = bool(school.roles_of(staff_id) & LEADERS)
    monday = monday_of(now.date())
    expected, unknown = expected_records(school, monday, monday + timedelta(days=13))
    mine = [e for e in expected if owes(school, staff_id, e)]
    this_week = [e for e in expected if e.first <= now.date() and e.last >= monday]
    wanted_types = {e.type_id for e in mine} | ({e.type_id for e in this_week} if leader else set())
    folders = sorted(
        {f for e in (*mine, *(this_week if leader else ())) for f in _folders(school, e)}
    )
    listing: dict[str, str] = {}
    if main is not None:
        listing = list_blob_ids(root, main, [SIGNATURES_DIR, *folders])
    signatures = {p: b for p, b in listing.items() if p.startswith(SIGNATURES_DIR + "/")}
    on_main = {p: b for p, b in listing.items() if p.startswith("records/")}
    # records whose dates matter: pending ones (approval deadlines), owed types (matching)
    specs = {s.path: f"refs/remotes/{remote}/{s.branch}:{s.path}" for s in pending if s.branch}
    main_wanted = {
        p: b
        for p, b in on_main.items()
        if (pl := place_of(p)) is not None
        and pl.type_id in wanted_types
        and (leader or pl.owner in (None, staff_id))
    }
    records = read_records(root, school, specs)
    main_records = read_values(root, main_wanted)
    # published PDFs this person could sign, and the owed records' PDFs
    candidates = set(main_wanted)
    for pdf in signatures:
        record = _record_of_pdf(pdf)
        place = place_of(record) if record else None
        policy = school.policy.types.get(place.type_id) if place else None
        if record and policy is not None and may_fill(school, staff_id, record, policy):
            candidates.add(record)
    published = (
        read_published(root, main, signatures, sorted(candidates)) if main else Published({}, {})
    )
    everyone = awaiting_all(school, pending, records)
    review = [a for a in everyone if _may_take(school, staff_id, a)]
    signing: list[ToSign] = []
    for record, waiting in sorted(published.pending.items()):
        if waiting:
            signing += places_to_sign(
                school,
                staff_id,
                record,
                signed_pdf_path(record),
                waiting,
                published.evidence.get(record),
            )
    present = _present(school, pending, records, main_records, published)
    owed = []
    for item in mine:
        due, why = expected_due(school, item)
        (finding,) = match([item], present)
        words = _school_words(school, item.type_id, finding.status)
        owed.append(Owed(item, due, why, finding.status, finding.paths, words))
    owed.sort(key=lambda o: (o.expected.first, o.expected.type_id))
    unknown_mine = [u for u in unknown if u.type_id and may_submit(school, staff_id, u.type_id)]
    late = None
    if leader:
        overdue = sum(1 for a in everyone if a.due is not None and now > a.due)
        missing = 0
        for item in this_week:
            due, _why = expected_due(school, item)
            if due is None or now <= due:
                continue
            (finding,) = match([item], present)
            missing += finding.status is Status.MISSING
        late = Late(overdue, missing)
    return Queue(
        staff_id,
        now,
        tuple(review),
        tuple(sent_back(staff_id, pending)),
        tuple(sorted(signing, key=lambda s: (s.path, s.place))),
        tuple(owed),
        tuple(dict.fromkeys(unknown_mine)),
        late,
    )


def _folders(school: School, item: Expected) -> list[str]:
    """The folders where records answering ``item`` live (every group of a teacher)."""
    base = f"records/{item.year}"
    if item.owner is not None:
        groups = [g.id for g in school.groups.values() if item.owner in g.members]
        return [f"{base}/{g}/{item.owner}/{item.type_id}" for g in groups]
    return [f"{base}/{item.group or 'truong'}/{item.type_id}"]


def _record_of_pdf(path: str) -> str | None:
    from hsdt.workflow.paths import record_of_signed

    return record_of_signed(path) if path.endswith(".pdf") else None


def _present(
    school: School,
    pending: Sequence[RecordStatus],
    records: Mapping[str, Record],
    main_records: Mapping[str, Mapping[str, Any]],
    published: Published,
) -> list[Any]:
    """What the server has: pending submissions (not approved), and main's records (approved;
    signed when their PDF has no place left empty)."""
    out = []
    for status in pending:
        record = records.get(status.path)
        if record is not None:
            found = present_record(status.path, record.meta, school, approved=False, signed=False)
            if found is not None:
                out.append(found)
    for path, meta in main_records.items():  # a new version may wait on a branch too
        signed = path in published.pending and not published.pending[path]
        found = present_record(path, meta, school, approved=True, signed=signed)
        if found is not None:
            out.append(found)
    return out


# --- text -----------------------------------------------------------------------------------


def duration(delta: timedelta) -> Msg:
    """``còn 2 ngày 3 giờ`` / ``quá hạn 5 giờ`` (whole minutes, largest two units)."""
    seconds = int(delta.total_seconds())
    late = seconds < 0
    minutes = abs(seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        span = msg("queue.days_hours", days=days, hours=hours)
    elif hours:
        span = msg("queue.hours_minutes", hours=hours, minutes=mins)
    else:
        span = msg("queue.minutes", minutes=mins)
    return msg("queue.overdue" if late else "queue.left", span=span)


def format_queue(queue: Queue, school: School) -> list[str]:
    """The queue as text lines, section by section."""
    from hsdt.i18n import tr
    from hsdt.report.history import role_label

    now = queue.at
    staff = school.staff[queue.staff_id]
    lines = [tr("queue.title", name=staff.name, id=queue.staff_id, at=format_moment(now))]

    def section(key: str, items: Sequence[str]) -> None:
        lines.append("")
        lines.append(tr(key, count=len(items)))
        lines.extend(items or ["  " + tr("queue.nothing")])

    review = []
    for item in queue.review:
        due = (
            tr("queue.due", due=format_moment(item.due), left=duration(item.due - now).render())
            if item.due is not None
            else tr("queue.no_approval_due")
        )
        submitted = format_moment(item.submitted_at) if item.submitted_at else "-"
        review.append(
            "  "
            + tr(
                "queue.review_item",
                path=item.path,
                owner=item.owner,
                at=submitted,
                step=item.step,
                steps=item.steps,
                roles=" / ".join(role_label(r) for r in item.roles),
                due=due,
            )
        )
    section("queue.review", review)
    returned = [
        "  "
        + tr(
            "queue.sent_back_item",
            path=s.path,
            by=s.by or "-",
            at=format_moment(s.at) if s.at else "-",
            reason=s.reason or "-",
        )
        for s in queue.sent_back
    ]
    signing = [
        "  "
        + tr(
            "queue.sign_item" if s.next_in_turn else "queue.sign_item_later",
            pdf=s.pdf,
            place=role_label(s.place),
        )
        for s in queue.to_sign
    ]
    section("queue.sent_back", returned)
    section("queue.to_sign", signing)
    owed = []
    for o in queue.owed:
        e = o.expected
        what = tr("queue.week", week=e.week) if e.week is not None else e.first.isoformat()
        if o.due is not None and o.status is Status.MISSING:
            due = tr("queue.due", due=format_moment(o.due), left=duration(o.due - now).render())
        elif o.due is not None:
            due = tr("queue.due_only", due=format_moment(o.due))
        elif o.unknown is not None:
            due = o.unknown.render()
        else:
            due = tr("queue.no_due")
        state = o.school_words or tr(f"queue.status.{o.status.value}")
        owed.append("  " + tr("queue.owed_item", type=e.type_id, what=what, due=due, state=state))
    section("queue.owed", owed)
    irregular = [u.type_id for u in queue.unknown if u.reason.key == IRREGULAR and u.type_id]
    if irregular:
        lines.append("  " + tr("queue.irregular", types=", ".join(irregular)))
    lines.extend(
        "  " + tr("queue.unknown", why=u.reason.render())
        for u in queue.unknown
        if u.reason.key != IRREGULAR
    )
    if queue.late is not None:
        lines.append("")
        lines.append(tr("queue.late", approvals=queue.late.approvals, missing=queue.late.missing))
    return lines


_STATE_OF = {Status.UNAPPROVED: State.SUBMITTED, Status.OK: State.SIGNED}
"""The record state an expectation's finding stands for (a missing record has none; an
unsigned one keeps the queue's words, which say what is still to do)."""


def _school_words(school: School, type_id: str, status: Status) -> str:
    """The school's own words for the state behind ``status`` (``ten_trang_thai`` of the type,
    else of the school: :func:`hsdt.workflow.labels.state_label`), or "" when the school gives
    none and the queue's neutral words stand."""
    from hsdt.i18n import current_language
    from hsdt.workflow.labels import state_label

    state = _STATE_OF.get(status)
    if state is None or current_language() != "vi":
        return ""
    policy = school.policy.types.get(type_id)
    names = {**school.policy.state_names, **(policy.state_names if policy else {})}
    if state.value not in names:
        return ""
    return state_label(school, state, type_id=type_id)
