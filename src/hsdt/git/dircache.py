"""The small JSON files hsdt keeps in a repository's own git directory (``<git dir>/hsdt/``):
never in the work tree, never pushed, never committed.

Each file is ``{<header>…, "entries": {key: value}}``: the header says what the entries depend
on (a format version, a fingerprint), and a file whose header differs, or that is missing,
unreadable or malformed, reads as no entries. Writes are atomic; a git directory that cannot
be written is left alone (the caller is only slower next time). Used by
:mod:`hsdt.git.changecache` and :mod:`hsdt.report.metacache`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FOLDER = "hsdt"


def cache_file(git_dir: Path | None, name: str) -> Path | None:
    """Where the file ``name`` of the repository whose git directory is ``git_dir`` lives
    (None without a git directory: nothing is read or written)."""
    return git_dir / FOLDER / name if git_dir is not None else None


def load_entries(path: Path | None, header: Mapping[str, object]) -> dict[str, Any]:
    """The entries of the file at ``path`` when its header is ``header``; else {}."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or any(data.get(k) != v for k, v in header.items()):
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def save_entries(
    path: Path | None, header: Mapping[str, object], entries: Mapping[str, Any]
) -> None:
    """Write ``entries`` under ``header`` atomically (nothing without a path, or when the git
    directory cannot be written)."""
    from hsdt.fsutil import atomic_write_text

    if path is None:
        return
    text = json.dumps({**header, "entries": entries}, ensure_ascii=False, separators=(",", ":"))
    try:
        # not fsynced: a file a power cut tears or empties reads as no entries (above)
        atomic_write_text(path, text, durable=False)
    except OSError:
        return
