"""Witnesses who witness (issue 14; seed 000 Điều 7.5, seed 002 Điều 11.3): each witness a
correction record names confirms it with their own signed approval before the principal's
approval merge reaches main; a class teacher named must head the record's class."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.check import check_paths
from hsdt.errors import UsageError
from hsdt.load.profile import load_school
from hsdt.model.record import Record
from hsdt.model.timeutil import VN_TZ
from hsdt.scaffold import new_record
from hsdt.workflow.approve import approve
from hsdt.workflow.evidence import Review, Source, Verdict
from hsdt.workflow.witness import named_witnesses, unconfirmed
from tests.gitworld import Person, World
from tests.pushattack import snapshot
from tests.samples import LESSON_REL, lesson_text

BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
FIX = "nop/gv-toan-02/khbd-trung-hoc/sua-phan-so"
ON_TIME = "2025-10-12T20:00:00+07:00"
JANUARY = "2026-01-20T08:00:00+07:00"
CORRECTION = {
    "ngay_lap": "2026-01-20",
    "tieu_de": "Sửa tên bài phân số",
    "nguoi_lap": "gv-toan-02",
    "ho_so_sua": LESSON_REL,
    "ly_do": "Tên bài chưa đúng",
    "nguoi_de_nghi": "gv-toan-02",
    "nguoi_cho_phep": "ht-01",
    "nguoi_chung_kien": "pht-01,gv-toan-02",
    "gvcn": "gv-toan-03",
    "lop": "6A1",
}


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(VN_TZ)


# --- the roster and the record ---------------------------------------------------------------


def test_the_roster_names_the_class_teachers(make_school: Callable[..., Path]) -> None:
    school = load_school(make_school("le-khac-can"))
    assert school.staff["gv-toan-03"].homeroom == ("6A1",)
    assert school.staff["gv-toan-02"].homeroom == ()
    mnhm = load_school(make_school("mam-non-hm"))
    heads = sorted(s.id for s in mnhm.staff.values() if "Lớp mẫu giáo 4-5 tuổi B1" in s.homeroom)
    assert heads == ["gv-mg-03", "gv-mg-04"]  # two teachers share a preschool class


def _check_correction(root: Path, **changes: str | None) -> list[str]:
    school = load_school(root)
    pairs = {k: v for k, v in {**CORRECTION, **changes}.items() if v is not None}
    path = new_record(root, school, "bien-ban-sua", pairs)
    report = check_paths(root, [path], at=moment(JANUARY))
    return [p.render() for p in report.problems if p.rule == "bien-ban-sua"]


def test_a_class_teacher_named_must_head_the_class(make_school: Callable[..., Path]) -> None:
    root = make_school("le-khac-can")
    assert _check_correction(root) == []
    wrong = _check_correction(root, gvcn="gv-toan-02", tieu_de="Sửa lần hai")
    rel = "records/2025-2026/truong/bien-ban-sua/2026-01-20-sua-lan-hai.md"
    assert wrong == [
        f"{rel}:15: [bien-ban-sua] 'gv-toan-02' không phải giáo viên chủ nhiệm lớp '6A1' (theo"
        " nhan_su.chu_nhiem; chủ nhiệm lớp này: gv-toan-03)"
    ]
    no_class = _check_correction(root, lop=None, tieu_de="Sửa lần ba")
    rel = "records/2025-2026/truong/bien-ban-sua/2026-01-20-sua-lan-ba.md"
    assert no_class == [
        f"{rel}:15: [bien-ban-sua] ghi gvcn thì phải ghi lop: lớp có dữ liệu được sửa, mà gvcn là"
        " giáo viên chủ nhiệm"
    ]


def test_confirmations_before_a_send_back_do_not_count() -> None:
    record = Record(
        "records/2025-2026/truong/bien-ban-sua/x.md",
        "bien-ban-sua",
        {"nguoi_chung_kien": ["pht-01", "vt-01"], "gvcn": "gv-toan-03"},
        {},
        "",
        1,
        (),
    )
    assert named_witnesses(record) == ("pht-01", "vt-01", "gv-toan-03")

    def review(who: str, verdict: Verdict = Verdict.APPROVED) -> Review:
        return Review(who, None, verdict, moment(JANUARY), "c0ffee", Source.SSH_REVIEW, who)

    both = [review("pht-01"), review("vt-01"), review("gv-toan-03")]
    assert unconfirmed(record, both) == ()
    sent_back = [*both, review("ht-01", Verdict.CHANGES), review("vt-01")]
    assert unconfirmed(record, sent_back) == ("pht-01", "gv-toan-03")


# --- through a hooked bare repository --------------------------------------------------------


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    hooktmp = tmp_path / "hooktmp"
    hooktmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(hooktmp))
    return World(tmp_path)


def _approve(world: World, monkeypatch: pytest.MonkeyPatch, who: str, branch: str, at: str) -> str:
    person = world.person(who)
    monkeypatch.setenv("HSDT_RECEIVE_TIME", at)
    return approve(person.root, load_school(person.root), who, branch).kind


def _correction(
    world: World, monkeypatch: pytest.MonkeyPatch, **changes: str
) -> tuple[Person, subprocess.CompletedProcess[str]]:
    """The lesson approved in October; in January (after the lock) gv-toan-02 pushes a fix of
    it with its correction record."""
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    assert teacher.commit_push(BRANCH, [LESSON_REL], when=ON_TIME, received=ON_TIME).returncode == 0
    assert _approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-13T09:00:00+07:00") == (
        "merge"
    )
    teacher.git("fetch", "-q")
    teacher.git("switch", "-q", "-c", FIX, "origin/main")
    teacher.write(
        LESSON_REL, lesson_text().replace("Phân số bằng nhau", "Hai phân số bằng nhau", 1)
    )
    school = load_school(teacher.root)
    path = new_record(teacher.root, school, "bien-ban-sua", {**CORRECTION, **changes})
    rel = path.relative_to(teacher.root).as_posix()
    return teacher, teacher.commit_push(FIX, [rel, LESSON_REL], when=JANUARY, received=JANUARY)


def _principal_merge(world: World) -> subprocess.CompletedProcess[str]:
    """The principal's own signed approval merge of the fix, made without hsdt approve."""
    principal = world.person("ht-01")
    principal.git("fetch", "-q")
    tree = principal.git("merge-tree", "--write-tree", "origin/main", f"origin/{FIX}").stdout
    message = "Duyệt\n\nHsdt-Approved-By: ht-01\nHsdt-Role: hieu_truong\n"
    sha = principal.git(
        "-c", "gpg.format=ssh", "commit-tree", "-S", tree.split()[0], "-p", "origin/main",
        "-p", f"origin/{FIX}", "-m", message,
    ).stdout.strip()  # fmt: skip
    return principal.push(f"{sha}:refs/heads/main", received="2026-01-20T11:00:00+07:00")


def test_the_principal_approves_only_after_every_witness_confirmed(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _teacher, done = _correction(world, monkeypatch)
    assert done.returncode == 0, done.stderr
    assert _approve(world, monkeypatch, "gv-toan-01", FIX, "2026-01-20T09:00:00+07:00") == "review"
    with pytest.raises(UsageError) as caught:
        _approve(world, monkeypatch, "ht-01", FIX, "2026-01-20T09:10:00+07:00")
    assert caught.value.render() == (
        "chưa duyệt được: người chứng kiến chưa xác nhận biên bản sửa dữ liệu: gv-toan-02,"
        " gv-toan-03, pht-01 (mỗi người chạy 'hsdt approve' trên nhánh này trước)"
    )
    # Skipping hsdt approve does not help: the server refuses the merge and keeps nothing.
    before = snapshot(world)
    forced = _principal_merge(world)
    assert forced.returncode != 0
    assert snapshot(world) == before
    rel = "records/2025-2026/truong/bien-ban-sua/2026-01-20-sua-ten-bai-phan-so.md"
    assert (
        f"remote: {rel}: [chung-kien] biên bản sửa dữ liệu chưa được người chứng kiến xác nhận:"
        " pht-01, gv-toan-02, gv-toan-03 (mỗi người chạy 'hsdt approve' trên nhánh nộp, ký bằng"
        " khóa của mình)"
    ) in forced.stderr
    for witness in ("pht-01", "gv-toan-02", "gv-toan-03"):
        assert _approve(world, monkeypatch, witness, FIX, "2026-01-20T09:30:00+07:00") == "witness"
    assert _approve(world, monkeypatch, "ht-01", FIX, "2026-01-20T10:00:00+07:00") == "merge"
    assert rel in world.server_git("ls-tree", "-r", "--name-only", "main")


def test_a_confirmation_signed_by_someone_else_is_refused(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The requester signs a 'confirmation' in the class teacher's name with their own key."""
    teacher, done = _correction(world, monkeypatch)
    assert done.returncode == 0, done.stderr
    message = f"Chứng kiến\n\nHsdt-Approved-By: gv-toan-03\nHsdt-Commit: {teacher.git('rev-parse', 'HEAD').stdout.strip()}\n"
    sha = teacher.git(
        "-c", "gpg.format=ssh", "commit-tree", "-S", "HEAD^{tree}", "-p", "HEAD", "-m", message
    ).stdout.strip()  # fmt: skip
    before = snapshot(world)
    pushed = teacher.push(f"{sha}:refs/heads/{FIX}", received="2026-01-20T09:30:00+07:00")
    assert pushed.returncode != 0
    assert snapshot(world) == before
    assert "gv-toan-03" in pushed.stderr
    assert "[chu-ky-ssh]" in pushed.stderr or "[tac-gia]" in pushed.stderr


def test_a_witness_naming_someone_elses_class_is_refused_by_the_server(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _teacher, done = _correction(world, monkeypatch, gvcn="gv-toan-01")
    assert done.returncode != 0
    rel = "records/2025-2026/truong/bien-ban-sua/2026-01-20-sua-ten-bai-phan-so.md"
    assert (
        f"remote: {rel}:15: [bien-ban-sua] 'gv-toan-01' không phải giáo viên chủ nhiệm lớp '6A1'"
        " (theo nhan_su.chu_nhiem; chủ nhiệm lớp này: gv-toan-03)"
    ) in done.stderr


def test_on_a_git_host_the_witnesses_approve_the_pull_request(
    make_school: Callable[..., Path],
) -> None:
    """Through GitHub reviews: the group head (gv-toan-01) and the class teacher (gv-toan-03,
    whose review counts for no chain step) approved the current head; pht-01 has not, so the
    required check still waits for them."""
    from hsdt.hosts.ci import pending_confirmations
    from hsdt.hosts.github import GitHubClient
    from tests.test_hosts import HEAD, Recorder

    root = make_school("le-khac-can")
    school = load_school(root)
    path = new_record(root, school, "bien-ban-sua",
                      {**CORRECTION, "nguoi_chung_kien": "gv-toan-01,pht-01"})  # fmt: skip
    rel = path.relative_to(root).as_posix()
    reviews = GitHubClient("t", transport=Recorder({
        "GET https://api.github.com/repos/o/r/pulls/1/reviews?per_page=100&page=1":
            (200, "github/reviews.json"),
    })).reviews("o/r", 1)  # fmt: skip
    found = pending_confirmations(root, school, [rel], reviews, HEAD, Source.GITHUB_REVIEW)
    assert [(p, m.render()) for p, m in found] == [
        (rel, "chờ người chứng kiến xác nhận (mỗi người bấm Approve trên pull request): pht-01")
    ]  # fmt: skip
