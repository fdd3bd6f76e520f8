"""The principal's periodic sign-off (seed 000 Điều 10: "Hiệu trưởng phải có ký số phê duyệt
theo kế hoạch kiểm tra"): one act signs a whole period's records.

``hsdt ky-duyet-ky --tuan N`` writes a summary record (type ``ky-duyet-ky``) listing every
record approved on ``main`` for teaching week N with the SHA-256 of its file. The summary then
goes the ordinary way: submitted, approved by the principal (an SSH-signed approval merge), and
published, where the principal's one personal signature on its PDF covers every listed record.
The hashes bind that signature to the exact content: the server refuses the approval merge of a
summary whose listing does not match the files in the tree being merged (a record changed since,
a made-up hash, a path that is not there).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hsdt.errors import UsageError
from hsdt.git.tree import list_blob_ids, read_by_id
from hsdt.i18n import Msg, msg
from hsdt.model.record import Record
from hsdt.model.school import School
from hsdt.repo import is_record_path
from hsdt.rules.extension import record_week
from hsdt.rules.lock import CORRECTION_TYPE
from hsdt.rules.stored import record_from_bytes
from hsdt.rules.years import record_year

SIGNOFF_TYPE = "ky-duyet-ky"
"""The summary record's type."""


@dataclass(frozen=True)
class Listed:
    """One record a summary signs off."""

    path: str
    """The record path."""
    sha256: str
    """SHA-256 (hex) of the record file's bytes."""

    def line(self) -> str:
        """The ``ho_so_ky`` entry: ``<sha256> <path>``."""
        return f"{self.sha256} {self.path}"


def period_records(root: Path, school: School, year: str, week: int, rev: str) -> list[Listed]:
    """Records in the tree of ``rev`` (main) whose school year is ``year`` and teaching week
    ``week``, sorted by path; corrections and earlier summaries left out. Two git calls."""
    blobs = {p: b for p, b in list_blob_ids(root, rev, ["records"]).items() if is_record_path(p)}
    out = []
    for path, data in sorted(read_by_id(root, blobs).items()):
        record = record_from_bytes(school, path, data)
        if record is None or record.type_id in (CORRECTION_TYPE, SIGNOFF_TYPE):
            continue
        if record_year(record, school).year == year and record_week(record, school) == week:
            out.append(Listed(path, hashlib.sha256(data).hexdigest()))
    return out


def write_summary(
    root: Path, school: School, year: str, week: int, author: str, day: date, rev: str
) -> tuple[Path, int]:
    """Write the summary record of week ``week`` of ``year`` (records on ``rev``) into the
    working tree at its conventional path; returns the path and how many records it lists."""
    from hsdt.scaffold import new_record

    listed = period_records(root, school, year, week, rev)
    if not listed:
        raise UsageError(msg("signoff.empty", week=week, year=year, rev=rev))
    rows = "\n".join(
        f"| {i} | `{item.path}` | `{item.sha256}` |" for i, item in enumerate(listed, 1)
    )
    body = (
        "## I. Danh sách hồ sơ\n\n| STT | Hồ sơ | SHA-256 |\n|---|---|---|\n"
        f"{rows}\n\n## II. Ý kiến của hiệu trưởng\n\n- (Nhận xét chung; ký số phê duyệt.)\n"
    )
    pairs = {
        "tieu_de": f"Ký duyệt hồ sơ tuần {week}",
        "nam_hoc": year,
        "ngay_lap": day.isoformat(),
        "tuan": str(week),
        "nguoi_lap": author,
        "ho_so_ky": ",".join(item.line() for item in listed),
    }
    return new_record(root, school, SIGNOFF_TYPE, pairs, body=body), len(listed)


def listing(record: Record) -> tuple[list[Listed], list[str]]:
    """The summary's entries, and the lines that are not ``<64 hex digits> <record path>``."""
    good: list[Listed] = []
    bad: list[str] = []
    for entry in record.meta.get("ho_so_ky") or ():
        digest, _, path = str(entry).strip().partition(" ")
        path = path.strip()
        ok = len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)
        if ok and is_record_path(path) and ".." not in path.split("/"):
            good.append(Listed(path, digest))
        else:
            bad.append(str(entry))
    return good, bad


def mismatches(record: Record, files: Mapping[str, bytes]) -> list[Msg]:
    """Why the summary's listing does not match ``files`` (path → bytes in the tree judged)."""
    entries, bad = listing(record)
    out = [msg("signoff.bad_entry", entry=entry) for entry in bad]
    for item in entries:
        data = files.get(item.path)
        if data is None:
            out.append(msg("signoff.missing", path=item.path))
        elif hashlib.sha256(data).hexdigest() != item.sha256:
            out.append(msg("signoff.changed", path=item.path))
    if not entries and not bad:
        out.append(msg("signoff.nothing"))
    return out
