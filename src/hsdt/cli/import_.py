"""``hsdt import``"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from hsdt.cli.new import _git_email
from hsdt.cli.options import open_school, school_option
from hsdt.errors import UsageError
from hsdt.i18n import msg, tr


@click.command("import")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path), metavar="TEP"
)
@click.option("--type", "type_id", metavar="LOAI", help="Loại hồ sơ (mặc định: đoán từ nội dung).")
@click.option(
    "--set",
    "pairs",
    multiple=True,
    metavar="KHOA=GIA_TRI",
    help="Điền một khóa của phần thông tin (thắng giá trị đọc từ tệp).",
)
@click.option("--dry-run", is_flag=True, help="Chỉ cho xem kết quả, không ghi gì.")
@click.option(
    "--account",
    metavar="TAI_KHOAN",
    help="Tài khoản Git host của người nộp (danh sách nhân sự), khi tệp không ghi tên giáo "
    "viên; mặc định dùng email git.",
)
@school_option
def command(
    paths: tuple[Path, ...],
    type_id: str | None,
    pairs: tuple[str, ...],
    dry_run: bool,
    account: str | None,
    school_id: str | None,
) -> int:
    """Nhập tệp Word (.docx, hoặc cả thư mục) thành hồ sơ, đúng chỗ như hsdt new, và in báo
    cáo: mục đã nhận ra, phần chưa xếp được, còn thiếu gì, kết quả hsdt check. Không bao giờ
    ghi đè; tệp đã nhập rồi thì báo nơi nó đang ở.

    Import Word files (or folders of them) as records and print a report per file.
    Exit 0 when every file is imported and passes the check, 1 otherwise, 2 on usage errors.
    """
    from hsdt.importer.pipeline import ImportOptions, docx_files, import_paths
    from hsdt.importer.report import report_lines, summary_line

    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(msg("new.bad_pair", value=pair))
        values[key.strip()] = value.strip()
    root, school = open_school(school_id)
    if type_id is not None and type_id not in school.types:
        raise UsageError(
            msg("check.unknown_type", value=type_id, known=", ".join(sorted(school.types)))
        )
    files = docx_files(list(paths))
    if not files:
        raise UsageError(msg("import.nothing", paths=", ".join(str(p) for p in paths)))
    options = ImportOptions(type_id, values, _git_email(root), dry_run, author_account=account)
    with contextlib.ExitStack() as stack:
        progress = None
        if len(files) > 1:
            bar = stack.enter_context(
                click.progressbar(length=len(files), label=tr("import.progress"), file=sys.stderr)
            )

            def progress(_report: object) -> None:
                bar.update(1)

        reports = import_paths(root, school, list(paths), options, progress)
    for report in reports:
        for line in report_lines(report):
            click.echo(line)
    if len(reports) > 1:
        click.echo(summary_line(reports))
    return 0 if all(r.ok for r in reports) else 1
