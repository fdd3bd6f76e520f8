"""The district's inspector (phong_gd / thanh_tra): on the roster with read access, never able
to submit, approve or sign: the profile refuses the role in every such place, the approval
chain ignores a review claiming it, and ``hsdt approve`` refuses the inspector."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.errors import ConfigError
from hsdt.load.profile import load_school
from hsdt.model.school import Role
from hsdt.workflow.chain import evaluate_chain
from hsdt.workflow.evidence import Review, Source, Verdict
from tests.conftest import Result
from tests.gitworld import World
from tests.samples import LESSON_REL, lesson_text
from tests.test_workflow_status import BRANCH, act_as

INSPECTOR = (
    "  - {ma: tt-01, ho_ten: Lương Văn Kiểm, email: tt01@pgd-anlao.example,"
    " tai_khoan: pgd-anlao-tt01, chuc_danh: Chuyên viên Phòng GD&ĐT}\n"
)


def add_inspector(folder: Path, key: str = "phong_gd") -> None:
    truong = folder / "truong.yml"
    text = truong.read_text(encoding="utf-8")
    text = text.replace("\nto_chuyen_mon:", INSPECTOR.rstrip("\n") + "\n\nto_chuyen_mon:", 1)
    truong.write_text(text + f"{key}: [tt-01]\n", encoding="utf-8")


def _rules(root: Path, old: str, new: str) -> None:
    rules = root / "schools" / "le-khac-can" / "quy-che.yml"
    text = rules.read_text(encoding="utf-8")
    assert old in text
    rules.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("key", ["phong_gd", "thanh_tra"])
def test_the_roster_takes_an_inspector(make_school: Callable[..., Path], key: str) -> None:
    root = make_school()
    add_inspector(root / "schools" / "le-khac-can", key)
    school = load_school(root)
    assert school.inspectors == ("tt-01",)
    assert school.roles_of("tt-01") == {Role.INSPECTOR}
    assert school.roles_of("tt-01", "to-khtn") == {Role.INSPECTOR}


ACTING = (
    "giao_vien, to_truong, to_pho, nhom_truong, hieu_truong, pho_hieu_truong, van_thu, quan_tri"
)
RULES = "schools/le-khac-can/quy-che.yml"


@pytest.mark.parametrize(
    ("old", "new", "offset", "message"),
    [
        ("      - [to_truong, to_pho, nhom_truong]\n    han_nop:",
         "      - [to_truong, phong_gd]\n    han_nop:", -1,
         f"bước duyệt thứ 1 phải là vai trò hoặc danh sách vai trò trong: {ACTING}"),
        ("    chu_ky: [nguoi_lap, to_truong]\n", "    chu_ky: [nguoi_lap, phong_gd]\n", 0,
         f"'loai_ho_so.khbd-trung-hoc.chu_ky' phải là một trong: {ACTING}, "
         "nguoi_lap, con_dau; nhận được 'phong_gd'"),
        ("    nguoi_nop: [giao_vien]\n", "    nguoi_nop: [giao_vien, phong_gd]\n", 0,
         f"'loai_ho_so.khbd-trung-hoc.nguoi_nop' phải là một trong: {ACTING}; "
         "nhận được 'phong_gd'"),
        ("  cho_phep: [hieu_truong]", "  cho_phep: [phong_gd]", 0,
         f"'sua_du_lieu.cho_phep' phải là một trong: {ACTING}; nhận được 'phong_gd'"),
    ],
)  # fmt: skip
def test_the_inspector_can_never_approve_sign_or_submit(
    make_school: Callable[..., Path], old: str, new: str, offset: int, message: str
) -> None:
    root = make_school()
    add_inspector(root / "schools" / "le-khac-can")
    _rules(root, old, new)
    text = (root / RULES).read_text(encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 1 + offset  # the key's line (duyet: above)
    with pytest.raises(ConfigError) as caught:
        load_school(root)
    assert caught.value.render() == f"{RULES}:{line}: {message}"


def test_a_review_claiming_the_inspector_role_does_not_count(
    make_school: Callable[..., Path],
) -> None:
    root = make_school()
    add_inspector(root / "schools" / "le-khac-can")
    school = load_school(root)
    policy = school.policy.types["khbd-trung-hoc"]
    at = datetime.fromisoformat("2025-10-13T09:00:00+07:00")
    review = Review("tt-01", Role.INSPECTOR, Verdict.APPROVED, at, "abc", Source.SSH_REVIEW, "x")
    result = evaluate_chain(school, LESSON_REL, policy, [review])
    assert (result.done, result.complete) == (0, False)
    assert result.ignored[0].key == "chain.wrong_role"
    unclaimed = Review("tt-01", None, Verdict.APPROVED, at, "abc", Source.GITHUB_REVIEW, "1")
    assert evaluate_chain(school, LESSON_REL, policy, [unclaimed]).done == 0


def test_hsdt_approve_refuses_the_inspector(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    world = World(tmp_path, profile_edit=add_inspector)
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    act_as(monkeypatch, teacher, "2025-10-12T20:00:00+07:00")
    assert cli("submit", cwd=teacher.root).code == 0
    inspector = world.person("tt-01")
    act_as(monkeypatch, inspector, "2025-10-13T09:00:00+07:00")
    done = cli("approve", BRANCH, cwd=inspector.root)
    assert done.code == 2
    assert "tt-01 không giữ vai trò duyệt bước tiếp theo" in done.err
    # Reading is what the role is for: the inspector's clone gives the school's report.
    done = cli("report", "--format", "json", "--at", "2025-10-20T12:00", cwd=inspector.root)
    assert done.code == 0, done.err
    assert '"teacher": "gv-toan-02"' in done.out
