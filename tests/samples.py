"""Realistic records for tests, in the demo school Lê Khắc Cẩn (le-khac-can)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DEMO_WEEK = Path(__file__).resolve().parents[1] / "scripts" / "demo-week"
"""The demo week's record templates (see :mod:`hsdt.demoweek`)."""

LESSON_REL = "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau.md"
"""A valid secondary lesson plan (Thursday 16/10/2025, week 6)."""


@cache
def demo_week_2025() -> dict[str, str]:
    """The demo week as the tests know it: teaching week 6 of 2025-2026 (13–18/10/2025) of the
    built-in le-khac-can profile, path → text."""
    from hsdt.demoweek import WeekChoice, materialise, week_numbered
    from hsdt.load.profile import load_profile_dir
    from hsdt.load.types import DATA_DIR

    school = load_profile_dir(DATA_DIR / "profiles" / "le-khac-can", "le-khac-can")
    calendar = school.calendar_for("2025-2026")
    assert calendar is not None
    return materialise(DEMO_WEEK, week_numbered(calendar, 6, WeekChoice.PREFERRED))


def demo_week_text(rel: str) -> str:
    """One record of :func:`demo_week_2025`, by its path in the school repository."""
    return demo_week_2025()[rel]


def lesson_text() -> str:
    """The demo week's secondary lesson plan, valid as it is."""
    return demo_week_text(LESSON_REL)


def lesson_with(**changes: str | None) -> str:
    """The lesson plan with front-matter lines replaced (``None`` removes the key)."""
    head, body = lesson_text().split("\n---\n", 1)
    lines = head.split("\n")
    for key, value in changes.items():
        index = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
        if value is None:
            if index is not None:
                del lines[index]
        elif index is None:
            lines.append(f"{key}: {value}")
        else:
            lines[index] = f"{key}: {value}"
    return "\n".join(lines) + "\n---\n" + body


def armour(kind: str = "") -> str:
    """A private-key PEM header (``kind`` e.g. ``RSA``), built at run time so that no tracked
    file holds the literal: a repository scan for keys must stay clean."""
    label = f"{kind} PRIVATE" if kind else "PRIVATE"
    return "-----BEGIN " + label + " KEY-----"
