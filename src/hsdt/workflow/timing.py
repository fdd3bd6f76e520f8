"""When a record counts as submitted: one rule for the self-hosted hook and for the Git hosts.

The submission time of a record is the server's receive time of the content that is finally
approved, never a commit date and never the time a pull request was opened. Content that
arrives after a send-back (yêu cầu chỉnh sửa) answers it: when it arrives within the school's
resubmission window (``nop_lai_trong_ngay``; no limit when the profile gives none), the record
keeps the time of its first submission, so a teacher asked to fix a plan is not late for having
been asked. Any other later content (an empty template pushed on time and filled in after the
deadline) is judged at its own receive time.

Pure functions over server-side facts (receive notes, host push events, verified send-backs);
the callers gather those facts from sources the pusher cannot forge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Arrival:
    """Content the server received: the records a commit (or a push) changed, and when."""

    at: datetime
    """Server receive time."""
    paths: frozenset[str]
    """Record paths whose content changed."""


@dataclass(frozen=True)
class SendBack:
    """A verified send-back of the submission (its reviewer's signature or the host's review)."""

    at: datetime
    """When the server received it."""


Event = Arrival | SendBack


def submission_times(
    events: Iterable[Event], window_days: Callable[[str], int | None]
) -> dict[str, datetime]:
    """Each record's submission time from ``events`` in the order they happened.

    ``window_days(path)`` is the record type's resubmission window in days (None: no limit).
    """
    times: dict[str, datetime] = {}
    # For each path, the send-back that its next content may answer (the latest one after the
    # path's previous arrival).
    pending: dict[str, datetime] = {}
    for event in events:
        if isinstance(event, SendBack):
            for path in times:
                pending[path] = event.at
            continue
        for path in sorted(event.paths):
            if path not in times:
                times[path] = event.at
                continue
            answered = pending.pop(path, None)
            if answered is not None and _within(answered, event.at, window_days(path)):
                continue
            times[path] = event.at
    return times


def _within(send_back: datetime, arrival: datetime, days: int | None) -> bool:
    return days is None or arrival <= send_back + timedelta(days=days)
