"""``hsdt backup``: verified bundles of every ref to several destinations, and their check."""

from __future__ import annotations

from pathlib import Path

import click

from hsdt.errors import UsageError
from hsdt.i18n import msg, tr


@click.command("backup")
@click.argument("args", nargs=-1, required=True, metavar="ĐÍCH… | verify TỆP…")
@click.option(
    "--repo",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=Path("."),
    help="Kho cần sao lưu (kho trần trên máy chủ, hoặc một bản sao; mặc định: thư mục hiện tại).",
)
@click.option(
    "--keep",
    type=click.IntRange(1, 1000),
    default=7,
    show_default=True,
    help="Số thế hệ giữ lại ở mỗi nơi.",
)
@click.option("--name", default=None, help="Tên tệp sao lưu (mặc định: tên thư mục kho).")
def command(args: tuple[str, ...], repo: Path, keep: int, name: str | None) -> int:
    """Sao lưu toàn bộ kho (mọi nhánh, thẻ và ghi chú giờ nhận) thành tệp git bundle đã kiểm
    tra ở mỗi ĐÍCH (nên có ít nhất hai nơi độc lập), giữ --keep thế hệ; hoặc kiểm tra lại tệp
    sao lưu (hsdt backup verify TỆP…). Khôi phục: git clone --mirror TỆP kho.git.

    Back up every ref (notes included) as a verified git bundle to each destination, keeping
    --keep generations; or re-check backups (verify). Restore with git clone --mirror.
    """
    from datetime import datetime

    from hsdt.archive.backup import backup, verify_backup
    from hsdt.git.run import git_text
    from hsdt.model.timeutil import VN_TZ

    if args[0] == "verify":
        if len(args) < 2:
            raise UsageError(msg("backup.verify_usage"))
        bad = 0
        for item in args[1:]:
            check = verify_backup(Path(item))
            if check.ok:
                click.echo(
                    tr("backup.verified", path=item, refs=len(check.refs), notes=check.notes)
                )
            else:
                bad += 1
                click.echo(tr("backup.not_verified", path=item, detail=check.problem))
        return 1 if bad else 0
    git_dir = Path(git_text(repo, ["rev-parse", "--absolute-git-dir"]).strip())
    label = name or _default_name(git_dir)
    dests = [Path(a) for a in args]
    if len(dests) < 2:
        click.echo(tr("backup.one_place"), err=True)
    for result in backup(git_dir, dests, name=label, when=datetime.now(VN_TZ), keep=keep):
        click.echo(
            tr(
                "backup.written",
                path=str(result.written.path),
                refs=len(result.written.refs),
                notes=result.written.notes,
                removed=len(result.removed),
            )
        )
    return 0


def _default_name(git_dir: Path) -> str:
    import re

    base = git_dir.name if git_dir.name != ".git" else git_dir.parent.name
    base = base.removesuffix(".git").lower()
    return re.sub(r"[^a-z0-9.-]+", "-", base).strip("-.") or "kho"
