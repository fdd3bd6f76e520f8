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
from typing import Any

from hsdt.model.record import Record
from hsdt.model.school import School
from hsdt.rules.stored import record_from_text


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
        record = record_from_text(school, path, blob.decode("utf-8", "replace"), located=True)
        if record is not None:
            out[key] = record
    return out


def front_matter_values(text: str) -> dict[str, Any]:
    """The front matter's top-level values only, read with libyaml when present (the queue
    matches a whole school's weekly records by their ``tuan`` and date keys, and the strict
    loader of ``hsdt check`` costs a millisecond or two a file). Empty when there is none or it
    does not parse: such a record is reported by ``hsdt check`` and the server, not here."""
    import yaml

    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        # a safe loader; the records on main passed the strict loader on the server
        data = yaml.load("\n".join(lines[1:end]), Loader=loader)
    except yaml.YAMLError:
        return {}
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}


def read_values(root: Path, blobs: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """``path → blob id`` read in one ``cat-file --batch``: each file's front-matter values."""
    from hsdt.git.tree import read_by_id

    return {
        path: front_matter_values(data.decode("utf-8", "replace"))
        for path, data in read_by_id(root, blobs).items()
    }
