"""A school's server for workflow tests: a real bare repository with hsdt's hooks, clones with
pinned identities, SSH signing keys generated at test time, pushes at chosen receive times."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hsdt.load.profile import load_school
from hsdt.scaffold import init_school
from hsdt.workflow.hooks import install_hooks
from hsdt.workflow.signers import allowed_signers_text
from tests.conftest import PROJECT

KEYED = (
    "ht-01",
    "pht-01",
    "pht-02",
    "vt-01",
    "gv-toan-01",
    "gv-toan-02",
    "gv-toan-03",
    "gv-van-01",
    "gv-th-01",
    "gv-th-03",
)
"""Staff of the demo school who get an SSH key."""


@dataclass
class Person:
    """A staff member's clone."""

    staff_id: str
    email: str
    root: Path
    key: Path

    pusher: str | None = None
    """When set, pushes carry ``HSDT_PUSHER`` as an SSH forced command would."""

    def env(self, when: str, received: str | None = None) -> dict[str, str]:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": self.staff_id,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.staff_id,
            "GIT_COMMITTER_EMAIL": self.email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
        }
        if received is not None:
            env["HSDT_RECEIVE_TIME"] = received
        if self.pusher is not None:
            env["HSDT_PUSHER"] = self.pusher
        return env

    def git(
        self,
        *args: str,
        when: str = "2025-10-01T08:00:00+07:00",
        received: str | None = None,
        check: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env=self.env(when, received),
            capture_output=True,
            text=True,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit_push(
        self, branch: str, rels: list[str], *, when: str, received: str, message: str = "Nộp"
    ) -> subprocess.CompletedProcess[str]:
        """Commit ``rels`` on ``branch`` (made from origin/main when new) and push it."""
        current = self.git("branch", "--show-current").stdout.strip()
        if current != branch:
            exists = self.git("rev-parse", "--verify", "--quiet", branch, check=False)
            if exists.returncode == 0:
                self.git("switch", "-q", branch)
            else:
                self.git("switch", "-q", "-c", branch, "origin/main")
        self.git("add", *rels)
        self.git("commit", "-q", "--no-verify", "-m", message, when=when)
        return self.push(branch, received=received)

    def push(
        self, refspec: str, *, received: str, force: bool = False
    ) -> subprocess.CompletedProcess[str]:
        args = ["push", "origin", refspec] + (["--force"] if force else [])
        return self.git(*args, received=received, check=False)


class World:
    """The server and its people."""

    def __init__(
        self,
        tmp: Path,
        prepare: Callable[[Path], object] | None = None,
        *,
        profile_edit: Callable[[Path], None] | None = None,
        extra_signers: str = "",
    ) -> None:
        """``prepare`` may edit the new school repository before the first push;
        ``profile_edit`` edits its profile folder; ``extra_signers`` is appended to the
        repository's allowed_signers (which the server must not trust)."""
        self.tmp = tmp
        self.prepare = prepare
        self._profile_edit = profile_edit
        self._extra_signers = extra_signers
        self.bare = tmp / "server.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(self.bare)], check=True)
        subprocess.run(
            ["git", "config", "hsdt.allowClockOverride", "true"], cwd=self.bare, check=True
        )
        install_hooks(self.bare)
        self.keys: dict[str, Path] = {}
        keydir = tmp / "keys"
        keydir.mkdir()
        for staff_id in KEYED:
            key = keydir / staff_id
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", staff_id, "-f", str(key)],
                check=True,
            )
            self.keys[staff_id] = key
        self.admin = self._bootstrap()
        self.people: dict[str, Person] = {"vt-01": self.admin}

    def _bootstrap(self) -> Person:
        root = self.tmp / "clones" / "vt-01"
        subprocess.run(
            ["git", "clone", "-q", str(self.bare), str(root)], check=True, capture_output=True
        )
        made = init_school(root, "le-khac-can", hooks_repo=str(PROJECT), hooks_rev="HEAD")
        truong = root / "schools" / "le-khac-can" / "truong.yml"
        text = truong.read_text(encoding="utf-8")
        for staff_id, key in self.keys.items():
            public = " ".join((key.with_suffix(".pub")).read_text().split()[:2])
            pattern = rf"(\{{ma: {re.escape(staff_id)}, ho_ten:[^}}]*)\}}"
            text = re.sub(pattern, rf"\1, khoa_ssh: {public}}}", text)
        truong.write_text(text, encoding="utf-8")
        if self._profile_edit is not None:
            self._profile_edit(root / "schools" / "le-khac-can")
        if self.prepare is not None:
            self.prepare(root)
        school = load_school(root)
        signers = root / "signatures" / "allowed_signers"
        signers.parent.mkdir(parents=True, exist_ok=True)
        signers.write_text(allowed_signers_text(school) + self._extra_signers, encoding="utf-8")
        admin = Person("vt-01", school.staff["vt-01"].email, root, self.keys["vt-01"])
        admin.git("config", "gpg.format", "ssh")
        admin.git("config", "user.signingkey", str(self.keys["vt-01"]))
        admin.git("add", "-A")
        admin.git("commit", "-q", "-m", "Kho hồ sơ của trường", when="2025-09-01T08:00:00+07:00")
        admin.git("push", "-q", "origin", "main", received="2025-09-01T08:00:00+07:00")
        assert made.school.id == "le-khac-can"
        return admin

    def person(self, staff_id: str) -> Person:
        if staff_id in self.people:
            return self.people[staff_id]
        school = load_school(self.admin.root)
        root = self.tmp / "clones" / staff_id
        subprocess.run(
            ["git", "clone", "-q", str(self.bare), str(root)], check=True, capture_output=True
        )
        key = self.keys.get(staff_id, self.tmp / "keys" / "none")
        person = Person(staff_id, school.staff[staff_id].email, root, key)
        person.git("config", "user.name", staff_id)
        person.git("config", "user.email", person.email)
        person.git("config", "gpg.format", "ssh")
        person.git("config", "user.signingkey", str(key))
        self.people[staff_id] = person
        return person

    def server_git(self, *args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=self.bare, check=True, capture_output=True, text=True
        ).stdout
