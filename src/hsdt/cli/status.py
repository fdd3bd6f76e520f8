"""``hsdt status``"""

from __future__ import annotations

from pathlib import Path

import click

from hsdt.cli.options import format_option, open_school, school_option
from hsdt.i18n import tr


@click.command("status")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--all", "all_records", is_flag=True, help="Mọi hồ sơ, không chỉ thư mục hiện tại.")
@format_option
@click.option("--remote", default="origin", show_default=True, help="Kho từ xa của trường.")
@school_option
def command(
    paths: tuple[Path, ...], all_records: bool, fmt: str, remote: str, school_id: str | None
) -> int:
    """Trạng thái từng hồ sơ: nháp, đã gửi kiểm tra, yêu cầu chỉnh sửa, đã duyệt bước k/n, đã
    duyệt, đã ký, đã công bố (hoặc tên trạng thái riêng của trường, ten_trang_thai).

    Each record's state, from one pass over the history (fetch first to see the server's).
    """
    from hsdt.repo import relative
    from hsdt.workflow.labels import status_label
    from hsdt.workflow.status import record_states, select

    root, school = open_school(school_id)
    if all_records:
        prefixes: list[str] = []
    else:
        prefixes = [relative(root, p) for p in paths] or [relative(root, Path.cwd())]
        prefixes = [p for p in prefixes if p not in ("", ".")]
    chosen = select(record_states(root, school, remote), prefixes)
    if fmt == "json":
        import json

        click.echo(json.dumps([s.as_dict(school) for s in chosen], ensure_ascii=False, indent=2))
        return 0
    labels = {s.path: status_label(school, s) for s in chosen}
    width = max((len(label) for label in labels.values()), default=0)
    lines = []
    for status in chosen:
        extra = []
        if status.branch:
            extra.append(tr("status.branch", branch=status.branch))
        for evidence in status.approvals:
            extra.append(f"{evidence.role.value} {evidence.approver}")
        if status.reason:
            extra.append(tr("status.reason", reason=status.reason))
        if status.signed_pdf:
            extra.append(status.signed_pdf)
        if status.pending:
            extra.append(tr("status.pending", keys=", ".join(status.pending)))
        tail = f"  ({'; '.join(extra)})" if extra else ""
        lines.append(f"{labels[status.path].ljust(width)}  {status.path}{tail}")
    click.echo("\n".join(lines))
    return 0
