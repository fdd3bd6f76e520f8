"""Records read from git objects for the history and the queues: front matter only, in bulk.

The queue needs a record's dates (``ngay_day``, ``tuan``…) to compute its approval deadline,
the history needs them for the locks and the correction records' ``ho_so_sua``. Both read many
``rev:path`` objects in one ``cat-file --batch`` (:func:`hsdt.git.objects.read_objects`) and
parse each with the same front-matter loader and schema as ``hsdt check``. A record that does
not parse is left out (``hsdt check`` and the server report why); it is never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from hsdt.errors import HsdtError
from hsdt.model.record import Record
from hsdt.model.school import School


def record_from_text(path: str, text: str, school: School) -> Record | None:
    """``text`` (a record file) as a :class:`Record`, or None when it does not parse or its
    type is not one the school uses."""
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
    lines = {str(k[0]): v for k, v in raw.located.lines.items() if len(k) == 1}
    return Record(path, record_type.id, meta, lines, "", raw.body_line, ())


def read_records(root: Path, school: School, specs: Mapping[str, str]) -> dict[str, Record]:
    """``key → rev:path`` (or a blob id) read in one ``cat-file --batch`` and parsed; the
    path of each record is the part after the colon (the key itself for blob ids)."""
    from hsdt.git.objects import read_objects

    if not specs:
        return {}
    data = read_objects(root, list(specs.values()))
    out: dict[str, Record] = {}
    for key, spec in specs.items():
        blob = data.get(spec)
        if blob is None:
            continue
        path = spec.partition(":")[2] or key
        record = record_from_text(path, blob.decode("utf-8", "replace"), school)
        if record is not None:
            out[key] = record
    return out
