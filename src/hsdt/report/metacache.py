"""The front-matter values the facts read, remembered by blob id between runs.

A school's report reads the few front-matter values it needs (year, week, main date, deadline
anchors) of every record on ``main``: on a year of 20,000 records that is 60 MB out of
``cat-file --batch`` and most of a run. A blob id names its content, so what was read of a blob
once holds for ever; a run reads only the blobs it has not seen (the records merged since) and
takes the others from ``<git dir>/hsdt/report-meta.json``.

The file belongs to the repository's own git directory (never in the work tree, never pushed,
never committed). Its entries are only what :func:`hsdt.report.facts` read itself from those
blobs, keyed by blob id and record type, under a fingerprint of the keys each type reads and of
this module's :data:`VERSION`: when the school's profile changes which keys count, or the
reading changes, every entry is dropped. A file that is missing, unreadable, of another version
or malformed is ignored and rewritten; a git directory that cannot be written is left alone
(the run is only slower). Only entries of the blobs used by the run are kept, so the file stays
the size of the records in play.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from hsdt.git.dircache import cache_file, load_entries, save_entries

VERSION = 2
"""Bump when what is stored for a blob changes meaning."""

FILE = "report-meta.json"

Meta = dict[str, Any]
"""A record's values: ``int``, ``str`` or :class:`datetime.date`."""


def fingerprint(keys: Mapping[str, frozenset[str]]) -> str:
    """What the entries depend on besides the blobs: the keys each type reads."""
    shape = {type_id: sorted(wanted) for type_id, wanted in sorted(keys.items())}
    text = json.dumps({"version": VERSION, "keys": shape}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def encode(meta: Meta) -> list[Any] | None:
    """``meta`` as a flat JSON-ready list ``[key, value, …]`` (a date as ``{"d": ordinal}``, the
    one JSON form no other value takes); None when a value is of another kind, a ``bool`` or a
    ``datetime`` included (not stored: read again next time)."""
    out: list[Any] = []
    for key, value in meta.items():
        kind = type(value)  # exact types: a bool is an int, a datetime a date, to isinstance
        if kind is int or kind is str:
            out += (key, value)
        elif kind is date:
            out += (key, {"d": value.toordinal()})
        else:
            return None
    return out


def decode(entry: Any) -> Meta | None:
    """The values of one stored entry; None when it is malformed."""
    if not isinstance(entry, list) or len(entry) % 2:
        return None
    meta: Meta = {}
    for index in range(0, len(entry), 2):
        key, value = entry[index], entry[index + 1]
        if not isinstance(key, str):
            return None
        if isinstance(value, dict):
            ordinal = value.get("d")
            if not isinstance(ordinal, int) or isinstance(ordinal, bool) or len(value) != 1:
                return None
            try:
                value = date.fromordinal(ordinal)
            except (ValueError, OverflowError):
                return None
        elif isinstance(value, bool) or not isinstance(value, int | str):
            return None
        meta[key] = value
    return meta


class MetaCache:
    """The remembered values of one repository (see the module's docstring)."""

    def __init__(self, path: Path | None, stamp: str, entries: dict[str, Any]) -> None:
        self.path = path
        self.stamp = stamp
        self._stored = entries
        self._used: dict[str, Any] = {}
        self._added = False

    @classmethod
    def open(cls, git_dir: Path | None, keys: Mapping[str, frozenset[str]]) -> MetaCache:
        """The cache of the repository whose git directory is ``git_dir`` (None: a cache that
        remembers nothing and writes nothing)."""
        stamp = fingerprint(keys)
        path = cache_file(git_dir, FILE)
        return cls(path, stamp, load_entries(path, {"stamp": stamp}))

    def get(self, blob: str, type_id: str) -> Meta | None:
        """The values read before from ``blob`` as a record of ``type_id``, if any."""
        key = f"{blob}:{type_id}"
        entry = self._stored.get(key)
        if entry is None:
            return None
        meta = decode(entry)
        if meta is not None:
            self._used[key] = entry
        return meta

    def put(self, blob: str, type_id: str, meta: Meta) -> None:
        """Remember what was read of ``blob``."""
        entry = encode(meta)
        if entry is not None:
            self._used[f"{blob}:{type_id}"] = entry
            self._added = True

    def save(self) -> None:
        """Write the entries this run used, when it added any or dropped some (a read-only
        repository: the next run reads the blobs again)."""
        if self._added or len(self._used) != len(self._stored):
            save_entries(self.path, {"stamp": self.stamp}, self._used)
