"""hsdt upgrade: a repository made by an older hsdt gets the installed version's generated
files, and nothing else changes: not the school's records, not the files the school edited."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from hsdt.errors import ConfigError
from hsdt.generated import (
    MANIFEST,
    generated_files,
    project_files,
    project_manifest,
    read_manifest,
    write_generated,
    write_manifest,
)
from hsdt.load.profile import load_school
from hsdt.scaffold import init_school
from hsdt.templates import TEMPLATES_DIR, HsdtSource
from hsdt.upgrade import Change, upgrade
from tests.conftest import Result, git, write

RECORD = "records/2026-2027/to-khtn/gv-toan-02/khbd-trung-hoc/2026-10-15-phan-so.md"


def older_templates(tmp_path: Path) -> Path:
    """The templates of an 'older hsdt': today's, with the check workflows on Python 3.10
    and an older pre-receive comment."""
    old = tmp_path / "old-templates"
    shutil.copytree(TEMPLATES_DIR, old)
    for host in ("github", "gitea"):
        path = old / host / "workflows" / "check-pr.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('python-version: "3.11"', 'python-version: "3.10"'), "utf-8")
    hook = old / "hooks" / "pre-receive"
    hook.write_text(hook.read_text(encoding="utf-8").replace("server-side", "server"), "utf-8")
    return old


def committed_school(
    tmp_path: Path, templates: Path | None = None, version: str | None = None
) -> Path:
    """A school repository (le-khac-can) made by ``init`` (with older ``templates``, or for
    an older hsdt ``version``) and committed with one record."""
    root = tmp_path / "truong"
    source = HsdtSource.parse(version) if version else None
    init_school(root, "le-khac-can", hsdt_source=source, templates=templates)
    write(root, RECORD, "---\nloai: khbd-trung-hoc\n---\nnội dung của giáo viên\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Khởi tạo")
    return root


def status(root: Path) -> list[str]:
    """``git status --porcelain`` lines (untracked files one by one)."""
    out = git(root, "status", "--porcelain", "--untracked-files=all")
    return sorted(out.splitlines())


def test_an_older_repository_changes_only_its_generated_files(tmp_path: Path) -> None:
    root = committed_school(tmp_path, older_templates(tmp_path), "0.0.9")
    # The school's own edits: a step of its own in the Gitea check, and its own page.
    edited = ".gitea/workflows/check-pr.yml"
    school_text = (root / edited).read_text(encoding="utf-8") + "# của trường\n"
    (root / edited).write_text(school_text, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Trang của trường\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Trường sửa")
    school = load_school(root)

    result = upgrade(root, school)

    assert result.changed() == [
        (".gitea/workflows/check-pr.yml", Change.KEPT),
        (".gitea/workflows/export.yml", Change.UPDATED),
        (".gitea/workflows/publish.yml", Change.UPDATED),
        (".gitea/workflows/site.yml", Change.UPDATED),
        (".github/workflows/check-pr.yml", Change.UPDATED),
        (".github/workflows/export.yml", Change.UPDATED),
        (".github/workflows/publish.yml", Change.UPDATED),
        (".github/workflows/site.yml", Change.UPDATED),
        ("hooks/pre-receive", Change.UPDATED),
    ]
    assert status(root) == sorted(
        [
            " M .github/workflows/check-pr.yml",
            " M .github/workflows/export.yml",
            " M .github/workflows/publish.yml",
            " M .github/workflows/site.yml",
            " M .gitea/workflows/export.yml",
            " M .gitea/workflows/publish.yml",
            " M .gitea/workflows/site.yml",
            " M .hsdt/generated.json",
            " M hooks/pre-receive",
            "?? .gitea/workflows/check-pr.yml.hsdt-new",
        ]
    )
    new = generated_files(school, result.settings)
    for rel, text in new.items():
        if rel != edited:
            assert (root / rel).read_text(encoding="utf-8") == text, rel
    # From release 0.0.9 to the installed version; the edit is the school's, the new
    # version beside it.
    assert '"hsdt==0.1.0"' in (root / ".github/workflows/check-pr.yml").read_text("utf-8")
    assert (root / edited).read_text(encoding="utf-8") == school_text
    assert (root / (edited + ".hsdt-new")).read_text(encoding="utf-8") == new[edited]
    assert (root / "hooks" / "pre-receive").stat().st_mode & 0o111

    # Once more: nothing left to do but the school's edit, still reported.
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "hsdt upgrade")
    again = upgrade(root, school)
    assert again.changed() == [(edited, Change.KEPT)]
    assert status(root) == []


def test_a_roster_change_reaches_the_unedited_codeowners(tmp_path: Path) -> None:
    root = committed_school(tmp_path)
    profile = root / "schools" / "le-khac-can" / "truong.yml"
    text = profile.read_text(encoding="utf-8")
    assert "lkc-toan02" in text
    profile.write_text(text.replace("lkc-toan02", "lkc-toan-hai"), encoding="utf-8")
    result = upgrade(root, load_school(root))
    assert result.changed() == [
        (".gitea/CODEOWNERS", Change.UPDATED),
        (".github/CODEOWNERS", Change.UPDATED),
    ]
    for rel in (".github/CODEOWNERS", ".gitea/CODEOWNERS"):
        owners = (root / rel).read_text(encoding="utf-8")
        assert "@lkc-toan02" not in owners
        assert "@lkc-toan-hai" in owners


def test_a_deleted_generated_file_is_not_brought_back(tmp_path: Path) -> None:
    """A GitHub school deletes .gitea/: upgrade says so and leaves it out."""
    root = committed_school(tmp_path)
    git(root, "rm", "-q", "-r", ".gitea")
    git(root, "commit", "-q", "-m", "Chỉ dùng GitHub")
    result = upgrade(root, load_school(root))
    assert [c for c in result.changed() if c[1] is not Change.DELETED_BY_SCHOOL] == []
    assert {p for p, _c in result.changed()} == {
        ".gitea/CODEOWNERS",
        ".gitea/workflows/check-pr.yml",
        ".gitea/workflows/export.yml",
        ".gitea/workflows/publish.yml",
        ".gitea/workflows/site.yml",
    }
    assert not (root / ".gitea").exists()
    assert status(root) == []


def test_a_file_hsdt_no_longer_generates_is_removed_unless_edited(tmp_path: Path) -> None:
    root = committed_school(tmp_path)
    manifest = read_manifest(root)
    assert manifest is not None
    for rel, text in (("old/a.yml", "a\n"), ("old/b.yml", "b\n")):
        write_generated(root, rel, text)
    from hsdt.generated import Manifest, digest

    files = {**manifest.files, "old/a.yml": digest("a\n"), "old/b.yml": digest("b\n")}
    write_manifest(root, Manifest(manifest.settings, files))
    (root / "old" / "b.yml").write_text("b, sửa\n", encoding="utf-8")
    result = upgrade(root, load_school(root))
    assert result.changed() == [("old/a.yml", Change.REMOVED), ("old/b.yml", Change.KEPT)]
    assert not (root / "old" / "a.yml").exists()
    assert "old/a.yml" not in (root / MANIFEST).read_text(encoding="utf-8")


def test_a_school_from_the_template_repository_pins_its_workflows(tmp_path: Path) -> None:
    """'Use this template' copies hsdt's own repository: workflows installing the checkout,
    its manifest. ``hsdt upgrade --hsdt-source 0.1.0`` pins them and adds the rest."""
    root = tmp_path / "tu-kho-mau"
    for rel, text in project_files().items():
        write_generated(root, rel, text)
    write_manifest(root, project_manifest())
    shutil.copytree(
        TEMPLATES_DIR.parent / "profiles" / "le-khac-can", root / "schools" / "le-khac-can"
    )
    (root / "mkdocs.yml").write_text("site_name: hsdt\n", encoding="utf-8")  # hsdt's own site
    result = upgrade(root, load_school(root), HsdtSource.parse("0.1.0"))
    changes = dict(result.changes)
    for rel in (".github/workflows/check-pr.yml", ".github/workflows/publish.yml"):
        assert changes[rel] is Change.UPDATED
        assert "pip install --quiet ." not in (root / rel).read_text("utf-8")
    assert changes[".gitea/workflows/check-pr.yml"] is Change.ADDED
    assert changes[".github/CODEOWNERS"] is Change.ADDED
    assert changes["hooks/pre-receive"] is Change.UNCHANGED
    assert changes["mkdocs.yml"] is Change.KEPT  # not generated there: the school decides
    assert json.loads((root / MANIFEST).read_text("utf-8"))["settings"]["hsdt_source"] is None


def test_upgrade_command_says_what_it_changed(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = committed_school(tmp_path, older_templates(tmp_path))
    (root / "mkdocs.yml").write_text("site_name: Trường của tôi\n", encoding="utf-8")
    done = cli("upgrade", cwd=root)
    assert done.code == 0
    assert done.out.splitlines() == [
        "cập nhật   .gitea/workflows/check-pr.yml",
        "cập nhật   .github/workflows/check-pr.yml",
        "cập nhật   hooks/pre-receive",
        "giữ nguyên mkdocs.yml (trường đã sửa; bản mới ở mkdocs.yml.hsdt-new)",
        "Đã cập nhật các tệp sinh tự động lên hsdt 0.1.0: 3 tệp thay đổi, 1 tệp trường đã sửa "
        "được giữ nguyên. Xem lại rồi commit.",
    ]
    (root / "mkdocs.yml").unlink()
    (root / "mkdocs.yml.hsdt-new").rename(root / "mkdocs.yml")
    again = cli("upgrade", cwd=root)
    assert again.out == ("Các tệp sinh tự động đã đúng bản hsdt 0.1.0: không có gì thay đổi.\n")
    bad = cli("upgrade", "--hsdt-source", "main", cwd=root)
    assert bad.code == 2


def test_a_damaged_manifest_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    root = committed_school(tmp_path)
    (root / MANIFEST).write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        upgrade(root, load_school(root))
    assert caught.value.msg.key == "upgrade.bad_manifest"


def test_codeowners_command_keeps_the_manifest_current(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = committed_school(tmp_path)
    profile = root / "schools" / "le-khac-can" / "truong.yml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("lkc-toan02", "lkc-toan-hai"), encoding="utf-8")
    assert cli("codeowners", cwd=root).code == 0
    result = upgrade(root, load_school(root))
    # .github/CODEOWNERS was written by hsdt (recorded): not mistaken for a school edit.
    assert result.changed() == [(".gitea/CODEOWNERS", Change.UPDATED)]


def test_a_repository_from_before_the_manifest(tmp_path: Path) -> None:
    """Made by an hsdt that wrote no workflows and no manifest: the missing files are added;
    an existing one that differs is the school's until proven otherwise (kept, new beside)."""
    root = committed_school(tmp_path)
    git(root, "rm", "-q", "-r", ".github/workflows", ".gitea", MANIFEST, "mkdocs.yml")
    (root / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Kho cũ")
    result = upgrade(root, load_school(root))
    changes = dict(result.changes)
    assert changes[".github/workflows/check-pr.yml"] is Change.ADDED
    assert changes[".gitea/CODEOWNERS"] is Change.ADDED
    assert changes["mkdocs.yml"] is Change.ADDED
    assert changes[".github/CODEOWNERS"] is Change.UNCHANGED
    assert changes[".pre-commit-config.yaml"] is Change.KEPT
    assert (root / ".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"
    manifest = read_manifest(root)
    assert manifest is not None
    assert ".pre-commit-config.yaml" not in manifest.files  # still the school's next time
    assert upgrade(root, load_school(root)).changed() == [(".pre-commit-config.yaml", Change.KEPT)]
