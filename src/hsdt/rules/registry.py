"""The explicit list of rules, by family. No discovery by magic: adding a rule means adding it
here, where the order in which they run is visible."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.record_type import RecordType
from hsdt.rules import (
    calendar,
    correction,
    deadline,
    formula,
    lock,
    paths,
    roster,
    sections,
    topics,
)
from hsdt.rules.context import CheckContext

RecordRule = Callable[[Record, RecordType, CheckContext], Iterable[Problem]]
SubmissionRule = Callable[[Sequence[Record], CheckContext], Iterable[Problem]]


def _deadlines(records: Sequence[Record], ctx: CheckContext) -> Iterable[Problem]:
    # A record that a correction record in the same submission names is being corrected, not
    # submitted: its original deadlines passed long ago by design. The correction record itself
    # is judged like any other record.
    corrected = lock.corrected_paths(records)
    for record in records:
        if record.path not in corrected:
            yield from deadline.check(record, ctx)


RECORD_RULES: tuple[tuple[str, RecordRule], ...] = (
    ("muc", sections.check),
    ("nhan-su", roster.check),
    ("duong-dan", paths.check),
    ("lich", calendar.check),
    ("bien-ban-sua", correction.check),
    ("cong-thuc", formula.check),
)
"""Rules about one record alone; they run on every record checked."""

SUBMISSION_RULES: tuple[tuple[str, SubmissionRule], ...] = (
    ("han-nop", _deadlines),
    ("khoa-so", lock.check),
    ("mot-chu-de", topics.check),
)
"""Rules about a submission (the records of one change, judged at its submission time); they
run on the paths given to ``hsdt check``, not on ``--all``."""
