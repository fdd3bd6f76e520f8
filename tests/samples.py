"""Realistic records for tests, in the demo school Lê Khắc Cẩn (le-khac-can)."""

from __future__ import annotations

from pathlib import Path

DEMO_WEEK = Path(__file__).resolve().parents[1] / "scripts" / "demo-week"

LESSON_REL = "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau.md"
"""A valid secondary lesson plan (Thursday 16/10/2025, week 6)."""


def lesson_text() -> str:
    """The demo week's secondary lesson plan, valid as it is."""
    return (DEMO_WEEK / LESSON_REL).read_text(encoding="utf-8")


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
