"""``hsdt check``"""

from __future__ import annotations

from pathlib import Path

import click

from hsdt.cli.options import format_option, open_school, parse_at, school_option
from hsdt.i18n import tr


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--all", "all_records", is_flag=True, help="Kiểm tra mọi hồ sơ trong records/.")
@format_option
@click.option(
    "--at",
    "at",
    metavar="THỜI_ĐIỂM",
    help="Thời điểm nộp (ISO 8601, giờ Việt Nam nếu không ghi múi giờ). Có --at thì "
    "nộp muộn là lỗi (máy chủ); không có thì dùng đồng hồ máy và chỉ cảnh báo.",
)
@click.option("--fix", is_flag=True, help="Chuẩn hóa chữ tổ hợp (NFD) sang NFC ngay trong tệp.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Số tiến trình song song cho --all (mặc định: số lõi CPU).",
)
@school_option
def command(
    paths: tuple[Path, ...],
    all_records: bool,
    fmt: str,
    at: str | None,
    fix: bool,
    jobs: int | None,
    school_id: str | None,
) -> int:
    """Kiểm tra hồ sơ theo quy chế của trường; in mỗi lỗi một dòng 'tệp:dòng: [quy-tắc] lỗi'.

    Check records against the school's rules. PATHS are record files (one submission) or
    folders (every record under them, as --all). Exit 0 when clean (warnings allowed, an
    empty folder only warns), 1 when any record has a problem, 2 on usage errors, 3 on an
    unexpected error.
    """
    from hsdt.check import check_paths

    moment = parse_at(at)
    root, school = open_school(school_id)
    report = check_paths(
        root, list(paths), all_records=all_records, at=moment, school=school, jobs=jobs, fix=fix
    )
    if fmt == "json":
        import json

        payload = {
            "ok": report.ok,
            "checked": report.checked,
            "problems": [p.as_dict() for p in report.problems],
            "fixed": list(report.fixed),
            "empty_folders": list(report.empty),
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(problem.render())
        for path in report.fixed:
            click.echo(tr("check.fixed", path=path))
        for folder in report.empty:
            click.echo(tr("check.empty_folder", path=folder), err=True)
        warnings = len(report.problems) - report.errors
        if report.errors:
            click.echo(
                tr(
                    "check.summary_bad",
                    count=report.checked,
                    errors=report.errors,
                    warnings=warnings,
                ),
                err=True,
            )
        elif warnings:
            click.echo(tr("check.summary_warn", count=report.checked, warnings=warnings), err=True)
        else:
            click.echo(tr("check.summary_ok", count=report.checked), err=True)
    return 0 if report.ok else 1
