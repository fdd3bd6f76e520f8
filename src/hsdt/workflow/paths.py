"""What a record's path says about it: school year, group, author, type; and where its signed
PDF lives.

The path convention (checked by the ``duong-dan`` rule) is
``records/<nam_hoc>/<to>/<giao_vien>/<loai>/<file>.md`` for a teacher's record,
``records/<nam_hoc>/<to>/<loai>/<file>.md`` for a group's and
``records/<nam_hoc>/truong/<loai>/<file>.md`` for the school's. The signed PDF of a record is
``signatures/<path without records/ and .md>.pdf`` with its evidence beside it as ``.json``;
``hsdt publish`` writes them there and ``hsdt status`` looks for them there.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

SCHOOL_GROUP = "truong"
SIGNATURES_DIR = "signatures"
ALLOWED_SIGNERS = "signatures/allowed_signers"


@dataclass(frozen=True)
class RecordPlace:
    """What the path of a record tells."""

    path: str
    """The record path."""
    year: str
    """School year."""
    group: str | None
    """Subject group id; None for a school record."""
    owner: str | None
    """The teacher whose folder holds it; None for a group's or the school's record."""
    type_id: str
    """The folder's record type."""


@functools.lru_cache(maxsize=1 << 16)
def place_of(path: str) -> RecordPlace | None:
    """The place of a record path, or None when the path does not follow the convention
    (remembered: a report asks it of every record several times)."""
    parts = path.split("/")
    if parts[0] != "records" or len(parts) not in (5, 6):
        return None
    group = None if parts[2] == SCHOOL_GROUP else parts[2]
    owner = parts[3] if len(parts) == 6 else None
    if group is None and owner is not None:
        return None
    return RecordPlace(path, parts[1], group, owner, parts[-2])


def signed_pdf_path(record_path: str) -> str:
    """``signatures/<…>.pdf`` for ``records/<…>.md``."""
    inner = record_path.removeprefix("records/").removesuffix(".md")
    return f"{SIGNATURES_DIR}/{inner}.pdf"


def evidence_path(record_path: str) -> str:
    """``signatures/<…>.json``: the approval evidence beside the signed PDF."""
    return signed_pdf_path(record_path).removesuffix(".pdf") + ".json"


def record_of_signed(path: str) -> str | None:
    """The record a signed PDF or evidence file belongs to, or None."""
    if not path.startswith(SIGNATURES_DIR + "/"):
        return None
    for suffix in (".pdf", ".json"):
        if path.endswith(suffix):
            inner = path[len(SIGNATURES_DIR) + 1 : -len(suffix)]
            return f"records/{inner}.md"
    return None
