"""GitHub's REST API: pull requests, their reviews and the workflow runs of their pushes."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from hsdt.hosts.http import JsonApi, Transport
from hsdt.hosts.model import HostPull, HostPush, HostReview, parse_time

GITHUB_API = "https://api.github.com"


class GitHubClient(JsonApi):
    """The few GitHub calls hsdt makes."""

    def __init__(
        self, token: str | None, base_url: str = GITHUB_API, transport: Transport | None = None
    ) -> None:
        super().__init__(base_url, token, transport)

    PAGE_PARAM = "per_page"
    """The query parameter of a page's size."""
    PAGE_SIZE = 100
    """The largest page the host answers."""

    def auth_header(self) -> tuple[str, str] | None:
        return ("Authorization", f"Bearer {self.token}") if self.token else None

    def listing(self, path: str) -> list[Any]:
        """``GET path`` page after page, every item (a short page is the last)."""
        out: list[Any] = []
        sep = "&" if "?" in path else "?"
        page = 1
        while True:
            data = self.call("GET", f"{path}{sep}{self.PAGE_PARAM}={self.PAGE_SIZE}&page={page}")
            out.extend(data)
            if len(data) < self.PAGE_SIZE:
                return out
            page += 1

    def create_pull(self, repo: str, head: str, base: str, title: str, body: str) -> HostPull:
        """``POST /repos/{owner}/{repo}/pulls``."""
        data = self.call(
            "POST",
            f"repos/{repo}/pulls",
            {"title": title, "head": head, "base": base, "body": body},
        )
        return pull_from_json(data)

    def pull(self, repo: str, number: int) -> HostPull:
        """``GET /repos/{owner}/{repo}/pulls/{number}``."""
        return pull_from_json(self.call("GET", f"repos/{repo}/pulls/{number}"))

    def open_pulls(self, repo: str) -> list[HostPull]:
        """``GET /repos/{owner}/{repo}/pulls?state=open`` (every page)."""
        return [pull_from_json(item) for item in self.listing(f"repos/{repo}/pulls?state=open")]

    def reviews(self, repo: str, number: int) -> list[HostReview]:
        """``GET /repos/{owner}/{repo}/pulls/{number}/reviews`` (every page)."""
        items = self.listing(f"repos/{repo}/pulls/{number}/reviews")
        return [review_from_json(item) for item in items]

    def issue_comments(self, repo: str, number: int) -> list[str]:
        """``GET /repos/{owner}/{repo}/issues/{number}/comments`` (every page): the bodies."""
        items = self.listing(f"repos/{repo}/issues/{number}/comments")
        return [str(item.get("body") or "") for item in items]

    def create_comment(self, repo: str, number: int, body: str) -> None:
        """``POST /repos/{owner}/{repo}/issues/{number}/comments`` (a pull request is an issue
        to both GitHub and Gitea)."""
        self.call("POST", f"repos/{repo}/issues/{number}/comments", {"body": body})

    def pulls_for_commit(self, repo: str, sha: str) -> list[HostPull]:
        """``GET /repos/{owner}/{repo}/commits/{sha}/pulls``: the pull request a merged commit
        came from."""
        return [
            pull_from_json(item) for item in self.call("GET", f"repos/{repo}/commits/{sha}/pulls")
        ]

    def pull_pushes(self, repo: str, head_ref: str) -> list[HostPush]:
        """``GET /repos/{owner}/{repo}/actions/runs?event=pull_request&branch=…`` (every page):
        each run's ``head_sha`` at its ``created_at``, the time GitHub created the run for the
        push that brought that head (the runs' ``head_commit.timestamp`` is the commit's own,
        forgeable date and is not read)."""
        out: list[HostPush] = []
        page = 1
        branch = quote(head_ref, safe="")
        while True:
            data = self.call(
                "GET",
                f"repos/{repo}/actions/runs?event=pull_request&branch={branch}"
                f"&per_page=100&page={page}",
            )
            runs = data.get("workflow_runs") or []
            for run in runs:
                at = parse_time(run.get("created_at"))
                sha = str(run.get("head_sha") or "")
                if at is not None and sha:
                    out.append(HostPush(sha, at))
            if len(runs) < 100 or page * 100 >= int(data.get("total_count") or 0):
                return out
            page += 1


def pull_from_json(data: dict[str, Any]) -> HostPull:
    """A pull request object (GitHub and Gitea share these fields)."""
    created = parse_time(data.get("created_at"))
    assert created is not None, "a pull request always has created_at"
    return HostPull(
        number=int(data["number"]),
        author=str(data["user"]["login"]),
        created_at=created,
        merged_at=parse_time(data.get("merged_at")),
        head_sha=str(data["head"]["sha"]),
        url=str(data.get("html_url") or data.get("url") or ""),
        merge_commit_sha=str(data.get("merge_commit_sha") or ""),
        head_ref=str(data["head"].get("ref") or ""),
    )


def review_from_json(data: dict[str, Any]) -> HostReview:
    """A review object (GitHub and Gitea share these fields)."""
    return HostReview(
        user=str((data.get("user") or {}).get("login", "")),
        state=str(data.get("state", "")),
        submitted_at=parse_time(data.get("submitted_at")),
        commit_id=str(data.get("commit_id", "")),
        url=str(data.get("html_url", "") or data.get("id", "")),
        body=str(data.get("body") or ""),
    )
