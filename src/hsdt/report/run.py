"""What ``hsdt report`` and its subcommands do, as library calls the CLI adapters wrap."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from hsdt.i18n import tr
from hsdt.model.school import School
from hsdt.report.aggregate import Filters, Report, district_report, school_report
from hsdt.report.facts import collect_facts, district_of, to_table
from hsdt.report.store import write_facts


def report_of_school(
    root: Path, school: School, as_of: datetime, filters: Filters | None = None
) -> Report:
    """The school's report: its facts collected now, aggregated. pyarrow and DuckDB (a
    seventh of a run) are imported in a thread while the facts wait on git's processes."""
    import threading

    loading = threading.Thread(target=_load_engines, name="hsdt-report-imports", daemon=True)
    loading.start()
    facts = collect_facts(root, school, as_of)
    loading.join()
    return school_report(to_table(facts), filters or Filters())


def _load_engines() -> None:
    """Import what the aggregation needs (an ImportError surfaces again where it is used)."""
    try:
        import duckdb  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:  # pragma: no cover - the extra is part of the test environment
        return


def report_of_district(
    dirs: Sequence[Path], filters: Filters | None = None, *, details: bool = False
) -> Report:
    """The district's report over the schools' facts files (``details``: every missing
    record listed too)."""
    return district_report(dirs, filters or Filters(), details=details)


def write_school_facts(
    root: Path, school: School, as_of: datetime, out: Path, district: str | None = None
) -> tuple[int, list[Path]]:
    """Collect the school's facts and write them under ``out``: (rows, files)."""
    chosen = district or district_of(school)
    facts = collect_facts(root, school, as_of, district=chosen)
    return len(facts), write_facts(facts, out, chosen, school.id)


def scope_text(filters: Filters, school: School | None = None) -> str:
    """The report's scope in words."""
    parts = [school.name] if school is not None else []
    if filters.year:
        parts.append(f"{tr('report.col.year').lower()} {filters.year}")
    if filters.week is not None:
        parts.append(f"{tr('report.col.week').lower()} {filters.week}")
    if filters.first or filters.last:
        first = filters.first.strftime("%d/%m/%Y") if filters.first else "…"
        last = filters.last.strftime("%d/%m/%Y") if filters.last else "…"
        parts.append(f"{first}–{last}")
    if filters.group:
        parts.append(f"{tr('report.col.group').lower()} {filters.group}")
    if filters.teacher:
        parts.append(f"{tr('report.col.teacher').lower()} {filters.teacher}")
    return ", ".join(parts) or tr("report.scope_all")
