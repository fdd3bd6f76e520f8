"""Facts and the school's report on a real bare repository with the hooks, against counts
worked out by hand.

The school (Lê Khắc Cẩn, 8 teachers owing a weekly schedule, báo giảng, due before each
teaching week's Monday) adds a mid-term holiday week (27/10–2/11, not counted) and locks
September's schedules (weeks 1–3) on 1/10. Facts are taken on Monday 10/11/2025 at noon:
teaching weeks 1–9 are due, 8 × 9 = 72 schedules expected.

- gv-toan-02, week 5: received Fri 3/10, sent back 4/10, resubmitted Mon 6/10 after the due
  time (keeps 3/10: on time), approved 6/10 10:00 → 73 h, one send-back.
- gv-toan-02, week 6: received 10/10, approved 11/10 08:00 → 23 h; corrected on 20/10 with a
  correction record approved by the principal: still on time, one correction.
- gv-toan-02, week 1: refused on 2/10 (locked): still missing.
- gv-toan-03, week 6: received 10/10, waiting for the group head or deputy (747 h at noon
  10/11).
Every commit date is forged to 20/9: only receive times count.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.load.profile import load_profile_dir, load_school
from hsdt.model.school import School
from hsdt.report.aggregate import Filters, Report, school_report
from hsdt.report.facts import Fact, collect_facts, to_table
from hsdt.scaffold import new_record
from tests.conftest import Result, git
from tests.gitworld import World
from tests.test_workflow_e2e import do_approve

AS_OF = datetime.fromisoformat("2025-11-10T12:00:00+07:00")
FORGED = "2025-09-20T08:00:00+07:00"
MONDAYS = {1: "2025-09-08", 5: "2025-10-06", 6: "2025-10-13"}


def schedule_rel(teacher: str, week: int) -> str:
    return f"records/2025-2026/to-khtn/{teacher}/bao-giang/tuan-{week:02d}.md"


def schedule_text(teacher: str, week: int, extra: str = "") -> str:
    monday = datetime.fromisoformat(MONDAYS[week]).date()
    sunday = monday.replace(day=monday.day + 6)
    return (
        f"---\nloai: bao-giang\nnam_hoc: 2025-2026\ntieu_de: Lịch báo giảng tuần {week}\n"
        f"to: to-khtn\ngiao_vien: {teacher}\ntuan: {week}\ntu_ngay: {monday.isoformat()}\n"
        f"den_ngay: {sunday.isoformat()}\n---\n\n# Lịch báo giảng\n\nThứ Hai: Toán 6A1.{extra}"
        "\n\n# Ghi chú\n\nKhông.\n"
    )


def _edit_profile(folder: Path) -> None:
    truong = folder / "truong.yml"
    text = truong.read_text(encoding="utf-8")
    anchor = "      - tu: 2025-09-01\n        den: 2025-09-02\n        ly_do: Quốc khánh\n"
    assert anchor in text
    holiday = (
        "      - tu: 2025-10-27\n        den: 2025-11-02\n"
        "        ly_do: Nghỉ giữa học kỳ I\n        bo_qua_tuan: true\n"
    )
    truong.write_text(text.replace(anchor, anchor + holiday, 1), encoding="utf-8")
    rules = folder / "quy-che.yml"
    text = rules.read_text(encoding="utf-8")
    lock = (
        "khoa_so:\n  - ma: thang-9-2025\n    loai: [bao-giang]\n    tu_ngay: 2025-09-08\n"
        "    den_ngay: 2025-09-28\n    khoa_luc: 2025-10-01T17:00:00+07:00\n"
        "    nguoi_khoa: ht-01\n    ly_do: Khóa lịch báo giảng tháng 9\n"
    )
    rules.write_text(text.replace("khoa_so:\n", lock, 1), encoding="utf-8")


def _submit(world: World, teacher: str, week: int, received: str, extra: str = "") -> str:
    person = world.person(teacher)
    rel = schedule_rel(teacher, week)
    person.write(rel, schedule_text(teacher, week, extra))
    branch = f"nop/{teacher}/bao-giang/tuan-{week:02d}"
    done = person.commit_push(branch, [rel], when=FORGED, received=received)
    assert done.returncode == 0, done.stderr
    return branch


def build_world(tmp: Path) -> World:
    """The scenario of the module docstring."""
    world = World(tmp, profile_edit=_edit_profile)
    with pytest.MonkeyPatch.context() as mp:
        week5 = _submit(world, "gv-toan-02", 5, "2025-10-03T09:00:00+07:00")
        assert do_approve(world, mp, "gv-toan-01", week5, "2025-10-04T09:00:00+07:00",
                          reason="Ghi rõ tên bài từng tiết") == "changes"  # fmt: skip
        teacher = world.person("gv-toan-02")
        teacher.git("pull", "-q", "--ff-only", "origin", week5)
        teacher.write(schedule_rel("gv-toan-02", 5), schedule_text("gv-toan-02", 5, " Bài 5."))
        done = teacher.commit_push(week5, [schedule_rel("gv-toan-02", 5)], when=FORGED,
                                   received="2025-10-06T08:00:00+07:00")  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert do_approve(world, mp, "gv-toan-01", week5, "2025-10-06T10:00:00+07:00") == "merge"
        week6 = _submit(world, "gv-toan-02", 6, "2025-10-10T09:00:00+07:00")
        assert do_approve(world, mp, "gv-toan-01", week6, "2025-10-11T08:00:00+07:00") == "merge"
        _submit(world, "gv-toan-03", 6, "2025-10-10T09:00:00+07:00")
        # September is locked since 1/10: the late week-1 schedule is refused, stays missing.
        person = world.person("gv-toan-02")
        person.git("switch", "-q", "main")
        person.git("pull", "-q", "--ff-only", "origin", "main")
        rel = schedule_rel("gv-toan-02", 1)
        person.write(rel, schedule_text("gv-toan-02", 1))
        refused = person.commit_push("nop/gv-toan-02/bao-giang/tuan-01", [rel], when=FORGED,
                                     received="2025-10-02T08:00:00+07:00")  # fmt: skip
        assert refused.returncode != 0
        assert "[khoa-so]" in refused.stderr
        _correct_week6(world, mp)
    return world


def _correct_week6(world: World, mp: pytest.MonkeyPatch) -> None:
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    fix = "nop/gv-toan-02/bao-giang/sua-tuan-06"
    teacher.git("switch", "-q", "-c", fix, "origin/main")
    rel = schedule_rel("gv-toan-02", 6)
    teacher.write(rel, schedule_text("gv-toan-02", 6, " Tiết 2: Toán 6A2."))
    correction = new_record(
        teacher.root,
        load_school(teacher.root),
        "bien-ban-sua",
        {
            "ngay_lap": "2025-10-20",
            "tieu_de": "Sửa lịch báo giảng tuần 6",
            "nguoi_lap": "gv-toan-02",
            "ho_so_sua": rel,
            "ly_do": "Thiếu tiết dạy thay",
            "nguoi_de_nghi": "gv-toan-02",
            "nguoi_cho_phep": "ht-01",
            "nguoi_chung_kien": "pht-01,gv-toan-02",
        },
    )
    paths = [correction.relative_to(teacher.root).as_posix(), rel]
    at = "2025-10-20T08:00:00+07:00"
    done = teacher.commit_push(fix, paths, when=FORGED, received=at)
    assert done.returncode == 0, done.stderr
    assert do_approve(world, mp, "gv-toan-01", fix, "2025-10-20T09:00:00+07:00") == "review"
    for witness in ("pht-01", "gv-toan-02"):  # the witnesses it names confirm (issue 14)
        assert do_approve(world, mp, witness, fix, "2025-10-20T09:30:00+07:00") == "witness"
    assert do_approve(world, mp, "ht-01", fix, "2025-10-20T10:00:00+07:00") == "merge"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("report") / "world")


@pytest.fixture(scope="module")
def school(world: World) -> School:
    return load_school(world.admin.root)


@pytest.fixture(scope="module")
def facts(world: World, school: School) -> list[Fact]:
    return collect_facts(world.bare, school, AS_OF)


def _one(facts: list[Fact], path: str) -> Fact:
    (found,) = [f for f in facts if f.path == path]
    return found


def _rows(report: Report, name: str, **keys: object) -> list[dict[str, object]]:
    return [r for r in report.table(name).as_dicts() if all(r[k] == v for k, v in keys.items())]


def test_each_record_row_says_what_history_says(facts: list[Fact]) -> None:
    week5 = _one(facts, schedule_rel("gv-toan-02", 5))
    assert (week5.expected, week5.timeliness, week5.state) == ("yes", "on_time", "da_duyet")
    assert week5.submitted_at == datetime.fromisoformat("2025-10-03T09:00:00+07:00")
    assert week5.due_at == datetime.fromisoformat("2025-10-05T23:59:59+07:00")
    assert (week5.sendback_rounds, week5.approval_delay_s) == (1, 73 * 3600)
    assert (week5.week, week5.period_first.isoformat()) == (5, "2025-10-06")  # type: ignore[union-attr]
    assert week5.signatures_pending == 1  # the teacher's own (chu_ky: nguoi_lap)
    week6 = _one(facts, schedule_rel("gv-toan-02", 6))
    assert week6.submitted_at == datetime.fromisoformat("2025-10-10T09:00:00+07:00")
    assert week6.approved_at == datetime.fromisoformat("2025-10-11T08:00:00+07:00")
    assert (week6.timeliness, week6.corrections, week6.sendback_rounds) == ("on_time", 1, 0)
    waiting = _one(facts, schedule_rel("gv-toan-03", 6))
    assert (waiting.state, waiting.timeliness) == ("da_gui_kiem_tra", "on_time")
    assert waiting.pending_reviewer == "gv-toan-01,gv-toan-02"
    assert waiting.pending_since == datetime.fromisoformat("2025-10-10T09:00:00+07:00")
    (correction,) = [f for f in facts if f.type == "bien-ban-sua"]
    assert (correction.expected, correction.timeliness) == ("unknown", "no_deadline")
    assert "bien-ban-sua" in str(correction.expected_why)
    locked = [f for f in facts if f.teacher == "gv-toan-02" and f.week == 1]
    assert [(f.path, f.timeliness) for f in locked] == [(None, "missing")]


def test_counts_match_the_hand_computed_ones(facts: list[Fact]) -> None:
    report = school_report(to_table(facts))
    (total,) = report.table("schools").as_dicts()
    assert (total["expected"], total["on_time"], total["late"], total["missing"]) == (72, 3, 0, 69)
    assert (total["sendbacks"], total["timely_pct"]) == (1, 4.2)
    (toan02,) = _rows(report, "teachers", teacher="gv-toan-02")
    assert (toan02["expected"], toan02["submitted"], toan02["on_time"]) == (9, 2, 2)
    assert (toan02["missing"], toan02["sendbacks"]) == (7, 1)
    assert (toan02["delay_median_h"], toan02["delay_max_h"]) == (48.0, 73.0)
    assert toan02["signatures_pending"] == 2
    (toan03,) = _rows(report, "teachers", teacher="gv-toan-03")
    assert (toan03["expected"], toan03["on_time"], toan03["missing"]) == (9, 1, 8)
    weeks = {r["week"]: r for r in report.table("weeks").as_dicts()}
    assert sorted(weeks) == list(range(1, 10))  # 27/10–2/11 is no teaching week
    assert (weeks[1]["expected"], weeks[1]["missing"]) == (8, 8)  # locked, nobody wrote it
    assert (weeks[5]["on_time"], weeks[5]["missing"]) == (1, 7)
    assert (weeks[6]["on_time"], weeks[6]["missing"]) == (2, 6)
    reviewers = {r["reviewer"]: r for r in report.table("reviewers").as_dicts()}
    assert sorted(reviewers) == ["gv-toan-01", "gv-toan-02"]
    assert (reviewers["gv-toan-01"]["pending"], reviewers["gv-toan-01"]["oldest_h"]) == (1, 747.0)


def test_filters_narrow_the_rows(facts: list[Fact]) -> None:
    week = school_report(to_table(facts), Filters(week=6))
    (total,) = week.table("schools").as_dicts()
    assert (total["expected"], total["on_time"], total["missing"]) == (8, 2, 6)
    october = school_report(
        to_table(facts),
        Filters(first=datetime(2025, 10, 6).date(), last=datetime(2025, 10, 19).date(),
                teacher="gv-toan-02"),
    )  # fmt: skip
    (total,) = october.table("schools").as_dicts()
    assert (total["expected"], total["on_time"], total["missing"]) == (2, 2, 0)


def test_late_by_receive_time_under_stricter_rules(world: World, tmp_path: Path) -> None:
    folder = tmp_path / "le-khac-can"
    shutil.copytree(world.admin.root / "schools" / "le-khac-can", folder)
    rules = folder / "quy-che.yml"
    text = rules.read_text(encoding="utf-8")
    before = "      - {kieu: truoc_tuan, moc: tuan}\n"
    assert before in text
    rules.write_text(
        text.replace(before, "      - {kieu: truoc_ngay, moc: tu_ngay, so_ngay: 4}\n", 1),
        encoding="utf-8",
    )
    strict = load_profile_dir(folder, "le-khac-can")
    facts = collect_facts(world.bare, strict, AS_OF)
    # Received Fri 3/10 and Fri 10/10 for Mondays 6/10 and 13/10: due Thu 2/10 and 9/10.
    (total,) = school_report(to_table(facts)).table("schools").as_dicts()
    assert (total["on_time"], total["late"], total["missing"]) == (0, 3, 69)
    week5 = _one(facts, schedule_rel("gv-toan-02", 5))
    assert week5.due_at == datetime.fromisoformat("2025-10-02T23:59:59+07:00")
    assert week5.timeliness == "late"


def test_the_cli_reads_a_clone_like_the_server(
    world: World, cli: Callable[..., Result], school: School
) -> None:
    import json

    clone = world.person("pht-02")
    clone.git("fetch", "-q", "origin", "refs/notes/*:refs/notes/*")
    done = cli("report", "--format", "json", "--at", "2025-11-10T12:00", cwd=clone.root)
    assert done.code == 0, done.err
    data = json.loads(done.out)
    (total,) = data["schools"]
    assert (total["expected"], total["on_time"], total["missing"]) == (72, 3, 69)
    done = cli("report", "--week", "6", "--group", "to-khtn", "--at", "2025-11-10T12:00",
               cwd=clone.root)  # fmt: skip
    assert done.code == 0, done.err
    assert "Theo giáo viên" in done.out
    line = next(x for x in done.out.splitlines() if "gv-toan-03" in x and "to-khtn" in x)
    assert line.split()[:6] == ["2025-2026", "to-khtn", "gv-toan-03", "1", "1", "1"]
    done = cli("report", "--week", "6", "--from", "2025-10-01", cwd=clone.root)
    assert done.code == 2
    del school


def test_three_schools_district_report_matches_their_own(
    world: World, school: School, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """Three schools (two of one district), each writing its facts; the district's tables
    are the schools' own rows, and the schools are ranked by timeliness."""
    import json

    from hsdt.report.aggregate import district_report
    from hsdt.report.store import write_facts

    quiet = World(tmp_path / "quiet")
    busy = World(tmp_path / "busy")
    with pytest.MonkeyPatch.context() as mp:
        for teacher in ("gv-toan-02", "gv-toan-03"):
            branch = _submit(busy, teacher, 6, "2025-10-10T09:00:00+07:00")
            assert (
                do_approve(busy, mp, "gv-toan-01", branch, "2025-10-10T15:00:00+07:00") == "merge"
            )
    schools = [
        (world.bare, school, "an-lao"),
        (quiet.bare, dataclasses.replace(load_school(quiet.admin.root), id="truong-b"), "an-lao"),
        (busy.bare, dataclasses.replace(load_school(busy.admin.root), id="truong-c"), "kien-an"),
    ]
    out = tmp_path / "facts"
    own: dict[str, Report] = {}
    for bare, each, district in schools:
        rows = collect_facts(bare, each, AS_OF, district=district)
        write_facts(rows, out, district, each.id)
        write_facts(rows, out, district, each.id)  # a re-run replaces, never duplicates
        own[each.id] = school_report(to_table(rows))
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet"))
    assert files == [
        "district=an-lao/school=le-khac-can/year=2025-2026/facts.parquet",
        "district=an-lao/school=truong-b/year=2025-2026/facts.parquet",
        "district=kien-an/school=truong-c/year=2025-2026/facts.parquet",
    ]
    district = district_report([out], details=True)
    for name in ("teachers", "groups", "weeks", "reviewers", "missing"):
        mine = sorted((row for r in own.values() for row in r.table(name).rows), key=repr)
        assert sorted(district.table(name).rows, key=repr) == mine, name
    ranked = [(r["rank"], r["school"]) for r in district.table("schools").as_dicts()]
    # 3/72 on time, 2/72 (two schedules of week 6), 0/72
    assert ranked == [(1, "le-khac-can"), (2, "truong-c"), (3, "truong-b")]
    for row in district.table("schools").rows:
        (alone,) = own[row[2]].table("schools").rows
        assert row[1:] == alone[1:]
    done = cli("report", "district", str(out / "district=an-lao"), "--format", "json",
               cwd=tmp_path)  # fmt: skip
    assert done.code == 0, done.err
    assert [r["school"] for r in json.loads(done.out)["schools"]] == ["le-khac-can", "truong-b"]


@pytest.fixture(scope="module")
def clone(world: World) -> Path:
    person = world.person("ht-01")
    person.git("fetch", "-q", "origin", "refs/notes/*:refs/notes/*")
    return person.root


def test_the_xlsx_reopens_with_the_same_numbers(
    clone: Path, facts: list[Fact], cli: Callable[..., Result], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "bao-cao.xlsx"
    done = cli("report", "--format", "xlsx", "--out", str(out), "--at", "2025-11-10T12:00",
               cwd=clone)  # fmt: skip
    assert done.code == 0, done.err
    book = load_workbook(out)
    assert book.sheetnames == ["groups", "teachers", "weeks", "reviewers", "missing", "unknown"]
    sheet = book["teachers"]
    assert sheet["A1"].value == "Theo giáo viên"
    header = [c.value for c in sheet[2]]
    assert header[:5] == [
        "Năm học",
        "Tổ",
        "Giáo viên",
        "Phải nộp (theo quy chế)",
        "Đã nộp (mọi hồ sơ)",
    ]
    by_teacher = {row[2]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    expected = {
        r["teacher"]: r for r in school_report(to_table(facts)).table("teachers").as_dicts()
    }
    assert set(by_teacher) == set(expected)
    for teacher, row in by_teacher.items():
        named = dict(zip(sheet_columns(header), row, strict=True))
        for key in ("expected", "submitted", "on_time", "late", "missing", "sendbacks"):
            assert named[key] == expected[teacher][key], (teacher, key)
    toan02 = dict(zip(sheet_columns(header), by_teacher["gv-toan-02"], strict=True))
    assert (toan02["delay_median_h"], toan02["delay_max_h"]) == (48.0, 73.0)
    missing = book["missing"]
    assert [c.value for c in missing[2]][-1] == "Hạn nộp"
    first = next(missing.iter_rows(min_row=3, values_only=True))
    assert isinstance(first[-1], datetime)  # a real date cell, Vietnam time
    assert first[-1] == datetime(2025, 9, 7, 23, 59, 59)


def sheet_columns(header: list[object]) -> list[str]:
    """Column names back from their Vietnamese labels."""
    from hsdt.i18n.catalog_facts import MESSAGES

    back = {vi: key.removeprefix("report.col.") for key, (vi, _en) in MESSAGES.items()
            if key.startswith("report.col.")}  # fmt: skip
    return [back[str(h)] for h in header]


def _svg_texts(html: str) -> list[list[str]]:
    import re
    import xml.etree.ElementTree as ET

    charts = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    out = []
    for svg in charts:
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        out.append(["".join(t.itertext()).strip() for t in root.iter() if t.tag.endswith("text")])
    return out


def test_the_html_report_carries_svg_charts_with_vietnamese_labels(
    clone: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "bao-cao.html"
    done = cli("report", "--format", "html", "--out", str(out), "--at", "2025-11-10T12:00",
               cwd=clone)  # fmt: skip
    assert done.code == 0, done.err
    html = out.read_text(encoding="utf-8")
    assert "<h1>BÁO CÁO TIẾN ĐỘ HỒ SƠ CHUYÊN MÔN — Trường Tiểu học" in html
    assert "không đăng lên trang web của trường" in html
    weeks, groups, delay = _svg_texts(html)
    # the week axis 1–9 (the holiday week is no teaching week), then the count axis from 0
    assert weeks[:10] == [*(str(n) for n in range(1, 10)), "0"]
    assert {"Nộp đúng hạn theo tuần", "Số hồ sơ", "Đúng hạn", "Muộn", "Thiếu"} <= set(weeks)
    assert {"Nộp đúng hạn theo tổ", "to-khtn", "to-khxh", "to-tieu-hoc"} <= set(groups)
    assert {"Thời gian từ khi nộp đến khi duyệt xong (giờ)", "Trung vị", "Lâu nhất"} <= set(delay)
    done = cli("--lang", "en", "report", "--format", "html", "--at", "2025-11-10T12:00",
               cwd=clone)  # fmt: skip
    assert done.code == 0, done.err
    weeks, groups, delay = _svg_texts(done.out)
    assert {"Timeliness by week", "On time", "Late", "Missing"} <= set(weeks)
    assert "Timeliness by group" in groups
    assert "<th>Teacher</th>" in done.out


def test_the_pdf_report_prints_tables_and_charts(
    clone: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    import subprocess

    out = tmp_path / "bao-cao.pdf"
    done = cli("report", "--week", "6", "--format", "pdf", "--out", str(out), "--at",
               "2025-11-10T12:00", cwd=clone)  # fmt: skip
    assert done.code == 0, done.err
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "BÁO CÁO TIẾN ĐỘ HỒ SƠ CHUYÊN MÔN" in text
    assert "Phạm vi: năm học 2025-2026, tuần 6" in text
    assert "Nộp đúng hạn theo tuần" in text  # the chart's title, drawn as text
    assert "Hồ sơ quy chế yêu cầu nhưng còn thiếu" in text
    done = cli("report", "--format", "pdf", cwd=clone)
    assert done.code == 2
    assert "--out" in done.err


def test_facts_files_are_written_once_per_partition(
    clone: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "facts"
    for _ in range(2):
        done = cli("report", "facts", "--out", str(out), "--at", "2025-11-10T12:00", cwd=clone)
        assert done.code == 0, done.err
    assert done.out == f"đã ghi 73 dòng dữ kiện vào 1 tệp dưới {out}\n"
    (only,) = out.rglob("*.parquet")
    assert only.relative_to(out).as_posix() == (
        "district=ubnd-huyen-an-lao/school=le-khac-can/year=2025-2026/facts.parquet"
    )
    table = pq.read_table(only)
    assert table.num_rows == 73  # 69 missing, 3 schedules and the correction record
    assert "school" not in table.column_names  # a partition key, read back from the folder
    assert [p.name for p in only.parent.iterdir()] == ["facts.parquet"]


def test_a_second_run_takes_the_records_values_from_the_cache(
    world: World, school: School, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from hsdt.report import facts as facts_module
    from hsdt.report.metacache import FILE

    cache = world.bare / "hsdt" / FILE  # the bare repository is its own git directory
    cache.unlink(missing_ok=True)
    asked: list[dict[str, str]] = []
    real = facts_module.stream_by_id

    def stream_by_id(root: Path, blobs: dict[str, str]) -> Iterator[tuple[str, bytes]]:
        asked.append(dict(blobs))
        return real(root, blobs)

    monkeypatch.setattr(facts_module, "stream_by_id", stream_by_id)
    cold = collect_facts(world.bare, school, AS_OF)
    read_cold = {p for call in asked for p in call}
    assert schedule_rel("gv-toan-02", 5) in read_cold
    assert schedule_rel("gv-toan-03", 6) in read_cold  # waiting on its branch: read there
    assert cache.is_file()
    asked.clear()
    warm = collect_facts(world.bare, school, AS_OF)
    assert warm == cold
    assert {p for call in asked for p in call} == set()  # every value came from the cache
    stored = json.loads(cache.read_text(encoding="utf-8"))
    stored["stamp"] = "another profile"
    cache.write_text(json.dumps(stored), encoding="utf-8")
    asked.clear()
    assert collect_facts(world.bare, school, AS_OF) == cold
    assert {p for call in asked for p in call} == read_cold  # all read again, then kept
    assert json.loads(cache.read_text(encoding="utf-8"))["stamp"] != "another profile"


def test_main_s_changes_come_from_the_cache_and_give_the_same_facts(
    world: World, school: School
) -> None:
    import json

    from hsdt.git.changecache import FILE

    cache = world.bare / "hsdt" / FILE
    cache.unlink(missing_ok=True)
    cold = collect_facts(world.bare, school, AS_OF)
    entries = json.loads(cache.read_text(encoding="utf-8"))["entries"]
    line = git(world.bare, "rev-list", "--first-parent", "refs/heads/main").split()
    assert sorted(entries) == sorted(line)
    assert collect_facts(world.bare, school, AS_OF) == cold
    cache.write_text("{broken", encoding="utf-8")
    assert collect_facts(world.bare, school, AS_OF) == cold


def test_facts_are_collected_with_the_collector_paused_and_it_is_back_on_after(
    world: World, school: School, facts: list[Fact], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import hsdt.report.facts as module

    seen: list[bool] = []
    inner = module._collect_facts

    def watched(*args: object) -> list[Fact]:
        seen.append(gc.isenabled())
        return inner(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "_collect_facts", watched)
    gc.enable()
    again = collect_facts(world.bare, school, AS_OF)
    assert seen == [False]
    assert gc.isenabled()
    assert again == facts
