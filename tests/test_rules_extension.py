"""Deadline extensions (gia hạn, issue 14): the principal grants more time for a record, a
teacher or a week in the school profile; a late submission or approval within it is accepted,
``hsdt status`` shows it, reports read :func:`effective_deadline`; and nothing a pusher writes
grants one."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.check import check_paths, read_record
from hsdt.errors import ConfigError, HsdtError
from hsdt.load.profile import load_school
from hsdt.model.timeutil import VN_TZ
from hsdt.rules.context import CheckContext
from hsdt.rules.extension import effective_deadline
from hsdt.workflow.approve import approve
from hsdt.workflow.chain import evaluate_chain
from hsdt.workflow.evidence import Review, Source, Verdict
from hsdt.workflow.status import record_states
from tests.conftest import Result, write
from tests.gitworld import Person, World
from tests.pushattack import snapshot
from tests.samples import LESSON_REL, lesson_text

RULES = "schools/le-khac-can/quy-che.yml"
BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
ON_TIME = "2025-10-12T20:00:00+07:00"
RECORD_EXT = f"""
gia_han:
  - ma: gh-phan-so
    ho_so: {LESSON_REL}
    den: 2025-10-16T12:00:00+07:00
    ly_do: Tổ trưởng đi tập huấn ngày 15/10
    nguoi_cho_phep: ht-01
"""
WEEK_EXT = """
gia_han:
  - ma: gh-tuan-6-gv-toan-02
    giao_vien: gv-toan-02
    tuan: 6
    nam_hoc: 2025-2026
    loai: [khbd-trung-hoc]
    den: 2025-10-14T17:00:00+07:00
    ly_do: Giáo viên ốm, nghỉ có phép 11–13/10
    nguoi_cho_phep: ht-01
"""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(VN_TZ)


def add_rules(root: Path, extra: str) -> None:
    path = root / RULES
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def school_with(make_school: Callable[..., Path], extra: str, name: str | None = None) -> Path:
    root = make_school("le-khac-can", name)
    add_rules(root, extra)
    write(root, LESSON_REL, lesson_text())
    return root


def head_review(when: str) -> Review:
    return Review(
        "gv-toan-01", None, Verdict.APPROVED, at(when), "c0ffee", Source.GITHUB_REVIEW, "1"
    )


# --- the rules -------------------------------------------------------------------------------


def test_a_late_submission_within_a_teachers_week_extension_is_accepted(
    make_school: Callable[..., Path],
) -> None:
    root = school_with(make_school, WEEK_EXT)
    assert check_paths(root, [root / LESSON_REL], at=at("2025-10-14T16:00:00+07:00")).problems == ()
    late = check_paths(root, [root / LESSON_REL], at=at("2025-10-14T17:30:00+07:00"))
    assert [p.render() for p in late.problems if p.rule == "han-nop"] == [
        f"{LESSON_REL}:9: [han-nop] nộp muộn: nộp lúc 2025-10-14 17:30 (+07:00), hạn đã gia hạn"
        " đến 2025-10-14 17:00 (+07:00) (gh-tuan-6-gv-toan-02)"
    ]


def test_without_the_extension_the_same_submission_is_late(
    make_school: Callable[..., Path],
) -> None:
    root = school_with(make_school, "")
    late = check_paths(root, [root / LESSON_REL], at=at("2025-10-14T16:00:00+07:00"))
    assert [p.rule for p in late.problems] == ["han-nop"]


def test_an_extension_covers_only_what_it_names(make_school: Callable[..., Path]) -> None:
    root = school_with(make_school, WEEK_EXT.replace("tuan: 6", "tuan: 7"))
    late = check_paths(root, [root / LESSON_REL], at=at("2025-10-14T16:00:00+07:00"))
    assert [p.rule for p in late.problems] == ["han-nop"]
    other = WEEK_EXT.replace("giao_vien: gv-toan-02", "giao_vien: gv-toan-03")
    root = school_with(make_school, other, "other-teacher")
    late = check_paths(root, [root / LESSON_REL], at=at("2025-10-14T16:00:00+07:00"))
    assert [p.rule for p in late.problems] == ["han-nop"]


def test_a_late_approval_within_a_record_extension_counts(make_school: Callable[..., Path]) -> None:
    root = school_with(make_school, RECORD_EXT)
    school = load_school(root)
    record, _problems, _fixed = read_record(
        root, LESSON_REL, CheckContext(school, at(ON_TIME), True)
    )
    assert record is not None
    policy = school.policy.types["khbd-trung-hoc"]
    ok = evaluate_chain(school, LESSON_REL, policy, [head_review("2025-10-16T09:00:00+07:00")],
                        record=record)  # fmt: skip
    assert ok.complete
    late = evaluate_chain(school, LESSON_REL, policy, [head_review("2025-10-16T12:30:00+07:00")],
                          record=record)  # fmt: skip
    assert [m.render() for m in late.ignored] == [
        "duyệt lúc 2025-10-16 12:30 (+07:00) là quá hạn duyệt đã gia hạn đến 2025-10-16 12:00"
        " (+07:00) (gh-phan-so)"
    ]
    deadline = effective_deadline(school, record, "han_duyet")
    assert deadline.original == at("2025-10-15T23:59:59+07:00")
    assert deadline.due == at("2025-10-16T12:00:00+07:00")
    assert deadline.extension is not None
    assert deadline.extension.id == "gh-phan-so"
    # The extension moves the submission deadline too (both are the record's deadlines).
    submit = effective_deadline(school, record, "han_nop")
    # Lê Khắc Cẩn's two batches (Điều 6e): Sunday's cut-off is the last leaving the 3-day lead
    assert submit.original == at("2025-10-12T23:59:00+07:00")
    assert submit.due == at("2025-10-16T12:00:00+07:00")


def test_an_extension_never_shortens_a_deadline(make_school: Callable[..., Path]) -> None:
    root = school_with(make_school, RECORD_EXT.replace("2025-10-16T12:00", "2025-10-01T12:00"))
    school = load_school(root)
    record, _problems, _fixed = read_record(
        root, LESSON_REL, CheckContext(school, at(ON_TIME), True)
    )
    assert record is not None
    deadline = effective_deadline(school, record, "han_duyet")
    assert deadline.due == deadline.original == at("2025-10-15T23:59:59+07:00")
    assert deadline.extension is None
    assert check_paths(root, [root / LESSON_REL], at=at(ON_TIME)).problems == ()


# --- the profile -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("nguoi_cho_phep: ht-01", "nguoi_cho_phep: pht-02",
         "chỉ hiệu trưởng được gia hạn; 'pht-02' không phải hiệu trưởng"),
        ("nguoi_cho_phep: ht-01", "nguoi_cho_phep: gv-khong-co",
         "'gia_han[0].nguoi_cho_phep': không có nhân sự mã 'gv-khong-co' trong nhan_su"),
        (f"ho_so: {LESSON_REL}", "ho_so: ../../etc/passwd",
         "'ho_so' phải là đường dẫn hồ sơ dạng records/…/….md, nhận được '../../etc/passwd'"),
        (f"ho_so: {LESSON_REL}", f"hoso: {LESSON_REL}",
         "khóa 'gia_han[0].hoso' không được hỗ trợ; có phải 'ho_so'?"),
        ("ly_do: Tổ trưởng đi tập huấn ngày 15/10", "ly_do:",
         "thiếu khóa bắt buộc 'gia_han[0].ly_do'"),
    ],
)  # fmt: skip
def test_profile_errors(
    make_school: Callable[..., Path], old: str, new: str, expected: str
) -> None:
    root = make_school("le-khac-can")
    add_rules(root, RECORD_EXT.replace(old, new))
    lines = (root / RULES).read_text(encoding="utf-8").split("\n")
    # A missing value is reported at its item (the "- ma:" line), a bad one at its key.
    needle = "- ma: gh-phan-so" if new.endswith(":") else new.split(":", maxsplit=1)[0] + ":"
    line = next(i for i, text in enumerate(lines, 1) if text.strip().startswith(needle))
    with pytest.raises(ConfigError) as caught:
        load_school(root)
    assert caught.value.render() == f"{RULES}:{line}: {expected}"


def test_an_extension_names_what_it_covers(make_school: Callable[..., Path]) -> None:
    root = make_school("le-khac-can")
    add_rules(root, RECORD_EXT.replace(f"    ho_so: {LESSON_REL}\n", ""))
    with pytest.raises(ConfigError) as caught:
        load_school(root)
    assert caught.value.render().split(": ", 1)[1] == (
        "mục gia hạn phải ghi ít nhất một trong: ho_so, giao_vien, tuan"
    )


# --- through a hooked bare repository --------------------------------------------------------


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    hooktmp = tmp_path / "hooktmp"
    hooktmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(hooktmp))
    return World(tmp_path)


def _submit(world: World) -> Person:
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    done = teacher.commit_push(BRANCH, [LESSON_REL], when=ON_TIME, received=ON_TIME)
    assert done.returncode == 0, done.stderr
    return teacher


def _approve(
    world: World, monkeypatch: pytest.MonkeyPatch, who: str, branch: str, when: str
) -> str:
    person = world.person(who)
    monkeypatch.setenv("HSDT_RECEIVE_TIME", when)
    return approve(person.root, load_school(person.root), who, branch).kind


def _grant(world: World, extra: str = RECORD_EXT) -> str:
    """The principal proposes the extension (a profile change on a branch)."""
    principal = world.person("ht-01")
    branch = "nop/ht-01/quy-che/gia-han-phan-so"
    principal.git("switch", "-q", "-c", branch, "origin/main")
    add_rules(principal.root, extra)
    principal.git(
        "commit", "-qam", "Gia hạn duyệt giáo án phân số", when="2025-10-16T07:30:00+07:00"
    )
    done = principal.push(branch, received="2025-10-16T07:30:00+07:00")
    assert done.returncode == 0, done.stderr
    return branch


def test_a_late_approval_within_the_principals_extension_reaches_main(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _submit(world)
    with pytest.raises(HsdtError) as caught:
        _approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-16T08:00:00+07:00")
    assert (
        "duyệt lúc 2025-10-16 08:00 (+07:00) là quá hạn duyệt 2025-10-15 23:59 (+07:00)"
        in caught.value.render()
    )
    # Proposed but not approved: the extension counts for nothing yet.
    branch = _grant(world)
    with pytest.raises(HsdtError):
        _approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-16T08:10:00+07:00")
    assert _approve(world, monkeypatch, "ht-01", branch, "2025-10-16T08:20:00+07:00") == "merge"
    # hsdt status shows the pending record's extension.
    head = world.person("gv-toan-01")
    head.git("switch", "-q", "main")
    head.git("pull", "-q", "--ff-only", "origin", "main")
    state = record_states(head.root, load_school(head.root))[LESSON_REL]
    assert state.extension is not None
    assert state.as_dict()["gia_han"] == {
        "ma": "gh-phan-so",
        "den": "2025-10-16T12:00:00+07:00",
        "ly_do": "Tổ trưởng đi tập huấn ngày 15/10",
        "nguoi_cho_phep": "ht-01",
    }
    assert (
        _approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-16T09:00:00+07:00") == "merge"
    )
    assert LESSON_REL in world.server_git("ls-tree", "-r", "--name-only", "main")


def test_hsdt_status_prints_the_extension(
    world: World, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    _submit(world)
    branch = _grant(world)
    assert _approve(world, monkeypatch, "ht-01", branch, "2025-10-16T08:20:00+07:00") == "merge"
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    teacher.git("switch", "-q", "main")
    teacher.git("pull", "-q", "--ff-only", "origin", "main")
    monkeypatch.chdir(teacher.root)
    result = cli("status", "--all")
    assert result.code == 0, result.err
    assert (
        f"gởi kiểm tra  {LESSON_REL}  (nhánh {BRANCH}; gia hạn đến 2025-10-16 12:00 (+07:00)"
        " (gh-phan-so: Tổ trưởng đi tập huấn ngày 15/10))"
    ) in result.out.splitlines()
    result = cli("status", "--all", "--format", "json")
    (entry,) = [e for e in json.loads(result.out) if e["ho_so"] == LESSON_REL]
    assert entry["gia_han"]["ma"] == "gh-phan-so"


def test_a_group_head_cannot_merge_an_extension(world: World) -> None:
    """The head (whose approval is late) merges the principal's proposed extension with their
    own signed merge: a change under schools/ needs the principal, so the server refuses."""
    _submit(world)
    branch = _grant(world)
    head = world.person("gv-toan-01")
    head.git("fetch", "-q")
    tree = head.git("merge-tree", "--write-tree", "origin/main", f"origin/{branch}").stdout.split()[
        0
    ]
    message = "Duyệt\n\nHsdt-Approved-By: gv-toan-01\nHsdt-Role: to_truong\n"
    sha = head.git(
        "-c", "gpg.format=ssh", "commit-tree", "-S", tree, "-p", "origin/main",
        "-p", f"origin/{branch}", "-m", message,
    ).stdout.strip()  # fmt: skip
    before = snapshot(world)
    done = head.push(f"{sha}:refs/heads/main", received="2025-10-16T08:20:00+07:00")
    assert done.returncode != 0
    assert snapshot(world) == before
    assert (
        "[duyet] thay đổi ngoài records/ (hồ sơ nhà trường, khóa sổ…) cần hieu_truong duyệt"
        in done.stderr
    )


def test_an_extension_smuggled_into_a_submission_grants_nothing(world: World) -> None:
    """The teacher, late, writes themselves an extension in the profile beside the record."""
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    add_rules(teacher.root, WEEK_EXT.replace("2025-10-14T17:00", "2025-10-30T17:00"))
    before = snapshot(world)
    done = teacher.commit_push(
        BRANCH, [LESSON_REL, RULES], when=ON_TIME, received="2025-10-14T10:00:00+07:00"
    )
    assert done.returncode != 0
    assert f"remote: {RULES}: [ngoai-ho-so]" in done.stderr
    assert snapshot(world) == before
    # Without the profile change, the record alone is late: the server's profile is main's.
    teacher.git("reset", "-q", "--hard", "origin/main")
    teacher.write(LESSON_REL, lesson_text())
    done = teacher.commit_push(
        BRANCH, [LESSON_REL], when=ON_TIME, received="2025-10-14T10:00:00+07:00"
    )
    assert f"remote: {LESSON_REL}:9: [han-nop] nộp muộn: nộp lúc 2025-10-14 10:00" in done.stderr


def test_the_report_and_the_history_show_the_extension(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hsdt.report.aggregate import school_report
    from hsdt.report.facts import collect_facts, to_table

    _submit(world)
    branch = _grant(world)
    assert _approve(world, monkeypatch, "ht-01", branch, "2025-10-16T08:20:00+07:00") == "merge"
    assert (
        _approve(world, monkeypatch, "gv-toan-01", BRANCH, "2025-10-16T09:00:00+07:00") == "merge"
    )
    head = world.person("gv-toan-01")
    head.git("switch", "-q", "main")
    head.git("pull", "-q", "--ff-only", "origin", "main")
    school = load_school(head.root)
    facts = collect_facts(head.root, school, at("2025-10-17T12:00:00+07:00"))
    (lesson,) = [f for f in facts if f.path == LESSON_REL]
    # the submission deadline is the extension's (the rules' own was Sunday 12/10, 23:59)
    assert (lesson.extension, lesson.due_at) == ("gh-phan-so", at("2025-10-16T12:00:00+07:00"))
    assert all(f.extension is None for f in facts if f.path != LESSON_REL)
    report = school_report(to_table(facts))
    groups = report.tables["groups"]
    row = dict(zip(groups.columns, next(r for r in groups.rows if "to-khtn" in r), strict=True))
    assert row["extended"] == 1
    # ... and the record's history keeps it
    from hsdt.report.history import EventKind, read_histories

    (history,) = read_histories(head.root, school, [LESSON_REL])
    (extended,) = [e for e in history.events if e.kind is EventKind.EXTENDED]
    assert (extended.at, extended.who, extended.detail) == (
        at("2025-10-16T12:00:00+07:00"),
        "ht-01",
        "gh-phan-so",
    )
    assert extended.describe(school).render("vi") == (
        "hạn nộp và hạn duyệt được gia hạn đến lúc này (gh-phan-so, theo quy chế; người cho "
        "phép: Phạm Văn Mẫu (ht-01); lý do: Tổ trưởng đi tập huấn ngày 15/10)"
    )
