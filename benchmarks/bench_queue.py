"""How fast ``hsdt queue`` and ``hsdt status PATH --history`` are on a year of history.

The year of :mod:`bench_workflow`: 20,000 records in 5,000 commits (2,500 submissions, each
merged into main by an approval merge, with receive notes), plus three teachers' pending
submissions of next week's lessons (5 records each, on their own submission branches), in a
clone of the school's server with the notes fetched. Timed as whole processes, in the same
run: ``hsdt queue`` for a group head (their pending steps), for the principal (with the
school-wide late count), ``hsdt status PATH --history`` of one record, and one raw
``git log --name-status`` over main (the floor any reader of the history pays).
Target: queue ≤ 1 s.

Prints its figures; exits 0 either way (timings belong in a report, never in a test).

    .venv/bin/python benchmarks/bench_queue.py [--records 20000] [--commits 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench_workflow import PROJECT, import_workflow_history
from generate_year import PROFILE, plan_submission, plan_year, write_records

from hsdt.git.notes import ReceiveNote
from hsdt.model.school import School
from hsdt.scaffold import init_school

QUEUE_TARGET_S = 1.0
HSDT = str(Path(sys.executable).with_name("hsdt"))
PENDING = ("gv-toan-02", "gv-toan-03", "gv-van-01")
"""Teachers with a submission pending at the moment the queue is asked for."""


def add_pending(root: Path, school: School) -> tuple[list[str], str]:
    """Each of :data:`PENDING` submits next week's five lessons on a branch of their own
    (with its receive note), in one ``git fast-import``; returns the branches and the moment
    to ask the queue at (the morning after the submissions)."""
    out = bytearray()
    notes = bytearray()
    branches = []
    moment = None
    for mark, teacher in enumerate(PENDING, start=1):
        records, when = plan_submission(school, teacher=teacher, count=5)
        moment = when
        write_records(root, records)
        staff = school.staff[teacher]
        branch = f"nop/{teacher}/{records[0].rel.split('/')[-2]}/tuan-26"
        branches.append(branch)
        who = f"{staff.name} <{staff.email}> {int(when.timestamp())} +0700"
        text = "Nộp giáo án tuần 26".encode()
        out += f"commit refs/heads/{branch}\nmark :{mark}\nauthor {who}\ncommitter {who}\n".encode()
        out += b"data %d\n%s\nfrom refs/heads/main^0\n" % (len(text), text)
        for r in records:
            data = r.text.encode()
            out += b"M 100644 inline %s\ndata %d\n%s\n" % (r.rel.encode(), len(data), data)
        note = ReceiveNote(when, f"refs/heads/{branch}", teacher, tuple(r.rel for r in records))
        data = note.text().encode()
        notes += b"N inline :%d\ndata %d\n%s" % (mark, len(data), data)
    bot = "hsdt <hsdt@localhost> 1760000000 +0700"
    out += f"commit refs/notes/hsdt/received\ncommitter {bot}\ndata 5\nnotes\n".encode()
    out += b"from refs/notes/hsdt/received^0\n" + notes
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=bytes(out), check=True)
    assert moment is not None
    return branches, moment.replace(hour=20).isoformat(timespec="minutes")


def build(folder: Path, count: int, commits: int) -> tuple[Path, School, str, str, int]:
    """A teacher's clone of the server holding the year; the moment to ask at, a record
    whose history to show, and the commits made."""
    made = init_school(folder / "school", PROFILE, hooks_repo=str(PROJECT))
    records = plan_year(made.school, count, 2025)
    write_records(made.root, records)
    made_commits = import_workflow_history(made.root, made.school, made.written, records, commits)
    _branches, moment = add_pending(made.root, made.school)
    server = folder / "server.git"
    clone = folder / "clone"
    subprocess.run(["git", "clone", "-q", "--bare", str(made.root), str(server)], check=True)
    for target in (server,):
        subprocess.run(
            ["git", "fetch", "-q", str(made.root), "refs/notes/*:refs/notes/*"],
            cwd=target,
            check=True,
        )
    subprocess.run(["git", "clone", "-q", str(server), str(clone)], check=True)
    subprocess.run(
        ["git", "fetch", "-q", "origin", "refs/notes/*:refs/notes/*"], cwd=clone, check=True
    )
    record = sorted(r.rel for r in records if "/khbd-" in r.rel)[len(records) // 3]
    print(
        f"lịch sử: {_n(count)} hồ sơ, {_n(made_commits)} commit, {len(PENDING)} bản nộp "
        "đang chờ duyệt",
        flush=True,
    )
    return clone, made.school, moment, record, made_commits


def _timed(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=dict(os.environ), capture_output=True, check=False)
    return time.perf_counter() - start, done


CPU: dict[str, float] = {}
"""Median CPU seconds (user + system, the process and its git children) by command label:
on a shared machine the wall time swings with the load, the CPU time far less."""


def median_run(label: str, args: list[str], cwd: Path, runs: int) -> tuple[float, bytes]:
    """Median wall time of ``args`` as a whole process, and its last output (the median CPU
    time goes to :data:`CPU`)."""
    times = []
    cpu = []
    out = b""
    for _ in range(runs):
        before = os.times()
        seconds, done = _timed(args, cwd)
        after = os.times()
        cpu.append(
            after.children_user
            + after.children_system
            - before.children_user
            - before.children_system
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode())
            raise SystemExit(f"{' '.join(args[:3])} failed")
        times.append(seconds)
        out = done.stdout
    CPU[label] = statistics.median(cpu)
    return statistics.median(times), out


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _verdict(value: float, target: float) -> str:
    return "OK" if value <= target else "SLOW"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--commits", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hsdt-bench-queue-") as name:
        folder = Path(name)
        clone, school, moment, record, _commits = build(folder, args.records, args.commits)
        head = school.groups["to-khtn"].head or school.principal
        log, _out = median_run(
            "git log",
            ["git", "log", "--name-status", "--format=%H", "origin/main"],
            clone,
            args.runs,
        )
        queue, out = median_run(
            "queue tổ trưởng",
            [HSDT, "queue", "--as", head, "--at", moment, "--format", "json"],
            clone,
            args.runs,
        )
        import json

        waiting = len(json.loads(out)["cho_duyet"])
        leader, _out = median_run(
            "queue hiệu trưởng",
            [HSDT, "queue", "--as", school.principal, "--at", moment],
            clone,
            args.runs,
        )
        history, out = median_run(
            "status --history", [HSDT, "status", "--history", record], clone, args.runs
        )
        events = len(out.decode().splitlines()) - 1
        print(f"git log --name-status thô trên main: {log:.2f} s (trung vị {args.runs} lần)")
        print(
            f"hsdt queue (tổ trưởng {head}, {waiting} bản chờ duyệt): {queue:.2f} s — mục tiêu "
            f"≤ {QUEUE_TARGET_S:.0f} s: {_verdict(queue, QUEUE_TARGET_S)}"
        )
        print(
            f"hsdt queue (hiệu trưởng, có số trễ hạn toàn trường): {leader:.2f} s — mục tiêu "
            f"≤ {QUEUE_TARGET_S:.0f} s: {_verdict(leader, QUEUE_TARGET_S)}"
        )
        print(f"hsdt status --history (1 hồ sơ, {events} sự kiện): {history:.2f} s")
        figures = ", ".join(f"{label}: {seconds:.2f} s" for label, seconds in CPU.items())
        print(f"thời gian CPU (trung vị; máy dùng chung nên thời gian thực dao động): {figures}")
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
