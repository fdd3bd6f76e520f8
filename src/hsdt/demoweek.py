"""The demo school's week, placed in the school year of today (``bash scripts/demo.sh``).

The demo replays one teaching week of the demo school: its records are templates
(``scripts/demo-week/``) whose paths and text carry ``{{placeholder}}`` marks for the school year
(``{{nam_hoc}}``), the week's number (``{{tuan}}``) and the dates of its days (``{{thu_hai}}`` …
``{{chu_nhat}}``, the profile's weekday words), and every simulated server time of the demo is
an offset from that week. This module chooses the week and fills the templates; it is pure
apart from :func:`demo_today`, which reads the clock or ``HSDT_DEMO_TODAY``.

Which week, for a given today:

- the school year holding today (the described year whose span holds it, else the year by the
  calendar convention). A year the profile does not describe yet is derived from the latest
  described one (:func:`next_year`) and added first, as a school does at its roll-over with
  ``hsdt nam-hoc them``;
- in that year, a *teaching week*: one the calendar numbers, inside the year, with no holiday
  from Monday to Saturday. Week 6 once it is over (its Sunday has passed); else the last
  teaching week that is over; else (the first days of a year) the first teaching week, whose
  submissions the demo then simulates ahead of the clock.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from hsdt.errors import ConfigError, UsageError
from hsdt.i18n import Msg, msg
from hsdt.model.school import Calendar, Holiday, nominal_year
from hsdt.model.timeutil import VN_TZ, WEEKDAYS

TODAY_ENV = "HSDT_DEMO_TODAY"
"""Environment variable that replaces today's date for the demo (``YYYY-MM-DD``)."""

PREFERRED_WEEK = 6
"""The week the demo replays once it is over: mid-autumn, clear of the opening holidays."""

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")


class WeekChoice(StrEnum):
    """Why the demo week is the one it is."""

    PREFERRED = "tuan_6"
    """Week 6, over."""
    LAST_OVER = "gan_nhat"
    """The last teaching week that is over (week 6 is not, or has a holiday)."""
    FIRST = "dau_tien"
    """No teaching week is over yet: the year's first one."""


@dataclass(frozen=True)
class DemoWeek:
    """The teaching week the demo replays."""

    year: str
    """The school year, ``2026-2027``."""
    number: int
    """The teaching week's number in that year (1-based, holiday weeks skipped)."""
    monday: date
    """Its Monday."""
    choice: WeekChoice
    """Why this week."""

    def day(self, weekday: int) -> date:
        """The date of ``weekday`` (0 Monday … 6 Sunday) in this week."""
        return self.monday + timedelta(days=weekday)

    @property
    def span(self) -> str:
        """Monday to Saturday as a reader writes it: ``12–17/10/2026``, ``28/9–3/10/2026``."""
        first, last = self.monday, self.day(5)
        if (first.year, first.month) == (last.year, last.month):
            start = f"{first.day}"
        elif first.year == last.year:
            start = f"{first.day}/{first.month}"
        else:
            start = f"{first.day}/{first.month}/{first.year}"
        return f"{start}–{last.day}/{last.month}/{last.year}"


@dataclass(frozen=True)
class DemoPlan:
    """What the demo does to be in today's school year."""

    today: date
    """The date the plan was made for."""
    added: tuple[Calendar, ...]
    """School years to add to the profile first, oldest first (each derived from the one
    before)."""
    week: DemoWeek
    """The week to replay."""

    def describe(self) -> Msg:
        """Which week and why, for the demo's output."""
        key = {
            WeekChoice.PREFERRED: "demo.week_6",
            WeekChoice.LAST_OVER: "demo.week_last",
            WeekChoice.FIRST: "demo.week_first",
        }[self.week.choice]
        return msg(
            key,
            week=self.week.number,
            year=self.week.year,
            span=self.week.span,
            today=self.today.strftime("%d/%m/%Y"),
        )


def demo_today(environ: Mapping[str, str] | None = None) -> date:
    """Today in Vietnam, or ``HSDT_DEMO_TODAY`` when set (the tests pin it)."""
    env = os.environ if environ is None else environ
    given = env.get(TODAY_ENV, "").strip()
    if not given:
        return datetime.now(VN_TZ).date()
    try:
        return date.fromisoformat(given)
    except ValueError as e:
        raise UsageError(msg("demo.bad_today", value=given)) from e


def _shift_year(day: date) -> date:
    """The same day and month a calendar year later (29/2 → 28/2)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def next_year(latest: Calendar) -> Calendar:
    """The school year after ``latest``, as a school rolling over would first write it: the
    same start, end and holidays a calendar year later, week 1 on the Monday 52 or 53 weeks
    on that is nearest to the same day a year later (week days stay Mondays). Holidays of
    the lunar calendar (Tết) come out as estimates that the school corrects."""
    first, second = (int(part) for part in latest.year.split("-"))
    wanted = _shift_year(latest.week1)
    week1 = min(
        (latest.week1 + timedelta(weeks=n) for n in (52, 53)),
        key=lambda monday: abs((monday - wanted).days),
    )
    holidays = tuple(
        Holiday(_shift_year(h.start), _shift_year(h.end), h.reason, h.skip_weeks)
        for h in latest.holidays
    )
    return Calendar(
        f"{first + 1}-{second + 1}",
        _shift_year(latest.start),
        _shift_year(latest.end),
        week1,
        holidays,
    )


def _year_of(calendars: Sequence[Calendar], day: date) -> str:
    """As :meth:`hsdt.model.school.School.year_of`, over ``calendars``."""
    for calendar in calendars:
        if calendar.start <= day <= calendar.end:
            return calendar.year
    return nominal_year(day)


def years_to_add(calendars: Sequence[Calendar], today: date) -> tuple[Calendar, ...]:
    """The school years to add so that the profile describes the year holding ``today``:
    none when it already does, else each year after the latest described one up to today's,
    each derived from the one before (:func:`next_year`)."""
    known = sorted(calendars, key=lambda c: c.year)
    added: list[Calendar] = []
    while True:
        target = _year_of([*known, *added], today)
        if any(c.year == target for c in [*known, *added]):
            return tuple(added)
        latest = (added or known)[-1]
        if target < latest.year:
            raise UsageError(
                msg(
                    "demo.year_too_early", today=today.isoformat(), year=target, first=known[0].year
                )
            )
        added.append(next_year(latest))


def teaching_weeks(calendar: Calendar) -> list[tuple[int, date]]:
    """(number, Monday) of every teaching week of ``calendar``: numbered by the calendar,
    Monday to Saturday inside the year and free of holidays."""
    out: list[tuple[int, date]] = []
    number = 1
    while True:
        monday = calendar.week_monday(number)
        saturday = monday + timedelta(days=5)
        if saturday > calendar.end:
            return out
        days = [monday + timedelta(days=i) for i in range(6)]
        if monday >= calendar.start and all(calendar.holiday_on(d) is None for d in days):
            out.append((number, monday))
        number += 1


def choose_week(calendar: Calendar, today: date) -> DemoWeek:
    """The teaching week of ``calendar`` the demo replays on ``today`` (module docstring)."""
    weeks = teaching_weeks(calendar)
    if not weeks:
        raise ConfigError(msg("demo.no_week", year=calendar.year))
    over = [(n, monday) for n, monday in weeks if today >= monday + timedelta(days=7)]
    preferred = [(n, monday) for n, monday in over if n == PREFERRED_WEEK]
    if preferred:
        return DemoWeek(calendar.year, *preferred[0], WeekChoice.PREFERRED)
    if over:
        return DemoWeek(calendar.year, *over[-1], WeekChoice.LAST_OVER)
    return DemoWeek(calendar.year, *weeks[0], WeekChoice.FIRST)


def plan_demo(calendars: Sequence[Calendar], today: date) -> DemoPlan:
    """The years to add and the week to replay for ``today``."""
    added = years_to_add(calendars, today)
    every = [*calendars, *added]
    year = _year_of(every, today)
    calendar = next(c for c in every if c.year == year)
    return DemoPlan(today, added, choose_week(calendar, today))


def week_numbered(calendar: Calendar, number: int, choice: WeekChoice) -> DemoWeek:
    """Teaching week ``number`` of ``calendar`` (the project's committed records name their
    week instead of taking today's)."""
    for n, monday in teaching_weeks(calendar):
        if n == number:
            return DemoWeek(calendar.year, n, monday, choice)
    raise UsageError(msg("demo.week_missing", year=calendar.year, week=number))


def placeholders(week: DemoWeek) -> dict[str, str]:
    """What the templates' ``{{name}}`` marks stand for in ``week``."""
    values = {"nam_hoc": week.year, "tuan": str(week.number)}
    values.update({name: week.day(i).isoformat() for i, name in enumerate(WEEKDAYS)})
    return values


def fill(text: str, values: Mapping[str, str], where: str) -> str:
    """``text`` with every ``{{name}}`` replaced; an unknown name is refused."""

    def one(found: re.Match[str]) -> str:
        name = found[1]
        if name not in values:
            raise ConfigError(
                msg("demo.bad_template", name=name, known=", ".join(sorted(values))), where
            )
        return values[name]

    return _PLACEHOLDER.sub(one, text)


def materialise(templates: Path, week: DemoWeek) -> dict[str, str]:
    """The demo week's files for ``week``: relative path (POSIX) → text, from every file
    under ``templates`` (paths and contents filled alike)."""
    values = placeholders(week)
    out: dict[str, str] = {}
    for file in sorted(p for p in templates.rglob("*") if p.is_file()):
        rel = file.relative_to(templates).as_posix()
        text = file.read_text(encoding="utf-8")
        out[fill(rel, values, str(file))] = fill(text, values, str(file))
    return out


def add_year_command(calendar: Calendar) -> str:
    """The ``hsdt nam-hoc them`` command line that adds ``calendar``, shell-quoted."""
    args = [
        "hsdt",
        "nam-hoc",
        "them",
        calendar.year,
        "--bat-dau",
        calendar.start.isoformat(),
        "--ket-thuc",
        calendar.end.isoformat(),
        "--tuan-1",
        calendar.week1.isoformat(),
    ]
    for holiday in calendar.holidays:
        option = "--nghi-bo-qua-tuan" if holiday.skip_weeks else "--nghi"
        args += [option, f"{holiday.start.isoformat()}:{holiday.end.isoformat()}:{holiday.reason}"]
    return shlex.join(args)


def _day_month(day: date) -> str:
    return f"{day.day}/{day.month}"


def shell_variables(plan: DemoPlan) -> dict[str, str]:
    """The demo's dates for its shell scripts, by name (``DEMO_…``). Times are ``…T…+07:00``
    where the scripts add a clock time; ``DEMO_DM_*`` are the same days as ``d/m``."""
    week = plan.week
    before = week.monday - timedelta(days=1)  # the Sunday before: the weekly deadline
    out = {
        "DEMO_HOM_NAY": plan.today.isoformat(),
        "DEMO_NAM_HOC": week.year,
        "DEMO_TUAN": str(week.number),
        "DEMO_KHOANG": week.span,
        "DEMO_THE_TUAN": f"tuan-{week.number:02d}-{week.year}",
        "DEMO_CN_TRUOC": before.isoformat(),
        "DEMO_DM_CN_TRUOC": _day_month(before),
        "DEMO_THU_SAU_TRUOC": (week.monday - timedelta(days=3)).isoformat(),
        "DEMO_DM_THU_SAU_TRUOC": _day_month(week.monday - timedelta(days=3)),
        "DEMO_THANG": str(week.day(2).month),
        # the school's repository is set up six weeks before the week (before week 1 when the
        # week is week 6)
        "DEMO_KHOI_TAO": (week.monday - timedelta(weeks=6)).isoformat(),
    }
    for i, name in enumerate(WEEKDAYS):
        out[f"DEMO_{name.upper()}"] = week.day(i).isoformat()
        out[f"DEMO_DM_{name.upper()}"] = _day_month(week.day(i))
    return out


def shell_script(plan: DemoPlan, lang: str | None = None) -> str:
    """Bash assignments for ``eval``: :func:`shell_variables`, ``DEMO_GHI_CHU`` (which week and
    why), and the arrays ``DEMO_THEM_NAM_HOC`` (the ``hsdt nam-hoc them`` lines to run first)
    and ``DEMO_THEM_GHI_CHU`` (what each adds)."""
    lines = [f"{k}={shlex.quote(v)}" for k, v in shell_variables(plan).items()]
    lines.append(f"DEMO_GHI_CHU={shlex.quote(plan.describe().render(lang))}")
    commands = " ".join(shlex.quote(add_year_command(c)) for c in plan.added)
    lines.append(f"DEMO_THEM_NAM_HOC=({commands})")
    notes = []
    for i, calendar in enumerate(plan.added):
        source = plan.added[i - 1].year if i else _previous(calendar.year)
        notes.append(
            shlex.quote(msg("demo.year_added", year=calendar.year, source=source).render(lang))
        )
    lines.append(f"DEMO_THEM_GHI_CHU=({' '.join(notes)})")
    return "\n".join(lines) + "\n"


def _previous(year: str) -> str:
    first, second = (int(part) for part in year.split("-"))
    return f"{first - 1}-{second - 1}"
