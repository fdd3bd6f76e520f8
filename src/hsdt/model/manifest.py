"""The manifest a rendered record's PDF carries: what the PDF is of, and where each signature goes.

Rendering writes it as the PDF/A-3 attachment :data:`MANIFEST_NAME` (beside the Markdown source,
attached with ``AFRelationship=Source``); signing reads the signature slots from it to create the
signature fields in the signature block, and verification reads the source hash from it. It is
machine data, so its keys are English; the people it names are staff ids of the roster.

Pure data and JSON conversion only; no I/O.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MANIFEST_NAME = "hsdt-manifest.json"
"""File name of the manifest attachment inside the PDF."""

MANIFEST_FORMAT = 1
"""Version of the manifest's JSON shape."""

SEAL = "con_dau"
"""Slot key of the school's seal signature (the clerk's organisation certificate)."""

AUTHOR = "nguoi_lap"
"""Slot key of the record author's signature."""


class ManifestFormatError(ValueError):
    """The manifest JSON is not one hsdt wrote (callers turn it into an HsdtError)."""


@dataclass(frozen=True)
class SignatureSlot:
    """One signer's place in the signature block of the rendered PDF."""

    key: str
    """Which signature: ``nguoi_lap`` (the author), a role (``to_truong``, ``hieu_truong``…) or
    ``con_dau`` (the seal), as the school profile's ``chu_ky`` names it."""
    field: str
    """Name of the PDF signature field, e.g. ``hsdt.to_truong``."""
    title: str
    """Title printed above the place, lines separated by ``\\n``, e.g.
    ``KT. HIỆU TRƯỞNG\\nPHÓ HIỆU TRƯỞNG``."""
    staff_id: str | None
    """Staff id of the person expected to sign (the approver when known), None for the seal."""
    name: str | None
    """Full name printed under the place, None for the seal."""
    page: int
    """Page index (0-based) of the place."""
    box: tuple[float, float, float, float]
    """The place in PDF points, origin bottom-left: (x1, y1, x2, y2)."""


@dataclass(frozen=True)
class Manifest:
    """What a rendered PDF is of."""

    record_id: str
    """Repository-relative path of the record's Markdown source."""
    type_id: str
    """Record type id (``loai``)."""
    school_id: str
    """School id."""
    author: str | None
    """Staff id of the author (``giao_vien`` / ``nguoi_lap``…)."""
    source_name: str
    """File name of the attached Markdown source."""
    source_sha256: str
    """SHA-256 (hex) of the exact source bytes."""
    commit: str | None
    """Commit id the source was taken from, when known."""
    rendered_at: str
    """ISO 8601 moment (+07:00) stamped into the PDF (commit time or SOURCE_DATE_EPOCH)."""
    hsdt_version: str
    """Version of hsdt that rendered it."""
    slots: tuple[SignatureSlot, ...] = ()
    """Signature places, in signing order (the author first, the seal last)."""

    def slot(self, key: str) -> SignatureSlot | None:
        """The slot for ``key``, or None."""
        return next((s for s in self.slots if s.key == key), None)

    def to_json(self) -> bytes:
        """Canonical JSON bytes (sorted keys, UTF-8), identical for identical manifests."""
        data: dict[str, Any] = {
            "format": MANIFEST_FORMAT,
            "record_id": self.record_id,
            "type_id": self.type_id,
            "school_id": self.school_id,
            "author": self.author,
            "source_name": self.source_name,
            "source_sha256": self.source_sha256,
            "commit": self.commit,
            "rendered_at": self.rendered_at,
            "hsdt_version": self.hsdt_version,
            "slots": [
                {
                    "key": s.key,
                    "field": s.field,
                    "title": s.title,
                    "staff_id": s.staff_id,
                    "name": s.name,
                    "page": s.page,
                    "box": [round(v, 2) for v in s.box],
                }
                for s in self.slots
            ],
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        """Parse manifest bytes; raises :class:`ManifestFormatError` when they are not one."""
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
                raise ManifestFormatError("format")
            slots = tuple(
                SignatureSlot(
                    key=_text(s, "key"),
                    field=_text(s, "field"),
                    title=_text(s, "title"),
                    staff_id=_opt_text(s, "staff_id"),
                    name=_opt_text(s, "name"),
                    page=_int(s, "page"),
                    box=_box(s["box"]),
                )
                for s in data["slots"]
            )
            return cls(
                record_id=_text(data, "record_id"),
                type_id=_text(data, "type_id"),
                school_id=_text(data, "school_id"),
                author=_opt_text(data, "author"),
                source_name=_text(data, "source_name"),
                source_sha256=_text(data, "source_sha256"),
                commit=_opt_text(data, "commit"),
                rendered_at=_text(data, "rendered_at"),
                hsdt_version=_text(data, "hsdt_version"),
                slots=slots,
            )
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
            if isinstance(e, ManifestFormatError):
                raise
            raise ManifestFormatError(str(e)) from e


def _text(data: Any, key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise ManifestFormatError(key)
    return value


def _opt_text(data: Any, key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ManifestFormatError(key)
    return value


def _int(data: Any, key: str) -> int:
    value = data[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ManifestFormatError(key)
    return value


def _box(value: Any) -> tuple[float, float, float, float]:
    if not isinstance(value, list) or len(value) != 4:
        raise ManifestFormatError("box")
    x1, y1, x2, y2 = (float(v) for v in value)
    if not (x1 < x2 and y1 < y2):
        raise ManifestFormatError("box")
    return (x1, y1, x2, y2)
