"""``hsdt codeowners``"""

from __future__ import annotations

import click

from hsdt.cli.options import open_school, school_option
from hsdt.i18n import tr


@click.command("codeowners")
@click.option("--gitea", is_flag=True, help="Ghi .gitea/CODEOWNERS (biểu thức chính quy).")
@school_option
def command(gitea: bool, school_id: str | None) -> int:
    """Ghi .github/CODEOWNERS (hoặc .gitea/CODEOWNERS) từ danh sách nhân sự: thư mục của tổ →
    tổ trưởng, tổ phó, nhóm trưởng.

    Write CODEOWNERS from the roster: each group's folder → its head, deputies and team leads.
    """
    from hsdt.codeowners import gitea_codeowners, github_codeowners
    from hsdt.fsutil import atomic_write_text
    from hsdt.generated import record_generated

    root, school = open_school(school_id)
    rel = ".gitea/CODEOWNERS" if gitea else ".github/CODEOWNERS"
    text = gitea_codeowners(school) if gitea else github_codeowners(school)
    atomic_write_text(root / rel, text)
    record_generated(root, rel, text)
    click.echo(tr("codeowners.written", path=rel))
    return 0
