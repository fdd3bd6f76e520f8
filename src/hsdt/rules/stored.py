"""A record file read from history (a branch tip, a tree being judged) as a :class:`Record`:
what the rules that look at other records' content need (extensions, witnesses, sign-offs)."""

from __future__ import annotations

from hsdt.model.record import Record
from hsdt.model.school import School


def record_from_bytes(school: School, path: str, data: bytes) -> Record | None:
    """``data`` (a record file read from history) as a Record, or None when it does not parse:
    enough for the rules that read it (the checks proper report broken files)."""
    from hsdt.errors import HsdtError
    from hsdt.load.frontmatter import parse_front_matter
    from hsdt.load.text import decode_text
    from hsdt.rules.schema import validate_meta

    try:
        raw = parse_front_matter(decode_text(data, path), path)
    except HsdtError:
        return None
    type_id = raw.meta.get("loai")
    record_type = school.types.get(type_id) if isinstance(type_id, str) else None
    if record_type is None:
        return None
    meta, _problems = validate_meta(raw, record_type)
    return Record(path, record_type.id, meta, {}, raw.body, raw.body_line, ())
