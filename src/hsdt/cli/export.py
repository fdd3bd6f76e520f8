"""``hsdt export``: the archive package of a tag, and its offline verification."""

from __future__ import annotations

from pathlib import Path

import click

from hsdt.cli.options import jobs_default
from hsdt.errors import UsageError
from hsdt.i18n import msg, tr


@click.command("export")
@click.argument("args", nargs=-1, required=True, metavar="THẺ | verify ĐƯỜNG_DẪN")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("luu-tru"),
    show_default=True,
    help="Thư mục ghi gói (gói là THƯ_MỤC/THẺ hoặc THƯ_MỤC/THẺ.zip).",
)
@click.option("--zip", "as_zip", is_flag=True, help="Ghi gói thành một tệp .zip.")
@click.option(
    "--lta",
    is_flag=True,
    help="Bổ sung mỗi bản PDF lên PAdES B-LTA (dữ liệu kiểm tra và dấu thời gian tài liệu từ "
    "ky_so.tsa_url hoặc HSDT_TSA_URL); bản trong kho giữ nguyên.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=jobs_default,
    help="Số tiến trình kiểm tra chữ ký song song (mặc định: số lõi).",
)
def command(args: tuple[str, ...], out: Path, as_zip: bool, lta: bool, jobs: int) -> int:
    """Xuất gói lưu trữ BagIt của thẻ THẺ, hoặc kiểm tra lại một gói (verify ĐƯỜNG_DẪN).

    hsdt export THẺ: gói gồm các bản PDF đã ký tại thẻ, bằng chứng duyệt, bản gốc Markdown,
    biên bản sửa dữ liệu, hồ sơ nhà trường và chứng thư tin cậy; danh mục hồ sơ (JSON, CSV)
    và báo cáo kiểm tra (JSON, HTML). Xuất hai lần cho hai gói giống hệt nhau từng byte.
    Mã thoát 1 khi có bản PDF không đạt (gói vẫn được ghi, báo cáo nêu lý do). Với --lta,
    hai lần xuất chỉ khác nhau ở các bản PDF đã bổ sung (dấu thời gian, trả lời OCSP/CRL).
    Tên thẻ 'verify' không được dùng (xem hsdt tag).

    hsdt export verify ĐƯỜNG_DẪN: kiểm tra lại gói (thư mục hoặc .zip) chỉ với những gì có
    trong gói, không cần mạng; nêu từng vấn đề, mã thoát 1 khi có vấn đề.

    Export the BagIt archive package of tag THẺ (exit 1 when a PDF fails verification), or
    re-check a package offline (exit 1 on any problem).
    """
    if args[0] == "verify" and len(args) == 2:
        return _verify(Path(args[1]), jobs)
    if len(args) != 1:
        raise UsageError(msg("export.usage"))
    from hsdt.archive.package import export_tag
    from hsdt.repo import find_root

    result = export_tag(find_root(Path.cwd()), args[0], out, as_zip=as_zip, workers=jobs, lta=lta)
    click.echo(
        tr(
            "export.done",
            path=str(result.path),
            count=result.count,
            failed=result.failed,
            missing=result.missing,
            expected=result.expected,
            owed=result.owed,
        )
    )
    if result.failed:
        click.echo(tr("export.see_report"), err=True)
    return 1 if result.failed else 0


def _verify(path: Path, jobs: int) -> int:
    from hsdt.archive.check import verify_package

    result = verify_package(path, workers=jobs)
    # the package's own roots: compare them with the school's root known from elsewhere
    for subject, fingerprint in result.roots:
        click.echo(tr("export.verify_root", subject=subject, fingerprint=fingerprint))
    if result.ok:
        click.echo(tr("export.verify_ok", path=result.path, count=result.count))
        return 0
    for problem in result.problems:
        click.echo(f"{result.path}: {problem.render()}", err=True)
    click.echo(tr("export.verify_bad", path=result.path, count=len(result.problems)), err=True)
    return 1
