"""The facts files: a school's rows as Parquet, Hive-partitioned
``district=…/school=…/year=…/facts.parquet``, for the district office to gather.

Each (district, school, year) partition is one file, written through a temporary file and a
rename (a reader never sees half a file), holding every column but the three partition keys
(DuckDB and pyarrow read them back from the folder names). Writing again replaces the school's
files, and removes the file of a year that has no row any more: a re-run after each merge
leaves exactly the current facts, never duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hsdt.errors import UsageError
from hsdt.fsutil import atomic_write_bytes
from hsdt.i18n import msg
from hsdt.report.facts import Fact, to_table

FILE_NAME = "facts.parquet"
PARTITIONS = ("district", "school", "year")


def partition_dir(out: Path, district: str, school: str, year: str) -> Path:
    """The folder of one partition."""
    return out / f"district={district}" / f"school={school}" / f"year={year}"


def write_facts(facts: Sequence[Fact], out: Path, district: str, school: str) -> list[Path]:
    """Write the school's ``facts`` under ``out``; returns the files written, sorted."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    written: list[Path] = []
    years = sorted({f.year for f in facts})
    for year in years:
        rows = [f for f in facts if f.year == year]
        table = to_table(rows).drop_columns(list(PARTITIONS))
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, compression="zstd")
        target = partition_dir(out, district, school, year) / FILE_NAME
        atomic_write_bytes(target, sink.getvalue().to_pybytes())
        written.append(target)
    school_dir = out / f"district={district}" / f"school={school}"
    for stale in school_dir.glob(f"year=*/{FILE_NAME}"):
        if stale not in written:
            stale.unlink()
    return sorted(written)


def parquet_files(dirs: Sequence[Path]) -> list[Path]:
    """Every facts file under ``dirs`` (a facts folder, or any partition inside one)."""
    found: list[Path] = []
    for folder in dirs:
        if folder.is_file() and folder.suffix == ".parquet":
            found.append(folder)
        else:
            found.extend(sorted(folder.rglob(f"*{Path(FILE_NAME).suffix}")))
    if not found:
        raise UsageError(msg("report.no_facts", dirs=", ".join(str(d) for d in dirs)))
    return found
