"""How fast ``hsdt check`` is: start-up on a small submission, throughput over a whole year.

Prints one line per figure with its target and OK or SLOW; exits 0 either way (timings belong
in a report, never in a test's assertion). All figures are measured in the same run, as whole
processes (``.venv/bin/hsdt``), so start-up and imports count.

1. ``hsdt check <5 records> --at …``: median over ≥ 15 runs, beside the median of
   ``python -c "import yaml"`` (the floor any YAML-reading tool pays). Targets: ≤ 0.3 s and
   ≤ 3× the baseline.
2. ``hsdt check --all`` over a generated year of 20,000 records: median of ≥ 3 runs and
   records/s. Target: ≤ 10 s on 2 cores. ``--jobs 1`` is printed for comparison.

    .venv/bin/python benchmarks/bench_check.py [--quick] [--records N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generate_year import generate_year, plan_submission, write_records

from hsdt.scaffold import init_school

PROJECT = Path(__file__).resolve().parents[1]
STARTUP_TARGET_S = 0.3
STARTUP_TARGET_RATIO = 3.0
ALL_TARGET_S = 10.0
ALL_TARGET_CORES = 2


@dataclass(frozen=True)
class Timing:
    """Wall times of repeated runs of one command."""

    times: tuple[float, ...]
    """Seconds per run (warm-up excluded)."""
    code: int
    """Exit status of the last run."""
    output: str
    """stdout and stderr of the last run."""

    @property
    def median(self) -> float:
        """The median wall time, in seconds."""
        return statistics.median(self.times)


def tool(name: str) -> Path:
    """An executable of the project's virtualenv (or of the running interpreter's)."""
    venv = PROJECT / ".venv" / "bin" / name
    return venv if venv.exists() else Path(sys.executable).parent / name


def child_env() -> dict[str, str]:
    """The environment of the measured processes: no HSDT_* settings, and bytecode caches
    allowed (PYTHONDONTWRITEBYTECODE would make every run compile hsdt from source, which no
    installed copy does)."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("HSDT_") and k != "PYTHONDONTWRITEBYTECODE"
    }


def time_runs(commands: Mapping[str, Sequence[str]], cwd: Path, runs: int) -> dict[str, Timing]:
    """Run each command once to warm caches, then ``runs`` rounds of all of them in turn (so a
    change in the machine's load touches every command alike), timing each whole process."""
    env = child_env()
    last = {
        name: subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        for name, args in commands.items()
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, args in commands.items():
            began = time.perf_counter()
            last[name] = subprocess.run(
                args, cwd=cwd, env=env, capture_output=True, text=True, check=False
            )
            times[name].append(time.perf_counter() - began)
    return {
        name: Timing(tuple(times[name]), done.returncode, done.stdout + done.stderr)
        for name, done in last.items()
    }


def verdict(ok: bool) -> str:
    """The word printed at the end of a figure's line."""
    return "OK" if ok else "SLOW"


def warn_if_failed(name: str, timing: Timing) -> None:
    """A timing of a check that found problems measures the wrong thing: say so."""
    if timing.code != 0:
        tail = "\n    ".join(timing.output.strip().splitlines()[-5:])
        print(f"  ! {name}: exit code {timing.code}, so this is not a clean check:\n    {tail}")


def bench_startup(work: Path, runs: int) -> None:
    """Figure 1: a teacher's commit of five lesson plans, against ``import yaml``."""
    root = work / "startup"
    made = init_school(root, "le-khac-can")
    records, moment = plan_submission(made.school, count=5)
    write_records(root, records)
    timings = time_runs(
        {
            "yaml": [str(tool("python")), "-c", "import yaml"],
            "check": [
                str(tool("hsdt")),
                "check",
                *(r.rel for r in records),
                "--at",
                moment.isoformat(),
            ],
        },
        root,
        runs,
    )
    baseline, check = timings["yaml"], timings["check"]
    ratio = check.median / baseline.median
    ok = check.median <= STARTUP_TARGET_S and ratio <= STARTUP_TARGET_RATIO
    print(
        f"check-5-records median {check.median:.3f} s (yaml import {baseline.median:.3f} s, "
        f"ratio {ratio:.2f}×; {runs} runs each; target ≤ {STARTUP_TARGET_S} s and "
        f"≤ {STARTUP_TARGET_RATIO:g}×) {verdict(ok)}"
    )
    warn_if_failed("check-5-records", check)


def bench_all(work: Path, count: int, runs: int) -> None:
    """Figure 2: ``hsdt check --all`` over a generated year, default jobs and ``--jobs 1``."""
    root = work / "year"
    began = time.perf_counter()
    year = generate_year(root, count)
    took = time.perf_counter() - began
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(year.by_type.items()))
    print(f"generate-{count} {took:.1f} s ({kinds})")
    hsdt = str(tool("hsdt"))
    cores = os.cpu_count() or 1
    timings = time_runs(
        {"parallel": [hsdt, "check", "--all"], "serial": [hsdt, "check", "--all", "--jobs", "1"]},
        root,
        runs,
    )
    parallel, serial = timings["parallel"], timings["serial"]
    ok = parallel.median <= ALL_TARGET_S
    note = "" if cores == ALL_TARGET_CORES else f"; this machine has {cores}"
    print(
        f"check-all-{count} median {parallel.median:.2f} s, {count / parallel.median:,.0f} "
        f"records/s (jobs = {cores} cores, {runs} runs; target ≤ {ALL_TARGET_S:g} s on "
        f"{ALL_TARGET_CORES} cores{note}) {verdict(ok)}"
    )
    warn_if_failed(f"check-all-{count}", parallel)
    print(
        f"check-all-{count}-jobs-1 median {serial.median:.2f} s, "
        f"{count / serial.median:,.0f} records/s ({runs} runs; comparison, no target; "
        f"speed-up {serial.median / parallel.median:.2f}×)"
    )
    warn_if_failed(f"check-all-{count}-jobs-1", serial)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print; always exit 0."""
    parser = argparse.ArgumentParser(description="Benchmarks of hsdt check.")
    parser.add_argument("--quick", action="store_true", help="fewer runs and records (smoke)")
    parser.add_argument("--records", type=int, help="records in the generated year")
    parser.add_argument("--runs", type=int, help="runs of check --all")
    args = parser.parse_args(argv)
    startup_runs = 5 if args.quick else 21
    count = args.records or (2_000 if args.quick else 20_000)
    runs = args.runs or (1 if args.quick else 3)
    notes = [f"Python {sys.version.split()[0]}", f"{os.cpu_count()} CPUs"]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        notes.append("PYTHONDONTWRITEBYTECODE ignored for the measured processes")
    if args.quick:
        notes.append("quick: not the real figures")
    print(f"# hsdt check benchmarks, wall time of whole processes: {'; '.join(notes)}")
    with tempfile.TemporaryDirectory(prefix="hsdt-bench-") as tmp:
        bench_startup(Path(tmp), startup_runs)
        bench_all(Path(tmp), count, runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
