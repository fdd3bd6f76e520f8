"""Signing order and signing deadlines (issue 14): by default the office stamps after the people
with authority have signed (seed 002 Điều 14.1: ký, đóng dấu), the server refuses a seal put on
earlier, and ``hsdt status`` shows approved records still unsigned, and late past
``ky_so.han_ky_ngay``. With real signatures through a hooked bare repository."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.errors import ConfigError
from hsdt.load.profile import load_school
from hsdt.model.timeutil import VN_TZ
from hsdt.sign.demopki import DemoPki
from hsdt.sign.signers import load_pkcs12
from hsdt.sign.trust import load_certificates
from hsdt.sign.verify import verify_pdf
from hsdt.workflow.publish import SealOptions, publish
from hsdt.workflow.status import State, record_states
from tests.conftest import Result
from tests.gitworld import Person, World
from tests.render_samples import sample_body
from tests.sign_helpers import demo_images, roster_knows_pki, sign_as
from tests.test_workflow_e2e import do_approve

PLAN_REL = "records/2025-2026/to-khtn/kh-day-hoc-to/ke-hoach-day-hoc-toan-khoi-6.md"
PLAN_BRANCH = "nop/gv-toan-01/kh-day-hoc-to/toan-khoi-6"
PDF_REL = "signatures/2025-2026/to-khtn/kh-day-hoc-to/ke-hoach-day-hoc-toan-khoi-6.pdf"
PEOPLE = {"gv-toan-01": "to_truong", "ht-01": "hieu_truong"}
RULES = "quy-che.yml"


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(VN_TZ)


def _world(tmp_path: Path, pki: DemoPki, rules_extra: str = "") -> World:
    def prepare(root: Path) -> None:
        roster_knows_pki(root, pki, PEOPLE)
        trust = root / "signatures" / "tin-cay" / "ca-thu-nghiem.pem"
        trust.parent.mkdir(parents=True, exist_ok=True)
        trust.write_bytes(pki.root.read_bytes())

    def edit(folder: Path) -> None:
        rules = folder / RULES
        rules.write_text(rules.read_text(encoding="utf-8") + rules_extra, encoding="utf-8")

    return World(tmp_path, prepare=prepare, profile_edit=edit)


def _approved_plan(world: World, monkeypatch: pytest.MonkeyPatch) -> Person:
    """gv-toan-01's group plan, approved by the principal on 02/09/2025; the clerk's clone."""
    head = world.person("gv-toan-01")
    record_type = load_school(head.root).types["kh-day-hoc-to"]
    head.write(
        PLAN_REL,
        "---\nloai: kh-day-hoc-to\nnam_hoc: 2025-2026\n"
        "tieu_de: Kế hoạch dạy học môn Toán khối 6\nto: to-khtn\nnguoi_lap: gv-toan-01\n"
        "mon: Toán\nkhoi: Khối 6\n---\n\n" + sample_body(record_type),
    )
    when = "2025-09-01T09:00:00+07:00"
    assert head.commit_push(PLAN_BRANCH, [PLAN_REL], when=when, received=when).returncode == 0
    do_approve(world, monkeypatch, "ht-01", PLAN_BRANCH, "2025-09-02T08:00:00+07:00")
    admin = world.admin
    admin.git("pull", "-q", "--ff-only", "origin", "main")
    return admin


def _publish(admin: Person, pki: DemoPki) -> tuple[bool, tuple[str, ...]]:
    _, seal_image = demo_images(pki)
    with load_pkcs12(pki.identity("con_dau").p12, pki.passphrase) as seal:
        report = publish(
            admin.root, load_school(admin.root), seal=SealOptions(seal, None, seal_image)
        )
    (item,) = report.items
    done = admin.push("main", received="2025-09-02T09:00:00+07:00")
    assert done.returncode == 0, done.stderr
    return item.sealed, item.pending


def _sign(world: World, pki: DemoPki, who: str, ident: str, role: str, received: str) -> str:
    """``who`` adds signature ``role`` (demo identity ``ident``) and pushes; git's stderr when
    refused, "" when accepted."""
    person = world.person(who)
    person.git("fetch", "-q", "origin")
    person.git("checkout", "-q", "-B", "main", "origin/main")
    pdf = person.root / PDF_REL
    pdf.write_bytes(sign_as(pdf.read_bytes(), pki, ident, role))
    person.git("add", PDF_REL)
    person.git("commit", "-q", "-S", "-m", f"Ký {role}")
    pushed = person.push("HEAD:main", received=received)
    if pushed.returncode:
        person.git("reset", "-q", "--hard", "origin/main")
        return pushed.stderr
    return ""


def test_the_seal_comes_after_the_people_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pki: DemoPki
) -> None:
    world = _world(tmp_path, pki)
    admin = _approved_plan(world, monkeypatch)
    assert load_school(admin.root).policy.seal_last
    sealed, pending = _publish(admin, pki)
    assert not sealed  # a seal key was given, but nobody has signed yet
    assert pending == ("to_truong", "hieu_truong", "con_dau")
    # The clerk cannot stamp first: the server refuses and keeps the file as it was.
    refused = _sign(world, pki, "vt-01", "con_dau", "con_dau", "2025-09-02T10:00:00+07:00")
    assert (
        f"{PDF_REL}: [ky-so] con dấu chỉ được đóng sau khi mọi người đã ký (quy chế:"
        " ky_so.dong_dau: sau_khi_ky); còn chờ: to_truong, hieu_truong"
    ) in refused
    assert (
        _sign(world, pki, "gv-toan-01", "to_truong", "to_truong", "2025-09-02T11:00:00+07:00") == ""
    )
    refused = _sign(world, pki, "vt-01", "con_dau", "con_dau", "2025-09-02T11:30:00+07:00")
    assert "còn chờ: hieu_truong" in refused
    assert (
        _sign(world, pki, "ht-01", "hieu_truong", "hieu_truong", "2025-09-02T14:00:00+07:00") == ""
    )
    assert _sign(world, pki, "vt-01", "con_dau", "con_dau", "2025-09-02T15:00:00+07:00") == ""
    signed = (world.person("vt-01").root / PDF_REL).read_bytes()
    report = verify_pdf(signed, load_certificates(pki.root))
    assert report.ok, report.reasons()
    assert [s.field.rsplit(".", 1)[-1] for s in report.signatures] == [
        "to_truong",
        "hieu_truong",
        "con_dau",
    ]
    admin.git("fetch", "-q", "origin")
    status = record_states(admin.root, load_school(admin.root))[PLAN_REL]
    assert (status.state, status.pending) == (State.PUBLISHED, ())


def test_a_school_may_seal_at_publication(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pki: DemoPki
) -> None:
    world = _world(tmp_path, pki, "\nky_so:\n  dong_dau: khi_cong_bo\n")
    admin = _approved_plan(world, monkeypatch)
    sealed, pending = _publish(admin, pki)
    assert sealed
    assert pending == ("to_truong", "hieu_truong")
    report = verify_pdf((admin.root / PDF_REL).read_bytes(), load_certificates(pki.root))
    assert [s.field.rsplit(".", 1)[-1] for s in report.signatures] == ["con_dau"]


def test_status_shows_unsigned_and_late_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pki: DemoPki, cli: Callable[..., Result]
) -> None:
    world = _world(tmp_path, pki, "\nky_so:\n  han_ky_ngay: 2\n")
    admin = _approved_plan(world, monkeypatch)
    school = load_school(admin.root)
    admin.git("fetch", "-q", "origin", "+refs/notes/*:refs/notes/*")  # the server's times
    # Approved, not yet published: every signature is missing.
    status = record_states(admin.root, school, now=moment("2025-09-03T08:00:00+07:00"))[PLAN_REL]
    assert status.state is State.APPROVED
    assert status.sign_due == moment("2025-09-04T23:59:59+07:00")
    assert not status.sign_late
    _publish(admin, pki)
    assert (
        _sign(world, pki, "gv-toan-01", "to_truong", "to_truong", "2025-09-03T11:00:00+07:00") == ""
    )
    admin.git("fetch", "-q", "origin", "+refs/notes/*:refs/notes/*")
    admin.git("fetch", "-q", "origin")
    late = record_states(admin.root, school, now=moment("2025-09-05T07:00:00+07:00"))[PLAN_REL]
    assert (late.state, late.pending, late.sign_late) == (
        State.APPROVED,
        ("hieu_truong", "con_dau"),
        True,
    )
    assert late.as_dict()["han_ky"] == "2025-09-04T23:59:59+07:00"
    assert late.as_dict()["qua_han_ky"] is True
    # The CLI judges by the clock (long after 2025): late.
    result = cli("status", "--all", cwd=admin.root)
    assert result.code == 0, result.err
    assert (
        f"đã duyệt  {PLAN_REL}  (hieu_truong ht-01; {PDF_REL}; chờ ký: hieu_truong, con_dau;"
        " QUÁ HẠN KÝ (hạn 2025-09-04 23:59 (+07:00)))"
    ) in result.out.splitlines()


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("\nky_so:\n  dong_dau: truoc\n",
         "'ky_so.dong_dau' phải là một trong: sau_khi_ky, khi_cong_bo; nhận được 'truoc'"),
        ("\nky_so:\n  han_ky: 3\n",
         "khóa 'ky_so.han_ky' không được hỗ trợ; có phải 'han_ky_ngay'?"),
    ],
)  # fmt: skip
def test_profile_errors(make_school: Callable[..., Path], extra: str, expected: str) -> None:
    root = make_school("le-khac-can")
    rules = root / "schools" / "le-khac-can" / RULES
    rules.write_text(rules.read_text(encoding="utf-8") + extra, encoding="utf-8")
    line = len(rules.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    with pytest.raises(ConfigError) as caught:
        load_school(root)
    assert caught.value.render() == f"schools/le-khac-can/{RULES}:{line}: {expected}"
