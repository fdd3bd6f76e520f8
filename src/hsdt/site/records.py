"""A published record's page model: its front matter checked against its type, personal
fields left out, staff ids turned into names, its body sanitised like the PDF's.

Only keys the record type declares are shown (an undeclared key is never published, whatever
it holds); a key the type marks ``ca_nhan: true`` is never shown, and when one is filled in the
signed PDF is not offered for download either, since the PDF embeds the record's whole source.
What a person types into the body cannot be told apart from lesson content: docs/trang-web.md
tells staff to keep pupils' personal data out of public record types' bodies.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from hsdt.errors import HsdtError
from hsdt.i18n import msg, tr
from hsdt.load.frontmatter import parse_front_matter
from hsdt.load.text import decode_text
from hsdt.model.record_type import FieldKind, RecordType
from hsdt.model.timeutil import to_vn
from hsdt.rules.schema import validate_meta
from hsdt.site.model import Approval, Field, RecordPage
from hsdt.site.urls import record_parts, safe_component
from hsdt.workflow.labels import status_label
from hsdt.workflow.paths import place_of

if TYPE_CHECKING:
    import markdown

    from hsdt.model.school import School
    from hsdt.workflow.status import RecordStatus

HIDDEN_KEYS = frozenset({"loai", "nam_hoc", "tieu_de", "to"})
"""Common keys shown elsewhere on the page (title, year, group, type)."""


class NotPublishable(HsdtError):
    """A published record whose source cannot be shown (unreadable, unknown type, bad path)."""


def format_day(day: date) -> str:
    """``05/09/2025``: the Vietnamese way of writing a date."""
    return day.strftime("%d/%m/%Y")


def role_label(key: str) -> str:
    """The label of a role or signature place (``to_truong`` → ``tổ trưởng``); an unknown
    key as itself."""
    from hsdt.i18n.catalog import CATALOG

    return tr(f"site.role.{key}") if f"site.role.{key}" in CATALOG else key


def _staff_name(school: School, staff_id: str) -> str:
    staff = school.staff.get(staff_id)
    return staff.name if staff is not None else staff_id


def _shown(value: Any, kind: FieldKind, school: School) -> str:
    if isinstance(value, date):
        return format_day(value)
    if kind is FieldKind.STAFF and isinstance(value, str):
        return _staff_name(school, value)
    if isinstance(value, (list, tuple)):
        if kind is FieldKind.STAFF_LIST:
            return ", ".join(_staff_name(school, str(v)) for v in value)
        return ", ".join(str(v) for v in value)
    return str(value)


def has_personal(raw_meta: dict[str, Any], record_type: RecordType) -> bool:
    """Whether a field the type marks personal is filled in."""
    for spec in record_type.fields:
        if spec.personal and raw_meta.get(spec.key) not in (None, "", [], ()):
            return True
    return False


def record_page(
    status: RecordStatus,
    data: bytes,
    school: School,
    pdf_blob: str,
    reuse: markdown.Markdown | None = None,
    *,
    body: bool = True,
    source_blob: str = "",
) -> RecordPage:
    """The page of a record đã công bố (``status``) whose source is ``data``; its body is
    rendered only when ``body`` (the build renders bodies while writing pages, in workers)."""
    from hsdt.render.markup import to_html

    place = place_of(status.path)
    if place is None:
        raise NotPublishable(msg("site.bad_path"), status.path)
    parts = record_parts(place)
    if not all(safe_component(p) for p in parts):
        raise NotPublishable(msg("site.bad_path"), status.path)
    raw = parse_front_matter(decode_text(data, status.path), status.path)
    record_type = school.types.get(place.type_id)
    if record_type is None:
        raise NotPublishable(msg("site.unknown_type", type=place.type_id), status.path)
    meta, _problems = validate_meta(raw, record_type)
    fields = []
    week = meta.get("tuan") if isinstance(meta.get("tuan"), int) else None
    day = meta.get(record_type.date_key) if record_type.date_key else None
    day = day if isinstance(day, date) else None
    for spec in record_type.fields:
        if spec.personal or spec.key in HIDDEN_KEYS or spec.key == record_type.author_key:
            continue
        if spec.key not in meta or meta[spec.key] in ("", [], ()):
            continue
        fields.append(Field(spec.label, _shown(meta[spec.key], spec.kind, school)))
    if week is None and day is not None:
        calendar = school.calendar_for(place.year)
        week = calendar.week_of(day) if calendar is not None else None
    group_id = place.group or "truong"
    group = school.groups.get(place.group) if place.group else None
    group_name = group.name if group is not None else school.name
    owner_name = _staff_name(school, place.owner) if place.owner is not None else group_name
    title = meta.get("tieu_de")
    approvals = tuple(
        Approval(_staff_name(school, e.approver), role_label(e.role.value), to_vn(e.at))
        for e in status.approvals
    )
    return RecordPage(
        path=status.path,
        parts=parts,
        title=title if isinstance(title, str) and title.strip() else parts[-1],
        year=place.year,
        group=group_id,
        group_name=group_name,
        owner=place.owner,
        owner_name=owner_name,
        type_id=record_type.id,
        type_name=record_type.name,
        week=week,
        day=day,
        fields=tuple(fields),
        body_html=to_html(raw.body, reuse) if body else "",
        approvals=approvals,
        approved_at=approvals[-1].at if approvals else None,
        pdf=status.signed_pdf or "",
        pdf_blob=pdf_blob,
        pdf_published=not has_personal(raw.meta, record_type),
        source_blob=source_blob,
        state_label=status_label(school, status),
    )


def body_html(path: str, data: bytes, reuse: markdown.Markdown | None = None) -> str:
    """The sanitised HTML of the body of the record ``data`` (the file at ``path``)."""
    from hsdt.render.markup import to_html

    return to_html(parse_front_matter(decode_text(data, path), path).body, reuse)
