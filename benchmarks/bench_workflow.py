"""How fast the server's hook and ``hsdt status`` are on a year of history.

1. The pre-receive hook on a push of 5 records (one teacher's week, a new submission branch) to
   a bare repository holding a year: 20,000 records in 5,000 commits (2,500 submissions, each
   merged into main by an approval merge, with receive notes). Printed: the median ``git push``
   time with the hooks, beside the same push to a copy without hooks (raw ``receive-pack``);
   the difference is the hook's cost. Target: ≤ 1 s. In the same run, the same push to a copy
   whose hooks run the hook as it was before the hardening of issue 9 (``--baseline-rev``,
   extracted with ``git archive``), so that the cost of the stricter reads shows.
2. ``hsdt status --all`` over that history as a whole process, beside one raw
   ``git log --name-status`` over main. Target: ≤ 2 s.

Prints its figures; exits 0 either way (timings belong in a report, never in a test).

    .venv/bin/python benchmarks/bench_workflow.py [--records 20000] [--commits 5000] [--runs 5]
        [--baseline-rev 9943777]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from generate_year import PROFILE, _chunks, plan_submission, plan_year, write_records

from hsdt.git.notes import ReceiveNote
from hsdt.model.school import School
from hsdt.model.timeutil import VN_TZ
from hsdt.scaffold import init_school
from hsdt.workflow.hooks import install_hooks

PROJECT = Path(__file__).resolve().parents[1]
HOOK_TARGET_S = 1.0
STATUS_TARGET_S = 2.0
HSDT = str(Path(sys.executable).with_name("hsdt"))
BASELINE_REV = "9943777"
"""The last commit before the push judge was rebuilt (issue 9)."""


def install_old_hooks(bare: Path, rev: str, folder: Path) -> bool:
    """Hooks running hsdt's sources at ``rev`` (False when the clone lacks that commit)."""
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        cwd=PROJECT,
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:
        return False
    src = folder / "old-src"
    src.mkdir()
    archive = subprocess.run(
        ["git", "archive", rev, "src"], cwd=PROJECT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    install_hooks(bare)
    for name in ("pre-receive", "post-receive"):
        hook = bare / "hooks" / name
        line = f"PYTHONPATH='{src / 'src'}' exec '{sys.executable}' -m hsdt hooks run {name}"
        hook.write_text(f"#!/bin/sh\n{line}\n", encoding="utf-8")
    return True


def one_year_profile(path: Path) -> None:
    """Keep only the first school year, in the single-year form: the baseline hook predates
    profiles listing several years and could not read the built-in profile otherwise (the
    benchmark's year is 2025-2026)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    key = lines.index("nam_hoc:")
    end = next(i for i in range(key + 1, len(lines)) if re.match(r"^\S", lines[i]))
    items = [i for i in range(key + 1, end) if lines[i].startswith("  - ma: ")]
    first = lines[items[0] : items[1] if len(items) > 1 else end]
    single = ["  " + first[0][len("  - ") :]] + [
        line[2:] for line in first[1:] if line.strip() and not line.lstrip().startswith("#")
    ]
    lines[key + 1 : end] = [*single, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def baseline_rules(path: Path) -> None:
    """The rules as the baseline hook can read them: without the keys of issue 14 (the
    school's state names, ``cach_tinh``), the lesson deadlines in their earlier encoding (the
    3-day lead and the nearest Sunday or Wednesday cut-off), which both versions judge alike."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^ +ten_trang_thai:.*\n", "", text)
    # a step naming the vice-principal's responsibility, as the plain list of roles
    text = re.sub(r"\{vai_tro: (\[[^\]]*\]), phu_trach: \[[^\]]*\]\}", r"\1", text)
    text = text.replace(
        ", cach_tinh: du_so_ngay, so_ngay: 3}",
        "}",
    ).replace(
        "      - {kieu: moc_tuan, moc: ngay_day",
        "      - {kieu: truoc_ngay, moc: ngay_day, so_ngay: 3}\n"
        "      - {kieu: moc_tuan, moc: ngay_day",
    )
    path.write_text(text, encoding="utf-8")


def baseline_roster(path: Path) -> None:
    """The roster as the baseline hook can read it: without the classes each teacher heads
    (``chu_nhiem``, issue 14)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r", chu_nhiem: \[[^\]]*\]", "", text), encoding="utf-8")


def _person(name: str, email: str, when: datetime) -> str:
    return f"{name} <{email}> {int(when.timestamp())} +0700"


def import_workflow_history(
    root: Path, school: School, base: Sequence[str], records: list, commits: int
) -> int:
    """The year as submissions merged by approval merges (half the commits each), with receive
    notes for the submissions, in one ``git fast-import``."""
    ordered = sorted(records, key=lambda r: (r.day, r.rel))
    rounds = max(commits // 2, 1)
    chunks = [list(c) for c in _chunks(ordered, rounds) if c]
    out = bytearray()
    first = [(rel, (root / rel).read_bytes()) for rel in base]
    start = datetime.combine(school.calendars[0].start, datetime.min.time(), VN_TZ)
    admin = _person("Ban quản trị", "admin@truong.example", start)
    out += f"commit refs/heads/main\nmark :1\nauthor {admin}\ncommitter {admin}\n".encode()
    text = "Kho hồ sơ của trường".encode()
    out += b"data %d\n%s\n" % (len(text), text)
    for rel, data in first:
        out += b"M 100644 inline %s\ndata %d\n%s\n" % (rel.encode(), len(data), data)
    notes = bytearray()
    main_mark, mark = 1, 1
    for chunk in chunks:
        author = Counter(r.author for r in chunk).most_common(1)[0][0]
        staff = school.staff[author]
        when = datetime.combine(chunk[-1].day - timedelta(days=4), datetime.min.time(), VN_TZ)
        when = when.replace(hour=20)
        mark += 1
        content = mark
        who = _person(staff.name, staff.email, when)
        text = f"Nộp {len(chunk)} hồ sơ".encode()
        out += f"commit refs/heads/side\nmark :{content}\nauthor {who}\ncommitter {who}\n".encode()
        out += b"data %d\n%s\nfrom :%d\n" % (len(text), text, main_mark)
        for r in chunk:
            data = r.text.encode()
            out += b"M 100644 inline %s\ndata %d\n%s\n" % (r.rel.encode(), len(data), data)
        note = ReceiveNote(when, "refs/heads/nop/x", author, tuple(r.rel for r in chunk))
        data = note.text().encode()
        notes += b"N inline :%d\ndata %d\n%s" % (content, len(data), data)
        group = next((g for g in school.groups.values() if author in g.members), None)
        head = group.head if group is not None and group.head else school.principal
        approver = school.staff[head]
        approved = when + timedelta(hours=12)
        by = _person(approver.name, approver.email, approved)
        text = f"Duyệt\n\nHsdt-Approved-By: {head}\nHsdt-Role: to_truong\n".encode()
        mark += 1
        out += f"commit refs/heads/main\nmark :{mark}\nauthor {by}\ncommitter {by}\n".encode()
        out += b"data %d\n%s\nfrom :%d\nmerge :%d\n" % (len(text), text, main_mark, content)
        for r in chunk:
            data = r.text.encode()
            out += b"M 100644 inline %s\ndata %d\n%s\n" % (r.rel.encode(), len(data), data)
        main_mark = mark
    bot = _person("hsdt", "hsdt@localhost", start)
    out += f"commit refs/notes/hsdt/received\ncommitter {bot}\ndata 5\nnotes\n".encode() + notes
    out += b"reset refs/heads/side\nfrom 0000000000000000000000000000000000000000\n"
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=bytes(out), check=True)
    subprocess.run(["git", "update-ref", "-d", "refs/heads/side"], cwd=root, check=False)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)
    return mark


def build(
    folder: Path, count: int, commits: int, baseline_rev: str
) -> tuple[Path, Path, Path, Path | None, School]:
    """The school's working copy with history, its bare server (hooks), a bare copy without,
    and a bare copy with the hooks of ``baseline_rev`` (None when that commit is missing)."""
    made = init_school(folder / "school", PROFILE, hooks_repo=str(PROJECT))
    one_year_profile(made.root / made.school.profile_dir / "truong.yml")
    baseline_rules(made.root / made.school.profile_dir / "quy-che.yml")
    baseline_roster(made.root / made.school.profile_dir / "truong.yml")
    records = plan_year(made.school, count, 2025)
    write_records(made.root, records)
    made_commits = import_workflow_history(made.root, made.school, made.written, records, commits)
    server = folder / "server.git"
    raw = folder / "raw.git"
    old = folder / "old.git"
    for bare in (server, raw, old):
        subprocess.run(["git", "clone", "-q", "--bare", str(made.root), str(bare)], check=True)
        subprocess.run(
            ["git", "fetch", "-q", str(made.root), "refs/notes/*:refs/notes/*"],
            cwd=bare,
            check=True,
        )
    for bare in (server, old):
        subprocess.run(["git", "config", "hsdt.allowClockOverride", "true"], cwd=bare, check=True)
    install_hooks(server)
    has_old = install_old_hooks(old, baseline_rev, folder)
    print(f"lịch sử: {_n(count)} hồ sơ, {_n(made_commits)} commit", flush=True)
    return made.root, server, raw, old if has_old else None, made.school


def _timed(
    args: list[str], cwd: Path, env: dict[str, str]
) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start, done


def bench_push(
    work: Path, school: School, server: Path, raw: Path, old: Path | None, runs: int
) -> tuple[float, float, float | None]:
    """Median push time of 5 records with the hooks, without (raw receive-pack) and with the
    baseline version's hooks."""
    clone = work.parent / "clone"
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(server), str(clone)], check=True)
    records, moment = plan_submission(school, count=5)
    staff = school.staff[records[0].author]
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": staff.name,
        "GIT_AUTHOR_EMAIL": staff.email,
        "GIT_COMMITTER_NAME": staff.name,
        "GIT_COMMITTER_EMAIL": staff.email,
        "HSDT_RECEIVE_TIME": moment.isoformat(),
    }
    subprocess.run(["git", "checkout", "-q", "main"], cwd=clone, check=True, env=env)
    write_records(clone, records)
    subprocess.run(["git", "add", "records"], cwd=clone, check=True, env=env)
    with_hook: list[float] = []
    without: list[float] = []
    before: list[float] = []
    for i in range(runs):
        subprocess.run(
            ["git", "commit", "-q", "--no-verify", "-m", f"Nộp tuần 26 ({i})"]
            + (["--amend"] if i else []),
            cwd=clone,
            check=True,
            env=env,
        )
        branch = f"nop/{staff.id}/khbd-trung-hoc/tuan-26-lan-{i}"
        seconds, done = _timed(
            ["git", "push", "-q", str(server), f"HEAD:refs/heads/{branch}"], clone, env
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode())
            raise SystemExit("push refused")
        with_hook.append(seconds)
        seconds, done = _timed(
            ["git", "push", "-q", str(raw), f"HEAD:refs/heads/{branch}"], clone, env
        )
        without.append(seconds)
        if old is not None:
            seconds, done = _timed(
                ["git", "push", "-q", str(old), f"HEAD:refs/heads/{branch}"], clone, env
            )
            if done.returncode != 0:
                sys.stderr.write(done.stderr.decode())
                raise SystemExit("push refused by the baseline hook")
            before.append(seconds)
    baseline = statistics.median(before) if before else None
    return statistics.median(with_hook), statistics.median(without), baseline


def bench_status(work: Path, runs: int) -> tuple[float, float, int]:
    """Median ``hsdt status --all`` and raw ``git log --name-status`` times; records listed."""
    status: list[float] = []
    raw: list[float] = []
    lines = 0
    for _ in range(runs):
        seconds, done = _timed([HSDT, "status", "--all"], work, dict(os.environ))
        status.append(seconds)
        lines = len(done.stdout.splitlines())
        seconds, _done = _timed(
            ["git", "log", "--name-status", "--format=%H", "main"], work, dict(os.environ)
        )
        raw.append(seconds)
    return statistics.median(status), statistics.median(raw), lines


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _verdict(value: float, target: float) -> str:
    return "OK" if value <= target else "SLOW"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--commits", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-rev", default=BASELINE_REV)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hsdt-bench-wf-") as name:
        folder = Path(name)
        work, server, raw, old, school = build(
            folder, args.records, args.commits, args.baseline_rev
        )
        hook, baseline, before = bench_push(work, school, server, raw, old, args.runs)
        print(
            f"git push 5 hồ sơ có móc pre-receive: {hook:.2f} s (trung vị {args.runs} lần); "
            f"không móc (receive-pack thô): {baseline:.2f} s; phần của móc: "
            f"{hook - baseline:.2f} s — mục tiêu ≤ {HOOK_TARGET_S:.0f} s: "
            f"{_verdict(hook - baseline, HOOK_TARGET_S)}"
        )
        if before is None:
            print(f"(không có commit {args.baseline_rev} để so với móc cũ)")
        else:
            print(
                f"cùng lần đẩy với móc trước khi gia cố ({args.baseline_rev}): {before:.2f} s; "
                f"phần của móc cũ: {before - baseline:.2f} s; móc mới / móc cũ: "
                f"{(hook - baseline) / max(before - baseline, 1e-9):.2f}×"
            )
        status, log, lines = bench_status(work, max(args.runs // 2, 1))
        print(
            f"hsdt status --all: {status:.2f} s ({_n(lines)} hồ sơ); git log --name-status "
            f"thô: {log:.2f} s — mục tiêu ≤ {STATUS_TARGET_S:.0f} s: "
            f"{_verdict(status, STATUS_TARGET_S)}"
        )
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
