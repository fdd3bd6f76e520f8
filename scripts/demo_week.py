"""The demo week in the school year of today, for scripts/demo.sh and scripts/demo-workflow.sh.

    python scripts/demo_week.py env [REPO]
        Bash assignments for eval (DEMO_NAM_HOC, DEMO_TUAN, DEMO_THU_HAI … DEMO_CHU_NHAT, …):
        the week the demo replays in the school year holding today (HSDT_DEMO_TODAY=YYYY-MM-DD
        replaces today), and DEMO_THEM_NAM_HOC, the `hsdt nam-hoc them` lines that add that
        year to REPO's profile first when it lacks it. REPO: the school repository (default:
        the one holding the current folder).
    python scripts/demo_week.py ghi REPO --nam-hoc YEAR --tuan N
        Write the demo week's records (the templates in scripts/demo-week/, filled for teaching
        week N of YEAR as REPO's profile describes it) into REPO.
    python scripts/demo_week.py du-an
        Refresh the project's own school-repository layout: schools/ and signatures/ and
        records/README.md as `hsdt init --profile le-khac-can` writes them, and records/ with
        the demo week of PROJECT_YEAR (tests/test_project_layout.py checks both).

The date arithmetic is hsdt.demoweek (tested in tests/test_demoweek.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from hsdt.demoweek import (
    WeekChoice,
    demo_today,
    materialise,
    plan_demo,
    shell_script,
    week_numbered,
)
from hsdt.errors import ConfigError, HsdtError
from hsdt.i18n import msg
from hsdt.load.profile import load_school
from hsdt.repo import find_root

PROJECT = Path(__file__).resolve().parents[1]
TEMPLATES = PROJECT / "scripts" / "demo-week"
PROFILE = "le-khac-can"
PROJECT_YEAR = "2026-2027"
"""The school year of the project's committed records/ (teaching week 6 of it)."""
PROJECT_WEEK = 6
INIT_COPIED = ("schools", "signatures", "records/README.md")
"""What the project takes from `hsdt init --profile le-khac-can` as it is."""


def write_week(repo: Path, year: str, number: int) -> list[str]:
    """Write the demo week (teaching week ``number`` of ``year``) into ``repo``."""
    school = load_school(repo)
    calendar = school.calendar_for(year)
    if calendar is None:
        raise ConfigError(msg("demo.year_missing", year=year))
    week = week_numbered(calendar, number, WeekChoice.PREFERRED)
    written = []
    for rel, text in materialise(TEMPLATES, week).items():
        target = repo / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(rel)
    return written


def refresh_project() -> None:
    """schools/, signatures/, records/ of the project as init and the demo week make them."""
    from hsdt.scaffold import init_school

    with tempfile.TemporaryDirectory() as scratch:
        made = Path(scratch) / PROFILE
        init_school(made, PROFILE)
        for folder in ("schools", "signatures", "records"):
            shutil.rmtree(PROJECT / folder, ignore_errors=True)
        for rel in INIT_COPIED:
            source, target = made / rel, PROJECT / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copyfile(source, target)
    for rel in write_week(PROJECT, PROJECT_YEAR, PROJECT_WEEK):
        print(rel)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="demo_week.py", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    env = commands.add_parser("env")
    env.add_argument("repo", nargs="?", type=Path)
    ghi = commands.add_parser("ghi")
    ghi.add_argument("repo", type=Path)
    ghi.add_argument("--nam-hoc", required=True)
    ghi.add_argument("--tuan", type=int, required=True)
    commands.add_parser("du-an")
    args = parser.parse_args(argv)
    try:
        if args.command == "env":
            school = load_school(find_root(args.repo or Path.cwd()))
            sys.stdout.write(shell_script(plan_demo(school.calendars, demo_today())))
        elif args.command == "ghi":
            for rel in write_week(args.repo, args.nam_hoc, args.tuan):
                print(rel)
        else:
            refresh_project()
    except HsdtError as e:
        print(e.render(), file=sys.stderr)
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
