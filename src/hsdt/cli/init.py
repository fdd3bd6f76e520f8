"""``hsdt init``"""

from __future__ import annotations

from pathlib import Path

import click

from hsdt.i18n import tr
from hsdt.scaffold import HOOKS_REPO


@click.command("init")
@click.argument("dest", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--profile",
    required=True,
    metavar="TEN",
    help="Hồ sơ trường mẫu có sẵn (xem README) hoặc thư mục chứa truong.yml.",
)
@click.option(
    "--hooks-repo",
    default=HOOKS_REPO,
    show_default=True,
    help="Kho chứa pre-commit hooks của hsdt: URL, hoặc thư mục chứa bản hsdt (dùng commit "
    "HEAD của nó).",
)
@click.option(
    "--hooks-rev",
    default=None,
    help="Phiên bản hooks (mặc định: thẻ v<phiên bản> nếu đã phát hành; nếu chưa, hook gọi "
    "lệnh hsdt đã cài trên máy).",
)
def command(dest: Path, profile: str, hooks_repo: str, hooks_rev: str | None) -> int:
    """Tạo kho hồ sơ của trường tại DEST từ một hồ sơ nhà trường.

    Create a school records repository: git init, layout, profile, pre-commit config,
    CODEOWNERS from the roster.
    """
    from hsdt.scaffold import init_school

    result = init_school(dest, profile, hooks_repo, hooks_rev)
    click.echo(tr("init.done", school=result.school.name, path=str(dest)))
    for rel in result.written:
        click.echo(f"  {rel}")
    click.echo(tr("init.next", path=str(dest)))
    return 0
