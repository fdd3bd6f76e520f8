"""The adversarial suite of the pre-receive hook (issue 9): each attack on a real bare
repository with hsdt's hooks is refused with a Vietnamese message and leaves the server as it
was (every ref, the receive notes, and every file beside the repository and under the hooks'
temporary folder). Grows with every rule."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from hsdt.git.notes import read_notes
from hsdt.load.profile import load_school
from hsdt.scaffold import new_record
from hsdt.workflow.approve import approve
from tests.gitworld import Person, World
from tests.pushattack import blob, commit_raw, nested, replace_entry, snapshot, with_entry
from tests.samples import LESSON_REL, demo_week_text, lesson_text

BRANCH = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
ON_TIME = "2025-10-12T20:00:00+07:00"
NEXT_DAY = "2025-10-13T09:00:00+07:00"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    hooktmp = tmp_path / "hooktmp"
    hooktmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(hooktmp))
    return World(tmp_path)


def refused(world: World, before: dict[str, object], done: subprocess.CompletedProcess[str]) -> str:
    """Assert the push was refused and changed nothing; return git's stderr."""
    assert done.returncode != 0, done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(world) == before
    return done.stderr


def submit(world: World, who: str = "gv-toan-02", text: str | None = None) -> Person:
    teacher = world.person(who)
    teacher.write(LESSON_REL, text if text is not None else lesson_text())
    done = teacher.commit_push(BRANCH, [LESSON_REL], when=ON_TIME, received=ON_TIME)
    assert done.returncode == 0, done.stderr
    return teacher


def approve_as(
    world: World, monkeypatch: pytest.MonkeyPatch, who: str, branch: str, at: str, **kw: str
) -> str:
    person = world.person(who)
    monkeypatch.setenv("HSDT_RECEIVE_TIME", at)
    return approve(person.root, load_school(person.root), who, branch, **kw).kind


def sign_commit(person: Person, tree: str, parents: list[str], message: str) -> str:
    args = ["-c", "gpg.format=ssh", "commit-tree", "-S", tree]
    for parent in parents:
        args += ["-p", parent]
    return person.git(*args, "-m", message).stdout.strip()


def refused_merge(world: World, person: Person, tree: str, side: str, role: str) -> str:
    """``person``'s signed approval merge of ``side`` with ``tree``: refused, server unchanged."""
    message = f"Duyệt\n\nHsdt-Approved-By: {person.staff_id}\nHsdt-Role: {role}\n"
    sha = sign_commit(person, tree, ["origin/main", side], message)
    before = snapshot(world)
    return refused(world, before, person.push(f"{sha}:refs/heads/main", received=NEXT_DAY))


# --- what the hook believes about a commit ---------------------------------------------------


def test_separator_bytes_in_a_message_forge_nothing(world: World) -> None:
    """The old hook split `git log` output on \\x1e/\\x1f: a message carrying them chose the
    signature status, the signer and the changed files the hook saw."""
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    roster = teacher.root / "schools" / "le-khac-can" / "truong.yml"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace(
            "to_truong: gv-toan-01", "to_truong: gv-toan-02"
        ),
        encoding="utf-8",
    )
    teacher.git("add", "-A")
    tree = teacher.git("write-tree").stdout.strip()
    main = teacher.git("rev-parse", "origin/main").stdout.strip()
    forged = (
        "Duyệt\x1f\x1fG\x1fht01@lkc.truong-mau.example\x1fSHA256:x\x1f\n\n"
        "Hsdt-Approved-By: ht-01\x1d\x1e" + main + "\x1f\x1f"
    ).encode()
    sha = commit_raw(teacher, tree, [main], forged)
    before = snapshot(world)
    err = refused(world, before, teacher.push(f"{sha}:refs/heads/main", received=ON_TIME))
    assert "[duyet] main chỉ nhận commit gộp duyệt có chữ ký SSH" in err


def test_an_outsider_key_in_allowed_signers_counts_for_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repository's allowed_signers lists an outsider's key under the group head's e-mail;
    the server verifies against the roster's keys only."""
    keyfile = tmp_path / "outsider"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keyfile)], check=True)
    public = " ".join(keyfile.with_suffix(".pub").read_text().split()[:2])
    extra = f'toan01@lkc.truong-mau.example namespaces="git" {public}\n'
    (tmp_path / "hooktmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "hooktmp"))
    world = World(tmp_path, extra_signers=extra)
    submit(world)
    outsider = world.person("gv-toan-03")
    outsider.git("fetch", "-q")
    tree = outsider.git(
        "merge-tree", "--write-tree", "origin/main", f"origin/{BRANCH}"
    ).stdout.split()[0]
    outsider.git("config", "user.signingkey", str(keyfile))
    sha = sign_commit(
        outsider,
        tree,
        ["origin/main", f"origin/{BRANCH}"],
        "Duyệt\n\nHsdt-Approved-By: gv-toan-01\nHsdt-Role: to_truong\n",
    )
    before = snapshot(world)
    err = refused(world, before, outsider.push(f"{sha}:refs/heads/main", received=NEXT_DAY))
    assert "[chu-ky-ssh] chữ ký SSH trên commit của gv-toan-01 không xác minh được" in err


def test_a_commit_with_duplicate_headers_is_unreadable_and_refused(world: World) -> None:
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    world.server_git("config", "receive.fsckObjects", "false")
    world.server_git("config", "transfer.fsckObjects", "false")
    main = teacher.git("rev-parse", "origin/main").stdout.strip()
    tree = teacher.git("rev-parse", "origin/main^{tree}").stdout.strip()
    extra = b"author ht-01 <ht01@lkc.truong-mau.example> 1760270400 +0700\n"
    sha = commit_raw(teacher, tree, [main], b"Nop\n", extra=extra)
    before = snapshot(world)
    done = teacher.push(
        f"{sha}:refs/heads/nop/gv-toan-02/khbd-trung-hoc/hai-tac-gia", received=ON_TIME
    )
    err = refused(world, before, done)
    assert "[commit-hong] commit quá lớn hoặc phần đầu không đúng dạng git ghi" in err


# --- crafted trees ---------------------------------------------------------------------------


def _crafted_push(world: World, parts: list[bytes]) -> tuple[dict[str, object], str]:
    """Push main's tree with the lesson at ``records/<parts…>`` (any names, even ``..``)."""
    assert parts[0] == b"records"
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    main = teacher.git("rev-parse", "origin/main").stdout.strip()
    base = teacher.git("rev-parse", "origin/main^{tree}").stdout.strip()
    records = teacher.git("rev-parse", "origin/main:records").stdout.strip()
    content = blob(teacher, lesson_text().encode())
    crafted = (
        with_entry(teacher, records, parts[1], "40000", nested(teacher, parts[2:], content))
        if len(parts) > 2
        else with_entry(teacher, records, parts[1], "100644", content)
    )
    tree = replace_entry(teacher, base, b"records", crafted)
    sha = commit_raw(teacher, tree, [main], b"Nop giao an\n")
    before = snapshot(world)
    done = teacher.push(f"{sha}:refs/heads/nop/gv-toan-02/khbd-trung-hoc/x", received=ON_TIME)
    return before, refused(world, before, done)


def test_git_itself_refuses_dotdot_entries_with_the_installed_settings(world: World) -> None:
    _before, err = _crafted_push(world, [b"records", b"..", b"..", b"..", b"..", b"escaped.md"])
    assert "hasDotdot" in err or "fsck" in err
    assert not (world.tmp / "escaped.md").exists()


@pytest.mark.parametrize(
    ("parts", "why"),
    [
        (
            [b"records", b"..", b"..", b"..", b"..", b"escaped.md"],
            "có thành phần rỗng, '.' hoặc '..'",
        ),
        ([b"records", b".", b"x.md"], "có thành phần rỗng, '.' hoặc '..'"),
        ([b"records", b".GIT", b"hooks", b"post-receive.md"], "có thành phần '.git'"),
        ([b"records", b"2025-2026", b"x\x01.md"], "có ký tự điều khiển hoặc ký tự cấm"),
        ([b"records", b"2025-2026", b"a\\..\\b.md"], "có ký tự điều khiển hoặc ký tự cấm"),
        ([b"records", b"2025-2026", b"\xff\xfe.md"], "tên không phải UTF-8"),
    ],
)
def test_the_hook_refuses_unsafe_paths_before_writing_anything(
    world: World, parts: list[bytes], why: str
) -> None:
    """On a server whose git checks were switched off, the hook's own check holds: the push is
    refused and no file is written outside its temporary folder (nor left inside it)."""
    world.server_git("config", "receive.fsckObjects", "false")
    world.server_git("config", "transfer.fsckObjects", "false")
    world.server_git("config", "core.protectNTFS", "false")
    world.server_git("config", "core.protectHFS", "false")
    _before, err = _crafted_push(world, parts)
    assert "[duong-dan-nguy-hiem] đường dẫn không an toàn: " + why in err
    assert not (world.tmp / "escaped.md").exists()
    assert list((world.tmp / "hooktmp").iterdir()) == []


def test_symlinks_are_refused(world: World) -> None:
    teacher = world.person("gv-toan-02")
    teacher.git("switch", "-q", "-c", "nop/gv-toan-02/khbd-trung-hoc/lien-ket", "origin/main")
    link = (
        teacher.root
        / "records"
        / "2025-2026"
        / "to-khtn"
        / "gv-toan-02"
        / "khbd-trung-hoc"
        / "x.md"
    )
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to("/etc/passwd")
    teacher.git("add", "-A")
    teacher.git("commit", "-q", "--no-verify", "-m", "liên kết")
    before = snapshot(world)
    err = refused(
        world, before, teacher.push("nop/gv-toan-02/khbd-trung-hoc/lien-ket", received=ON_TIME)
    )
    assert "[loai-tep] không nhận liên kết tượng trưng (symlink) hay submodule" in err


# --- refs and tags ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    ["refs/heads/Main", "refs/heads/main2", "refs/for/main", "refs/pull/1/head", "refs/hsdt/x",
     "refs/heads/nop/gv-toan-02/khbd-trung-hoc", "refs/heads/nop/GV/khbd-trung-hoc/x"],
)  # fmt: skip
def test_refs_outside_the_scheme_are_refused(world: World, ref: str) -> None:
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    before = snapshot(world)
    err = refused(world, before, teacher.push(f"origin/main:{ref}", received=ON_TIME))
    assert "[nhanh] chỉ nhận nhánh main (qua duyệt) và nhánh nộp" in err


def test_a_submission_branch_must_start_from_main(world: World) -> None:
    teacher = world.person("gv-toan-02")
    teacher.git("switch", "-q", "--orphan", "nop/gv-toan-02/khbd-trung-hoc/moi")
    teacher.write(LESSON_REL, lesson_text())
    teacher.git("add", LESSON_REL)
    teacher.git("commit", "-q", "--no-verify", "-m", "Nộp")
    before = snapshot(world)
    done = teacher.push("nop/gv-toan-02/khbd-trung-hoc/moi", received=ON_TIME)
    assert "[nhanh] nhánh nộp phải được tạo từ main" in refused(world, before, done)


def _tag(person: Person, name: str, target: str, *, sign: bool = True) -> None:
    args = ["tag", "-s" if sign else "-a", "-m", f"Lưu trữ {name}", name, target]
    person.git("-c", "gpg.format=ssh", *args)


def test_only_the_archivist_tags_and_tags_never_move(world: World) -> None:
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    before = snapshot(world)
    teacher.git("tag", "tuan-06-nhe", "origin/main")
    err = refused(world, before, teacher.push("refs/tags/tuan-06-nhe", received=ON_TIME))
    assert "[the] chỉ nhận thẻ có chú thích và chữ ký SSH" in err
    _tag(teacher, "tuan-06-gv", "origin/main")
    err = refused(world, before, teacher.push("refs/tags/tuan-06-gv", received=ON_TIME))
    assert "[the] gv-toan-02 không được gắn thẻ lưu trữ: chỉ văn thư" in err
    clerk = world.person("vt-01")
    clerk.git("fetch", "-q")
    _tag(clerk, "tuan-06-chua-ky", "origin/main", sign=False)
    err = refused(world, before, clerk.push("refs/tags/tuan-06-chua-ky", received=ON_TIME))
    assert "[the] thẻ chưa ký SSH" in err
    _tag(clerk, "Tuan_06", "origin/main")
    err = refused(world, before, clerk.push("refs/tags/Tuan_06", received=ON_TIME))
    assert "[the] tên thẻ 'Tuan_06' không đúng quy ước" in err
    _tag(clerk, "tuan-06-2025-2026", "origin/main")
    assert clerk.push("refs/tags/tuan-06-2025-2026", received=ON_TIME).returncode == 0
    after = snapshot(world)
    moved = clerk.git(
        "commit-tree", "-m", "khác", "origin/main^{tree}", "-p", "origin/main"
    ).stdout.strip()
    clerk.git("tag", "-d", "tuan-06-2025-2026")
    _tag(clerk, "tuan-06-2025-2026", moved)
    err = refused(
        world, after, clerk.push("refs/tags/tuan-06-2025-2026", received=ON_TIME, force=True)
    )
    assert "[the] không được xóa hay di chuyển thẻ (tag) đã có" in err
    err = refused(world, after, clerk.push(":refs/tags/tuan-06-2025-2026", received=ON_TIME))
    assert "[the] không được xóa hay di chuyển thẻ (tag) đã có" in err


def test_a_tag_named_main_is_refused_and_main_stays_pushable(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    clerk = world.person("vt-01")
    clerk.git("fetch", "-q")
    _tag(clerk, "main", "origin/main")
    before = snapshot(world)
    err = refused(world, before, clerk.push("refs/tags/main", received=ON_TIME))
    assert "[the] không dùng được tên thẻ 'main': tên này dành riêng" in err
    # 'verify' is the subcommand of 'hsdt export verify': a tag of that name could not be
    # exported, so the server refuses it as it refuses 'main'
    _tag(clerk, "verify", "origin/main")
    err = refused(world, before, clerk.push("refs/tags/verify", received=ON_TIME))
    assert "[the] không dùng được tên thẻ 'verify'" in err
    assert "verify là lệnh con của hsdt export verify" in err
    submit(world)
    assert approve_as(world, monkeypatch, "gv-toan-01", BRANCH, NEXT_DAY) == "merge"


def test_a_tag_cannot_carry_commits_that_are_not_on_main(world: World) -> None:
    """A tag holding a rewritten history (or a teacher's unchecked commit) is refused, and the
    commit it carried is judged when a branch later points to it."""
    clerk = world.person("vt-01")
    clerk.git("fetch", "-q")
    rewritten = clerk.git("commit-tree", "-m", "Lịch sử khác", "origin/main^{tree}").stdout.strip()
    _tag(clerk, "nam-hoc-2025-2026", rewritten)
    before = snapshot(world)
    err = refused(world, before, clerk.push("refs/tags/nam-hoc-2025-2026", received=ON_TIME))
    assert "[the] thẻ phải trỏ tới một commit đã có trên main" in err
    teacher = world.person("gv-toan-02")
    teacher.git("switch", "-q", "-c", "tam", "origin/main")
    late = LESSON_REL
    teacher.write(late, lesson_text())
    teacher.git("add", late)
    teacher.git("commit", "-q", "--no-verify", "-m", "Nộp muộn")
    teacher.git("tag", "-a", "-m", "x", "lau")
    err = refused(
        world, before, teacher.push("refs/tags/lau", received="2025-10-14T09:00:00+07:00")
    )
    assert "[the]" in err
    done = teacher.push("tam:refs/heads/" + BRANCH, received="2025-10-14T09:00:00+07:00")
    assert f"{LESSON_REL}:9: [han-nop]" in refused(world, before, done)


# --- trailers and reviews --------------------------------------------------------------------


def test_an_unsigned_review_trailer_on_content_is_refused(world: World) -> None:
    """A content commit that claims an approval it has no signature for."""
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    teacher.git("switch", "-q", "-c", BRANCH, "origin/main")
    teacher.git("add", LESSON_REL)
    teacher.git(
        "commit",
        "-q",
        "--no-verify",
        "-m",
        "Nộp\n\nHsdt-Approved-By: gv-toan-01\nHsdt-Role: to_truong",
    )
    before = snapshot(world)
    err = refused(world, before, teacher.push(BRANCH, received=ON_TIME))
    assert "[chu-ky-ssh] commit duyệt của gv-toan-01 chưa ký SSH" in err


def test_a_review_signed_by_someone_else_is_refused(world: World) -> None:
    submit(world)
    intruder = world.person("gv-toan-03")
    intruder.git("fetch", "-q")
    tip = intruder.git("rev-parse", f"origin/{BRANCH}").stdout.strip()
    sha = sign_commit(
        intruder,
        f"{tip}^{{tree}}",
        [tip],
        f"Yêu cầu chỉnh sửa\n\nlý do\n\nHsdt-Request-Changes-By: gv-toan-01\nHsdt-Reviewed-Commit: {tip}\n",
    )
    before = snapshot(world)
    err = refused(world, before, intruder.push(f"{sha}:refs/heads/{BRANCH}", received=NEXT_DAY))
    assert (
        "[chu-ky-ssh] commit ghi người duyệt gv-toan-01 nhưng được ký bằng khóa của gv-toan-03"
        in err
    )


def test_a_review_of_another_commit_is_refused(world: World) -> None:
    """A send-back signed for an older tip cannot be replayed on top of new content."""
    teacher = submit(world)
    head = world.person("gv-toan-01")
    head.git("fetch", "-q")
    tip = head.git("rev-parse", f"origin/{BRANCH}").stdout.strip()
    teacher.write(LESSON_REL, lesson_text() + "\nThêm.\n")
    assert teacher.commit_push(BRANCH, [LESSON_REL], when=ON_TIME, received=ON_TIME).returncode == 0
    head.git("fetch", "-q")
    newer = head.git("rev-parse", f"origin/{BRANCH}").stdout.strip()
    sha = sign_commit(
        head, f"{newer}^{{tree}}", [newer],
        f"Đã kiểm tra\n\nHsdt-Approved-By: gv-toan-01\nHsdt-Reviewed-Commit: {tip}\n",
    )  # fmt: skip
    before = snapshot(world)
    err = refused(world, before, head.push(f"{sha}:refs/heads/{BRANCH}", received=NEXT_DAY))
    assert "[chu-ky-ssh] commit duyệt / trả về ghi đã xem một commit khác" in err


def test_an_empty_approval_merge_is_refused(world: World) -> None:
    """A signed 'approval' that merges nothing (an old main commit) adds nothing to approve."""
    head = world.person("gv-toan-01")
    head.git("fetch", "-q")
    side = head.git("commit-tree", "-m", "rỗng", "origin/main^{tree}", "-p", "origin/main")
    err = refused_merge(world, head, "origin/main^{tree}", side.stdout.strip(), "to_truong")
    assert "[duyet] commit gộp không mang thay đổi nào" in err


def test_a_review_that_changes_files_is_content_and_refused(world: World) -> None:
    submit(world)
    head = world.person("gv-toan-01")
    head.git("fetch", "-q")
    head.git("switch", "-q", "-c", "sua", f"origin/{BRANCH}")
    head.write(LESSON_REL, lesson_text() + "\nThêm của tổ trưởng.\n")
    head.git("add", LESSON_REL)
    head.git(
        "-c",
        "gpg.format=ssh",
        "commit",
        "-q",
        "-S",
        "--no-verify",
        "-m",
        "Đã kiểm tra\n\nHsdt-Approved-By: gv-toan-01\nHsdt-Role: to_truong",
    )
    before = snapshot(world)
    err = refused(world, before, head.push(f"sua:refs/heads/{BRANCH}", received=NEXT_DAY))
    assert "[chu-ky-ssh] commit duyệt / yêu cầu chỉnh sửa không được thay đổi tệp nào" in err


def _teacher_plan(world: World) -> tuple[Person, str, str]:
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


def test_an_intermediate_approval_does_not_cover_content_added_after_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    teacher, branch, rel = _teacher_plan(world)
    assert approve_as(world, monkeypatch, "gv-toan-01", branch, NEXT_DAY) == "review"
    teacher.git("pull", "-q", "--ff-only", "origin", branch)
    teacher.write(
        rel, (teacher.root / rel).read_text(encoding="utf-8") + "\nThêm sau khi tổ duyệt.\n"
    )
    assert teacher.commit_push(branch, [rel], when=NEXT_DAY, received=NEXT_DAY).returncode == 0
    principal = world.person("ht-01")
    principal.git("fetch", "-q")
    tree = principal.git(
        "merge-tree", "--write-tree", "origin/main", f"origin/{branch}"
    ).stdout.split()[0]
    err = refused_merge(world, principal, tree, f"origin/{branch}", "hieu_truong")
    assert f"{rel}: [chuoi-duyet] chưa đủ chuỗi duyệt (0/2 bước)" in err


# --- approval merges -------------------------------------------------------------------------


def test_a_merge_cannot_bring_more_than_the_approved_branch(world: World) -> None:
    submit(world)
    head = world.person("gv-toan-01")
    head.git("fetch", "-q")
    head.git("switch", "-q", "-c", "gop", "origin/main")
    head.git("merge", "-q", "--no-ff", "--no-commit", f"origin/{BRANCH}")
    extra = "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/2025-10-17-so-sanh-phan-so.md"
    head.write(extra, demo_week_text(extra))
    head.git("add", extra)
    tree = head.git("write-tree").stdout.strip()
    head.git("merge", "--abort")
    err = refused_merge(world, head, tree, f"origin/{BRANCH}", "to_truong")
    assert f"{extra}: [gop-khac] commit gộp không đúng nội dung nhánh đã duyệt" in err


@pytest.mark.parametrize("pusher", [None, "gv-toan-01"])
def test_a_merge_cannot_smuggle_unsubmitted_content(world: World, pusher: str | None) -> None:
    """The group head writes 'the teacher's' record himself, under her e-mail, and merges it
    in one push: content nobody submitted, whether or not the server knows the pusher."""
    head = world.person("gv-toan-01")
    head.pusher = pusher
    head.git("fetch", "-q")
    head.git("switch", "-q", "-c", "gia", "origin/main")
    head.write(LESSON_REL, lesson_text())
    head.git("add", LESSON_REL)
    tree = head.git("write-tree").stdout.strip()
    teacher = world.person("gv-toan-02")
    main = head.git("rev-parse", "origin/main").stdout.strip()
    fake = commit_raw(head, tree, [main], b"Nop\n", author=teacher)
    err = refused_merge(world, head, tree, fake, "to_truong")
    assert f"commit {fake[:10]}: [chua-nop] commit này chưa từng được nộp lên máy chủ" in err


def test_a_teacher_cannot_publish(world: World) -> None:
    teacher = world.person("gv-toan-02")
    teacher.git("switch", "-q", "-c", "cong-bo", "origin/main")
    teacher.write("signatures/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/x.pdf", "%PDF-1.7\n")
    teacher.git("add", "-A")
    teacher.git("-c", "gpg.format=ssh", "commit", "-q", "-S", "--no-verify", "-m", "Công bố")
    before = snapshot(world)
    err = refused(world, before, teacher.push("cong-bo:refs/heads/main", received=ON_TIME))
    assert "[cong-bo] commit thêm bản PDF đã ký phải được văn thư" in err


# --- branch deletion -------------------------------------------------------------------------


def test_only_the_owner_a_reviewer_or_an_administrator_deletes_a_submission(world: World) -> None:
    submit(world)
    other = world.person("gv-toan-03")
    other.git("fetch", "-q")
    before = snapshot(world)
    err = refused(world, before, other.push(f":refs/heads/{BRANCH}", received=NEXT_DAY))
    assert "[xoa-nhanh] máy chủ không biết ai đang đẩy (chưa cấu hình HSDT_PUSHER)" in err
    other.pusher = "gv-toan-03"
    err = refused(world, before, other.push(f":refs/heads/{BRANCH}", received=NEXT_DAY))
    assert "[xoa-nhanh] gv-toan-03 không được xóa nhánh nộp của gv-toan-02" in err
    head = world.person("gv-toan-01")
    head.pusher = "gv-toan-01"
    assert head.push(f":refs/heads/{BRANCH}", received=NEXT_DAY).returncode == 0
    assert BRANCH not in world.server_git("for-each-ref", "--format=%(refname)")


def test_the_owner_deletes_their_own_submission(world: World) -> None:
    teacher = submit(world)
    teacher.pusher = "gv-toan-02"
    assert teacher.push(f":refs/heads/{BRANCH}", received=NEXT_DAY).returncode == 0


# --- receive times ---------------------------------------------------------------------------

LATE = "2025-10-14T08:00:00+07:00"


def test_content_received_after_the_deadline_is_late_without_a_send_back(world: World) -> None:
    """A placeholder pushed on time and filled in after the deadline is judged when the real
    content arrived."""
    teacher = submit(world)
    teacher.write(LESSON_REL, lesson_text().replace("## I. Mục tiêu", "## I. Mục tiêu\n\nĐầy đủ."))
    teacher.git("add", LESSON_REL)
    teacher.git("commit", "-q", "--no-verify", "-m", "Bổ sung", when=ON_TIME)
    before = snapshot(world)
    err = refused(world, before, teacher.push(BRANCH, received=LATE))
    assert f"{LESSON_REL}:9: [han-nop]" in err
    assert "2025-10-14 08:00 (+07:00)" in err


def _window(days: int) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        rules = folder / "quy-che.yml"
        text = rules.read_text(encoding="utf-8")
        marker = "    nop_lai: true          # Điều 7"
        assert marker in text
        rules.write_text(
            text.replace(marker, f"    nop_lai_trong_ngay: {days}\n{marker}", 1), encoding="utf-8"
        )

    return edit


@pytest.mark.parametrize(
    ("resubmitted", "late"), [(LATE, False), ("2025-10-15T10:00:00+07:00", True)]
)
def test_a_resubmission_keeps_its_time_only_within_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, resubmitted: str, late: bool
) -> None:
    (tmp_path / "hooktmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "hooktmp"))
    world = World(tmp_path, profile_edit=_window(1))
    teacher = submit(world)
    reason = "Bổ sung phần Vận dụng"
    assert (
        approve_as(world, monkeypatch, "gv-toan-01", BRANCH, NEXT_DAY, reason=reason) == "changes"
    )
    teacher.git("pull", "-q", "--ff-only", "origin", BRANCH)
    teacher.write(LESSON_REL, lesson_text() + "\nĐã bổ sung.\n")
    before = snapshot(world)
    done = teacher.commit_push(BRANCH, [LESSON_REL], when=ON_TIME, received=resubmitted)
    if late:
        assert f"{LESSON_REL}:9: [han-nop]" in refused(world, before, done)
    else:
        assert done.returncode == 0, done.stderr


# --- limits ----------------------------------------------------------------------------------


def _limits(folder: Path) -> None:
    rules = folder / "quy-che.yml"
    text = rules.read_text(encoding="utf-8")
    extra = "  so_tep_moi_lan_day: 2\n  dung_luong_moi_lan_day_mb: 1\n  so_commit_moi_lan_day: 2\n"
    rules.write_text(
        text.replace("  canh_bao_truoc_gio: 24\n", "  canh_bao_truoc_gio: 24\n" + extra), "utf-8"
    )


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    (tmp_path / "hooktmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "hooktmp"))
    return World(tmp_path, profile_edit=_limits)


def test_a_push_with_too_many_files_is_refused(small: World) -> None:
    teacher = small.person("gv-toan-02")
    folder = Path(LESSON_REL).parent
    rels = [f"{folder}/2025-10-2{i}-bai-{i}.md" for i in range(3)]
    for rel in rels:
        teacher.write(rel, lesson_text())
    before = snapshot(small)
    done = teacher.commit_push(
        "nop/gv-toan-02/khbd-trung-hoc/ba-bai", rels, when=ON_TIME, received=ON_TIME
    )
    err = refused(small, before, done)
    assert (
        "push: [gioi-han] lần đẩy thay đổi 3 tệp, quá giới hạn 2 (gioi_han.so_tep_moi_lan_day)"
        in err
    )


def test_a_push_with_too_many_commits_is_refused_unread(small: World) -> None:
    teacher = small.person("gv-toan-02")
    teacher.git("switch", "-q", "-c", BRANCH, "origin/main")
    for i in range(3):
        teacher.git("commit", "-q", "--allow-empty", "--no-verify", "-m", f"lần {i}")
    before = snapshot(small)
    err = refused(small, before, teacher.push(BRANCH, received=ON_TIME))
    assert err.count("remote: ") == 2, err
    assert "push: [gioi-han] lần đẩy mang quá 2 commit mới (gioi_han.so_commit_moi_lan_day)" in err


def test_an_oversized_record_and_push_are_refused_before_reading(small: World) -> None:
    teacher = small.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text() + "\n" + "x" * (1100 * 1024) + "\n")
    before = snapshot(small)
    done = teacher.commit_push(BRANCH, [LESSON_REL], when=ON_TIME, received=ON_TIME)
    err = refused(small, before, done)
    assert "[gioi-han] lần đẩy mang 1.1 MB dữ liệu mới, quá giới hạn 1 MB" in err
    assert f"{LESSON_REL}: [kich-thuoc] tệp 1103 KB lớn hơn giới hạn 1024 KB" in err


# --- concurrency -----------------------------------------------------------------------------


def test_concurrent_pushes_both_get_their_receive_notes(world: World) -> None:
    first = world.person("gv-toan-02")
    second = world.person("gv-th-03")
    late_rel = "records/2025-2026/to-tieu-hoc/gv-th-03/khbd-tieu-hoc/2025-10-15-bai-doc-ngay-hoi-doc-sach.md"
    first.write(LESSON_REL, lesson_text())
    second.write(late_rel, demo_week_text(late_rel))
    jobs = [
        (first, BRANCH, LESSON_REL),
        (second, "nop/gv-th-03/khbd-tieu-hoc/2025-10-15-bai-doc", late_rel),
    ]
    for person, branch, rel in jobs:
        person.git("switch", "-q", "-c", branch, "origin/main")
        person.git("add", rel)
        person.git("commit", "-q", "--no-verify", "-m", "Nộp", when="2025-10-10T08:00:00+07:00")
    results: list[int] = []

    def push(person: Person, branch: str) -> None:
        results.append(person.push(branch, received="2025-10-10T09:00:00+07:00").returncode)

    threads = [threading.Thread(target=push, args=(p, b)) for p, b, _r in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [0, 0]
    paths = sorted(p for note in read_notes(world.bare).values() for p in note.paths)
    assert paths == sorted([LESSON_REL, late_rel])


def test_an_administrator_removes_a_legacy_tag_named_main(world: World) -> None:
    world.server_git("tag", "main", "main")
    teacher = world.person("gv-toan-02")
    teacher.pusher = "gv-toan-02"
    before = snapshot(world)
    err = refused(world, before, teacher.push(":refs/tags/main", received=ON_TIME))
    assert "[the] không được xóa hay di chuyển thẻ (tag) đã có" in err
    admin = world.person("vt-01")
    admin.pusher = "vt-01"
    assert admin.push(":refs/tags/main", received=ON_TIME).returncode == 0
    assert "refs/tags/main" not in world.server_git("for-each-ref", "--format=%(refname)")


def test_an_oversized_commit_object_is_refused_unread(world: World) -> None:
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    main = teacher.git("rev-parse", "origin/main").stdout.strip()
    tree = teacher.git("rev-parse", "origin/main^{tree}").stdout.strip()
    sha = commit_raw(teacher, tree, [main], b"Nop\n\n" + b"x" * (2 << 20) + b"\n")
    before = snapshot(world)
    done = teacher.push(f"{sha}:refs/heads/nop/gv-toan-02/khbd-trung-hoc/to", received=ON_TIME)
    assert f"commit {sha[:10]}: [commit-hong]" in refused(world, before, done)
