"""What every rule may look at besides the record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hsdt.model.school import School


@dataclass(frozen=True)
class CheckContext:
    """The school and the circumstances of a check."""

    school: School
    """The school whose rules apply."""
    at: datetime
    """The submission time deadlines and locks are judged against (timezone-aware)."""
    server: bool
    """True when ``at`` is the server's receive time: missed deadlines refuse the record.
    False on a teacher's machine: they only warn, because the local clock proves nothing."""
