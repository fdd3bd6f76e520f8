"""Who among the vice-principals (issue 14): an approval step names what its vice-principal
must answer for (``phu_trach``), and every way of approving enforces it: the chain over SSH
reviews and host reviews, ``hsdt approve`` and the pre-receive hook."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.errors import ConfigError, UsageError
from hsdt.load.profile import load_profile_dir, load_school
from hsdt.load.types import DATA_DIR
from hsdt.model.policy import ApprovalStep
from hsdt.model.school import Role, School
from hsdt.model.timeutil import VN_TZ
from hsdt.scaffold import new_record
from hsdt.workflow.approve import approve
from hsdt.workflow.chain import evaluate_chain
from hsdt.workflow.evidence import Review, Source, Verdict
from tests.gitworld import Person, World
from tests.pushattack import snapshot

ON_TIME = "2025-10-12T20:00:00+07:00"
NEXT_DAY = "2025-10-13T09:00:00+07:00"
LATER = "2025-10-13T10:00:00+07:00"
ARTICLE = "records/2025-2026/to-chuyen-mon/bai-viet-website/2025-10-20-ngay-hoi-doc-sach.md"
KHTN_PLAN = "records/2025-2026/to-khtn/kh-day-hoc-to/ke-hoach-day-hoc-khtn.md"
PRIMARY_PLAN = "records/2025-2026/to-tieu-hoc/kh-day-hoc-to/ke-hoach-day-hoc-tieu-hoc.md"


def builtin(profile: str) -> School:
    return load_profile_dir(DATA_DIR / "profiles" / profile, profile)


def review(
    who: str, at: str, role: Role | None = None, source: Source = Source.SSH_REVIEW
) -> Review:
    moment = datetime.fromisoformat(at).astimezone(VN_TZ)
    return Review(who, role, Verdict.APPROVED, moment, "c0ffee", source, f"proof-{who}")


# --- the profiles say it ---------------------------------------------------------------------


def test_the_seed_profiles_name_the_responsibility() -> None:
    vinh_hao = builtin("vinh-hao").policy.types
    assert vinh_hao["bai-viet-website"].approval_chain[1] == ApprovalStep(
        (Role.VICE_PRINCIPAL,), ("chuyen_mon",)
    )
    le_khac_can = builtin("le-khac-can").policy.types
    assert le_khac_can["kh-day-hoc-to"].approval_chain == (
        ApprovalStep((Role.PRINCIPAL, Role.VICE_PRINCIPAL), ("cap_hoc",)),
    )
    duong_kinh = builtin("duong-kinh").policy.types
    assert duong_kinh["khbd-tieu-hoc"].approval_chain[1].responsibility == ("chuyen_mon",)


def test_the_schools_copy_of_le_khac_can_is_the_builtin_one() -> None:
    project = Path(__file__).resolve().parents[1]
    shipped = DATA_DIR / "profiles" / "le-khac-can" / "quy-che.yml"
    assert (project / "schools" / "le-khac-can" / "quy-che.yml").read_text(
        encoding="utf-8"
    ) == shipped.read_text(encoding="utf-8")


# --- the chain judges it (SSH reviews and host reviews alike) --------------------------------


def test_vinh_hao_nutrition_vice_principal_cannot_approve_a_website_article() -> None:
    school = builtin("vinh-hao")
    policy = school.policy.types["bai-viet-website"]
    head = review("gv-01", "2025-10-15T09:00:00+07:00")
    nutrition = review("pht-nd", "2025-10-15T10:00:00+07:00", Role.VICE_PRINCIPAL)
    result = evaluate_chain(school, ARTICLE, policy, [head, nutrition], author="gv-04")
    assert (result.done, result.complete) == (1, False)
    assert [m.render() for m in result.ignored] == [
        "pht-nd là phó hiệu trưởng nhưng không phụ trách chuyen_mon (phụ trách: nuoi_duong,"
        " co_so_vat_chat, y_te) nên lần duyệt này không được tính"
    ]
    teaching = review("pht-cm", "2025-10-15T11:00:00+07:00", Role.VICE_PRINCIPAL)
    result = evaluate_chain(school, ARTICLE, policy, [head, nutrition, teaching], author="gv-04")
    assert result.complete
    assert [(e.approver, e.role) for e in result.evidence] == [
        ("gv-01", Role.GROUP_HEAD),
        ("pht-cm", Role.VICE_PRINCIPAL),
    ]


@pytest.mark.parametrize("source", [Source.GITHUB_REVIEW, Source.GITEA_REVIEW])
def test_host_reviews_are_held_to_the_same_responsibility(source: Source) -> None:
    """A host review names no role: the roster's roles are tried, and the nutrition
    vice-principal holds none that fits."""
    school = builtin("vinh-hao")
    policy = school.policy.types["bai-viet-website"]
    reviews = [
        review("gv-01", "2025-10-15T09:00:00+07:00", source=source),
        review("pht-nd", "2025-10-15T10:00:00+07:00", source=source),
    ]
    result = evaluate_chain(school, ARTICLE, policy, reviews, author="gv-04")
    assert (result.done, result.complete) == (1, False)
    assert result.ignored[0].key == "chain.not_responsible"


def test_le_khac_can_vice_principal_of_one_level_only() -> None:
    school = builtin("le-khac-can")
    policy = school.policy.types["kh-day-hoc-to"]
    primary = review("pht-01", NEXT_DAY, Role.VICE_PRINCIPAL)
    secondary = review("pht-02", NEXT_DAY, Role.VICE_PRINCIPAL)
    result = evaluate_chain(school, KHTN_PLAN, policy, [primary], author="gv-toan-01")
    assert not result.complete
    assert [m.render() for m in result.ignored] == [
        "pht-01 là phó hiệu trưởng nhưng không phụ trách thcs (phụ trách: tieu_hoc) nên lần"
        " duyệt này không được tính"
    ]
    assert evaluate_chain(school, KHTN_PLAN, policy, [secondary], author="gv-toan-01").complete
    assert evaluate_chain(school, PRIMARY_PLAN, policy, [primary], author="gv-th-01").complete
    result = evaluate_chain(school, PRIMARY_PLAN, policy, [secondary], author="gv-th-01")
    assert [m.key for m in result.ignored] == ["chain.not_responsible"]
    # The principal answers for everything: phu_trach limits vice-principals only.
    principal = review("ht-01", NEXT_DAY, Role.PRINCIPAL)
    assert evaluate_chain(school, KHTN_PLAN, policy, [principal], author="gv-toan-01").complete


def test_a_vice_principal_claiming_the_principals_role_gains_nothing() -> None:
    school = builtin("le-khac-can")
    policy = school.policy.types["kh-day-hoc-to"]
    forged = review("pht-01", NEXT_DAY, Role.PRINCIPAL)
    result = evaluate_chain(school, KHTN_PLAN, policy, [forged], author="gv-toan-01")
    assert not result.complete
    assert [m.key for m in result.ignored] == ["chain.wrong_role"]


def test_english_message() -> None:
    school = builtin("le-khac-can")
    policy = school.policy.types["kh-day-hoc-to"]
    primary = review("pht-01", NEXT_DAY, Role.VICE_PRINCIPAL)
    result = evaluate_chain(school, KHTN_PLAN, policy, [primary], author="gv-toan-01")
    assert result.ignored[0].render("en") == (
        "pht-01 is a vice-principal but not responsible for thcs (responsible for:"
        " tieu_hoc), so this approval does not count"
    )


# --- the profile is checked ------------------------------------------------------------------

RULES = "schools/le-khac-can/quy-che.yml"
STEP = "      - {vai_tro: [hieu_truong, pho_hieu_truong], phu_trach: [cap_hoc]}   # Điều 9.2\n"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("      - {vai_tro: [hieu_truong], phu_trach: [cap_hoc]}\n",
         "'phu_trach' chỉ dùng cho bước duyệt có vai trò pho_hieu_truong"),
        ("      - {vai_tro: [pho_hieu_truong], phu_trach: [nuoi_duong]}\n",
         "'phu_trach' nhận 'nuoi_duong': không phải cấp học, cap_hoc hay việc một phó hiệu trưởng"
         " phụ trách; chọn trong: cap_hoc, mam_non, thcs, thpt, tieu_hoc"),
        ("      - {vai_tro: [pho_hieu_truong], phu_trch: [thcs]}\n",
         "khóa 'loai_ho_so.kh-giao-vien.duyet[1].phu_trch' không được hỗ trợ; có phải 'phu_trach'?"),
        ("      - {vai_tro: [pho_hieu_truong, hieu_pho]}\n",
         "'loai_ho_so.kh-giao-vien.duyet[1].vai_tro' phải là một trong: giao_vien, to_truong,"
         " to_pho, nhom_truong, hieu_truong, pho_hieu_truong, van_thu, quan_tri; nhận được"
         " 'hieu_pho'"),
    ],
)  # fmt: skip
def test_profile_errors(make_school: Callable[..., Path], new: str, expected: str) -> None:
    root = make_school("le-khac-can")
    path = root / RULES
    text = path.read_text(encoding="utf-8")
    assert STEP in text
    path.write_text(text.replace(STEP, new, 1), encoding="utf-8")
    line = text.split("\n").index(STEP.rstrip("\n")) + 1
    with pytest.raises(ConfigError) as caught:
        load_school(root)
    assert caught.value.render() == f"{RULES}:{line}: {expected}"


# --- through a hooked bare repository --------------------------------------------------------


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    hooktmp = tmp_path / "hooktmp"
    hooktmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(hooktmp))
    return World(tmp_path)


def _plan(world: World) -> tuple[Person, str, str]:
    """gv-toan-02 (Tổ KHTN, lower secondary) submits a teacher's plan (kh-giao-vien)."""
    teacher = world.person("gv-toan-02")
    school = load_school(teacher.root)
    branch = "nop/gv-toan-02/kh-giao-vien/toan-6"
    teacher.git("switch", "-q", "-c", branch, "origin/main")
    path = new_record(
        teacher.root,
        school,
        "kh-giao-vien",
        {"giao_vien": "gv-toan-02", "mon": "Toán", "khoi": "Khối 6", "tieu_de": "Kế hoạch Toán 6",
         "nam_hoc": "2025-2026", "to": "to-khtn"},
    )  # fmt: skip
    rel = path.relative_to(teacher.root).as_posix()
    done = teacher.commit_push(branch, [rel], when=ON_TIME, received=ON_TIME)
    assert done.returncode == 0, done.stderr
    return teacher, branch, rel


def _approve(world: World, monkeypatch: pytest.MonkeyPatch, who: str, branch: str, at: str) -> str:
    person = world.person(who)
    monkeypatch.setenv("HSDT_RECEIVE_TIME", at)
    return approve(person.root, load_school(person.root), who, branch).kind


def test_hsdt_approve_refuses_the_primary_vice_principal(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _teacher, branch, rel = _plan(world)
    assert _approve(world, monkeypatch, "gv-toan-01", branch, NEXT_DAY) == "review"
    with pytest.raises(UsageError) as caught:
        _approve(world, monkeypatch, "pht-01", branch, LATER)
    assert caught.value.render() == (
        f"pht-01 là phó hiệu trưởng nhưng không phụ trách thcs, nên không duyệt được hồ sơ {rel}"
    )
    assert _approve(world, monkeypatch, "pht-02", branch, LATER) == "merge"
    assert rel in world.server_git("ls-tree", "-r", "--name-only", "main")


def test_the_server_refuses_a_merge_signed_by_the_wrong_vice_principal(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pht-01 skips hsdt approve and pushes their own signed approval merge: the hook
    judges it and refuses; nothing changes on the server."""
    _teacher, branch, rel = _plan(world)
    assert _approve(world, monkeypatch, "gv-toan-01", branch, NEXT_DAY) == "review"
    vice = world.person("pht-01")
    vice.git("fetch", "-q")
    tree = vice.git("merge-tree", "--write-tree", "origin/main", f"origin/{branch}").stdout.split()[
        0
    ]
    message = "Duyệt\n\nHsdt-Approved-By: pht-01\nHsdt-Role: pho_hieu_truong\n"
    sha = vice.git(
        "-c", "gpg.format=ssh", "commit-tree", "-S", tree, "-p", "origin/main",
        "-p", f"origin/{branch}", "-m", message,
    ).stdout.strip()  # fmt: skip
    before = snapshot(world)
    done: subprocess.CompletedProcess[str] = vice.push(f"{sha}:refs/heads/main", received=LATER)
    assert done.returncode != 0
    assert snapshot(world) == before
    assert (
        f"{rel}: [chuoi-duyet] chưa đủ chuỗi duyệt (1/2 bước); còn thiếu: hieu_truong /"
        " pho_hieu_truong; lý do: pht-01 là phó hiệu trưởng nhưng không phụ trách thcs (phụ trách:"
        " tieu_hoc) nên lần duyệt này không được tính"
    ) in done.stderr
