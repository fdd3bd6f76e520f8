"""``hsdt check-secrets``"""

from __future__ import annotations

from pathlib import Path

import click

from hsdt.i18n import tr


@click.command("check-secrets")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def command(paths: tuple[Path, ...]) -> int:
    """Chặn khóa bí mật: khóa riêng PEM/OpenSSH/PGP/PuTTY và tệp PKCS#12 (.p12/.pfx).

    Refuse private keys in any of the given files (the hsdt-secrets pre-commit hook).
    """
    from hsdt.check import scan_secrets

    report = scan_secrets(Path.cwd(), list(paths))
    for problem in report.problems:
        click.echo(problem.render())
    if report.ok:
        click.echo(tr("secrets.summary_ok", count=report.checked), err=True)
    return 0 if report.ok else 1
