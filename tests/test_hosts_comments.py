"""The Word import report as a pull-request comment (Gitea shows no job summary): the body
cannot be broken out of by the document's text, is posted once per content, and a host that
refuses the comment only warns. The host is played from recorded Gitea response shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hsdt.hosts.comments import MARKER, MAX_CHARS, post_once, report_comment
from hsdt.hosts.gitea import GiteaClient
from hsdt.hosts.github import GitHubClient
from hsdt.hosts.http import HttpRequest

FIXTURES = Path(__file__).parent / "fixtures"
HEAD = "c0ffee0000000000000000000000000000000001"
BASE = "https://git.truong-mau.example/api/v1"
REPORT = (
    "records/2025-2026/to-tieu-hoc/gv-th-03/khbd-tieu-hoc/2025-10-15-bai-doc.md: đã tạo\n"
    "  Còn thiếu mục: Điều chỉnh sau bài dạy\n"
)


class Gitea:
    """A Gitea answering from recorded shapes; keeps the comments it was given."""

    def __init__(self, refuse: int | None = None) -> None:
        self.comments: list[dict[str, Any]] = json.loads(
            (FIXTURES / "gitea" / "comments.json").read_text(encoding="utf-8")
        )
        self.refuse = refuse
        self.seen: list[HttpRequest] = []

    def __call__(self, request: HttpRequest) -> tuple[int, bytes]:
        self.seen.append(request)
        url = f"{BASE}/repos/o/r/issues/7/comments"
        assert request.url == url, request.url
        if request.method == "GET":
            return 200, json.dumps(self.comments).encode()
        assert request.method == "POST"
        if self.refuse:
            return (
                self.refuse,
                b'{"message":"token does not have at least one of required scope(s)"}',
            )
        made = json.loads((FIXTURES / "gitea" / "comment.json").read_text(encoding="utf-8"))
        made["body"] = json.loads(request.body or b"{}")["body"]
        self.comments.append(made)
        return 201, json.dumps(made).encode()


def test_the_comment_holds_the_report_in_a_fence() -> None:
    body = report_comment(REPORT, HEAD, "Báo cáo nhập", "(cắt)")
    assert body == (
        f"{MARKER}\n## Báo cáo nhập (`c0ffee000000`)\n\n```text\n{REPORT.rstrip()}\n```\n"
    )


def test_the_documents_text_cannot_close_the_fence() -> None:
    hostile = "I. MỤC TIÊU\n```\n![x](https://evil.example/pixel.png) @lkc-hieutruong\n````\n"
    body = report_comment(hostile, HEAD, "T", "(cắt)")
    fence = "`" * 5
    assert f"\n{fence}text\n" in body
    assert body.endswith(f"\n{fence}\n")
    inside = body.split(f"{fence}text\n", 1)[1].rsplit(f"\n{fence}\n", 1)[0]
    assert inside == hostile.rstrip()  # nothing lost, nothing outside the fence


def test_control_and_direction_characters_are_dropped() -> None:
    body = report_comment("a\x1b[31mb\u202ec\r\nd\te\x00", HEAD, "T", "(cắt)")
    assert "a[31mbc\nd\te" in body
    for dropped in ("\x1b", "\u202e", "\r", "\x00"):
        assert dropped not in body


def test_a_long_report_is_cut_with_a_note() -> None:
    body = report_comment("y" * (MAX_CHARS + 500), HEAD, "T", "(xem nhật ký)")
    assert body.count("y") == MAX_CHARS
    assert "…\n(xem nhật ký)\n```\n" in body


def test_posted_once_per_content() -> None:
    gitea = Gitea()
    client = GiteaClient(BASE, "tok", gitea)
    body = report_comment(REPORT, HEAD, "T", "(cắt)")
    assert post_once(client, "o/r", 7, body) is True
    assert post_once(client, "o/r", 7, body) is False  # the job re-run: nothing new
    posts = [r for r in gitea.seen if r.method == "POST"]
    assert len(posts) == 1
    assert json.loads(posts[0].body or b"") == {"body": body}
    assert ("Authorization", "token tok") in posts[0].headers
    other = report_comment(REPORT, "f" * 40, "T", "(cắt)")  # a new push: a new report
    assert post_once(client, "o/r", 7, other) is True
    assert [c["body"] for c in gitea.comments[1:]] == [body, other]


def test_github_comments_page() -> None:
    api = "https://api.github.com/repos/o/r/issues/3/comments"
    pages = {1: [{"body": str(n)} for n in range(100)], 2: [{"body": "last"}]}

    def transport(request: HttpRequest) -> tuple[int, bytes]:
        page = int(request.url.rsplit("page=", 1)[1])
        assert request.url == f"{api}?per_page=100&page={page}"
        return 200, json.dumps(pages[page]).encode()

    bodies = GitHubClient("t", transport=transport).issue_comments("o/r", 3)
    assert bodies == [*(str(n) for n in range(100)), "last"]


def _event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gitea: Gitea) -> Path:
    from hsdt.hosts import http

    pull = json.loads((FIXTURES / "gitea" / "pull.json").read_text(encoding="utf-8"))
    pull["head"]["sha"] = HEAD
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": pull}), encoding="utf-8")
    monkeypatch.setattr(http, "urllib_transport", gitea)
    monkeypatch.setenv("GITEA_EVENT_PATH", str(event))
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.setenv("HSDT_GIT_URL", BASE)
    monkeypatch.setenv("HSDT_GIT_TOKEN", "tok")
    report = tmp_path / "bao-cao.txt"
    report.write_text(REPORT, encoding="utf-8")
    return report


def test_the_command_posts_then_says_it_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    gitea = Gitea()
    report = _event(tmp_path, monkeypatch, gitea)
    first = cli("ci", "import-report", "--host", "gitea", "--file", str(report), cwd=tmp_path)
    assert (first.code, first.out) == (0, "đã đăng báo cáo nhập lên pull request #7\n")
    posted = gitea.comments[-1]["body"]
    assert posted.startswith(f"{MARKER}\n## Báo cáo nhập tệp Word (hsdt import) (`c0ffee000000`)")
    assert REPORT.rstrip() in posted
    again = cli("ci", "import-report", "--host", "gitea", "--file", str(report), cwd=tmp_path)
    assert again.out == "báo cáo nhập này đã có trên pull request #7: không đăng lại\n"
    assert len(gitea.comments) == 2


def test_a_refused_comment_only_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    gitea = Gitea(refuse=403)
    report = _event(tmp_path, monkeypatch, gitea)
    result = cli("ci", "import-report", "--host", "gitea", "--file", str(report), cwd=tmp_path)
    assert result.code == 0
    assert result.out == ""
    assert result.err.startswith("không đăng được báo cáo nhập lên pull request #7 (POST ")
    assert "trả về 403" in result.err
    assert result.err.rstrip().endswith("báo cáo vẫn nằm trong nhật ký của việc nhap-word")
