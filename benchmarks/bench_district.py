"""How fast the district report is over a province's facts files.

Generates 1,000 schools' facts (20,000 rows each: 20 million rows) with one DuckDB ``COPY``
into ``build/bench-district/`` (Hive partitions ``district=…/school=…/year=…``, the schema of
:mod:`hsdt.report.facts`; kept out of git by ``build/`` in .gitignore), then runs
``hsdt report district`` over them as a whole process, beside a plain DuckDB ``count(*)`` over
the same files in its own process. Printed: wall time and peak memory (RSS of the process,
from ``wait4``). Targets: ≤ 10 s on 2 cores, ≤ 4 GB.

Prints its figures; exits 0 either way (timings belong in a report, never in a test).

    .venv/bin/python benchmarks/bench_district.py [--schools 1000] [--rows 20000] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "build" / "bench-district"
HSDT = str(Path(sys.executable).with_name("hsdt"))
TIME_TARGET_S = 10.0
MEMORY_TARGET_GB = 4.0
DISTRICTS = 25
TEACHERS = 60
GROUPS = 6


GENERATE = """
COPY (
  WITH base AS (
    SELECT i, i // {rows} AS s, i % {rows} AS r, hash(i) AS h FROM range({total}) t(i)
  ), shaped AS (
    SELECT *,
      'quan-' || lpad(CAST(s % {districts} AS VARCHAR), 2, '0') AS district,
      'truong-' || lpad(CAST(s AS VARCHAR), 4, '0') AS school,
      '2025-2026' AS year,
      'to-' || CAST(r % {groups} AS VARCHAR) AS "group",
      'gv-' || lpad(CAST(r % {teachers} AS VARCHAR), 2, '0') AS teacher,
      CAST(1 + (r // {teachers}) % 35 AS INTEGER) AS week,
      h % 100 AS roll
    FROM base
  )
  SELECT district, school, year, "group", teacher,
    CASE WHEN roll < 30 THEN 'bao-giang' ELSE 'khbd-trung-hoc' END AS type,
    CASE WHEN roll < 8 THEN NULL ELSE 'records/2025-2026/' || "group" || '/' || teacher
      || '/r' || CAST(i AS VARCHAR) || '.md' END AS path,
    week,
    DATE '2025-09-08' + 7 * (week - 1) AS period_first,
    DATE '2025-09-08' + 7 * (week - 1) + 6 AS period_last,
    CASE WHEN roll < 30 THEN 'yes' ELSE 'unknown' END AS expected,
    CASE WHEN roll < 30 THEN NULL ELSE 'loại khbd-trung-hoc: quy chế không cho biết' END
      AS expected_why,
    CASE WHEN roll < 8 THEN 'thieu' WHEN roll < 15 THEN 'da_gui_kiem_tra' ELSE 'da_ky' END
      AS state,
    CASE WHEN roll < 8 THEN NULL ELSE TIMESTAMPTZ '2025-09-05 13:00:00+00'
      + INTERVAL 1 DAY * (7 * (week - 1)) END AS submitted_at,
    TIMESTAMPTZ '2025-09-07 16:59:59+00' + INTERVAL 1 DAY * (7 * (week - 1)) AS due_at,
    CAST(NULL AS VARCHAR) AS extension,
    CASE WHEN roll < 8 THEN 'missing' WHEN roll < 12 THEN 'late' ELSE 'on_time' END
      AS timeliness,
    CAST(CASE WHEN roll % 10 = 0 THEN 1 ELSE 0 END AS INTEGER) AS sendback_rounds,
    CAST(0 AS INTEGER) AS corrections,
    CASE WHEN roll < 15 THEN NULL ELSE TIMESTAMPTZ '2025-09-06 02:00:00+00'
      + INTERVAL 1 DAY * (7 * (week - 1)) END AS approved_at,
    CASE WHEN roll < 15 THEN NULL ELSE CAST(3600 * (12 + (h // 100) % 60) AS BIGINT) END
      AS approval_delay_s,
    CAST(CASE WHEN roll < 15 THEN 0 ELSE (h // 7) % 2 END AS INTEGER) AS signatures_pending,
    CASE WHEN roll >= 8 AND roll < 15 THEN 'gv-00' END AS pending_reviewer,
    CASE WHEN roll >= 8 AND roll < 15 THEN TIMESTAMPTZ '2025-09-05 13:00:00+00'
      + INTERVAL 1 DAY * (7 * (week - 1)) END AS pending_since,
    TIMESTAMPTZ '2026-05-31 11:00:00+00' AS as_of
  FROM shaped
) TO '{out}' (FORMAT parquet, PARTITION_BY (district, school, year), COMPRESSION zstd,
  FILENAME_PATTERN 'facts')
"""
"""One statement writes every school's facts (a parquet file per partition)."""


def generate(out: Path, schools: int, rows: int) -> float:
    """Write the facts; returns the seconds it took."""
    import duckdb

    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    con = duckdb.connect(":memory:")
    con.execute(
        GENERATE.format(
            rows=rows,
            total=schools * rows,
            districts=min(DISTRICTS, schools),
            groups=GROUPS,
            teachers=TEACHERS,
            out=str(out).replace("'", "''"),
        )
    )
    con.close()
    return time.perf_counter() - start


def _run(args: list[str]) -> tuple[float, float, bytes]:
    """Wall seconds, peak RSS in GB (the child's own, from ``wait4``) and stdout of one
    process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            sys.stderr.write(err.read().decode())
            raise SystemExit(f"{' '.join(args[:3])} failed")
        return seconds, usage.ru_maxrss / 1024 / 1024, out.read()


COUNT = (
    'import duckdb, sys; print(duckdb.connect().execute("SELECT count(*) FROM read_parquet(\'"'
    ' + sys.argv[1] + "/**/*.parquet\', hive_partitioning = true)").fetchone()[0])'
)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=1_000)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--reuse", action="store_true", help="use the files a --keep run left")
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate_only:
        print(f"{generate(args.out, args.schools, args.rows):.3f}")
        return 0
    if args.reuse and any(args.out.rglob("*.parquet")):
        made = 0.0
    else:
        # In a child process: the parent stays small, so the children measured below do not
        # start from (and report as their peak) the memory the generation used.
        made_s, _gb, out = _run(
            [sys.executable, __file__, "--generate-only", "--out", str(args.out),
             "--schools", str(args.schools), "--rows", str(args.rows)]
        )  # fmt: skip
        made = float(out.decode().strip())
        del made_s
    files = sum(1 for _ in args.out.rglob("*.parquet"))
    size = sum(p.stat().st_size for p in args.out.rglob("*.parquet"))
    print(
        f"dữ kiện: {_n(args.schools)} trường, {_n(args.schools * args.rows)} dòng, "
        f"{_n(files)} tệp, {size / 1024 / 1024:.0f} MB (sinh trong {made:.1f} s)",
        flush=True,
    )
    count_s, count_gb, out = _run([sys.executable, "-c", COUNT, str(args.out)])
    rows = int(out.decode().strip())
    report_s, report_gb, text = _run([HSDT, "report", "district", str(args.out)])
    cores = len(os.sched_getaffinity(0))
    ok = report_s <= TIME_TARGET_S and report_gb <= MEMORY_TARGET_GB
    print(
        f"hsdt report district ({_n(len(text.splitlines()))} dòng): {report_s:.2f} s, bộ nhớ "
        f"đỉnh {report_gb:.2f} GB; DuckDB count(*) thô ({_n(rows)} dòng): {count_s:.2f} s, "
        f"{count_gb:.2f} GB — {cores} lõi; mục tiêu ≤ {TIME_TARGET_S:.0f} s, ≤ "
        f"{MEMORY_TARGET_GB:.0f} GB: {'OK' if ok else 'SLOW'}"
    )
    if not args.keep:
        shutil.rmtree(args.out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
