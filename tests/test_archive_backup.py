"""Backups (issue 12): verified bundles of every ref to two places, generations kept, a damaged
copy caught, and a server restored from a bundle with its history, notes and tags intact."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hsdt.archive.backup import backup, verify_backup
from hsdt.git.notes import read_notes
from hsdt.load.profile import load_school
from hsdt.model.timeutil import VN_TZ
from hsdt.workflow.approve import approve
from hsdt.workflow.hooks import install_hooks
from tests.conftest import Result
from tests.gitworld import World
from tests.samples import LESSON_REL, lesson_text

BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
WHEN = datetime(2025, 10, 20, 18, 0, tzinfo=VN_TZ)


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    world = World(tmp_path)
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    done = teacher.commit_push(
        BRANCH, [LESSON_REL], when="2025-10-12T19:00:00+07:00", received="2025-10-12T20:00:00+07:00"
    )
    assert done.returncode == 0, done.stderr
    head = world.person("gv-toan-01")
    monkeypatch.setenv("HSDT_RECEIVE_TIME", "2025-10-13T09:00:00+07:00")
    assert approve(head.root, load_school(head.root), "gv-toan-01", BRANCH).kind == "merge"
    clerk = world.person("vt-01")
    clerk.git("fetch", "-q")
    clerk.git(
        "-c", "gpg.format=ssh", "tag", "-s", "-m", "Tuần 6", "tuan-06-2025-2026", "origin/main",
        when="2025-10-20T16:55:00+07:00",
    )  # fmt: skip
    assert (
        clerk.push("refs/tags/tuan-06-2025-2026", received="2025-10-20T17:00:00+07:00").returncode
        == 0
    )
    return world


def _refs(git_dir: Path) -> str:
    return subprocess.run(
        ["git", "for-each-ref", "--format=%(objectname) %(refname)"],
        cwd=git_dir, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def test_backup_to_two_places_and_restore_a_working_server(world: World, tmp_path: Path) -> None:
    places = [tmp_path / "o-dia-ngoai", tmp_path / "may-khac"]
    results = backup(world.bare, places, name="lkc", when=WHEN)
    assert [r.written.path.name for r in results] == ["lkc-20251020T180000.bundle"] * 2
    for result in results:
        check = verify_backup(result.written.path)
        assert check.ok, check.problem
        assert check.notes == 1
        assert "refs/tags/tuan-06-2025-2026" in dict(check.refs)
    restored = tmp_path / "phuc-hoi.git"
    subprocess.run(
        ["git", "clone", "-q", "--mirror", str(results[0].written.path), str(restored)], check=True
    )
    assert _refs(restored) == _refs(world.bare)
    assert read_notes(restored) == read_notes(world.bare)
    listing = ["git", "ls-tree", "-r", "main"]
    done = subprocess.run(listing, cwd=restored, capture_output=True, text=True, check=True)
    assert done.stdout == world.server_git(*listing[1:])
    # The restored server judges pushes again, with the hooks installed afresh.
    install_hooks(restored)
    subprocess.run(["git", "config", "hsdt.allowClockOverride", "true"], cwd=restored, check=True)
    teacher = world.person("gv-toan-03")
    teacher.git("remote", "set-url", "origin", str(restored))
    teacher.git("fetch", "-q")
    done = teacher.push("origin/main:refs/heads/lung-tung", received="2025-10-21T08:00:00+07:00")
    assert "[nhanh] chỉ nhận nhánh main" in done.stderr


def test_generations_are_kept_and_damage_is_caught(world: World, tmp_path: Path) -> None:
    place = tmp_path / "sao-luu"
    for day in range(4):
        backup(world.bare, [place], name="lkc", when=WHEN + timedelta(days=day), keep=2)
    kept = sorted(p.name for p in place.glob("*.bundle"))
    assert kept == ["lkc-20251022T180000.bundle", "lkc-20251023T180000.bundle"]
    assert sorted(p.name for p in place.glob("*.sha256")) == [f"{k}.sha256" for k in kept]
    assert not [p for p in place.iterdir() if p.name.startswith(".hsdt-tmp-")]
    bundle = place / kept[-1]
    data = bytearray(bundle.read_bytes())
    data[-10] ^= 0xFF
    bundle.write_bytes(bytes(data))
    check = verify_backup(bundle)
    assert not check.ok
    assert check.problem == (
        "mã SHA-256 của tệp khác với mã ghi khi sao lưu: tệp đã bị thay đổi hoặc hỏng"
    )


def test_the_backup_command(world: World, tmp_path: Path, cli: Callable[..., Result]) -> None:
    one = tmp_path / "mot-noi"
    done = cli("backup", str(one), "--repo", str(world.bare), cwd=tmp_path)
    assert done.code == 0, done.err
    assert done.err.startswith("cảnh báo: chỉ sao lưu ra một nơi")
    (written,) = one.glob("*.bundle")
    assert written.name.startswith("server-")
    assert "trong đó 1 ref ghi chú giờ nhận; xóa 0 bản cũ)" in done.out
    done = cli("backup", "verify", str(written), cwd=tmp_path)
    assert done.code == 0, done.err
    assert done.out.startswith(f"{written}: tốt (")
    written.with_name(written.name + ".sha256").unlink()
    done = cli("backup", "verify", str(written), cwd=tmp_path)
    assert done.code == 1
    assert "thiếu tệp mã kiểm tra .sha256" in done.out
    done = cli("backup", "verify", str(tmp_path / "khong-co.bundle"), cwd=tmp_path)
    assert done.code == 2
    assert "không có tệp sao lưu" in done.err
