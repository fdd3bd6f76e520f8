"""``hsdt hooks``: install and run the server-side hooks of a bare repository."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from hsdt.i18n import tr


@click.group("hooks")
def command() -> None:
    """Móc (hook) phía máy chủ cho kho trần (bare) của trường.

    Server-side hooks for a school's own bare repository.
    """


@command.command("install")
@click.option(
    "--bare",
    "bare",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Kho trần (bare) trên máy chủ.",
)
def install(bare: Path) -> int:
    """Cài pre-receive và post-receive gọi đúng bản hsdt này vào kho trần."""
    from hsdt.workflow.hooks import SERVER_CONFIG, install_hooks

    for path in install_hooks(bare):
        click.echo(tr("hooks.installed", path=str(path)))
    for key, value in SERVER_CONFIG:
        click.echo(tr("hooks.config_set", key=key, value=value))
    click.echo(tr("hooks.pusher_warning"), err=True)
    return 0


@command.command("run", hidden=True)
@click.argument("name", type=click.Choice(["pre-receive", "post-receive"]))
def run(name: str) -> int:
    """Chạy một móc (git gọi lệnh này; đầu vào là các dòng '<cũ> <mới> <ref>')."""
    from hsdt.workflow.hooks import git_dir_from_env, post_receive, pre_receive

    stdin = sys.stdin.read()
    git_dir = git_dir_from_env()
    if name == "post-receive":
        count = post_receive(git_dir, stdin)
        if count:
            click.echo(tr("hooks.noted", count=count), err=True)
        _facts(git_dir, stdin)
        return 0
    verdict = pre_receive(git_dir, stdin, os.environ)
    for refusal in verdict.refusals:
        click.echo(refusal.render(), err=True)
    if not verdict.ok:
        click.echo(tr("hooks.refused", count=len(verdict.refusals)), err=True)
        return 1
    return 0


def _facts(git_dir: Path, stdin: str) -> None:
    """The facts files after a merge (``hsdt.factsDir``); the push is accepted already, so a
    failure only warns."""
    from hsdt.errors import HsdtError
    from hsdt.workflow.hooks import facts_after_merge

    try:
        rows = facts_after_merge(git_dir, stdin, os.environ)
    except (HsdtError, ImportError, OSError) as e:
        reason = e.render() if isinstance(e, HsdtError) else str(e)
        click.echo(tr("report.hook_failed", reason=reason), err=True)
        return
    if rows is not None:
        click.echo(tr("report.hook_written", count=rows), err=True)
