"""The benchmark's year generator makes records that ``hsdt check --all`` accepts.

Timings are the benchmark's business (benchmarks/bench_check.py prints them); here only the
generator's output is checked, on a small year.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from benchmarks.generate_year import generate_year, plan_submission, write_records

from hsdt.check import check_paths
from hsdt.scaffold import init_school
from tests.conftest import git


def test_generated_year_passes_check_all(tmp_path: Path) -> None:
    year = generate_year(tmp_path / "school", 50)
    assert len(year.records) == 50
    assert {"khbd-trung-hoc", "khbd-tieu-hoc", "bao-giang", "bien-ban-hop-to"} <= set(year.by_type)
    report = check_paths(year.root, [], all_records=True)
    assert [p.render() for p in report.problems] == []
    assert report.checked == 50


def test_generated_submission_is_on_time(tmp_path: Path) -> None:
    made = init_school(tmp_path / "school", "le-khac-can")
    records, moment = plan_submission(made.school, count=5)
    write_records(made.root, records)
    assert isinstance(moment, datetime)
    report = check_paths(made.root, [made.root / r.rel for r in records], at=moment)
    assert [p.render() for p in report.problems] == []
    assert report.checked == 5


def test_history_is_optional_and_complete(tmp_path: Path) -> None:
    year = generate_year(tmp_path / "school", 30, commits=3)
    assert year.commits == 3
    assert git(year.root, "rev-list", "--count", "HEAD").strip() == "3"
    assert git(year.root, "status", "--porcelain") == ""
    tracked = set(git(year.root, "ls-files", "records").split("\n"))
    assert set(year.records) <= tracked


def _run_benchmark(name: str, *args: str) -> str:
    import subprocess
    import sys

    from tests.conftest import PROJECT

    done = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / name), *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_render_benchmark_prints_its_figures() -> None:
    out = _run_benchmark("bench_render.py", "--quick")
    for label in (
        "warm render: hsdt",
        "raw WeasyPrint",
        "batch of 6",
        "cache hit",
        "fresh process",
    ):
        assert label in out


def test_publish_benchmark_prints_its_figure() -> None:
    out = _run_benchmark("bench_publish.py", "--runs", "1")
    assert "last commit: Công bố 1 hồ sơ đã duyệt" in out
    assert "hsdt publish, one newly approved record" in out


def test_export_benchmark_prints_its_figures() -> None:
    out = _run_benchmark("bench_export.py", "--pdfs", "6", "--workers", "2")
    for label in (
        "generated: 6 records",
        "hsdt export (full verification):",
        "floor: git archive + bagit.make_bag (sha256, sha512), median of 3 (before, after, after the export):",
        "of which checking every PDF (W workers):",
        "of which printing the report's PDF:",
        "hsdt packaging overhead, verification aside:",
        "overhead without printing the report either:",
        "hsdt export verify:",
        "peak memory",
    ):
        assert label in out
    assert "exit codes: export 1, verify 0" in out


def test_import_benchmark_prints_its_figures() -> None:
    out = _run_benchmark("bench_import.py", "--files", "3", "--runs", "1")
    for label in (
        "one lesson plan, whole process (hsdt import FILE):",
        "bare pandoc on the same file:",
        "folder of 3 (hsdt import FOLDER):",
        "Tổng cộng 3 tệp: 3 đã tạo, 0 chạy thử, 0 đã có, 0 không nhập được; 3 hồ sơ đạt kiểm tra",
        "bare converter, pandoc per file, one at a time:",
        "mammoth (the alternative, no formulas), one process:",
        "hsdt mapping overhead:",
    ):
        assert label in out
