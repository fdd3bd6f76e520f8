"""Small pieces of the workflow: branch names, record places, notes, allowed_signers, hooks
installation, CLI adapters for roster and CODEOWNERS, the roster's SSH keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.errors import ConfigError, UsageError
from hsdt.git.notes import ReceiveNote, first_received, parse_note
from hsdt.load.profile import load_school
from hsdt.model.timeutil import VN_TZ
from hsdt.push import Refusal, parse_updates
from hsdt.workflow.branches import branch_for, parse_branch
from hsdt.workflow.hooks import hook_script, install_hooks, pusher_of
from hsdt.workflow.paths import evidence_path, place_of, record_of_signed, signed_pdf_path
from tests.conftest import Result
from tests.samples import LESSON_REL

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHn3Zcd1pV0pQmP3cVZ2YQ0tq8zq3sN3vXgk1n7m8e9F"


def test_branch_names() -> None:
    branch = branch_for("gv-toan-02", [LESSON_REL])
    assert branch.name == "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
    assert parse_branch("refs/heads/" + branch.name) == branch
    assert branch_for("gv-toan-02", [LESSON_REL, LESSON_REL + "x"]).slug.endswith("-va-1-ho-so")
    for bad in ("main", "nop/a/b", "nop/A/b/c", "nop/a/b/c/d", "nop/a/b/c..d"):
        assert parse_branch(bad) is None, bad


def test_record_places_and_signed_paths() -> None:
    place = place_of(LESSON_REL)
    assert place is not None
    assert (place.group, place.owner, place.type_id) == ("to-khtn", "gv-toan-02", "khbd-trung-hoc")
    school_place = place_of("records/2025-2026/truong/kh-nha-truong/x.md")
    assert school_place is not None
    assert school_place.group is None
    assert school_place.owner is None
    assert place_of("records/x.md") is None
    assert place_of("records/2025-2026/truong/a/b/c.md") is None
    pdf = signed_pdf_path(LESSON_REL)
    assert (
        pdf
        == "signatures/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau.pdf"
    )
    assert evidence_path(LESSON_REL) == pdf.removesuffix(".pdf") + ".json"
    assert record_of_signed(pdf) == LESSON_REL
    assert record_of_signed(evidence_path(LESSON_REL)) == LESSON_REL
    assert record_of_signed("signatures/allowed_signers") is None
    assert record_of_signed("records/x.md") is None


def test_notes_round_trip_and_first_submission() -> None:
    early = datetime(2025, 10, 12, 20, 0, tzinfo=VN_TZ)
    note = ReceiveNote(early, "refs/heads/nop/a/b/c", "gv-toan-02", (LESSON_REL,))
    assert parse_note(note.text()) == note
    assert parse_note("received: hôm qua\n") is None
    assert parse_note("ref: x\n") is None
    later = ReceiveNote(datetime(2025, 10, 14, 8, 0, tzinfo=VN_TZ), "", "", (LESSON_REL, "b"))
    assert first_received({"1": later, "2": note}) == {LESSON_REL: early, "b": later.received}


def test_push_input_and_refusal_text() -> None:
    zero = "0" * 40
    (update,) = parse_updates(f"{zero} {'a' * 40} refs/heads/main\nrác\n")
    assert update.created
    assert not update.deleted
    refusal = Refusal(
        "refs/heads/main", "xoa-main", __import__("hsdt.i18n").i18n.msg("push.main_delete")
    )
    assert refusal.render() == "refs/heads/main: [xoa-main] không được xóa nhánh main"
    assert refusal.render("en") == "refs/heads/main: [xoa-main] main cannot be deleted"
    assert pusher_of({"HSDT_PUSHER": "gv-1"}) == "gv-1"
    assert pusher_of({"GL_USER": "gv-2"}) == "gv-2"
    assert pusher_of({}) is None


def test_install_hooks_needs_a_bare_repository(tmp_path: Path, cli: Callable[..., Result]) -> None:
    with pytest.raises(UsageError):
        install_hooks(tmp_path)
    done = cli("hooks", "install", "--bare", str(tmp_path), cwd=tmp_path)
    assert done.code == 2
    assert "không phải kho trần (bare)" in done.err
    assert hook_script("pre-receive", "/opt/py").endswith(
        "exec '/opt/py' -m hsdt hooks run pre-receive\n"
    )


def test_roster_keys_allowed_signers_and_codeowners(
    make_school: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_school()
    truong = root / "schools" / "le-khac-can" / "truong.yml"
    text = truong.read_text(encoding="utf-8")
    text = text.replace("tai_khoan: lkc-toan01}", f"tai_khoan: lkc-toan01, khoa_ssh: {KEY} gv}}")
    truong.write_text(text, encoding="utf-8")
    done = cli("roster", "allowed-signers", cwd=root)
    assert done.code == 0, done.err
    assert done.out == "đã ghi signatures/allowed_signers (1 khóa SSH)\n"
    lines = (root / "signatures" / "allowed_signers").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == f'toan01@lkc.truong-mau.example namespaces="git" {KEY} gv-toan-01'
    done = cli("codeowners", "--gitea", cwd=root)
    assert done.out == "đã ghi .gitea/CODEOWNERS\n"
    gitea = (root / ".gitea" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "records/[^/]+/to-khtn/.* @lkc-toan01 @lkc-toan02" in gitea.splitlines()
    assert "schools/.* @lkc-ht01" in gitea.splitlines()
    assert cli("codeowners", cwd=root).out == "đã ghi .github/CODEOWNERS\n"
    truong.write_text(text.replace(KEY, "ssh-ed25519 không-phải-khóa"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_school(root)
    assert caught.value.render().startswith("schools/le-khac-can/truong.yml:")
    assert "khóa SSH 'ssh-ed25519 không-phải-khóa gv…' không hợp lệ" in caught.value.render()
