"""The Git host's account of a merge made with its button, in the evidence file beside the
signed PDF (key ``may_chu_git``): written by ``hsdt publish --host`` from the host's API
(:class:`hsdt.workflow.approvals.HostMerge`), read back by the reports and the record's history,
which have no API to ask.

The evidence file reaches ``main`` only through the publish workflow (the deploy key that the
protection of ``main`` lets through), so it is as trustworthy as ``main``; it is still parsed as
untrusted input: a value of the wrong kind makes the account unreadable (None), never a guess.

Shape (Vietnamese keys, times ISO 8601 in Vietnam time)::

    "may_chu_git": {
      "loai": "github" | "gitea",
      "pull_request": 12,
      "dia_chi": "https://github.com/…/pull/12",
      "nhanh": "nop/gv-toan-02/khbd-trung-hoc/…",
      "thoi_diem_gop": "2025-10-13T09:10:00+07:00",
      "thoi_diem_nop": "2025-10-12T20:00:00+07:00" | null,
      "tra_ve": [{"nguoi": "gv-toan-01", "thoi_diem": "…", "ly_do": "…", "bang_chung": "…"}]
    }
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hsdt.git.history import Commit
from hsdt.i18n import Msg, msg
from hsdt.model.school import Role
from hsdt.model.timeutil import to_vn
from hsdt.workflow.approvals import HostMerge, HostSendBack
from hsdt.workflow.evidence import Review, Source, Verdict

KEY = "may_chu_git"
"""The evidence file's key for the host's account."""


@dataclass(frozen=True)
class HostAccount:
    """What an evidence file says the Git host recorded of one record's merge."""

    host: str
    """``github`` or ``gitea``."""
    number: int
    """The pull request."""
    url: str
    """Its web page."""
    merged_at: datetime
    """When the host merged it."""
    submitted_at: datetime | None
    """The record's submission time (the host's receive time), None when the host did not
    prove it."""
    send_backs: tuple[HostSendBack, ...]
    """The send-backs that counted, oldest first."""
    merge: str
    """The merge commit (``commit_duyet``)."""
    approvals: tuple[Review, ...]
    """The chain's approvals, in order, as the reviews they were."""
    branch: str = ""
    """The pull request's head branch (empty when not recorded)."""


def host_json(merge: HostMerge, path: str) -> dict[str, Any]:
    """The ``may_chu_git`` value for the evidence file of ``path``."""
    submitted = merge.submitted_at(path)
    return {
        "loai": merge.host,
        "pull_request": merge.number,
        "dia_chi": merge.url,
        "nhanh": merge.branch,
        "thoi_diem_gop": _iso(merge.merged_at),
        "thoi_diem_nop": _iso(submitted) if submitted is not None else None,
        "tra_ve": [
            {"nguoi": b.reviewer, "thoi_diem": _iso(b.at), "ly_do": b.reason, "bang_chung": b.proof}
            for b in merge.send_backs
        ],
    }


def read_account(evidence: Mapping[str, Any]) -> HostAccount | None:
    """The host's account in a parsed evidence file; None when it has none or it is malformed."""
    data = evidence.get(KEY)
    if not isinstance(data, dict):
        return None
    host, number, url = data.get("loai"), data.get("pull_request"), data.get("dia_chi")
    merged = _time(data.get("thoi_diem_gop"))
    merge = evidence.get("commit_duyet")
    if (
        host not in ("github", "gitea")
        or not isinstance(number, int)
        or isinstance(number, bool)
        or not isinstance(url, str)
        or merged is None
        or not isinstance(merge, str)
    ):
        return None
    raw_submitted = data.get("thoi_diem_nop")
    submitted = _time(raw_submitted)
    if raw_submitted is not None and submitted is None:
        return None
    backs = _send_backs(data.get("tra_ve"))
    approvals = _approvals(evidence.get("bang_chung_duyet"))
    if backs is None or approvals is None:
        return None
    branch = data.get("nhanh", "")
    if not isinstance(branch, str):
        return None
    return HostAccount(str(host), number, url, merged, submitted, backs, merge, approvals, branch)


def _send_backs(raw: object) -> tuple[HostSendBack, ...] | None:
    if not isinstance(raw, list):
        return None
    out: list[HostSendBack] = []
    for item in raw:
        if not isinstance(item, dict):
            return None
        who, at = item.get("nguoi"), _time(item.get("thoi_diem"))
        reason, proof = item.get("ly_do", ""), item.get("bang_chung", "")
        if not isinstance(who, str) or at is None or not isinstance(reason, str):
            return None
        out.append(HostSendBack(who, at, reason, proof if isinstance(proof, str) else ""))
    return tuple(out)


def _approvals(raw: object) -> tuple[Review, ...] | None:
    if not isinstance(raw, list):
        return None
    roles = {r.value: r for r in Role}
    sources = {s.value: s for s in Source}
    out: list[Review] = []
    for item in raw:
        if not isinstance(item, dict):
            return None
        who, role, at = item.get("nguoi_duyet"), item.get("vai_tro"), _time(item.get("thoi_diem"))
        proof, commit, source = item.get("bang_chung"), item.get("commit"), item.get("nguon")
        if (
            not isinstance(who, str)
            or role not in roles
            or at is None
            or not isinstance(commit, str)
            or source not in sources
        ):
            return None
        proof = proof if isinstance(proof, str) else ""
        out.append(Review(who, roles[role], Verdict.APPROVED, at, commit, sources[source], proof))
    return tuple(out)


def _iso(moment: datetime) -> str:
    return to_vn(moment).isoformat(timespec="seconds")


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return to_vn(moment) if moment.tzinfo is not None else None


def read_accounts(root: Path, rev: str, records: Sequence[str]) -> dict[str, list[HostAccount]]:
    """Record path → the host's accounts in its evidence files at ``rev`` (the plain one and
    those of later approvals, ``….<merge>.json``): one ``ls-tree`` of ``signatures/`` and one
    ``cat-file --batch``; records without any are left out."""
    import json

    from hsdt.git.tree import list_blob_ids, read_by_id
    from hsdt.workflow.paths import evidence_path

    if not records:
        return {}
    stems = {evidence_path(p).removesuffix(".json"): p for p in records}
    wanted: dict[str, str] = {}
    for path, blob in list_blob_ids(root, rev, ["signatures"]).items():
        if not path.endswith(".json"):
            continue
        stem = path.removesuffix(".json")
        record = stems.get(stem) or stems.get(stem.rpartition(".")[0])
        if record is not None:
            wanted[f"{record}\0{path}"] = blob
    out: dict[str, list[HostAccount]] = {}
    for key, data in sorted(read_by_id(root, wanted).items()):
        try:
            evidence = json.loads(data.decode("utf-8"))
        except ValueError:
            continue
        account = read_account(evidence) if isinstance(evidence, dict) else None
        if account is not None:
            out.setdefault(key.split("\0", 1)[0], []).append(account)
    return out


class EvidenceAccounts:
    """A :data:`hsdt.workflow.approvals.HostResolver` that reads the host's accounts already
    written into the evidence files at a revision, for the commands with no API to ask
    (``hsdt status``, the reports, the site, the archive): a host's merge counts once
    ``hsdt publish --host`` has verified it and written its account."""

    def __init__(self, root: Path, rev: str) -> None:
        self.root = root
        self.rev = rev
        self.read: dict[str, list[HostAccount]] = {}
        """Record path → the accounts read so far (the reports reuse them, not re-reading)."""

    def __call__(self, asked: Sequence[tuple[Commit, Sequence[str]]]) -> dict[str, HostMerge | Msg]:
        records = sorted({p for _commit, paths in asked for p in paths})
        accounts = read_accounts(self.root, self.rev, records)
        self.read.update(accounts)
        out: dict[str, HostMerge | Msg] = {}
        for commit, paths in asked:
            mine = [(p, a) for p in paths for a in accounts.get(p, ()) if a.merge == commit.sha]
            if not mine:
                out[commit.sha] = msg("host.not_published", commit=commit.sha[:10])
                continue
            first = mine[0][1]
            reviews = dict.fromkeys(r for _p, a in mine for r in a.approvals)
            backs = dict.fromkeys(b for _p, a in mine for b in a.send_backs)
            submitted = tuple(sorted((p, a.submitted_at) for p, a in mine if a.submitted_at))
            out[commit.sha] = HostMerge(
                first.host,
                first.number,
                first.url,
                first.merged_at,
                tuple(sorted(reviews, key=lambda r: r.at)),
                submitted,
                tuple(sorted(backs, key=lambda b: b.at)),
                first.branch,
            )
        return out
