"""Front-matter values from what a Word document says: its "Nhãn: giá trị" lines.

Lesson plans, plans and minutes open with lines such as "Trường: THCS …", "Tổ: Khoa học tự
nhiên", "Họ và tên giáo viên: …", "TÊN BÀI DẠY: PHÂN SỐ", "Môn học: Toán; Lớp: 6A",
"Thời gian thực hiện: 2 tiết", "Tuần: 6", "Ngày dạy: 13/10/2025"; minutes say "Thời gian: 14
giờ 00, ngày 15/10/2025", "Địa điểm: …", "Chủ trì: …", "Thư ký: …", "Thành phần: …".

A label is the words just before a colon whose folded form is one of :data:`LABELS` (the
longest wins, so "Họ và tên giáo viên" is not "giáo viên"); its value runs to the next label.
Values become the strings ``hsdt new --set`` takes (dates ISO, times ``HH:MM``, people as staff
ids found by their names in the roster); only keys the record type has are filled, the first
occurrence wins, and a value that cannot be read is reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hsdt.importer.convert import Block
from hsdt.importer.inlines import block_text, fold, fold_word, is_upper
from hsdt.model.record_type import RecordType
from hsdt.model.school import School

LABELS: dict[str, str] = {
    "ho va ten giao vien": "author",
    "giao vien thuc hien": "author",
    "giao vien": "author",
    "nguoi soan": "author",
    "nguoi lap": "author",
    "ten bai day": "title",
    "ten bai hoc": "title",
    "ten bai": "title",
    "bai day": "title",
    "mon hoc hoat dong giao duc": "subject",
    "mon hoc": "subject",
    "mon": "subject",
    "hoat dong giao duc": "subject",
    "nhom lop": "class",
    "lop": "class",
    "thoi gian thuc hien": "span",
    "so tiet": "periods",
    "ngay day": "day",
    "ngay giang": "day",
    "ngay thuc hien": "day",
    "tuan": "week",
    "chu de nhanh": "topic",
    "chu de": "topic",
    "to chuyen mon": "group",
    "to": "group",
    "truong": "school",
    "thoi gian": "when",
    "dia diem": "place",
    "chu tri": "chair",
    "chu toa": "chair",
    "thu ky": "secretary",
    "thanh phan tham du": "present",
    "thanh phan": "present",
    "thanh vien co mat": "present",
    "co mat": "present",
    "vang mat": "absent",
    "vang": "absent",
}
"""Folded label → what it gives."""

_LONGEST = max(len(k.split()) for k in LABELS)
_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_TIME = re.compile(r"(\d{1,2})\s*(?:giờ|h|g|:)\s*(\d{2})?(?!\s*[/.\-]\s*\d)", re.I)
_INT = re.compile(r"\d+")
_TITLE_LINE = re.compile(r"^(bai|tiet)\s+\d+")


@dataclass(frozen=True)
class FoundField:
    """A front-matter value read from the document."""

    key: str
    """The front-matter key filled."""
    value: str
    """The value, as ``--set`` would take it."""
    label: str
    """The document's words it came from ("Môn học: Toán")."""


@dataclass(frozen=True)
class Extraction:
    """What the header lines gave."""

    values: dict[str, str]
    """Key → value for ``--set``."""
    found: tuple[FoundField, ...]
    """Each value with where it came from."""
    used: frozenset[int]
    """Indices (in the blocks given) of paragraphs made entirely of labels now in the front
    matter: the record does not repeat them."""
    unread: tuple[str, ...]
    """Label lines whose value could not be used ("Chủ trì: (name not in the roster)")."""


def segments(text: str) -> list[tuple[str, str, str]]:
    """``Môn học: Toán; Lớp: 6A`` → [("subject", "Môn học", "Toán"), ("class", "Lớp", "6A")];
    the text before the first label (if any) is returned with slot ``""``."""
    words = text.split(" ")
    starts: list[tuple[int, int, str]] = []  # (first word, word after colon, slot)
    for i, word in enumerate(words):
        if not word.endswith(":"):
            continue
        for size in range(min(_LONGEST, i + 1), 0, -1):
            label = " ".join(fold_word(w) for w in words[i - size + 1 : i + 1]).strip()
            if label in LABELS and (not starts or i - size + 1 >= starts[-1][1]):
                starts.append((i - size + 1, i + 1, LABELS[label]))
                break
    out: list[tuple[str, str, str]] = []
    if not starts:
        return [("", "", text)]
    if starts[0][0] > 0:
        out.append(("", "", " ".join(words[: starts[0][0]])))
    for n, (first, after, slot) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(words)
        label = " ".join(words[first:after]).rstrip(":")
        value = " ".join(words[after:end]).strip(" ;,.|–-")
        out.append((slot, label, value))
    return out


def parse_dates(text: str) -> list[str]:
    """The dates in ``text`` as ISO strings; ``13/10 đến 17/10/2025`` takes the year of the
    next full date."""
    found: list[tuple[int, int, int | None]] = [
        (int(d), int(m), int(y)) for d, m, y in _DATE_WORDS.findall(text)
    ]
    if not found:
        found = [(int(d), int(m), int(y) if y else None) for d, m, y in _DATE.findall(text)]
    out: list[str] = []
    for index, (day, month, given) in enumerate(found):
        year = given
        if year is None:
            year = next((y for _d, _m, y in found[index + 1 :] if y is not None), None)
        if year is None:
            continue
        try:
            out.append(date(year, month, day).isoformat())
        except ValueError:
            continue
    return out


def parse_time(text: str) -> str | None:
    """``14 giờ 00``, ``14h``, ``14:30`` → ``14:00``/``14:30``."""
    found = _TIME.search(_DATE_WORDS.sub(" ", text))
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def staff_in(school: School, text: str) -> list[str]:
    """The staff ids whose full names appear in ``text``, in the order they appear."""
    folded = f" {fold(text)} "
    hits: list[tuple[int, str]] = []
    for person in school.staff.values():
        where = folded.find(f" {fold(person.name)} ")
        if where >= 0:
            hits.append((where, person.id))
    return [pid for _w, pid in sorted(hits)]


def group_named(school: School, text: str) -> str | None:
    """The subject group ``text`` names ("Khoa học tự nhiên", "Tổ Mẫu giáo")."""
    wanted = _group_words(text)
    if not wanted:
        return None
    for group in school.groups.values():
        name = _group_words(group.name)
        if wanted == fold(group.id) or f" {wanted} " in f" {name} " or name.startswith(wanted):
            return group.id
    return None


def _group_words(text: str) -> str:
    folded = fold(text)
    for prefix in ("to chuyen mon ", "to "):
        folded = folded.removeprefix(prefix)
    return folded.strip()


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:].lower() if is_upper(text) else text


def _has(record_type: RecordType, key: str) -> bool:
    return record_type.field(key) is not None


def _values(
    slot: str, value: str, record_type: RecordType, school: School
) -> dict[str, str] | None:
    """The keys a label fills; None when its value cannot be read."""
    date_key = record_type.date_key
    out: dict[str, str] = {}
    if slot == "author":
        ids = staff_in(school, value)
        if not ids:
            return None
        out[record_type.author_key] = ids[0]
    elif slot == "title":
        out["tieu_de"] = _sentence_case(value)
    elif slot == "subject":
        out["mon"] = value
    elif slot == "class":
        out["nhom_lop" if _has(record_type, "nhom_lop") else "lop"] = value
    elif slot == "topic":
        out["chu_de"] = value
    elif slot in ("periods", "span", "week"):
        dates = parse_dates(value) if slot == "span" else []
        number = _INT.search(value)
        if slot == "span" and dates:
            if _has(record_type, "tu_ngay"):
                out["tu_ngay"] = dates[0]
                if len(dates) > 1 and _has(record_type, "den_ngay"):
                    out["den_ngay"] = dates[-1]
            elif date_key:
                out[date_key] = dates[0]
        if slot != "span" or "tiet" in fold(value):
            if number is None:
                return None
            out["tuan" if slot == "week" else "so_tiet"] = number.group(0)
        if not out:
            return None
    elif slot in ("day", "when"):
        dates = parse_dates(value)
        if dates and date_key:
            out[date_key] = dates[0]
        when = parse_time(value) if slot == "when" else None
        if when is not None and _has(record_type, "gio_bat_dau"):
            out["gio_bat_dau"] = when
        if not out:
            return None
    elif slot == "group":
        group = group_named(school, value)
        if group is None:
            return None
        out["to"] = group
    elif slot == "place":
        out["dia_diem"] = value
    elif slot in ("chair", "secretary"):
        ids = staff_in(school, value)
        if not ids:
            return None
        out["chu_tri" if slot == "chair" else "thu_ky"] = ids[0]
    elif slot in ("present", "absent"):
        ids = staff_in(school, value)
        if not ids:
            return {} if fold(value) in ("khong", "khong co", "") else None
        out["thanh_phan" if slot == "present" else "vang"] = ",".join(ids)
    elif slot == "school":
        return {}
    return {k: v for k, v in out.items() if k in ("tieu_de",) or _has(record_type, k)}


def extract(
    preamble: list[Block], body: list[Block], record_type: RecordType, school: School
) -> Extraction:
    """Front-matter values from the header lines of ``preamble`` (paragraphs made only of
    labels are ``used``) and then of ``body`` (kept in the record as they are)."""
    values: dict[str, str] = {}
    found: list[FoundField] = []
    used: set[int] = set()
    unread: list[str] = []
    in_tables = [p for b in preamble if b.get("t") == "Table" for p in _paragraphs(b)]
    for index, block in enumerate([*preamble, *_flat(body), *in_tables]):
        text = block_text(block)
        if not text or block.get("t") == "Header":
            continue
        in_preamble = index < len(preamble)
        parts = segments(text)
        complete = True
        for slot, label, value in parts:
            if not slot:
                complete = complete and not value.strip(" ;,.")
                if in_preamble and "tieu_de" not in values and _TITLE_LINE.match(fold(value)):
                    values["tieu_de"] = _sentence_case(value)
                    found.append(FoundField("tieu_de", values["tieu_de"], value))
                    complete = True
                continue
            got = _values(slot, value, record_type, school)
            if got is None:
                if value and in_preamble:
                    unread.append(f"{label}: {value}")
                    complete = False
                continue
            for key, item in got.items():
                if key not in values:
                    values[key] = item
                    found.append(FoundField(key, item, f"{label}: {value}"))
        if (in_preamble and complete and any(slot for slot, _l, _v in parts)) or (
            in_preamble and complete and parts and _TITLE_LINE.match(fold(parts[0][2]))
        ):
            used.add(index)
    return Extraction(values, tuple(found), frozenset(used), tuple(unread))


def _flat(blocks: list[Block]) -> list[Block]:
    """Paragraphs of ``blocks`` with those of list items (minutes list their header lines)."""
    out: list[Block] = []
    for block in blocks:
        kind = block.get("t")
        if kind == "BulletList":
            out.extend(_flat([b for item in block["c"] for b in item]))
        elif kind == "OrderedList":
            out.extend(_flat([b for item in block["c"][1] for b in item]))
        else:
            out.append(block)
    return out


def _paragraphs(node: object) -> list[Block]:
    """Every paragraph inside ``node`` (a table's cells: header lines laid out in a table)."""
    out: list[Block] = []
    if isinstance(node, dict):
        if node.get("t") in ("Para", "Plain"):
            return [node]
        for value in node.values():
            out.extend(_paragraphs(value))
    elif isinstance(node, list):
        for item in node:
            out.extend(_paragraphs(item))
    return out
