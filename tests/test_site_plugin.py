"""The plugin in a school repository made by ``hsdt init``: ``mkdocs build --strict`` works
there, ``hsdt site build`` wraps it, and the options a school might set cannot make the
build fetch fonts or fall back to Material's search."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import git, run_hsdt
from tests.site_world import build_site


def committed_school(make_school: Callable[..., Path]) -> Path:
    root = make_school()
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Kho hồ sơ")
    return root


def edit_config(root: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in the school's mkdocs.yml."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")


def test_a_new_school_repository_builds_its_site(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = committed_school(make_school)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - hsdt\n" in config
    assert "search" not in config
    done = build_site(root, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Lê Khắc Cẩn" in home
    assert "Quyết định 309" in home
    assert "Giới thiệu" in home  # the school's own docs/index.md below the generated home
    assert (tmp_path / "out" / "ho-so" / "index.html").is_file()
    assert not (tmp_path / "out" / "search" / "search_index.json").exists()


def test_a_repository_without_a_commit_builds_an_empty_archive(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school()  # hsdt init, nothing committed yet
    done = build_site(root, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "ho-so" / "index.html").is_file()


def test_fonts_are_never_fetched_even_when_configured(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = committed_school(make_school)
    edit_config(root, "  font: false\n", "  font:\n    text: Roboto\n")
    done = build_site(root, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    for page in (tmp_path / "out").rglob("*.html"):
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8")


def test_hsdt_site_build(make_school: Callable[..., Path], tmp_path: Path) -> None:
    root = committed_school(make_school)
    done = run_hsdt("site", "build", "--out", str(tmp_path / "web"), cwd=root)
    assert done.code == 0, done.err
    assert done.out.strip() == str(tmp_path / "web")
    assert (tmp_path / "web" / "ho-so" / "loai" / "index.html").is_file()
    (root / "mkdocs.yml").unlink()
    missing = run_hsdt("site", "build", cwd=root)
    assert missing.code == 1
    assert "không thấy mkdocs.yml trong kho" in missing.err


def test_a_branch_that_does_not_exist_is_an_error(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = committed_school(make_school)
    edit_config(root, "  - hsdt\n", "  - hsdt:\n      rev: khong-co\n")
    done = run_hsdt("site", "build", "--out", str(tmp_path / "web"), cwd=root)
    assert done.code == 1
    assert "không tìm thấy 'khong-co' trong kho" in done.err
