"""The pull-request check's ``nhap-word`` job: a teacher with only a browser uploads .docx
files; the job imports them, shows the report, and commits records only to a branch of the
school's own repository, never to a fork's."""

from __future__ import annotations

import pytest

from tests.test_workflows_ci import SCHOOL, parse


@pytest.mark.parametrize("host", ["github", "gitea"])
def test_the_import_job_commits_only_for_the_schools_own_branches(host: str) -> None:
    data = parse(SCHOOL[f"release:.{host}/workflows/check-pr.yml"])
    assert data["permissions"]["contents"] == "read"  # the other jobs stay read-only
    job = data["jobs"]["nhap-word"]
    comments = {"issues": "write", "pull-requests": "write"} if host == "gitea" else {}
    assert job["permissions"] == {"contents": "write", **comments}
    assert job["if"] == "github.event_name == 'pull_request'"
    by_name = {s.get("name", s.get("run", s.get("uses"))): s for s in job["steps"]}
    checkout = job["steps"][0]
    assert checkout["uses"] == "actions/checkout@v4"
    assert checkout["with"]["persist-credentials"] is False  # the token only at the push
    assert checkout["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    installs = [s["run"] for s in job["steps"] if "pip install" in s.get("run", "")]
    assert installs == ['python -m pip install --quiet "hsdt[import]==0.1.0"']
    run = next(s for n, s in by_name.items() if n.startswith("Nhập tệp Word"))
    assert 'hsdt import --account "$ACCOUNT"' in run["run"]
    assert run["env"] == {"ACCOUNT": "${{ github.event.pull_request.user.login }}"}
    report = [s for n, s in by_name.items() if n.startswith("Đăng báo cáo nhập")]
    if host == "github":
        assert '>> "$GITHUB_STEP_SUMMARY"' in run["run"]
        assert report == []
    else:  # Gitea shows no job summary: the report becomes a comment on the pull request
        assert report[0]["run"] == (
            'hsdt ci import-report --host gitea --file "$RUNNER_TEMP/bao-cao.txt"'
        )
        assert report[0]["env"] == {
            "HSDT_GIT_URL": "${{ github.server_url }}/api/v1",
            "HSDT_GIT_TOKEN": "${{ github.token }}",
        }
    commit = next(s for n, s in by_name.items() if n.startswith("Commit hồ sơ"))
    assert commit["if"] == (
        "steps.docx.outputs.found == 'true' && "
        "github.event.pull_request.head.repo.full_name == github.repository"
    )
    assert "TOKEN" in commit["env"]
    assert "git push" in commit["run"]
    assert "--force" not in commit["run"]
    # the token reaches no step that reads the documents (only the push and the comment)
    for step in job["steps"]:
        if step is not commit and step not in report:
            assert "github.token" not in str(step.get("env", {}))
