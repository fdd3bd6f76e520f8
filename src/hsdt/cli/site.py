"""``hsdt site build`` and ``hsdt site serve``: the school's website (MkDocs + the hsdt plugin)."""

from __future__ import annotations

from pathlib import Path

import click

_config_option = click.option(
    "--config",
    "config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Tệp cấu hình trang (mặc định: mkdocs.yml ở gốc kho).",
)


@click.group("site")
def command() -> None:
    """Trang web của trường: kho hồ sơ đã duyệt và công khai, cùng hướng dẫn sử dụng.

    The school's website: the archive of approved public records, with the user guide.
    """


@command.command("build")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Thư mục ghi trang web (mặc định: site/).",
)
@_config_option
def build_command(out: Path | None, config: Path | None) -> int:
    """Dựng trang web (mkdocs build --strict) từ nhánh main: hồ sơ đã công bố, chữ ký đã
    kiểm tra, bản PDF đã ký.

    Build the site (strict) from main: published records, verified signatures, signed PDFs.
    """
    from hsdt.plugin.run import build, config_file
    from hsdt.repo import find_root

    root = find_root(Path.cwd())
    site = build(config_file(root, config), out)
    click.echo(str(site))
    return 0


@command.command("serve")
@click.option(
    "--addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Địa chỉ máy chủ xem thử.",
)
@_config_option
def serve_command(addr: str, config: Path | None) -> int:
    """Xem thử trang web trên máy (tự dựng lại khi sửa tệp).

    Preview the site locally (rebuilt on changes).
    """
    from hsdt.plugin.run import config_file, serve
    from hsdt.repo import find_root

    serve(config_file(find_root(Path.cwd()), config), addr)
    return 0
