"""hsdt.git.objects.blob_ids: many ``rev:path`` questions in one ``cat-file --batch-check``,
answered in order; what names no blob (a folder, a missing path, a hostile newline) is left
out rather than misread as the next answer. hsdt.git.objects.stream_objects: the contents of
many objects from one ``cat-file --batch`` while git still writes them, exactly as git stores
them (headers inside a blob are only content), with no deadlock however much goes each way,
git stopped when the reader stops early, and a failure named."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from hsdt.errors import GitError
from hsdt.git.objects import blob_ids, read_objects, stream_objects
from hsdt.git.tree import list_blob_ids, read_by_id, stream_by_id


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def test_each_question_gets_its_own_answer(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "a.md").write_text("a\n", encoding="utf-8")
    (tmp_path / "records" / "đ b.md").write_text("b\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "x")
    a = git(tmp_path, "rev-parse", "HEAD:records/a.md")
    b = git(tmp_path, "rev-parse", "HEAD:records/đ b.md")
    found = blob_ids(
        tmp_path,
        ["main:records/khong-co.md", "main:records/a.md", "main:records", "main:x\nmain:records/a.md",
         "main:records/đ b.md", "main:records/a.md"],
    )  # fmt: skip
    assert found == {"main:records/a.md": a, "main:records/đ b.md": b}
    assert blob_ids(tmp_path, []) == {}


def _committed(root: Path, files: dict[str, bytes]) -> None:
    git(root, "init", "-q", "-b", "main")
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "x")


def test_streamed_objects_are_git_s_own_in_order(tmp_path: Path) -> None:
    forged = b"0123456789abcdef0123456789abcdef01234567 blob 3\nabc\n"  # a header as content
    files = {"a.md": b"a\n", "b.bin": forged, "empty": b"", "no-newline": b"x" * 70_000}
    _committed(tmp_path, files)
    ids = {rel: git(tmp_path, "rev-parse", f"HEAD:{rel}") for rel in files}
    wanted = [ids["no-newline"], "0" * 40, ids["b.bin"], ids["empty"], ids["a.md"], "main:a.md"]
    streamed = list(stream_objects(tmp_path, wanted))
    assert streamed == [
        (ids["no-newline"], files["no-newline"]),
        (ids["b.bin"], forged),
        (ids["empty"], b""),
        (ids["a.md"], b"a\n"),
        ("main:a.md", b"a\n"),
    ]
    assert read_objects(tmp_path, wanted) == dict(streamed)
    assert list(stream_objects(tmp_path, [])) == []
    assert list(stream_objects(tmp_path, ["main:a.md\nmain:b.bin"])) == []


def test_much_each_way_does_not_stop_git(tmp_path: Path) -> None:
    # 3,000 questions (120 kB) and 3,000 answers (12 MB): more than a pipe holds either way
    files = {f"r/{n:04d}.md": f"{n}\n".encode() * 1000 for n in range(3000)}
    _committed(tmp_path, files)
    blobs = list_blob_ids(tmp_path, "main")
    streamed = dict(stream_by_id(tmp_path, blobs))
    assert streamed == read_by_id(tmp_path, blobs)
    assert streamed == files


def test_a_blob_two_paths_share_comes_for_each(tmp_path: Path) -> None:
    _committed(tmp_path, {"x/a.md": b"same\n", "y/a.md": b"same\n", "z.md": b"z\n"})
    blobs = list_blob_ids(tmp_path, "main")
    assert blobs["x/a.md"] == blobs["y/a.md"]
    assert sorted(stream_by_id(tmp_path, blobs)) == [
        ("x/a.md", b"same\n"), ("y/a.md", b"same\n"), ("z.md", b"z\n")
    ]  # fmt: skip


def test_a_reader_that_stops_early_stops_git(tmp_path: Path) -> None:
    files = {f"r/{n:04d}.md": f"{n}\n".encode() * 1000 for n in range(500)}
    _committed(tmp_path, files)
    stream = stream_by_id(tmp_path, list_blob_ids(tmp_path, "main"))
    assert next(stream)[0] == "r/0000.md"
    stream.close()  # the generator's cleanup kills git and waits for it: no hang, no zombie
    children = subprocess.run(
        ["ps", "-o", "pid=,stat=,args=", "--ppid", str(__import__("os").getpid())],
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    assert "cat-file" not in children


def test_a_git_failure_is_named(tmp_path: Path) -> None:
    with pytest.raises(GitError) as missing:
        read_objects(tmp_path / "not-a-repository-here", ["0" * 40])
    assert "git cat-file" in missing.value.render()
    (tmp_path / "empty").mkdir()
    with pytest.raises(GitError) as outside:
        list(stream_objects(tmp_path / "empty", ["0" * 40]))
    assert "git cat-file --batch" in outside.value.render()
    assert "not a git repository" in outside.value.render()
