"""Options shared by several commands."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import click

from hsdt.errors import UsageError
from hsdt.i18n import msg
from hsdt.load.fields import parse_moment
from hsdt.load.profile import load_school
from hsdt.model.school import School
from hsdt.repo import find_root

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Dạng kết quả.",
)
"""``--format text|json`` for commands that can answer in JSON."""

jobs_option = click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Số tiến trình in song song (mặc định: số lõi CPU).",
)
"""``--jobs N``: parallel render workers."""

timeout_option = click.option(
    "--timeout",
    type=click.IntRange(1, 3600),
    default=120,
    show_default=True,
    help="Số giây tối đa để in một hồ sơ.",
)
"""``--timeout S``: the time bound of one record's rendering."""


def school_option(func: click.decorators.FC) -> click.decorators.FC:
    """``--school ID`` for repositories that hold several schools."""
    return click.option(
        "--school",
        "school_id",
        envvar="HSDT_SCHOOL",
        metavar="MA",
        help="Mã trường, khi kho có nhiều trường (hoặc HSDT_SCHOOL).",
    )(func)


def open_school(school_id: str | None) -> tuple[Path, School]:
    """The repository at or above the working folder and its school."""
    root = find_root(Path.cwd())
    return root, load_school(root, school_id)


def parse_at(value: str | None) -> datetime | None:
    """``--at`` into an aware datetime (Vietnamese time when no offset), or None."""
    if value is None:
        return None
    moment = parse_moment(value)
    if moment is None:
        raise UsageError(msg("check.bad_at", value=value))
    return moment


def jobs_default() -> int:
    """One worker per core."""
    return os.cpu_count() or 1
