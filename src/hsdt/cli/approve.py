"""``hsdt approve``"""

from __future__ import annotations

import click

from hsdt.cli.options import open_school, school_option
from hsdt.i18n import tr


@click.command("approve")
@click.argument("branch")
@click.option(
    "--request-changes",
    "reason",
    metavar="LÝ_DO",
    help="Trả hồ sơ về để giáo viên chỉnh sửa, kèm lý do (yêu cầu chỉnh sửa).",
)
@click.option("--remote", default="origin", show_default=True, help="Kho từ xa của trường.")
@click.option(
    "--key",
    "signing_key",
    envvar="HSDT_SIGNING_KEY",
    help="Khóa SSH để ký (mặc định: git config user.signingkey; hoặc HSDT_SIGNING_KEY).",
)
@school_option
def command(
    branch: str, reason: str | None, remote: str, signing_key: str | None, school_id: str | None
) -> int:
    """Duyệt (hoặc trả về) nhánh nộp BRANCH bằng commit có chữ ký SSH.

    Approve (or send back) a submission branch with an SSH-signed commit: the step that completes
    the approval chain merges the branch into main (--no-ff); earlier steps and send-backs are
    signed commits on the branch.
    """
    from hsdt.workflow.approve import approve, reviewer_from_config

    root, school = open_school(school_id)
    reviewer = reviewer_from_config(root, school)
    result = approve(
        root, school, reviewer, branch, reason=reason, remote=remote, signing_key=signing_key
    )
    click.echo(
        tr(
            f"approve.done_{result.kind}",
            branch=branch,
            id=result.reviewer,
            role=result.role.value if result.role is not None else "-",
            commit=result.commit[:10],
            count=len(result.records),
        )
    )
    return 0
