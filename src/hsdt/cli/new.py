"""``hsdt new``"""

from __future__ import annotations

from pathlib import Path

import click

from hsdt.cli.options import open_school, school_option
from hsdt.errors import UsageError
from hsdt.i18n import msg, tr


def _git_email(root: Path) -> str | None:
    import git

    try:
        value = git.Repo(root).config_reader().get_value("user", "email", "")
    except Exception:  # no repository or no identity: the author must be given with --set
        return None
    return str(value) or None


@click.command("new")
@click.argument("type_id", metavar="LOAI")
@click.option(
    "--set",
    "pairs",
    multiple=True,
    metavar="KHOA=GIA_TRI",
    help="Điền một khóa của phần thông tin, ví dụ --set ngay_day=2025-10-13.",
)
@click.option("--print-path", is_flag=True, help="Chỉ in đường dẫn tệp vừa tạo.")
@school_option
def command(type_id: str, pairs: tuple[str, ...], print_path: bool, school_id: str | None) -> int:
    """Tạo hồ sơ mới loại LOAI từ mẫu, đúng vị trí quy ước, và in đường dẫn. Với --set tuan=N
    (lịch báo giảng, kế hoạch tuần), ngày đầu, ngày cuối và tiêu đề của tuần được điền theo
    lịch năm học.

    Write a new record of type LOAI from its template at its conventional path; --set tuan=N
    fills the week's dates and title from the school calendar.
    """
    from hsdt.scaffold import new_record

    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(msg("new.bad_pair", value=pair))
        values[key.strip()] = value.strip()
    root, school = open_school(school_id)
    path = new_record(root, school, type_id, values, author_email=_git_email(root))
    shown = path.relative_to(root).as_posix()
    click.echo(shown if print_path else tr("new.created", path=shown))
    return 0
