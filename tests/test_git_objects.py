"""hsdt.git.objects.blob_ids: many ``rev:path`` questions in one ``cat-file --batch-check``,
answered in order; what names no blob (a folder, a missing path, a hostile newline) is left
out rather than misread as the next answer."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hsdt.git.objects import blob_ids


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
