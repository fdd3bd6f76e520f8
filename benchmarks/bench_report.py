"""How fast ``hsdt report`` is on a whole school year of history.

The year of ``bench_workflow`` (20,000 records in 5,000 commits: 2,500 submissions, each merged
into main by an approval merge, with receive notes), then ``hsdt report`` for the whole year
(text, every table, facts collected from history on the spot) as a whole process, beside one
raw ``git log --name-status`` pass over main in the same run. Target: ≤ 2 s. The first run
(no cache: every record read with ``cat-file``) is printed apart from the median of the runs
after it, which take the records' values from the cache by blob id
(:mod:`hsdt.report.metacache`) and main's changed paths by commit id
(:mod:`hsdt.git.changecache`); then the first run on a real clone (``git clone --no-local``,
the receive notes fetched), the median of ``--runs`` first runs. Also printed:
``hsdt report --format html`` (the three SVG charts) and ``hsdt report facts``.

Prints its figures; exits 0 either way (timings belong in a report, never in a test).

    .venv/bin/python benchmarks/bench_report.py [--records 20000] [--commits 5000] [--runs 3]
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

from bench_workflow import import_workflow_history, one_year_profile
from generate_year import PROFILE, plan_year, write_records

from hsdt.scaffold import init_school

PROJECT = Path(__file__).resolve().parents[1]
REPORT_TARGET_S = 2.0
HSDT = str(Path(sys.executable).with_name("hsdt"))
AS_OF = "2026-05-31T18:00"
"""The year's last day: every teaching week is due."""


def build(folder: Path, count: int, commits: int) -> tuple[Path, int]:
    """The school's repository with the year's history; returns it and its commit count."""
    made = init_school(folder / "school", PROFILE, hooks_repo=str(PROJECT))
    one_year_profile(made.root / made.school.profile_dir / "truong.yml")
    records = plan_year(made.school, count, 2025)
    write_records(made.root, records)
    made_commits = import_workflow_history(made.root, made.school, made.written, records, commits)
    return made.root, made_commits


def _timed(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=dict(os.environ), capture_output=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode())
        raise SystemExit(f"{' '.join(args[:3])} failed")
    return time.perf_counter() - start, done


def _median(args: list[str], cwd: Path, runs: int) -> tuple[float, bytes]:
    times = []
    out = b""
    for _ in range(runs):
        seconds, done = _timed(args, cwd)
        times.append(seconds)
        out = done.stdout
    return statistics.median(times), out


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--commits", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hsdt-bench-report-") as name:
        folder = Path(name)
        work, commits = build(folder, args.records, args.commits)
        print(f"lịch sử: {_n(args.records)} hồ sơ, {_n(commits)} commit", flush=True)
        log, _out = _median(["git", "log", "--name-status", "--format=%H", "main"], work, args.runs)
        cache = work / ".git" / "hsdt" / "report-meta.json"
        shutil.rmtree(cache.parent, ignore_errors=True)  # both caches: a fresh clone's first run
        cold, _done = _timed([HSDT, "report", "--at", AS_OF], work)
        report, out = _median([HSDT, "report", "--at", AS_OF], work, args.runs)
        lines = len(out.splitlines())
        verdict = "OK" if report <= REPORT_TARGET_S else "SLOW"
        print(
            f"hsdt report (cả năm, {_n(lines)} dòng): {report:.2f} s (trung vị {args.runs} lần, "
            f"bộ nhớ đệm theo blob đã có); git log --name-status thô: {log:.2f} s — mục tiêu "
            f"≤ {REPORT_TARGET_S:.0f} s: {verdict}"
        )
        sizes = [
            (cache.parent / n).stat().st_size / 1e6 for n in ("report-meta.json", "changes.json")
        ]
        print(
            f"  lần đầu (chưa có bộ nhớ đệm nào: mọi hồ sơ đọc bằng cat-file, mọi commit của main "
            f"để git so cây): {cold:.2f} s — mục tiêu ≤ {REPORT_TARGET_S:.0f} s: "
            f"{'OK' if cold <= REPORT_TARGET_S else 'SLOW'}; bộ nhớ đệm "
            f"{sizes[0]:.1f} MB + {sizes[1]:.1f} MB"
        )
        html, _out = _median(
            [HSDT, "report", "--at", AS_OF, "--format", "html", "--out", str(folder / "r.html")],
            work,
            args.runs,
        )
        facts, _out = _median(
            [HSDT, "report", "facts", "--at", AS_OF, "--out", str(folder / "facts")],
            work,
            args.runs,
        )
        print(f"hsdt report --format html (3 biểu đồ SVG): {html:.2f} s; hsdt report facts: "
              f"{facts:.2f} s")  # fmt: skip
        clone = folder / "clone"
        # what a principal has: a real clone (git's own pack, deltas and all) with the notes
        subprocess.run(["git", "clone", "-q", "--no-local", str(work), str(clone)], check=True)
        notes = "+refs/notes/*:refs/notes/*"
        subprocess.run(["git", "fetch", "-q", "origin", notes], cwd=clone, check=True)
        firsts = [_timed([HSDT, "report", "--at", AS_OF], clone)[0]]
        for _ in range(args.runs - 1):
            shutil.rmtree(clone / ".git" / "hsdt", ignore_errors=True)
            firsts.append(_timed([HSDT, "report", "--at", AS_OF], clone)[0])
        first = statistics.median(firsts)
        print(
            f"bản sao mới (git clone --no-local, kèm ghi chú giờ nhận), lần đầu: {first:.2f} s "
            f"(trung vị {len(firsts)} lần, mỗi lần xóa bộ nhớ đệm trước; "
            f"{' '.join(f'{t:.2f}' for t in firsts)}) — mục tiêu ≤ {REPORT_TARGET_S:.0f} s: "
            f"{'OK' if first <= REPORT_TARGET_S else 'SLOW'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
