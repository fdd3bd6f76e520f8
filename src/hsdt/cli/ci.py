"""``hsdt ci``: the checks the Git host's workflows run on a pull request."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hsdt.cli.options import open_school, school_option
from hsdt.i18n import tr

if TYPE_CHECKING:
    from hsdt.hosts.github import GitHubClient


def _event() -> dict[str, object]:
    path = os.environ.get("GITHUB_EVENT_PATH") or os.environ.get("GITEA_EVENT_PATH")
    if not path:
        raise click.UsageError(tr("ci.no_event"))
    data: dict[str, object] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


def _records(root: Path, base: str, head: str) -> list[str]:
    from hsdt.git.run import git_text
    from hsdt.repo import is_record_path

    out = git_text(root, ["diff", "--name-only", "--no-renames", f"{base}...{head}"])
    return sorted(p for p in out.splitlines() if is_record_path(p))


@click.group("ci")
def command() -> None:
    """Kiểm tra trên máy chủ Git (GitHub Actions / Gitea Actions) cho pull request."""


@command.command("check-pr")
@click.option("--host", type=click.Choice(["github", "gitea"]), default="github")
@school_option
def check_pr(host: str, school_id: str | None) -> int:
    """Quy chế theo giờ máy chủ nhận nội dung; tác giả chỉ sửa hồ sơ của mình.

    Mỗi hồ sơ được tính nộp lúc máy chủ nhận nội dung cuối cùng của nó (GitHub: giờ tạo lượt
    chạy của lần đẩy; Gitea: dòng thời gian của pull request), không theo ngày commit; nộp lại
    sau khi bị trả về, trong thời hạn nop_lai_trong_ngay, giữ thời điểm nộp đầu tiên.
    """
    from hsdt.hosts.ci import check_pull, parse_event
    from hsdt.hosts.gitea import GiteaClient
    from hsdt.hosts.times import gitea_pushes, ordered_pushes, pull_submission_times
    from hsdt.model.timeutil import VN_TZ, format_moment

    root, school = open_school(school_id)
    event = parse_event(_event())
    # The check run's own time on the host's runner: when the head that triggered it arrived,
    # if the host does not list that push yet.
    now = datetime.now(VN_TZ)
    client, repo = host_client(host)
    records = _records(root, event.base_sha, event.head_sha)
    if isinstance(client, GiteaClient):
        comments = client.push_comments(repo, event.number)
        if comments is None:
            click.echo(tr("ci.no_push_times", at=format_moment(now)))
        pushes = gitea_pushes(root, event.base_sha, event.head_sha, event.created_at, comments, now)
    else:
        listed = client.pull_pushes(repo, event.head_ref)
        pushes = ordered_pushes(root, event.base_sha, event.head_sha, listed, now)
    submitted = pull_submission_times(root, school, event.base_sha, records, pushes,
                                      client.reviews(repo, event.number), event.author)  # fmt: skip
    for path in records:
        if path in submitted:
            click.echo(tr("ci.submitted_at", path=path, at=format_moment(submitted[path])))
    found = check_pull(root, school, records, event.author, now, submitted)
    for item in found:
        click.echo(item.render())
    return 1 if found else 0


def host_client(host: str) -> tuple[GitHubClient, str]:
    """The host's client (Gitea's is a GitHubClient) and the ``owner/name`` of the repository."""
    from hsdt.hosts.gitea import GiteaClient
    from hsdt.hosts.github import GITHUB_API, GitHubClient

    repo = os.environ.get("GITHUB_REPOSITORY") or os.environ.get("HSDT_GIT_REPO", "")
    token = os.environ.get("HSDT_GIT_TOKEN") or os.environ.get("GITHUB_TOKEN")
    if host == "github":
        return GitHubClient(token, os.environ.get("GITHUB_API_URL") or GITHUB_API), repo
    url = os.environ.get("HSDT_GIT_URL") or os.environ.get("GITHUB_API_URL", "")
    return GiteaClient(url, token), repo


@command.command("approvals")
@click.option("--host", type=click.Choice(["github", "gitea"]), default="github")
@school_option
def approvals(host: str, school_id: str | None) -> int:
    """Chuỗi duyệt từ các review của pull request (kiểm tra bắt buộc trước khi gộp)."""
    from hsdt.hosts.ci import approval_status, parse_event, pending_confirmations
    from hsdt.hosts.model import review_source

    root, school = open_school(school_id)
    event = parse_event(_event())
    client, repo = host_client(host)
    reviews = client.reviews(repo, event.number)
    source = review_source(host)
    records = _records(root, event.base_sha, event.head_sha)
    incomplete = 0
    for result, roles in approval_status(school, records, reviews, event.head_sha, source):
        if result.complete:
            click.echo(
                tr("ci.chain_done", path=result.record, done=result.done, steps=result.steps)
            )
        else:
            incomplete += 1
            click.echo(tr("ci.chain_wait", path=result.record, done=result.done,
                          steps=result.steps, roles=roles or "-"))  # fmt: skip
    for path, problem in pending_confirmations(
        root, school, records, reviews, event.head_sha, source
    ):
        incomplete += 1
        click.echo(f"{path}: {problem.render()}")
    return 1 if incomplete else 0


@command.command("import-report")
@click.option("--host", type=click.Choice(["github", "gitea"]), default="gitea")
@click.option(
    "--file",
    "report_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    metavar="TEP",
    help="Tệp chứa báo cáo của hsdt import.",
)
def import_report(host: str, report_file: Path) -> int:
    """Đăng báo cáo nhập tệp Word lên pull request (Gitea không có trang tóm tắt).

    Mỗi nội dung báo cáo chỉ đăng một lần; không đăng được (token chỉ đọc, như pull request từ
    fork) thì chỉ cảnh báo: báo cáo vẫn nằm trong nhật ký của việc.
    """
    from hsdt.errors import HsdtError
    from hsdt.hosts.ci import parse_event
    from hsdt.hosts.comments import post_once, report_comment

    event = parse_event(_event())
    client, repo = host_client(host)
    text = report_file.read_text(encoding="utf-8", errors="replace")
    body = report_comment(text, event.head_sha, tr("ci.import_title"), tr("ci.import_cut"))
    try:
        posted = post_once(client, repo, event.number, body)
    except HsdtError as e:
        click.echo(tr("ci.comment_failed", number=event.number, detail=e.render()), err=True)
        return 0
    click.echo(tr("ci.comment_posted" if posted else "ci.comment_there", number=event.number))
    return 0
