"""``hsdt ky-duyet-ky``"""

from __future__ import annotations

from datetime import date

import click

from hsdt.cli.options import open_school, school_option
from hsdt.i18n import tr


@click.command("ky-duyet-ky")
@click.option("--tuan", "week", type=int, required=True, help="Tuần dạy được ký duyệt.")
@click.option("--nam-hoc", "year", metavar="NĂM_HỌC", help="Năm học (mặc định: năm học hôm nay).")
@click.option(
    "--ngay",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Ngày lập bản tổng hợp, YYYY-MM-DD (mặc định: hôm nay).",
)
@click.option(
    "--rev", default="origin/main", show_default=True, help="Các hồ sơ đã duyệt trên nhánh này."
)
@school_option
def command(week: int, year: str | None, day: object, rev: str, school_id: str | None) -> int:
    """Lập bản tổng hợp ký duyệt định kỳ: mọi hồ sơ đã duyệt của tuần --tuan, kèm mã băm, để
    hiệu trưởng duyệt và ký số một lần.

    Write the periodic sign-off summary: every approved record of the week with its SHA-256, for
    the principal to approve and sign once.
    """
    from datetime import datetime

    from hsdt.workflow.approve import reviewer_from_config
    from hsdt.workflow.signoff import write_summary

    root, school = open_school(school_id)
    when = day.date() if isinstance(day, datetime) else date.today()
    chosen = year or school.year_of(when)
    author = reviewer_from_config(root, school)
    path, count = write_summary(root, school, chosen, week, author, when, rev)
    click.echo(
        tr("signoff.written", path=path.relative_to(root).as_posix(), count=count, week=week)
    )
    return 0
