"""The report's cache of front-matter values by blob id: what is stored comes back the same,
anything malformed, stale or unwritable is ignored (the run only reads the blobs again), and
only the entries a run used are kept. The end-to-end check (a second report reads no record
again, and gives the same facts) is in tests/test_report_facts.py."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from hsdt.report.metacache import FILE, MetaCache, decode, encode, fingerprint

KEYS = {"bao-giang": frozenset({"nam_hoc", "tuan", "tu_ngay"})}
BLOB = "3b18e512dba79e4c8300dd08aeb37f8e728b8dad"


def test_values_come_back_as_they_went() -> None:
    meta = {"nam_hoc": "2025-2026", "tuan": 7, "tu_ngay": date(2025, 10, 20)}
    entry = encode(meta)
    assert entry == ["nam_hoc", "2025-2026", "tuan", 7, "tu_ngay", {"d": 739544}]
    assert decode(json.loads(json.dumps(entry))) == meta


@pytest.mark.parametrize(
    "value", [True, [1, 2], {"a": 1}, 1.5, None, datetime(2025, 10, 20, 7, 30)]
)
def test_other_kinds_are_not_stored(value: object) -> None:
    assert encode({"tuan": value}) is None


@pytest.mark.parametrize(
    "entry",
    [
        "tuan",
        ["tuan"],
        [7, 7],
        ["tuan", True],
        ["tuan", 1.5],
        ["tu_ngay", {"d": "2025-10-20"}],
        ["tu_ngay", {"d": 0}],
        ["tu_ngay", {"d": 739544, "x": 1}],
        ["tuan", None],
    ],
)
def test_malformed_entries_are_ignored(entry: object) -> None:
    assert decode(entry) is None


def test_the_fingerprint_follows_the_keys() -> None:
    assert fingerprint(KEYS) == fingerprint(dict(KEYS))
    assert fingerprint(KEYS) != fingerprint({"bao-giang": frozenset({"nam_hoc", "tuan"})})


def test_a_run_keeps_only_what_it_used(tmp_path: Path) -> None:
    first = MetaCache.open(tmp_path, KEYS)
    assert first.get(BLOB, "bao-giang") is None
    first.put(BLOB, "bao-giang", {"tuan": 7})
    first.put("0" * 40, "bao-giang", {"tuan": 8})
    first.save()
    stored = json.loads((tmp_path / "hsdt" / FILE).read_text(encoding="utf-8"))
    assert stored == {
        "stamp": fingerprint(KEYS),
        "entries": {f"{BLOB}:bao-giang": ["tuan", 7], f"{'0' * 40}:bao-giang": ["tuan", 8]},
    }
    second = MetaCache.open(tmp_path, KEYS)
    assert second.get(BLOB, "bao-giang") == {"tuan": 7}
    assert second.get(BLOB, "khbd-trung-hoc") is None  # the same blob as another type
    second.save()  # the other blob is gone from the records: dropped
    stored = json.loads((tmp_path / "hsdt" / FILE).read_text(encoding="utf-8"))
    assert stored["entries"] == {f"{BLOB}:bao-giang": ["tuan", 7]}


def test_a_stale_or_broken_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "hsdt" / FILE
    cache = MetaCache.open(tmp_path, KEYS)
    cache.put(BLOB, "bao-giang", {"tuan": 7})
    cache.save()
    other = {"bao-giang": frozenset({"tuan"})}  # the profile now reads other keys
    assert MetaCache.open(tmp_path, other).get(BLOB, "bao-giang") is None
    for broken in ("{not json", "[]", json.dumps({"stamp": fingerprint(KEYS), "entries": []})):
        path.write_text(broken, encoding="utf-8")
        assert MetaCache.open(tmp_path, KEYS).get(BLOB, "bao-giang") is None
    path.write_text(
        json.dumps({"stamp": fingerprint(KEYS), "entries": {f"{BLOB}:bao-giang": ["tuan"]}}),
        encoding="utf-8",
    )
    assert MetaCache.open(tmp_path, KEYS).get(BLOB, "bao-giang") is None


def test_an_unwritable_git_directory_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "git"
    blocker.write_text("a file where the git directory would be", encoding="utf-8")
    cache = MetaCache.open(blocker, KEYS)
    cache.put(BLOB, "bao-giang", {"tuan": 7})
    cache.save()  # no error
    assert blocker.read_text(encoding="utf-8").startswith("a file")
    nowhere = MetaCache.open(None, KEYS)
    nowhere.put(BLOB, "bao-giang", {"tuan": 7})
    nowhere.save()
    assert nowhere.get(BLOB, "bao-giang") is None
