"""``hsdt ci``: the checks the Git host's workflows run on a pull request."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from hsdt.cli.options import open_school, school_option
from hsdt.i18n import tr


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
@school_option
def check_pr(school_id: str | None) -> int:
    """Quy chế với thời điểm mở pull request; tác giả chỉ sửa hồ sơ của mình."""
    from hsdt.hosts.ci import check_pull, parse_event

    root, school = open_school(school_id)
    event = parse_event(_event())
    found = check_pull(root, school, _records(root, event.base_sha, event.head_sha),
                       event.author, event.created_at)  # fmt: skip
    for item in found:
        click.echo(item.render())
    return 1 if found else 0


@command.command("approvals")
@click.option("--host", type=click.Choice(["github", "gitea"]), default="github")
@school_option
def approvals(host: str, school_id: str | None) -> int:
    """Chuỗi duyệt từ các review của pull request (kiểm tra bắt buộc trước khi gộp)."""
    from hsdt.hosts.ci import approval_status, parse_event
    from hsdt.workflow.evidence import Source

    root, school = open_school(school_id)
    event = parse_event(_event())
    repo = os.environ.get("GITHUB_REPOSITORY") or os.environ.get("HSDT_GIT_REPO", "")
    token = os.environ.get("HSDT_GIT_TOKEN") or os.environ.get("GITHUB_TOKEN")
    if host == "github":
        from hsdt.hosts.github import GITHUB_API, GitHubClient

        url = os.environ.get("GITHUB_API_URL") or GITHUB_API
        reviews = GitHubClient(token, url).reviews(repo, event.number)
        source = Source.GITHUB_REVIEW
    else:
        from hsdt.hosts.gitea import GiteaClient

        reviews = GiteaClient(os.environ.get("HSDT_GIT_URL", ""), token).reviews(repo, event.number)
        source = Source.GITEA_REVIEW
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
    return 1 if incomplete else 0
