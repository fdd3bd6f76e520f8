"""A school: identity, calendar, staff, subject groups, leadership and its policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from hsdt.model.timeutil import monday_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hsdt.model.policy import Policy
    from hsdt.model.record_type import RecordType

LEVELS = ("mam_non", "tieu_hoc", "thcs", "thpt")
"""School levels: preschool, primary, lower secondary, upper secondary."""

RECORD_LEVELS = "cap_hoc"
"""In an approval step's ``phu_trach``: the levels of the record being approved."""


class Role(StrEnum):
    """Roles a staff member can hold; profile and rules use these spellings."""

    TEACHER = "giao_vien"
    GROUP_HEAD = "to_truong"
    GROUP_DEPUTY = "to_pho"
    TEAM_LEAD = "nhom_truong"
    PRINCIPAL = "hieu_truong"
    VICE_PRINCIPAL = "pho_hieu_truong"
    CLERK = "van_thu"
    ADMIN = "quan_tri"
    INSPECTOR = "phong_gd"
    """The district office's inspector (Phòng GD&ĐT, thanh tra): reads every record and the
    reports, never submits, approves nor signs (``phong_gd`` or ``thanh_tra`` in the
    profile)."""


READ_ONLY_ROLES = frozenset({Role.INSPECTOR})
"""Roles that may only read: the profile refuses them in ``nguoi_nop``, ``duyet``, ``chu_ky``
and a correction's ``cho_phep``, so no approval chain or signature place can name them."""

ACTING_ROLES = tuple(r for r in Role if r not in READ_ONLY_ROLES)
"""The roles that may submit, approve or sign, in declaration order."""


GROUP_ROLES = frozenset({Role.GROUP_HEAD, Role.GROUP_DEPUTY, Role.TEAM_LEAD, Role.TEACHER})
"""Roles held within one subject group (relative to a record's group)."""


@dataclass(frozen=True)
class Staff:
    """A member of staff."""

    id: str
    """Stable id used in records and paths, e.g. ``gv-toan-01``."""
    name: str
    """Full name as printed in signature blocks."""
    email: str
    """E-mail address (also the git author e-mail)."""
    username: str | None
    """Account name on the Git host, for CODEOWNERS and reviews."""
    title: str | None = None
    """Job title printed under the name (optional)."""
    ssh_key: str | None = None
    """SSH public key (``ssh-ed25519 AAAA…``) that signs this person's approvals
    (``khoa_ssh``); listed in ``signatures/allowed_signers``."""
    cert_fingerprints: tuple[str, ...] = ()
    """SHA-256 fingerprints (64 lower-case hex digits) of this person's signing certificates
    (``van_tay_chung_thu``; several when a certificate was renewed). When given, a signature
    counts as this person's only if its certificate is one of these."""
    homeroom: tuple[str, ...] = ()
    """The classes this teacher heads as class teacher, GVCN (``chu_nhiem``: ``[6A1]``)."""


@dataclass(frozen=True)
class Group:
    """A subject group (tổ chuyên môn) or the office group (tổ văn phòng)."""

    id: str
    """Group id used in records and paths, e.g. ``to-toan-tin``."""
    name: str
    """Vietnamese name, e.g. ``Tổ Toán - Tin``."""
    levels: tuple[str, ...]
    """Levels the group teaches."""
    head: str | None
    """Staff id of the head (tổ trưởng)."""
    deputies: tuple[str, ...]
    """Staff ids of the deputies (tổ phó)."""
    team_leads: tuple[str, ...]
    """Staff ids of team leads (nhóm trưởng)."""
    members: tuple[str, ...]
    """Staff ids of every member, the head and deputies included."""


@dataclass(frozen=True)
class VicePrincipal:
    """A vice-principal and what they are responsible for."""

    staff_id: str
    """Staff id."""
    responsible_for: tuple[str, ...]
    """Levels or areas (``tieu_hoc``, ``thcs``, ``chuyen_mon``…) they answer for."""


@dataclass(frozen=True)
class Holiday:
    """A holiday period of the school year."""

    start: date
    """First day off."""
    end: date
    """Last day off (inclusive)."""
    reason: str
    """Why, e.g. ``Tết Nguyên đán``."""
    skip_weeks: bool
    """Whether the weeks it covers entirely are left out of the week numbering."""


@dataclass(frozen=True)
class Calendar:
    """The school year: its span, its week numbering and its holidays."""

    year: str
    """``2025-2026``."""
    start: date
    """First day of the school year."""
    end: date
    """Last day of the school year."""
    week1: date
    """The Monday of week 1."""
    holidays: tuple[Holiday, ...] = ()
    """Holiday periods."""
    semester2: date | None = None
    """First day of the second semester (``hoc_ky_2``), when the profile says; semester 1 runs
    from :attr:`start` to the day before, semester 2 from it to :attr:`end`."""

    def _skipped(self, monday: date) -> bool:
        sunday = monday + timedelta(days=6)
        return any(h.skip_weeks and h.start <= monday and sunday <= h.end for h in self.holidays)

    def week_monday(self, week: int) -> date:
        """The Monday of teaching week ``week`` (1-based), skipping holiday weeks."""
        if week < 1:
            raise ValueError(week)
        monday = self.week1
        counted = 0
        while True:
            if not self._skipped(monday):
                counted += 1
                if counted == week:
                    return monday
            monday += timedelta(days=7)

    def week_of(self, day: date) -> int | None:
        """The teaching week containing ``day``; None before week 1 or in a skipped week."""
        monday = monday_of(day)
        if monday < self.week1 or self._skipped(monday):
            return None
        weeks = 0
        current = self.week1
        while current <= monday:
            if not self._skipped(current):
                weeks += 1
            current += timedelta(days=7)
        return weeks

    def holiday_on(self, day: date) -> Holiday | None:
        """The holiday covering ``day``, if any."""
        for holiday in self.holidays:
            if holiday.start <= day <= holiday.end:
                return holiday
        return None

    def fixed_date(self, day: int, month: int) -> date:
        """Day/month placed in this school year: months from the start month on are in the
        first calendar year, earlier months in the second (``05/9`` → 2025-09-05 and ``31/5``
        → 2026-05-31 for 2025-2026)."""
        first = self.start.year
        year = first if month >= self.start.month else first + 1
        return date(year, month, day)


YEAR_FIRST_MONTH = 8
"""Outside every described year, a date from August on belongs to the school year starting
that calendar year, an earlier one to the year ending in it (Vietnamese school years open in
late August or September; the summer holiday closes the year before)."""


def nominal_year(day: date) -> str:
    """``2026-12-10`` → ``2026-2027``; ``2026-06-15`` → ``2025-2026``."""
    first = day.year if day.month >= YEAR_FIRST_MONTH else day.year - 1
    return f"{first}-{first + 1}"


@dataclass(frozen=True)
class School:
    """Everything hsdt knows about one school."""

    id: str
    """School id, the folder name under ``schools/``."""
    name: str
    """Full name, e.g. ``Trường TH&THCS Lê Khắc Cẩn``."""
    parent_body: str
    """Cơ quan chủ quản, printed above the school's name."""
    place: str
    """Place name for the date line (``An Thọ, ngày … tháng … năm …``)."""
    levels: tuple[str, ...]
    """Levels taught."""
    calendars: tuple[Calendar, ...]
    """Every school year the profile describes, oldest first, none overlapping (a record's
    rules use the year its own date falls in: :meth:`calendar_on`)."""
    staff: Mapping[str, Staff]
    """Staff by id."""
    groups: Mapping[str, Group]
    """Subject groups by id."""
    principal: str
    """Staff id of the principal (hiệu trưởng)."""
    vice_principals: tuple[VicePrincipal, ...]
    """Vice-principals."""
    clerks: tuple[str, ...]
    """Staff ids of clerks (văn thư)."""
    admins: tuple[str, ...]
    """Staff ids of the administrators (ban quản trị)."""
    policy: Policy
    """The school's rules."""
    types: Mapping[str, RecordType]
    """The record types this school uses, by id."""
    profile_dir: str
    """The profile folder, relative to the repository root."""
    seal_fingerprints: tuple[str, ...] = ()
    """SHA-256 fingerprints (64 lower-case hex digits) of the school's organisation (seal)
    certificates (``van_tay_con_dau``); empty: the certificate's subject is compared with the
    school's name instead."""
    tsa_url: str | None = None
    """The school's RFC 3161 timestamp authority (``ky_so.tsa_url``), for B-LTA archives;
    ``HSDT_TSA_URL`` overrides it."""
    font_dir: str | None = None
    """The folder (repository-relative, ``in_an.thu_muc_phong``) holding the Times New Roman
    files records print with; None: Times New Roman if fontconfig finds it, else Liberation
    Serif."""
    inspectors: tuple[str, ...] = ()
    """Staff ids of the district's inspectors given read access (``phong_gd``/``thanh_tra``):
    read-only, see :data:`READ_ONLY_ROLES`."""
    _roles: dict[tuple[str, str | None], frozenset[Role]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """:meth:`roles_of`'s answers (the school is frozen; its roles never change)."""

    def calendar_for(self, year: str) -> Calendar | None:
        """The described school year ``year`` (``2026-2027``), or None."""
        return next((c for c in self.calendars if c.year == year), None)

    def year_of(self, day: date) -> str:
        """The school year ``day`` falls in: the described year whose span holds it, otherwise
        the year by the calendar convention (:func:`nominal_year`)."""
        for calendar in self.calendars:
            if calendar.start <= day <= calendar.end:
                return calendar.year
        return nominal_year(day)

    def calendar_on(self, day: date) -> Calendar | None:
        """The calendar of the school year ``day`` falls in, or None when the profile does not
        describe that year."""
        return self.calendar_for(self.year_of(day))

    def record_levels(self, type_id: str, group_id: str | None) -> tuple[str, ...]:
        """The levels a record of ``type_id`` in ``group_id`` belongs to: the type's levels
        the school (and the group, for a group's record) teaches."""
        record_type = self.types.get(type_id)
        levels = [lv for lv in self.levels if record_type is None or lv in record_type.levels]
        group = self.groups.get(group_id) if group_id is not None else None
        if group is not None:
            levels = [lv for lv in levels if lv in group.levels]
        return tuple(levels)

    def responsibilities_of(self, staff_id: str) -> tuple[str, ...]:
        """What the vice-principal ``staff_id`` answers for (``phu_trach``); () for others."""
        return next((v.responsible_for for v in self.vice_principals if v.staff_id == staff_id), ())

    def roles_of(self, staff_id: str, group_id: str | None = None) -> frozenset[Role]:
        """The roles ``staff_id`` holds, group roles relative to ``group_id`` (remembered: a
        year's report asks it for every review of every merge)."""
        key = (staff_id, group_id)
        known = self._roles.get(key)
        if known is None:
            known = self._roles[key] = self._find_roles(staff_id, group_id)
        return known

    def _find_roles(self, staff_id: str, group_id: str | None) -> frozenset[Role]:
        roles: set[Role] = set()
        if staff_id == self.principal:
            roles.add(Role.PRINCIPAL)
        if any(v.staff_id == staff_id for v in self.vice_principals):
            roles.add(Role.VICE_PRINCIPAL)
        if staff_id in self.clerks:
            roles.add(Role.CLERK)
        if staff_id in self.admins:
            roles.add(Role.ADMIN)
        if staff_id in self.inspectors:
            roles.add(Role.INSPECTOR)
        if group_id is None:
            groups = list(self.groups.values())
        else:
            groups = [self.groups[group_id]] if group_id in self.groups else []
        for group in groups:
            if staff_id in group.members:
                roles.add(Role.TEACHER)
            if staff_id == group.head:
                roles.add(Role.GROUP_HEAD)
            if staff_id in group.deputies:
                roles.add(Role.GROUP_DEPUTY)
            if staff_id in group.team_leads:
                roles.add(Role.TEAM_LEAD)
        return frozenset(roles)
