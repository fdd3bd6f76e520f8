"""``hsdt submit``: commit records on a submission branch, push it, open the pull request.

The branch is ``nop/<staff id>/<type>/<slug>`` (:mod:`hsdt.workflow.branches`); a teacher
already on their own submission branch (a resubmission after a send-back) keeps it. With
``HSDT_GIT_HOST=github|gitea``, ``HSDT_GIT_URL`` (the API: ``https://api.github.com`` or
``https://git.truong.example/api/v1``), ``HSDT_GIT_REPO`` (``owner/name``) and a token in
``HSDT_GIT_TOKEN``, the pull request is opened with a Vietnamese title and a checklist.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hsdt.errors import GitError, RuleViolation, UsageError
from hsdt.git.run import git_text
from hsdt.hosts.http import Transport
from hsdt.i18n import msg
from hsdt.model.school import School
from hsdt.repo import is_record_path
from hsdt.workflow.approve import reviewer_from_config
from hsdt.workflow.branches import MAIN, branch_for, parse_branch


@dataclass(frozen=True)
class SubmitResult:
    """What ``hsdt submit`` did."""

    branch: str
    """The submission branch."""
    commit: str
    """The commit pushed."""
    records: tuple[str, ...]
    """The records submitted."""
    pull_url: str | None
    """The pull request opened, when a host is configured."""


def pending_records(root: Path) -> list[str]:
    """Records added or changed in the working tree (one ``git status`` call)."""
    out = git_text(
        root, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "records"]
    )
    paths = []
    for entry in out.split("\0"):
        path = entry[3:]
        if len(entry) > 3 and is_record_path(path) and entry[:2].strip() != "D":
            paths.append(path)
    return sorted(paths)


def pull_text(school: School, owner: str, branch: str, records: Sequence[str]) -> tuple[str, str]:
    """The pull request's Vietnamese title and body with its checklist."""
    name = school.staff[owner].name
    title = f"Nộp hồ sơ: {branch.rsplit('/', 1)[-1]} ({name})"
    lines = [f"Giáo viên **{name}** ({owner}) nộp {len(records)} hồ sơ để kiểm tra:", ""]
    lines += [f"- `{r}`" for r in records]
    lines += [
        "",
        "Danh sách kiểm tra của người duyệt:",
        "",
        "- [ ] Đúng mẫu và đủ các mục theo quy định",
        "- [ ] Nộp đúng hạn (máy chủ tính theo thời điểm nhận)",
        "- [ ] Nội dung phù hợp chương trình, đối tượng học sinh",
        "- [ ] Không có dữ liệu cá nhân của học sinh",
        "",
        "Duyệt: chọn *Approve*. Trả về để chỉnh sửa: chọn *Request changes* và ghi lý do.",
    ]
    return title, "\n".join(lines) + "\n"


def submit(
    root: Path,
    school: School,
    paths: Sequence[str],
    *,
    remote: str = "origin",
    env: Mapping[str, str] | None = None,
    transport: Transport | None = None,
) -> SubmitResult:
    """Commit ``paths`` (or every pending record) on the submission branch and push it."""
    owner = reviewer_from_config(root, school)
    records = sorted(set(paths)) if paths else pending_records(root)
    if not records:
        raise UsageError(msg("submit.nothing"))
    current = git_text(root, ["branch", "--show-current"]).strip()
    existing = parse_branch(current)
    if existing is not None and existing.owner == owner:
        branch = current
    else:
        branch = branch_for(owner, records).name
        known = git_text(root, ["branch", "--list", branch]).strip()
        git_text(root, ["switch", "-q", branch] if known else ["switch", "-q", "-c", branch])
    git_text(root, ["add", "--", *records])
    title = records[0].rsplit("/", 1)[-1].removesuffix(".md")
    git_text(root, ["commit", "-q", "-m", f"Nộp: {title}", "--", *records])
    commit = git_text(root, ["rev-parse", "HEAD"]).strip()
    try:
        git_text(root, ["push", "-q", "-u", remote, branch])
    except GitError as e:
        raise RuleViolation(msg("submit.refused", detail=e.msg.args.get("detail", ""))) from e
    pull_url = _open_pull(school, owner, branch, records, env or {}, transport)
    return SubmitResult(branch, commit, tuple(records), pull_url)


def _open_pull(
    school: School,
    owner: str,
    branch: str,
    records: Sequence[str],
    env: Mapping[str, str],
    transport: Transport | None,
) -> str | None:
    host = env.get("HSDT_GIT_HOST", "").strip().lower()
    if not host:
        return None
    repo = env.get("HSDT_GIT_REPO", "")
    token = env.get("HSDT_GIT_TOKEN")
    if host not in ("github", "gitea") or not repo or not token:
        raise UsageError(msg("submit.host_config"))
    title, body = pull_text(school, owner, branch, records)
    if host == "github":
        from hsdt.hosts.github import GITHUB_API, GitHubClient

        client = GitHubClient(token, env.get("HSDT_GIT_URL") or GITHUB_API, transport)
        return client.create_pull(repo, branch, MAIN, title, body).url
    from hsdt.hosts.gitea import GiteaClient

    url = env.get("HSDT_GIT_URL")
    if not url:
        raise UsageError(msg("submit.host_config"))
    return GiteaClient(url, token, transport).create_pull(repo, branch, MAIN, title, body).url
