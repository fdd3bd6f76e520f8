"""How fast ``hsdt import`` is, beside the bare converter on the same files in the same run.

Prints one line per figure with its target and OK or SLOW; exits 0 either way (timings belong
in a report, never in a test's assertion). Every figure is a whole process, so start-up counts.

1. One typical six-page CV 5512 lesson plan (tests/docx_corpus.py, 8 steps per activity):
   ``hsdt import FILE`` into a school repository, median over ``--runs`` files. Target ≤ 2 s.
2. A folder of ``--files`` such plans (default 200): ``hsdt import FOLDER``. Target ≤ 60 s on
   2 cores.
3. Beside each, the bare converter on the same files: ``pandoc -f docx -t markdown_strict``
   once per file (what hsdt's conversion replaces), as many at a time as hsdt runs (the CPU
   count) and one at a time, and mammoth (the alternative measured for
   the choice, docs/nhap-word.md) in one Python process. The overhead ratio is hsdt's time over
   pandoc's at the same parallelism. Target ≤ 1.5×.

    .venv/bin/python benchmarks/bench_import.py [--files N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from tests.docx_corpus import lesson_5512  # noqa: E402

from hsdt.importer.convert import pandoc_path  # noqa: E402
from hsdt.scaffold import init_school  # noqa: E402

ONE_TARGET_S = 2.0
FOLDER_TARGET_S = 60.0
RATIO_TARGET = 1.5
STEPS = 8
"""Steps per activity: about six printed pages."""


def _hsdt() -> list[str]:
    return [sys.executable, "-m", "hsdt"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "GIT_AUTHOR_NAME": "Bench",
            "GIT_AUTHOR_EMAIL": "toan01@lkc.truong-mau.example",
            "GIT_COMMITTER_NAME": "Bench",
            "GIT_COMMITTER_EMAIL": "toan01@lkc.truong-mau.example",
            "GIT_CONFIG_NOSYSTEM": "1",
        }
    )
    return env


def _timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=_env(), check=False)
    return time.perf_counter() - start, done.returncode, done.stdout or done.stderr


def _files(folder: Path, count: int) -> list[Path]:
    """``count`` distinct plans (distinct titles: the same file twice is imported once)."""
    return [
        lesson_5512(
            folder / f"giao-an-{n:03d}.docx",
            title=f"BÀI {n}: PHÂN SỐ ({folder.name})",
            day=f"{1 + n % 28:02d}/10/2025",
            paragraphs=STEPS,
        ).path
        for n in range(count)
    ]


def _pandoc(files: list[Path], cwd: Path, workers: int = 1) -> float:
    """pandoc alone on ``files``, ``workers`` processes at a time (hsdt import runs its
    conversions as many at a time as there are cores)."""
    from concurrent.futures import ThreadPoolExecutor

    pandoc = pandoc_path()

    def one(file: Path) -> None:
        subprocess.run(
            [pandoc, "-f", "docx", "-t", "markdown_strict", str(file)],
            cwd=cwd,
            capture_output=True,
            check=True,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, files))
    return time.perf_counter() - start


def _mammoth(files: list[Path]) -> float | None:
    try:
        import mammoth
    except ImportError:
        return None
    start = time.perf_counter()
    for file in files:
        with file.open("rb") as handle:
            mammoth.convert_to_html(handle)
    return time.perf_counter() - start


def _verdict(ok: bool) -> str:
    return "OK" if ok else "SLOW"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=200, help="files in the folder import")
    parser.add_argument("--runs", type=int, default=5, help="single-file imports measured")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hsdt-bench-import-") as tmp:
        base = Path(tmp)
        root = init_school(base / "school", "le-khac-can", hooks_repo=str(PROJECT)).root
        singles = _files(base / "one", args.runs + 1)
        folder_files = _files(base / "folder", args.files)
        print(f"corpus: {len(folder_files)} CV 5512 lesson plans of {STEPS} steps per activity")
        _timed([*_hsdt(), "import", str(singles[0])], root)  # warm-up (disk caches)
        times: list[float] = []
        for file in singles[1:]:
            seconds, code, out = _timed([*_hsdt(), "import", str(file)], root)
            if code != 0:
                print(out)
                return 1
            times.append(seconds)
        one = statistics.median(times)
        bare_one = statistics.median(_pandoc([f], root) for f in singles[1:])
        print(
            f"one lesson plan, whole process (hsdt import FILE): {one:.2f} s "
            f"(target ≤ {ONE_TARGET_S:.0f} s) {_verdict(one <= ONE_TARGET_S)}"
        )
        print(f"  bare pandoc on the same file: {bare_one:.2f} s, ratio {one / bare_one:.2f}×")
        seconds, code, out = _timed([*_hsdt(), "import", str(base / "folder")], root)
        summary = out.strip().splitlines()[-1] if out.strip() else ""
        if code != 0:
            print(out[-2000:])
        cores = os.cpu_count() or 1
        bare_serial = _pandoc(folder_files, root)
        bare = _pandoc(folder_files, root, cores)
        ratio = seconds / bare
        print(
            f"folder of {len(folder_files)} (hsdt import FOLDER): {seconds:.1f} s on {cores} "
            f"cores (target ≤ {FOLDER_TARGET_S:.0f} s) {_verdict(seconds <= FOLDER_TARGET_S)}"
        )
        print(f"  {summary}")
        print(f"  bare converter, pandoc per file, {cores} at a time: {bare:.1f} s")
        print(f"  bare converter, pandoc per file, one at a time: {bare_serial:.1f} s")
        alternative = _mammoth(folder_files)
        if alternative is not None:
            print(f"  mammoth (the alternative, no formulas), one process: {alternative:.1f} s")
        print(
            f"hsdt mapping overhead: {ratio:.2f}× the bare converter "
            f"(target ≤ {RATIO_TARGET}×) {_verdict(ratio <= RATIO_TARGET)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
