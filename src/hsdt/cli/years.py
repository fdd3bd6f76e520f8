"""``hsdt nam-hoc``: list the school years of the profile; ``hsdt nam-hoc them``: add one."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from hsdt.cli.options import school_option
from hsdt.errors import UsageError
from hsdt.i18n import msg, tr
from hsdt.model.school import Calendar, Holiday


@click.group("nam-hoc", invoke_without_command=True)
@school_option
@click.pass_context
def command(ctx: click.Context, school_id: str | None) -> int:
    """Các năm học trong hồ sơ nhà trường (truong.yml, khóa nam_hoc); không có lệnh con: liệt
    kê chúng.

    The school years of the profile; without a subcommand, list them.
    """
    if ctx.invoked_subcommand is not None:
        return 0
    from hsdt.cli.options import open_school

    _root, school = open_school(school_id)
    for calendar in school.calendars:
        click.echo(
            tr(
                "year.listed",
                year=calendar.year,
                start=calendar.start.isoformat(),
                end=calendar.end.isoformat(),
                week1=calendar.week1.isoformat(),
                weeks=calendar.week_of(calendar.end) or 0,
                holidays=len(calendar.holidays),
            )
        )
    return 0


def _day(option: str, value: str) -> date:
    from hsdt.load.fields import parse_date

    day = parse_date(value.strip())
    if day is None:
        raise UsageError(msg("year.bad_date", option=option, value=value))
    return day


def _holiday(option: str, value: str, skip_weeks: bool) -> Holiday:
    parts = value.split(":", 2)
    if len(parts) != 3 or not parts[2].strip():
        raise UsageError(msg("year.bad_holiday", option=option, value=value))
    first, last = _day(option, parts[0]), _day(option, parts[1])
    if last < first:
        raise UsageError(msg("year.bad_holiday", option=option, value=value))
    return Holiday(first, last, parts[2].strip(), skip_weeks)


@command.command("them")
@click.argument("year", metavar="NAM_HOC")
@click.option("--bat-dau", required=True, metavar="YYYY-MM-DD", help="Ngày đầu năm học.")
@click.option("--ket-thuc", required=True, metavar="YYYY-MM-DD", help="Ngày cuối năm học.")
@click.option("--tuan-1", "tuan_1", required=True, metavar="YYYY-MM-DD", help="Thứ Hai của tuần 1.")
@click.option(
    "--nghi",
    multiple=True,
    metavar="TU:DEN:LY_DO",
    help="Một kỳ nghỉ, ví dụ 2026-09-01:2026-09-02:Quốc khánh (lặp lại được).",
)
@click.option(
    "--nghi-bo-qua-tuan",
    multiple=True,
    metavar="TU:DEN:LY_DO",
    help="Kỳ nghỉ mà các tuần trọn vẹn trong đó không được đánh số (Tết Nguyên đán).",
)
@school_option
@click.pass_context
def add(
    ctx: click.Context,
    year: str,
    bat_dau: str,
    ket_thuc: str,
    tuan_1: str,
    nghi: tuple[str, ...],
    nghi_bo_qua_tuan: tuple[str, ...],
    school_id: str | None,
) -> int:
    """Thêm năm học NAM_HOC (ví dụ 2026-2027) vào truong.yml, giữ nguyên chú thích và cách
    trình bày của tệp; từ chối năm học đã có hoặc trùng thời gian với năm khác.

    Add school year NAM_HOC to the profile, keeping the file's comments and layout.
    """
    from hsdt.repo import find_root
    from hsdt.schoolyear import add_school_year, check_new_year

    found = re.match(r"^(\d{4})-(\d{4})$", year)
    if not found or int(found[2]) != int(found[1]) + 1:
        raise UsageError(msg("year.bad_code", value=year))
    holidays = [
        *(_holiday("--nghi", v, False) for v in nghi),
        *(_holiday("--nghi-bo-qua-tuan", v, True) for v in nghi_bo_qua_tuan),
    ]
    calendar = Calendar(
        year,
        _day("--bat-dau", bat_dau),
        _day("--ket-thuc", ket_thuc),
        _day("--tuan-1", tuan_1),
        tuple(sorted(holidays, key=lambda h: h.start)),
    )
    check_new_year(calendar)
    if school_id is None and ctx.parent is not None:  # hsdt nam-hoc --school X them …
        school_id = ctx.parent.params.get("school_id")
    added = add_school_year(find_root(Path.cwd()), calendar, school_id)
    click.echo(
        tr(
            "year.added",
            year=year,
            start=calendar.start.isoformat(),
            end=calendar.end.isoformat(),
            week1=calendar.week1.isoformat(),
            profile=added.shown,
        )
    )
    return 0
