"""The search benchmark runs end to end on a tiny site (figures are printed, never asserted)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT


def test_bench_search_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "bench_search.py"), "--records", "40"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for name in ("generate-40", "index-hsdt", "index-pagefind-plain", "baseline-lunr"):
        assert any(line.startswith(name) for line in lines), done.stdout
    queries = [line for line in lines if line.startswith("first-query ")]
    assert len(queries) == 3, done.stdout
    plain = [line for line in lines if line.startswith("first-query-pagefind ")]
    assert len(plain) == 3, done.stdout
    queries += plain
    # Each query found records and its bytes were measured (the page's search box did run).
    assert all(" 0 kết quả" not in q and "Không tìm thấy" not in q for q in queries), queries
    assert all(" 0.0 kB" not in q for q in queries), queries
