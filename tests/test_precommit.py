"""The real pre-commit framework: a school repository using ``repo: <hsdt>`` refuses bad commits.

The hook repository is a copy of the working tree (uncommitted code included) committed into a
temporary git repository, so these tests exercise the code under test, not the last commit.
The hook environment (a virtualenv with hsdt and its dependencies, pip-installed from the
package index) is built once per session in a session-wide PRE_COMMIT_HOME; the rest is fast.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import GIT_ENV, PROJECT, git, write
from tests.samples import armour, lesson_with

pytestmark = pytest.mark.slow

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

LESSON_DIR = "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc"
# Semester 2: outside the lock 'hk1-2025-2026' (records dated up to 2026-01-10), so the
# local hook accepts it whatever today's date is.
GOOD_REL = f"{LESSON_DIR}/2026-03-12-phan-so-bang-nhau.md"
GOOD_TEXT = lesson_with(ngay_day="2026-03-12", tuan="26")
BAD_REL = f"{LESSON_DIR}/2026-03-12-phan-so-bang-nhau-2.md"
BAD_TEXT = lesson_with(ngay_day="2025-02-30")
BAD_LINE = (
    f"{BAD_REL}:9: [ngay-day] 'ngay_day' (ngày dạy) phải là ngày dạng YYYY-MM-DD có thật, "
    "nhận được '2025-02-30'"
)
KEY_REL = "signatures/khoa.pem"
KEY_LINE = (
    f"{KEY_REL}:1: [bi-mat] tệp chứa khóa bí mật; khóa ký số chỉ được để trong token/USB ký số "
    "hoặc ngoài kho"
)


@dataclass(frozen=True)
class HookRepo:
    """A git repository holding the working tree's hsdt, as a school's ``repo:`` points at."""

    path: Path
    """Where it is (used as the ``repo:`` URL)."""
    sha: str
    """Its only commit (the ``rev:``)."""


@dataclass(frozen=True)
class Commit:
    """What ``git commit`` gave."""

    code: int
    """Exit status (pre-commit's, when a hook refused)."""
    output: str
    """stdout and stderr, interleaved."""


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _checked(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = _run(args, cwd, env)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="session")
def session_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for session-wide set-up (the autouse sandbox is per test): pinned identity,
    a home of its own, no HSDT_* variables."""
    home = tmp_path_factory.mktemp("precommit-session-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HSDT_")}
    env.update(GIT_ENV)
    env["HOME"] = str(home)
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    return env


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, session_env: dict[str, str]) -> HookRepo:
    """The current working tree's package and hook definitions, committed in a fresh repository."""
    dest = tmp_path_factory.mktemp("hsdt-hook-repo")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        if (PROJECT / name).is_file():
            shutil.copyfile(PROJECT / name, dest / name)
    shutil.copytree(
        PROJECT / "src",
        dest / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"),
    )
    _checked(["git", "init", "-q"], dest, session_env)
    _checked(["git", "add", "-A"], dest, session_env)
    _checked(["git", "commit", "-q", "-m", "hsdt (working tree)"], dest, session_env)
    sha = _checked(["git", "rev-parse", "HEAD"], dest, session_env).strip()
    return HookRepo(dest, sha)


@pytest.fixture(scope="session")
def pre_commit_home(
    tmp_path_factory: pytest.TempPathFactory, hook_repo: HookRepo, session_env: dict[str, str]
) -> Path:
    """A PRE_COMMIT_HOME whose hook environment is built once (``pre-commit install-hooks``)."""
    from hsdt.scaffold import init_school

    assert PRE_COMMIT.is_file(), f"pre-commit is not installed beside {sys.executable}"
    cache = tmp_path_factory.mktemp("pre-commit-home")
    warm = tmp_path_factory.mktemp("precommit-warm-up") / "school"
    init_school(warm, "le-khac-can", hooks_repo=str(hook_repo.path), hooks_rev=hook_repo.sha)
    env = {**session_env, "PRE_COMMIT_HOME": str(cache)}
    _checked([str(PRE_COMMIT), "install-hooks"], warm, env)
    return cache


@pytest.fixture
def hook_env(pre_commit_home: Path) -> dict[str, str]:
    """The test's (sandboxed) environment plus the shared PRE_COMMIT_HOME."""
    return {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home)}


@pytest.fixture
def school(tmp_path: Path, hook_repo: HookRepo, hook_env: dict[str, str]) -> Path:
    """A committed school repository with hsdt's hooks installed by ``pre-commit install``."""
    from hsdt.scaffold import init_school

    root = tmp_path / "le-khac-can"
    init_school(root, "le-khac-can", hooks_repo=str(hook_repo.path), hooks_rev=hook_repo.sha)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Khởi tạo kho hồ sơ")
    _checked([str(PRE_COMMIT), "install"], root, hook_env)
    return root


def commit(root: Path, env: dict[str, str], *rels: str, no_verify: bool = False) -> Commit:
    """Stage ``rels`` and commit them through the installed hooks (or around them)."""
    git(root, "add", "--", *rels)
    args = ["git", "commit", "-m", "Nộp hồ sơ", *(["--no-verify"] if no_verify else [])]
    done = subprocess.run(
        args,
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    return Commit(done.returncode, done.stdout)


def head(root: Path) -> str:
    """The sha HEAD points at."""
    return git(root, "rev-parse", "HEAD").strip()


def committed(root: Path, rel: str) -> bool:
    """Whether HEAD's tree holds ``rel``."""
    return bool(git(root, "ls-tree", "--name-only", "HEAD", "--", rel).strip())


def private_key_pem() -> str:
    """A fresh PEM private key (never a committed one): ``cryptography`` or ``openssl``."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError:
        openssl = shutil.which("openssl")
        if openssl is None:
            pytest.skip("needs the 'cryptography' package or the openssl command")
        done = subprocess.run(
            [openssl, "genpkey", "-algorithm", "ed25519"],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout
    key = ed25519.Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def test_valid_lesson_plan_is_committed(school: Path, hook_env: dict[str, str]) -> None:
    before = head(school)
    write(school, GOOD_REL, GOOD_TEXT)
    done = commit(school, hook_env, GOOD_REL)
    assert done.code == 0, done.output
    assert head(school) != before
    assert committed(school, GOOD_REL)
    assert "Đã kiểm tra 1 hồ sơ: không có lỗi" in done.output


def test_broken_front_matter_is_refused(school: Path, hook_env: dict[str, str]) -> None:
    before = head(school)
    write(school, BAD_REL, BAD_TEXT)
    done = commit(school, hook_env, BAD_REL)
    assert done.code != 0
    assert BAD_LINE in done.output.splitlines(), done.output
    assert head(school) == before


def test_private_key_is_refused_anywhere(school: Path, hook_env: dict[str, str]) -> None:
    before = head(school)
    pem = private_key_pem()
    assert pem.startswith(armour())
    write(school, KEY_REL, pem)
    done = commit(school, hook_env, KEY_REL)
    assert done.code != 0
    assert "- hook id: hsdt-secrets" in done.output
    assert KEY_LINE in done.output.splitlines(), done.output
    assert head(school) == before


def test_no_verify_bypasses_the_hooks(school: Path, hook_env: dict[str, str]) -> None:
    # Hooks on a teacher's machine are a courtesy, not a control: anyone can skip them, which
    # is why the server's pre-receive hook and CI run the same checks again.
    before = head(school)
    write(school, BAD_REL, BAD_TEXT)
    done = commit(school, hook_env, BAD_REL, no_verify=True)
    assert done.code == 0, done.output
    assert head(school) != before
    assert committed(school, BAD_REL)


def test_missed_deadline_only_warns_locally(school: Path, hook_env: dict[str, str]) -> None:
    # Last school year's lesson plan, handed in a year late: due 2024-10-14 23:59 (three days
    # ahead) and 2024-10-16 23:59 (the Wednesday cut-off), past whatever the clock says, and
    # outside this year's calendar and locks. The teacher's clock proves nothing, so the
    # local hook warns and lets it in; the server judges the time it receives the push.
    rel = "records/2024-2025/to-khtn/gv-toan-02/khbd-trung-hoc/2024-10-17-phan-so-bang-nhau.md"
    before = head(school)
    write(school, rel, lesson_with(nam_hoc="2024-2025", ngay_day="2024-10-17"))
    done = commit(school, hook_env, rel)
    assert done.code == 0, done.output
    assert head(school) != before
    warnings = [
        line
        for line in done.output.splitlines()
        if line.startswith(f"{rel}:9: [han-nop] (cảnh báo) nộp muộn: nộp lúc ")
    ]
    assert len(warnings) == 2, done.output
    assert warnings[0].endswith(", hạn là 2024-10-14 23:59 (+07:00) (trước 3 ngày)")
    assert warnings[1].endswith(
        ", hạn là 2024-10-16 23:59 (+07:00) (mốc nộp hằng tuần: Chủ nhật, thứ Tư)"
    )
    assert "Đã kiểm tra 1 hồ sơ: không có lỗi, 2 cảnh báo." in done.output.splitlines()
