"""hsdt init and hsdt new."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.check import check_paths
from hsdt.errors import ConfigError, UsageError
from hsdt.generated import MANIFEST, digest, generated_files, read_manifest
from hsdt.load.profile import load_school
from hsdt.model.timeutil import VN_TZ
from hsdt.scaffold import builtin_profiles, init_school, new_record, slugify
from tests.conftest import Result, git

ON_TIME = datetime(2025, 10, 12, 20, 0, tzinfo=VN_TZ)
PROFILES = ["duong-kinh", "le-khac-can", "mam-non-hm", "thai-hoc", "vinh-hao"]


def test_five_profiles_ship() -> None:
    assert builtin_profiles() == PROFILES


@pytest.mark.parametrize("profile", PROFILES)
def test_init_makes_a_school_repository(tmp_path: Path, profile: str) -> None:
    result = init_school(
        tmp_path / "s", profile, hooks_repo="https://example.org/hsdt", hooks_rev="v1"
    )
    root = result.root
    assert (root / ".git").is_dir()
    assert (root / "schools" / profile / "truong.yml").is_file()
    assert "rev: v1" in (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "- id: hsdt-check" in (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    owners = (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/records/*/" in owners
    school = load_school(root)
    assert school.id == profile
    assert check_paths(root, [], all_records=True).problems == ()
    # Every generated file is there, as generated, and recorded for hsdt upgrade.
    manifest = read_manifest(root)
    assert manifest is not None
    expected = generated_files(school, manifest.settings)
    assert set(manifest.files) == set(expected)
    assert {".github/workflows/check-pr.yml", ".gitea/workflows/publish.yml", ".gitea/CODEOWNERS",
            "mkdocs.yml", "hooks/pre-receive", ".pre-commit-config.yaml"} <= set(expected)  # fmt: skip
    for rel, text in expected.items():
        assert (root / rel).read_text(encoding="utf-8") == text, rel
        assert manifest.files[rel] == digest(text)
    assert os.access(root / "hooks" / "pre-receive", os.X_OK)
    assert set(result.written) >= {*expected, MANIFEST, "docs/index.md"}


@pytest.mark.parametrize("profile", PROFILES)
def test_codeowners_of_both_hosts_name_every_reviewer(tmp_path: Path, profile: str) -> None:
    """Each group's folder routes to its head, deputies and team leads, on GitHub (glob paths)
    and on Gitea (Go regular expressions)."""
    root = init_school(tmp_path / "s", profile).root
    school = load_school(root)
    github = (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    gitea = (root / ".gitea" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    leads = 0
    for group in school.groups.values():
        people = [group.head, *group.deputies, *group.team_leads]
        handles = [f"@{school.staff[s].username}" for s in people
                   if s is not None and school.staff[s].username]  # fmt: skip
        handles = list(dict.fromkeys(handles))
        if not handles:
            continue
        leads += len(group.team_leads)
        assert f"/records/*/{group.id}/ {' '.join(handles)}" in github
        assert f"records/[^/]+/{group.id}/.* {' '.join(handles)}" in gitea
    if profile == "le-khac-can":
        assert leads > 0


@pytest.mark.parametrize("profile", PROFILES)
def test_the_new_repositorys_site_builds_strictly(tmp_path: Path, profile: str) -> None:
    root = init_school(tmp_path / "s", profile).root
    mkdocs = Path(sys.executable).parent / "mkdocs"
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def test_init_refuses_to_overwrite_and_bad_profiles(tmp_path: Path) -> None:
    init_school(tmp_path / "s", "le-khac-can")
    with pytest.raises(UsageError):
        init_school(tmp_path / "s", "le-khac-can")
    with pytest.raises(UsageError):
        init_school(tmp_path / "t", "khong-co")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "truong.yml").write_text("ma: bad\n", encoding="utf-8")
    (bad / "quy-che.yml").write_text("van_ban: x\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        init_school(tmp_path / "u", str(bad))
    assert not (tmp_path / "u").exists()  # nothing written for a bad profile


def test_new_writes_a_valid_record_at_its_place(
    make_school: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_school()
    git(root, "config", "user.email", "toan02@lkc.truong-mau.example")
    result = cli(
        "new", "khbd-trung-hoc", "--print-path",
        "--set", "ngay_day=2025-10-16", "--set", "tieu_de=Phân số bằng nhau (tiết 1)",
        "--set", "mon=Toán", "--set", "lop=6A1", "--set", "so_tiet=1",
        cwd=root,
    )  # fmt: skip
    assert result.code == 0
    rel = (
        "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau-tiet-1.md"
    )
    assert result.out == rel + "\n"
    assert check_paths(root, [root / rel], at=ON_TIME).errors == 0
    again = cli("new", "khbd-trung-hoc", "--set", "ngay_day=2025-10-16",
                "--set", "tieu_de=Phân số bằng nhau (tiết 1)", cwd=root)  # fmt: skip
    assert again.out == f"Đã tạo {rel[:-3]}-2.md\n"


def test_new_needs_to_know_the_author(make_school: Callable[..., Path]) -> None:
    root = make_school()
    school = load_school(root)
    with pytest.raises(UsageError) as caught:
        new_record(root, school, "khbd-trung-hoc", {"tieu_de": "x"})
    assert caught.value.msg.key == "new.need_keys"
    with pytest.raises(UsageError):
        new_record(root, school, "khbd-trung-hoc", {"ngay_day": "2025-02-30"})
    with pytest.raises(UsageError):
        new_record(root, school, "khbd-trung-hoc", {"khong_co": "1"})
    with pytest.raises(UsageError):
        new_record(root, school, "loai-la", {})


def test_new_writes_times_lists_and_week_numbers(make_school: Callable[..., Path]) -> None:
    root = make_school()
    school = load_school(root)
    path = new_record(root, school, "bien-ban-hop-to", {
        "nguoi_lap": "gv-toan-03", "to": "to-khtn", "ngay_hop": "2025-10-15",
        "gio_bat_dau": "14:00", "dia_diem": "Phòng họp: tầng 2", "chu_tri": "gv-toan-01",
        "thu_ky": "gv-toan-03", "thanh_phan": "gv-toan-01, gv-toan-02", "tieu_de": "Họp tháng 10",
    })  # fmt: skip
    text = path.read_text(encoding="utf-8")
    assert 'gio_bat_dau: "14:00"' in text
    assert 'dia_diem: "Phòng họp: tầng 2"' in text
    assert "thanh_phan:\n  - gv-toan-01\n  - gv-toan-02\n" in text
    assert check_paths(root, [path], at=datetime(2025, 10, 15, 17, 0, tzinfo=VN_TZ)).errors == 0
    week = new_record(root, school, "bao-giang", {"giao_vien": "gv-toan-02", "tuan": "6",
                                                 "tu_ngay": "2025-10-13", "den_ngay": "2025-10-18",
                                                 "tieu_de": "Tuần 6"})  # fmt: skip
    assert week.name == "tuan-06.md"


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Phân số bằng nhau", "phan-so-bang-nhau"), ("Đường tròn (tiết 2)", "duong-tron-tiet-2"),
     ("../../etc/passwd", "etc-passwd"), ("!!!", "ho-so"), ("Ôn tập CHƯƠNG I", "on-tap-chuong-i")],
)  # fmt: skip
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_init_command_pins_the_hsdt_the_workflows_install(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    pin = "git+https://git.truong.example/hsdt/hsdt@" + "ab" * 20
    done = cli("init", str(tmp_path / "s"), "--profile", "vinh-hao", "--hsdt-source", pin)
    assert done.code == 0, done.err
    assert "  .gitea/workflows/publish.yml\n" in done.out
    for host in ("github", "gitea"):
        text = (tmp_path / "s" / f".{host}" / "workflows" / "publish.yml").read_text("utf-8")
        assert f'pip install --quiet "hsdt[pdf,sign] @ {pin}"\n' in text
    bad = cli("init", str(tmp_path / "t"), "--profile", "vinh-hao", "--hsdt-source", "main")
    assert bad.code == 2
    assert bad.err == (
        "hsdt: 'main' không phải một hsdt cố định: ghi số phiên bản (0.1.0 hoặc hsdt==0.1.0), "
        "git+https://…@<mã commit đủ 40 ký tự>, hoặc '.' (chỉ cho kho của chính hsdt)\n"
    )
    assert not (tmp_path / "t").exists()
