"""The paths each commit changed against its first parent, remembered by commit id: on a real
repository with merges, main's history read through the cache is the history read by git alone
(cold and warm), a second run asks git nothing, and a broken, stale or unwritable cache only
costs time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hsdt.errors import GitError
from hsdt.git.changecache import FILE, VERSION, ChangeCache, read_changes
from hsdt.git.history import Change, parse_changes
from hsdt.workflow.approvals import main_history
from tests.conftest import git, write


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main with a plain commit, two merged branches (one of them touching a strange path) and
    a commit after them."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, "records/a.md", "a\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first")
    for branch, rel in (("nop/one", "records/b.md"), ("nop/two", 'records/t\tab "q".md')):
        git(root, "switch", "-q", "-c", branch)
        write(root, rel, "x\n")
        write(root, "records/a.md", f"a {branch}\n")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", branch)
        git(root, "switch", "-q", "main")
        git(root, "merge", "-q", "--no-ff", "-m", f"merge {branch}", branch)
    git(root, "rm", "-q", "records/b.md")
    git(root, "commit", "-q", "-m", "remove b")
    return root


def test_the_history_through_the_cache_is_gits(repo: Path) -> None:
    plain = main_history(repo, "refs/heads/main")
    cold = ChangeCache.open(repo / ".git")
    assert main_history(repo, "refs/heads/main", cold) == plain
    cold.save()
    stored = json.loads((repo / ".git" / "hsdt" / FILE).read_text(encoding="utf-8"))
    assert stored["version"] == VERSION
    assert set(stored["entries"]) == {c.sha for c in plain[0]}
    # the empty cache was filled from the line's own pass: what read_changes says of each
    remembered = {sha: parse_changes(entry) for sha, entry in stored["entries"].items()}
    assert remembered == read_changes(repo, [c.sha for c in plain[0]])
    warm = ChangeCache.open(repo / ".git")
    assert main_history(repo, "refs/heads/main", warm) == plain
    mainline = plain[0]
    assert [c.subject for c in mainline] == ["remove b", "merge nop/two", "merge nop/one", "first"]
    assert mainline[0].changes == (Change("D", "records/b.md"),)
    assert mainline[2].changes == (Change("M", "records/a.md"), Change("A", "records/b.md"))
    # git quotes the tab and the quotes; the raw text is kept, the same through the cache
    assert mainline[1].changes[1].path == 'records/t\\tab \\"q\\".md'


def test_a_warm_run_asks_git_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shas = git(repo, "rev-list", "--first-parent", "main").split()
    first = ChangeCache.open(repo / ".git")
    expected = first.changes(repo, shas)
    first.save()
    asked: list[list[str]] = []

    def spy(cwd: Path, wanted: list[str]) -> dict[str, tuple[Change, ...]]:
        asked.append(list(wanted))
        return read_changes(cwd, wanted)

    monkeypatch.setattr("hsdt.git.changecache.read_changes", spy)
    second = ChangeCache.open(repo / ".git")
    assert second.changes(repo, shas) == expected
    assert asked == [[]]
    # a new commit on main: only it is diffed
    write(repo, "records/c.md", "c\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "add c")
    new = git(repo, "rev-parse", "HEAD").strip()
    assert second.changes(repo, [new, *shas])[new] == (Change("A", "records/c.md"),)
    assert asked[-1] == [new]


def test_only_the_entries_a_run_used_are_kept(repo: Path) -> None:
    shas = git(repo, "rev-list", "--first-parent", "main").split()
    first = ChangeCache.open(repo / ".git")
    first.changes(repo, shas)
    first.save()
    second = ChangeCache.open(repo / ".git")
    second.changes(repo, shas[:1])
    second.save()
    stored = json.loads((repo / ".git" / "hsdt" / FILE).read_text(encoding="utf-8"))
    assert list(stored["entries"]) == shas[:1]


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        json.dumps({"version": VERSION + 1, "entries": {}}),
        json.dumps({"version": VERSION, "entries": []}),
    ],
)
def test_a_broken_or_stale_file_is_ignored(repo: Path, text: str) -> None:
    plain = main_history(repo, "refs/heads/main")
    path = repo / ".git" / "hsdt" / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    cache = ChangeCache.open(repo / ".git")
    assert main_history(repo, "refs/heads/main", cache) == plain
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == VERSION


def test_an_entry_that_is_not_text_is_read_again(repo: Path) -> None:
    plain = main_history(repo, "refs/heads/main")
    sha = plain[0][0].sha
    path = repo / ".git" / "hsdt" / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": VERSION, "entries": {sha: ["D"]}}), encoding="utf-8")
    cache = ChangeCache.open(repo / ".git")
    assert cache.changes(repo, [sha]) == {sha: (Change("D", "records/b.md"),)}


def test_an_unwritable_git_directory_only_costs_time(repo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the git directory would be", encoding="utf-8")
    plain = main_history(repo, "refs/heads/main")
    cache = ChangeCache.open(blocker)
    assert main_history(repo, "refs/heads/main", cache) == plain
    cache.save()  # no error
    assert blocker.read_text(encoding="utf-8").startswith("a file")
    nowhere = ChangeCache.open(None)
    assert main_history(repo, "refs/heads/main", nowhere) == plain
    nowhere.save()


def test_a_commit_git_does_not_know_is_an_error(repo: Path) -> None:
    with pytest.raises(GitError):
        ChangeCache.open(None).changes(repo, ["0" * 40])
    assert read_changes(repo, []) == {}
