"""``hsdt publish`` on a real bare repository with the hooks installed: approved records are
rendered (the approvers' names in the signature block), sealed with the school's seal when the
type asks for it, verified, committed by the clerk with an SSH-signed commit the server accepts,
and a second run, or a run after a crash, makes nothing twice."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from hsdt.load.profile import load_school
from hsdt.sign.demopki import DemoPki
from hsdt.sign.signers import load_pkcs12
from hsdt.sign.signing import Level
from hsdt.sign.verify import verify_pdf
from hsdt.workflow.paths import evidence_path, signed_pdf_path
from hsdt.workflow.publish import SealOptions, publish
from tests.conftest import Result
from tests.gitworld import Person, World
from tests.render_samples import sample_body
from tests.sign_helpers import demo_images, roster_knows_pki, sign_as
from tests.test_workflow_e2e import BRANCH, ON_TIME, do_approve, submit_lesson

PLAN_REL = "records/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-6.md"
PLAN_BRANCH = "nop/gv-toan-01/kh-day-hoc-to/toan-khoi-6"


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def clerk(world: World) -> Person:
    """The clerk's clone, set to sign commits with her SSH key, up to date with main."""
    admin = world.admin
    admin.git("config", "gpg.format", "ssh")
    admin.git("config", "user.signingkey", str(admin.key))
    admin.git("pull", "-q", "--ff-only", "origin", "main")
    return admin


def approved_lesson(world: World, monkeypatch: pytest.MonkeyPatch) -> Person:
    submit_lesson(world)
    do_approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-13T09:00:00+07:00")
    return clerk(world)


def pdftext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_publish_renders_commits_and_never_twice(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.samples import LESSON_REL

    admin = approved_lesson(world, monkeypatch)
    school = load_school(admin.root)
    report = publish(admin.root, school)
    assert [i.record for i in report.items] == [LESSON_REL]
    item = report.items[0]
    assert item.pdf == signed_pdf_path(LESSON_REL)
    assert item.pending == ("nguoi_lap", "to_truong")
    assert not item.skipped
    assert report.commit is not None
    text = pdftext(admin.root / item.pdf)
    assert "Hoàng Văn Giả Định" in text  # the group head who approved, under TỔ TRƯỞNG
    evidence = json.loads((admin.root / evidence_path(LESSON_REL)).read_text("utf-8"))
    assert evidence["bang_chung_duyet"][0]["nguoi_duyet"] == "gv-toan-01"
    assert evidence["bang_chung_duyet"][0]["vai_tro"] == "to_truong"
    assert evidence["chu_ky_con_thieu"] == ["nguoi_lap", "to_truong"]
    done = admin.push("main", received="2025-10-13T10:00:00+07:00")
    assert done.returncode == 0, done.stderr
    assert item.pdf in world.server_git("ls-tree", "-r", "--name-only", "main")
    before = (admin.root / item.pdf).read_bytes()
    again = publish(admin.root, school)
    assert again.commit is None
    assert [i.skipped for i in again.items] == [True]
    assert (admin.root / item.pdf).read_bytes() == before


def test_publish_after_a_crash_commits_what_was_written(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = approved_lesson(world, monkeypatch)
    school = load_school(admin.root)
    first = publish(admin.root, school, commit=False)  # killed before its commit
    pdf = admin.root / first.items[0].pdf
    written = pdf.read_bytes()
    (admin.root / evidence_path(first.items[0].record)).unlink()  # and before its evidence
    second = publish(admin.root, school)
    assert second.commit is not None
    assert [i.skipped for i in second.items] == [True]
    assert pdf.read_bytes() == written
    files = admin.git("show", "--name-only", "--format=", "HEAD").stdout.split()
    assert sorted(files) == sorted([first.items[0].pdf, evidence_path(first.items[0].record)])
    assert publish(admin.root, school).commit is None


def test_group_plan_is_sealed_then_signed_by_its_people(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pki: DemoPki,
    roots: list[object],
    cli: Callable[..., Result],
) -> None:
    # A school that seals on publication (ky_so.dong_dau: khi_cong_bo); the default order, the
    # seal after the people, is tested in tests/test_rules_signing.py.
    from tests.test_archive_export import seal_on_publication

    world = World(tmp_path, profile_edit=seal_on_publication)
    head = world.person("gv-toan-01")
    school = load_school(head.root)
    record_type = school.types["kh-day-hoc-to"]
    head.write(
        PLAN_REL,
        "---\nloai: kh-day-hoc-to\nnam_hoc: 2025-2026\n"
        "tieu_de: Kế hoạch dạy học môn Toán khối 6\nto: to-khtn\nnguoi_lap: gv-toan-01\n"
        "mon: Toán\nkhoi: Khối 6\n---\n\n" + sample_body(record_type),
    )
    done = head.commit_push(
        PLAN_BRANCH,
        [PLAN_REL],
        when="2025-09-01T09:00:00+07:00",
        received="2025-09-01T09:00:00+07:00",
    )
    assert done.returncode == 0, done.stderr
    do_approve(world, monkeypatch, "ht-01", PLAN_BRANCH, "2025-09-02T08:00:00+07:00")
    admin = clerk(world)
    _, seal_image = demo_images(pki)
    with load_pkcs12(pki.identity("con_dau").p12, pki.passphrase) as seal:
        report = publish(
            admin.root,
            load_school(admin.root),
            seal=SealOptions(seal, pki.tsa_url, seal_image),
        )
    (item,) = report.items
    assert item.sealed
    assert item.pending == ("to_truong", "hieu_truong")
    pdf = (admin.root / item.pdf).read_bytes()
    sealed = verify_pdf(pdf, roots)
    assert sealed.ok, sealed.reasons()
    assert len(sealed.signatures) == 1
    assert "Phạm Văn Mẫu" in pdftext(admin.root / item.pdf)  # the principal who approved
    done = admin.push("main", received="2025-09-02T09:00:00+07:00")
    assert done.returncode == 0, done.stderr
    for ident, role in (("to_truong", "to_truong"), ("hieu_truong", "hieu_truong")):
        pdf = sign_as(pdf, pki, ident, role, tsa_url=pki.tsa_url, level=Level.B_T)
    signed = verify_pdf(pdf, roots)
    assert signed.ok, signed.reasons()
    assert len(signed.signatures) == 3
    # The CLI says what it did, and that there is nothing new.
    monkeypatch.chdir(admin.root)
    again = cli("publish", cwd=admin.root)
    assert again.code == 0
    assert "đã công bố trước đó" in again.out
    assert "commit: -" in again.err


def test_people_add_their_signatures_through_signed_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pki: DemoPki
) -> None:
    from tests.samples import LESSON_REL

    # the roster names each person's certificate, so the server can tell whose signature it is
    people = {"gv-toan-02": "giao_vien", "gv-toan-01": "to_truong"}
    world = World(tmp_path, prepare=lambda root: roster_knows_pki(root, pki, people, seal=None))
    admin = approved_lesson(world, monkeypatch)
    publish(admin.root, load_school(admin.root))
    trust = admin.root / "signatures" / "tin-cay" / "ca-thu-nghiem.pem"
    trust.parent.mkdir(parents=True, exist_ok=True)
    trust.write_bytes(pki.root.read_bytes())
    admin.git("add", str(trust))
    admin.git("commit", "-q", "-S", "-m", "Chứng thư gốc tin cậy")
    done = admin.push("main", received="2025-10-13T10:00:00+07:00")
    assert done.returncode == 0, done.stderr
    pdf_rel = signed_pdf_path(LESSON_REL)

    def add_signature(who: str, ident: str, role: str, *, sign_commit: bool = True) -> str:
        person = world.person(who)
        person.git("fetch", "-q", "origin")
        person.git("checkout", "-q", "-B", "main", "origin/main")
        pdf = person.root / pdf_rel
        pdf.write_bytes(sign_as(pdf.read_bytes(), pki, ident, role))
        person.git("add", pdf_rel)
        person.git("commit", "-q", *(["-S"] if sign_commit else []), "-m", f"Ký {role}")
        pushed = person.push("HEAD:main", received="2025-10-13T11:00:00+07:00")
        return pushed.stderr if pushed.returncode else ""

    # Someone else's place, an unsigned commit, and a rewritten file are refused.
    refused = add_signature("gv-toan-03", "giao_vien", "nguoi_lap")
    assert "[ky-so] ô ký 'nguoi_lap' dành cho gv-toan-02, nhưng commit được ký bởi gv-toan-03" in (
        refused
    )
    refused = add_signature("gv-toan-02", "giao_vien", "nguoi_lap", sign_commit=False)
    assert "phải được ký SSH bởi chính người ký" in refused
    # her own place and her own SSH key, but a colleague's (valid, trusted) certificate
    refused = add_signature("gv-toan-02", "hieu_truong", "nguoi_lap")
    assert (
        "[ky-so] vị trí ký nguoi_lap (NGƯỜI SOẠN) phải do Đỗ Thị Tạm (gv-toan-02) ký, nhưng"
        " chứng thư số là của Lê Thị Cẩm Hường"
    ) in refused
    teacher = world.person("gv-toan-02")
    teacher.git("checkout", "-q", "-B", "main", "origin/main")
    (teacher.root / pdf_rel).write_bytes(b"%PDF-1.7\n% rewritten\n")
    teacher.git("commit", "-q", "-S", "-am", "Sửa tệp đã công bố")
    rewritten = teacher.push("HEAD:main", received="2025-10-13T11:00:00+07:00")
    assert "chỉ được thêm chữ ký (hsdt sign), không được sửa tệp" in rewritten.stderr
    # Published but not signed yet: still "đã duyệt", waiting for both signatures.
    from hsdt.workflow.status import State, record_states

    def state() -> tuple[State, tuple[str, ...]]:
        admin.git("fetch", "-q", "origin")
        status = record_states(admin.root, load_school(admin.root))[LESSON_REL]
        return status.state, status.pending

    assert state() == (State.APPROVED, ("nguoi_lap", "to_truong"))
    # The author, then the group head, each add their own signature.
    assert add_signature("gv-toan-02", "giao_vien", "nguoi_lap") == ""
    assert state() == (State.APPROVED, ("to_truong",))
    assert add_signature("gv-toan-01", "to_truong", "to_truong") == ""
    assert state() == (State.SIGNED, ())
    assert world.server_git("log", "-2", "--format=%s", "main").split("\n")[:2] == [
        "Ký to_truong",
        "Ký nguoi_lap",
    ]
    head = world.person("gv-toan-01")
    signed = (head.root / pdf_rel).read_bytes()
    from hsdt.sign.trust import load_certificates

    report = verify_pdf(signed, load_certificates(pki.root))
    assert report.ok, report.reasons()
    assert [s.field.rsplit(".", 1)[-1] for s in report.signatures] == ["nguoi_lap", "to_truong"]


SLOW_REL = (
    "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau-tiet-2.md"
)
SLOW_BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau-tiet-2"


def test_a_record_too_slow_to_print_is_reported_and_the_others_publish(
    world: World, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    from tests.samples import LESSON_REL, lesson_text

    submit_lesson(world)
    teacher = world.person("gv-toan-02")
    rows = "\n".join(f"| {i} | Hàng thứ {i} |" for i in range(20_000))
    teacher.write(SLOW_REL, lesson_text() + f"\n| STT | Nội dung |\n|---|---|\n{rows}\n")
    done = teacher.commit_push(
        SLOW_BRANCH,
        [SLOW_REL],
        when="2025-10-12T19:30:00+07:00",
        received="2025-10-12T20:05:00+07:00",
    )
    assert done.returncode == 0, done.stderr
    do_approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-13T09:00:00+07:00")
    do_approve(world, monkeypatch, "gv-toan-01", SLOW_BRANCH, "2025-10-13T09:05:00+07:00")
    admin = clerk(world)
    # 10 s: the ordinary lesson prints in about a second even on a loaded CI machine, the
    # 20,000-row table needs far longer (WeasyPrint lays out a few milliseconds a row).
    result = cli("publish", "--timeout", "10", cwd=admin.root)
    assert result.code == 1, result.err
    # Which limit stops the table first depends on the machine: a loaded one reaches the 10 s,
    # an idle one lays out faster and reaches the 3 GiB address-space cap first, where a C
    # library's failed allocation can end the worker (its own message says both). The time
    # limit's exact message is tested without that race in tests/test_render_safety.py.
    reasons = (
        "in hồ sơ quá 10 giây nên đã dừng; hồ sơ quá dài (bảng hàng nghìn dòng?) — hãy chia nhỏ",
        "in hồ sơ cần quá nhiều bộ nhớ nên đã dừng; hãy giảm kích thước ảnh hoặc chia nhỏ hồ sơ",
        "tiến trình in bị dừng (quá thời gian hoặc thiếu bộ nhớ); hồ sơ chưa được in — hãy chia "
        "nhỏ hồ sơ hoặc giảm kích thước ảnh",
    )
    assert any(f"{SLOW_REL}: chưa công bố được: {why}" in result.err for why in reasons), result.err
    assert "1 hồ sơ chưa công bố được (xem lỗi ở trên)" in result.err
    assert f"{signed_pdf_path(LESSON_REL)}: đã in" in result.out
    committed = admin.git("show", "--name-only", "--format=", "HEAD").stdout.split()
    assert sorted(committed) == sorted([signed_pdf_path(LESSON_REL), evidence_path(LESSON_REL)])
    assert not (admin.root / signed_pdf_path(SLOW_REL)).exists()
    assert not (admin.root / evidence_path(SLOW_REL)).exists()
    assert admin.git("status", "--porcelain").stdout == ""


def test_publish_removes_the_temporary_files_of_a_killed_run(
    world: World, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    import sys

    from tests.samples import LESSON_REL

    admin = approved_lesson(world, monkeypatch)
    pdf = admin.root / signed_pdf_path(LESSON_REL)
    # A run killed after writing its temporary file and before the rename.
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys\n"
            "from pathlib import Path\n"
            "from hsdt.fsutil import atomic_write_bytes\n"
            "os.replace = lambda a, b: os.kill(os.getpid(), signal.SIGKILL)\n"
            "atomic_write_bytes(Path(sys.argv[1]), b'%PDF-1.7 half')\n",
            str(pdf),
        ],
        check=False,
    )
    assert killed.returncode == -9
    (leftover,) = list(pdf.parent.iterdir())
    assert leftover.name.startswith(".hsdt-tmp-")
    assert leftover.name.endswith(".tmp")
    assert admin.git("status", "--porcelain", "--untracked-files=all").stdout == ""  # ignored
    other = pdf.parent / ".ghi-chu.tmp"  # not hsdt's: left alone
    other.write_text("x", encoding="utf-8")
    result = cli("publish", cwd=admin.root)
    assert result.code == 0, result.err
    rel = leftover.relative_to(admin.root).as_posix()
    assert f"đã xóa tệp tạm do lần công bố trước bị dừng giữa chừng để lại: {rel}" in result.err
    assert not leftover.exists()
    assert other.exists()
    committed = admin.git("show", "--name-only", "--format=", "HEAD").stdout.split()
    assert sorted(committed) == sorted([signed_pdf_path(LESSON_REL), evidence_path(LESSON_REL)])


def test_publish_fetches_the_receive_notes_a_fresh_clone_lacks(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain clone (a CI checkout) has no ``refs/notes/*``: publish fetches the server's, so
    the evidence carries the server's receive time of the approval, not the merge's commit
    date (which the approver's clock chose: 2025-10-01 here, pinned by the sandbox)."""
    from hsdt.git.history import NOTES_REF
    from tests.samples import LESSON_REL

    admin = approved_lesson(world, monkeypatch)
    assert admin.git("rev-parse", "--verify", "--quiet", NOTES_REF, check=False).stdout == ""
    report = publish(admin.root, load_school(admin.root))
    assert [i.record for i in report.items] == [LESSON_REL]
    assert (
        admin.git("rev-parse", NOTES_REF).stdout.strip()
        == world.server_git("rev-parse", NOTES_REF).strip()
    )
    evidence = json.loads((admin.root / evidence_path(LESSON_REL)).read_text("utf-8"))
    assert evidence["thoi_diem_duyet"] == "2025-10-13T09:00:00+07:00"
    assert evidence["bang_chung_duyet"][0]["thoi_diem"] == "2025-10-13T09:00:00+07:00"


def test_the_publish_workflows_retry_keeps_the_commit_the_server_accepts(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The publish workflow's path when main moves while it publishes (another approval
    merged): the push is refused as not a fast-forward, ``git pull --rebase`` with
    ``commit.gpgsign`` re-signs the publish commit with the clerk's key on top of the new
    main, and the server's hook accepts it: still only new files in signatures/, signed by
    the clerk (the rules of hsdt.push.checks.mainline, unchanged by the deploy-key design)."""
    from tests.samples import LESSON_REL, lesson_with

    second_rel = LESSON_REL.replace("2025-10-16-phan-so-bang-nhau", "2025-10-17-phan-so-tiet-2")
    second_branch = "nop/gv-toan-02/khbd-trung-hoc/2025-10-17-phan-so-tiet-2"
    teacher = submit_lesson(world)
    teacher.write(second_rel, lesson_with(ngay_day="2025-10-17"))
    done = teacher.commit_push(
        second_branch, [second_rel], when="2025-10-12T19:30:00+07:00", received=ON_TIME
    )
    assert done.returncode == 0, done.stderr
    do_approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-13T09:00:00+07:00")
    admin = clerk(world)
    admin.git("config", "commit.gpgsign", "true")
    report = publish(admin.root, load_school(admin.root))
    assert report.commit is not None
    # Meanwhile the second lesson is approved and merged into main on the server.
    do_approve(world, monkeypatch, "gv-toan-01", second_branch, "2025-10-13T09:05:00+07:00")
    refused = admin.push("HEAD:main", received="2025-10-13T09:10:00+07:00")
    assert refused.returncode != 0
    assert "non-fast-forward" in refused.stderr or "fetch first" in refused.stderr
    admin.git("pull", "-q", "--rebase", "origin", "main", when="2025-10-13T09:11:00+07:00")
    rebased = admin.git("cat-file", "-p", "HEAD").stdout
    assert "\ngpgsig -----BEGIN SSH SIGNATURE-----\n" in rebased  # signed again by the clerk
    parent = admin.git("rev-parse", "HEAD^").stdout.strip()
    assert parent == world.server_git("rev-parse", "main").strip()
    accepted = admin.push("HEAD:main", received="2025-10-13T09:12:00+07:00")
    assert accepted.returncode == 0, accepted.stderr
    tree = world.server_git("ls-tree", "-r", "--name-only", "main")
    assert signed_pdf_path(LESSON_REL) in tree
    assert second_rel in tree
