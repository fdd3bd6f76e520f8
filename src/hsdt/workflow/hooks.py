"""The server hooks' library side: who pushes, what time it is, and the hand-over of receive
notes from pre-receive (which judges, but may not change refs) to post-receive (which writes
them once git has accepted the push).

The pusher: an SSH set-up with a forced command per key (``command="env HSDT_PUSHER=gv-toan-02
git-shell -c \\"$SSH_ORIGINAL_COMMAND\\""`` in ``authorized_keys``, or gitolite's ``GL_USER``)
tells the hook who is pushing; without it, the commit author's e-mail matched to the roster
stands in (weaker: a client sets it freely; approvals never rely on it, they are signed).
``hsdt hooks install`` warns about it loudly.

``hsdt hooks install`` also sets :data:`SERVER_CONFIG`: git's own object checks on receive,
no non-fast-forward updates, a cap on the size of a push.

The clock is the server's. Tests and the demo need a fixed one: ``HSDT_RECEIVE_TIME`` is
honoured only when the repository's own configuration says ``hsdt.allowClockOverride=true``,
which a client cannot set.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from hsdt.errors import UsageError
from hsdt.fsutil import atomic_write_text
from hsdt.git.notes import ReceiveNote, parse_note, write_notes
from hsdt.git.run import git_text
from hsdt.i18n import msg
from hsdt.model.timeutil import VN_TZ, to_vn
from hsdt.push import PushVerdict, check_push, parse_updates

HOOK_NAMES = ("pre-receive", "post-receive")
PENDING_DIR = "hsdt-pending"
LOCK_FILE = "hsdt-notes.lock"

SERVER_CONFIG: tuple[tuple[str, str], ...] = (
    # git checks every object it receives (refuses trees with '..', '.git', bad modes, bad
    # headers) before the hook runs; the hook checks the same paths again itself.
    ("receive.fsckObjects", "true"),
    ("transfer.fsckObjects", "true"),
    ("fetch.fsckObjects", "true"),
    # Names that Windows or macOS would read as '.git' are refused too.
    ("core.protectNTFS", "true"),
    ("core.protectHFS", "true"),
    # No history is ever rewritten (the hook refuses it as well, with a reason).
    ("receive.denyNonFastForwards", "true"),
    # A pack larger than this is refused by git before the hook runs; the profile's finer
    # limits (gioi_han) are the hook's.
    ("receive.maxInputSize", "268435456"),
    # Nothing a client sends may steer the hooks.
    ("receive.advertisePushOptions", "false"),
)
"""The git settings a school's server keeps; ``hsdt hooks install`` sets them."""


def receive_time(git_dir: Path, env: Mapping[str, str]) -> datetime:
    """Now, in Vietnam; or the test clock when the repository allows it."""
    override = env.get("HSDT_RECEIVE_TIME")
    if override:
        allowed = git_text(
            git_dir, ["config", "--bool", "--get", "hsdt.allowClockOverride"], ok_codes=(0, 1)
        )
        if allowed.strip() == "true":
            return to_vn(datetime.fromisoformat(override))
    return datetime.now(VN_TZ)


def server_config_problems(git_dir: Path) -> list[tuple[str, str, str]]:
    """The settings of :data:`SERVER_CONFIG` the repository does not have: (key, wanted, has)."""
    out = []
    for key, wanted in SERVER_CONFIG:
        has = git_text(git_dir, ["config", "--get", key], ok_codes=(0, 1)).strip()
        if has != wanted:
            out.append((key, wanted, has))
    return out


def pusher_of(env: Mapping[str, str]) -> str | None:
    """The pusher's staff id from the SSH set-up, if it provides one."""
    return env.get("HSDT_PUSHER") or env.get("GL_USER") or None


def _pending(git_dir: Path, stdin: str) -> Path:
    digest = hashlib.sha256(stdin.encode("utf-8")).hexdigest()[:32]
    return git_dir / PENDING_DIR / f"{digest}.json"


def pre_receive(git_dir: Path, stdin: str, env: Mapping[str, str]) -> PushVerdict:
    """Judge the push; when accepted, leave its receive notes for post-receive."""
    now = receive_time(git_dir, env)
    verdict = check_push(git_dir, parse_updates(stdin), now=now, pusher=pusher_of(env))
    if verdict.ok and verdict.notes:
        payload = {
            "received": now.isoformat(),
            "notes": {sha: note.text() for sha, note in verdict.notes.items()},
        }
        atomic_write_text(_pending(git_dir, stdin), json.dumps(payload, ensure_ascii=False))
    return verdict


def post_receive(git_dir: Path, stdin: str) -> int:
    """Write the notes pre-receive left for this push; returns how many commits got one."""
    import fcntl

    pending = _pending(git_dir, stdin)
    if not pending.is_file():
        return 0
    payload = json.loads(pending.read_text(encoding="utf-8"))
    notes: dict[str, ReceiveNote] = {}
    for sha, text in payload["notes"].items():
        note = parse_note(text)
        if note is not None:
            notes[sha] = note
    # Two pushes accepted at once both write to the notes ref: one at a time, or the second
    # fast-import would find the ref moved and lose its notes.
    with (git_dir / LOCK_FILE).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        write_notes(git_dir, notes, datetime.fromisoformat(payload["received"]))
    pending.unlink()
    return len(notes)


FACTS_CONFIG = "hsdt.factsDir"
"""The server's setting naming the folder where post-receive writes the school's facts
files after each merge into main (``hsdt report facts``); unset: none are written."""


def facts_after_merge(git_dir: Path, stdin: str, env: Mapping[str, str]) -> int | None:
    """After a push that moved ``main``, write the school's facts under the folder
    :data:`FACTS_CONFIG` names; returns the rows written, None when there was nothing to do."""
    import tempfile

    if not any(line.split()[2:3] == ["refs/heads/main"] for line in stdin.splitlines()):
        return None
    out = git_text(git_dir, ["config", "--get", FACTS_CONFIG], ok_codes=(0, 1)).strip()
    if not out:
        return None
    from hsdt.push.read import load_main_school
    from hsdt.report.run import write_school_facts

    with tempfile.TemporaryDirectory(prefix="hsdt-facts-") as tmp:
        school = load_main_school(git_dir, "refs/heads/main", Path(tmp))
    count, _files = write_school_facts(git_dir, school, receive_time(git_dir, env), Path(out))
    return count


def hook_script(name: str, python: str | None = None) -> str:
    """The text of hook ``name`` calling this installation of hsdt."""
    exe = python or sys.executable
    return (
        "#!/bin/sh\n"
        f"# hsdt {name}: cài bằng 'hsdt hooks install --bare'. Installed by hsdt.\n"
        f"exec '{exe}' -m hsdt hooks run {name}\n"
    )


def install_hooks(bare: Path, python: str | None = None) -> list[Path]:
    """Install the pre-receive and post-receive hooks into the bare repository ``bare``."""
    if not (bare / "objects").is_dir() or not (bare / "refs").is_dir():
        raise UsageError(msg("hooks.not_bare", path=str(bare)))
    for key, value in SERVER_CONFIG:
        git_text(bare, ["config", key, value])
    written = []
    for name in HOOK_NAMES:
        target = bare / "hooks" / name
        atomic_write_text(target, hook_script(name, python))
        target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        written.append(target)
    return written


def git_dir_from_env(env: Mapping[str, str] | None = None) -> Path:
    """The repository a hook runs in (git sets ``GIT_DIR``; the working folder otherwise)."""
    env = env if env is not None else os.environ
    return Path(env.get("GIT_DIR", ".")).resolve()
