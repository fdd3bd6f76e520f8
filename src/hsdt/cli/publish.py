"""``hsdt publish``"""

from __future__ import annotations

from pathlib import Path

import click

from hsdt.cli.options import jobs_option, open_school, school_option, timeout_option
from hsdt.i18n import tr


@click.command("publish")
@click.option(
    "--since",
    metavar="REV",
    help="Chỉ các hồ sơ được duyệt sau REV (mặc định: mọi hồ sơ đã duyệt trên main).",
)
@click.option(
    "--seal",
    "seal_spec",
    envvar="HSDT_SEAL_SIGNER",
    metavar="pkcs12:TỆP|pkcs11:THƯ_VIỆN",
    help="Khóa con dấu của trường (hoặc HSDT_SEAL_SIGNER); không có thì không đóng dấu.",
)
@click.option("--token", metavar="NHÃN", help="Nhãn USB token của con dấu (PKCS#11).")
@click.option("--key", "key_label", metavar="NHÃN", help="Nhãn khóa con dấu trên token.")
@click.option(
    "--tsa", envvar="HSDT_TSA_URL", metavar="URL", help="Máy chủ dấu thời gian (hoặc HSDT_TSA_URL)."
)
@click.option(
    "--seal-image",
    envvar="HSDT_SEAL_IMAGE",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Ảnh con dấu (PNG, màu đỏ).",
)
@click.option("--no-commit", is_flag=True, help="Chỉ ghi tệp, không commit.")
@click.option(
    "--host",
    type=click.Choice(["github", "gitea"]),
    help="Trên GitHub/Gitea: hỏi máy chủ Git về các lần gộp bằng nút Merge (pull request, lượt "
    "duyệt, thời điểm nhận); dùng GITHUB_REPOSITORY, GITHUB_TOKEN (hoặc HSDT_GIT_REPO, "
    "HSDT_GIT_TOKEN, HSDT_GIT_URL).",
)
@timeout_option
@jobs_option
@school_option
def command(
    since: str | None,
    seal_spec: str | None,
    token: str | None,
    key_label: str | None,
    tsa: str | None,
    seal_image: Path | None,
    no_commit: bool,
    host: str | None,
    timeout: int,
    jobs: int | None,
    school_id: str | None,
) -> int:
    """Công bố hồ sơ vừa được duyệt: in PDF, đóng dấu số (nếu có khóa), commit vào signatures/.

    Publish newly approved records: render, seal when a seal key is given, commit the PDF and
    its approval evidence under signatures/. Safe to run again: nothing is made twice.
    A record too slow or too big to print (the limits of hsdt render) is reported and not
    published, the others are; so is a merge hsdt cannot verify as an approval (--host);
    exit 1 when any record could not be published.
    """
    from hsdt.render.pool import Limits
    from hsdt.workflow.publish import SealOptions, publish

    root, school = open_school(school_id)
    reader = None
    if host is not None:
        from hsdt.cli.ci import host_client
        from hsdt.hosts.merged import HostMergeReader

        client, repo = host_client(host)
        reader = HostMergeReader(root, school, client, repo, host)
    signer = None
    if seal_spec:
        from hsdt.cli.sign import read_secret
        from hsdt.sign.signers import open_signer

        signer = open_signer(
            seal_spec,
            read_secret,
            token=token,
            key_label=key_label,
        )
    try:
        seal = SealOptions(signer, tsa, seal_image) if signer is not None else None
        report = publish(
            root,
            school,
            since=since or None,
            seal=seal,
            commit=not no_commit,
            limits=Limits(timeout=timeout),
            jobs=jobs,
            host=reader,
        )
    finally:
        if signer is not None:
            signer.close()
    for leftover in report.removed:
        click.echo(tr("publish.leftover_removed", path=leftover), err=True)
    for item in report.items:
        if item.skipped:
            click.echo(tr("publish.skipped", record=item.record))
            continue
        pending = ", ".join(item.pending) or tr("publish.none")
        key = "publish.sealed" if item.sealed else "publish.rendered"
        click.echo(tr(key, pdf=item.pdf, pending=pending))
    fresh = sum(1 for i in report.items if not i.skipped)
    click.echo(
        tr("publish.summary", fresh=fresh, total=len(report.items), commit=report.commit or "-"),
        err=True,
    )
    for refused in report.refused:
        click.echo(tr("publish.refused", commit=refused.commit[:10], records=", ".join(
            refused.records), why=refused.why.render()), err=True)  # fmt: skip
    for failed in report.failed:
        click.echo(tr("publish.failed", where=failed.where, error=failed.error.render()), err=True)
    if report.failed:
        click.echo(tr("publish.failed_summary", count=len(report.failed)), err=True)
    return 1 if report.failed or report.refused else 0
