"""``hsdt tag``: mark an archive period with a signed annotated tag and push it."""

from __future__ import annotations

import click

from hsdt.cli.options import open_school, school_option
from hsdt.i18n import tr


@click.command("tag")
@click.argument("name")
@click.option("--message", "-m", help="Chú thích của thẻ (mặc định: 'Lưu trữ NAME').")
@click.option("--remote", default="origin", show_default=True, help="Kho từ xa của trường.")
@click.option("--no-push", is_flag=True, help="Chỉ tạo thẻ trên máy, không đẩy lên máy chủ.")
@school_option
def command(
    name: str, message: str | None, remote: str, no_push: bool, school_id: str | None
) -> int:
    """Gắn thẻ lưu trữ NAME (một tuần, một học kỳ, một năm học) lên main và đẩy lên máy chủ.

    Thẻ có chú thích, ký bằng khóa SSH của người gắn (git config user.signingkey); chỉ văn
    thư, hiệu trưởng hoặc ban quản trị được gắn. Quy ước tên: tuan-06-2025-2026 (tuần),
    hk1-2025-2026 (học kỳ), nam-hoc-2025-2026 (năm học).

    Make an annotated tag NAME on main, signed with the caller's SSH key (clerk, principal or
    administrator only), and push it. Names: lower-case ASCII words joined by '-'.
    """
    from hsdt.archive.tag import make_tag

    root, school = open_school(school_id)
    result = make_tag(root, school, name, message=message, remote=None if no_push else remote)
    key = "tag.done" if result.created else "tag.done_again"
    pushed = tr("tag.pushed") if result.pushed else ""
    click.echo(tr(key, name=name, commit=result.commit[:10], id=result.tagger, pushed=pushed))
    return 0
