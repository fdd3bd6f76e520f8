"""The facts of a school's records: one row per record (or per record the rules expected and
nobody wrote), the unit every report aggregates.

A row says who owes the record (district, school, year, group, teacher, type), what it is about
(path, week, the days it covers), whether the rules expected it (``yes``; ``no``; ``unknown``
with the reason, never a guess), when the server received it (``submitted_at``: the receive
time of the content finally approved, a resubmission after a send-back keeping the first time,
as :func:`hsdt.workflow.timing.submission_times` rules), its due time by the school's deadlines
(``due_at``), on time or late, how many times it was sent back, when its chain's last approval
landed and after how long, how many signatures its PDF still waits for, and who must act next
and since when.

The same fixed schema (:data:`COLUMNS`, :func:`arrow_schema`) is written to the Parquet facts
files (:mod:`hsdt.report.store`) and read back by the district report, so a school's own report
and the district's are the same SQL over the same rows (:mod:`hsdt.report.aggregate`).

Reads, in bulk: two ``git log`` over ``main`` (with notes), one over the submission branches
not merged, one ``ls-tree`` and one ``cat-file --batch`` of the records at ``main`` whose values
the repository's cache does not hold yet (:mod:`hsdt.report.metacache`); never a per-file
history. A correction (a later approval merge of an approved record) does not move
the record's submission time: it counts in ``corrections``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hsdt.git.history import Commit, read_log
from hsdt.git.notes import parse_note
from hsdt.git.run import git_text, rev_parse
from hsdt.git.tree import list_blob_ids, stream_by_id
from hsdt.model.record import Record
from hsdt.model.record_type import RecordType
from hsdt.model.school import Role, School
from hsdt.model.timeutil import to_vn
from hsdt.repo import is_record_path
from hsdt.report.expected import (
    Expected,
    Present,
    Unknown,
    expected_records,
    match,
    present_record,
)
from hsdt.workflow.approvals import main_history, received_at, review_of
from hsdt.workflow.branches import MAIN, parse_branch
from hsdt.workflow.chain import evaluate_chain
from hsdt.workflow.evidence import Review, Verdict
from hsdt.workflow.paths import place_of
from hsdt.workflow.status import State, main_states, oldest_first
from hsdt.workflow.timing import Arrival, Event, SendBack, submission_times

if TYPE_CHECKING:
    import pyarrow as pa

    from hsdt.report.metacache import MetaCache
    from hsdt.workflow.hostevidence import HostAccount

EXPECTED_YES = "yes"
EXPECTED_NO = "no"
EXPECTED_UNKNOWN = "unknown"

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
NO_DEADLINE = "no_deadline"

MISSING_STATE = "thieu"
"""The ``state`` of an expected record nobody submitted."""


@dataclass(frozen=True)
class Fact:
    """One record, or one record the rules expected and nobody submitted."""

    district: str
    """District (Phòng GD&ĐT) slug: the partition the district office gathers."""
    school: str
    """School id (the profile folder)."""
    year: str
    """School year (``2025-2026``)."""
    group: str | None
    """Subject group id; None for the school's own records."""
    teacher: str | None
    """Staff id of the teacher who owes it; None for a group's or the school's record."""
    type: str
    """Record type id."""
    path: str | None
    """Record path; None when expected and missing."""
    week: int | None
    """Teaching week it is about (front matter ``tuan``, else the week of its date)."""
    period_first: date | None
    """First day it is about (the week's Monday, its date, the year's first day)."""
    period_last: date | None
    """Last day it is about."""
    expected: str
    """``yes`` (the rules expect it), ``no`` (they expect nothing of the kind), ``unknown``."""
    expected_why: str | None
    """When ``unknown``: why the rules cannot say (Vietnamese)."""
    state: str
    """Its state (:class:`hsdt.workflow.status.State` values; ``thieu`` when missing)."""
    submitted_at: datetime | None
    """Server receive time of the content approved (or waiting), first time kept across a
    send-back within the resubmission window."""
    due_at: datetime | None
    """Earliest due time of its type's submission deadlines, moved by the principal's extension
    when one covers it (:attr:`extension`); None when none applies."""
    extension: str | None
    """The id of the principal's extension (``gia_han``) that moved :attr:`due_at`, if any."""
    timeliness: str
    """``on_time``, ``late`` (by receive time), ``missing`` or ``no_deadline``."""
    sendback_rounds: int
    """Send-backs (yêu cầu chỉnh sửa) it went through."""
    corrections: int
    """Approved corrections since its first approval."""
    approved_at: datetime | None
    """When the last step of its approval chain was received (first approval)."""
    approval_delay_s: int | None
    """Seconds from ``submitted_at`` to ``approved_at``."""
    signatures_pending: int
    """Signatures its type requires that its PDF does not carry yet."""
    pending_reviewer: str | None
    """Staff id(s) (comma-separated) who must approve the next step, while it waits."""
    pending_since: datetime | None
    """Since when it waits for that reviewer (its submission or last approval step)."""
    as_of: datetime
    """The moment the facts were collected."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (ISO dates and times)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.isoformat() if isinstance(value, date) else value
        return out


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Fact))
"""The facts' columns, in file order."""


def arrow_schema() -> pa.Schema:
    """The Parquet/Arrow schema of the facts (times in UTC, microseconds)."""
    import pyarrow as pa

    moment = pa.timestamp("us", tz="UTC")
    text = pa.string()
    kinds: dict[str, pa.DataType] = {
        "week": pa.int32(),
        "period_first": pa.date32(),
        "period_last": pa.date32(),
        "submitted_at": moment,
        "due_at": moment,
        "sendback_rounds": pa.int32(),
        "corrections": pa.int32(),
        "approved_at": moment,
        "approval_delay_s": pa.int64(),
        "signatures_pending": pa.int32(),
        "pending_since": moment,
        "as_of": moment,
    }
    required = {"district", "school", "year", "type", "expected", "state", "timeliness", "as_of"}
    return pa.schema([pa.field(c, kinds.get(c, text), nullable=c not in required) for c in COLUMNS])


def to_table(facts: Sequence[Fact]) -> pa.Table:
    """The facts as an Arrow table of :func:`arrow_schema`."""
    import pyarrow as pa

    # one C-level getter per fact for every column (not 25 getattr calls per fact)
    columns: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    if facts:
        rows = zip(*map(attrgetter(*COLUMNS), facts), strict=True)
        columns = {c: list(values) for c, values in zip(COLUMNS, rows, strict=True)}
    return pa.table(columns, schema=arrow_schema())


@dataclass
class _Story:
    """What history says of one record path."""

    submitted_at: datetime | None = None
    sendbacks: int = 0
    approvals: int = 0
    approved_at: datetime | None = None
    state: str = State.SUBMITTED.value
    reviewer: str | None = None
    waiting_since: datetime | None = None


def district_of(school: School) -> str:
    """The district slug of a school: its parent body's name (``UBND huyện An Lão`` →
    ``ubnd-huyen-an-lao``)."""
    from hsdt.scaffold import slugify

    return slugify(school.parent_body) or "khong-ro"


def collect_facts(
    root: Path,
    school: School,
    as_of: datetime,
    *,
    district: str | None = None,
    remote: str = "origin",
) -> list[Fact]:
    """Every fact of the repository at ``root`` (a clone or the server's bare repository),
    with Python's cyclic garbage collector paused (:mod:`hsdt.gcpause`)."""
    from hsdt.gcpause import paused

    with paused():
        return _collect_facts(root, school, as_of, district, remote)


def _collect_facts(
    root: Path, school: School, as_of: datetime, district: str | None, remote: str
) -> list[Fact]:
    from hsdt.git.changecache import ChangeCache
    from hsdt.report.metacache import MetaCache

    main = _main_ref(root, remote)
    stories: dict[str, _Story] = {}
    states: dict[str, Any] = {}
    blobs: dict[str, str] = {}
    keys = {type_id: _wanted_keys(school, type_id) for type_id in school.types}
    git_dir = _git_dir(root)
    cache = MetaCache.open(git_dir, keys)
    changes = ChangeCache.open(git_dir)
    records: dict[str, Record] = {}
    if main is not None:
        from concurrent.futures import ThreadPoolExecutor

        from hsdt.workflow.hostevidence import EvidenceAccounts

        # main's history is mostly git's own work (diffing every merge not remembered: ~0.4 s
        # at a year's 5,000 commits); the records are read meanwhile, each worked on while git
        # inflates the next. (Reading them whole in a thread and working on the history in
        # the meantime measured slower: Python's work is the longer part of a run.)
        with ThreadPoolExecutor(max_workers=1) as pool:
            history = pool.submit(main_history, root, main, changes)
            present = list_blob_ids(root, main, ["signatures", "records"])
            blobs = {p: b for p, b in present.items() if is_record_path(p)}
            records = _records(root, school, blobs, keys, cache)
            mainline, by_sha = history.result()
        accounts = EvidenceAccounts(root, main)
        states = main_states(
            root, school, main, history=(mainline, by_sha), host=accounts, present=present
        )
        _merged_stories(school, mainline, by_sha, stories)
        for gone in [p for p in stories if p not in blobs]:
            del stories[gone]  # approved once, deleted from main since (as hsdt status)
        # Before the branches: a host's squash merge leaves its branch's commits off main.
        _host_stories(accounts.read, [p for p in blobs if p not in stories], stories)
    pending_meta = _branch_stories(root, school, remote, main, stories)
    records.update(_records(root, school, pending_meta, keys, cache))
    cache.save()
    changes.save()
    for path, state in states.items():
        story = stories.setdefault(path, _Story())
        story.state = state.state.value
    for path in blobs:
        # On main without an approval hsdt can read (a host's merge not published yet):
        # present, its times unknown rather than guessed.
        stories.setdefault(path, _Story(state=State.APPROVED.value))
    signatures = {p: _unsigned(school, s) for p, s in states.items()}
    return _rows(school, as_of, district or district_of(school), stories, records, signatures)


def _records(
    root: Path,
    school: School,
    blobs: Mapping[str, str],
    keys: Mapping[str, frozenset[str]],
    cache: MetaCache,
) -> dict[str, Record]:
    """The records at ``blobs`` (path → blob id) with the values the facts need: those read
    before from the same blob from the repository's cache (:mod:`hsdt.report.metacache`), the
    others in one ``cat-file --batch``, each worked on as git writes the next."""
    records: dict[str, Record] = {}
    unread: dict[str, str] = {}
    types: dict[str, RecordType] = {}
    for path, blob in blobs.items():
        place = place_of(path)
        record_type = school.types.get(place.type_id) if place else None
        if record_type is None:
            continue
        meta = cache.get(blob, record_type.id)
        if meta is None:
            unread[path] = blob
            types[path] = record_type
        else:
            records[path] = Record(path, record_type.id, meta, {}, "", 1, ())
    for path, data in stream_by_id(root, unread):
        record_type = types[path]
        record, quick = _parse(path, data, record_type, keys[record_type.id])
        if record is not None:
            records[path] = record
            if quick:
                cache.put(unread[path], record.type_id, dict(record.meta))
    return records


def _git_dir(root: Path) -> Path | None:
    """The repository's git directory (a clone's ``.git``, the bare repository itself)."""
    from hsdt.errors import HsdtError

    try:
        return Path(git_text(root, ["rev-parse", "--absolute-git-dir"]).strip())
    except HsdtError:
        return None


def _unsigned(school: School, status: Any) -> int:
    """Signatures still to come: those the published PDF waits for, or every one the type
    asks while it has no signed PDF."""
    if status.signed_pdf is not None:
        return len(status.pending)
    place = place_of(status.path)
    policy = school.policy.types.get(place.type_id) if place else None
    return len(policy.signatures) if policy is not None else 0


def _main_ref(root: Path, remote: str) -> str | None:
    for ref in (f"refs/remotes/{remote}/{MAIN}", f"refs/heads/{MAIN}"):
        if rev_parse(root, ref) is not None:
            return ref
    return None


def _window(school: School) -> Any:
    def days(path: str) -> int | None:
        place = place_of(path)
        policy = school.policy.types.get(place.type_id) if place else None
        return policy.resubmit_days if policy else None

    return days


def _events(chain: Iterable[Commit]) -> tuple[list[Event], list[Review], int]:
    """Arrivals and send-backs of a branch's commits (oldest first), the reviews since its
    last content, and its send-backs."""
    events: list[Event] = []
    reviews: list[Review] = []
    sendbacks = 0
    for commit in chain:
        review = review_of(commit)
        if review is not None:
            reviews.append(review)
            if review.verdict is Verdict.CHANGES:
                sendbacks += 1
                events.append(SendBack(review.at))
            continue
        reviews.clear()
        note = parse_note(commit.note) if commit.note else None
        paths = note.paths if note is not None else tuple(c.path for c in commit.changes)
        at = note.received if note is not None else commit.committer_time
        events.append(Arrival(at, frozenset(p for p in paths if is_record_path(p))))
    return events, reviews, sendbacks


def _merged_stories(
    school: School,
    mainline: Sequence[Commit],
    by_sha: Mapping[str, Commit],
    stories: dict[str, _Story],
) -> None:
    """Submission time, send-backs and approval of each record merged into ``main``, from its
    first approval merge (oldest first); later approval merges are corrections."""
    line = {c.sha for c in mainline}
    window = _window(school)
    for merge in reversed(mainline):
        if not merge.is_merge or review_of(merge) is None:
            continue
        side: list[Commit] = []
        sha = merge.parents[1]
        while sha and sha not in line and sha in by_sha:
            side.append(by_sha[sha])
            sha = by_sha[sha].parents[0] if by_sha[sha].parents else ""
        events, _reviews, sendbacks = _events(reversed(side))
        times = submission_times(events, window)
        approved = received_at(merge)
        for change in merge.changes:
            if change.status == "D" or not is_record_path(change.path):
                continue
            story = stories.setdefault(change.path, _Story())
            story.approvals += 1
            if story.approvals > 1:
                continue
            # Without receive notes (a clone that did not fetch them, a host's checkout) the
            # side's first content commit stands in: its committer date, the client's word.
            first = next((e.at for e in events if isinstance(e, Arrival)), None)
            story.submitted_at = times.get(change.path, first)
            story.sendbacks = sendbacks
            story.approved_at = approved


def _host_stories(
    read: Mapping[str, Sequence[HostAccount]], paths: Sequence[str], stories: dict[str, _Story]
) -> None:
    """Stories of records merged with a Git host's button, from the host's account that
    ``hsdt publish --host`` wrote into their evidence files (``read``: what
    :class:`hsdt.workflow.hostevidence.EvidenceAccounts` read for ``main_states``), its first
    approval's."""
    for path in paths:
        accounts = read.get(path)
        if not accounts:
            continue
        first = min(accounts, key=lambda a: a.merged_at)
        stories[path] = _Story(
            submitted_at=first.submitted_at,
            sendbacks=len(first.send_backs),
            approvals=len(accounts),
            approved_at=first.merged_at,
            state=State.APPROVED.value,
        )


def _branch_stories(
    root: Path, school: School, remote: str, main: str | None, stories: dict[str, _Story]
) -> dict[str, str]:
    """Stories of the records waiting on submission branches (the remote's in a clone, the
    local ones on the server); returns record path → blob id at the branch tip."""
    refs = git_text(root, ["for-each-ref", "--format=%(refname)", f"refs/remotes/{remote}/nop/"])
    wanted = (
        refs.split()
        or git_text(root, ["for-each-ref", "--format=%(refname)", "refs/heads/nop/"]).split()
    )
    if not wanted:
        return {}
    commits = read_log(root, [*wanted, "--not", *([main] if main else [])], source=True)
    by_branch: dict[str, list[Commit]] = {}
    for commit in commits:
        by_branch.setdefault(commit.source, []).append(commit)
    window = _window(school)
    tips: dict[str, str] = {}
    for ref, branch_commits in by_branch.items():
        name = ref.removeprefix(f"refs/remotes/{remote}/").removeprefix("refs/heads/")
        if parse_branch(name) is None:
            continue
        chain = oldest_first(branch_commits)
        events, reviews, sendbacks = _events(chain)
        times = submission_times(events, window)
        paths = sorted({c.path for commit in chain for c in commit.changes
                        if is_record_path(c.path) and c.status != "D"})  # fmt: skip
        for path in paths:
            if path in stories:
                continue  # approved already: a correction waiting
            place = place_of(path)
            policy = school.policy.types.get(place.type_id) if place else None
            result = evaluate_chain(school, path, policy, reviews)
            story = _Story(times.get(path), sendbacks)
            if result.sent_back is not None:
                story.state = State.CHANGES.value
            else:
                story.state = State.CHECKED.value if result.done else State.SUBMITTED.value
                if policy is not None and result.done < len(policy.approval_chain):
                    step = policy.approval_chain[result.done]
                    group = place.group if place else None
                    story.reviewer = _holders(
                        school, step.roles, group, place.owner if place else None
                    )
                    last = result.evidence[-1].at if result.evidence else None
                    story.waiting_since = last or story.submitted_at
            stories[path] = story
        waiting = [p for p in paths if stories[p].approved_at is None]
        if waiting:
            tips.update(list_blob_ids(root, ref, waiting))
    return tips


def _holders(
    school: School, roles: Sequence[Role], group: str | None, author: str | None
) -> str | None:
    wanted = set(roles)
    found = [
        staff_id
        for staff_id in school.staff
        if staff_id != author and school.roles_of(staff_id, group or "truong") & wanted
    ]
    return ",".join(found) or None


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _wanted_keys(school: School, type_id: str) -> frozenset[str]:
    """The front-matter keys the facts read of a record of ``type_id``: its year, its week,
    its main date, every deadline's anchor and, when the principal granted extensions (which
    may name a teacher), its author."""
    record_type = school.types.get(type_id)
    policy = school.policy.types.get(type_id)
    keys = {"nam_hoc", "tuan"}
    if record_type is not None and record_type.date_key:
        keys.add(record_type.date_key)
    if record_type is not None and school.policy.extensions:
        keys.add(record_type.author_key)
    if policy is not None:
        keys.update(r.anchor for r in policy.deadlines if r.anchor)
    return frozenset(keys)


def _quick_meta(text: str, keys: frozenset[str]) -> dict[str, Any] | None:
    """The plain top-level values of ``keys`` (numbers, ISO dates, words) in the front matter
    of a record the server already checked; None when one of them is written in another YAML
    form (quoted, a list, a block), for the full parser."""
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    if end < 0:
        return None
    meta: dict[str, Any] = {}
    # one search for the wanted keys' lines (a record's front matter has a dozen others)
    for key, value in _key_lines(keys).findall(text, 3, end):
        if not value or value[0] in "'\"[{|>&*!#%@`" or " #" in value:
            return None
        if value.isdigit():
            meta[key] = int(value)
        elif _DAY.match(value):
            try:
                meta[key] = date.fromisoformat(value)
            except ValueError:
                return None
        else:
            meta[key] = value
    return meta


@lru_cache(maxsize=64)
def _key_lines(keys: frozenset[str]) -> re.Pattern[str]:
    """Lines ``key: value`` at the top level for one of ``keys`` (value without its edges'
    blanks)."""
    names = "|".join(re.escape(k) for k in sorted(keys))
    return re.compile(rf"^({names}):[ \t]*(.*?)[ \t]*$", re.M)


def _parse(
    path: str, data: bytes, record_type: RecordType, keys: frozenset[str]
) -> tuple[Record | None, bool]:
    """The values the facts need of a record (:func:`_quick_meta` of its front matter's
    ``keys``, else the full parser), and whether the quick reading gave them (only those are
    remembered by blob id: the full parser's values depend on the whole schema)."""
    from hsdt.errors import HsdtError
    from hsdt.load.frontmatter import parse_front_matter
    from hsdt.load.text import decode_text
    from hsdt.rules.schema import validate_meta

    end = data.find(b"\n---", 3)
    if data.startswith(b"---") and end > 0:
        try:
            head = data[: end + 4].decode("utf-8")
        except UnicodeDecodeError:
            head = ""
        quick = _quick_meta(head, keys) if head else None
        if quick is not None:
            return Record(path, record_type.id, quick, {}, "", 1, ()), True
    try:
        raw = parse_front_matter(decode_text(data, path), path)
    except HsdtError:
        return None, False
    meta, _problems = validate_meta(raw, record_type)
    return Record(path, record_type.id, meta, {}, "", 1, ()), False


def _rows(
    school: School,
    as_of: datetime,
    district: str,
    stories: Mapping[str, _Story],
    records: Mapping[str, Record],
    signatures: Mapping[str, int],
) -> list[Fact]:
    from hsdt.rules.extension import EffectiveDeadline, effective_deadline
    from hsdt.rules.years import record_calendar

    today = to_vn(as_of).date()
    presents: dict[str, Present] = {}
    for path, story in stories.items():
        record = records.get(path)
        present = present_record(
            path,
            record.meta if record else {},
            school,
            approved=story.approved_at is not None,
            signed=story.state in (State.SIGNED.value, State.PUBLISHED.value),
        )
        if present is not None:
            presents[path] = present
    expected: list[Expected] = []
    unknown: dict[str, Unknown] = {}
    for year in school.calendars:
        if year.start > today:
            continue
        found, cannot = expected_records(school, year.start, min(year.end, today))
        expected.extend(e for e in found if e.year == year.year)
        for note in cannot:
            if note.type_id is not None:
                unknown.setdefault(note.type_id, note)
    reasons = {type_id: note.reason.render("vi") for type_id, note in unknown.items()}
    findings = match(expected, list(presents.values()))
    answered: dict[str, Expected] = {}
    out: list[Fact] = []
    for finding in findings:
        for path in finding.paths:
            answered.setdefault(path, finding.expected)
        if not finding.paths:
            item = finding.expected
            out.append(
                Fact(
                    district=district,
                    school=school.id,
                    year=item.year,
                    group=item.group,
                    teacher=item.owner,
                    type=item.type_id,
                    path=None,
                    week=item.week,
                    period_first=item.first,
                    period_last=item.last,
                    expected=EXPECTED_YES,
                    expected_why=None,
                    state=MISSING_STATE,
                    submitted_at=None,
                    due_at=_missing_due(school, item),
                    extension=None,
                    timeliness=MISSING,
                    sendback_rounds=0,
                    corrections=0,
                    approved_at=None,
                    approval_delay_s=None,
                    signatures_pending=0,
                    pending_reviewer=None,
                    pending_since=None,
                    as_of=as_of,
                )
            )
    deadlines: dict[tuple[Any, ...], tuple[EffectiveDeadline, Any]] = {}

    def deadline_of(record: Record) -> tuple[EffectiveDeadline, Any]:
        """The record's deadline and calendar, computed once per key of :func:`_same_due`."""
        key = _same_due(school, record)
        found = deadlines.get(key) if key is not None else None
        if found is None:
            found = (effective_deadline(school, record, "han_nop"), record_calendar(record, school))
            if key is not None:
                deadlines[key] = found
        return found

    for path in sorted(presents):
        present, story, record = presents[path], stories[path], records.get(path)
        policy = school.policy.types.get(present.type_id)
        due, extension = None, None
        if record is not None:
            deadline, calendar = deadline_of(record)
            if policy is not None:
                due = deadline.due
                extension = deadline.extension.id if deadline.extension is not None else None
        else:
            calendar = school.calendar_for(present.year)
        week, first, last = _span(present, calendar)
        if path in answered:
            expected_flag, why = EXPECTED_YES, None
        elif present.type_id in reasons:
            expected_flag, why = EXPECTED_UNKNOWN, reasons[present.type_id]
        else:
            expected_flag, why = EXPECTED_NO, None
        at = story.submitted_at
        if at is None or due is None:
            timeliness = NO_DEADLINE
        elif at <= due:
            timeliness = ON_TIME
        else:
            timeliness = LATE
        delay = None
        if at is not None and story.approved_at is not None:
            delay = int((story.approved_at - at).total_seconds())
        out.append(
            Fact(
                district=district,
                school=school.id,
                year=present.year,
                group=present.group,
                teacher=present.owner,
                type=present.type_id,
                path=path,
                week=week,
                period_first=first,
                period_last=last,
                expected=expected_flag,
                expected_why=why,
                state=story.state,
                submitted_at=at,
                due_at=due,
                extension=extension,
                timeliness=timeliness,
                sendback_rounds=story.sendbacks,
                corrections=max(story.approvals - 1, 0),
                approved_at=story.approved_at,
                approval_delay_s=delay,
                signatures_pending=signatures.get(path, 0),
                pending_reviewer=story.reviewer,
                pending_since=story.waiting_since,
                as_of=as_of,
            )
        )
    return out


def _same_due(school: School, record: Record) -> tuple[Any, ...] | None:
    """What a record's deadline depends on when the school granted no extension (its type and
    values, which a week's records of one type share); None when it may depend on more (an
    extension may name the record itself) or a value cannot be a key."""
    if school.policy.extensions:
        return None
    try:
        return (record.type_id, frozenset(record.meta.items()))
    except TypeError:  # a list value, from the full parser
        return None


@lru_cache(maxsize=4096)
def _monday(calendar: Any, week: int) -> date | None:
    """The Monday of ``week`` (remembered: :meth:`Calendar.week_monday` walks the year)."""
    try:
        result: date = calendar.week_monday(week)
    except ValueError:
        return None
    return result


def _span(present: Present, calendar: Any) -> tuple[int | None, date | None, date | None]:
    week = present.week
    if week is None and present.day is not None and calendar is not None:
        week = calendar.week_of(present.day)
    if present.week is not None and calendar is not None:
        monday = _monday(calendar, present.week)
        if monday is not None:
            return week, monday, monday + timedelta(days=6)
    if present.day is not None:
        return week, present.day, present.day
    if calendar is not None:
        return week, calendar.start, calendar.end
    return week, None, None


def _missing_due(school: School, item: Expected) -> datetime | None:
    """The due time of a record nobody wrote, when its type's deadlines need only what the
    expectation knows (the week, the fixed day)."""
    from hsdt.rules.deadline import effective_due

    policy = school.policy.types.get(item.type_id)
    calendar = school.calendar_for(item.year)
    if policy is None or calendar is None:
        return None
    meta: dict[str, Any] = {"nam_hoc": item.year}
    if item.week is not None:
        meta["tuan"] = item.week
    record_type = school.types.get(item.type_id)
    if record_type is not None and record_type.date_key and item.cadence.value == "hang_ngay":
        meta[record_type.date_key] = item.first
    record = Record("", item.type_id, meta, {}, "", 1, ())
    return effective_due(policy.deadlines, record, calendar)


__all__ = ["COLUMNS", "Fact", "arrow_schema", "collect_facts", "district_of", "to_table"]
