"""The package of a week names what the school's rules expected in it: on a real bare
repository with the hooks, week 6's schedules (báo giảng) are one approved and published but
not signed by its teacher, one submitted but not approved, and the others missing; the report
(JSON, HTML) and the manifest say so, and say what the rules cannot tell (lesson plans)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hsdt.archive.package import export_tag
from hsdt.load.profile import load_school
from hsdt.sign.demopki import DemoPki
from hsdt.workflow.publish import publish
from tests.gitworld import World
from tests.test_workflow_e2e import do_approve

TAG = "tuan-06-2025-2026"


def schedule_rel(teacher: str) -> str:
    return f"records/2025-2026/to-khtn/{teacher}/bao-giang/tuan-06.md"


def submit_schedule(world: World, teacher: str) -> str:
    person = world.person(teacher)
    person.write(
        schedule_rel(teacher),
        "---\nloai: bao-giang\nnam_hoc: 2025-2026\ntieu_de: Lịch báo giảng tuần 6\n"
        f"to: to-khtn\ngiao_vien: {teacher}\ntuan: 6\ntu_ngay: 2025-10-13\n"
        "den_ngay: 2025-10-19\n---\n\n# Lịch báo giảng\n\nThứ Hai: Toán 6A1, tiết 1-2.\n\n"
        "# Ghi chú\n\nKhông.\n",
    )
    branch = f"nop/{teacher}/bao-giang/tuan-06"
    done = person.commit_push(
        branch,
        [schedule_rel(teacher)],
        when="2025-10-10T09:00:00+07:00",
        received="2025-10-10T09:00:00+07:00",
    )
    assert done.returncode == 0, done.stderr
    return branch


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory, pki: DemoPki) -> Path:
    tmp = tmp_path_factory.mktemp("expected")
    world = World(tmp / "world")
    approved = submit_schedule(world, "gv-toan-02")
    submit_schedule(world, "gv-toan-03")
    with pytest.MonkeyPatch.context() as mp:
        assert do_approve(world, mp, "gv-toan-01", approved, "2025-10-11T08:00:00+07:00") == "merge"
    clerk = world.admin
    clerk.git("config", "gpg.format", "ssh")
    clerk.git("config", "user.signingkey", str(clerk.key))
    clerk.git("pull", "-q", "--ff-only", "origin", "main")
    # published without the teacher's signature: the PDF's 'nguoi_lap' field stays empty
    report = publish(clerk.root, load_school(clerk.root))
    assert [i.record for i in report.items] == [schedule_rel("gv-toan-02")]
    trust = clerk.root / "signatures" / "tin-cay" / "ca-thu-nghiem.pem"
    trust.parent.mkdir(parents=True, exist_ok=True)
    trust.write_bytes(pki.root.read_bytes())
    clerk.git("add", str(trust))
    clerk.git("commit", "-q", "-S", "-m", "Chứng thư gốc tin cậy", when="2025-10-11T10:00:00+07:00")
    assert clerk.push("main", received="2025-10-11T10:00:00+07:00").returncode == 0
    clerk.git(
        "-c", "gpg.format=ssh", "tag", "-s", "-m", "Lưu trữ tuần 6", TAG, "HEAD",
        when="2025-10-20T17:00:00+07:00",
    )  # fmt: skip
    assert clerk.push(f"refs/tags/{TAG}", received="2025-10-20T17:00:00+07:00").returncode == 0
    result = export_tag(clerk.root, TAG, tmp / "out")
    teachers = 8  # every teacher of Lê Khắc Cẩn's three groups owes a schedule a week
    assert (result.expected, result.owed) == (teachers, teachers)
    return result.path


def test_the_report_names_missing_unapproved_and_unsigned_schedules(package: Path) -> None:
    report = json.loads((package / "data" / "bao-cao-kiem-tra.json").read_bytes())
    assert report["ky_luu_tru"] == {
        "loai_ky": "tuan",
        "nam_hoc": "2025-2026",
        "tu_ngay": "2025-10-13",
        "den_ngay": "2025-10-19",
    }
    owed = report["ho_so_phai_co"]
    assert (owed["tong_so"], owed["so_du"]) == (8, 0)
    assert (owed["so_thieu"], owed["so_chua_duyet"], owed["so_chua_ky"]) == (6, 1, 1)
    by_teacher = {item["giao_vien"]: item for item in owed["chua_du"]}
    assert by_teacher["gv-toan-02"]["trang_thai"] == "chua_ky"
    assert by_teacher["gv-toan-02"]["ho_so"] == [schedule_rel("gv-toan-02")]
    assert by_teacher["gv-toan-03"]["trang_thai"] == "chua_duyet"
    assert by_teacher["gv-toan-03"]["ho_so"] == [schedule_rel("gv-toan-03")]
    assert by_teacher["gv-toan-01"] == {
        "loai": "bao-giang",
        "tan_suat": "hang_tuan",
        "nam_hoc": "2025-2026",
        "to": "to-khtn",
        "giao_vien": "gv-toan-01",
        "tuan": 6,
        "tu_ngay": "2025-10-13",
        "den_ngay": "2025-10-19",
        "han": None,
        "trang_thai": "thieu",
        "ho_so": [],
    }
    missing = sorted(t for t, item in by_teacher.items() if item["trang_thai"] == "thieu")
    assert missing == ["gv-th-01", "gv-th-02", "gv-th-03", "gv-toan-01", "gv-van-01", "gv-van-02"]
    cannot = {u["loai"] for u in owed["khong_xac_dinh"]}
    assert {"khbd-trung-hoc", "khbd-tieu-hoc", "bien-ban-hop-to"} <= cannot


def test_the_html_and_the_manifest_show_it(package: Path) -> None:
    html = (package / "data" / "bao-cao-kiem-tra.html").read_text(encoding="utf-8")
    assert "Hồ sơ quy chế yêu cầu trong kỳ: còn thiếu, chưa duyệt, chưa ký" in html
    assert "Kỳ: tuần năm học 2025-2026, từ 2025-10-13 đến 2025-10-19" in html
    assert "thiếu: 6; chưa duyệt: 1; chưa ký đủ: 1" in html
    assert "<td>chưa duyệt</td><td>bao-giang</td><td>gv-toan-03</td>" in html
    assert "tuần 6 (2025-10-13 – 2025-10-19)" in html
    assert "quy chế không cho biết kỳ này cần bao nhiêu hồ sơ" in html
    manifest = json.loads((package / "data" / "ho-so.json").read_bytes())
    assert manifest["ky_luu_tru"]["tu_ngay"] == "2025-10-13"
    owed = {(i["giao_vien"], i["trang_thai"]) for i in manifest["ho_so_phai_co_chua_du"]}
    assert ("gv-toan-02", "chua_ky") in owed
    assert ("gv-toan-03", "chua_duyet") in owed
    assert len(owed) == 8


def test_the_package_still_verifies(package: Path) -> None:
    from hsdt.archive.check import verify_package

    result = verify_package(package)
    # the unsigned PDF is a problem of the record, named as such, not of the package
    texts = [p.render("vi") for p in result.problems]
    assert texts
    pdf = schedule_rel("gv-toan-02").replace("records/", "signatures/").replace(".md", ".pdf")
    assert all(pdf in t for t in texts), texts
