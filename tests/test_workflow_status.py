"""hsdt submit, approve, status and approved_since on a real server (bare repository + hooks)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from hsdt.load.profile import load_school
from hsdt.workflow.approvals import approved_since
from hsdt.workflow.status import State, record_states
from tests.conftest import Result
from tests.gitworld import Person, World
from tests.samples import LESSON_REL, demo_week_text, lesson_text

FIXTURES = Path(__file__).parent / "fixtures"
BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
OTHER_REL = LESSON_REL.replace("2025-10-16-phan-so-bang-nhau", "2025-10-17-so-sanh-phan-so")


def act_as(monkeypatch: pytest.MonkeyPatch, person: Person, received: str) -> None:
    for key, value in person.env(received, received).items():
        if key.startswith(("GIT_AUTHOR", "GIT_COMMITTER", "HSDT_")):
            monkeypatch.setenv(key, value)


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def test_submit_approve_and_status(
    world: World, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    teacher.write(OTHER_REL, demo_week_text(OTHER_REL))
    act_as(monkeypatch, teacher, "2025-10-12T20:00:00+07:00")
    done = cli("submit", LESSON_REL, cwd=teacher.root)
    assert done.code == 0, done.err
    assert done.out == f"đã nộp 1 hồ sơ trên nhánh {BRANCH}\n"
    done = cli("status", "--all", cwd=teacher.root)
    assert done.out.splitlines() == [  # the school's words (QĐ 309 Điều 6e: "gởi kiểm tra")
        f"gởi kiểm tra  {LESSON_REL}  (nhánh {BRANCH})",
        f"nháp          {OTHER_REL}",
    ]
    head = world.person("gv-toan-01")
    act_as(monkeypatch, head, "2025-10-12T21:00:00+07:00")
    done = cli("approve", BRANCH, "--request-changes", "Bổ sung phần Vận dụng", cwd=head.root)
    assert done.code == 0, done.err
    assert done.out.startswith(f"gv-toan-01 (to_truong) đã trả {BRANCH} về để chỉnh sửa")
    teacher.git("fetch", "-q")
    done = cli("status", "--format", "json", LESSON_REL, cwd=teacher.root)
    (entry,) = json.loads(done.out)
    assert entry["trang_thai"] == "yeu_cau_chinh_sua"
    assert entry["ly_do"] == "Bổ sung phần Vận dụng"
    assert entry["nop_luc"] == "2025-10-12T20:00:00+07:00" or entry["nop_luc"] is None
    teacher.git("merge", "-q", "--ff-only", f"origin/{BRANCH}")
    teacher.write(LESSON_REL, lesson_text() + "\nBổ sung phần Vận dụng.\n")
    # before the Sunday batch closes (23:59): the Friday lesson riding along is on time too
    act_as(monkeypatch, teacher, "2025-10-12T22:00:00+07:00")
    done = cli("submit", cwd=teacher.root)
    assert done.code == 0, done.err
    assert "đã nộp 2 hồ sơ" in done.out  # the pending plan rides along
    act_as(monkeypatch, head, "2025-10-14T09:00:00+07:00")
    done = cli("approve", BRANCH, cwd=head.root)
    assert done.code == 0, done.err
    assert "đã duyệt" in done.out
    assert "gộp vào main" in done.out
    head.git("fetch", "-q", "origin", "refs/notes/*:refs/notes/*")
    states = record_states(head.root, load_school(head.root))
    assert states[LESSON_REL].state is State.APPROVED
    (evidence,) = states[LESSON_REL].approvals
    assert (evidence.approver, evidence.role.value) == ("gv-toan-01", "to_truong")
    assert evidence.at.isoformat() == "2025-10-14T09:00:00+07:00"
    approved = approved_since(world.bare, load_school(head.root))
    assert {a.path for a in approved} == {LESSON_REL, OTHER_REL}
    assert all(a.evidence[0].source.value == "ssh-merge" for a in approved)
    assert approved_since(world.bare, load_school(head.root), since="main") == []
    # Signed PDF (hsdt publish's output) → đã ký; kh plans are internal, so not published.
    clerk = world.admin
    clerk.git("pull", "-q", "--ff-only")
    pdf = "signatures/" + LESSON_REL.removeprefix("records/").removesuffix(".md") + ".pdf"
    clerk.write(pdf, "%PDF-1.7 placeholder\n")
    clerk.git("add", pdf)
    clerk.git("-c", "gpg.format=ssh", "-c", f"user.signingkey={clerk.key}", "commit", "-q",
              "-S", "-m", "Ký số")  # fmt: skip
    pushed = clerk.push("main", received="2025-10-14T10:00:00+07:00")
    assert pushed.returncode == 0, pushed.stderr
    head.git("fetch", "-q")
    states = record_states(head.root, load_school(head.root))
    assert states[LESSON_REL].state is State.SIGNED
    assert states[LESSON_REL].signed_pdf == pdf
    assert states[OTHER_REL].state is State.APPROVED


class _Host(BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.requests.append(("POST", self.path, body))
        data = (FIXTURES / "github" / "pull.json").read_bytes()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


@pytest.fixture
def fake_github() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Host)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Host.requests.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_submit_opens_a_pull_request(
    world: World, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, fake_github: str
) -> None:
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    act_as(monkeypatch, teacher, "2025-10-12T20:00:00+07:00")
    monkeypatch.setenv("HSDT_GIT_HOST", "github")
    monkeypatch.setenv("HSDT_GIT_URL", fake_github)
    monkeypatch.setenv("HSDT_GIT_REPO", "truong-mau/ho-so")
    monkeypatch.setenv("HSDT_GIT_TOKEN", "test-token")
    done = cli("submit", cwd=teacher.root)
    assert done.code == 0, done.err
    assert done.out.splitlines()[1] == "pull request: https://github.com/truong-mau/ho-so/pull/12"
    ((method, path, body),) = _Host.requests
    assert (method, path) == ("POST", "/repos/truong-mau/ho-so/pulls")
    assert body["head"] == BRANCH
    assert body["base"] == "main"
    assert body["title"] == "Nộp hồ sơ: 2025-10-16-phan-so-bang-nhau (Đỗ Thị Tạm)"
    assert "- [ ] Nộp đúng hạn (máy chủ tính theo thời điểm nhận)" in body["body"]


def test_submit_refused_by_the_server(
    world: World, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    act_as(monkeypatch, teacher, "2025-10-15T20:00:00+07:00")
    done = cli("submit", LESSON_REL, cwd=teacher.root)
    assert done.code == 1
    assert "máy chủ không nhận bản nộp" in done.err
    assert "[han-nop]" in done.err
    # The refused submission was undone: the record is still pending, and submitting it
    # again meets the same refusal (not "nothing to submit").
    assert teacher.git("branch", "--show-current").stdout.strip() == "main"
    done = cli("submit", cwd=teacher.root)
    assert done.code == 1
    assert "[han-nop]" in done.err


def test_approve_refuses_someone_without_the_role(
    world: World, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    act_as(monkeypatch, teacher, "2025-10-12T20:00:00+07:00")
    assert cli("submit", cwd=teacher.root).code == 0
    other = world.person("gv-van-01")
    act_as(monkeypatch, other, "2025-10-13T09:00:00+07:00")
    done = cli("approve", BRANCH, cwd=other.root)
    assert done.code == 2
    assert (
        "gv-van-01 không giữ vai trò duyệt bước tiếp theo (to_truong, to_pho, nhom_truong)"
        in done.err
    )
    done = cli("approve", "nop/gv-toan-02/khbd-trung-hoc/khong-co", cwd=other.root)
    assert done.code == 1
