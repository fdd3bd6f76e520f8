"""A record's history (``hsdt status PATH --history``) on a real bare repository with the hooks:
a lesson plan submitted, sent back, resubmitted, approved by a signed merge, published, signed
by its author and its group head, locked by the profile's semester lock and named by an
approved correction record. Every time is the server's receive time, pinned by the test."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from hsdt.load.profile import load_school
from hsdt.report.history import EventKind, TimeSource, read_histories
from hsdt.scaffold import new_record
from hsdt.sign.demopki import DemoPki
from hsdt.workflow.paths import signed_pdf_path
from hsdt.workflow.publish import publish
from tests.conftest import Result
from tests.gitworld import World
from tests.samples import LESSON_REL, lesson_text
from tests.sign_helpers import roster_knows_pki, sign_as
from tests.test_workflow_e2e import BRANCH, ON_TIME, do_approve, submit_lesson

FIX_BRANCH = "nop/gv-toan-02/bien-ban-sua/2026-01-20-sua-giao-an"


def sign_pdf_as(world: World, pki: DemoPki, who: str, ident: str, role: str, received: str) -> None:
    """``who`` adds their signature to the lesson's PDF and pushes it to main."""
    person = world.person(who)
    person.git("fetch", "-q", "origin")
    person.git("checkout", "-q", "-B", "main", "origin/main")
    rel = signed_pdf_path(LESSON_REL)
    pdf = person.root / rel
    pdf.write_bytes(sign_as(pdf.read_bytes(), pki, ident, role))
    person.git("add", rel)
    person.git("commit", "-q", "-S", "-m", f"Ký {role}")
    done = person.push("HEAD:main", received=received)
    assert done.returncode == 0, done.stderr


def lived_lesson(tmp_path: Path, pki: DemoPki, monkeypatch: pytest.MonkeyPatch) -> World:
    """The whole life of the lesson plan, on the server."""
    people = {"gv-toan-02": "giao_vien", "gv-toan-01": "to_truong"}
    world = World(tmp_path, prepare=lambda root: roster_knows_pki(root, pki, people, seal=None))
    teacher = submit_lesson(world)  # received 12/10 20:00
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
    done = teacher.commit_push(
        BRANCH, [LESSON_REL], when="2025-10-10T08:00:00+07:00", received="2025-10-14T08:00:00+07:00"
    )
    assert done.returncode == 0, done.stderr
    assert do_approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-14T10:00:00+07:00") == (
        "merge"
    )
    clerk = world.admin
    clerk.git("pull", "-q", "--ff-only", "origin", "main")
    trust = clerk.root / "signatures" / "tin-cay" / "ca-thu-nghiem.pem"
    trust.parent.mkdir(parents=True, exist_ok=True)
    trust.write_bytes(pki.root.read_bytes())
    clerk.git("add", str(trust))
    clerk.git("commit", "-q", "-S", "-m", "Chứng thư gốc tin cậy")
    for key in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):  # the clerk publishes
        monkeypatch.setenv(key, clerk.email)
    publish(clerk.root, load_school(clerk.root))
    done = clerk.push("main", received="2025-10-14T11:00:00+07:00")
    assert done.returncode == 0, done.stderr
    sign_pdf_as(world, pki, "gv-toan-02", "giao_vien", "nguoi_lap", "2025-10-14T12:00:00+07:00")
    sign_pdf_as(world, pki, "gv-toan-01", "to_truong", "to_truong", "2025-10-14T13:00:00+07:00")
    # After the semester lock (17/01/2026 17:00), a correction record names the lesson.
    teacher.git("fetch", "-q", "origin")
    teacher.git("checkout", "-q", "-B", "main", "origin/main")
    school = load_school(teacher.root)
    fix = new_record(
        teacher.root,
        school,
        "bien-ban-sua",
        {
            "tieu_de": "Sửa giáo án",
            "nguoi_lap": "gv-toan-02",
            "ngay_lap": "2026-01-20",
            "ho_so_sua": LESSON_REL,
            "ly_do": "Nhập nhầm nội dung hoạt động",
            "nguoi_de_nghi": "gv-toan-02",
            "nguoi_cho_phep": "ht-01",
            "nguoi_chung_kien": "vt-01,gv-toan-02",
        },
    )
    fix_rel = fix.relative_to(teacher.root).as_posix()
    done = teacher.commit_push(
        FIX_BRANCH,
        [fix_rel],
        when="2026-01-20T08:00:00+07:00",
        received="2026-01-20T08:00:00+07:00",
    )
    assert done.returncode == 0, done.stderr
    # the witnesses the correction names confirm first (issue 14)
    for witness in ("vt-01", "gv-toan-02"):
        assert do_approve(world, monkeypatch, witness, FIX_BRANCH, "2026-01-21T08:30:00+07:00") == (
            "witness"
        )
    assert do_approve(world, monkeypatch, "ht-01", FIX_BRANCH, "2026-01-21T09:00:00+07:00") == (
        "merge"
    )
    return world


def test_history_of_a_lesson_with_a_send_back_signatures_lock_and_correction(
    tmp_path: Path, pki: DemoPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = lived_lesson(tmp_path, pki, monkeypatch)
    school = load_school(world.admin.root)
    (history,) = read_histories(world.bare, school, [LESSON_REL])
    assert [(e.kind, e.at.isoformat(), e.who, e.role) for e in history.events] == [
        (EventKind.SUBMITTED, ON_TIME, "gv-toan-02", None),
        (EventKind.SENT_BACK, "2025-10-13T09:00:00+07:00", "gv-toan-01", "to_truong"),
        (EventKind.RESUBMITTED, "2025-10-14T08:00:00+07:00", "gv-toan-02", None),
        (EventKind.APPROVAL, "2025-10-14T10:00:00+07:00", "gv-toan-01", "to_truong"),
        (EventKind.PUBLISHED, "2025-10-14T11:00:00+07:00", "vt-01", None),
        (EventKind.SIGNED, "2025-10-14T12:00:00+07:00", "gv-toan-02", "nguoi_lap"),
        (EventKind.SIGNED, "2025-10-14T13:00:00+07:00", "gv-toan-01", "to_truong"),
        (EventKind.LOCKED, "2026-01-17T17:00:00+07:00", "ht-01", None),
        (EventKind.CORRECTION, "2026-01-21T09:00:00+07:00", "gv-toan-02", None),
    ]
    events = history.events
    assert all(e.source is TimeSource.SERVER for e in events if e.kind is not EventKind.LOCKED)
    assert events[-2].source is TimeSource.PROFILE
    assert events[1].reason == "Bổ sung phần Vận dụng"
    approval = events[3]
    assert (approval.step, approval.steps, approval.counted, approval.merged) == (1, 1, True, True)
    assert approval.commit == events[2].commit  # the tip the head reviewed: the resubmission
    assert events[0].detail == BRANCH
    assert events[4].detail == signed_pdf_path(LESSON_REL)
    assert events[-1].detail.startswith("records/2025-2026/truong/bien-ban-sua/")
    assert events[-1].reason == "Nhập nhầm nội dung hoạt động"
    assert dict(events[-1].extra) == {"nguoi_cho_phep": "ht-01"}


def test_history_cli_text_json_and_english(
    tmp_path: Path, pki: DemoPki, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    world = lived_lesson(tmp_path, pki, monkeypatch)
    principal = world.person("ht-01")
    principal.git("fetch", "-q", "origin", "+refs/notes/*:refs/notes/*")
    done = cli("status", "--history", LESSON_REL, cwd=principal.root)
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0] == LESSON_REL
    assert lines[1] == (
        f"  2025-10-12 20:00 (+07:00)  nộp lần đầu: Đỗ Thị Tạm (gv-toan-02), nhánh {BRANCH}"
    )
    assert lines[2] == (
        "  2025-10-13 09:00 (+07:00)  trả về để chỉnh sửa: Hoàng Văn Giả Định (gv-toan-01),"
        " tổ trưởng, lý do: Bổ sung phần Vận dụng"
    )
    assert lines[4].startswith(
        "  2025-10-14 10:00 (+07:00)  duyệt bước 1/1: Hoàng Văn Giả Định (gv-toan-01), tổ trưởng"
    )
    assert lines[4].endswith("— đã duyệt đủ, gộp vào main")
    assert (
        lines[6]
        == "  2025-10-14 12:00 (+07:00)  đã ký số: Đỗ Thị Tạm (gv-toan-02), vị trí người lập"
    )
    assert lines[8] == (
        "  2026-01-17 17:00 (+07:00)  khóa sổ hk1-2025-2026 (theo quy chế; người quyết định:"
        " Phạm Văn Mẫu (ht-01))"
    )
    assert "biên bản sửa dữ liệu records/2025-2026/truong/bien-ban-sua/" in lines[9]
    assert len(lines) == 10
    done = cli("status", "--history", "--format", "json", LESSON_REL, cwd=principal.root)
    (entry,) = json.loads(done.out)
    assert entry["ho_so"] == LESSON_REL
    kinds = [e["su_kien"] for e in entry["lich_su"]]
    assert kinds == [
        "nop", "tra_ve", "nop_lai", "duyet", "cong_bo", "ky", "ky", "khoa_so", "sua_du_lieu"
    ]  # fmt: skip
    assert entry["lich_su"][1]["ly_do"] == "Bổ sung phần Vận dụng"
    assert entry["lich_su"][0]["nguon_thoi_gian"] == "may_chu"
    done = cli("--lang", "en", "status", "--history", LESSON_REL, cwd=principal.root)
    assert "  2025-10-14 08:00 (+07:00)  resubmitted: Đỗ Thị Tạm (gv-toan-02), branch " in done.out
    # Without the server's notes (a plain clone), times fall back to the commit dates and the
    # history says so: the resubmission's commit date was forged to 10/10.
    reader = world.person("gv-van-01")
    reader.git("fetch", "-q", "origin")
    done = cli("status", "--history", LESSON_REL, cwd=reader.root)
    assert (
        "  2025-10-10 08:00 (+07:00) [giờ máy khách, không có ghi nhận của máy chủ]  nộp lại:"
        in done.out
    )
