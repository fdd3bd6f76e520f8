"""Locks (khóa sổ): a locked record changes only with a correction record in the same change."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from hsdt.i18n import msg
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.timeutil import format_moment
from hsdt.rules.context import CheckContext

RULE = "khoa-so"
CORRECTION_TYPE = "bien-ban-sua"


def corrected_paths(records: Sequence[Record]) -> set[str]:
    """Paths that correction records in the submission name (``ho_so_sua``)."""
    out: set[str] = set()
    for record in records:
        if record.type_id == CORRECTION_TYPE:
            named = record.meta.get("ho_so_sua")
            if isinstance(named, tuple):
                out.update(str(p).strip().lstrip("./") for p in named)
    return out


def check(records: Sequence[Record], ctx: CheckContext) -> Iterator[Problem]:
    """Records of the submission inside an active lock and not named by a correction record.

    Whether the correction record itself was approved by the principal is for the server to
    establish from the approval evidence (a later issue); here it must at least be present.
    """
    corrected = corrected_paths(records)
    for record in records:
        if record.type_id == CORRECTION_TYPE or record.path in corrected:
            continue
        record_type = ctx.school.types.get(record.type_id)
        day = (
            record.get_date(record_type.date_key) if record_type and record_type.date_key else None
        )
        for lock in ctx.school.policy.locks:
            if lock.active_at(ctx.at) and lock.covers(record.type_id, day):
                yield Problem(
                    record.path,
                    1,
                    RULE,
                    msg(
                        "lock.locked",
                        id=lock.id,
                        since=format_moment(lock.locked_at),
                        type=CORRECTION_TYPE,
                    ),
                )
                break
