"""A record file read from history (a branch tip, a tree being judged) as a :class:`Record`:
what the rules that look at other records' content need (extensions, witnesses, sign-offs), and
what the reports read of many records at once (:mod:`hsdt.report.blobs`)."""

from __future__ import annotations

from hsdt.model.record import Record
from hsdt.model.school import School


def record_from_text(
    school: School, path: str, text: str, *, located: bool = False
) -> Record | None:
    """``text`` (a record file's content) as a Record, or None when it does not parse or its
    type is not one the school uses. ``located``: with the front matter's line numbers and
    without the body (what the reports keep of thousands of records); else with the body and
    no line numbers (what the rules read)."""
    from hsdt.errors import HsdtError
    from hsdt.load.frontmatter import parse_front_matter
    from hsdt.rules.schema import validate_meta

    try:
        raw = parse_front_matter(text, path)
    except HsdtError:
        return None
    type_id = raw.meta.get("loai")
    record_type = school.types.get(type_id) if isinstance(type_id, str) else None
    if record_type is None:
        return None
    meta, _problems = validate_meta(raw, record_type)
    if located:
        lines = {str(k[0]): v for k, v in raw.located.lines.items() if len(k) == 1}
        return Record(path, record_type.id, meta, lines, "", raw.body_line, ())
    return Record(path, record_type.id, meta, {}, raw.body, raw.body_line, ())


def record_from_bytes(school: School, path: str, data: bytes) -> Record | None:
    """``data`` (a record file read from history) as a Record, or None when it does not parse
    (nor decode): enough for the rules that read it (the checks proper report broken files)."""
    from hsdt.errors import HsdtError
    from hsdt.load.text import decode_text

    try:
        text = decode_text(data, path)
    except HsdtError:
        return None
    return record_from_text(school, path, text)
