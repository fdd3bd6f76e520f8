"""The Word import's report as a comment on the pull request, for hosts whose Actions show no
job summary (Gitea): the teacher who uploaded a .docx from the browser reads what was mapped and
what is missing where she opened the pull request.

The report quotes the teacher's own document (its headings, its unmapped lines), so it is
hostile text: it goes inside a code fence longer than any run of backticks in it (the document
cannot close the fence and inject Markdown, mentions or images), without control characters, and
bounded in size. A comment is posted once per content: a re-run of the same job finds the same
body among the pull request's comments and posts nothing.
"""

from __future__ import annotations

import re

from hsdt.hosts.github import GitHubClient

MAX_CHARS = 60_000
"""The report's longest part in a comment (the full report stays in the job's log)."""

MARKER = "<!-- hsdt-import-report -->"
"""Begins every report comment hsdt posts."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
"""Control characters and bidirectional overrides (which could make the text read otherwise
than it is); newlines and tabs stay."""


def report_comment(report: str, head_sha: str, title: str, cut_note: str) -> str:
    """The comment's body: :data:`MARKER`, ``title`` with the commit it judged, the report in a
    fence it cannot close; ``cut_note`` ends a report cut at :data:`MAX_CHARS`."""
    text = _CONTROL.sub("", report.replace("\r\n", "\n")).rstrip()
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rstrip() + "\n…\n" + cut_note
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{MARKER}\n## {title} (`{head_sha[:12]}`)\n\n{fence}text\n{text}\n{fence}\n"


def post_once(client: GitHubClient, repo: str, number: int, body: str) -> bool:
    """Post ``body`` on pull request ``number`` unless a comment with this exact body is there;
    True when it was posted."""
    if body.strip() in {c.strip() for c in client.issue_comments(repo, number)}:
        return False
    client.create_comment(repo, number, body)
    return True
