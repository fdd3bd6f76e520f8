"""``hsdt roster``"""

from __future__ import annotations

from pathlib import Path

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


@command.command("fingerprint")
@click.argument("certs", nargs=-1, required=True, type=click.Path(path_type=Path))
def fingerprint(certs: tuple[Path, ...]) -> int:
    """In vân tay SHA-256 của chứng thư số (điền vào van_tay_chung_thu / van_tay_con_dau).

    Print the SHA-256 fingerprint of each certificate (PEM or DER), for the roster's
    van_tay_chung_thu or the school's van_tay_con_dau.
    """
    from hsdt.model.fingerprint import display_fingerprint
    from hsdt.sign.holder import holder_of
    from hsdt.sign.trust import load_certificates

    for path in certs:
        for cert in load_certificates(path):
            holder = holder_of(cert)
            click.echo(
                tr(
                    "roster.fingerprint",
                    holder=holder.describe().split(" [SHA-256")[0],
                    fingerprint=display_fingerprint(holder.fingerprint),
                )
            )
    return 0
