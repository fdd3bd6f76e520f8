"""``hsdt queue`` on a real bare repository with the hooks: a teacher's, a group head's and a
principal's queues at pinned moments, checked against what the records' histories say."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hsdt.errors import UsageError
from hsdt.load.profile import load_school
from hsdt.model.timeutil import VN_TZ
from hsdt.report.blobs import front_matter_values
from hsdt.report.expected import Status
from hsdt.report.history import EventKind, read_histories
from hsdt.report.queue import build_queue, identify
from hsdt.report.queue import duration as span_words
from hsdt.scaffold import new_record
from hsdt.workflow.publish import publish
from tests.conftest import Result
from tests.gitworld import Person, World
from tests.render_samples import sample_body
from tests.samples import LESSON_REL, demo_week_text
from tests.test_workflow_e2e import BRANCH, do_approve, submit_lesson

OTHER_REL = LESSON_REL.replace("2025-10-16-phan-so-bang-nhau", "2025-10-17-so-sanh-phan-so")
OTHER_BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-17-so-sanh-phan-so"
PLAN_REL = "records/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-6.md"
PLAN_BRANCH = "nop/gv-toan-01/kh-day-hoc-to/toan-khoi-6"
SCHEDULE_REL = "records/2025-2026/to-khtn/gv-toan-02/bao-giang/tuan-06.md"
MONDAY_10AM = datetime(2025, 10, 13, 10, 0, tzinfo=VN_TZ)
LEFT_ON_MONDAY = timedelta(days=2, hours=13, minutes=59, seconds=59)
"""From Monday 10:00 to the lesson's approval deadline, Wednesday 23:59:59."""
OVER_ON_THURSDAY = -timedelta(hours=10, seconds=1)
"""From that deadline to Thursday 10:00."""
TEACHERS = 8
"""Teachers (giao_vien of a group) in the le-khac-can roster: 3 + 2 + 3."""


def fetched(person: Person) -> Person:
    person.git("fetch", "-q", "origin")
    person.git("fetch", "-q", "origin", "+refs/notes/*:refs/notes/*")
    return person


def week_of_school(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Week 6 of 2025-2026 on the server, up to Monday 13/10 09:00:

    - gv-toan-02 submits two lessons (12/10 20:00, 20:05) and her weekly schedule for week 6
      (12/10 19:30, before its deadline: Sunday 23:59);
    - the group head gv-toan-01 sends the second lesson back (13/10 09:00);
    - gv-toan-01 submits the group's teaching plan for the principal (12/10 21:00).
    """
    teacher = submit_lesson(world)
    teacher.git("switch", "-q", "main")
    teacher.write(OTHER_REL, demo_week_text(OTHER_REL))
    done = teacher.commit_push(
        OTHER_BRANCH,
        [OTHER_REL],
        when="2025-10-12T19:00:00+07:00",
        received="2025-10-12T20:05:00+07:00",
    )
    assert done.returncode == 0, done.stderr
    teacher.git("switch", "-q", "main")
    school = load_school(teacher.root)
    schedule = new_record(
        teacher.root,
        school,
        "bao-giang",
        {
            "tieu_de": "Lịch báo giảng tuần 6",
            "tuan": "6",
            "giao_vien": "gv-toan-02",
            "to": "to-khtn",
            "tu_ngay": "2025-10-13",
            "den_ngay": "2025-10-18",
        },
    )
    rel = schedule.relative_to(teacher.root).as_posix()
    done = teacher.commit_push(
        "nop/gv-toan-02/bao-giang/tuan-06",
        [rel],
        when="2025-10-12T19:30:00+07:00",
        received="2025-10-12T19:30:00+07:00",
    )
    assert done.returncode == 0, done.stderr
    head = world.person("gv-toan-01")
    head.write(
        PLAN_REL,
        "---\nloai: kh-day-hoc-to\nnam_hoc: 2025-2026\n"
        "tieu_de: Kế hoạch dạy học môn Toán khối 6\nto: to-khtn\nnguoi_lap: gv-toan-01\n"
        "mon: Toán\nkhoi: Khối 6\n---\n\n" + sample_body(school.types["kh-day-hoc-to"]),
    )
    done = head.commit_push(
        PLAN_BRANCH,
        [PLAN_REL],
        when="2025-10-12T21:00:00+07:00",
        received="2025-10-12T21:00:00+07:00",
    )
    assert done.returncode == 0, done.stderr
    head.git("switch", "-q", "main")
    kind = do_approve(
        world,
        monkeypatch,
        "gv-toan-01",
        OTHER_BRANCH,
        "2025-10-13T09:00:00+07:00",
        reason="Thiếu phần Luyện tập",
    )
    assert kind == "changes"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    world = World(tmp_path)
    week_of_school(world, monkeypatch)
    return world


def test_queues_of_a_group_head_a_teacher_and_the_principal(world: World) -> None:
    head = fetched(world.person("gv-toan-01"))
    school = load_school(head.root)
    queue = build_queue(head.root, school, "gv-toan-01", MONDAY_10AM)
    # the schedule and the lesson wait for him, oldest first; the one he sent back and his
    # own plan (the principal's to approve) do not
    assert [a.path for a in queue.review] == [SCHEDULE_REL, LESSON_REL]
    schedule, item = queue.review
    assert schedule.due is None  # the rules set no approval deadline for schedules
    assert (item.branch, item.owner, item.step, item.steps) == (BRANCH, "gv-toan-02", 1, 1)
    assert item.roles == ("to_truong", "to_pho", "nhom_truong")
    # han_duyet: by the end of the day before the teaching day (16/10)
    assert item.due == datetime(2025, 10, 15, 23, 59, 59, tzinfo=VN_TZ)
    # two days and fourteen hours left (worded by test_the_queue_words_what_is_left)
    assert item.due - MONDAY_10AM == LEFT_ON_MONDAY
    # ... and it matches what the history says
    (history,) = read_histories(head.root, school, [LESSON_REL])
    assert item.submitted_at == history.events[0].at
    assert history.events[0].kind is EventKind.SUBMITTED
    assert queue.late is None  # not the leadership

    teacher = fetched(world.person("gv-toan-02"))
    mine = build_queue(teacher.root, school, "gv-toan-02", MONDAY_10AM)
    assert mine.review == ()  # the deputy may check lessons, but not her own
    (returned,) = mine.sent_back
    (other,) = read_histories(teacher.root, school, [OTHER_REL])
    back = next(e for e in other.events if e.kind is EventKind.SENT_BACK)
    assert (returned.path, returned.by, returned.at, returned.reason) == (
        OTHER_REL,
        back.who,
        back.at,
        back.reason,
    )
    assert (returned.by, returned.reason) == ("gv-toan-01", "Thiếu phần Luyện tập")
    schedules = [o for o in mine.owed if o.expected.type_id == "bao-giang"]
    assert [(o.expected.week, o.due, o.status) for o in schedules] == [
        (6, datetime(2025, 10, 12, 23, 59, 59, tzinfo=VN_TZ), Status.UNAPPROVED),
        (7, datetime(2025, 10, 19, 23, 59, 59, tzinfo=VN_TZ), Status.MISSING),
    ]
    lesson_types = {u.type_id for u in mine.unknown}
    assert {"khbd-trung-hoc", "bien-ban-hop-to"} <= lesson_types  # irregular: said, not guessed

    principal = fetched(world.person("ht-01"))
    leader = build_queue(principal.root, school, "ht-01", MONDAY_10AM)
    assert [a.path for a in leader.review] == [PLAN_REL]
    assert leader.review[0].roles == ("hieu_truong", "pho_hieu_truong")
    assert leader.review[0].due is None  # the rules set no approval deadline for it
    assert leader.late is not None
    # week 6's schedule was due Sunday 23:59: every teacher but gv-toan-02 is late with it
    assert (leader.late.approvals, leader.late.missing) == (0, TEACHERS - 1)
    # Thursday: the lesson's approval deadline (Wednesday 23:59) has passed
    thursday = MONDAY_10AM + timedelta(days=3)
    later = build_queue(principal.root, school, "ht-01", thursday)
    assert later.late is not None
    assert later.late.approvals == 1
    assert item.due - thursday == OVER_ON_THURSDAY


# How the queue words a fixed span (literal data: nothing is measured). The first two are the
# spans of the test above (Monday 10:00 to Wednesday 23:59; Thursday 10:00 past it).
WORDED = [
    (timedelta(days=2, hours=13, minutes=59, seconds=59), "còn 2 ngày 13 giờ"),
    (-timedelta(hours=10, seconds=1), "quá hạn 10 giờ 0 phút"),
]


@pytest.mark.parametrize(("span", "words"), WORDED)
def test_the_queue_words_a_span(span: timedelta, words: str) -> None:
    assert span_words(span).render() == words


def test_the_worded_spans_are_the_queue_s_own() -> None:
    assert [span for span, _words in WORDED] == [LEFT_ON_MONDAY, OVER_ON_THURSDAY]


def test_queue_after_approval_lists_the_places_to_sign(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    do_approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-13T11:00:00+07:00")
    schedule_branch = "nop/gv-toan-02/bao-giang/tuan-06"
    do_approve(world, monkeypatch, "gv-toan-01", schedule_branch, "2025-10-13T11:05:00+07:00")
    clerk = world.admin
    clerk.git("pull", "-q", "--ff-only", "origin", "main")
    publish(clerk.root, load_school(clerk.root))
    assert clerk.push("main", received="2025-10-13T12:00:00+07:00").returncode == 0
    school = load_school(clerk.root)
    teacher = fetched(world.person("gv-toan-02"))
    at = MONDAY_10AM + timedelta(hours=3)
    mine = build_queue(teacher.root, school, "gv-toan-02", at)
    assert [(s.path, s.place, s.next_in_turn) for s in mine.to_sign] == [
        (SCHEDULE_REL, "nguoi_lap", True),
        (LESSON_REL, "nguoi_lap", True),
    ]
    # the schedule is approved on main: published and waiting for her signature, so "chưa ký"
    week6 = next(o for o in mine.owed if o.expected.week == 6)
    assert (week6.status, week6.paths) == (Status.UNSIGNED, (SCHEDULE_REL,))
    principal = fetched(world.person("ht-01"))
    leader = build_queue(principal.root, school, "ht-01", at)
    assert leader.late is not None
    assert leader.late.missing == TEACHERS - 1
    head = fetched(world.person("gv-toan-01"))
    his = build_queue(head.root, school, "gv-toan-01", at)
    assert [(s.path, s.place, s.next_in_turn) for s in his.to_sign] == [
        (LESSON_REL, "to_truong", False)
    ]
    assert LESSON_REL not in [a.path for a in his.review]


def test_queue_cli_by_git_email_json_and_errors(world: World, cli: Callable[..., Result]) -> None:
    head = fetched(world.person("gv-toan-01"))
    done = cli("queue", "--at", "2025-10-13T10:00", cwd=head.root)
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0] == "Việc chờ Hoàng Văn Giả Định (gv-toan-01) lúc 2025-10-13 10:00 (+07:00)"
    assert lines[2] == "Chờ bạn duyệt (2), cũ nhất trước:"
    assert lines[3] == (
        f"  {SCHEDULE_REL} — gv-toan-02 nộp 2025-10-12 19:30 (+07:00); bước 1/1"
        " (tổ trưởng / tổ phó / nhóm trưởng); quy chế không đặt hạn duyệt"
    )
    assert lines[4] == (
        f"  {LESSON_REL} — gv-toan-02 nộp 2025-10-12 20:00 (+07:00); bước 1/1"
        " (tổ trưởng / tổ phó / nhóm trưởng); hạn 2025-10-15 23:59 (+07:00), còn 2 ngày 13 giờ"
    )
    assert "Bị trả về, cần sửa và nộp lại (0):" in lines
    done = cli("queue", "--as", "gv-toan-02", "--at", "2025-10-13T10:00", cwd=head.root)
    assert (
        f"  {OTHER_REL} — gv-toan-01 trả về lúc 2025-10-13 09:00 (+07:00), lý do: Thiếu phần"
        " Luyện tập"
    ) in done.out.splitlines()
    assert "  bao-giang tuần 7: hạn 2025-10-19 23:59 (+07:00), còn 6 ngày 13 giờ — chưa nộp" in (
        done.out.splitlines()
    )
    done = cli(
        "queue", "--as", "ht-01", "--at", "2025-10-13T10:00", "--format", "json", cwd=head.root
    )
    data = json.loads(done.out)
    assert data["ma"] == "ht-01"
    assert [a["ho_so"] for a in data["cho_duyet"]] == [PLAN_REL]
    assert data["toan_truong"] == {"qua_han_duyet": 0, "qua_han_nop": TEACHERS - 1}
    done = cli(
        "--lang", "en", "queue", "--as", "gv-toan-01", "--at", "2025-10-16T10:00", cwd=head.root
    )
    assert "due 2025-10-15 23:59 (+07:00), overdue by 10 h 0 min" in done.out
    done = cli("queue", "--as", "khong-co", cwd=head.root)
    assert done.code == 2
    assert "không có mã nhân sự 'khong-co'" in done.err
    head.git("config", "user.email", "la@example.org")
    done = cli("queue", cwd=head.root)
    assert done.code == 2
    assert "không tìm thấy ai có e-mail 'la@example.org'" in done.err
    with pytest.raises(UsageError):
        identify(load_school(head.root), "")


def test_front_matter_values_of_main_records() -> None:
    assert front_matter_values("---\ntuan: 6\nngay_day: 2025-10-16\n---\nBody\n") == {
        "tuan": 6,
        "ngay_day": date(2025, 10, 16),
    }
    assert front_matter_values("no front matter\n") == {}
    assert front_matter_values("---\ntuan: [6\n---\n") == {}
    assert front_matter_values("---\n- a list\n---\n") == {}
    assert front_matter_values("---\ntuan: 6\n") == {}


YEAR_PLAN_REL = "records/2025-2026/to-khtn/gv-toan-02/kh-giao-vien/toan-khoi-6.md"
YEAR_PLAN_BRANCH = "nop/gv-toan-02/kh-giao-vien/toan-khoi-6"


def test_a_two_step_chain_moves_from_the_head_to_the_principal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The teacher's yearly plan goes group head → principal: after the head's step the
    submission leaves his queue and enters the principal's at step 2/2, as its history says."""
    world = World(tmp_path)
    teacher = world.person("gv-toan-02")
    school = load_school(teacher.root)
    teacher.write(
        YEAR_PLAN_REL,
        "---\nloai: kh-giao-vien\nnam_hoc: 2025-2026\n"
        "tieu_de: Kế hoạch giáo dục môn Toán khối 6\nto: to-khtn\ngiao_vien: gv-toan-02\n"
        "mon: Toán\nkhoi: Khối 6\n---\n\n" + sample_body(school.types["kh-giao-vien"]),
    )
    done = teacher.commit_push(
        YEAR_PLAN_BRANCH,
        [YEAR_PLAN_REL],
        when="2025-09-03T08:00:00+07:00",
        received="2025-09-03T08:00:00+07:00",
    )
    assert done.returncode == 0, done.stderr
    at = datetime(2025, 9, 4, 9, 0, tzinfo=VN_TZ)
    head = fetched(world.person("gv-toan-01"))
    principal = fetched(world.person("ht-01"))
    assert [a.step for a in build_queue(head.root, school, "gv-toan-01", at).review] == [1]
    assert build_queue(principal.root, school, "ht-01", at).review == ()
    kind = do_approve(
        world, monkeypatch, "gv-toan-01", YEAR_PLAN_BRANCH, "2025-09-04T08:00:00+07:00"
    )
    assert kind == "review"
    assert build_queue(fetched(head).root, school, "gv-toan-01", at).review == ()
    (waiting,) = build_queue(fetched(principal).root, school, "ht-01", at).review
    assert (waiting.path, waiting.step, waiting.steps) == (YEAR_PLAN_REL, 2, 2)
    assert waiting.roles == ("hieu_truong", "pho_hieu_truong")
    (history,) = read_histories(principal.root, school, [YEAR_PLAN_REL])
    submitted, step = history.events
    assert (submitted.kind, submitted.at) == (EventKind.SUBMITTED, waiting.submitted_at)
    assert (step.kind, step.who, step.role, step.step, step.steps, step.merged) == (
        EventKind.APPROVAL,
        "gv-toan-01",
        "to_truong",
        1,
        2,
        False,
    )


def test_queue_and_history_stay_light() -> None:
    """The queue and the history run on every teacher's machine: no PDF or site library."""
    import subprocess
    import sys

    code = (
        "import sys, hsdt.cli.queue, hsdt.cli.status, hsdt.report.queue, hsdt.report.history\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'pyhanko', 'mkdocs')]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_queue_names_states_in_the_schools_words(make_school: Callable[..., Path]) -> None:
    from hsdt.i18n import current_language, set_language
    from hsdt.report.queue import _school_words

    school = load_school(make_school("le-khac-can"))
    # QĐ 309 Điều 6e: a lesson plan sent for checking is "gởi kiểm tra"
    assert _school_words(school, "khbd-trung-hoc", Status.UNAPPROVED) == "gởi kiểm tra"
    # the school names no state of a weekly schedule: the queue's own words stand
    assert _school_words(school, "bao-giang", Status.UNAPPROVED) == ""
    # a missing or unsigned record is what is still to do, not a state
    assert _school_words(school, "khbd-trung-hoc", Status.MISSING) == ""
    assert _school_words(school, "khbd-trung-hoc", Status.UNSIGNED) == ""
    before = current_language()
    set_language("en")  # the school's words are Vietnamese
    try:
        assert _school_words(school, "khbd-trung-hoc", Status.UNAPPROVED) == ""
    finally:
        set_language(before)
