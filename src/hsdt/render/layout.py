"""What a record's printed page says, decided before any HTML: the view of one record.

Pure functions of (record, record type, school, approvals, date) → :class:`DocumentView`. The
figures and wording follow Nghị định 30/2020/NĐ-CP, Phụ lục I (see docs/in-ho-so.md): the
parent body and the issuing body top left, the national title and motto top right, the number
line, the italic place-and-date line, the document type and subject, and the signature block
whose places come from the school's ``chu_ky`` for the type, in the order they sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from hsdt.model.manifest import AUTHOR, SEAL
from hsdt.model.record_type import FieldKind, LayoutKind, PathKind
from hsdt.model.school import Role

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hsdt.model.record import Record
    from hsdt.model.record_type import RecordType
    from hsdt.model.school import School

ROLE_TITLES = {
    Role.TEACHER: "GIÁO VIÊN",
    Role.GROUP_HEAD: "TỔ TRƯỞNG",
    Role.GROUP_DEPUTY: "TỔ PHÓ",
    Role.TEAM_LEAD: "NHÓM TRƯỞNG",
    Role.PRINCIPAL: "HIỆU TRƯỞNG",
    Role.VICE_PRINCIPAL: "PHÓ HIỆU TRƯỞNG",
    Role.CLERK: "VĂN THƯ",
    Role.ADMIN: "QUẢN TRỊ",
}
"""Printed title of each role in a signature block."""

_ON_BEHALF = {
    # slot role → (deputy role → title lines when the deputy signs in its place)
    Role.GROUP_HEAD: {
        Role.GROUP_DEPUTY: ("KT. TỔ TRƯỞNG", "TỔ PHÓ"),
        Role.TEAM_LEAD: ("KT. TỔ TRƯỞNG", "NHÓM TRƯỞNG"),
    },
    Role.PRINCIPAL: {Role.VICE_PRINCIPAL: ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")},
}


@dataclass(frozen=True)
class SlotView:
    """One place in the signature block."""

    key: str
    """``nguoi_lap``, a role, or ``con_dau``."""
    title: tuple[str, ...]
    """Title lines (uppercase)."""
    staff_id: str | None
    """Who is expected to sign, when known."""
    name: str | None
    """Printed name under the place."""

    @property
    def field(self) -> str:
        """The PDF signature field name."""
        return f"hsdt.{self.key}"


@dataclass(frozen=True)
class DocumentView:
    """Everything the templates print for one record."""

    kind: LayoutKind
    """Layout family."""
    parent_body: str
    """Cơ quan chủ quản (printed uppercase, not bold)."""
    issuer: str
    """Issuing body (printed uppercase, bold)."""
    school_name: str
    """The school's name (lesson-plan header)."""
    group_name: str | None
    """The subject group's name, when the record belongs to one."""
    author_name: str | None
    """The author's full name."""
    number: str
    """The number line (``Số: …``)."""
    place_date: str
    """``An Thọ, ngày 05 tháng 01 năm 2026``."""
    doc_title: str
    """Document type line (uppercase)."""
    subject: str
    """The record's title (``tieu_de``)."""
    info: tuple[tuple[str, str], ...]
    """(label, value) lines under the title."""
    body_html: str
    """The sanitised body."""
    slots: tuple[SlotView, ...]
    """Personal signature places in signing order (the seal excluded)."""
    seal: bool
    """Whether the school's seal signs too (over the leadership's place)."""
    recipients: tuple[str, ...]
    """``Nơi nhận:`` lines."""
    landscape_tables: bool
    """Print wide tables on landscape pages."""

    @property
    def slots_display(self) -> tuple[SlotView, ...]:
        """Places left to right: the highest authority left, the author right."""
        return tuple(reversed(self.slots))

    @property
    def seal_over(self) -> str | None:
        """Key of the place the seal overlaps: the leadership's, else the last to sign."""
        if not self.seal or not self.slots:
            return None
        for slot in self.slots:
            if slot.key in (Role.PRINCIPAL, Role.VICE_PRINCIPAL):
                return slot.key
        return self.slots[-1].key


def vietnamese_date(day: date) -> str:
    """``ngày 05 tháng 01 năm 2026``: a leading zero for days below 10 and for months 1 and 2
    (Nghị định 30/2020, Phụ lục I)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def build_view(
    record: Record,
    record_type: RecordType,
    school: School,
    body_html: str,
    moment: datetime,
    approvals: Mapping[str, str] | None = None,
) -> DocumentView:
    """The view of ``record``; ``approvals`` maps a slot key to the staff id who approved it."""
    layout = record_type.layout
    group_id = record.get_str("to")
    group = school.groups.get(group_id) if group_id else None
    author = record.get_str(record_type.author_key)
    if record_type.path_kind is PathKind.SCHOOL or group is None:
        parent, issuer = school.parent_body, school.name
    else:
        parent, issuer = school.name, group.name
    day = record.get_date(layout.date_key) if layout.date_key else None
    number = record.get_str("so")
    code = f"/{layout.code}" if layout.code else ""
    policy = school.policy.types.get(record_type.id)
    keys = policy.signatures if policy else (AUTHOR,)
    slots = tuple(
        _slot(key, record, record_type, school, group_id, author, dict(approvals or {}))
        for key in keys
        if key != SEAL
    )
    return DocumentView(
        kind=layout.kind,
        parent_body=parent,
        issuer=issuer,
        school_name=school.name,
        group_name=group.name if group else None,
        author_name=_name(school, author),
        number=f"Số: {number}" if number else f"Số:        {code}",
        place_date=f"{school.place}, {vietnamese_date(day or moment.date())}",
        doc_title=layout.doc_title or _strip_aside(record_type.name).upper(),
        subject=record.get_str("tieu_de") or "",
        info=tuple(
            (_label(record_type, key), _value(record, record_type, school, key))
            for key in layout.info
            if record.meta.get(key) not in (None, "", ())
        ),
        body_html=body_html,
        slots=slots,
        seal=SEAL in keys,
        recipients=layout.recipients,
        landscape_tables=layout.landscape_tables,
    )


def _slot(
    key: str,
    record: Record,
    record_type: RecordType,
    school: School,
    group_id: str | None,
    author: str | None,
    approvals: dict[str, str],
) -> SlotView:
    override = dict(record_type.layout.titles).get(key)
    if key == AUTHOR:
        title = override or "NGƯỜI LẬP"
        return SlotView(key, tuple(title.split("\n")), author, _name(school, author))
    role = Role(key)
    signer = approvals.get(key) or _default_signer(role, school, group_id)
    title_lines: tuple[str, ...] = (override or ROLE_TITLES[role],)
    if signer is not None and override is None:
        held = school.roles_of(signer, group_id)
        if role not in held:
            for deputy, lines in _ON_BEHALF.get(role, {}).items():
                if deputy in held:
                    title_lines = lines
                    break
        if role is Role.VICE_PRINCIPAL:
            title_lines = ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")
    return SlotView(key, title_lines, signer, _name(school, signer))


def _default_signer(role: Role, school: School, group_id: str | None) -> str | None:
    if role is Role.PRINCIPAL:
        return school.principal
    if role is Role.VICE_PRINCIPAL:
        return school.vice_principals[0].staff_id if school.vice_principals else None
    group = school.groups.get(group_id) if group_id else None
    if group is None:
        return None
    if role is Role.GROUP_HEAD:
        return group.head
    if role is Role.GROUP_DEPUTY:
        return group.deputies[0] if group.deputies else None
    if role is Role.TEAM_LEAD:
        return group.team_leads[0] if group.team_leads else None
    return None


def _name(school: School, staff_id: str | None) -> str | None:
    if staff_id is None:
        return None
    staff = school.staff.get(staff_id)
    return staff.name if staff else staff_id


def _strip_aside(name: str) -> str:
    """A type's name without its parenthesised source (``(Công văn 5512, Phụ lục IV)``)."""
    cut = name.find(" (")
    return name[:cut] if cut > 0 else name


def _label(record_type: RecordType, key: str) -> str:
    spec = record_type.field(key)
    label = _strip_aside(spec.label) if spec else key
    return label[:1].upper() + label[1:]


def _value(record: Record, record_type: RecordType, school: School, key: str) -> str:
    value: Any = record.meta.get(key)
    spec = record_type.field(key)
    kind = spec.kind if spec else None
    if kind is FieldKind.STAFF and isinstance(value, str):
        return _name(school, value) or value
    if kind is FieldKind.STAFF_LIST and isinstance(value, tuple):
        return ", ".join(_name(school, v) or v for v in value)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, time):
        return f"{value.hour:02d} giờ {value.minute:02d}"
    return str(value)
