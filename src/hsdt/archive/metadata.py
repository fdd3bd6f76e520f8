"""The package's manifest of records (``ho-so.json``, ``ho-so.csv``): one row per signed PDF,
with what the school's history says about it and the archival metadata of a hồ sơ.

Archival fields follow the metadata of a hồ sơ in Luật Lưu trữ 2024 and the standard on
electronic records' metadata (Thông tư 05/2025/TT-BNV, which carries over the fields of
Nghị định 30/2020/NĐ-CP Phụ lục VI and Thông tư 02/2019/TT-BNV). docs/luu-tru.md lists each
field, where hsdt takes it from, and the defaults a school may need to change. One record
(one Markdown file and its signed PDF) is one hồ sơ.

The CSV is UTF-8 with a byte-order mark, so that spreadsheet programs show Vietnamese.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from hsdt.archive.inventory import Entry, front_matter
from hsdt.model.policy import Visibility
from hsdt.model.school import School
from hsdt.model.timeutil import to_vn
from hsdt.workflow.paths import place_of

RETENTION: Mapping[str, str] = {
    "kh-nha-truong": "Vĩnh viễn",
    "kh-nam-mn": "Vĩnh viễn",
    "kh-to": "10 năm",
    "kh-day-hoc-to": "10 năm",
    "kh-hoat-dong-to": "10 năm",
    "bien-ban-hop-to": "10 năm",
    "bien-ban-sua": "10 năm",
}
"""Thời hạn lưu trữ by record type; every other type (lesson plans, weekly plans…):
:data:`DEFAULT_RETENTION`. A proposal after the retention lists for schools' records; the
school's own list (danh mục hồ sơ) decides."""

DEFAULT_RETENTION = "05 năm"

ACCESS: Mapping[Visibility, str] = {
    Visibility.PUBLIC: "Công khai",
    Visibility.INTERNAL: "Hạn chế (nội bộ nhà trường)",
    Visibility.PRIVATE: "Hạn chế (người lập, người duyệt, lãnh đạo)",
}
"""Mức độ tiếp cận from the type's visibility (``cong_khai``)."""

LANGUAGE = "Tiếng Việt"

COLUMNS = (
    "ma_ho_so",
    "tieu_de",
    "duong_dan",
    "ban_pdf",
    "loai",
    "ten_loai",
    "tac_gia",
    "ho_ten_tac_gia",
    "to",
    "nam_hoc",
    "ngay",
    "thoi_diem_nhan",
    "thoi_diem_duyet",
    "chuoi_duyet",
    "chu_ky",
    "bien_ban_sua",
    "thoi_gian_bat_dau",
    "thoi_gian_ket_thuc",
    "thoi_han_luu_tru",
    "muc_do_tiep_can",
    "ngon_ngu",
    "so_luong_trang",
    "so_luong_van_ban",
    "sha256_nguon",
    "sha256_pdf",
    "sha256_pdf_trong_kho",
)
"""The manifest's fields, in the CSV's column order (``sha256_pdf`` is the package's copy,
``sha256_pdf_trong_kho`` the one in git: they differ when ``--lta`` augmented it)."""


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _iso(moment: datetime | None) -> str | None:
    return to_vn(moment).isoformat(timespec="seconds") if moment is not None else None


def record_row(
    entry: Entry,
    files: Mapping[str, bytes],
    school: School,
    check: Mapping[str, Any],
    received: datetime | None,
    meta: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest row of one signed PDF (``meta``: its record's front matter, when the
    caller has read it already)."""
    if meta is None:
        meta = front_matter(files, entry.record)
    place = place_of(entry.record)
    type_id = _text(meta.get("loai")) or (place.type_id if place else "")
    record_type = school.types.get(type_id)
    author = _text(meta.get(record_type.author_key)) if record_type else ""
    date_key = record_type.date_key if record_type else None
    day = _text(meta.get(date_key)) if date_key else ""
    year = _text(meta.get("nam_hoc")) or (place.year if place else "")
    evidence: dict[str, Any] = {}
    if entry.evidence is not None:
        try:
            evidence = json.loads(files[entry.evidence])
        except (ValueError, KeyError):
            evidence = {}
    chain = [
        {
            "nguoi_duyet": e.get("nguoi_duyet"),
            "vai_tro": e.get("vai_tro"),
            "thoi_diem": e.get("thoi_diem"),
            "commit": e.get("commit"),
        }
        for e in evidence.get("bang_chung_duyet") or []
        if isinstance(e, dict)
    ]
    approved_at = evidence.get("thoi_diem_duyet")
    policy = school.policy.types.get(type_id)
    visibility = policy.visibility if policy else Visibility.INTERNAL
    stem = entry.pdf.removeprefix("signatures/").removesuffix(".pdf")
    signatures = [
        {
            "nguoi_ky": s["nguoi_ky"],
            "vai_tro": s["vai_tro"],
            "thoi_diem_ky": s["thoi_diem_ky"],
            "muc_pades": s["muc_pades"],
        }
        for s in check["chu_ky"]
    ]
    start = _iso(received) or approved_at
    staff = school.staff.get(author)
    return {
        "ma_ho_so": f"{school.id}.{year[:4]}.{stem.replace('/', '.')}",
        "tieu_de": _text(meta.get("tieu_de")) or stem.rsplit("/", 1)[-1],
        "duong_dan": entry.record,
        "ban_pdf": entry.pdf,
        "loai": type_id,
        "ten_loai": record_type.name if record_type else "",
        "tac_gia": author,
        "ho_ten_tac_gia": staff.name if staff else "",
        "to": place.group if place and place.group else "",
        "nam_hoc": year,
        "ngay": day,
        "thoi_diem_nhan": _iso(received),
        "thoi_diem_duyet": approved_at,
        "chuoi_duyet": chain,
        "chu_ky": signatures,
        "bien_ban_sua": list(entry.corrections),
        "thoi_gian_bat_dau": start,
        "thoi_gian_ket_thuc": approved_at,
        "thoi_han_luu_tru": RETENTION.get(type_id, DEFAULT_RETENTION),
        "muc_do_tiep_can": ACCESS[visibility],
        "ngon_ngu": LANGUAGE,
        "so_luong_trang": check["so_trang"],
        "so_luong_van_ban": 1 + len(entry.corrections),
        "sha256_nguon": check["sha256_nguon"],
        "sha256_pdf": check["sha256_pdf"],
    }


def manifest_json(info: Mapping[str, Any], rows: list[dict[str, Any]]) -> bytes:
    """``ho-so.json``: the package's facts and the rows."""
    payload = {**info, "ho_so": rows}
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"


def _cell(value: Any) -> str:
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                # keys sorted, as in ho-so.json, so the CSV is a function of the JSON
                parts.append(" ".join(_text(item[k]) for k in sorted(item) if item[k] is not None))
            else:
                parts.append(_text(item))
        return "; ".join(parts)
    return _text(value)


def manifest_csv(rows: list[dict[str, Any]]) -> bytes:
    """``ho-so.csv``: one line per row, lists joined with '; ', UTF-8 with BOM, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in COLUMNS])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
