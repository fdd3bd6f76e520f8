"""The school's rules over records read from a commit, as the server runs them.

Deadlines are judged at each record's submission time (the first time the server received it,
so a resubmission after a send-back keeps its original time); locks at the moment the change
reaches ``main`` (now). Only errors refuse; the server never warns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from hsdt.model.problem import Problem, Severity
from hsdt.model.record import Record
from hsdt.model.school import School
from hsdt.rules import lock
from hsdt.rules.context import CheckContext
from hsdt.rules.registry import SUBMISSION_RULES


def judge_records(
    root: Path,
    rels: Sequence[str],
    school: School,
    submitted: Mapping[str, datetime],
    now: datetime,
) -> tuple[list[Problem], dict[str, Record]]:
    """Problems of the records ``rels`` under ``root`` and the records that could be read."""
    from hsdt.check import read_record

    problems: list[Problem] = []
    records: dict[str, Record] = {}
    by_time: dict[datetime, list[Record]] = {}
    for rel in sorted(set(rels)):
        at = submitted.get(rel, now)
        record, found, _fixed = read_record(root, rel, CheckContext(school, at, True))
        problems.extend(found)
        if record is not None:
            records[rel] = record
            by_time.setdefault(at, []).append(record)
    for at, group in sorted(by_time.items()):
        ctx = CheckContext(school, at, True)
        for name, rule in SUBMISSION_RULES:
            if name != lock.RULE:
                problems.extend(rule(group, ctx))
    problems.extend(lock.check(list(records.values()), CheckContext(school, now, True)))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    return sorted(errors, key=Problem.sort_key), records
