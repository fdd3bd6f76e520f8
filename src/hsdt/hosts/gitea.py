"""Gitea's REST API (``/api/v1``): pull requests and their reviews."""

from __future__ import annotations

from hsdt.hosts.github import pull_from_json, review_from_json
from hsdt.hosts.http import JsonApi
from hsdt.hosts.model import HostPull, HostReview


class GiteaClient(JsonApi):
    """The few Gitea calls hsdt makes; ``base_url`` ends with ``/api/v1``."""

    def create_pull(self, repo: str, head: str, base: str, title: str, body: str) -> HostPull:
        """``POST /repos/{owner}/{repo}/pulls``."""
        data = self.call(
            "POST",
            f"repos/{repo}/pulls",
            {"title": title, "head": head, "base": base, "body": body},
        )
        return pull_from_json(data)

    def pull(self, repo: str, number: int) -> HostPull:
        """``GET /repos/{owner}/{repo}/pulls/{index}``."""
        return pull_from_json(self.call("GET", f"repos/{repo}/pulls/{number}"))

    def reviews(self, repo: str, number: int) -> list[HostReview]:
        """``GET /repos/{owner}/{repo}/pulls/{index}/reviews``."""
        out: list[HostReview] = []
        page = 1
        while True:
            data = self.call("GET", f"repos/{repo}/pulls/{number}/reviews?limit=50&page={page}")
            out.extend(review_from_json(item) for item in data if not item.get("dismissed"))
            if len(data) < 50:
                return out
            page += 1

    def pulls_for_commit(self, repo: str, sha: str) -> list[HostPull]:
        """``GET /repos/{owner}/{repo}/commits/{sha}/pull``: the pull request a commit came from."""
        return [pull_from_json(self.call("GET", f"repos/{repo}/commits/{sha}/pull"))]
