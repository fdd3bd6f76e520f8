"""``hsdt queue``"""

from __future__ import annotations

import click

from hsdt.cli.options import format_option, open_school, parse_at, school_option


@click.command("queue")
@click.option("--as", "as_id", metavar="MA", help="Mã nhân sự (mặc định: theo git user.email).")
@click.option(
    "--at",
    "at",
    metavar="THOI_DIEM",
    help="Tính tại thời điểm này (YYYY-MM-DDTHH:MM), mặc định là bây giờ.",
)
@format_option
@click.option("--remote", default="origin", show_default=True, help="Kho từ xa của trường.")
@click.option(
    "--host",
    type=click.Choice(["github", "gitea"]),
    help="Trên GitHub/Gitea: đọc các pull request đang mở và lượt duyệt của chúng từ máy chủ Git "
    "(GITHUB_REPOSITORY/HSDT_GIT_REPO, GITHUB_TOKEN/HSDT_GIT_TOKEN, HSDT_GIT_URL).",
)
@school_option
def command(
    as_id: str | None,
    at: str | None,
    fmt: str,
    remote: str,
    host: str | None,
    school_id: str | None,
) -> int:
    """Việc đang chờ bạn: bản nộp chờ bạn duyệt (cũ nhất trước, còn bao lâu đến hạn duyệt),
    hồ sơ bị trả về, hồ sơ chờ bạn ký, và những gì quy chế yêu cầu tuần này và tuần sau.

    What waits for you (found by git user.email in the roster, or --as): submissions awaiting
    your approval step, records sent back, places to sign, what the rules expect this week
    and next; the principal also sees the school-wide late count. Fetch first.
    """
    from datetime import datetime

    from hsdt.git.run import git_text
    from hsdt.model.timeutil import VN_TZ
    from hsdt.report.queue import build_queue, format_queue, identify

    root, school = open_school(school_id)
    if as_id is None:
        email = git_text(root, ["config", "user.email"], ok_codes=(0, 1))
        as_id = identify(school, email)
    now = parse_at(at) or datetime.now(VN_TZ)
    host_states = None
    if host is not None:
        from hsdt.cli.ci import host_client
        from hsdt.hosts.pending import open_pull_states

        client, repo = host_client(host)
        host_states = open_pull_states(root, school, client, repo, host, remote)
    queue = build_queue(root, school, as_id, now, remote, host_states)
    if fmt == "json":
        import json

        click.echo(json.dumps(queue.as_dict(), ensure_ascii=False, indent=2))
        return 0
    click.echo("\n".join(format_queue(queue, school)))
    return 0
