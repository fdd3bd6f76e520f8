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
    # A lesson plan of the second semester of 2025-2026, handed in long after: due 2026-03-15
    # 23:59 (the Sunday batch: the latest Sunday or Wednesday cut-off leaving three days), past
    # whatever the clock says from now on, and outside the first semester's lock. The teacher's
    # clock proves nothing, so the local hook warns and lets it in; the server judges the time
    # it receives the push. (A year the profile does not describe, 2024-2025 say, is an error
    # instead.)
    rel = f"{LESSON_DIR}/2026-03-19-phan-so-bang-nhau.md"
    before = head(school)
    write(school, rel, lesson_with(ngay_day="2026-03-19", tuan="27"))
    done = commit(school, hook_env, rel)
    assert done.code == 0, done.output
    assert head(school) != before
    warnings = [
        line
        for line in done.output.splitlines()
        if line.startswith(f"{rel}:9: [han-nop] (cảnh báo) nộp muộn: nộp lúc ")
    ]
    assert len(warnings) == 1, done.output
    assert warnings[0].endswith(
        ", hạn là 2026-03-15 23:59 (+07:00) (mốc nộp hằng tuần: Chủ nhật, thứ Tư; mốc muộn nhất "
        "còn đủ 3 ngày trước ngày 2026-03-19)"
    )
    assert "Đã kiểm tra 1 hồ sơ: không có lỗi, 1 cảnh báo." in done.output.splitlines()


def test_a_record_of_an_undescribed_year_is_refused(school: Path, hook_env: dict[str, str]) -> None:
    rel = "records/2024-2025/to-khtn/gv-toan-02/khbd-trung-hoc/2024-10-17-phan-so-bang-nhau.md"
    before = head(school)
    write(school, rel, lesson_with(nam_hoc="2024-2025", ngay_day="2024-10-17"))
    done = commit(school, hook_env, rel)
    assert done.code != 0
    assert any(
        line.startswith(f"{rel}:9: [nam-hoc] ngày dạy 2024-10-17 thuộc năm học 2024-2025, nhưng ")
        for line in done.output.splitlines()
    ), done.output
    assert head(school) == before


def minutes(root: Path) -> tuple[str, str]:
    """A valid meeting record (2026-2027) of the school's first group with a head, and a copy
    whose meeting date does not exist: (good path, bad path)."""
    from hsdt.load.profile import load_school
    from hsdt.scaffold import new_record

    school = load_school(root)
    group = next(g for g in school.groups.values() if g.head is not None)
    assert group.head is not None
    path = new_record(
        root,
        school,
        "bien-ban-hop-to",
        {
            "tieu_de": "Họp tổ chuyên môn tháng 10",
            "nguoi_lap": group.head,
            "to": group.id,
            "ngay_hop": "2026-10-14",
            "gio_bat_dau": "14:00",
            "gio_ket_thuc": "16:00",  # MN HM counts the posting time from the meeting's end
            "dia_diem": "Phòng họp tổ",
            "chu_tri": group.head,
            "thu_ky": group.head,
            "thanh_phan": ",".join(group.members),
        },
    )
    good = path.relative_to(root).as_posix()
    bad = good.replace(".md", "-sai-ngay.md")
    text = path.read_text(encoding="utf-8").replace("ngay_hop: 2026-10-14", "ngay_hop: 2026-10-32")
    write(root, bad, text)
    return good, bad


@pytest.mark.parametrize(
    "profile", ["duong-kinh", "le-khac-can", "mam-non-hm", "thai-hoc", "vinh-hao"]
)
def test_init_from_a_local_checkout_commits_on_the_first_day(
    tmp_path: Path, hook_repo: HookRepo, hook_env: dict[str, str], profile: str
) -> None:
    """``hsdt init --hooks-repo <checkout>`` pins the checkout's HEAD: the real pre-commit
    framework installs the hooks offline (the environment is already built for that commit)
    and the first commit works; a bad record is refused."""
    from hsdt.scaffold import builtin_profiles, init_school

    assert profile in builtin_profiles()
    root = tmp_path / profile
    init_school(root, profile, hooks_repo=str(hook_repo.path))
    config = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"  - repo: {hook_repo.path.resolve()}\n    rev: {hook_repo.sha}\n" in config
    _checked([str(PRE_COMMIT), "install"], root, hook_env)
    good, bad = minutes(root)
    first = commit(root, hook_env, ".")
    assert first.code != 0  # the bad record is in this first commit: all is refused
    assert f"{bad}:" in first.output, first.output
    assert "[ngay-hop]" in first.output
    assert not git(root, "rev-list", "--all").strip()
    (root / bad).unlink()
    done = commit(root, hook_env, ".")
    assert done.code == 0, done.output
    assert committed(root, good)
    assert "Đã kiểm tra 1 hồ sơ: không có lỗi" in done.output


def test_init_without_a_release_calls_the_installed_hsdt(tmp_path: Path) -> None:
    """No release tag exists for this version: the hooks call the installed ``hsdt``
    (``repo: local``), so pre-commit needs neither the network nor a rev."""
    from hsdt import __version__
    from hsdt.scaffold import RELEASED_VERSIONS, init_school

    assert __version__ not in RELEASED_VERSIONS
    root = tmp_path / "le-khac-can"
    init_school(root, "le-khac-can")
    config = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "  - repo: local\n" in config
    assert "rev:" not in config
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
    }
    _checked([str(PRE_COMMIT), "install"], root, env)
    good, bad = minutes(root)
    git(root, "add", "-A")
    git(root, "reset", "-q", "--", bad)
    done = commit(root, env, good)
    assert done.code == 0, done.output
    assert committed(root, good)
    refused = commit(root, env, bad)
    assert refused.code != 0
    assert f"{bad}:" in refused.output, refused.output
    assert not committed(root, bad)
