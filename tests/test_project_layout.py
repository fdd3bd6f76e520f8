"""The project repository is itself the demo school's repository, laid out as the client
listed: docs/, records/, schools/, hooks/, scripts/, signatures/, mkdocs.yml, pyproject.toml,
.github/. Refresh schools/, signatures/ and records/ with: python scripts/demo_week.py du-an"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from hsdt.errors import ConfigError
from hsdt.repo import find_root
from hsdt.scaffold import init_school
from tests.conftest import PROJECT, git, run_hsdt

CLIENT_LAYOUT = {
    "docs": "dir",
    "records": "dir",
    "schools": "dir",
    "hooks": "dir",
    "scripts": "dir",
    "signatures": "dir",
    "mkdocs.yml": "file",
    "pyproject.toml": "file",
    ".github": "dir",
}
REFRESH = "run: python scripts/demo_week.py du-an"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_top_level_is_the_clients_layout() -> None:
    tracked = git(PROJECT, "ls-files").splitlines()
    for name, kind in CLIENT_LAYOUT.items():
        if kind == "file":
            assert name in tracked, name
        else:
            assert any(rel.startswith(f"{name}/") for rel in tracked), name


def test_schools_and_signatures_are_what_init_writes(tmp_path: Path) -> None:
    made = init_school(tmp_path / "le-khac-can", "le-khac-can").root
    for folder in ("schools", "signatures"):
        assert _files(PROJECT / folder) == _files(made / folder), f"{folder}/: {REFRESH}"
    readme = (made / "records" / "README.md").read_bytes()
    assert (PROJECT / "records" / "README.md").read_bytes() == readme, REFRESH


def test_records_are_the_demo_week_of_2026_2027(make_school: Callable[..., Path]) -> None:
    root = make_school("le-khac-can")
    script = str(PROJECT / "scripts" / "demo_week.py")
    done = subprocess.run(
        [sys.executable, script, "ghi", str(root), "--nam-hoc", "2026-2027", "--tuan", "6"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    written = _files(root / "records")
    assert sorted(written) == [
        "2026-2027/to-khtn/gv-toan-02/khbd-trung-hoc/2026-10-15-phan-so-bang-nhau.md",
        "2026-2027/to-khtn/gv-toan-02/khbd-trung-hoc/2026-10-16-so-sanh-phan-so.md",
        "2026-2027/to-tieu-hoc/gv-th-03/khbd-tieu-hoc/2026-10-14-bai-doc-ngay-hoi-doc-sach.md",
        "README.md",
    ]
    assert _files(PROJECT / "records") == written, REFRESH


@pytest.mark.parametrize("at", [[], ["--at", "2026-10-11T20:00"]])
def test_check_all_at_the_project_root_passes(at: list[str]) -> None:
    done = run_hsdt("check", "--all", *at, cwd=PROJECT)
    assert done.code == 0, done.out + done.err
    assert "Đã kiểm tra 3 hồ sơ: không có lỗi." in done.err


def test_tests_run_outside_the_project_school() -> None:
    """conftest's sandbox: a command a test runs without a folder does not find the
    project's own school (its root is a school repository)."""
    assert find_root(PROJECT) == PROJECT
    with pytest.raises(ConfigError):
        find_root(Path.cwd())
