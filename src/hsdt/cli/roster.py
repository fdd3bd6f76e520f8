"""``hsdt roster``"""

from __future__ import annotations

import click

from hsdt.cli.options import open_school, school_option
from hsdt.i18n import tr


@click.group("roster")
def command() -> None:
    """Tệp sinh từ danh sách nhân sự (truong.yml). Files generated from the roster."""


@command.command("allowed-signers")
@school_option
def allowed_signers(school_id: str | None) -> int:
    """Ghi signatures/allowed_signers từ khóa SSH (khoa_ssh) trong danh sách nhân sự."""
    from hsdt.fsutil import atomic_write_text
    from hsdt.workflow.paths import ALLOWED_SIGNERS
    from hsdt.workflow.signers import allowed_signers_text

    root, school = open_school(school_id)
    text = allowed_signers_text(school)
    atomic_write_text(root / ALLOWED_SIGNERS, text)
    count = sum(1 for s in school.staff.values() if s.ssh_key)
    click.echo(tr("roster.signers_written", path=ALLOWED_SIGNERS, count=count))
    return 0
