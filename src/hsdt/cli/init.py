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
@click.option(
    "--hsdt-source",
    default=None,
    metavar="NGUON",
    help="hsdt mà các workflow cài: số phiên bản (0.1.0) hoặc git+https://…@<mã commit>. "
    "Mặc định: phiên bản đang cài trên máy.",
)
def command(
    dest: Path, profile: str, hooks_repo: str, hooks_rev: str | None, hsdt_source: str | None
) -> int:
    """Tạo kho hồ sơ của trường tại DEST từ một hồ sơ nhà trường.

    Create a school records repository: git init, layout, profile, pre-commit config,
    CODEOWNERS (GitHub, Gitea) from the roster, workflows for GitHub and Gitea Actions that
    install a pinned hsdt, mkdocs.yml, server hooks; .hsdt/generated.json records them for
    hsdt upgrade.
    """
    from hsdt.scaffold import init_school
    from hsdt.templates import HsdtSource

    source = HsdtSource.parse(hsdt_source) if hsdt_source is not None else None
    result = init_school(dest, profile, hooks_repo, hooks_rev, source)
    click.echo(tr("init.done", school=result.school.name, path=str(dest)))
    for rel in result.written:
        click.echo(f"  {rel}")
    click.echo(tr("init.next", path=str(dest)))
    return 0
