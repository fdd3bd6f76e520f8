"""End to end on a real bare repository with the hooks installed (issue 5): submissions on
time and late by receive time, another teacher's file, a client-hook bypass, send-back and
resubmission, approvals by signed merges, and every forbidden way into main."""

from __future__ import annotations

from pathlib import Path

import pytest

from hsdt.git.notes import read_notes
from hsdt.load.profile import load_school
from hsdt.scaffold import new_record
from hsdt.workflow.approve import approve
from tests.gitworld import Person, World
from tests.samples import LESSON_REL, demo_week_text, lesson_text, lesson_with

BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
ON_TIME = "2025-10-12T20:00:00+07:00"
LATE_REL = (
    "records/2025-2026/to-tieu-hoc/gv-th-03/khbd-tieu-hoc/2025-10-15-bai-doc-ngay-hoi-doc-sach.md"
)


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def submit_lesson(world: World) -> Person:
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    done = teacher.commit_push(
        BRANCH, [LESSON_REL], when="2025-10-12T19:00:00+07:00", received=ON_TIME
    )
    assert done.returncode == 0, done.stderr
    return teacher


def do_approve(
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    who: str,
    branch: str,
    received: str,
    reason: str | None = None,
) -> str:
    person = world.person(who)
    monkeypatch.setenv("HSDT_RECEIVE_TIME", received)
    school = load_school(person.root)
    return approve(person.root, school, who, branch, reason=reason).kind


def test_on_time_submission_is_received_and_noted(world: World) -> None:
    submit_lesson(world)
    notes = read_notes(world.bare)
    assert len(notes) == 1
    (note,) = notes.values()
    assert note.received.isoformat() == ON_TIME
    assert note.paths == (LESSON_REL,)
    assert note.ref == f"refs/heads/{BRANCH}"
    assert note.pusher == "gv-toan-02"


def test_late_by_receive_time_although_the_commit_date_is_forged(world: World) -> None:
    teacher = world.person("gv-th-03")
    teacher.write(LATE_REL, demo_week_text(LATE_REL))
    done = teacher.commit_push(
        "nop/gv-th-03/khbd-tieu-hoc/2025-10-15-bai-doc",
        [LATE_REL],
        when="2025-10-10T08:00:00+07:00",
        received="2025-10-13T07:30:00+07:00",
    )
    assert done.returncode != 0
    assert f"remote: {LATE_REL}:9: [han-nop]" in done.stderr
    assert "2025-10-13 07:30 (+07:00)" in done.stderr
    assert "máy chủ từ chối lần đẩy này" in done.stderr
    assert read_notes(world.bare) == {}


def test_touching_another_teachers_file_is_refused(world: World) -> None:
    intruder = world.person("gv-toan-03")
    intruder.write(LESSON_REL, lesson_text())
    done = intruder.commit_push(
        "nop/gv-toan-03/khbd-trung-hoc/phan-so",
        [LESSON_REL],
        when="2025-10-12T19:00:00+07:00",
        received=ON_TIME,
    )
    assert done.returncode != 0
    assert (
        f"remote: {LESSON_REL}: [chu-ho-so] gv-toan-03 không được sửa hồ sơ của giáo viên gv-toan-02"
        in done.stderr
    )


def test_branch_of_someone_else_and_unknown_refs_are_refused(world: World) -> None:
    teacher = world.person("gv-toan-03")
    teacher.write(LESSON_REL, lesson_text())
    done = teacher.commit_push(
        "nop/gv-toan-02/khbd-trung-hoc/x", [LESSON_REL], when=ON_TIME, received=ON_TIME
    )
    assert "[tac-gia] nhánh nộp này của gv-toan-02" in done.stderr
    done = teacher.push("HEAD:refs/heads/feature", received=ON_TIME)
    assert "[nhanh] chỉ nhận nhánh main" in done.stderr
    done = teacher.push("HEAD:refs/notes/hsdt/received", received=ON_TIME)
    assert "[ghi-chu]" in done.stderr


def test_client_hook_bypass_is_caught_by_the_server(world: World) -> None:
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_with(ngay_day="2025-02-30"))
    done = teacher.commit_push(BRANCH, [LESSON_REL], when=ON_TIME, received=ON_TIME)
    assert done.returncode != 0
    assert f"remote: {LESSON_REL}:9: [ngay-day]" in done.stderr


def test_send_back_resubmit_late_and_approve(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    teacher = submit_lesson(world)
    kind = do_approve(
        world,
        monkeypatch,
        "gv-toan-01",
        BRANCH,
        "2025-10-13T09:00:00+07:00",
        reason="Bổ sung phần Vận dụng",
    )
    assert kind == "changes"
    teacher.git("pull", "-q", "--ff-only", "origin", BRANCH)
    teacher.write(LESSON_REL, lesson_text().replace("## I. Mục tiêu", "## I. Mục tiêu\n\nBổ sung."))
    # Resubmitted after the deadline (13/10 23:59): judged by the first submission (12/10).
    done = teacher.commit_push(
        BRANCH, [LESSON_REL], when="2025-10-14T08:00:00+07:00", received="2025-10-14T08:00:00+07:00"
    )
    assert done.returncode == 0, done.stderr
    kind = do_approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-14T10:00:00+07:00")
    assert kind == "merge"
    log = world.server_git("log", "-1", "--format=%P%n%(trailers:only)", "main")
    assert len(log.split("\n")[0].split()) == 2
    assert "Hsdt-Approved-By: gv-toan-01" in log
    assert "Hsdt-Role: to_truong" in log
    assert LESSON_REL in world.server_git("ls-tree", "-r", "--name-only", "main")


def _forged_merge(world: World, signer: str, approver: str, role: str, sign: bool = True) -> str:
    """A --no-ff merge of BRANCH into main made by ``signer`` claiming ``approver``."""
    person = world.person(signer)
    person.git("fetch", "-q", "origin")
    tree = person.git(
        "merge-tree", "--write-tree", "origin/main", f"origin/{BRANCH}"
    ).stdout.split()[0]
    message = f"Duyệt\n\nHsdt-Approved-By: {approver}\nHsdt-Role: {role}\n"
    args = [
        "-c",
        "gpg.format=ssh",
        "commit-tree",
        *(["-S"] if sign else []),
        tree,
        "-p",
        "origin/main",
        "-p",
        f"origin/{BRANCH}",
        "-m",
        message,
    ]
    sha = person.git(*args).stdout.strip()
    done = person.push(f"{sha}:refs/heads/main", received="2025-10-13T09:00:00+07:00")
    assert done.returncode != 0, done.stderr
    return done.stderr


def test_forbidden_merges_into_main(world: World) -> None:
    submit_lesson(world)
    err = _forged_merge(world, "gv-toan-01", "gv-toan-01", "to_truong", sign=False)
    assert "[chu-ky-ssh] commit duyệt của gv-toan-01 chưa ký SSH" in err
    err = _forged_merge(world, "gv-toan-03", "gv-toan-03", "to_truong")
    assert "[chuoi-duyet] chưa đủ chuỗi duyệt (0/1 bước)" in err
    assert "gv-toan-03 không giữ vai trò to_truong, to_pho, nhom_truong của tổ 'to-khtn'" in err
    err = _forged_merge(world, "gv-van-01", "gv-van-01", "to_truong")
    assert "gv-van-01 không giữ vai trò to_truong, to_pho, nhom_truong của tổ 'to-khtn'" in err
    err = _forged_merge(world, "gv-toan-03", "gv-toan-01", "to_truong")
    assert "[chu-ky-ssh] commit ghi người duyệt gv-toan-01 nhưng được ký bằng khóa của" in err
    author = world.person("gv-toan-02")
    author.git("fetch", "-q")
    done = author.push(f"origin/{BRANCH}:refs/heads/main", received=ON_TIME)
    assert "[duyet] main chỉ nhận commit gộp duyệt có chữ ký SSH" in done.stderr


def test_main_cannot_be_rewritten_or_deleted(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    submit_lesson(world)
    do_approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-13T09:00:00+07:00")
    admin = world.admin
    admin.git("fetch", "-q")
    done = admin.push("origin/main~1:refs/heads/main", received=ON_TIME, force=True)
    assert "[viet-lai] không được viết lại lịch sử main" in done.stderr
    done = admin.push(":refs/heads/main", received=ON_TIME)
    assert "[xoa-main] không được xóa nhánh main" in done.stderr
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    teacher.git("switch", "-q", "-c", "nop/gv-toan-02/khbd-trung-hoc/xoa", "origin/main")
    teacher.git("rm", "-q", LESSON_REL)
    teacher.git("commit", "-q", "-m", "xóa")
    done = teacher.push("nop/gv-toan-02/khbd-trung-hoc/xoa", received=ON_TIME)
    assert f"remote: {LESSON_REL}: [xoa] không được xóa" in done.stderr


def test_locked_record_changes_only_with_an_approved_correction(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    submit_lesson(world)
    do_approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-13T09:00:00+07:00")
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    fix = "nop/gv-toan-02/khbd-trung-hoc/sua-phan-so"
    teacher.git("switch", "-q", "-c", fix, "origin/main")
    teacher.write(
        LESSON_REL, lesson_text().replace("Phân số bằng nhau", "Hai phân số bằng nhau", 1)
    )
    january = "2026-01-20T08:00:00+07:00"
    done = teacher.commit_push(fix, [LESSON_REL], when=january, received=january)
    assert done.returncode != 0
    assert f"{LESSON_REL}:1: [khoa-so]" in done.stderr
    school = load_school(teacher.root)
    correction = new_record(
        teacher.root,
        school,
        "bien-ban-sua",
        {
            "ngay_lap": "2026-01-20",
            "tieu_de": "Sửa tên bài phân số",
            "nguoi_lap": "gv-toan-02",
            "ho_so_sua": LESSON_REL,
            "ly_do": "Tên bài chưa đúng",
            "nguoi_de_nghi": "gv-toan-02",
            "nguoi_cho_phep": "ht-01",
            "nguoi_chung_kien": "pht-01,gv-toan-02",
        },
    )
    rel = correction.relative_to(teacher.root).as_posix()
    done = teacher.commit_push(fix, [rel, LESSON_REL], when=january, received=january)
    assert done.returncode == 0, done.stderr
    # The group head checks the lesson; the principal's approval of the correction completes it.
    assert (
        do_approve(world, monkeypatch, "gv-toan-01", fix, "2026-01-20T09:00:00+07:00") == "review"
    )
    head_only = _forged_merge_after_review(world, fix)
    assert "[chuoi-duyet]" in head_only
    assert do_approve(world, monkeypatch, "ht-01", fix, "2026-01-20T10:00:00+07:00") == "merge"


def _forged_merge_after_review(world: World, branch: str) -> str:
    head = world.person("gv-toan-01")
    head.git("fetch", "-q", "origin")
    tree = head.git("merge-tree", "--write-tree", "origin/main", f"origin/{branch}").stdout.split()[
        0
    ]
    message = "Duyệt\n\nHsdt-Approved-By: gv-toan-01\nHsdt-Role: to_truong\n"
    sha = head.git(
        "-c",
        "gpg.format=ssh",
        "commit-tree",
        "-S",
        tree,
        "-p",
        "origin/main",
        "-p",
        f"origin/{branch}",
        "-m",
        message,
    ).stdout.strip()
    done = head.push(f"{sha}:refs/heads/main", received="2026-01-20T09:30:00+07:00")
    assert done.returncode != 0
    return done.stderr


def test_no_resubmission_when_the_rules_say_so(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    principal = world.person("ht-01")
    branch = "nop/ht-01/quy-che/khong-nop-lai"
    principal.git("switch", "-q", "-c", branch, "origin/main")
    rules = principal.root / "schools" / "le-khac-can" / "quy-che.yml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("nop_lai: true          #", "nop_lai: false         #"), "utf-8")
    principal.git("commit", "-qam", "Không cho nộp lại")
    assert principal.push(branch, received="2025-10-01T09:00:00+07:00").returncode == 0
    assert do_approve(world, monkeypatch, "ht-01", branch, "2025-10-01T10:00:00+07:00") == "merge"
    teacher = submit_lesson(world)
    do_approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-13T09:00:00+07:00", reason="Sửa")
    teacher.git("pull", "-q", "--ff-only", "origin", BRANCH)
    teacher.write(LESSON_REL, lesson_text() + "\nSửa.\n")
    done = teacher.commit_push(
        BRANCH, [LESSON_REL], when=ON_TIME, received="2025-10-13T10:00:00+07:00"
    )
    assert f"remote: {LESSON_REL}: [nop-lai] quy chế không cho nộp lại" in done.stderr


def test_a_teacher_cannot_propose_rule_changes(world: World) -> None:
    teacher = world.person("gv-toan-02")
    rules = "schools/le-khac-can/quy-che.yml"
    teacher.git("switch", "-q", "-c", "nop/gv-toan-02/quy-che/han", "origin/main")
    text = (teacher.root / rules).read_text(encoding="utf-8")
    teacher.write(rules, text.replace("so_ngay: 3}", "so_ngay: 0}"))
    done = teacher.commit_push(
        "nop/gv-toan-02/quy-che/han", [rules], when=ON_TIME, received=ON_TIME
    )
    assert f"remote: {rules}: [ngoai-ho-so] '{rules}' nằm ngoài records/" in done.stderr


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
LESSON_IMAGE = LESSON_REL.removesuffix(".md") + "-hinh/hinh-01.png"


def test_a_teacher_submits_her_record_with_its_pictures_beside_it(world: World) -> None:
    teacher = world.person("gv-toan-02")
    teacher.write(
        LESSON_REL, lesson_text() + "\n![Hình 1](2025-10-16-phan-so-bang-nhau-hinh/hinh-01.png)\n"
    )
    picture = teacher.root / LESSON_IMAGE
    picture.parent.mkdir(parents=True)
    picture.write_bytes(PNG)
    done = teacher.commit_push(BRANCH, [LESSON_REL, LESSON_IMAGE], when=ON_TIME, received=ON_TIME)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("rel", "rule"),
    [
        # a picture beside another teacher's record is that teacher's
        (
            "records/2025-2026/to-khtn/gv-toan-01/khbd-trung-hoc/2025-10-16-bai-hinh/hinh-01.png",
            "chu-ho-so",
        ),
        # SVG can carry scripts: never a record's picture
        (LESSON_REL.removesuffix(".md") + "-hinh/hinh-01.svg", "ngoai-ho-so"),
        # a picture loose in the teacher's folder belongs to no record
        ("records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/hinh-01.png", "ngoai-ho-so"),
    ],
)
def test_pictures_outside_the_teachers_own_records_are_refused(
    world: World, rel: str, rule: str
) -> None:
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    picture = teacher.root / rel
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_bytes(PNG)
    done = teacher.commit_push(BRANCH, [LESSON_REL, rel], when=ON_TIME, received=ON_TIME)
    assert done.returncode != 0
    assert f"remote: {rel}: [{rule}]" in done.stderr
