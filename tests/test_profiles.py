"""The five demo profiles, each regulation's rules shown with dated scenarios.

Every scenario writes real records into a school repository made from a built-in profile and
checks them as the server would (``at`` given: a missed deadline refuses the record), except one
test that shows the teacher's-machine warnings with a record dated years ago.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.check import CheckContext, CheckReport, check_paths, read_record
from hsdt.load.profile import load_school
from hsdt.model.policy import (
    ApprovalStep,
    CutoffReading,
    DeadlineKind,
    Visibility,
    WeekdayReading,
)
from hsdt.model.problem import Severity
from hsdt.model.school import Role, School
from hsdt.model.timeutil import VN_TZ
from hsdt.rules.deadline import effective_due
from hsdt.scaffold import new_record
from tests.conftest import Result

MakeSchool = Callable[..., Path]
Cli = Callable[..., Result]

HEADS = ApprovalStep((Role.GROUP_HEAD, Role.GROUP_DEPUTY))
LEADERSHIP = ApprovalStep((Role.PRINCIPAL, Role.VICE_PRINCIPAL))
PRINCIPAL = ApprovalStep((Role.PRINCIPAL,))
LOCKED = (
    "hồ sơ thuộc kỳ đã khóa sổ 'hk1-2025-2026' (từ {since}); muốn sửa phải kèm biên bản sửa "
    "dữ liệu ('bien-ban-sua') được hiệu trưởng cho phép"
)


def at(text: str) -> datetime:
    """A moment in Vietnam."""
    return datetime.fromisoformat(text).replace(tzinfo=VN_TZ)


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def line(path: Path, key: str) -> int:
    """The line of front-matter ``key`` in the file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, text in enumerate(lines, 1) if text.startswith(f"{key}:"))


def check(root: Path, *paths: Path, when: str) -> CheckReport:
    """Check a submission as the server does, received at ``when``."""
    return check_paths(root, list(paths), at=at(when))


def shown(report: CheckReport, rule: str | None = None) -> list[str]:
    """The problems as printed, optionally only those of ``rule``."""
    return [p.render() for p in report.problems if rule is None or p.rule == rule]


def open_school(make_school: MakeSchool, profile: str) -> tuple[Path, School]:
    root = make_school(profile)
    return root, load_school(root)


def correction(
    root: Path,
    school: School,
    fixed: Path,
    *,
    author: str,
    requester: str,
    permitted_by: str,
    witnesses: list[str],
    day: str,
    gvcn: str | None = None,
) -> Path:
    """A correction record (biên bản sửa dữ liệu) naming ``fixed``."""
    pairs = {
        "tieu_de": f"Sửa dữ liệu {fixed.stem}",
        "nguoi_lap": author,
        "ngay_lap": day,
        "ho_so_sua": rel(root, fixed),
        "ly_do": "Nhập nhầm nội dung hoạt động; phát hiện khi tổ kiểm tra hồ sơ.",
        "nguoi_de_nghi": requester,
        "nguoi_cho_phep": permitted_by,
        "nguoi_chung_kien": ",".join(witnesses),
    }
    if gvcn is not None:
        pairs["gvcn"] = gvcn
    return new_record(root, school, "bien-ban-sua", pairs)


# --- le-khac-can: QĐ 309/QĐ-TH&THCS-LKC (14/10/2023) ---------------------------------------


def lkc_lesson(root: Path, school: School, day: str, title: str, topic: str, **more: str) -> Path:
    pairs = {
        "tieu_de": title,
        "giao_vien": "gv-toan-02",
        "to": "to-khtn",
        "mon": "Toán",
        "lop": "6A1",
        "ngay_day": day,
        "so_tiet": "1",
        "chu_de": topic,
        **more,
    }
    return new_record(root, school, "khbd-trung-hoc", pairs)


def test_lkc_policy_states_the_checking_chain(make_school: MakeSchool) -> None:
    _root, school = open_school(make_school, "le-khac-can")
    types = school.policy.types
    # Điều 9.4: tổ trưởng, tổ phó, nhóm trưởng chuyên môn kiểm tra giáo án
    checking = ApprovalStep((Role.GROUP_HEAD, Role.GROUP_DEPUTY, Role.TEAM_LEAD))
    assert types["khbd-trung-hoc"].approval_chain == (checking,)
    assert types["khbd-tieu-hoc"].approval_chain == (checking,)
    assert types["khbd-trung-hoc"].one_topic
    assert types["khbd-trung-hoc"].resubmission
    kinds = [(r.kind, r.days, r.weekdays, r.reading) for r in types["khbd-trung-hoc"].deadlines]
    assert kinds == [(DeadlineKind.WEEKLY_CUTOFF, 3, (6, 2), CutoffReading.WITH_LEAD)]
    assert types["khbd-trung-hoc"].state_names == {
        "da_gui_kiem_tra": "gởi kiểm tra",
        "buoc_1": "đã kiểm tra",
        "da_duyet": "đã kiểm tra",
    }
    assert types["kh-giao-vien"].approval_chain == (HEADS, LEADERSHIP)
    (lock,) = school.policy.locks
    assert lock.decided_by == school.principal == "ht-01"


def test_lkc_thursday_lesson_is_due_by_the_sunday_batch(make_school: MakeSchool) -> None:
    """Điều 6e read as two batches a week (cach_tinh: du_so_ngay): the deadline is the latest
    Sunday or Wednesday cut-off that still leaves the 3-day lead."""
    root, school = open_school(make_school, "le-khac-can")
    path = lkc_lesson(root, school, "2025-10-16", "Phân số bằng nhau", "Phân số")
    assert rel(root, path) == (
        "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau.md"
    )
    policy = school.policy.types["khbd-trung-hoc"]
    assert check_paths(root, [path], at=at("2025-10-12T20:00")).problems == ()
    # thứ Năm 16/10: 3 ngày trước → hết thứ Hai 13/10; mốc muộn nhất không sau đó: CN 12/10
    context = CheckContext(school, at("2025-10-12T20:00"), server=True)
    parsed, _, _ = read_record(root, rel(root, path), context)
    assert parsed is not None
    assert effective_due(policy.deadlines, parsed, school.calendars[0]) == at("2025-10-12T23:59")
    late = check(root, path, when="2025-10-13T20:00")
    assert shown(late) == [
        f"{rel(root, path)}:{line(path, 'ngay_day')}: [han-nop] nộp muộn: nộp lúc "
        "2025-10-13 20:00 (+07:00), hạn là 2025-10-12 23:59 (+07:00) (mốc nộp hằng tuần: Chủ "
        "nhật, thứ Tư; mốc muộn nhất còn đủ 3 ngày trước ngày 2025-10-16)"
    ]
    assert not late.ok


def test_lkc_monday_lesson_is_due_by_the_wednesday_batch(make_school: MakeSchool) -> None:
    root, school = open_school(make_school, "le-khac-can")
    path = lkc_lesson(root, school, "2025-10-20", "So sánh phân số", "Phân số")
    where = f"{rel(root, path)}:{line(path, 'ngay_day')}: [han-nop]"
    # thứ Hai 20/10: 3 ngày trước → hết thứ Sáu 17/10; mốc muộn nhất không sau đó: thứ Tư 15/10
    assert check(root, path, when="2025-10-15T23:58").problems == ()
    friday = check(root, path, when="2025-10-17T21:00")
    assert shown(friday) == [
        f"{where} nộp muộn: nộp lúc 2025-10-17 21:00 (+07:00), hạn là 2025-10-15 23:59 (+07:00)"
        " (mốc nộp hằng tuần: Chủ nhật, thứ Tư; mốc muộn nhất còn đủ 3 ngày trước ngày "
        "2025-10-20)"
    ]


def test_lkc_wednesday_lesson_is_due_by_the_sunday_batch(make_school: MakeSchool) -> None:
    root, school = open_school(make_school, "le-khac-can")
    path = lkc_lesson(root, school, "2025-10-22", "Phép cộng phân số", "Phân số")
    # thứ Tư 22/10: 3 ngày trước → hết Chủ nhật 19/10; mốc Chủ nhật 19/10 lúc 23:59
    assert check(root, path, when="2025-10-19T23:58").problems == ()
    late = check(root, path, when="2025-10-19T23:59:30")
    assert shown(late) == [
        f"{rel(root, path)}:{line(path, 'ngay_day')}: [han-nop] nộp muộn: nộp lúc "
        "2025-10-19 23:59 (+07:00), hạn là 2025-10-19 23:59 (+07:00) "
        "(mốc nộp hằng tuần: Chủ nhật, thứ Tư; mốc muộn nhất còn đủ 3 ngày trước ngày "
        "2025-10-22)"
    ]
    assert [p.msg.key for p in late.problems] == ["deadline.late_cutoff_lead"]


def test_lkc_one_topic_per_submission(make_school: MakeSchool) -> None:
    root, school = open_school(make_school, "le-khac-can")
    first = lkc_lesson(root, school, "2025-10-16", "Phân số bằng nhau", "Phân số")
    second = lkc_lesson(root, school, "2025-10-17", "Số thập phân", "Số thập phân")
    same = lkc_lesson(root, school, "2025-10-17", "Rút gọn phân số", "phân số")
    report = check(root, first, second, when="2025-10-12T20:00")
    assert shown(report) == [
        f"{rel(root, second)}:{line(second, 'chu_de')}: [mot-chu-de] mỗi lần nộp "
        "'khbd-trung-hoc' chỉ được một chủ đề, lần này có 2: Phân số, Số thập phân"
    ]
    assert check(root, first, same, when="2025-10-12T20:00").problems == ()
    assert check(root, first, when="2025-10-12T20:00").problems == ()
    assert check(root, second, when="2025-10-12T20:00").problems == ()


def test_lkc_weekly_schedule_before_monday_through_the_cli(
    make_school: MakeSchool, cli: Cli
) -> None:
    root, school = open_school(make_school, "le-khac-can")
    path = new_record(
        root,
        school,
        "bao-giang",
        {
            "tieu_de": "Lịch báo giảng tuần 6",
            "giao_vien": "gv-toan-02",
            "to": "to-khtn",
            "tuan": "6",
            "tu_ngay": "2025-10-13",
            "den_ngay": "2025-10-18",
        },
    )
    name = rel(root, path)
    # tuần 6 bắt đầu thứ Hai 13/10/2025 (tuần 1: 08/9)
    assert school.calendars[0].week_monday(6).isoformat() == "2025-10-13"
    on_time = cli("check", name, "--at", "2025-10-12T20:00", cwd=root)
    assert (on_time.code, on_time.out) == (0, "")
    late = cli("check", name, "--at", "2025-10-13T07:00", cwd=root)
    assert late.code == 1
    assert late.out == (
        f"{name}:{line(path, 'tuan')}: [han-nop] nộp muộn: nộp lúc 2025-10-13 07:00 (+07:00), "
        "hạn là 2025-10-12 23:59 (+07:00) (trước thứ Hai của tuần)\n"
    )


def test_lkc_lock_needs_a_correction_record(make_school: MakeSchool) -> None:
    root, school = open_school(make_school, "le-khac-can")
    lesson = lkc_lesson(root, school, "2025-10-16", "Phân số bằng nhau", "Phân số")
    # Hiệu trưởng khóa sổ học kì I lúc 17:00 ngày 17/01/2026 (Điều 3)
    before = check(root, lesson, when="2026-01-17T16:59")
    assert shown(before, "khoa-so") == []
    after = check(root, lesson, when="2026-01-20T08:00")
    assert shown(after, "khoa-so") == [
        f"{rel(root, lesson)}:1: [khoa-so] " + LOCKED.format(since="2026-01-17 17:00 (+07:00)")
    ]
    fix = correction(
        root,
        school,
        lesson,
        author="gv-toan-02",
        requester="gv-toan-02",
        permitted_by="ht-01",
        witnesses=["vt-01", "gv-toan-02"],
        day="2026-01-20",
    )
    with_fix = check(root, lesson, fix, when="2026-01-20T08:00")
    assert shown(with_fix, "khoa-so") == []
    assert shown(with_fix, "bien-ban-sua") == []
    # a record under correction is not judged by its original deadlines
    assert with_fix.problems == ()


def test_lkc_local_check_only_warns(make_school: MakeSchool) -> None:
    """Without a submission time the clock is used and lateness only warns; the lesson is
    dated in the past (March 2026, after the first semester's lock) so that it is late
    whatever the clock says from now on. (A lesson of a year the profile does not describe,
    2020 for instance, is an error: tests/test_school_years.py.)"""
    root, school = open_school(make_school, "le-khac-can")
    path = lkc_lesson(root, school, "2026-03-12", "Phân số bằng nhau", "Phân số")
    assert rel(root, path).startswith("records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/")
    report = check_paths(root, [path])
    assert report.ok
    assert [(p.rule, p.severity, p.msg.key, p.msg.args["due"]) for p in report.problems] == [
        ("han-nop", Severity.WARNING, "deadline.late_cutoff_lead", "2026-03-08 23:59 (+07:00)"),
    ]
    assert (
        report.problems[0]
        .render()
        .startswith(
            f"{rel(root, path)}:{line(path, 'ngay_day')}: [han-nop] (cảnh báo) nộp muộn: nộp lúc "
        )
    )
    server = check(root, path, when="2026-03-10T07:00")
    assert [(p.severity, p.msg.key) for p in server.problems] == [
        (Severity.ERROR, "deadline.late_cutoff_lead")
    ]


# --- mam-non-hm: QĐ 171/QĐ-MN (17/9/2025) --------------------------------------------------

MNHM_PLANS = {
    "kh-chu-de-mn": (
        "tu_ngay",
        {
            "tieu_de": "Gia đình của bé",
            "chu_de": "Gia đình của bé",
            "tu_ngay": "2025-10-13",
            "den_ngay": "2025-11-07",
            "so_tuan": "4",
        },
    ),
    "kh-tuan-mn": (
        "tu_ngay",
        {
            "tieu_de": "Ngôi nhà của bé",
            "chu_de": "Ngôi nhà của bé",
            "tuan": "6",
            "tu_ngay": "2025-10-13",
            "den_ngay": "2025-10-17",
        },
    ),
    "kh-ngay-mn": (
        "ngay",
        {
            "tieu_de": "Bé với các thành viên trong gia đình",
            "chu_de": "Gia đình của bé",
            "ngay": "2025-10-15",
        },
    ),
}


def mnhm_plan(root: Path, school: School, type_id: str) -> tuple[Path, str]:
    anchor, pairs = MNHM_PLANS[type_id]
    path = new_record(
        root,
        school,
        type_id,
        {
            "giao_vien": "gv-mg-03",
            "to": "to-mau-giao",
            "nhom_lop": "Lớp mẫu giáo 4-5 tuổi B1",
            **pairs,
        },
    )
    return path, anchor


def test_mnhm_policy_states_the_chains(make_school: MakeSchool) -> None:
    _root, school = open_school(make_school, "mam-non-hm")
    types = school.policy.types
    for type_id in MNHM_PLANS:
        assert types[type_id].approval_chain == (HEADS,)  # Điều 5.1
        assert types[type_id].submit_weekdays == (5, 6)  # Điều 7.1: thứ 7, chủ nhật
        assert types[type_id].approve_weekdays == (5, 6)  # Điều 5.1
        assert types[type_id].signatures == ("nguoi_lap", "to_truong")  # Điều 10
        assert [r.kind for r in types[type_id].approval_deadlines] == [DeadlineKind.BEFORE_WEEK]
    assert types["kh-to"].approval_chain == (PRINCIPAL,)  # Điều 7.2: sau khi BGH phê duyệt
    # Điều 7.2: không trước tháng 9, xong trước 01/10
    assert [(r.kind, r.day_month) for r in types["kh-to"].deadlines] == [
        (DeadlineKind.NOT_BEFORE_DATE, (1, 9)),
        (DeadlineKind.FIXED_DATE, (1, 10)),
    ]
    for type_id in MNHM_PLANS:  # Điều 7.1: "trong ngày thứ 7 hoặc chủ nhật" = chậm nhất
        assert types[type_id].weekday_reading is WeekdayReading.NO_LATER_THAN
    (minutes,) = types["bien-ban-hop-to"].deadlines
    assert minutes.anchor_time == "gio_ket_thuc"  # Điều 7.2: sau khi kết thúc buổi họp
    assert types["kh-nam-mn"].approval_chain == (HEADS, LEADERSHIP)
    assert [r.kind for r in types["bien-ban-hop-to"].deadlines] == [DeadlineKind.AFTER_ANCHOR]
    fix = school.policy.correction
    assert fix is not None
    assert fix.permitted_by == (Role.PRINCIPAL, Role.VICE_PRINCIPAL)  # Điều 7.5
    assert fix.witnesses == ("quan_tri", "gvcn")


@pytest.mark.parametrize("type_id", sorted(MNHM_PLANS))
def test_mnhm_plans_are_posted_at_the_weekend_before_their_week(
    make_school: MakeSchool, type_id: str
) -> None:
    root, school = open_school(make_school, "mam-non-hm")
    path, anchor = mnhm_plan(root, school, type_id)
    name = rel(root, path)
    day = MNHM_PLANS[type_id][1][anchor]
    assert check(root, path, when="2025-10-11T09:00").problems == ()  # thứ Bảy
    assert check(root, path, when="2025-10-12T21:00").problems == ()  # Chủ nhật
    # đăng sớm, tối thứ Sáu, vẫn được nhận (cach_hieu_thu: cham_nhat_vao_thu)
    assert check(root, path, when="2025-10-10T19:30").problems == ()
    monday = check(root, path, when="2025-10-13T06:00")
    assert shown(monday) == [
        f"{name}:{line(path, anchor)}: [han-nop] nộp muộn: nộp lúc 2025-10-13 06:00 (+07:00), "
        "hạn là 2025-10-12 23:59 (+07:00) (trước thứ Hai của tuần)",
        f"{name}:{line(path, anchor)}: [ngay-nop] nộp muộn: nộp lúc 2025-10-13 06:00 (+07:00); "
        f"nhà trường nhận loại hồ sơ này chậm nhất vào thứ Bảy, Chủ nhật trước ngày {day}, tức "
        "là hết Chủ nhật 2025-10-12",
    ]


def test_mnhm_late_weekend_posting_through_the_cli(make_school: MakeSchool, cli: Cli) -> None:
    root, school = open_school(make_school, "mam-non-hm")
    path, _ = mnhm_plan(root, school, "kh-ngay-mn")
    name = rel(root, path)
    # thứ Bảy 18/10 là cuối tuần nhưng sau tuần thực hiện (kế hoạch ngày 15/10)
    result = cli("check", name, "--at", "2025-10-18T08:00", cwd=root)
    assert result.code == 1
    assert result.out == (
        f"{name}:{line(path, 'ngay')}: [han-nop] nộp muộn: nộp lúc 2025-10-18 08:00 (+07:00), "
        "hạn là 2025-10-12 23:59 (+07:00) (trước thứ Hai của tuần)\n"
    )


def test_mnhm_group_plan_by_the_end_of_september(make_school: MakeSchool, cli: Cli) -> None:
    root, school = open_school(make_school, "mam-non-hm")
    path = new_record(
        root,
        school,
        "kh-to",
        {
            "tieu_de": "Kế hoạch hoạt động tổ Mẫu giáo năm học 2025-2026",
            "to": "to-mau-giao",
            "nguoi_lap": "gv-mg-01",
            "ngay_lap": "2025-09-15",
        },
    )
    name = rel(root, path)
    assert check(root, path, when="2025-09-27T10:00").problems == ()
    assert check(root, path, when="2025-09-30T23:59").problems == ()
    late = cli("check", name, "--at", "2025-10-02T08:00", cwd=root)
    assert late.code == 1
    assert late.out == (
        f"{name}:1: [han-nop] nộp muộn: nộp lúc 2025-10-02 08:00 (+07:00), hạn là "
        "2025-09-30 23:59 (+07:00)\n"
    )
    # kế hoạch tổ do tổ trưởng, tổ phó nộp; giáo viên thì không
    by_teacher = new_record(
        root,
        school,
        "kh-to",
        {
            "tieu_de": "Kế hoạch tổ (bản nháp của giáo viên)",
            "to": "to-mau-giao",
            "nguoi_lap": "gv-mg-04",
            "ngay_lap": "2025-09-15",
        },
    )
    assert shown(check(root, by_teacher, when="2025-09-27T10:00")) == [
        f"{rel(root, by_teacher)}:{line(by_teacher, 'nguoi_lap')}: [nguoi-lap] 'gv-mg-04' không "
        "có vai trò được nộp loại hồ sơ 'kh-to' (vai trò được nộp: to_truong, to_pho)"
    ]


def test_mnhm_minutes_after_the_meeting(make_school: MakeSchool) -> None:
    root, school = open_school(make_school, "mam-non-hm")
    path = new_record(
        root,
        school,
        "bien-ban-hop-to",
        {
            "tieu_de": "Sinh hoạt chuyên môn tháng 10",
            "to": "to-mau-giao",
            "nguoi_lap": "gv-mg-03",
            "ngay_hop": "2025-10-15",
            "gio_bat_dau": "14:00",
            "gio_ket_thuc": "16:30",
            "dia_diem": "Phòng họp nhà trường",
            "chu_tri": "gv-mg-01",
            "thu_ky": "gv-mg-03",
            "thanh_phan": "gv-mg-01,gv-mg-02,gv-mg-03,gv-mg-04",
        },
    )
    # Điều 7.2: sau khi kết thúc buổi họp (gio_ket_thuc 16:30), không chỉ sau ngày họp
    early = check(root, path, when="2025-10-15T16:00")
    assert shown(early) == [
        f"{rel(root, path)}:{line(path, 'ngay_hop')}: [han-nop] nộp lúc 2025-10-15 16:00 "
        "(+07:00), trước thời điểm được nộp (2025-10-15 16:30 (+07:00))"
    ]
    assert [p.msg.key for p in early.problems] == ["deadline.too_early"]
    assert check(root, path, when="2025-10-15T16:30").problems == ()
    assert check(root, path, when="2025-10-15T17:00").problems == ()
    assert check(root, path, when="2025-11-02T09:00").problems == ()  # không có hạn cuối


def test_mnhm_correction_is_witnessed_by_admins_and_the_class_teacher(
    make_school: MakeSchool,
) -> None:
    root, school = open_school(make_school, "mam-non-hm")
    plan, _ = mnhm_plan(root, school, "kh-ngay-mn")
    missing = correction(
        root,
        school,
        plan,
        author="gv-mg-03",
        requester="gv-mg-03",
        permitted_by="pht-01",
        witnesses=["vt-01"],
        day="2025-10-20",
        gvcn="gv-mg-04",
    )
    assert shown(check(root, missing, when="2025-10-20T10:00")) == [
        f"{rel(root, missing)}:{line(missing, 'nguoi_chung_kien')}: [bien-ban-sua] thiếu người "
        "chứng kiến có vai trò 'gvcn' theo quy chế"
    ]
    by_head = correction(
        root,
        school,
        plan,
        author="gv-mg-03",
        requester="gv-mg-03",
        permitted_by="gv-mg-01",
        witnesses=["vt-01", "gv-mg-04"],
        day="2025-10-20",
        gvcn="gv-mg-04",
    )
    assert shown(check(root, by_head, when="2025-10-20T10:00")) == [
        f"{rel(root, by_head)}:{line(by_head, 'nguoi_cho_phep')}: [bien-ban-sua] người cho phép "
        "'gv-mg-01' không có vai trò hieu_truong, pho_hieu_truong theo quy chế"
    ]
    good = correction(
        root,
        school,
        plan,
        author="gv-mg-03",
        requester="gv-mg-03",
        permitted_by="pht-01",
        witnesses=["vt-01", "gv-mg-04"],
        day="2025-10-20",
        gvcn="gv-mg-04",
    )
    assert check(root, good, when="2025-10-20T10:00").problems == ()


def test_mnhm_lock_on_education_plans(make_school: MakeSchool) -> None:
    root, school = open_school(make_school, "mam-non-hm")
    plan, _ = mnhm_plan(root, school, "kh-tuan-mn")
    locked = check(root, plan, when="2026-01-25T09:00")  # Chủ nhật, sau khi khóa sổ
    assert shown(locked, "khoa-so") == [
        f"{rel(root, plan)}:1: [khoa-so] " + LOCKED.format(since="2026-01-24 17:00 (+07:00)")
    ]
    fix = correction(
        root,
        school,
        plan,
        author="gv-mg-03",
        requester="gv-mg-03",
        permitted_by="ht-01",
        witnesses=["pht-01", "gv-mg-03"],
        day="2026-01-26",
        gvcn="gv-mg-03",
    )
    with_fix = check(root, plan, fix, when="2026-01-25T09:00")
    assert shown(with_fix, "khoa-so") == []
    assert shown(with_fix, "bien-ban-sua") == []


# --- duong-kinh: Phòng GD&ĐT Dương Kinh (2025) -------------------------------------------

DK_YEAR_PLANS = {
    "kh-nha-truong": {
        "tieu_de": "Kế hoạch giáo dục nhà trường năm học 2025-2026",
        "nguoi_lap": "pht-01",
        "ngay_lap": "2025-08-28",
    },
    "kh-day-hoc-to": {
        "tieu_de": "Kế hoạch dạy học môn Tiếng Việt khối 1",
        "to": "to-khoi-1-2-3",
        "nguoi_lap": "gv-k1-01",
        "mon": "Tiếng Việt",
        "khoi": "Khối 1",
        "nam_hoc": "2025-2026",  # no main date: the year is given (the default is the newest)
    },
    "kh-hoat-dong-to": {
        "tieu_de": "Kế hoạch hoạt động giáo dục khối 4",
        "to": "to-khoi-4-5",
        "nguoi_lap": "gv-k4-01",
        "khoi": "Khối 4",
        "nam_hoc": "2025-2026",
    },
}


def test_dk_policy_states_the_chains(make_school: MakeSchool) -> None:
    _root, school = open_school(make_school, "duong-kinh")
    types = school.policy.types
    for type_id in DK_YEAR_PLANS:  # Điều 12: nộp và duyệt trước ngày 05/9
        assert [r.day_month for r in types[type_id].deadlines] == [(5, 9)]
        assert [r.day_month for r in types[type_id].approval_deadlines] == [(5, 9)]
    # Điều 12: được kiểm tra (tổ) và duyệt (lãnh đạo) trước ít nhất 03 ngày
    assert types["khbd-tieu-hoc"].approval_chain == (
        ApprovalStep((Role.GROUP_HEAD, Role.GROUP_DEPUTY, Role.TEAM_LEAD)),
        ApprovalStep((Role.VICE_PRINCIPAL, Role.PRINCIPAL)),
    )
    lead = [(r.kind, r.days) for r in types["khbd-tieu-hoc"].deadlines]
    assert lead == [(DeadlineKind.LEAD_DAYS, 3)]
    assert [(r.kind, r.days) for r in types["khbd-tieu-hoc"].approval_deadlines] == lead
    assert types["kh-nha-truong"].approval_chain == (PRINCIPAL,)
    assert "con_dau" in types["kh-nha-truong"].signatures  # Điều 8.3, 13.3
    # loại hồ sơ riêng của trường, khai báo trong quy-che.yml
    sheet = school.types["bang-tong-hop-lop"]
    assert sheet.source == "schools/duong-kinh/quy-che.yml"
    assert [s.title for s in sheet.sections][:2] == [
        "Thông tin chung",
        "Kết quả đánh giá các môn học và hoạt động giáo dục",
    ]
    assert types["bang-tong-hop-lop"].approval_chain == (PRINCIPAL,)
    assert [r.day_month for r in types["bang-tong-hop-lop"].approval_deadlines] == [(31, 5)]
    assert types["bang-tong-hop-lop"].signatures == ("nguoi_lap", "hieu_truong", "con_dau")
    fix = school.policy.correction
    assert fix is not None
    assert fix.permitted_by == (Role.PRINCIPAL,)  # Điều 11.3
    assert fix.witnesses == ("hieu_truong", "quan_tri", "nguoi_de_nghi")


@pytest.mark.parametrize("type_id", sorted(DK_YEAR_PLANS))
def test_dk_year_plans_before_the_fifth_of_september(make_school: MakeSchool, type_id: str) -> None:
    root, school = open_school(make_school, "duong-kinh")
    path = new_record(root, school, type_id, DK_YEAR_PLANS[type_id])
    assert check(root, path, when="2025-09-04T16:00").problems == ()
    for when, shown_at in (
        ("2025-09-05T08:00", "2025-09-05 08:00"),
        ("2025-09-06T08:00", "2025-09-06 08:00"),
    ):
        assert shown(check(root, path, when=when)) == [
            f"{rel(root, path)}:1: [han-nop] nộp muộn: nộp lúc {shown_at} (+07:00), hạn là "
            "2025-09-04 23:59 (+07:00)"
        ]


def test_dk_lesson_plan_three_days_ahead(make_school: MakeSchool, cli: Cli) -> None:
    root, school = open_school(make_school, "duong-kinh")
    path = new_record(
        root,
        school,
        "khbd-tieu-hoc",
        {
            "tieu_de": "Bài 12: Phép cộng trong phạm vi 10",
            "giao_vien": "gv-k1-02",
            "to": "to-khoi-1-2-3",
            "mon": "Toán",
            "lop": "1A2",
            "ngay_day": "2025-10-16",
            "so_tiet": "1",
            "tuan": "6",
        },
    )
    name = rel(root, path)
    on_time = cli("check", name, "--at", "2025-10-13T21:00", cwd=root)
    assert (on_time.code, on_time.out) == (0, "")
    late = cli("check", name, "--at", "2025-10-14T06:45", cwd=root)
    assert late.code == 1
    assert late.out == (
        f"{name}:{line(path, 'ngay_day')}: [han-nop] nộp muộn: nộp lúc 2025-10-14 06:45 "
        "(+07:00), hạn là 2025-10-13 23:59 (+07:00) (trước 3 ngày)\n"
    )


def test_dk_class_summary_sheet_before_the_31st_of_may(make_school: MakeSchool) -> None:
    root, school = open_school(make_school, "duong-kinh")
    path = new_record(
        root,
        school,
        "bang-tong-hop-lop",
        {
            "tieu_de": "Bảng tổng hợp kết quả đánh giá giáo dục lớp 3A cuối năm học",
            "giao_vien": "gv-k3-01",
            "to": "to-khoi-1-2-3",
            "lop": "3A",
            "hoc_ky": "Cuối năm học",
            "si_so": "32",
            "ngay_lap": "2026-05-25",
        },
    )
    assert rel(root, path).startswith("records/2025-2026/to-khoi-1-2-3/bang-tong-hop-lop/")
    assert path.read_text(encoding="utf-8").count("\n## ") == 5  # the inline template
    assert check(root, path, when="2026-05-29T15:00").problems == ()
    assert shown(check(root, path, when="2026-05-31T10:00")) == [
        f"{rel(root, path)}:1: [han-nop] nộp muộn: nộp lúc 2026-05-31 10:00 (+07:00), hạn là "
        "2026-05-30 23:59 (+07:00)"
    ]
    after_lock = check(root, path, when="2026-06-02T08:00")
    assert shown(after_lock, "khoa-so") == [
        f"{rel(root, path)}:1: [khoa-so] hồ sơ thuộc kỳ đã khóa sổ 'tong-hop-2025-2026' (từ "
        "2026-06-01 07:00 (+07:00)); muốn sửa phải kèm biên bản sửa dữ liệu ('bien-ban-sua') "
        "được hiệu trưởng cho phép"
    ]


def test_dk_correction_needs_the_principal_the_admin_and_the_requester(
    make_school: MakeSchool,
) -> None:
    root, school = open_school(make_school, "duong-kinh")
    lesson = new_record(
        root,
        school,
        "khbd-tieu-hoc",
        {
            "tieu_de": "Bài 20: Phép trừ trong phạm vi 10",
            "giao_vien": "gv-k1-02",
            "to": "to-khoi-1-2-3",
            "mon": "Toán",
            "lop": "1A2",
            "ngay_day": "2025-12-04",
            "so_tiet": "1",
        },
    )
    no_principal = correction(
        root,
        school,
        lesson,
        author="gv-tin-01",
        requester="gv-k1-02",
        permitted_by="ht-01",
        witnesses=["gv-tin-01", "gv-k1-02"],
        day="2026-02-02",
    )
    assert shown(check(root, no_principal, when="2026-02-02T10:00")) == [
        f"{rel(root, no_principal)}:{line(no_principal, 'nguoi_chung_kien')}: [bien-ban-sua] "
        "thiếu người chứng kiến có vai trò 'hieu_truong' theo quy chế"
    ]
    no_requester = correction(
        root,
        school,
        lesson,
        author="gv-tin-01",
        requester="gv-k1-02",
        permitted_by="ht-01",
        witnesses=["ht-01", "gv-tin-01"],
        day="2026-02-02",
    )
    assert shown(check(root, no_requester, when="2026-02-02T10:00")) == [
        f"{rel(root, no_requester)}:{line(no_requester, 'nguoi_chung_kien')}: [bien-ban-sua] "
        "thiếu người chứng kiến có vai trò 'nguoi_de_nghi' theo quy chế"
    ]
    by_vice = correction(
        root,
        school,
        lesson,
        author="gv-tin-01",
        requester="gv-k1-02",
        permitted_by="pht-01",
        witnesses=["ht-01", "gv-tin-01", "gv-k1-02"],
        day="2026-02-02",
    )
    assert shown(check(root, by_vice, when="2026-02-02T10:00")) == [
        f"{rel(root, by_vice)}:{line(by_vice, 'nguoi_cho_phep')}: [bien-ban-sua] người cho phép "
        "'pht-01' không có vai trò hieu_truong theo quy chế"
    ]
    good = correction(
        root,
        school,
        lesson,
        author="gv-tin-01",
        requester="gv-k1-02",
        permitted_by="ht-01",
        witnesses=["ht-01", "gv-tin-01", "gv-k1-02"],
        day="2026-02-02",
    )
    assert shown(check(root, lesson, when="2026-02-02T10:00"), "khoa-so") == [
        f"{rel(root, lesson)}:1: [khoa-so] " + LOCKED.format(since="2026-01-24 17:00 (+07:00)")
    ]
    with_fix = check(root, lesson, good, when="2026-02-02T10:00")
    assert shown(with_fix, "khoa-so") == []
    assert shown(with_fix, "bien-ban-sua") == []


# --- thai-hoc: CV 185/MNTH (9/9/2024) ------------------------------------------------------


def test_th_policy_states_the_two_step_chains_and_signatures(make_school: MakeSchool) -> None:
    _root, school = open_school(make_school, "thai-hoc")
    types = school.policy.types
    for type_id in ("kh-nam-mn", "kh-chu-de-mn", "kh-tuan-mn", "kh-ngay-mn"):
        # mục II.3.b: giáo viên → tổ trưởng → lãnh đạo
        assert types[type_id].approval_chain == (HEADS, LEADERSHIP)
        assert types[type_id].signatures == ("nguoi_lap", "to_truong", "hieu_truong")
    assert types["kh-to"].submitters == (Role.GROUP_HEAD,)
    assert types["kh-to"].approval_chain == (LEADERSHIP,)
    for type_id, policy in types.items():
        # mục II.4: mọi hồ sơ đều ký số; mỗi bước duyệt có người ký trong chu_ky
        assert policy.signatures, type_id
        for step in policy.approval_chain:
            assert {r.value for r in step.roles} & set(policy.signatures), type_id
        assert not policy.deadlines, type_id  # công văn không đặt hạn nộp
        assert policy.visibility is not Visibility.PUBLIC, type_id
    # mục II.2: tài khoản riêng của nhà trường, không nộp, không duyệt
    assert school.roles_of("tk-truong") == frozenset()


def test_th_plan_passes_on_any_day(make_school: MakeSchool) -> None:
    root, school = open_school(make_school, "thai-hoc")
    path = new_record(
        root,
        school,
        "kh-tuan-mn",
        {
            "tieu_de": "Trường mầm non của bé",
            "giao_vien": "gv-mg-03",
            "to": "to-mau-giao",
            "nhom_lop": "Lớp mẫu giáo 5-6 tuổi A2",
            "chu_de": "Trường mầm non của bé",
            "tuan": "2",
            "tu_ngay": "2025-09-15",
            "den_ngay": "2025-09-19",
        },
    )
    # Thái Học không có quy định nộp vào cuối tuần hay hạn nộp
    assert check(root, path, when="2025-09-17T10:00").problems == ()
    yearly = new_record(
        root,
        school,
        "kh-nam-mn",
        {
            "tieu_de": "Kế hoạch giáo dục năm học lớp 5-6 tuổi A2",
            "giao_vien": "gv-mg-03",
            "to": "to-mau-giao",
            "nhom_lop": "Lớp mẫu giáo 5-6 tuổi A2",
            "do_tuoi": "5-6 tuổi",
        },
    )
    assert check(root, yearly, when="2025-09-29T10:00").problems == ()
    by_teacher = new_record(
        root,
        school,
        "kh-to",
        {
            "tieu_de": "Kế hoạch chỉ đạo chuyên môn tổ Mẫu giáo",
            "to": "to-mau-giao",
            "nguoi_lap": "gv-mg-02",
            "ngay_lap": "2025-09-10",
        },
    )
    assert shown(check(root, by_teacher, when="2025-09-12T10:00")) == [
        f"{rel(root, by_teacher)}:{line(by_teacher, 'nguoi_lap')}: [nguoi-lap] 'gv-mg-02' không "
        "có vai trò được nộp loại hồ sơ 'kh-to' (vai trò được nộp: to_truong)"
    ]


def test_th_lock_and_correction(make_school: MakeSchool) -> None:
    root, school = open_school(make_school, "thai-hoc")
    plan = new_record(
        root,
        school,
        "kh-ngay-mn",
        {
            "tieu_de": "Bé vui đón Tết Dương lịch",
            "giao_vien": "gv-nt-02",
            "to": "to-nha-tre",
            "nhom_lop": "Nhóm trẻ 24-36 tháng D1",
            "ngay": "2025-12-03",
        },
    )
    assert check(root, plan, when="2026-01-23T16:00").problems == ()
    assert shown(check(root, plan, when="2026-01-26T08:00")) == [
        f"{rel(root, plan)}:1: [khoa-so] " + LOCKED.format(since="2026-01-23 17:00 (+07:00)")
    ]
    fix = correction(
        root,
        school,
        plan,
        author="gv-nt-02",
        requester="gv-nt-02",
        permitted_by="ht-01",
        witnesses=["kt-01"],
        day="2026-01-26",
    )
    assert check(root, plan, fix, when="2026-01-26T08:00").problems == ()


# --- vinh-hao: QĐ 149/QĐ-MNVH (17/10/2025) ------------------------------------------------


def test_vh_only_what_the_leadership_approved_is_published(make_school: MakeSchool) -> None:
    _root, school = open_school(make_school, "vinh-hao")
    leadership = {Role.PRINCIPAL, Role.VICE_PRINCIPAL}
    public = sorted(t for t, p in school.policy.types.items() if p.visibility is Visibility.PUBLIC)
    assert public == ["bai-viet-website", "kh-nha-truong"]
    for type_id, policy in school.policy.types.items():
        last = set(policy.approval_chain[-1].roles) if policy.approval_chain else set()
        if policy.visibility is Visibility.PUBLIC:
            assert last <= leadership, type_id
    # Điều 5: tổ trưởng/nhóm trưởng thẩm định; Điều 4.1: phó hiệu trưởng chuyên môn phê duyệt
    assert school.policy.types["bai-viet-website"].approval_chain == (
        ApprovalStep((Role.GROUP_HEAD, Role.GROUP_DEPUTY, Role.TEAM_LEAD)),
        ApprovalStep((Role.VICE_PRINCIPAL,)),
    )
    teaching = [v.staff_id for v in school.vice_principals if "chuyen_mon" in v.responsible_for]
    assert teaching == ["pht-cm"]
    assert school.policy.types["bien-ban-hop-to"].visibility is Visibility.INTERNAL
    assert school.types["bai-viet-website"].source == "schools/vinh-hao/quy-che.yml"


def test_vh_post_lock_and_correction(make_school: MakeSchool) -> None:
    root, school = open_school(make_school, "vinh-hao")
    post = new_record(
        root,
        school,
        "bai-viet-website",
        {
            "tieu_de": "Hội giảng chào mừng ngày Nhà giáo Việt Nam 20-11",
            "to": "to-chuyen-mon",
            "nguoi_lap": "gv-03",
            "chuyen_muc": "Hoạt động giáo dục",
            "ngay_su_kien": "2025-11-18",
        },
    )
    assert rel(root, post).startswith("records/2025-2026/to-chuyen-mon/bai-viet-website/")
    assert check(root, post, when="2025-11-19T09:00").problems == ()
    assert shown(check(root, post, when="2026-02-03T09:00")) == [
        f"{rel(root, post)}:1: [khoa-so] " + LOCKED.format(since="2026-01-24 17:00 (+07:00)")
    ]
    no_witness = correction(
        root,
        school,
        post,
        author="gv-04",
        requester="gv-03",
        permitted_by="ht-01",
        witnesses=["gv-04"],
        day="2026-02-03",
    )
    assert shown(check(root, no_witness, when="2026-02-03T09:00")) == [
        f"{rel(root, no_witness)}:{line(no_witness, 'nguoi_chung_kien')}: [bien-ban-sua] thiếu "
        "người chứng kiến có vai trò 'pho_hieu_truong' theo quy chế"
    ]
    fix = correction(
        root,
        school,
        post,
        author="gv-04",
        requester="gv-03",
        permitted_by="ht-01",
        witnesses=["pht-cm", "gv-04"],
        day="2026-02-03",
    )
    assert check(root, post, fix, when="2026-02-03T09:00").problems == ()
