"""GitHub and Gitea clients against recorded response shapes; reviews as approval evidence."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.errors import GitError
from hsdt.hosts.ci import approval_status, check_pull, parse_event
from hsdt.hosts.gitea import GiteaClient
from hsdt.hosts.github import GitHubClient
from hsdt.hosts.http import HttpRequest
from hsdt.load.profile import load_profile_dir
from hsdt.model.school import School
from hsdt.model.timeutil import VN_TZ
from hsdt.workflow.evidence import Source
from tests.samples import LESSON_REL, lesson_text

FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = Path(__file__).parents[1] / "src" / "hsdt" / "data" / "profiles" / "le-khac-can"
HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e"
GITEA_HEAD = "c0ffee0000000000000000000000000000000001"
TH_REL = "records/2025-2026/to-tieu-hoc/gv-th-03/khbd-tieu-hoc/2025-10-15-bai-doc.md"


@pytest.fixture(scope="module")
def school() -> School:
    return load_profile_dir(PROFILE, "schools/le-khac-can")


class Recorder:
    def __init__(self, routes: dict[str, tuple[int, str]]) -> None:
        self.routes = routes
        self.seen: list[HttpRequest] = []

    def __call__(self, request: HttpRequest) -> tuple[int, bytes]:
        self.seen.append(request)
        status, name = self.routes[f"{request.method} {request.url}"]
        return status, (FIXTURES / name).read_bytes() if name else b""


def test_github_pull_reviews_and_commit_pulls() -> None:
    api = "https://api.github.com"
    recorder = Recorder({
        f"GET {api}/repos/o/r/pulls/12": (200, "github/pull.json"),
        f"GET {api}/repos/o/r/pulls/12/reviews?per_page=100&page=1": (200, "github/reviews.json"),
        f"GET {api}/repos/o/r/commits/{HEAD}/pulls": (200, "github/commit_pulls.json"),
    })  # fmt: skip
    client = GitHubClient("t0k", transport=recorder)
    pull = client.pull("o/r", 12)
    assert pull.number == 12
    assert pull.author == "lkc-toan02"
    assert pull.head_sha == HEAD
    assert pull.created_at == datetime(2025, 10, 12, 20, 0, tzinfo=VN_TZ)
    assert pull.merged_at == datetime(2025, 10, 13, 9, 10, tzinfo=VN_TZ)
    reviews = client.reviews("o/r", 12)
    assert [r.state for r in reviews] == ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "APPROVED"]
    (found,) = client.pulls_for_commit("o/r", HEAD)
    assert found.number == 12
    assert ("Authorization", "Bearer t0k") in recorder.seen[0].headers


def test_github_reviews_satisfy_the_chain_only_from_the_right_people(school: School) -> None:
    reviews = GitHubClient("t", transport=Recorder({
        "GET https://api.github.com/repos/o/r/pulls/1/reviews?per_page=100&page=1":
            (200, "github/reviews.json"),
    })).reviews("o/r", 1)  # fmt: skip
    ((result, roles),) = approval_status(school, [LESSON_REL], reviews, HEAD, Source.GITHUB_REVIEW)
    # gv-toan-03 is a teacher (does not count); the head's send-back was on an older head;
    # the comment is not a decision; the head's approval completes the chain.
    assert result.complete
    assert roles == ""
    (evidence,) = result.evidence
    assert (evidence.approver, evidence.role.value) == ("gv-toan-01", "to_truong")
    assert evidence.source is Source.GITHUB_REVIEW
    assert evidence.proof.endswith("#pullrequestreview-83")
    assert evidence.as_dict()["thoi_diem"] == "2025-10-13T09:00:00+07:00"
    ((stale, roles),) = approval_status(
        school, [LESSON_REL], reviews, "other", Source.GITHUB_REVIEW
    )
    assert not stale.complete
    assert roles == "to_truong / to_pho / nhom_truong"


def test_gitea_reviews(school: School) -> None:
    base = "https://git.truong-mau.example/api/v1"
    recorder = Recorder({
        f"GET {base}/repos/o/r/pulls/7/reviews?limit=50&page=1": (200, "gitea/reviews.json"),
        f"GET {base}/repos/o/r/pulls/7": (200, "gitea/pull.json"),
        f"GET {base}/repos/o/r/commits/{GITEA_HEAD}/pull": (200, "gitea/pull.json"),
    })  # fmt: skip
    client = GiteaClient(base + "/", "tok", recorder)
    reviews = client.reviews("o/r", 7)
    assert [r.user for r in reviews] == ["lkc-th02", "lkc-th01"]  # the dismissed one is left out
    pull = client.pull("o/r", 7)
    assert pull.created_at == datetime(2025, 10, 12, 21, 15, tzinfo=VN_TZ)
    assert pull.merged_at is None
    assert client.pulls_for_commit("o/r", GITEA_HEAD)[0].number == 7
    assert ("Authorization", "token tok") in recorder.seen[0].headers
    ((result, _roles),) = approval_status(
        school, [TH_REL], reviews, GITEA_HEAD, Source.GITEA_REVIEW
    )
    assert result.complete
    assert result.evidence[0].approver == "gv-th-01"
    assert result.sent_back is None


def test_http_errors_become_git_errors() -> None:
    client = GitHubClient("t", transport=lambda _r: (404, b'{"message": "Not Found"}'))
    with pytest.raises(GitError) as caught:
        client.pull("o/r", 1)
    assert "404" in caught.value.render()


def test_create_pull_posts_json() -> None:
    seen: list[HttpRequest] = []

    def transport(request: HttpRequest) -> tuple[int, bytes]:
        seen.append(request)
        return 201, (FIXTURES / "gitea" / "pull.json").read_bytes()

    pull = GiteaClient("https://g/api/v1", "x", transport).create_pull("o/r", "nop/a/b/c", "main",
                                                                        "T", "B")  # fmt: skip
    assert pull.url == "https://git.truong-mau.example/truong-mau/ho-so/pulls/7"
    assert json.loads(seen[0].body or b"") == {"title": "T", "head": "nop/a/b/c", "base": "main",
                                                "body": "B"}  # fmt: skip


def test_pull_event_and_check(tmp_path: Path, school: School) -> None:
    event = parse_event(
        {"pull_request": json.loads((FIXTURES / "github" / "pull.json").read_text())}
    )
    assert event.author == "lkc-toan02"
    assert event.number == 12
    target = tmp_path / LESSON_REL
    target.parent.mkdir(parents=True)
    target.write_text(lesson_text(), encoding="utf-8")
    assert check_pull(tmp_path, school, [LESSON_REL], "lkc-toan02", event.created_at) == []
    found = check_pull(tmp_path, school, [LESSON_REL], "lkc-toan03", event.created_at)
    assert [f.render() for f in found] == [
        f"{LESSON_REL}:1: [chu-ho-so] gv-toan-03 không được sửa hồ sơ của giáo viên gv-toan-02"
    ]
    late = check_pull(tmp_path, school, [LESSON_REL], "lkc-toan02",
                      datetime(2025, 10, 15, 8, 0, tzinfo=VN_TZ))  # fmt: skip
    assert [f.render().split(" ")[1] for f in late] == ["[han-nop]"]
    (unknown,) = check_pull(tmp_path, school, [LESSON_REL], "ai-do", event.created_at)
    assert unknown.render() == "tài khoản 'ai-do' không có trong danh sách nhân sự (tai_khoan)"
