"""The site's page models: frozen values the templates render, knowing nothing of MkDocs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Field:
    """One metadata line of a record page."""

    label: str
    """The Vietnamese label (``ngày dạy``)."""
    value: str
    """The value as shown (dates ``dd/mm/yyyy``, staff ids as names)."""


@dataclass(frozen=True)
class Approval:
    """One satisfied step of the approval chain."""

    name: str
    """The approver's name from the roster (the staff id when unknown)."""
    role: str
    """The role's label (``tổ trưởng``)."""
    at: datetime
    """When the server received the approval (Vietnam time)."""


@dataclass(frozen=True)
class SignatureView:
    """One PDF signature as verified at build time."""

    signer: str
    """The certificate's common name."""
    role: str
    """The place it signs (label), empty when it claims none."""
    signed_at: str | None
    """The timestamp's time, else the time the signer's software claims (ISO 8601)."""
    valid: bool
    """Intact and cryptographically correct."""
    trusted: bool
    """Chains to the school's trusted roots and names the person of its place."""


@dataclass(frozen=True)
class PdfCheck:
    """The build-time verification of a signed PDF (cached by blob id)."""

    ok: bool
    """Every signature good and the attached source matches (what ``hsdt verify`` says)."""
    signatures: tuple[SignatureView, ...]
    """Each signature."""
    problems: tuple[str, ...]
    """Why it is not ok, in Vietnamese."""


@dataclass(frozen=True)
class RecordPage:
    """One published record."""

    path: str
    """The record's repository path."""
    parts: tuple[str, ...]
    """Its page's URL components (:func:`hsdt.site.urls.record_parts`)."""
    title: str
    """``tieu_de``."""
    year: str
    """School year."""
    group: str
    """Group id (``truong`` for the school's records)."""
    group_name: str
    """Group name."""
    owner: str | None
    """The teacher's staff id; None for a group's or the school's record."""
    owner_name: str
    """The teacher's name (or the group's/school's name)."""
    type_id: str
    """Record type id."""
    type_name: str
    """Record type name."""
    week: int | None
    """Teaching week (``tuan``, else the week of the type's main date)."""
    day: date | None
    """The type's main date (``ngay_day``, ``ngay_hop``…) when it has one."""
    fields: tuple[Field, ...]
    """Metadata shown, personal fields left out."""
    body_html: str
    """The body, sanitised like the PDF's (empty until the page is written: see
    :func:`hsdt.site.records.body_html`)."""
    approvals: tuple[Approval, ...]
    """The approval chain."""
    approved_at: datetime | None
    """When the last approval was received."""
    pdf: str
    """The signed PDF's repository path."""
    pdf_blob: str
    """Its blob id (the verification cache's key)."""
    pdf_published: bool
    """Whether the PDF is offered for download (False when a personal field is filled in:
    the signed PDF carries the whole source)."""
    source_blob: str = ""
    """The record file's blob id at the built commit."""
    state_label: str = ""
    """Its state in the school's words (:func:`hsdt.workflow.labels.status_label`)."""
