"""Submission times on GitHub and Gitea: the host's receive time of the content, from a real
local repository and the host's API served from recorded shapes (tests/fixtures/README.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from hsdt.hosts.ci import approval_status, check_pull, parse_event
from hsdt.hosts.gitea import GiteaClient
from hsdt.hosts.github import GitHubClient, review_from_json
from hsdt.hosts.http import HttpRequest
from hsdt.hosts.model import HostPush, HostReview
from hsdt.hosts.times import gitea_pushes, ordered_pushes, pull_submission_times
from hsdt.load.profile import load_profile_dir
from hsdt.model.school import School
from hsdt.model.timeutil import VN_TZ
from hsdt.workflow.evidence import Source
from tests.samples import LESSON_REL, lesson_text

FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = Path(__file__).parents[1] / "src" / "hsdt" / "data" / "profiles" / "le-khac-can"
API = "https://api.github.com"
GITEA = "https://git.truong-mau.example/api/v1"
BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
RUNS = f"{API}/repos/o/r/actions/runs?event=pull_request&branch=nop%2Fgv-toan-02%2Fkhbd-trung-hoc%2F2025-10-16-phan-so-bang-nhau"
# The lesson is taught on Thursday 16/10/2025: due by the Sunday batch (the latest Sunday or
# Wednesday cut-off leaving three days), 12/10 23:59.
OPENED = "2025-10-12T13:00:00Z"  # 20:00 on 12/10, on time
SENT_BACK = "2025-10-13T01:00:00Z"  # 08:00 on 13/10
FILLED = "2025-10-14T02:00:00Z"  # 09:00 on 14/10, late; one day and one hour after the send-back
LATE = (
    f"{LESSON_REL}:9: [han-nop] nộp muộn: nộp lúc 2025-10-14 09:00 (+07:00), "
    "hạn là 2025-10-12 23:59 (+07:00) (mốc nộp hằng tuần: Chủ nhật, thứ Tư; mốc muộn nhất còn "
    "đủ 3 ngày trước ngày 2025-10-16)"
)
NOW = datetime(2025, 10, 14, 9, 5, tzinfo=VN_TZ)


def vn(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(VN_TZ)


@pytest.fixture(scope="module")
def school() -> School:
    return load_profile_dir(PROFILE, "schools/le-khac-can")


@pytest.fixture(scope="module")
def windowed(tmp_path_factory: pytest.TempPathFactory) -> School:
    """The same school with a one-day resubmission window for secondary lesson plans."""
    folder = tmp_path_factory.mktemp("profile") / "le-khac-can"
    shutil.copytree(PROFILE, folder)
    rules = folder / "quy-che.yml"
    text = rules.read_text(encoding="utf-8")
    marked = "    nop_lai: true          # Điều 7"
    assert marked in text
    rules.write_text(text.replace(marked, "    nop_lai_trong_ngay: 1\n" + marked), "utf-8")
    loaded = load_profile_dir(folder, "schools/le-khac-can")
    assert loaded.policy.types["khbd-trung-hoc"].resubmit_days == 1
    return loaded


class Repo:
    """A real repository: a base on main and the teacher's branch, commits dated as asked."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(exist_ok=True)
        if not (root / ".git").exists():
            self.git("init", "-q", "-b", "main")
        (root / "README.md").write_text("ho so\n", encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "base")
        self.base = self.git("rev-parse", "HEAD")
        self.git("checkout", "-q", "-b", BRANCH)

    def git(self, *args: str, when: str = "2025-10-01T08:00:00+07:00") -> str:
        env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        done = subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True,
                              text=True, env={**_env(), **env})  # fmt: skip
        return done.stdout.strip()

    def commit(self, text: str, when: str) -> str:
        target = self.root / LESSON_REL
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.git("add", "-A", when=when)
        self.git("commit", "-q", "-m", "nop", when=when)
        return self.git("rev-parse", "HEAD")


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def template() -> str:
    """The lesson plan as the template a teacher opens a pull request with: no content yet."""
    head, _body = lesson_text().split("\n---\n", 1)
    return head + "\n---\n"


class Host:
    """The host's API: recorded shapes with this test's commits and times filled in."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes]] = {}
        self.seen: list[str] = []

    def serve(self, url: str, body: Any, status: int = 200) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        self.routes[url] = (status, data)

    def __call__(self, request: HttpRequest) -> tuple[int, bytes]:
        self.seen.append(request.url)
        return self.routes[request.url]


def fill(name: str, **values: str) -> Any:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(key, value)
    return json.loads(text)


def github_review(state: str, at: str, commit: str, login: str = "lkc-toan01") -> dict[str, Any]:
    (item,) = [r for r in fill("github/reviews.json") if r["id"] == 81]
    return {**item, "state": state, "submitted_at": at, "commit_id": commit,
            "user": {**item["user"], "login": login}}  # fmt: skip


def github_times(
    repo: Repo, school: School, head: str, runs: Any, reviews: list[dict[str, Any]]
) -> dict[str, datetime]:
    host = Host()
    host.serve(RUNS + "&per_page=100&page=1", runs)
    host.serve(f"{API}/repos/o/r/pulls/12/reviews?per_page=100&page=1", reviews)
    client = GitHubClient("t", transport=host)
    pushes = ordered_pushes(repo.root, repo.base, head, client.pull_pushes("o/r", BRANCH), NOW)
    return pull_submission_times(repo.root, school, repo.base, [LESSON_REL], pushes,
                                 client.reviews("o/r", 12), "lkc-toan02")  # fmt: skip


def judged(repo: Repo, school: School, submitted: dict[str, datetime]) -> list[str]:
    found = check_pull(repo.root, school, [LESSON_REL], "lkc-toan02", NOW, submitted)
    return [f.render() for f in found]


def two_pushes(repo: Repo, dated: str = "2025-10-10T08:00:00+07:00") -> tuple[str, str]:
    first = repo.commit(template(), dated)
    second = repo.commit(lesson_text(), dated)
    return first, second


def test_content_filled_in_after_the_deadline_is_late(tmp_path: Path, school: School) -> None:
    repo = Repo(tmp_path / "kho")
    first, second = two_pushes(repo)
    runs = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED, PUSH2_SHA=second,
                PUSH2_AT=FILLED)  # fmt: skip
    submitted = github_times(repo, school, second, runs, [])
    assert submitted == {LESSON_REL: vn(FILLED)}
    assert judged(repo, school, submitted) == [LATE]
    # Judged at the pull request's creation (the old rule), the same content passed.
    assert check_pull(repo.root, school, [LESSON_REL], "lkc-toan02", vn(OPENED)) == []


def test_content_answering_a_send_back_keeps_the_first_time(
    tmp_path: Path, school: School, windowed: School
) -> None:
    repo = Repo(tmp_path / "kho")
    first, second = two_pushes(repo)
    runs = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED, PUSH2_SHA=second,
                PUSH2_AT=FILLED)  # fmt: skip
    send_back = github_review("CHANGES_REQUESTED", SENT_BACK, first)
    # No window in the profile: the answer keeps the first submission's time.
    submitted = github_times(repo, school, second, runs, [send_back])
    assert submitted == {LESSON_REL: vn(OPENED)}
    assert judged(repo, school, submitted) == []
    # A one-day window: the answer at 07:00 the next day is within it.
    early = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED, PUSH2_SHA=second,
                 PUSH2_AT="2025-10-14T00:00:00Z")  # fmt: skip
    submitted = github_times(repo, windowed, second, early, [send_back])
    assert judged(repo, windowed, submitted) == []


def test_an_answer_after_the_window_is_judged_at_its_arrival(
    tmp_path: Path, windowed: School
) -> None:
    repo = Repo(tmp_path / "kho")
    first, second = two_pushes(repo)
    runs = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED, PUSH2_SHA=second,
                PUSH2_AT=FILLED)  # fmt: skip
    send_back = github_review("CHANGES_REQUESTED", SENT_BACK, first)
    submitted = github_times(repo, windowed, second, runs, [send_back])
    assert submitted == {LESSON_REL: vn(FILLED)}
    assert judged(repo, windowed, submitted) == [LATE]


def test_send_backs_by_the_author_or_a_colleague_do_not_count(
    tmp_path: Path, school: School
) -> None:
    repo = Repo(tmp_path / "kho")
    first, second = two_pushes(repo)
    runs = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED, PUSH2_SHA=second,
                PUSH2_AT=FILLED)  # fmt: skip
    reviews = [
        github_review("CHANGES_REQUESTED", SENT_BACK, first, login="lkc-toan02"),  # the author
        github_review("CHANGES_REQUESTED", SENT_BACK, first, login="lkc-toan03"),  # a teacher
        github_review("COMMENTED", SENT_BACK, first),
    ]
    assert judged(repo, school, github_times(repo, school, second, runs, reviews)) == [LATE]


@pytest.mark.parametrize(
    "dated", ["2025-10-05T08:00:00+07:00", "2025-10-20T08:00:00+07:00"], ids=["early", "late"]
)
def test_commit_dates_change_nothing(tmp_path: Path, school: School, dated: str) -> None:
    repo = Repo(tmp_path / "kho")
    first, second = two_pushes(repo, dated)
    late = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED, PUSH2_SHA=second,
                PUSH2_AT=FILLED)  # fmt: skip
    assert judged(repo, school, github_times(repo, school, second, late, [])) == [LATE]
    on_time = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED,
                   PUSH2_SHA=second, PUSH2_AT="2025-10-12T15:00:00Z")  # fmt: skip
    assert judged(repo, school, github_times(repo, school, second, on_time, [])) == []


def test_the_head_not_listed_yet_arrives_now(tmp_path: Path, school: School) -> None:
    repo = Repo(tmp_path / "kho")
    first, second = two_pushes(repo)
    runs = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED, PUSH2_SHA="f" * 40,
                PUSH2_AT=OPENED)  # fmt: skip
    # The run of another pull request's commit proves nothing about this one.
    assert github_times(repo, school, second, runs, []) == {LESSON_REL: NOW}
    # Content present when the pull request was opened and never changed keeps that time.
    only = fill("github/actions_runs.json", PUSH1_SHA=second, PUSH1_AT=OPENED, PUSH2_SHA=second,
                PUSH2_AT=FILLED)  # fmt: skip
    assert github_times(repo, school, second, only, []) == {LESSON_REL: vn(OPENED)}


def test_runs_are_read_page_by_page(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "kho")
    first, second = two_pushes(repo)
    recorded = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED,
                    PUSH2_SHA=second, PUSH2_AT=FILLED)  # fmt: skip
    newest, oldest = recorded["workflow_runs"]
    rerun = {**newest, "head_sha": "e" * 40}
    host = Host()
    host.serve(
        RUNS + "&per_page=100&page=1",
        {"total_count": 150, "workflow_runs": [newest] + [rerun] * 99},
    )
    host.serve(
        RUNS + "&per_page=100&page=2",
        {"total_count": 150, "workflow_runs": [rerun] * 49 + [oldest]},
    )
    listed = GitHubClient("t", transport=host).pull_pushes("o/r", BRANCH)
    assert len(listed) == 150
    assert len(host.seen) == 2
    assert ordered_pushes(repo.root, repo.base, second, listed, NOW) == [
        HostPush(first, vn(OPENED)),
        HostPush(second, vn(FILLED)),
    ]


def gitea_times(
    repo: Repo, school: School, head: str, timeline: Any, reviews: list[dict[str, Any]]
) -> dict[str, datetime]:
    host = Host()
    host.serve(f"{GITEA}/repos/o/r/issues/7/timeline?limit=50&page=1", timeline)
    host.serve(f"{GITEA}/repos/o/r/pulls/7/reviews?limit=50&page=1", reviews)
    client = GiteaClient(GITEA, "tok", host)
    pull = fill("gitea/pull.json")
    opened = vn(pull["created_at"])
    pushes = gitea_pushes(repo.root, repo.base, head, opened, client.push_comments("o/r", 7), NOW)
    th_reviews = [HostReview(r.user.replace("th", "toan"), r.state, r.submitted_at, r.commit_id,
                             r.url) for r in client.reviews("o/r", 7)]  # fmt: skip
    return pull_submission_times(repo.root, school, repo.base, [LESSON_REL], pushes, th_reviews,
                                 "lkc-toan02")  # fmt: skip


def test_gitea_timeline_pushes(tmp_path: Path, school: School, windowed: School) -> None:
    repo = Repo(tmp_path / "kho")
    first, second = two_pushes(repo)
    timeline = fill("gitea/timeline.json", PUSH2_SHA=second, PUSH2_AT="2025-10-14T09:00:00+07:00")
    opened = vn(fill("gitea/pull.json")["created_at"])
    # The pull request was opened (21:15 on 12/10) with the template; the content came later.
    assert gitea_times(repo, school, second, timeline, []) == {LESSON_REL: vn(FILLED)}
    assert judged(repo, school, {LESSON_REL: vn(FILLED)}) == [LATE]
    # Gitea's send-back (REQUEST_CHANGES, 07:30 on 13/10) by the group head, answered at once.
    (send_back, _approval) = fill("gitea/reviews.json")[:2]
    assert send_back["state"] == "REQUEST_CHANGES"
    sent_back = {**send_back, "user": {**send_back["user"], "login": "lkc-th01"}}
    assert gitea_times(repo, school, second, timeline, [sent_back]) == {LESSON_REL: opened}
    # With the one-day window the answer at 09:00 on 14/10 is too late.
    assert gitea_times(repo, windowed, second, timeline, [sent_back]) == {LESSON_REL: vn(FILLED)}
    # No push after opening: the content is the one the pull request was opened with.
    assert gitea_times(repo, school, second, [], []) == {LESSON_REL: opened}
    assert first != second


def test_gitea_force_push_and_no_timeline(tmp_path: Path, school: School) -> None:
    repo = Repo(tmp_path / "kho")
    first, _second = two_pushes(repo)
    repo.git("reset", "-q", "--hard", repo.base)
    rewritten = repo.commit(lesson_text(), "2025-10-10T08:00:00+07:00")
    body = json.dumps({"is_force_push": True, "commit_ids": [first, rewritten]})
    (entry,) = [e for e in fill("gitea/timeline.json") if e["type"] == "pull_push"]
    forced = [{**entry, "body": body, "created_at": "2025-10-14T09:00:00+07:00"}]
    assert gitea_times(repo, school, rewritten, forced, []) == {LESSON_REL: vn(FILLED)}
    # A Gitea without the timeline API: the head arrives when this check runs.
    host = Host()
    host.serve(f"{GITEA}/repos/o/r/issues/7/timeline?limit=50&page=1",
               b'{"message": "Not Found"}', 404)  # fmt: skip
    comments = GiteaClient(GITEA, "tok", host).push_comments("o/r", 7)
    assert comments is None
    opened = datetime(2025, 10, 12, 21, 15, tzinfo=VN_TZ)
    assert gitea_pushes(repo.root, repo.base, rewritten, opened, comments, NOW) == [
        HostPush(rewritten, NOW)
    ]


def test_an_approval_before_a_later_push_does_not_count(tmp_path: Path, school: School) -> None:
    repo = Repo(tmp_path / "kho")
    first, second = two_pushes(repo)
    approved_first = review_from_json(github_review("APPROVED", SENT_BACK, first))
    ((stale, roles),) = approval_status(school, [LESSON_REL], [approved_first], second,
                                        Source.GITHUB_REVIEW)  # fmt: skip
    assert not stale.complete
    assert roles == "to_truong / to_pho / nhom_truong"
    approved_second = review_from_json(github_review("APPROVED", FILLED, second))
    ((fresh, _),) = approval_status(school, [LESSON_REL], [approved_first, approved_second],
                                    second, Source.GITHUB_REVIEW)  # fmt: skip
    assert fresh.complete
    assert [e.commit for e in fresh.evidence] == [second]


def test_check_pr_command_on_github(
    tmp_path: Path, make_school: Any, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hsdt.cli import ci as ci_cli
    from hsdt.hosts import http

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Frozen:  # type: ignore[override]
            return cls.fromisoformat(NOW.isoformat())

    root = make_school()
    repo = Repo(root)
    first, second = two_pushes(repo)
    pull = fill("github/pull.json")
    pull["head"]["sha"], pull["base"]["sha"] = second, repo.base
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": pull}), encoding="utf-8")
    assert parse_event({"pull_request": pull}).head_ref == BRANCH
    host = Host()
    host.serve(f"{API}/repos/o/r/actions/runs?event=pull_request&branch="
               "nop%2Fgv-toan-02%2Fkhbd-trung-hoc%2F2025-10-16-phan-so-bang-nhau&per_page=100&page=1",
               fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED,
                    PUSH2_SHA=second, PUSH2_AT=FILLED))  # fmt: skip
    host.serve(f"{API}/repos/o/r/pulls/12/reviews?per_page=100&page=1", [])
    monkeypatch.setattr(http, "urllib_transport", host)
    monkeypatch.setattr(ci_cli, "datetime", Frozen)
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.delenv("GITHUB_API_URL", raising=False)
    result = cli("ci", "check-pr", cwd=root)
    assert result.out.splitlines() == [
        f"{LESSON_REL}: nộp lúc 2025-10-14 09:00 (+07:00) (giờ máy chủ nhận nội dung)",
        LATE,
    ]
    assert result.code == 1
