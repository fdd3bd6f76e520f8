"""Witnesses who witness (seed 000 Điều 7.5, seed 002 Điều 11.3): every person a correction
record names as witness (``nguoi_chung_kien``, and the class teacher ``gvcn``) confirms it with
their own signed approval of the final content, a review commit on the submission branch made by
``hsdt approve`` (or the approval merge itself, when the witness is the one who merges).

The server refuses the approval merge of a correction record while a named witness has not
confirmed; a send-back or new content cancels confirmations given before it, as it cancels
approvals. Reviews reach here already verified (the pre-receive hook believes a review only when
the reviewer's roster key signed it), so a name in the record confirms nothing by itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from hsdt.model.record import Record
from hsdt.rules.lock import CORRECTION_TYPE
from hsdt.workflow.evidence import Review, Verdict


def named_witnesses(record: Record) -> tuple[str, ...]:
    """Who the correction record names as witnesses, in order, the class teacher included."""
    if record.type_id != CORRECTION_TYPE:
        return ()
    names = [str(w).strip() for w in record.meta.get("nguoi_chung_kien") or ()]
    teacher = record.get_str("gvcn")
    if teacher is not None:
        names.append(teacher)
    return tuple(dict.fromkeys(n for n in names if n))


def confirmed_by(reviews: Sequence[Review]) -> frozenset[str]:
    """Who approved after the latest send-back (oldest first in ``reviews``)."""
    out: set[str] = set()
    for review in reviews:
        if review.verdict is Verdict.CHANGES:
            out.clear()
        else:
            out.add(review.reviewer)
    return frozenset(out)


def unconfirmed(record: Record, reviews: Sequence[Review]) -> tuple[str, ...]:
    """The witnesses ``record`` names who have not confirmed it by a review in ``reviews``."""
    done = confirmed_by(reviews)
    return tuple(w for w in named_witnesses(record) if w not in done)
