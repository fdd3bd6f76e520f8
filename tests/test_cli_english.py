"""The English side: every command's ``--help`` in English (no Vietnamese letter left), the
Vietnamese help unchanged after an English run, and plurals right in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import click
import pytest

from hsdt.cli.help_en import HELP, METAVARS, SHORT
from hsdt.cli.main import COMMANDS, cli
from hsdt.i18n import Msg, plural
from tests.conftest import Result

VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I
)
"""A letter only Vietnamese uses (ASCII words such as front-matter keys are allowed)."""


def _paths() -> Iterator[tuple[str, ...]]:
    ctx = click.Context(cli)

    def walk(command: click.Command, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        yield path
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                yield from walk(sub, (*path, name))

    yield from walk(cli, ())


PATHS = list(_paths())


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "hsdt")
def test_every_help_in_english_has_no_vietnamese_letter(
    cli: Callable[..., Result], path: tuple[str, ...]
) -> None:
    done = cli("--lang", "en", *path, "--help")
    assert done.code == 0, done.err
    left = [line for line in done.out.splitlines() if VIETNAMESE.search(line)]
    # A Vietnamese word may be quoted where it is the literal text hsdt writes.
    left = [line for line in left if "'Lưu trữ NAME'" not in line]
    assert left == []
    vietnamese = cli(*path, "--help")
    assert vietnamese.code == 0
    assert VIETNAMESE.search(vietnamese.out)


def test_english_entries_name_real_commands_and_options() -> None:
    ctx = click.Context(cli)
    known: set[str] = set()
    for path in PATHS:
        command: click.Command = cli
        for name in path:
            assert isinstance(command, click.Group)
            found = command.get_command(ctx, name)
            assert found is not None
            command = found
        prefix = " ".join(path)
        known.add(prefix)
        for param in command.params:
            known.add(f"{prefix} --{param.name}" if isinstance(param, click.Option) else "")
            known.add(f"{prefix} {param.name}")
    assert set(HELP) - known == set()
    assert set(METAVARS) - known == set()
    assert set(SHORT) == set(COMMANDS)


def test_environment_language_switches_help_too(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HSDT_LANG", "en")
    done = cli("render", "--help")
    assert "Render every record under records/." in done.out
    monkeypatch.delenv("HSDT_LANG")
    assert "In mọi hồ sơ trong records/." in cli("render", "--help").out


@pytest.mark.parametrize(
    ("count", "errors", "warnings", "english", "vietnamese"),
    [
        (
            1,
            1,
            0,
            "Checked 1 record: 1 error, 0 warnings.",
            "Đã kiểm tra 1 hồ sơ: 1 lỗi, 0 cảnh báo.",
        ),
        (
            2,
            3,
            1,
            "Checked 2 records: 3 errors, 1 warning.",
            "Đã kiểm tra 2 hồ sơ: 3 lỗi, 1 cảnh báo.",
        ),
        (
            0,
            0,
            2,
            "Checked 0 records: 0 errors, 2 warnings.",
            "Đã kiểm tra 0 hồ sơ: 0 lỗi, 2 cảnh báo.",
        ),
    ],
)
def test_plural_forms(
    count: int, errors: int, warnings: int, english: str, vietnamese: str
) -> None:
    message = Msg("check.summary_bad", {"count": count, "errors": errors, "warnings": warnings})
    assert message.render("en") == english
    assert message.render("vi") == vietnamese
    assert plural(1, "copy", "copies") == "1 copy"
    assert plural(21, "copy", "copies") == "21 copies"


def test_english_check_summary_of_one_record(
    cli: Callable[..., Result], make_school: Callable[..., object]
) -> None:
    from pathlib import Path

    from tests.conftest import write
    from tests.samples import LESSON_REL, lesson_with

    root = make_school()
    assert isinstance(root, Path)
    write(root, LESSON_REL, lesson_with(ngay_day="2025-02-30"))
    done = cli("--lang", "en", "check", LESSON_REL, cwd=root)
    assert done.code == 1
    assert "Checked 1 record: 1 error" in done.out + done.err
