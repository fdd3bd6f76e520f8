"""``hsdt submit``: commit records on a submission branch, push it, open the pull request.

The branch is ``nop/<staff id>/<type>/<slug>`` (:mod:`hsdt.workflow.branches`); a teacher
already on their own submission branch (a resubmission after a send-back) keeps it. With
``HSDT_GIT_HOST=github|gitea``, ``HSDT_GIT_URL`` (the API: ``https://api.github.com`` or
``https://git.truong.example/api/v1``), ``HSDT_GIT_REPO`` (``owner/name``) and a token in
``HSDT_GIT_TOKEN``, the pull request is opened with a Vietnamese title and a checklist.

Nothing is left half-done: when the commit or the push fails (the server refuses a late or
invalid record), the submission commit and the branch made for it are undone, the teacher is
back on the branch they were on, with the same index and their changes still uncommitted in
the working tree, so fixing the record and running ``hsdt submit`` again just works. The
message carries git's own reason, the server's ``remote:`` lines included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hsdt.errors import GitError, RuleViolation, UsageError
from hsdt.git.run import git_text, rev_parse
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
    before = _State.save(root)
    existing = parse_branch(before.branch)
    if existing is not None and existing.owner == owner:
        branch = before.branch
    else:
        branch = branch_for(owner, records).name
    tip = rev_parse(root, f"refs/heads/{branch}")
    try:
        if branch != before.branch:
            git_text(root, ["switch", "-q", branch] if tip else ["switch", "-q", "-c", branch])
        git_text(root, ["add", "--", *records])
        title = records[0].rsplit("/", 1)[-1].removesuffix(".md")
        git_text(root, ["commit", "-q", "-m", f"Nộp: {title}", "--", *records])
        commit = git_text(root, ["rev-parse", "HEAD"]).strip()
    except GitError:
        _undo(root, before, branch, tip)
        raise
    try:
        git_text(root, ["push", "-q", "-u", remote, branch])
    except GitError as e:
        _undo(root, before, branch, tip)
        # git pads the server's "remote:" lines with spaces (to overwrite progress output)
        detail = "\n".join(line.rstrip() for line in str(e.msg.args.get("detail", "")).splitlines())
        raise RuleViolation(msg("submit.refused_undone", detail=detail)) from e
    pull_url = _open_pull(school, owner, branch, records, env or {}, transport)
    return SubmitResult(branch, commit, tuple(records), pull_url)


@dataclass(frozen=True)
class _State:
    """Where the teacher's clone was before ``hsdt submit`` touched it."""

    branch: str
    """The branch checked out ('' when HEAD was detached)."""
    head: str | None
    """HEAD's commit."""
    index: str
    """The index, written as a tree (staged changes included)."""

    @classmethod
    def save(cls, root: Path) -> _State:
        branch = git_text(root, ["branch", "--show-current"]).strip()
        index = git_text(root, ["write-tree"]).strip()
        return cls(branch, rev_parse(root, "HEAD"), index)


def _undo(root: Path, before: _State, branch: str, tip: str | None) -> None:
    """Put the clone back as ``before``: ``branch`` at ``tip`` (deleted when it is new), the
    same branch checked out, the same index; the working tree keeps every change."""
    try:
        current = git_text(root, ["branch", "--show-current"]).strip()
        if current == branch:
            back = tip or before.head
            if back is not None:
                git_text(root, ["reset", "-q", "--soft", back])
        if current != before.branch:
            target = ["switch", "-q", before.branch] if before.branch else None
            if target is None and before.head is not None:
                target = ["switch", "-q", "--detach", before.head]
            if target is not None:
                git_text(root, target)
        if tip is None and branch != before.branch:
            git_text(root, ["branch", "-q", "-D", branch], ok_codes=(0, 1))
        git_text(root, ["read-tree", before.index])
        git_text(root, ["update-index", "-q", "--refresh"], ok_codes=(0, 1))
    except GitError as e:
        detail = e.msg.args.get("detail", "")
        raise GitError(msg("submit.undo_failed", branch=branch, detail=detail)) from e


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
