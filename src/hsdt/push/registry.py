"""The push checks in the order they run: an explicit list, like :mod:`hsdt.rules.registry`.

The gates run first and alone: while a push has refs it may not touch, is larger than the
profile allows, or holds a path the server cannot hold safely, nothing of its content is read
or extracted. The other checks follow, each a function of the push as read once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from hsdt.push.checks import limits, mainline, paths, refs, submission, tags
from hsdt.push.model import Push, Refusal

Check = Callable[[Push], Iterable[Refusal]]

GATES: tuple[tuple[str, Check], ...] = (
    ("refs", refs.check),
    ("limits", limits.check),
    ("paths", paths.check),
)
"""Checks that must pass before any content is read."""

CHECKS: tuple[tuple[str, Check], ...] = (
    ("tags", tags.check),
    ("submission", submission.check),
    ("main", mainline.check),
)
"""Checks of the content, in order."""
