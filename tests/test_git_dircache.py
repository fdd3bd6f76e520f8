"""The JSON files hsdt keeps in a git directory (hsdt.git.dircache): entries come back under
the same header, anything else reads as nothing, and an unwritable place only costs time. The
two caches built on it have their own tests (test_git_changecache, test_report_metacache)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hsdt.git.dircache import cache_file, load_entries, save_entries


def test_entries_come_back_under_the_same_header(tmp_path: Path) -> None:
    path = cache_file(tmp_path, "x.json")
    assert path == tmp_path / "hsdt" / "x.json"
    save_entries(path, {"version": 2}, {"a": "đ", "b": [1]})
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "version": 2,
        "entries": {"a": "đ", "b": [1]},
    }
    assert load_entries(path, {"version": 2}) == {"a": "đ", "b": [1]}
    assert load_entries(path, {"version": 3}) == {}
    assert load_entries(path, {"version": 2, "stamp": "x"}) == {}


@pytest.mark.parametrize("text", ["{not json", "[]", '{"version": 2, "entries": []}', ""])
def test_a_broken_file_reads_as_nothing(tmp_path: Path, text: str) -> None:
    path = tmp_path / "hsdt" / "x.json"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    assert load_entries(path, {"version": 2}) == {}


def test_no_git_directory_or_an_unwritable_one_does_nothing(tmp_path: Path) -> None:
    assert cache_file(None, "x.json") is None
    assert load_entries(None, {}) == {}
    save_entries(None, {}, {"a": 1})  # nothing to write to
    blocker = tmp_path / "git"
    blocker.write_text("a file where the git directory would be", encoding="utf-8")
    save_entries(cache_file(blocker, "x.json"), {}, {"a": 1})  # no error
    assert blocker.read_text(encoding="utf-8").startswith("a file")
    assert load_entries(tmp_path / "missing.json", {}) == {}
