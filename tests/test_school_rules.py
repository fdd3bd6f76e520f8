"""The rules as the schools mean them (issue 14, part A), each with pinned server times on the
built-in profiles: the two-batch weekly cut-offs and the nearest-cut-off reading (the server's
hook and ``hsdt check --at``), early posting, "not before September", the meeting's end time,
calendar sanity of weekly schedules, ``hsdt new … --set tuan=N``, the school's words for states.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hsdt.check import CheckContext, read_record
from hsdt.load.profile import load_school
from hsdt.model.school import Role, School
from hsdt.model.timeutil import VN_TZ
from hsdt.scaffold import new_record
from hsdt.workflow.chain import evaluate_chain
from hsdt.workflow.evidence import Review, Source, Verdict
from hsdt.workflow.labels import state_label, status_label
from hsdt.workflow.status import RecordStatus, State
from tests.conftest import Result
from tests.gitworld import World
from tests.test_profiles import check, line, lkc_lesson, mnhm_plan, rel, shown

MakeSchool = Callable[..., Path]
Cli = Callable[..., Result]

TWO_BATCHES = (
    '{kieu: moc_tuan, moc: ngay_day, thu: [chu_nhat, thu_tu], gio: "23:59", cach_tinh: '
    "du_so_ngay, so_ngay: 3}"
)
NEAREST = (
    "{kieu: truoc_ngay, moc: ngay_day, so_ngay: 3}\n"
    '      - {kieu: moc_tuan, moc: ngay_day, thu: [chu_nhat, thu_tu], gio: "23:59", cach_tinh: '
    "moc_gan_nhat}"
)
"""The reading before issue 14: the 3-day lead, and the last cut-off before the lesson."""


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def nearest_reading(profile: Path) -> None:
    edit(profile, "quy-che.yml", TWO_BATCHES, NEAREST)


# --- Sunday and Wednesday cut-offs (seed 001 Đ6e) -------------------------------------------


def test_two_batches_and_nearest_cutoff_through_check_at(make_school: MakeSchool, cli: Cli) -> None:
    """A Monday lesson (20/10/2025) submitted on Friday evening 17/10: under the two-batch
    reading the Wednesday 15/10 cut-off was the last one leaving 3 days, so it is late; under
    the nearest-cut-off reading the 3-day lead ends on Friday 17/10 and it is on time."""
    root, school = open_lkc(make_school)
    path = lkc_lesson(root, school, "2025-10-20", "So sánh phân số", "Phân số")
    name = rel(root, path)
    late = cli("check", name, "--at", "2025-10-17T21:00", cwd=root)
    assert late.code == 1
    assert late.out == (
        f"{name}:{line(path, 'ngay_day')}: [han-nop] nộp muộn: nộp lúc 2025-10-17 21:00 "
        "(+07:00), hạn là 2025-10-15 23:59 (+07:00) (mốc nộp hằng tuần: Chủ nhật, thứ Tư; mốc "
        "muộn nhất còn đủ 3 ngày trước ngày 2025-10-20)\n"
    )
    on_time = cli("check", name, "--at", "2025-10-15T22:00", cwd=root)
    assert (on_time.code, on_time.out) == (0, "")
    nearest_reading(root / "schools" / "le-khac-can")
    assert cli("check", name, "--at", "2025-10-17T21:00", cwd=root).code == 0
    saturday = cli("check", name, "--at", "2025-10-18T09:00", cwd=root)
    assert saturday.code == 1
    assert saturday.out == (
        f"{name}:{line(path, 'ngay_day')}: [han-nop] nộp muộn: nộp lúc 2025-10-18 09:00 "
        "(+07:00), hạn là 2025-10-17 23:59 (+07:00) (trước 3 ngày)\n"
    )


def open_lkc(make_school: MakeSchool) -> tuple[Path, School]:
    root = make_school("le-khac-can")
    return root, load_school(root)


@pytest.mark.parametrize(
    ("lesson", "cutoff"),
    [
        ("2025-10-22", "2025-10-19"),  # thứ Tư → Chủ nhật trước
        ("2025-10-23", "2025-10-19"),  # thứ Năm → Chủ nhật trước
        ("2025-10-24", "2025-10-19"),  # thứ Sáu → Chủ nhật trước
        ("2025-10-25", "2025-10-22"),  # thứ Bảy → thứ Tư trước
        ("2025-10-27", "2025-10-22"),  # thứ Hai → thứ Tư trước
        ("2025-10-28", "2025-10-22"),  # thứ Ba → thứ Tư trước
    ],
)
def test_two_batches_a_week(make_school: MakeSchool, lesson: str, cutoff: str) -> None:
    """The worked examples of docs/ho-so-nha-truong.md: each lesson day's batch."""
    root, school = open_lkc(make_school)
    path = lkc_lesson(root, school, lesson, "Phân số", "Phân số")
    assert check(root, path, when=f"{cutoff}T23:58").problems == ()
    late = check(root, path, when=f"{cutoff}T23:59:30")
    assert [(p.msg.key, p.msg.args["due"]) for p in late.problems] == [
        ("deadline.late_cutoff_lead", f"{cutoff} 23:59 (+07:00)")
    ]


MONDAY_LESSON = "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-20-so-sanh-phan-so.md"


def push_monday_lesson(world: World, received: str) -> tuple[int, str]:
    teacher = world.person("gv-toan-02")
    school = load_school(teacher.root)
    path = lkc_lesson(teacher.root, school, "2025-10-20", "So sánh phân số", "Phân số")
    assert rel(teacher.root, path) == MONDAY_LESSON
    assert line(path, "ngay_day") == 9
    done = teacher.commit_push(
        "nop/gv-toan-02/khbd-trung-hoc/2025-10-20-so-sanh-phan-so",
        [MONDAY_LESSON],
        when="2025-10-10T08:00:00+07:00",  # the client's date proves nothing
        received=received,
    )
    return done.returncode, done.stderr


def test_two_batches_on_the_server(tmp_path: Path) -> None:
    """The hooked bare repository refuses the Friday-evening push of a Monday lesson."""
    code, err = push_monday_lesson(World(tmp_path), "2025-10-17T21:00:00+07:00")
    assert code != 0
    assert (
        f"remote: {MONDAY_LESSON}:9: [han-nop] nộp muộn: nộp lúc 2025-10-17 21:00 (+07:00), "
        "hạn là 2025-10-15 23:59 (+07:00) (mốc nộp hằng tuần: Chủ nhật, thứ Tư; mốc muộn nhất "
        "còn đủ 3 ngày trước ngày 2025-10-20)"
    ) in err
    assert "máy chủ từ chối lần đẩy này" in err


def test_nearest_cutoff_on_the_server(tmp_path: Path) -> None:
    """The same push under the nearest-cut-off reading is on time (the lead ends Friday)."""
    world = World(tmp_path, profile_edit=nearest_reading)
    code, err = push_monday_lesson(world, "2025-10-17T21:00:00+07:00")
    assert code == 0, err


# --- Early posting (seed 000 Đ7.1) ----------------------------------------------------------


def test_only_on_weekdays_refuses_friday_evening(make_school: MakeSchool, cli: Cli) -> None:
    root = make_school("mam-non-hm")
    edit(
        root / "schools" / "mam-non-hm",
        "quy-che.yml",
        "cach_hieu_thu: cham_nhat_vao_thu",
        "cach_hieu_thu: chi_vao_thu",
    )
    school = load_school(root)
    path, _ = mnhm_plan(root, school, "kh-tuan-mn")
    name = rel(root, path)
    friday = cli("check", name, "--at", "2025-10-10T19:30", cwd=root)
    assert friday.code == 1
    assert friday.out == (
        f"{name}:1: [ngay-nop] nộp lúc 2025-10-10 19:30 (+07:00); nhà trường chỉ nhận loại hồ sơ"
        " này vào thứ Bảy, Chủ nhật\n"
    )
    assert cli("check", name, "--at", "2025-10-11T09:00", cwd=root).code == 0


def test_no_later_than_is_the_default(make_school: MakeSchool, cli: Cli) -> None:
    """Without ``cach_hieu_thu`` a weekday rule means "no later than": the key removed from
    the profile, Friday evening is still accepted."""
    root = make_school("mam-non-hm")
    edit(
        root / "schools" / "mam-non-hm", "quy-che.yml", "    cach_hieu_thu: cham_nhat_vao_thu\n", ""
    )
    school = load_school(root)
    path, _ = mnhm_plan(root, school, "kh-ngay-mn")
    result = cli("check", rel(root, path), "--at", "2025-10-10T19:30", cwd=root)
    assert (result.code, result.out) == (0, "")


def review(who: str, when: str) -> Review:
    return Review(
        who,
        Role.GROUP_HEAD,
        Verdict.APPROVED,
        datetime.fromisoformat(when),
        "0" * 40,
        Source.SSH_MERGE,
        "1" * 40,
    )


def test_approval_days_follow_the_same_reading(make_school: MakeSchool) -> None:
    """Seed 000 Đ5.1: the group head signs "trong ngày thứ bảy hoặc chủ nhật". Under "no later
    than" her Friday approval of next week's plan counts; a Monday one does not."""
    root = make_school("mam-non-hm")
    school = load_school(root)
    path, _ = mnhm_plan(root, school, "kh-tuan-mn")
    name = rel(root, path)
    record, _, _ = read_record(root, name, CheckContext(school, datetime.now(VN_TZ), server=False))
    assert record is not None
    policy = school.policy.types["kh-tuan-mn"]
    friday = evaluate_chain(
        school, name, policy, [review("gv-mg-01", "2025-10-10T20:00:00+07:00")], record=record
    )
    assert friday.complete
    monday = evaluate_chain(
        school, name, policy, [review("gv-mg-01", "2025-10-13T07:00:00+07:00")], record=record
    )
    assert not monday.complete
    assert [m.render() for m in monday.ignored] == [
        "duyệt lúc 2025-10-13 07:00 (+07:00) không được tính: quy chế cho duyệt chậm nhất vào "
        "thứ Bảy, Chủ nhật trước ngày 2025-10-13, tức là hết Chủ nhật 2025-10-12"
    ]


# --- Not before September (seed 000 Đ7.2), the meeting's end --------------------------------


def group_plan(root: Path, school: School, day: str) -> Path:
    return new_record(
        root,
        school,
        "kh-to",
        {
            "tieu_de": "Kế hoạch hoạt động tổ Mẫu giáo năm học 2025-2026",
            "to": "to-mau-giao",
            "nguoi_lap": "gv-mg-01",
            "ngay_lap": day,
        },
    )


def test_group_plan_not_before_september(make_school: MakeSchool, cli: Cli) -> None:
    root = make_school("mam-non-hm")
    path = group_plan(root, load_school(root), "2025-08-26")
    name = rel(root, path)
    august = cli("check", name, "--at", "2025-08-28T10:00", cwd=root)
    assert august.code == 1
    assert august.out == (
        f"{name}:1: [han-nop] nộp lúc 2025-08-28 10:00 (+07:00), trước thời điểm được nộp "
        "(2025-09-01 00:00 (+07:00))\n"
    )
    assert cli("check", name, "--at", "2025-09-01T07:00", cwd=root).code == 0


def minutes(root: Path, school: School, end: str | None) -> Path:
    pairs = {
        "tieu_de": "Sinh hoạt chuyên môn tháng 10",
        "to": "to-mau-giao",
        "nguoi_lap": "gv-mg-03",
        "ngay_hop": "2025-10-15",
        "gio_bat_dau": "14:00",
        "dia_diem": "Phòng họp nhà trường",
        "chu_tri": "gv-mg-01",
        "thu_ky": "gv-mg-03",
        "thanh_phan": "gv-mg-01,gv-mg-02,gv-mg-03,gv-mg-04",
    }
    if end is not None:
        pairs["gio_ket_thuc"] = end
    return new_record(root, school, "bien-ban-hop-to", pairs)


def test_minutes_need_the_meeting_end_time(make_school: MakeSchool) -> None:
    root = make_school("mam-non-hm")
    path = minutes(root, load_school(root), None)
    report = check(root, path, when="2025-10-15T17:00")
    assert shown(report) == [
        f"{rel(root, path)}:{line(path, 'ngay_hop')}: [han-nop] thiếu 'gio_ket_thuc': quy chế "
        "tính thời điểm được nộp từ 'ngay_hop' lúc 'gio_ket_thuc'"
    ]
    assert not report.ok


def test_minutes_within_hours_of_the_meeting_end(make_school: MakeSchool) -> None:
    root = make_school("mam-non-hm")
    edit(
        root / "schools" / "mam-non-hm",
        "quy-che.yml",
        "gio_moc: gio_ket_thuc}",
        "gio_moc: gio_ket_thuc, so_gio: 48}",
    )
    path = minutes(root, load_school(root), "16:30")
    assert check(root, path, when="2025-10-17T16:30").problems == ()
    late = check(root, path, when="2025-10-17T17:00")
    assert shown(late) == [
        f"{rel(root, path)}:{line(path, 'ngay_hop')}: [han-nop] nộp muộn: nộp lúc 2025-10-17 "
        "17:00 (+07:00), hạn là 2025-10-17 16:30 (+07:00) (48 giờ sau khi kết thúc)"
    ]


# --- Calendar sanity of weekly schedules ----------------------------------------------------


def schedule(root: Path, school: School, week: str, first: str, last: str) -> Path:
    return new_record(
        root,
        school,
        "bao-giang",
        {
            "tieu_de": f"Lịch báo giảng tuần {week}",
            "giao_vien": "gv-toan-02",
            "to": "to-khtn",
            "tuan": week,
            "tu_ngay": first,
            "den_ngay": last,
        },
    )


def test_schedule_dates_reversed(make_school: MakeSchool, cli: Cli) -> None:
    root, school = open_lkc(make_school)
    path = schedule(root, school, "14", "2025-12-13", "2025-12-08")
    name = rel(root, path)
    result = cli("check", name, "--at", "2025-12-07T20:00", cwd=root)
    assert result.code == 1
    assert result.out == (
        f"{name}:{line(path, 'den_ngay')}: [den-ngay] từ ngày 2025-12-13 sau đến ngày 2025-12-08: "
        "ngày bắt đầu phải trước hoặc trùng ngày kết thúc\n"
    )


def test_schedule_dates_outside_its_week(make_school: MakeSchool, cli: Cli) -> None:
    """Week 14 of 2025-2026 (tuần 1 from 08/9/2025) is 08/12 to 14/12/2025."""
    root, school = open_lkc(make_school)
    path = schedule(root, school, "14", "2025-12-01", "2025-12-06")
    name = rel(root, path)
    result = cli("check", name, "--at", "2025-11-30T20:00", cwd=root)
    assert result.code == 1
    assert result.out == (
        f"{name}:{line(path, 'tu_ngay')}: [tu-ngay] từ ngày 2025-12-01 không thuộc tuần 14 của "
        "năm học 2025-2026: tuần 14 là từ 2025-12-08 đến 2025-12-14\n"
        f"{name}:{line(path, 'den_ngay')}: [den-ngay] đến ngày 2025-12-06 không thuộc tuần 14 "
        "của năm học 2025-2026: tuần 14 là từ 2025-12-08 đến 2025-12-14\n"
    )
    fixed = schedule(root, school, "14", "2025-12-08", "2025-12-13")
    assert cli("check", rel(root, fixed), "--at", "2025-12-07T20:00", cwd=root).code == 0


def test_schedule_week_after_a_skipped_holiday(make_school: MakeSchool) -> None:
    """Tết (14–22/02/2026, bo_qua_tuan) is not numbered: week 24 starts on 23/02/2026, so a
    schedule of week 24 dated the Tết week is wrong."""
    root, school = open_lkc(make_school)
    path = schedule(root, school, "24", "2026-02-16", "2026-02-21")
    report = check(root, path, when="2026-02-15T20:00")
    where = f"{rel(root, path)}:{line(path, 'tu_ngay')}: [tu-ngay]"
    assert [p.render() for p in report.problems if p.rule == "tu-ngay"] == [
        f"{where} từ ngày 2026-02-16 rơi vào kỳ nghỉ (Nghỉ Tết Nguyên đán)",
        f"{where} từ ngày 2026-02-16 không thuộc tuần 24 của năm học 2025-2026: tuần 24 là từ "
        "2026-02-23 đến 2026-03-01",
    ]
    right = schedule(root, school, "24", "2026-02-23", "2026-02-28")
    assert check(root, right, when="2026-02-22T20:00").problems == ()


def test_new_schedule_fills_the_week_from_the_calendar(make_school: MakeSchool) -> None:
    root, school = open_lkc(make_school)
    path = new_record(
        root,
        school,
        "bao-giang",
        {"giao_vien": "gv-toan-02", "to": "to-khtn", "tuan": "14"},
        today=date(2025, 12, 1),
    )
    assert rel(root, path) == "records/2025-2026/to-khtn/gv-toan-02/bao-giang/tuan-14.md"
    head = path.read_text(encoding="utf-8").split("\n---\n")[0]
    assert "tieu_de: Lịch báo giảng tuần 14 (08/12/2025 - 13/12/2025)" in head.split("\n")
    assert "tu_ngay: 2025-12-08" in head.split("\n")
    assert "den_ngay: 2025-12-13" in head.split("\n")
    assert check(root, path, when="2025-12-07T20:00").problems == ()


def test_new_schedule_through_the_cli(make_school: MakeSchool, cli: Cli) -> None:
    """``--set nam_hoc`` pins the year (without it, the year holding today)."""
    root = make_school("le-khac-can")
    done = cli(
        "new", "bao-giang", "--print-path", "--set", "tuan=14", "--set", "nam_hoc=2026-2027",
        "--set", "giao_vien=gv-toan-02", cwd=root,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert done.out == "records/2026-2027/to-khtn/gv-toan-02/bao-giang/tuan-14.md\n"
    text = (root / done.out.strip()).read_text(encoding="utf-8")
    monday = load_school(root).calendar_for("2026-2027")
    assert monday is not None
    start = monday.week_monday(14)
    assert f"tu_ngay: {start.isoformat()}\n" in text
    past = cli(
        "new", "bao-giang", "--set", "tuan=53", "--set", "nam_hoc=2025-2026",
        "--set", "giao_vien=gv-toan-02", cwd=root,
    )  # fmt: skip
    assert past.code == 2
    assert "tuần 53 vượt quá số tuần của năm học 2025-2026" in past.err


def test_new_preschool_week_ends_on_friday(make_school: MakeSchool) -> None:
    root = make_school("mam-non-hm")
    school = load_school(root)
    path = new_record(
        root,
        school,
        "kh-tuan-mn",
        {"giao_vien": "gv-mg-03", "to": "to-mau-giao", "nhom_lop": "Lớp 4-5 tuổi B1",
         "chu_de": "Ngôi nhà của bé", "tuan": "6"},
        today=date(2025, 10, 1),
    )  # fmt: skip
    head = path.read_text(encoding="utf-8").split("\n---\n")[0].split("\n")
    calendar = school.calendar_for("2025-2026")
    assert calendar is not None
    monday = calendar.week_monday(6)
    assert f"tu_ngay: {monday.isoformat()}" in head
    assert f"den_ngay: {(monday + timedelta(days=4)).isoformat()}" in head
    assert any(h.startswith("tieu_de: Kế hoạch giáo dục tuần 6 (") for h in head)


# --- The school's words for states -----------------------------------------------------------


def test_state_labels_in_the_school_words(make_school: MakeSchool) -> None:
    """Seed 001 Đ6e: a lesson plan is "gởi kiểm tra" when submitted and "đã kiểm tra" once the
    group head approved it; other types keep the neutral names."""
    _root, school = open_lkc(make_school)
    lesson = "khbd-trung-hoc"
    assert state_label(school, State.SUBMITTED, 0, 1, lesson) == "gởi kiểm tra"
    assert state_label(school, State.CHECKED, 1, 1, lesson) == "đã kiểm tra"
    assert state_label(school, State.APPROVED, 1, 1, lesson) == "đã kiểm tra"
    assert state_label(school, State.SIGNED, 1, 1, lesson) == "đã ký"
    assert state_label(school, State.SUBMITTED, 0, 2, "kh-giao-vien") == "đã gửi kiểm tra"
    assert state_label(school, State.CHECKED, 1, 2, "kh-giao-vien") == "đã duyệt bước 1/2"
    assert state_label(school, State.APPROVED, 2, 2, "kh-giao-vien") == "đã duyệt"
    assert state_label(school, State.CHECKED, 1, 2, "kh-giao-vien", "en") == "approved step 1/2"
    assert state_label(school, State.SUBMITTED, 0, 1, lesson, "en") == "submitted"


def test_school_wide_state_names(make_school: MakeSchool) -> None:
    root = make_school("thai-hoc")
    edit(
        root / "schools" / "thai-hoc",
        "quy-che.yml",
        "gioi_han:",
        "ten_trang_thai: {da_kiem_tra: 'đã ký duyệt {buoc}/{tong} cấp', da_cong_bo: đã đăng}\n"
        "gioi_han:",
    )
    school = load_school(root)
    assert state_label(school, State.CHECKED, 1, 2, "kh-nam-mn") == "đã ký duyệt 1/2 cấp"
    assert state_label(school, State.PUBLISHED, 2, 2, "kh-nam-mn") == "đã đăng"
    status = RecordStatus(
        "records/2025-2026/to-mau-giao/gv-mg-03/kh-nam-mn/ke-hoach-nam.md", State.CHECKED
    )
    assert status_label(school, status) == "đã ký duyệt 0/2 cấp"
    assert status.as_dict(school)["nhan"] == "đã ký duyệt 0/2 cấp"
    assert status.as_dict()["nhan"] == "đã duyệt một số bước"


def test_website_article_states_in_the_words_of_seed_004(make_school: MakeSchool) -> None:
    """QĐ 149 (MN Vĩnh Hào) Điều 5, 7: thẩm định, phê duyệt, đăng tải."""
    school = load_school(make_school("vinh-hao"))
    article = "bai-viet-website"
    assert state_label(school, State.CHECKED, 1, 2, article) == "đã thẩm định"
    assert state_label(school, State.APPROVED, 2, 2, article) == "đã được lãnh đạo phê duyệt"
    assert state_label(school, State.PUBLISHED, 2, 2, article) == "đã đăng tải"
    assert state_label(school, State.CHECKED, 1, 2, "kh-nam-mn") == "đã duyệt bước 1/2"


def test_minutes_days_and_hours_the_earlier_binds(make_school: MakeSchool) -> None:
    root = make_school("mam-non-hm")
    edit(
        root / "schools" / "mam-non-hm",
        "quy-che.yml",
        "gio_moc: gio_ket_thuc}",
        "gio_moc: gio_ket_thuc, so_gio: 48, so_ngay: 1}",
    )
    path = minutes(root, load_school(root), "16:30")
    late = check(root, path, when="2025-10-17T08:00")
    assert shown(late) == [
        f"{rel(root, path)}:{line(path, 'ngay_hop')}: [han-nop] nộp muộn: nộp lúc 2025-10-17 "
        "08:00 (+07:00), hạn là 2025-10-16 23:59 (+07:00) (1 ngày sau)"
    ]
