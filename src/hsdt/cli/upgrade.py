"""``hsdt upgrade``"""

from __future__ import annotations

import click

from hsdt.cli.options import open_school, school_option
from hsdt.i18n import tr


@click.command("upgrade")
@click.option(
    "--hsdt-source",
    default=None,
    metavar="NGUON",
    help="Đổi hsdt mà các workflow cài: số phiên bản (0.1.0) hoặc git+https://…@<mã commit>. "
    "Mặc định: như lúc tạo kho (số phiên bản thì lên phiên bản đang cài).",
)
@school_option
def command(hsdt_source: str | None, school_id: str | None) -> int:
    """Cập nhật các tệp hsdt sinh ra (workflow, CODEOWNERS, pre-commit, mkdocs.yml, móc máy
    chủ) lên phiên bản hsdt đang cài; tệp trường đã sửa được giữ nguyên, bản mới ghi bên
    cạnh (.hsdt-new).

    Refresh the generated files to the installed hsdt; files the school edited are kept and
    the new version is written beside them (FILE.hsdt-new). Commits nothing.
    """
    from hsdt import __version__
    from hsdt.templates import HsdtSource
    from hsdt.upgrade import Change, upgrade

    root, school = open_school(school_id)
    source = HsdtSource.parse(hsdt_source) if hsdt_source is not None else None
    result = upgrade(root, school, source)
    changed = result.changed()
    keys = {
        Change.ADDED: "upgrade.added",
        Change.UPDATED: "upgrade.updated",
        Change.KEPT: "upgrade.kept",
        Change.DELETED_BY_SCHOOL: "upgrade.deleted_by_school",
        Change.REMOVED: "upgrade.removed",
    }
    for path, change in changed:
        click.echo(tr(keys[change], path=path))
    kept = sum(1 for _path, change in changed if change is Change.KEPT)
    if changed:
        click.echo(tr("upgrade.done", version=__version__, changed=len(changed) - kept, kept=kept))
    else:
        click.echo(tr("upgrade.nothing", version=__version__))
    return 0
