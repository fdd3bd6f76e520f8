"""``hsdt verify``: check the signatures and the source of record PDFs."""

from __future__ import annotations

from pathlib import Path

import click

from hsdt.cli.options import format_option
from hsdt.i18n import tr


@click.command("verify")
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--trust",
    type=click.Path(path_type=Path),
    help="Chứng thư tin cậy: tệp PEM hoặc thư mục .pem/.crt (mặc định: signatures/ của kho).",
)
@format_option
@click.option(
    "--offline",
    is_flag=True,
    help="Không hỏi máy chủ OCSP/CRL; chỉ dùng dữ liệu kiểm tra có trong tệp.",
)
def command(pdfs: tuple[Path, ...], trust: Path | None, fmt: str, offline: bool) -> int:
    """Kiểm tra chữ ký số và bản gốc của hồ sơ PDF.

    Trong kho hồ sơ của trường, kiểm tra cả chứng thư số của mỗi chữ ký có đúng là của người
    phải ký ở vị trí đó (theo danh sách cán bộ) không; ngoài kho thì cảnh báo là chưa kiểm tra.

    Verify the signatures and the attached source of record PDFs; inside a school repository,
    also that each certificate belongs to the person its place names (the roster). Exit 0 only
    when every signature is intact, valid, trusted and by the right person and every source
    matches; 1 otherwise.
    """
    from hsdt.sign.holder import find_roster
    from hsdt.sign.trust import default_trust_path, load_certificates
    from hsdt.sign.verify import verify_files

    roots = load_certificates(trust if trust is not None else default_trust_path(Path.cwd()))
    roster = find_roster(Path.cwd())
    reports = verify_files([str(p) for p in pdfs], roots, fetch=not offline, roster=roster)
    bad = [r for r in reports if not r.ok]
    if fmt != "json":
        for report in reports:
            for warning in report.warnings:
                click.echo(tr("verify.warning_line", path=report.path, text=warning), err=True)
    if fmt == "json":
        import json

        payload = {"ok": not bad, "files": [r.as_dict() for r in reports]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            click.echo(report.summary())
        if bad:
            click.echo(tr("verify.summary_bad", bad=len(bad), count=len(reports)), err=True)
            for report in bad:
                for reason in report.reasons():
                    click.echo(f"{report.path}: {reason.render()}", err=True)
    return 1 if bad else 0
