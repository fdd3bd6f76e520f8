"""The report's tables: one DuckDB SQL over facts rows, whoever holds them.

A school's ``hsdt report`` registers its freshly collected rows (an Arrow table) as the view
``facts``; the district's ``hsdt report district`` makes ``facts`` a view over the Parquet
files (Hive partitions ``district=…/school=…/year=…``). The tables are then the same queries
(:data:`MEASURES` per teacher, group, week and school; the reviewers' queue), so the district
report over the schools' facts equals the schools' own reports by construction.

Measures (by receive time, never a commit date): ``expected`` (rows the rules expect),
``submitted`` (every row but the missing ones: counted without reading the paths, the
widest column), ``on_time``, ``late``, ``missing`` (expected and never submitted),
``sendbacks`` (rounds sent back), ``extended`` (records whose deadline the principal
extended, gia hạn), ``delay_median_h`` / ``delay_max_h`` (hours from receipt to
the last approval of the chain), ``signatures_pending``, ``timely_pct`` (on time out of on
time + late + missing). Records whose type has no deadline count as submitted, neither on time
nor late.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

MEASURES = """
    count(*) FILTER (WHERE expected = 'yes') AS expected,
    count(*) FILTER (WHERE timeliness <> 'missing') AS submitted,
    count(*) FILTER (WHERE timeliness = 'on_time') AS on_time,
    count(*) FILTER (WHERE timeliness = 'late') AS late,
    count(*) FILTER (WHERE timeliness = 'missing') AS missing,
    coalesce(sum(sendback_rounds), 0)::BIGINT AS sendbacks,
    count(*) FILTER (WHERE extension IS NOT NULL) AS extended,
    round(median(approval_delay_s) / 3600.0, 1) AS delay_median_h,
    round(max(approval_delay_s) / 3600.0, 1) AS delay_max_h,
    coalesce(sum(signatures_pending), 0)::BIGINT AS signatures_pending,
    round(100.0 * count(*) FILTER (WHERE timeliness = 'on_time')
        / nullif(count(*) FILTER (WHERE timeliness IN ('on_time', 'late', 'missing')), 0), 1)
        AS timely_pct
"""
"""The measures of every table (SQL select list over ``facts``)."""

MEASURE_COLUMNS = (
    "expected",
    "submitted",
    "on_time",
    "late",
    "missing",
    "sendbacks",
    "extended",
    "delay_median_h",
    "delay_max_h",
    "signatures_pending",
    "timely_pct",
)

GROUPINGS: dict[str, tuple[str, ...]] = {
    "schools": ("district", "school"),
    "groups": ("district", "school", "year", "group"),
    "teachers": ("district", "school", "year", "group", "teacher"),
    "weeks": ("district", "school", "year", "week"),
}
"""Table name → its key columns."""

REVIEWERS_SQL = """
SELECT district, school, trim(reviewer) AS reviewer, count(*) AS pending,
       round(max(epoch(as_of) - epoch(pending_since)) / 3600.0, 1) AS oldest_h,
       round(median(epoch(as_of) - epoch(pending_since)) / 3600.0, 1) AS median_h
FROM (SELECT *, unnest(string_split(pending_reviewer, ',')) AS reviewer
      FROM facts_chosen WHERE pending_reviewer IS NOT NULL)
GROUP BY ALL
ORDER BY pending DESC, oldest_h DESC, district, school, reviewer
"""


@dataclass(frozen=True)
class Filters:
    """Which rows a report covers (all when empty)."""

    year: str | None = None
    first: date | None = None
    last: date | None = None
    week: int | None = None
    group: str | None = None
    teacher: str | None = None


@dataclass(frozen=True)
class Table:
    """One table of the report."""

    name: str
    """``schools``, ``groups``, ``teachers``, ``weeks``, ``reviewers``, ``missing``."""
    columns: tuple[str, ...]
    """Column names (English, :mod:`hsdt.report.labels` translates them)."""
    rows: tuple[tuple[Any, ...], ...]
    """Rows."""

    def as_dicts(self) -> list[dict[str, Any]]:
        """Rows as mappings."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Report:
    """Every table of a report, keyed by name."""

    tables: dict[str, Table] = field(default_factory=dict)
    filters: Filters = Filters()
    as_of: datetime | None = None
    """The newest collection time among the rows (None without rows)."""

    def table(self, name: str) -> Table:
        """The table ``name``."""
        return self.tables[name]


def _literal(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def _where(filters: Filters) -> str:
    """The filters as a WHERE clause with literal values (a view takes no parameters)."""
    clauses: list[str] = []
    if filters.year is not None:
        clauses.append(f"year = {_literal(filters.year)}")
    if filters.first is not None:
        clauses.append(f"coalesce(period_last, period_first) >= {_literal(filters.first)}")
    if filters.last is not None:
        clauses.append(f"period_first <= {_literal(filters.last)}")
    if filters.week is not None:
        clauses.append(f"week = {_literal(filters.week)}")
    if filters.group is not None:
        clauses.append(f'"group" = {_literal(filters.group)}')
    if filters.teacher is not None:
        clauses.append(f"teacher = {_literal(filters.teacher)}")
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def build_report(
    con: duckdb.DuckDBPyConnection, filters: Filters = Filters(), *, details: bool = True
) -> Report:
    """The report over the view ``facts`` of ``con``; ``details`` adds the list of every
    missing record (a district's would run to millions of lines: counts only by default)."""
    # A view, not a table: each query scans the files with the filters pushed down, and a
    # district's millions of rows are never held in memory at once.
    con.execute(f"CREATE OR REPLACE TEMP VIEW facts_chosen AS SELECT * FROM facts{_where(filters)}")
    tables: dict[str, Table] = {}
    for name, keys in GROUPINGS.items():
        quoted = ", ".join(f'"{k}"' for k in keys)
        order = "timely_pct DESC NULLS LAST, " + quoted if name == "schools" else quoted
        having = " WHERE week IS NOT NULL" if name == "weeks" else ""
        sql = (
            f"SELECT {quoted}, {MEASURES} FROM facts_chosen{having} GROUP BY {quoted} "
            f"ORDER BY {order} NULLS LAST"
        )
        tables[name] = _table(con, name, sql)
    if "schools" in tables:
        ranked = tables["schools"]
        tables["schools"] = Table(
            "schools",
            ("rank", *ranked.columns),
            tuple((i + 1, *row) for i, row in enumerate(ranked.rows)),
        )
    tables["reviewers"] = _table(con, "reviewers", REVIEWERS_SQL)
    if details:
        tables["missing"] = _table(
            con,
            "missing",
            'SELECT district, school, year, "group", teacher, type, week, period_first, '
            "period_last, due_at FROM facts_chosen WHERE timeliness = 'missing' "
            'ORDER BY district, school, year, "group", teacher NULLS FIRST, type, period_first',
        )
    tables["unknown"] = _table(
        con,
        "unknown",
        "SELECT district, school, year, type, any_value(expected_why) AS why, count(*) AS records"
        " FROM facts_chosen WHERE expected = 'unknown' GROUP BY ALL "
        "ORDER BY district, school, year, type",
    )
    newest = con.execute("SELECT max(as_of) FROM facts_chosen").fetchone()
    return Report(tables, filters, newest[0] if newest else None)


def _table(con: duckdb.DuckDBPyConnection, name: str, sql: str) -> Table:
    result = con.execute(sql)
    columns = tuple(d[0] for d in result.description)
    return Table(name, columns, tuple(tuple(r) for r in result.fetchall()))


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection (times shown in Vietnam time)."""
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
    return con


def school_report(table: pa.Table, filters: Filters = Filters()) -> Report:
    """The report over one school's rows (:func:`hsdt.report.facts.to_table`)."""
    con = connect()
    con.register("facts_arrow", table)
    con.execute("CREATE VIEW facts AS SELECT * FROM facts_arrow")
    return build_report(con, filters)


def district_report(
    dirs: Sequence[Path], filters: Filters = Filters(), *, details: bool = False
) -> Report:
    """The report over the facts files under ``dirs`` (Hive-partitioned Parquet)."""
    from hsdt.report.store import parquet_files

    files = parquet_files(dirs)
    con = connect()
    listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    con.execute(
        f"CREATE VIEW facts AS SELECT * FROM read_parquet([{listed}], hive_partitioning = true, "
        "hive_types = {'district': VARCHAR, 'school': VARCHAR, 'year': VARCHAR})"
    )
    return build_report(con, filters, details=details)
