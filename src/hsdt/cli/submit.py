"""``hsdt submit``"""

from __future__ import annotations

import os
from pathlib import Path

import click

from hsdt.cli.options import open_school, school_option
from hsdt.i18n import tr


@click.command("submit")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--remote", default="origin", show_default=True, help="Kho từ xa của trường.")
@school_option
def command(paths: tuple[Path, ...], remote: str, school_id: str | None) -> int:
    """Nộp hồ sơ: commit lên nhánh nộp nop/<mã-gv>/<loại>/<tên>, đẩy lên máy chủ và (nếu
    cấu hình HSDT_GIT_HOST) mở pull request.

    Submit records: commit them on a submission branch, push it, open the pull request.
    """
    from hsdt.repo import relative
    from hsdt.workflow.submit import submit

    root, school = open_school(school_id)
    rels = [relative(root, p) for p in paths]
    result = submit(root, school, rels, remote=remote, env=os.environ)
    click.echo(tr("submit.done", count=len(result.records), branch=result.branch))
    if result.pull_url:
        click.echo(tr("submit.pull", url=result.pull_url))
    return 0
