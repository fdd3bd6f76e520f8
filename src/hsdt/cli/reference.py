"""The command reference page of docs/ (docs/lenh.md), generated from the commands' own help.

Lives with the CLI because it reads click's help; ``scripts/gen_docs.py`` writes it and a test
checks that the page in docs/ is current, so the reference cannot drift from the code.
"""

from __future__ import annotations

import click

from hsdt.cli.main import COMMANDS, cli
from hsdt.i18n import set_language

WIDTH = 96
"""Help text width in the page."""


def _help(command: click.Command, name: str, parent: click.Context) -> str:
    ctx = command.make_context(
        name,
        [],
        parent=parent,
        resilient_parsing=True,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
    )
    return command.get_help(ctx).rstrip()


def cli_reference() -> str:
    """The Markdown page: the group's help, then one section per command and one per visible
    subcommand of a command group (``hsdt nam-hoc them``: its options are the point)."""
    set_language("vi")
    try:
        root = cli.make_context(
            "hsdt", [], resilient_parsing=True, terminal_width=WIDTH, max_content_width=WIDTH
        )
        parts = [
            "# Các lệnh của hsdt (command reference)",
            "",
            "*Trang này được sinh từ `hsdt … --help` (`scripts/gen_docs.py`); đừng sửa tay.*",
            "",
            "```text",
            cli.get_help(root).rstrip(),
            "```",
        ]
        for name in sorted(COMMANDS):
            command = cli.get_command(root, name)
            assert command is not None
            parts += ["", f"## hsdt {name}", "", "```text", _help(command, name, root), "```"]
            if isinstance(command, click.Group):
                parent = command.make_context(name, [], parent=root, resilient_parsing=True)
                for sub_name in sorted(command.list_commands(parent)):
                    sub = command.get_command(parent, sub_name)
                    if sub is None or sub.hidden:
                        continue
                    parts += [
                        "",
                        f"### hsdt {name} {sub_name}",
                        "",
                        "```text",
                        _help(sub, sub_name, parent),
                        "```",
                    ]
        return "\n".join(parts) + "\n"
    finally:
        set_language(None)
