"""A school's rules: who submits what, who approves, deadlines, locks, visibility, signatures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hsdt.model.school import Role


class DeadlineKind(StrEnum):
    """The deadline rules the five reference regulations need (profile spelling)."""

    LEAD_DAYS = "truoc_ngay"
    """By the end of the day ``days`` days before the date in ``anchor`` (3-day lead)."""
    WEEKLY_CUTOFF = "moc_tuan"
    """By the last of the ``weekdays`` cut-offs (at ``clock``) before the anchor date starts
    (Sunday and Wednesday cut-offs)."""
    BEFORE_WEEK = "truoc_tuan"
    """Before the Monday of the teaching week in ``anchor`` (a week number or a date)."""
    FIXED_DATE = "ngay_co_dinh"
    """Before a day/month of the school year (``05/09``, ``31/05``)."""
    AFTER_ANCHOR = "sau_moc"
    """Not before the anchor date (minutes after the meeting), or the anchor moment when
    ``anchor_time`` names a time key (the meeting's end, ``gio_ket_thuc``); within ``days``
    days after the anchor date, or ``hours`` hours after the anchor moment, when given."""
    NOT_BEFORE_DATE = "khong_truoc_ngay"
    """Not before a day/month of the school year (``01/09``: the group's plan is posted in
    September, after the leadership approved it)."""


class CutoffReading(StrEnum):
    """How WEEKLY_CUTOFF picks the cut-off of a record (``cach_tinh``)."""

    NEAREST = "moc_gan_nhat"
    """The last cut-off before the anchor day begins."""
    WITH_LEAD = "du_so_ngay"
    """The latest cut-off that still leaves ``days`` days of lead: not after the end of the
    day ``days`` days before the anchor (two batches a week: the Sunday cut-off for lessons
    of Wednesday to Friday, the Wednesday one for Saturday to Tuesday)."""


class WeekdayReading(StrEnum):
    """What ``nop_vao_thu`` / ``duyet_vao_thu`` mean (``cach_hieu_thu``)."""

    ONLY_ON = "chi_vao_thu"
    """Only on those weekdays."""
    NO_LATER_THAN = "cham_nhat_vao_thu"
    """On those weekdays or earlier: no later than the last of them before the record's main
    date (a plan posted on Friday evening for next week is early, not wrong)."""


class Cadence(StrEnum):
    """How often a type's records are expected (``tan_suat``), for the lists of records
    expected but missing (:mod:`hsdt.report.expected`)."""

    WEEKLY = "hang_tuan"
    """One per author (teacher, group or school, by the type's place) per teaching week."""
    DAILY = "hang_ngay"
    """One per author per school day (Monday to Friday, holidays and skipped weeks aside)."""
    YEARLY = "hang_nam"
    """One per author per school year."""
    IRREGULAR = "khong_dinh_ky"
    """As the work requires (lessons, meetings, corrections): the rules cannot say how many."""


@dataclass(frozen=True)
class DeadlineRule:
    """One deadline; a record must meet all of its type's deadlines."""

    kind: DeadlineKind
    """Which rule."""
    anchor: str | None = None
    """The front-matter key the rule counts from (``ngay_day``, ``tuan``, ``ngay_hop``)."""
    days: int | None = None
    """Days of lead (or, for AFTER_ANCHOR, the most days after)."""
    weekdays: tuple[int, ...] = ()
    """Cut-off weekdays (0 = Monday) for WEEKLY_CUTOFF."""
    clock: time = time(23, 59, 59)
    """Time of day of a cut-off."""
    day_month: tuple[int, int] | None = None
    """(day, month) for FIXED_DATE."""
    line: int = 0
    """Line in the profile where the rule is written (for messages)."""
    reading: CutoffReading = CutoffReading.NEAREST
    """For WEEKLY_CUTOFF: which cut-off binds (``cach_tinh``)."""
    anchor_time: str | None = None
    """For AFTER_ANCHOR: the front-matter time key (``gio_ket_thuc``) that, on the anchor
    date, makes the moment counted from (``gio_moc``)."""
    hours: int | None = None
    """For AFTER_ANCHOR: the most hours after the anchor moment (``so_gio``)."""


@dataclass(frozen=True)
class ApprovalStep:
    """One step of an approval chain: any one of ``roles`` satisfies it."""

    roles: tuple[Role, ...]
    """Roles any of which may approve at this step."""


class Visibility(StrEnum):
    """Who may see a record once approved."""

    PUBLIC = "cong_khai"
    """Published on the school's website."""
    INTERNAL = "noi_bo"
    """Staff only."""
    PRIVATE = "rieng_tu"
    """The author, the approvers and the leadership only."""


@dataclass(frozen=True)
class TypePolicy:
    """The school's rules for one record type."""

    type_id: str
    """The record type."""
    submitters: tuple[Role, ...]
    """Roles allowed to author and submit it."""
    approval_chain: tuple[ApprovalStep, ...]
    """Approval steps in order; empty when no approval is needed."""
    deadlines: tuple[DeadlineRule, ...] = ()
    """Submission deadlines (all must be met)."""
    approval_deadlines: tuple[DeadlineRule, ...] = ()
    """Approval deadlines (all must be met)."""
    submit_weekdays: tuple[int, ...] = ()
    """When non-empty, submissions are only accepted on these weekdays."""
    approve_weekdays: tuple[int, ...] = ()
    """When non-empty, approvals are only valid on these weekdays."""
    weekday_reading: WeekdayReading = WeekdayReading.NO_LATER_THAN
    """Whether ``submit_weekdays``/``approve_weekdays`` mean "only on" or "no later than"
    (``cach_hieu_thu``)."""
    one_topic: bool = False
    """At most one topic (``chu_de``) per submission."""
    resubmission: bool = True
    """Whether a record sent back may be resubmitted."""
    resubmit_days: int | None = None
    """Days after a send-back within which a resubmission keeps the first submission's time
    (``nop_lai_trong_ngay``); None: no limit. Content arriving later, or without a send-back,
    is judged at its own receive time."""
    visibility: Visibility = Visibility.INTERNAL
    """Who may see the approved record."""
    signatures: tuple[str, ...] = ()
    """Required signatures: roles, ``nguoi_lap`` (the author) and ``con_dau`` (the seal)."""
    cadence: Cadence | None = None
    """How often records are expected (``tan_suat``); None: inferred from the deadlines
    (:func:`hsdt.report.expected.cadence_of`)."""
    state_names: Mapping[str, str] = field(default_factory=dict)
    """The school's words for this type's states (``ten_trang_thai``): state spelling
    (``da_duyet``…, ``buoc_1``…) → label; over the school-wide names."""


@dataclass(frozen=True)
class Lock:
    """A lock (khóa sổ) on a period and/or record types, decided by the principal."""

    id: str
    """Lock id, e.g. ``hk1-2025-2026``."""
    types: tuple[str, ...]
    """Record types locked; empty means all."""
    first_day: date | None
    """First record date covered; None means from the beginning."""
    last_day: date | None
    """Last record date covered; None means to the end."""
    locked_at: datetime
    """When the lock takes effect."""
    unlocked_at: datetime | None
    """When it was lifted (mở sổ), if it was."""
    decided_by: str
    """Staff id of the principal who decided it."""
    line: int = 0
    """Line in the profile where the lock is written."""

    def active_at(self, moment: datetime) -> bool:
        """Whether the lock is in force at ``moment``."""
        if moment < self.locked_at:
            return False
        return self.unlocked_at is None or moment < self.unlocked_at

    def covers(self, type_id: str, day: date | None) -> bool:
        """Whether a record of ``type_id`` dated ``day`` is inside the lock."""
        if self.types and type_id not in self.types:
            return False
        if day is None:
            return self.first_day is None and self.last_day is None
        if self.first_day is not None and day < self.first_day:
            return False
        return self.last_day is None or day <= self.last_day


@dataclass(frozen=True)
class CorrectionPolicy:
    """What a correction record (biên bản sửa dữ liệu) must show."""

    permitted_by: tuple[Role, ...]
    """Roles whose permission is required (usually the principal)."""
    witnesses: tuple[str, ...]
    """Who must witness: roles (``hieu_truong``, ``quan_tri``), ``nguoi_de_nghi`` (the
    requester) or ``gvcn`` (the class teacher, named in the record)."""


@dataclass(frozen=True)
class PushLimits:
    """What one push may carry (``gioi_han`` in the profile); the server refuses more."""

    files: int = 500
    """Files added or changed by the push (``so_tep_moi_lan_day``)."""
    records: int = 100
    """Records added or changed (``so_ho_so_moi_lan_day``)."""
    megabytes: int = 100
    """Bytes of new objects, in MiB (``dung_luong_moi_lan_day_mb``)."""
    commits: int = 1000
    """New commits (``so_commit_moi_lan_day``)."""


@dataclass(frozen=True)
class Policy:
    """All of a school's rules."""

    regulation: str
    """The regulation the rules express, e.g. ``QĐ 309/QĐ-TH&THCS-LKC ngày 14/10/2023``."""
    types: Mapping[str, TypePolicy]
    """Rules per record type; a type without rules is not used by the school."""
    locks: tuple[Lock, ...] = ()
    """Locks, lifted or not (the history stays in the profile)."""
    correction: CorrectionPolicy | None = None
    """Requirements of correction records."""
    max_file_kb: int = 1024
    """Largest record file accepted, in KiB."""
    warn_hours: int = 24
    """How early the local check warns that a deadline is near."""
    push: PushLimits = PushLimits()
    """What one push may carry."""
    state_names: Mapping[str, str] = field(default_factory=dict)
    """The school's words for record states (``ten_trang_thai``), for every type; see
    :func:`hsdt.workflow.labels.state_label`."""
    extra: Mapping[str, object] = field(default_factory=dict)
    """Unused keys kept for later issues (none today)."""
