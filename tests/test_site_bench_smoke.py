"""benchmarks/bench_site.py runs end to end on a tiny year (the figures are its business)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT


def test_site_benchmark_runs_tiny() -> None:
    done = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "bench_site.py"),
         "--sizes", "12,24", "--baseline", "8", "--distinct", "2", "--jobs", "2"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("hsdt, 12 hồ sơ") and " 12 trang" in line for line in lines)
    assert any(line.startswith("hsdt, 24 hồ sơ, dựng lại (cache ấm)") for line in lines)
    assert any(line.startswith("MkDocs Material thuần, 8 trang") for line in lines)
    assert "2 distinct real signed PDFs" in done.stdout
    assert "mục tiêu 24 hồ sơ" in done.stdout
