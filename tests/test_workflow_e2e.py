"""End to end on a real bare repository with the hooks installed (issue 5)."""

from __future__ import annotations

from pathlib import Path

from hsdt.git.notes import read_notes
from tests.gitworld import World
from tests.samples import LESSON_REL, lesson_text

BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"


def test_on_time_submission_is_received_and_noted(tmp_path: Path) -> None:
    world = World(tmp_path)
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    done = teacher.commit_push(BRANCH, [LESSON_REL], when="2025-10-12T19:00:00+07:00",
                               received="2025-10-12T20:00:00+07:00")  # fmt: skip
    assert done.returncode == 0, done.stderr
    notes = read_notes(world.bare)
    assert len(notes) == 1
    (note,) = notes.values()
    assert note.received.isoformat() == "2025-10-12T20:00:00+07:00"
    assert note.paths == (LESSON_REL,)
    assert note.ref == f"refs/heads/{BRANCH}"
