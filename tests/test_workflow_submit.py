"""``hsdt submit`` against a real bare repository with the hooks: a submission the server
refuses leaves nothing behind in the teacher's clone, says the server's reason, and the same
command works once the record is fixed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.gitworld import Person, World
from tests.samples import demo_week_text
from tests.test_workflow_e2e import LATE_REL

FIXED_REL = LATE_REL.replace("2025-10-15", "2025-10-22")


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def as_teacher(person: Person, monkeypatch: pytest.MonkeyPatch, received: str) -> None:
    """The CLI runs in this process: the teacher's identity, and the server's receive time."""
    for key, value in person.env("2025-10-13T07:00:00+07:00", received).items():
        if key.startswith(("GIT_", "HSDT_")):
            monkeypatch.setenv(key, value)


def test_refused_submission_is_undone_then_fixed_and_resubmitted(
    world: World, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    teacher = world.person("gv-th-03")
    late = demo_week_text(LATE_REL)
    teacher.write(LATE_REL, late)
    (teacher.root / "ghi-chu.txt").write_text("việc riêng, chưa nộp\n", encoding="utf-8")
    teacher.git("add", "ghi-chu.txt")  # something staged that is not part of the submission
    head = teacher.git("rev-parse", "HEAD").stdout
    status = teacher.git("status", "--porcelain", "--untracked-files=all").stdout
    branches = teacher.git("branch", "--list").stdout

    as_teacher(teacher, monkeypatch, "2025-10-13T07:30:00+07:00")  # too late for 15/10
    refused = cli("submit", LATE_REL, cwd=teacher.root)
    assert refused.code == 1
    assert refused.err.startswith("hsdt: máy chủ không nhận bản nộp:\n")
    assert f"remote: {LATE_REL}:9: [han-nop]" in refused.err
    assert "2025-10-13 07:30 (+07:00)" in refused.err
    assert "máy chủ từ chối lần đẩy này" in refused.err
    assert " \n" not in refused.err  # git's padding of the remote lines is trimmed
    assert refused.err.rstrip().endswith(
        "Bản nộp đã được gỡ khỏi máy (không còn commit nộp), các thay đổi vẫn còn nguyên chưa "
        "commit: sửa hồ sơ rồi chạy lại hsdt submit."
    )
    # Nothing left behind: same branch, same commit, same index and working tree.
    assert teacher.git("branch", "--show-current").stdout.strip() == "main"
    assert teacher.git("rev-parse", "HEAD").stdout == head
    assert teacher.git("branch", "--list").stdout == branches
    assert teacher.git("status", "--porcelain", "--untracked-files=all").stdout == status
    assert (teacher.root / LATE_REL).read_text(encoding="utf-8") == late
    assert "nop/gv-th-03" not in world.server_git("branch", "--list")

    # Running it again unchanged gives the same refusal, not a git error about the commit.
    again = cli("submit", LATE_REL, cwd=teacher.root)
    assert again.code == 1
    assert "[han-nop]" in again.err
    assert "git commit" not in again.err
    assert teacher.git("rev-parse", "HEAD").stdout == head

    # The teacher moves the lesson to next week; the same command now goes through.
    (teacher.root / LATE_REL).unlink()
    teacher.write(
        FIXED_REL,
        late.replace("ngay_day: 2025-10-15", "ngay_day: 2025-10-22").replace("tuan: 6", "tuan: 7"),
    )
    done = cli("submit", FIXED_REL, cwd=teacher.root)
    assert done.code == 0, done.err
    branch = "nop/gv-th-03/khbd-tieu-hoc/2025-10-22-bai-doc-ngay-hoi-doc-sach"
    assert done.out.strip() == f"đã nộp 1 hồ sơ trên nhánh {branch}"
    assert world.server_git("ls-tree", "-r", "--name-only", branch).count(FIXED_REL) == 1
    log = teacher.git("log", "--format=%s", "main..HEAD").stdout.split("\n")
    assert log[0] == "Nộp: 2025-10-22-bai-doc-ngay-hoi-doc-sach"
    # The staged note stayed out of the submission, staged as the teacher left it.
    assert "A  ghi-chu.txt" in teacher.git("status", "--porcelain").stdout


def test_git_reason_on_stdout_is_shown(tmp_path: Path) -> None:
    from hsdt.errors import GitError
    from hsdt.git.run import git_text
    from tests.conftest import git

    git(tmp_path, "init", "-q", "-b", "main")
    with pytest.raises(GitError) as caught:
        git_text(tmp_path, ["commit", "-q", "-m", "x"])
    assert "nothing to commit" in caught.value.render()
