"""A merge made with the Git host's button (GitHub, Gitea) is published, reported and told in
the record's history from the host's account: the pull request merged into that commit, the
reviews of the merged head, the host's receive times and send-backs. Real repositories (a bare
remote standing for the host's, without hsdt's hooks, as on GitHub), real merges (merge commit
and squash), real PDFs; the host's API played from recorded shapes (tests/fixtures/README.md),
once over a real local HTTP server through the command line."""

from __future__ import annotations

import http.server
import json
import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest

from hsdt.git.tree import list_blob_ids
from hsdt.hosts.gitea import GiteaClient
from hsdt.hosts.github import GitHubClient
from hsdt.hosts.merged import HostMergeReader
from hsdt.load.profile import load_school
from hsdt.model.school import School
from hsdt.model.timeutil import VN_TZ
from hsdt.report.facts import collect_facts
from hsdt.report.history import EventKind, TimeSource, read_histories
from hsdt.scaffold import init_school
from hsdt.sign.demopki import DemoPki
from hsdt.workflow.evidence import Source
from hsdt.workflow.paths import evidence_path, signed_pdf_path
from hsdt.workflow.publish import publish
from hsdt.workflow.status import State, main_states
from tests.conftest import run_hsdt
from tests.samples import LESSON_REL, lesson_text
from tests.test_host_times import API, GITEA, Host, fill, template, vn

BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
RUNS = (
    f"{API}/repos/o/r/actions/runs?event=pull_request&branch="
    "nop%2Fgv-toan-02%2Fkhbd-trung-hoc%2F2025-10-16-phan-so-bang-nhau&per_page=100&page=1"
)
# The lesson is taught on Thursday 16/10/2025 and due by 12/10 23:59 (see test_host_times).
OPENED = "2025-10-12T13:00:00Z"  # 20:00 on 12/10, the template: on time
SENT_BACK = "2025-10-13T01:00:00Z"  # 08:00 on 13/10, by the group head
FILLED = "2025-10-14T02:00:00Z"  # 09:00 on 14/10, the content answering the send-back
APPROVED = "2025-10-14T03:00:00Z"  # 10:00 on 14/10
MERGED = "2025-10-14T03:10:00Z"  # 10:10 on 14/10
AS_OF = datetime(2025, 10, 20, 12, 0, tzinfo=VN_TZ)


def git(root: Path, *args: str, when: str = "2025-10-10T08:00:00+07:00") -> str:
    import os

    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "hsdt-test", "GIT_AUTHOR_EMAIL": "test@lkc.truong-mau.example",
           "GIT_COMMITTER_NAME": "hsdt-test", "GIT_COMMITTER_EMAIL": "test@lkc.truong-mau.example"}  # fmt: skip
    done = subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          env=env)  # fmt: skip
    return done.stdout.strip()


class HostRepo:
    """The host's repository (a bare one, no hooks: the host enforces nothing of hsdt's),
    the teacher's clone, and the host's own merges."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.bare = tmp / "host.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(self.bare)], check=True)
        admin = tmp / "admin"
        subprocess.run(["git", "clone", "-q", str(self.bare), str(admin)], check=True,
                       capture_output=True)  # fmt: skip
        init_school(admin, "le-khac-can")
        git(admin, "add", "-A")
        git(admin, "commit", "-q", "-m", "Kho hồ sơ của trường", when="2025-09-01T08:00:00+07:00")
        git(admin, "push", "-q", "origin", "main")
        self.teacher = tmp / "teacher"
        subprocess.run(["git", "clone", "-q", str(self.bare), str(self.teacher)], check=True,
                       capture_output=True)  # fmt: skip
        git(self.teacher, "checkout", "-q", "-b", BRANCH)
        self.merger = tmp / "merger"
        subprocess.run(["git", "clone", "-q", str(self.bare), str(self.merger)], check=True,
                       capture_output=True)  # fmt: skip

    def push(self, text: str, when: str = "2025-10-10T08:00:00+07:00") -> str:
        """The teacher pushes ``text`` to the branch; the host keeps refs/pull/12/head."""
        (self.teacher / LESSON_REL).parent.mkdir(parents=True, exist_ok=True)
        (self.teacher / LESSON_REL).write_text(text, encoding="utf-8")
        git(self.teacher, "add", "-A")
        git(self.teacher, "commit", "-q", "-m", "Nộp giáo án", when=when)
        git(self.teacher, "push", "-q", "-f", "origin", BRANCH)
        sha = git(self.teacher, "rev-parse", "HEAD")
        git(self.bare, "update-ref", "refs/pull/12/head", sha)
        return sha

    def merge(self, squash: bool = False, extra: str | None = None) -> str:
        """The host's button: a merge commit (or a squash) of the branch into main."""
        root = self.merger
        git(root, "fetch", "-q", "origin")
        git(root, "reset", "-q", "--hard", "origin/main")
        message = f"Merge pull request #12 from truong-mau/{BRANCH}"
        if squash:
            git(root, "merge", "-q", "--squash", f"origin/{BRANCH}")
            if extra is not None:
                (root / LESSON_REL).write_text(extra, encoding="utf-8")
                git(root, "add", "-A")
            git(root, "commit", "-q", "-m", message, when="2025-10-14T10:10:00+07:00")
        else:
            git(root, "merge", "-q", "--no-ff", "-m", message, f"origin/{BRANCH}",
                when="2025-10-14T10:10:00+07:00")  # fmt: skip
        git(root, "push", "-q", "origin", "main")
        return git(root, "rev-parse", "HEAD")

    def runner(self, name: str = "runner") -> Path:
        """The publish workflow's checkout (fetch-depth: 0)."""
        root = self.tmp / name
        # --no-local: over git's protocol, only what main's and the branches' refs reach
        subprocess.run(["git", "clone", "-q", "--no-local", str(self.bare), str(root)], check=True,
                       capture_output=True)  # fmt: skip
        git(root, "config", "user.name", "hsdt-bot")
        git(root, "config", "user.email", "hsdt-bot@users.noreply.github.com")
        return root


def github_pull(merge: str, head: str, author: str = "lkc-toan02") -> list[dict[str, Any]]:
    (pull,) = fill("github/commit_pulls.json")
    pull["merge_commit_sha"] = merge
    pull["merged_at"] = MERGED
    pull["closed_at"] = MERGED
    pull["created_at"] = OPENED
    pull["head"] = {**pull["head"], "sha": head, "ref": BRANCH}
    pull["user"] = {**pull["user"], "login": author}
    return [pull]


def review(state: str, at: str, commit: str, login: str = "lkc-toan01", rid: int = 81) -> Any:
    (item,) = [r for r in fill("github/reviews.json") if r["id"] == 81]
    url = f"https://github.com/truong-mau/ho-so/pull/12#pullrequestreview-{rid}"
    return {**item, "id": rid, "state": state, "submitted_at": at, "commit_id": commit,
            "html_url": url, "user": {**item["user"], "login": login}}  # fmt: skip


def github_host(
    merge: str, first: str, second: str, *, pull: Any = None, reviews: Any = None, runs: Any = None
) -> Host:
    host = Host()
    host.serve(f"{API}/repos/o/r/commits/{merge}/pulls", pull or github_pull(merge, second))
    if reviews is None:
        reviews = [
            review("CHANGES_REQUESTED", SENT_BACK, first),
            review("APPROVED", APPROVED, second, rid=82),
        ]
    host.serve(f"{API}/repos/o/r/pulls/12/reviews?per_page=100&page=1", reviews)
    if runs is None:
        runs = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED,
                    PUSH2_SHA=second, PUSH2_AT=FILLED)  # fmt: skip
    host.serve(RUNS, runs)
    return host


def reader(root: Path, school: School, host: Host, kind: str = "github") -> HostMergeReader:
    if kind == "github":
        return HostMergeReader(root, school, GitHubClient("t", transport=host), "o/r", "github")
    return HostMergeReader(root, school, GiteaClient(GITEA, "t", host), "o/r", "gitea")


@pytest.fixture
def repo(tmp_path: Path) -> HostRepo:
    return HostRepo(tmp_path)


def two_pushes(repo: HostRepo) -> tuple[str, str]:
    return repo.push(template()), repo.push(lesson_text())


def published(repo: HostRepo, squash: bool = False) -> tuple[Path, School, str]:
    """Two pushes, the host's merge, hsdt publish --host in the runner's checkout: the
    checkout, its school and the merged head."""
    first, second = two_pushes(repo)
    merge = repo.merge(squash=squash)
    root = repo.runner()
    school = load_school(root)
    publish(root, school, remote=None, host=reader(root, school, github_host(merge, first, second)))
    return root, school, second


def evidence_of(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((root / evidence_path(LESSON_REL)).read_text("utf-8"))
    return data


def test_a_merge_with_the_hosts_button_is_published_with_the_hosts_account(
    repo: HostRepo,
) -> None:
    first, second = two_pushes(repo)
    merge = repo.merge()
    root = repo.runner()
    school = load_school(root)
    # Without the host nothing hsdt can verify approved it: nothing is published, and the
    # merge is named with what to do.
    alone = publish(root, school, remote=None, commit=False)
    assert alone.items == []
    (refused,) = alone.refused
    assert refused.commit == merge
    assert "chưa được hsdt publish --host kiểm chứng" in refused.why.render("vi")
    report = publish(root, school, remote=None, host=reader(root, school, github_host(
        merge, first, second)))  # fmt: skip
    assert report.refused == []
    assert [i.record for i in report.items] == [LESSON_REL]
    assert report.commit is not None
    evidence = evidence_of(root)
    assert evidence["commit_duyet"] == merge
    assert evidence["thoi_diem_duyet"] == "2025-10-14T10:10:00+07:00"  # the host's merged_at
    (step,) = evidence["bang_chung_duyet"]
    assert (step["nguoi_duyet"], step["vai_tro"], step["nguon"]) == (
        "gv-toan-01", "to_truong", Source.GITHUB_REVIEW.value)  # fmt: skip
    assert step["commit"] == second
    assert step["bang_chung"].endswith("#pullrequestreview-82")
    host = evidence["may_chu_git"]
    assert host["loai"] == "github"
    assert host["nhanh"] == BRANCH
    assert host["pull_request"] == 12
    # The content answered the send-back: the first submission's time holds (no window).
    assert host["thoi_diem_nop"] == "2025-10-12T20:00:00+07:00"
    assert host["tra_ve"] == [
        {
            "nguoi": "gv-toan-01",
            "thoi_diem": "2025-10-13T08:00:00+07:00",
            "ly_do": "Bổ sung phần Vận dụng.",
            "bang_chung": "https://github.com/truong-mau/ho-so/pull/12#pullrequestreview-81",
        }
    ]
    # The PDF names the approver.
    text = subprocess.run(["pdftotext", str(root / signed_pdf_path(LESSON_REL)), "-"],
                          check=True, capture_output=True, text=True).stdout  # fmt: skip
    assert "Hoàng Văn Giả Định" in text
    # Run again: nothing twice.
    again = publish(root, school, remote=None, host=reader(root, school, github_host(
        merge, first, second)))  # fmt: skip
    assert again.commit is None
    assert [i.skipped for i in again.items] == [True]


def test_status_reports_and_history_read_the_hosts_account(repo: HostRepo) -> None:
    root, school, second = published(repo)
    git(root, "push", "-q", "origin", "HEAD:main")
    checkout = repo.runner("facts")  # the next job's fresh checkout: no API, only main
    school = load_school(checkout)
    states = main_states(checkout, school, "refs/heads/main")
    # the listing a caller read already (as the facts do) gives the same states
    listed = list_blob_ids(checkout, "refs/heads/main", ["signatures", "records"])
    assert main_states(checkout, school, "refs/heads/main", present=listed) == states
    assert states[LESSON_REL].state is State.APPROVED
    assert states[LESSON_REL].signed_pdf == signed_pdf_path(LESSON_REL)
    assert [e.approver for e in states[LESSON_REL].approvals] == ["gv-toan-01"]
    (row,) = [f for f in collect_facts(checkout, school, AS_OF) if f.path == LESSON_REL]
    assert row.submitted_at == vn(OPENED)
    assert row.approved_at == vn(MERGED)
    assert row.timeliness == "on_time"
    assert row.sendback_rounds == 1
    assert row.approval_delay_s == int((vn(MERGED) - vn(OPENED)).total_seconds())
    (history,) = read_histories(checkout, school, [LESSON_REL])
    told = [(e.kind, e.source, e.who) for e in history.events if e.source is TimeSource.HOST]
    assert told == [
        (EventKind.SUBMITTED, TimeSource.HOST, "gv-toan-02"),
        (EventKind.SENT_BACK, TimeSource.HOST, "gv-toan-01"),
        (EventKind.APPROVAL, TimeSource.HOST, "gv-toan-01"),
    ]
    submitted, sent_back, approval = [e for e in history.events if e.source is TimeSource.HOST]
    assert approval.merged
    assert approval.commit == second
    assert approval.role == "to_truong"
    assert submitted.at == vn(OPENED)
    assert sent_back.reason == "Bổ sung phần Vận dụng."
    assert EventKind.PUBLISHED in [e.kind for e in history.events]
    # Nothing is told twice: the branch's own commits and the merge add no submission.
    assert [e.kind for e in history.events].count(EventKind.SUBMITTED) == 1
    assert EventKind.RESUBMITTED not in [e.kind for e in history.events]


def test_a_squash_merge_is_checked_against_the_reviewed_head(repo: HostRepo) -> None:
    first, second = two_pushes(repo)
    merge = repo.merge(squash=True)
    git(repo.bare, "branch", "-D", BRANCH)  # the host deleted the branch after the merge
    root = repo.runner()
    school = load_school(root)
    # The head is not in main's history: it is fetched from refs/pull/12/head.
    assert subprocess.run(["git", "cat-file", "-e", f"{second}^{{commit}}"], cwd=root,
                          check=False).returncode != 0  # fmt: skip
    report = publish(root, school, remote=None, commit=False,
                     host=reader(root, school, github_host(merge, first, second)))  # fmt: skip
    assert [i.record for i in report.items] == [LESSON_REL]
    assert evidence_of(root)["may_chu_git"]["thoi_diem_nop"] == "2025-10-12T20:00:00+07:00"


def test_merged_content_that_was_not_reviewed_is_refused(repo: HostRepo) -> None:
    first, second = two_pushes(repo)
    merge = repo.merge(squash=True, extra=lesson_text().replace("Phân số", "Phân  số", 1))
    root = repo.runner()
    school = load_school(root)
    report = publish(root, school, remote=None, commit=False,
                     host=reader(root, school, github_host(merge, first, second)))  # fmt: skip
    assert report.items == []
    (refused,) = report.refused
    assert refused.commit == merge
    assert refused.records == (LESSON_REL,)
    assert "khác nội dung đã được duyệt" in refused.why.render("vi")
    assert not (root / signed_pdf_path(LESSON_REL)).exists()


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("other-commit", "không phải lần gộp đã duyệt"),
        ("old-head-approved", "chưa duyệt đủ chuỗi duyệt"),
        ("self-approved", "chưa duyệt đủ chuỗi duyệt"),
        ("not-the-owner", "gv-toan-03"),
        ("stranger", "lkc-khach"),
    ],
)
def test_what_the_host_says_is_verified_before_it_counts(
    repo: HostRepo, case: str, expected: str
) -> None:
    first, second = two_pushes(repo)
    merge = repo.merge()
    root = repo.runner()
    school = load_school(root)
    pull, reviews = None, None
    if case == "other-commit":  # the host's pull request was merged into another commit
        pull = github_pull("1" * 40, second)
    elif case == "old-head-approved":  # approved before the content changed
        reviews = [review("APPROVED", SENT_BACK, first)]
    elif case == "self-approved":  # the teacher approving her own plan
        reviews = [review("APPROVED", APPROVED, second, login="lkc-toan02")]
    elif case == "not-the-owner":  # opened by a colleague
        pull = github_pull(merge, second, author="lkc-toan03")
    else:  # an account not on the roster
        pull = github_pull(merge, second, author="lkc-khach")
    host = github_host(merge, first, second, pull=pull, reviews=reviews)
    report = publish(root, school, remote=None, commit=False, host=reader(root, school, host))
    assert report.items == []
    (refused,) = report.refused
    assert expected in refused.why.render("vi"), refused.why.render("vi")


def test_an_arrival_the_host_does_not_list_is_unknown_not_guessed(repo: HostRepo) -> None:
    first, second = two_pushes(repo)
    merge = repo.merge()
    root = repo.runner()
    school = load_school(root)
    runs = fill("github/actions_runs.json", PUSH1_SHA=first, PUSH1_AT=OPENED, PUSH2_SHA=first,
                PUSH2_AT=OPENED)  # fmt: skip
    host = github_host(merge, first, second, runs=runs)
    report = publish(root, school, remote=None, host=reader(root, school, host))
    assert [i.record for i in report.items] == [LESSON_REL]
    # The merged content's arrival is not listed: never "now" (after the merge), never a guess.
    assert evidence_of(root)["may_chu_git"]["thoi_diem_nop"] is None
    git(root, "push", "-q", "origin", "HEAD:main")
    checkout = repo.runner("facts")
    (row,) = [f for f in collect_facts(checkout, load_school(checkout), AS_OF)
              if f.path == LESSON_REL]  # fmt: skip
    assert row.submitted_at is None
    assert row.approved_at == vn(MERGED)


def test_a_malformed_account_on_main_counts_for_nothing(repo: HostRepo) -> None:
    root, school, _head = published(repo)
    evidence = evidence_of(root)
    evidence["may_chu_git"]["thoi_diem_nop"] = "hôm qua"
    (root / evidence_path(LESSON_REL)).write_text(json.dumps(evidence), encoding="utf-8")
    git(root, "commit", "-q", "-am", "sửa tay")
    states = main_states(root, school, "refs/heads/main")
    assert LESSON_REL not in states  # no verified approval
    (row,) = [f for f in collect_facts(root, school, AS_OF, remote="none") if f.path == LESSON_REL]
    assert row.submitted_at is None
    assert row.approved_at is None
    (history,) = read_histories(root, school, [LESSON_REL], remote="none")
    assert TimeSource.HOST not in [e.source for e in history.events]


def test_gitea_merge_from_the_timeline_and_its_reviews(repo: HostRepo) -> None:
    first, second = two_pushes(repo)
    merge = repo.merge()
    root = repo.runner()
    school = load_school(root)
    pull = fill("gitea/pull.json")
    pull.update(number=12, merged=True, merged_at="2025-10-14T10:10:00+07:00",
                merge_commit_sha=merge, created_at="2025-10-12T20:00:00+07:00")  # fmt: skip
    pull["head"] = {**pull["head"], "sha": second, "ref": BRANCH}
    pull["user"] = {**pull["user"], "login": "lkc-toan02"}
    timeline = fill("gitea/timeline.json", PUSH2_SHA=second, PUSH2_AT="2025-10-14T09:00:00+07:00")
    send_back, approval = fill("gitea/reviews.json")[:2]
    reviews = [
        {**send_back, "user": {**send_back["user"], "login": "lkc-toan01"}, "commit_id": first,
         "submitted_at": "2025-10-13T07:30:00+07:00"},
        {**approval, "user": {**approval["user"], "login": "lkc-toan01"}, "commit_id": second,
         "submitted_at": "2025-10-14T10:00:00+07:00"},
    ]  # fmt: skip
    host = Host()
    host.serve(f"{GITEA}/repos/o/r/commits/{merge}/pull", pull)
    host.serve(f"{GITEA}/repos/o/r/pulls/12/reviews?limit=50&page=1", reviews)
    host.serve(f"{GITEA}/repos/o/r/issues/12/timeline?limit=50&page=1", timeline)
    report = publish(root, school, remote=None, host=reader(root, school, host, "gitea"))
    assert [i.record for i in report.items] == [LESSON_REL]
    evidence = evidence_of(root)
    assert evidence["bang_chung_duyet"][0]["nguon"] == Source.GITEA_REVIEW.value
    account = evidence["may_chu_git"]
    assert account["loai"] == "gitea"
    # Opened with the template at 20:00 on 12/10; the answer to the send-back keeps that time.
    assert account["thoi_diem_nop"] == "2025-10-12T20:00:00+07:00"
    assert [b["thoi_diem"] for b in account["tra_ve"]] == ["2025-10-13T07:30:00+07:00"]


class _Api(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.routes.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body if body is not None else b'{"message": "Not Found"}')

    def log_message(self, format: str, *args: object) -> None:
        del format, args


@pytest.fixture
def api() -> Iterator[tuple[str, dict[str, bytes]]]:
    routes: ClassVar[dict[str, bytes]] = {}
    handler = type("Handler", (_Api,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()


def test_the_publish_command_asks_the_host_over_http(
    repo: HostRepo, api: tuple[str, dict[str, bytes]]
) -> None:
    url, routes = api
    first, second = two_pushes(repo)
    merge = repo.merge()
    root = repo.runner()
    host = github_host(merge, first, second)
    for full, (_status, body) in host.routes.items():
        routes[full.removeprefix(API)] = body
    env = {"GITHUB_API_URL": url, "GITHUB_REPOSITORY": "o/r", "GITHUB_TOKEN": "t"}
    done = run_hsdt("publish", "--host", "github", cwd=root, env=env)
    assert done.code == 0, done.err
    assert "Công bố 1 hồ sơ mới" in done.err
    assert evidence_of(root)["may_chu_git"]["pull_request"] == 12
    git(root, "push", "-q", "origin", "HEAD:main")
    git(root, "fetch", "-q", "origin")
    told = run_hsdt("status", LESSON_REL, "--history", cwd=root)
    assert told.code == 0, told.err
    assert (f"2025-10-12 20:00 (+07:00)  nộp lần đầu: Đỗ Thị Tạm (gv-toan-02), nhánh {BRANCH} "
            "(pull request #12)") in told.out  # fmt: skip
    assert "2025-10-13 08:00 (+07:00)  trả về để chỉnh sửa: Hoàng Văn Giả Định" in told.out
    assert "đã duyệt đủ, gộp vào main" in told.out
    # A host that does not know the merge: nothing published, the commit named, exit 1.
    other = repo.runner("other")
    routes.clear()
    done = run_hsdt("publish", "--host", "github", cwd=other, env=env)
    assert done.code == 1
    assert f"commit {merge[:10]} không được tính là đã duyệt" in done.err
    assert "Traceback" not in done.err


def test_an_archive_of_a_host_merged_period_matches_its_history(
    repo: HostRepo, pki: DemoPki
) -> None:
    from hsdt.archive.package import export_tag

    root, _school, _head = published(repo)
    trust = root / "signatures" / "tin-cay" / "ca-thu-nghiem.pem"
    trust.parent.mkdir(parents=True, exist_ok=True)
    trust.write_bytes(pki.root.read_bytes())
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Chứng thư gốc tin cậy")
    git(root, "tag", "-a", "-m", "Lưu trữ tuần 6", "tuan-06-2025-2026", "HEAD",
        when="2025-10-20T17:00:00+07:00")  # fmt: skip
    result = export_tag(root, "tuan-06-2025-2026", repo.tmp / "luu-tru", remote=None)
    report = json.loads((result.path / "data" / "bao-cao-kiem-tra.json").read_text("utf-8"))
    (item,) = report["ban_pdf"]
    # The evidence (the host's account) agrees with main's history: the merge is the one the
    # account names, and its approvals complete the chain.
    assert item["bang_chung_khop_lich_su"] is True, item["van_de_lich_su"]
    assert report["da_duyet_chua_co_ban_ky"] == []
    manifest = json.loads((result.path / "data" / "ho-so.json").read_text("utf-8"))
    (row,) = [r for r in manifest["ho_so"] if r["duong_dan"] == LESSON_REL]
    assert row["thoi_diem_nhan"] == "2025-10-12T20:00:00+07:00"  # the host's receive time


def test_a_commit_gitea_knows_no_pull_request_for_is_refused(repo: HostRepo) -> None:
    two_pushes(repo)
    merge = repo.merge()
    root = repo.runner()
    school = load_school(root)
    host = Host()
    host.serve(f"{GITEA}/repos/o/r/commits/{merge}/pull", b'{"message": "Not Found"}', 404)
    report = publish(root, school, remote=None, host=reader(root, school, host, "gitea"))
    assert report.items == []
    (refused,) = report.refused
    assert "không phải lần gộp đã duyệt" in refused.why.render("vi")


def test_a_branch_left_behind_by_a_squash_merge_is_not_pending(repo: HostRepo) -> None:
    from hsdt.report.queue import build_queue
    from hsdt.workflow.status import record_states

    root, school, _head = published(repo, squash=True)  # the branch stays, its commits off main
    git(root, "push", "-q", "origin", "HEAD:main")
    checkout = repo.runner("after")
    school = load_school(checkout)
    assert git(checkout, "branch", "-r", "--list", f"origin/{BRANCH}") != ""
    assert record_states(checkout, school)[LESSON_REL].state is State.APPROVED
    assert build_queue(checkout, school, "gv-toan-01", AS_OF).review == ()
    # A later change on that branch is a new submission again.
    repo.push(lesson_text().replace("Phân số", "Phân số (sửa)", 1))
    git(checkout, "fetch", "-q", "origin")
    assert record_states(checkout, school)[LESSON_REL].state is State.SUBMITTED


def test_an_account_naming_the_first_commit_approves_nothing(tmp_path: Path) -> None:
    """The repository's first commit merged no pull request: an evidence file claiming it did
    (written by hand) makes nothing approved."""
    root = tmp_path / "kho"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    init_school(root, "le-khac-can")
    (root / LESSON_REL).parent.mkdir(parents=True, exist_ok=True)
    (root / LESSON_REL).write_text(lesson_text(), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Kho hồ sơ, kèm một giáo án")
    first = git(root, "rev-parse", "HEAD")
    forged = {
        "ho_so": LESSON_REL,
        "commit_duyet": first,
        "thoi_diem_duyet": "2025-10-14T10:10:00+07:00",
        "bang_chung_duyet": [
            {"ho_so": LESSON_REL, "nguoi_duyet": "gv-toan-01", "vai_tro": "to_truong",
             "thoi_diem": "2025-10-14T10:00:00+07:00", "commit": first, "nguon": "github-review",
             "bang_chung": "https://github.com/o/r/pull/1#pullrequestreview-1"}
        ],
        "may_chu_git": {"loai": "github", "pull_request": 1, "dia_chi": "https://github.com/o/r/pull/1",
                        "thoi_diem_gop": "2025-10-14T10:10:00+07:00", "thoi_diem_nop": None,
                        "tra_ve": []},
    }  # fmt: skip
    target = root / evidence_path(LESSON_REL)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(forged, ensure_ascii=False), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "bằng chứng giả")
    school = load_school(root)
    assert LESSON_REL not in main_states(root, school, "refs/heads/main")
