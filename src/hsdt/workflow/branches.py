"""Submission branches: ``nop/<staff id>/<record type>/<slug>``.

One branch per submission, named after the teacher who owns it, so that the server knows whose
records may change on it and a group head sees at a glance what waits for review::

    nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau

The approved result lands on ``main`` as a merge; the branch may be deleted afterwards (its
commits stay in ``main``'s history and the receive notes keep their times).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PREFIX = "nop/"
MAIN = "main"
MAIN_REF = "refs/heads/main"
_PART = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")


@dataclass(frozen=True)
class SubmissionBranch:
    """A parsed submission branch name."""

    owner: str
    """Staff id of the teacher who submits."""
    type_id: str
    """The record type of the (first) record."""
    slug: str
    """What the submission is, usually the record's file name without ``.md``."""

    @property
    def name(self) -> str:
        """The branch name (without ``refs/heads/``)."""
        return f"{PREFIX}{self.owner}/{self.type_id}/{self.slug}"


def parse_branch(name: str) -> SubmissionBranch | None:
    """``nop/<owner>/<type>/<slug>`` (with or without ``refs/heads/``), or None."""
    short = name.removeprefix("refs/heads/")
    if not short.startswith(PREFIX):
        return None
    parts = short[len(PREFIX) :].split("/")
    if len(parts) != 3 or not all(_PART.match(p) for p in parts):
        return None
    return SubmissionBranch(parts[0], parts[1], parts[2])


def branch_for(owner: str, record_paths: list[str]) -> SubmissionBranch:
    """The branch for submitting ``record_paths`` (the first one names it)."""
    first = sorted(record_paths)[0]
    parts = first.split("/")
    type_id = parts[-2]
    slug = parts[-1].removesuffix(".md")
    if len(record_paths) > 1:
        slug = f"{slug}-va-{len(record_paths) - 1}-ho-so"
    return SubmissionBranch(owner, type_id, slug)
