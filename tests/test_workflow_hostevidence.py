"""The Git host's account in an evidence file: what ``hsdt publish --host`` writes reads back the
same, and anything of the wrong kind makes it unreadable (None), never a guess."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

import pytest

from hsdt.model.school import Role
from hsdt.model.timeutil import VN_TZ
from hsdt.workflow.approvals import HostMerge, HostSendBack
from hsdt.workflow.evidence import Review, Source, Verdict
from hsdt.workflow.hostevidence import KEY, host_json, read_account

PATH = "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau.md"
HEAD = "d8d7735f13cce946ef509922b5a9c50ff82065c4"
MERGE = "0cec4753918c7803fe04472f8e2a4ec3b1830a1a"


def at(day: int, hour: int) -> datetime:
    return datetime(2025, 10, day, hour, tzinfo=VN_TZ)


REVIEW = Review("gv-toan-01", Role.GROUP_HEAD, Verdict.APPROVED, at(14, 10), HEAD,
                Source.GITHUB_REVIEW, "https://github.com/o/r/pull/12#pullrequestreview-82")  # fmt: skip
MERGED = HostMerge(
    "github",
    12,
    "https://github.com/o/r/pull/12",
    at(14, 11),
    (REVIEW,),
    ((PATH, at(12, 20)),),
    (HostSendBack("gv-toan-01", at(13, 8), "Bổ sung phần Vận dụng.", "…#pullrequestreview-81"),),
    "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau",
)


def evidence() -> dict[str, Any]:
    """An evidence file as hsdt publish writes it for a host's merge."""
    return {
        "ho_so": PATH,
        "commit_duyet": MERGE,
        "thoi_diem_duyet": "2025-10-14T11:00:00+07:00",
        "bang_chung_duyet": [
            {
                "ho_so": PATH,
                "nguoi_duyet": "gv-toan-01",
                "vai_tro": "to_truong",
                "thoi_diem": "2025-10-14T10:00:00+07:00",
                "commit": HEAD,
                "nguon": "github-review",
                "bang_chung": REVIEW.proof,
            }
        ],
        KEY: host_json(MERGED, PATH),
    }


def test_what_publish_writes_reads_back() -> None:
    account = read_account(evidence())
    assert account is not None
    assert (account.host, account.number, account.merge) == ("github", 12, MERGE)
    assert account.merged_at == at(14, 11)
    assert account.submitted_at == at(12, 20)
    assert account.send_backs == MERGED.send_backs
    assert account.approvals == (REVIEW,)
    assert account.branch == MERGED.branch


def test_a_record_the_host_did_not_prove_has_no_submission_time() -> None:
    written = host_json(MERGED, "records/khac.md")
    assert written["thoi_diem_nop"] is None
    data = evidence()
    data[KEY] = written
    account = read_account(data)
    assert account is not None
    assert account.submitted_at is None


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ((KEY,), "github"),
        ((KEY, "loai"), "bitbucket"),
        ((KEY, "pull_request"), "12"),
        ((KEY, "pull_request"), True),
        ((KEY, "thoi_diem_gop"), "hôm qua"),
        ((KEY, "thoi_diem_gop"), "2025-10-14T11:00:00"),  # no offset: which clock?
        ((KEY, "thoi_diem_nop"), 20251012),
        ((KEY, "tra_ve"), {"nguoi": "gv-toan-01"}),
        ((KEY, "tra_ve", 0, "thoi_diem"), None),
        ((KEY, "nhanh"), ["nop"]),
        (("commit_duyet",), None),
        (("bang_chung_duyet", 0, "vai_tro"), "vua"),
        (("bang_chung_duyet", 0, "nguon"), "email"),
        (("bang_chung_duyet", 0, "commit"), 7),
    ],
)
def test_a_value_of_the_wrong_kind_makes_the_account_unreadable(
    where: tuple[Any, ...], value: Any
) -> None:
    data = copy.deepcopy(evidence())
    target: Any = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    assert read_account(data) is None


def test_an_evidence_file_without_an_account_has_none() -> None:
    data = evidence()
    del data[KEY]
    assert read_account(data) is None
