"""``hsdt queue --host``: on GitHub or Gitea the reviews of an open pull request live in the
host's API, so the queue reads them there. A group head does not see a submission they
already approved; a teacher sees the send-back with its reason; the submission time is the
host's. Real repositories (tests/test_hosts_merged.HostRepo), the host's API from recorded
shapes (tests/fixtures/README.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from hsdt.hosts.gitea import GiteaClient
from hsdt.hosts.github import GitHubClient
from hsdt.hosts.pending import open_pull_states
from hsdt.load.profile import load_school
from hsdt.model.timeutil import VN_TZ
from hsdt.report.queue import build_queue
from hsdt.workflow.status import State
from tests.samples import LESSON_REL
from tests.test_host_times import API, GITEA, Host, fill, vn
from tests.test_hosts_merged import (
    APPROVED,
    BRANCH,
    FILLED,
    OPENED,
    RUNS,
    HostRepo,
    review,
    two_pushes,
)

NOW = datetime(2025, 10, 14, 12, 0, tzinfo=VN_TZ)


def open_pull(head: str) -> list[dict[str, Any]]:
    pull = fill("github/pull.json")
    pull["created_at"] = OPENED
    pull["head"] = {**pull["head"], "sha": head, "ref": BRANCH}
    pull["user"] = {**pull["user"], "login": "lkc-toan02"}
    return [pull]


def serve(first: str, second: str, reviews: list[Any]) -> Host:
    host = Host()
    host.serve(f"{API}/repos/o/r/pulls?state=open&per_page=100&page=1", open_pull(second))
    host.serve(f"{API}/repos/o/r/pulls/12/reviews?per_page=100&page=1", reviews)
    host.serve(RUNS, fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED,
                          PUSH2_SHA=second, PUSH2_AT=FILLED))  # fmt: skip
    return host


@pytest.fixture
def repo(tmp_path: Path) -> HostRepo:
    return HostRepo(tmp_path)


def queues(root: Path, host: Host | None) -> dict[str, Any]:
    school = load_school(root)
    states = None
    if host is not None:
        client = GitHubClient("t", transport=host)
        states = open_pull_states(root, school, client, "o/r", "github")
    return {
        who: build_queue(root, school, who, NOW, host_states=states)
        for who in ("gv-toan-01", "gv-toan-02")
    }


def test_an_open_pull_request_waits_for_the_group_head_at_the_hosts_time(repo: HostRepo) -> None:
    first, second = two_pushes(repo)
    root = repo.runner()
    found = queues(root, serve(first, second, []))
    (waiting,) = found["gv-toan-01"].review
    assert (waiting.path, waiting.step, waiting.steps) == (LESSON_REL, 1, 1)
    # The content came after the template: the host's receive time of the content.
    assert waiting.submitted_at == vn(FILLED)
    assert found["gv-toan-02"].review == ()
    # Without the host, the branch's commit dates (the teacher's clock) stand in.
    (alone,) = queues(root, None)["gv-toan-01"].review
    assert alone.submitted_at != vn(FILLED)


def test_an_approval_on_the_host_leaves_the_group_heads_queue(repo: HostRepo) -> None:
    first, second = two_pushes(repo)
    root = repo.runner()
    found = queues(root, serve(first, second, [review("APPROVED", APPROVED, second, rid=82)]))
    assert found["gv-toan-01"].review == ()
    # An approval of an older head is stale: it still waits.
    stale = queues(root, serve(first, second, [review("APPROVED", APPROVED, first, rid=82)]))
    assert [a.path for a in stale["gv-toan-01"].review] == [LESSON_REL]


def test_a_send_back_on_the_host_reaches_the_teachers_queue(repo: HostRepo) -> None:
    first, second = two_pushes(repo)
    root = repo.runner()
    back = review("CHANGES_REQUESTED", APPROVED, second)
    found = queues(root, serve(first, second, [back]))
    (returned,) = found["gv-toan-02"].sent_back
    assert returned.path == LESSON_REL
    assert returned.by == "gv-toan-01"
    assert returned.at == vn(APPROVED)
    assert returned.reason == "Bổ sung phần Vận dụng."
    assert found["gv-toan-01"].review == ()  # waiting for the teacher, not the group head


def test_gitea_open_pull_requests(repo: HostRepo) -> None:
    _first, second = two_pushes(repo)
    root = repo.runner()
    pull = fill("gitea/pull.json")
    pull.update(number=12, created_at="2025-10-12T20:00:00+07:00")
    pull["head"] = {**pull["head"], "sha": second, "ref": BRANCH}
    pull["user"] = {**pull["user"], "login": "lkc-toan02"}
    _send_back, approval = fill("gitea/reviews.json")[:2]
    approved = {**approval, "user": {**approval["user"], "login": "lkc-toan01"},
                "commit_id": second, "submitted_at": "2025-10-14T10:00:00+07:00"}  # fmt: skip
    host = Host()
    host.serve(f"{GITEA}/repos/o/r/pulls?state=open&limit=50&page=1", [pull])
    host.serve(f"{GITEA}/repos/o/r/pulls/12/reviews?limit=50&page=1", [approved])
    host.serve(f"{GITEA}/repos/o/r/issues/12/timeline?limit=50&page=1",
               fill("gitea/timeline.json", PUSH2_SHA=second, PUSH2_AT="2025-10-14T09:00:00+07:00"))  # fmt: skip
    states = open_pull_states(
        root, load_school(root), GiteaClient(GITEA, "t", host), "o/r", "gitea"
    )
    status = states[LESSON_REL]
    assert status.state is State.CHECKED
    assert [e.approver for e in status.approvals] == ["gv-toan-01"]
    assert status.submitted_at == vn("2025-10-14T09:00:00+07:00")


def test_pull_requests_of_other_branches_are_not_submissions(repo: HostRepo) -> None:
    first, second = two_pushes(repo)
    root = repo.runner()
    host = serve(first, second, [])
    other = open_pull(second)
    other[0]["head"]["ref"] = "patch-1"
    host.serve(f"{API}/repos/o/r/pulls?state=open&per_page=100&page=1", other)
    client = GitHubClient("t", transport=host)
    assert open_pull_states(root, load_school(root), client, "o/r", "github") == {}
