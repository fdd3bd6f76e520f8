"""Gitea's REST API (``/api/v1``): pull requests, their reviews and their push timeline."""

from __future__ import annotations

import json

from hsdt.hosts.github import GitHubClient, pull_from_json, review_from_json
from hsdt.hosts.http import JsonApi, Transport
from hsdt.hosts.model import HostPull, HostPushComment, HostReview, parse_time


class GiteaClient(GitHubClient):
    """The few Gitea calls hsdt makes; ``base_url`` ends with ``/api/v1``. Creating and reading
    a pull request have GitHub's shape (inherited); reviews page differently and can be
    dismissed, and the pull request of a commit has its own endpoint."""

    def __init__(self, base_url: str, token: str | None, transport: Transport | None = None):
        JsonApi.__init__(self, base_url, token, transport)

    PAGE_PARAM = "limit"
    PAGE_SIZE = 50

    def auth_header(self) -> tuple[str, str] | None:
        """Gitea's ``Authorization: token …``."""
        return JsonApi.auth_header(self)

    def reviews(self, repo: str, number: int) -> list[HostReview]:
        """``GET /repos/{owner}/{repo}/pulls/{index}/reviews`` (every page; dismissed reviews
        left out)."""
        items = self.listing(f"repos/{repo}/pulls/{number}/reviews")
        return [review_from_json(item) for item in items if not item.get("dismissed")]

    def issue_comments(self, repo: str, number: int) -> list[str]:
        """``GET /repos/{owner}/{repo}/issues/{index}/comments``: the bodies (Gitea answers
        them all at once)."""
        return [str(item.get("body") or "") for item in self.call(
            "GET", f"repos/{repo}/issues/{number}/comments")]  # fmt: skip

    def pulls_for_commit(self, repo: str, sha: str) -> list[HostPull]:
        """``GET /repos/{owner}/{repo}/commits/{sha}/pull`` (Gitea ≥ 1.22): the pull request a
        commit came from; none when Gitea knows none (404). Gitea may answer a pull request
        the commit merely belongs to: callers check ``merge_commit_sha``."""
        data = self.call("GET", f"repos/{repo}/commits/{sha}/pull", missing_ok=True)
        return [] if data is None else [pull_from_json(data)]

    def push_comments(self, repo: str, number: int) -> list[HostPushComment] | None:
        """``GET /repos/{owner}/{repo}/issues/{index}/timeline`` (every page): the ``pull_push``
        entries Gitea writes when commits reach an open pull request, oldest first. None when
        this Gitea has no timeline API (404)."""
        out: list[HostPushComment] = []
        page = 1
        while True:
            data = self.call(
                "GET",
                f"repos/{repo}/issues/{number}/timeline?limit=50&page={page}",
                missing_ok=True,
            )
            if data is None:
                return None
            for item in data:
                if item.get("type") != "pull_push":
                    continue
                at = parse_time(item.get("created_at"))
                try:
                    content = json.loads(item.get("body") or "{}")
                except ValueError:
                    continue
                ids = content.get("commit_ids") if isinstance(content, dict) else None
                if at is None or not isinstance(ids, list) or not ids:
                    continue
                force = bool(content.get("is_force_push"))
                out.append(HostPushComment(at, tuple(str(i) for i in ids), force))
            if len(data) < 50:
                return sorted(out, key=lambda c: c.at)
            page += 1
