"""The core install (``pipx install hsdt`` on Windows or macOS, no PDF libraries): new,
check, check-secrets and submit work without WeasyPrint, pyHanko, MkDocs or the other extras,
and never import them. Run in fresh processes where importing an extra's module fails, as it
does on a machine that never installed it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import PROJECT, git, run_hsdt

# Top-level modules that only the extras bring (pdf, sign, site, archive, import).
EXTRA_MODULES = ("weasyprint", "pyhanko", "pyhanko_certvalidator", "mkdocs", "material",
                 "bagit", "nh3", "jinja2", "fontTools", "cryptography", "pypandoc",
                 "docx", "mammoth")  # fmt: skip

BLOCKER = f"""
import sys
from importlib.abc import MetaPathFinder

BLOCKED = {EXTRA_MODULES!r}


class NotInstalled(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None


sys.meta_path.insert(0, NotInstalled())
"""


def core_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose Python cannot import any extra's module (a sitecustomize)."""
    site = tmp_path / "core-only"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    import os

    path = [str(site), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {"PYTHONPATH": os.pathsep.join(path)}


def test_the_heavy_dependencies_are_extras() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"]).lower()
    for heavy in ("weasyprint", "pyhanko", "mkdocs", "bagit", "jinja2", "nh3"):
        assert heavy not in core
    extras = project["optional-dependencies"]
    assert any(d.startswith("weasyprint") for d in extras["pdf"])
    assert any(d.startswith("pyhanko") for d in extras["sign"])
    assert any(d.startswith("mkdocs") for d in extras["site"])
    assert any(d.startswith("pypandoc-binary") for d in extras["import"])


def test_the_blocker_really_blocks(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import weasyprint"],
        env={**__import__("os").environ, **core_env(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "No module named 'weasyprint'" in done.stderr


def test_new_check_and_submit_work_without_any_extra(tmp_path: Path) -> None:
    from hsdt.scaffold import init_school

    env = core_env(tmp_path)
    remote = tmp_path / "truong.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    root = init_school(tmp_path / "le-khac-can", "le-khac-can").root
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Khởi tạo")
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "origin", "main")
    teacher = "toan01@lkc.truong-mau.example"  # gv-toan-01 writes the minutes
    env.update(GIT_AUTHOR_EMAIL=teacher, GIT_COMMITTER_EMAIL=teacher)

    new = run_hsdt("new", "bien-ban-hop-to", "--print-path",
                   "--set", "tieu_de=Họp tổ tháng 10", "--set", "ngay_hop=2026-10-14",
                   "--set", "gio_bat_dau=14:00", "--set", "dia_diem=Phòng họp",
                   "--set", "nguoi_lap=gv-toan-01", "--set", "to=to-khtn",
                   "--set", "chu_tri=gv-toan-01", "--set", "thu_ky=gv-toan-01",
                   "--set", "thanh_phan=gv-toan-01,gv-toan-02",
                   cwd=root, env=env)  # fmt: skip
    assert new.code == 0, new.err
    rel = new.out.strip()
    assert rel.startswith("records/2026-2027/to-khtn/")
    check = run_hsdt("check", rel, "--at", "2026-10-14T17:00", cwd=root, env=env)
    assert check.code == 0, check.out + check.err
    secrets = run_hsdt("check-secrets", rel, cwd=root, env=env)
    assert secrets.code == 0, secrets.err
    submit = run_hsdt("submit", rel, cwd=root, env=env)
    assert submit.code == 0, submit.out + submit.err
    assert git(remote, "for-each-ref", "--format=%(refname)", "refs/heads/nop/").strip()


def test_the_core_commands_import_no_extra(tmp_path: Path) -> None:
    """Every core command's module loads with the extras missing."""
    code = (
        "import importlib, sys\n"
        "for name in ('check', 'new', 'submit', 'secrets', 'status', 'init', 'upgrade',"
        " 'codeowners', 'years', 'types', 'ci', 'approve'):\n"
        "    importlib.import_module('hsdt.cli.' + name)\n"
        "import hsdt.check, hsdt.upgrade, hsdt.generated\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {EXTRA_MODULES!r})\n"
        "print(loaded)\n"
    )
    import os

    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **core_env(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"
