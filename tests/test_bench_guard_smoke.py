"""The guard benchmark runs tiny and prints its figures (the timings are its business)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import PROJECT


def test_guard_benchmark_prints_its_figures() -> None:
    pytest.importorskip("pypandoc")
    done = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "bench_guard.py"), "--quick"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("6-page lesson plan (Unicode, ")
    assert "0 notes): guard " in lines[0]
    assert lines[1].startswith("6-page lesson plan (TCVN3, ")
    assert "1 notes): guard " in lines[1]
    assert lines[2].startswith("folder of 5 files: guard ")
    assert all("pandoc alone" in line for line in lines)
