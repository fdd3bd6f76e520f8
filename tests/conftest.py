"""Shared fixtures: sandboxed git identity and home, school repositories, the CLI in-process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hsdt.i18n import set_language

PROJECT = Path(__file__).resolve().parents[1]

pytest_plugins = ["tests.sign_helpers", "tests.site_world", "tests.browser"]

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Hsdt Test",
    "GIT_AUTHOR_EMAIL": "test@hsdt.example",
    "GIT_COMMITTER_NAME": "Hsdt Test",
    "GIT_COMMITTER_EMAIL": "test@hsdt.example",
    "GIT_AUTHOR_DATE": "2025-10-01T08:00:00+07:00",
    "GIT_COMMITTER_DATE": "2025-10-01T08:00:00+07:00",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(autouse=True)
def _sandbox(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No user git config, a pinned identity, Vietnamese messages, no HSDT_* leaking in, and
    an empty working folder: the project's root is itself a school repository (the demo
    school's schools/, records/, signatures/), which a command run where pytest was started
    would otherwise find."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    for key in list(os.environ):
        if key.startswith("HSDT_"):
            monkeypatch.delenv(key)
    set_language(None)
    yield
    set_language(None)


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` and return its output."""
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


@dataclass
class Result:
    """What a CLI run gave."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run ``hsdt ARGS`` in-process in ``cwd``; returns exit code, stdout, stderr."""
    from hsdt.cli.main import main

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        set_language(None)
        return Result(code, captured.out, captured.err)

    return run


def run_hsdt(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run ``python -m hsdt ARGS`` in a fresh process (start-up, exit codes, tracebacks), with
    no terminal: standard input is empty, as in CI."""
    done = subprocess.run(
        [sys.executable, "-m", "hsdt", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def make_school(tmp_path: Path) -> Callable[..., Path]:
    """Create a school repository from a built-in profile; returns its root."""
    from hsdt.scaffold import init_school

    def make(profile: str = "le-khac-can", name: str | None = None) -> Path:
        root = tmp_path / (name or profile)
        init_school(root, profile, hooks_repo=str(PROJECT), hooks_rev="HEAD")
        return root

    return make


def write(root: Path, rel: str, text: str) -> Path:
    """Write ``text`` (UTF-8) at ``root/rel``."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
