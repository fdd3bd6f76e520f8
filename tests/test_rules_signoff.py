"""The principal's periodic sign-off (issue 14; seed 000 Điều 10): a summary of one week's
approved records with their hashes, approved (and signed) by the principal once; the server
refuses a summary whose hashes do not match the records merged."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from hsdt.errors import HsdtError, UsageError
from hsdt.load.profile import load_school
from hsdt.workflow.approve import approve
from hsdt.workflow.signoff import listing, period_records, write_summary
from tests.conftest import Result
from tests.gitworld import Person, World
from tests.samples import LESSON_REL, lesson_text

BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
SUMMARY_BRANCH = "nop/pht-02/ky-duyet-ky/tuan-6"
SUMMARY_REL = "records/2025-2026/truong/ky-duyet-ky/2025-10-20-ky-duyet-ho-so-tuan-6.md"
ON_TIME = "2025-10-12T20:00:00+07:00"
POLICY = """
  ky-duyet-ky:
    nguoi_nop: [pho_hieu_truong]
    duyet:
      - [hieu_truong]
    cong_khai: noi_bo
    chu_ky: [hieu_truong]
"""


def _add_policy(folder: Path) -> None:
    rules = folder / "quy-che.yml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("loai_ho_so:\n", "loai_ho_so:" + POLICY, 1), encoding="utf-8")


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    hooktmp = tmp_path / "hooktmp"
    hooktmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(hooktmp))
    return World(tmp_path, profile_edit=_add_policy)


def _approve(world: World, monkeypatch: pytest.MonkeyPatch, who: str, branch: str, at: str) -> str:
    person = world.person(who)
    monkeypatch.setenv("HSDT_RECEIVE_TIME", at)
    return approve(person.root, load_school(person.root), who, branch).kind


def _week_six(world: World, monkeypatch: pytest.MonkeyPatch) -> Person:
    """The week-6 lesson approved; the vice-principal's clone, up to date."""
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    assert teacher.commit_push(BRANCH, [LESSON_REL], when=ON_TIME, received=ON_TIME).returncode == 0
    assert _approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-13T09:00:00+07:00") == (
        "merge"
    )
    vice = world.person("pht-02")
    vice.git("fetch", "-q")
    vice.git("switch", "-q", "-c", SUMMARY_BRANCH, "origin/main")
    return vice


def test_the_summary_lists_the_weeks_records_with_their_hashes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    vice = _week_six(world, monkeypatch)
    school = load_school(vice.root)
    digest = hashlib.sha256(lesson_text().encode("utf-8")).hexdigest()
    assert [
        (r.path, r.sha256) for r in period_records(vice.root, school, "2025-2026", 6, "origin/main")
    ] == [(LESSON_REL, digest)]
    assert period_records(vice.root, school, "2025-2026", 7, "origin/main") == []
    with pytest.raises(UsageError) as caught:
        write_summary(
            vice.root, school, "2025-2026", 7, "pht-02", date(2025, 10, 20), "origin/main"
        )
    assert caught.value.render() == (
        "không có hồ sơ nào của tuần 7 năm học 2025-2026 trên origin/main để ký duyệt"
    )
    path, count = write_summary(
        vice.root, school, "2025-2026", 6, "pht-02", date(2025, 10, 20), "origin/main"
    )
    assert (path.relative_to(vice.root).as_posix(), count) == (SUMMARY_REL, 1)
    text = path.read_text(encoding="utf-8")
    assert f"- {digest} {LESSON_REL}" in text
    assert f"| 1 | `{LESSON_REL}` | `{digest}` |" in text
    # The principal approves the summary once: it reaches main.
    done = vice.commit_push(
        SUMMARY_BRANCH, [SUMMARY_REL], when="2025-10-20T08:00:00+07:00",
        received="2025-10-20T08:00:00+07:00",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _approve(world, monkeypatch, "ht-01", SUMMARY_BRANCH, "2025-10-20T09:00:00+07:00") == (
        "merge"
    )
    assert SUMMARY_REL in world.server_git("ls-tree", "-r", "--name-only", "main")


@pytest.mark.parametrize(
    ("forge", "expected"),
    [
        (lambda text, digest: text.replace(digest, "0" * 64),
         f"[ky-duyet-ky] hồ sơ {LESSON_REL} đã khác với mã băm ghi trong bản tổng hợp (lập lại"
         " bằng hsdt ky-duyet-ky)"),
        (lambda text, digest: text.replace(f"{digest} {LESSON_REL}",
                                           f"{digest} {LESSON_REL.replace('phan-so', 'khac')}"),
         f"[ky-duyet-ky] bản tổng hợp ghi hồ sơ {LESSON_REL.replace('phan-so', 'khac')} nhưng hồ"
         " sơ này không có trong kho"),
    ],
)  # fmt: skip
def test_the_server_refuses_a_summary_that_does_not_match(
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    forge: Callable[[str, str], str],
    expected: str,
) -> None:
    vice = _week_six(world, monkeypatch)
    school = load_school(vice.root)
    path, _count = write_summary(
        vice.root, school, "2025-2026", 6, "pht-02", date(2025, 10, 20), "origin/main"
    )
    digest = hashlib.sha256(lesson_text().encode("utf-8")).hexdigest()
    path.write_text(forge(path.read_text(encoding="utf-8"), digest), encoding="utf-8")
    done = vice.commit_push(
        SUMMARY_BRANCH, [SUMMARY_REL], when="2025-10-20T08:00:00+07:00",
        received="2025-10-20T08:00:00+07:00",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with pytest.raises(HsdtError) as caught:
        _approve(world, monkeypatch, "ht-01", SUMMARY_BRANCH, "2025-10-20T09:00:00+07:00")
    assert f"{SUMMARY_REL}: {expected}" in caught.value.render()
    assert SUMMARY_REL not in world.server_git("ls-tree", "-r", "--name-only", "main")


def test_listing_rejects_malformed_entries(make_school: Callable[..., Path]) -> None:
    from hsdt.model.record import Record

    record = Record(
        SUMMARY_REL,
        "ky-duyet-ky",
        {"ho_so_ky": [f"{'a' * 64} {LESSON_REL}", "abc records/x.md", f"{'b' * 64} ../etc"]},
        {},
        "",
        1,
        (),
    )
    good, bad = listing(record)
    assert [g.path for g in good] == [LESSON_REL]
    assert bad == ["abc records/x.md", f"{'b' * 64} ../etc"]


def test_cli(world: World, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]) -> None:
    vice = _week_six(world, monkeypatch)
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", vice.email)  # the author is whoever git commits as
    result = cli("ky-duyet-ky", "--tuan", "6", "--nam-hoc", "2025-2026", "--ngay", "2025-10-20",
                 cwd=vice.root)  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.strip() == (
        f"đã lập {SUMMARY_REL}: 1 hồ sơ của tuần 6; nộp bản này để hiệu trưởng duyệt và ký một lần"
    )
