"""``hsdt report``, ``hsdt report facts`` and ``hsdt report district``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from hsdt.cli.options import parse_at, school_option
from hsdt.errors import UsageError
from hsdt.i18n import msg, tr

FORMATS = ("text", "json", "csv", "xlsx", "html", "pdf")
TABLES = ("teachers", "groups", "weeks", "schools", "reviewers", "missing", "unknown")


def _filters(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--year",
            metavar="NĂM_HỌC",
            help="Năm học (2025-2026); báo cáo của trường mặc định là năm học đang diễn ra.",
        ),
        click.option("--from", "first", type=click.DateTime(["%Y-%m-%d"]), help="Từ ngày."),
        click.option("--to", "last", type=click.DateTime(["%Y-%m-%d"]), help="Đến ngày."),
        click.option("--week", type=click.IntRange(1, 53), help="Tuần học thứ N."),
        click.option("--group", metavar="MA_TO", help="Chỉ một tổ chuyên môn."),
        click.option("--teacher", metavar="MA", help="Chỉ một giáo viên."),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="text",
            show_default=True,
            help="Dạng báo cáo.",
        ),
        click.option(
            "--table",
            type=click.Choice(TABLES),
            default="teachers",
            show_default=True,
            help="Bảng ghi ra khi --format csv.",
        ),
        click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Tệp ghi."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _make_filters(
    year: str | None,
    first: datetime | None,
    last: datetime | None,
    week: int | None,
    group: str | None,
    teacher: str | None,
) -> Any:
    from hsdt.report.aggregate import Filters

    if week is not None and (first or last):
        raise UsageError(msg("report.week_and_range"))
    day1: date | None = first.date() if first else None
    day2: date | None = last.date() if last else None
    if day1 and day2 and day1 > day2:
        raise UsageError(msg("report.bad_range", first=day1.isoformat(), last=day2.isoformat()))
    return Filters(year, day1, day2, week, group, teacher)


def _emit(report: Any, fmt: str, table: str, out: Path | None, title: str, scope: str,
          as_of: datetime, root: Path) -> int:  # fmt: skip
    from hsdt.fsutil import atomic_write_bytes
    from hsdt.report import output

    data: bytes
    if fmt == "text":
        data = output.to_text(report, f"{title}\n{tr('report.scope', scope=scope)}").encode()
    elif fmt == "json":
        data = output.to_json(report).encode()
    elif fmt == "csv":
        data = output.to_csv(report, table).encode()
    elif fmt == "html":
        data = output.to_html(report, title, scope, as_of).encode()
    elif fmt == "xlsx":
        data = output.to_xlsx(report, title)
    else:
        data = output.to_pdf(report, title, scope, as_of, str(root))
    if out is None:
        if fmt in ("xlsx", "pdf"):
            raise UsageError(msg("report.needs_out", fmt=fmt))
        click.echo(data.decode(), nl=False)
        return 0
    atomic_write_bytes(out, data)
    click.echo(tr("report.written", path=str(out)))
    return 0


def _need_extra() -> None:
    """Say what to install before any work when the report extra is missing (found, not
    imported: :func:`hsdt.report.run.report_of_school` imports them while git works)."""
    from importlib.util import find_spec

    if find_spec("duckdb") is None or find_spec("pyarrow") is None:  # pragma: no cover
        from hsdt.errors import HsdtError

        raise HsdtError(msg("report.missing_extra"))


def _as_of(at: str | None) -> datetime:
    from hsdt.model.timeutil import to_vn

    return parse_at(at) or to_vn(datetime.now().astimezone())


_at_option = click.option(
    "--at",
    metavar="THỜI_ĐIỂM",
    help="Tính số liệu đến thời điểm này (YYYY-MM-DDTHH:MM; mặc định: bây giờ).",
)


@click.group("report", invoke_without_command=True)
@_filters
@_at_option
@school_option
@click.pass_context
def command(
    ctx: click.Context,
    year: str | None,
    first: datetime | None,
    last: datetime | None,
    week: int | None,
    group: str | None,
    teacher: str | None,
    fmt: str,
    table: str,
    out: Path | None,
    at: str | None,
    school_id: str | None,
) -> int:
    """Báo cáo tiến độ theo giáo viên, tổ, tuần: phải nộp, nộp đúng hạn, muộn (theo thời điểm
    máy chủ nhận), thiếu; số lượt trả về; thời gian duyệt (trung vị, lâu nhất); chữ ký còn
    thiếu; hồ sơ chờ từng người duyệt. Tài liệu nội bộ, không đăng lên trang web.

    Progress per teacher, group and week (expected, on time, late by receive time, missing,
    sent back, approval delay, signatures pending, per reviewer waiting). Internal only.
    """
    _need_extra()
    if ctx.invoked_subcommand is not None:
        return 0
    from hsdt.cli.options import open_school
    from hsdt.gcpause import paused
    from hsdt.report.run import report_of_school, scope_text

    root, school = open_school(school_id)
    as_of = _as_of(at)
    if year is None and first is None and last is None:
        year = school.year_of(as_of.date())  # the school year in progress
    filters = _make_filters(year, first, last, week, group, teacher)
    with paused():  # a whole year's facts, tables and charts: no cycles to look for
        report = report_of_school(root, school, as_of, filters)
        title = f"{tr('report.title')} — {school.name}"
        return _emit(report, fmt, table, out, title, scope_text(filters), as_of, root)


@command.command("facts")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("build/facts"),
    show_default=True,
    help="Thư mục dữ kiện (phân vùng district=…/school=…/year=…).",
)
@click.option("--district", metavar="MA", help="Mã Phòng GD&ĐT (mặc định: theo cơ quan chủ quản).")
@_at_option
@school_option
def facts_command(out: Path, district: str | None, at: str | None, school_id: str | None) -> int:
    """Ghi dữ kiện hồ sơ của trường (Parquet, mỗi hồ sơ một dòng) cho Phòng GD&ĐT tổng hợp;
    ghi lại thì thay đúng phần của trường.

    Write the school's facts (Parquet, one row per record), Hive-partitioned; idempotent.
    """
    from hsdt.cli.options import open_school
    from hsdt.report.run import write_school_facts

    root, school = open_school(school_id)
    count, files = write_school_facts(root, school, _as_of(at), out, district)
    click.echo(tr("report.facts_written", count=count, files=len(files), out=str(out)))
    return 0


@command.command("district")
@click.argument("dirs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@_filters
@click.option("--details", is_flag=True, help="Kèm danh sách từng hồ sơ còn thiếu.")
def district_command(
    dirs: tuple[Path, ...],
    year: str | None,
    first: datetime | None,
    last: datetime | None,
    week: int | None,
    group: str | None,
    teacher: str | None,
    fmt: str,
    table: str,
    out: Path | None,
    details: bool,
) -> int:
    """Báo cáo của Phòng GD&ĐT trên dữ kiện của nhiều trường (DuckDB): cùng các bảng và biểu
    đồ, các trường xếp hạng theo tỉ lệ nộp đúng hạn.

    The district's report over many schools' facts files (DuckDB), schools ranked by
    timeliness.
    """
    from hsdt.report.run import report_of_district, scope_text

    filters = _make_filters(year, first, last, week, group, teacher)
    report = report_of_district(list(dirs), filters, details=details)
    as_of = report.as_of or _as_of(None)
    title = tr("report.district_title")
    return _emit(report, fmt, table, out, title, scope_text(filters), as_of, Path.cwd())
