"""Approval evidence: one form whatever its source.

Who approved (staff id from the roster), in which role, when, which commit, and where the proof
lies. Sources: a signed approval merge into ``main`` or a signed review commit on a submission
branch (``hsdt approve``, verified against ``signatures/allowed_signers``), or a review on the
Git host (GitHub, Gitea). ``hsdt publish`` embeds these in the signed PDF's evidence JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from hsdt.model.school import Role
from hsdt.model.timeutil import to_vn

TRAILER_APPROVED = "Hsdt-Approved-By"
"""Trailer of an approval (merge or review commit): the approver's staff id."""
TRAILER_CHANGES = "Hsdt-Request-Changes-By"
"""Trailer of a send-back (yêu cầu chỉnh sửa): the reviewer's staff id."""
TRAILER_ROLE = "Hsdt-Role"
"""Trailer naming the role the reviewer acts in (``to_truong``…)."""
TRAILER_COMMIT = "Hsdt-Reviewed-Commit"
"""Trailer naming the branch tip the reviewer looked at."""


class Source(StrEnum):
    """Where a piece of evidence comes from."""

    SSH_MERGE = "ssh-merge"
    """An SSH-signed approval merge into main."""
    SSH_REVIEW = "ssh-review"
    """An SSH-signed review commit on the submission branch (an intermediate chain step)."""
    GITHUB_REVIEW = "github-review"
    """An approving review on a GitHub pull request."""
    GITEA_REVIEW = "gitea-review"
    """An approving review on a Gitea pull request."""


class Verdict(StrEnum):
    """What a reviewer decided."""

    APPROVED = "duyet"
    """Approved (đã kiểm tra / đã duyệt)."""
    CHANGES = "yeu_cau_chinh_sua"
    """Sent back for changes (yêu cầu chỉnh sửa)."""


@dataclass(frozen=True)
class Review:
    """A reviewer's decision on a submission, before it is matched to records."""

    reviewer: str
    """Staff id."""
    role: Role | None
    """The role claimed (SSH trailers) or None (host reviews: derived from the roster)."""
    verdict: Verdict
    """Approve or send back."""
    at: datetime
    """When the server received it (SSH) or the host recorded it (reviews)."""
    commit: str
    """The commit reviewed (branch tip / pull request head)."""
    source: Source
    """Where it comes from."""
    proof: str
    """The signed commit's id, or the review's URL or id on the host."""
    reason: str = ""
    """Why it was sent back."""


@dataclass(frozen=True)
class ApprovalEvidence:
    """One satisfied step of a record's approval chain."""

    record: str
    """The record path."""
    approver: str
    """Staff id of the approver."""
    role: Role
    """The role in which they approved (held for the record's group)."""
    at: datetime
    """When (Vietnam time)."""
    commit: str
    """The commit approved."""
    source: Source
    """Where the evidence comes from."""
    proof: str
    """The signed commit's id or the host review's URL/id."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (for the evidence file beside a signed PDF)."""
        return {
            "ho_so": self.record,
            "nguoi_duyet": self.approver,
            "vai_tro": self.role.value,
            "thoi_diem": to_vn(self.at).isoformat(timespec="seconds"),
            "commit": self.commit,
            "nguon": self.source.value,
            "bang_chung": self.proof,
        }
