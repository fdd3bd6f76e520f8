"""The pre-receive hook's tag rules under attack: hand-made tag objects signed with real SSH
keys, pushed through git or straight into the server's receive-pack. A tag is refused when its
signed name is not the ref's (a replayed tag), its tagger is not its signer, its date is later
than the server's clock or earlier than the server received the tagged commit, its name could
be read as a commit id, or it lies about what it points at; the server is left as it was."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from tests.gitworld import Person, World
from tests.pushattack import (
    ON_TIME,
    STAMP,
    ZERO,
    blob,
    ident,
    push_tag,
    raw_object,
    raw_push,
    refused_code,
    signed_tag,
    snapshot,
    ssh_sign,
    tag_payload,
)
from tests.samples import LESSON_REL, lesson_text
from tests.test_push_attacks import BRANCH, NEXT_DAY, approve_as, submit

SEMESTER = "hk1-2025-2026"
LATER = "2025-10-13T10:00:00+07:00"
"""The clerk's push after the approval merge of NEXT_DAY."""
WEEK = "tuan-06-2025-2026"
UNSIGNED = "[the] thẻ chưa ký SSH, hoặc chữ ký không khớp khóa SSH nào"
TARGET = "[the] thẻ phải trỏ tới một commit"
MOVED = "[the] không được xóa hay di chuyển thẻ (tag) đã có"
MALFORMED = "[the] đối tượng thẻ không đúng dạng git viết"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    hooktmp = tmp_path / "hooktmp"
    hooktmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(hooktmp))
    return World(tmp_path)


def _people(world: World) -> tuple[Person, Person, str]:
    clerk = world.person("vt-01")
    clerk.git("fetch", "-q")
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q")
    return clerk, teacher, clerk.git("rev-parse", "origin/main").stdout.strip()


def _sign_tag(person: Person, name: str, target: str = "origin/main") -> None:
    person.git("-c", "gpg.format=ssh", "tag", "-s", "-m", f"Lưu trữ {name}", name, target)


# --- signatures ------------------------------------------------------------------------------


def test_a_teachers_signature_under_the_archivists_tagger_line_is_refused(
    world: World,
) -> None:
    clerk, teacher, main = _people(world)
    oid = signed_tag(teacher, tag_payload(main, WEEK, clerk), teacher.key)
    before = snapshot(world)
    assert "[the]" in refused_code(world, before, *push_tag(teacher, oid, WEEK))


def test_a_replay_by_a_teacher_the_server_knows_is_refused(world: World) -> None:
    """With HSDT_PUSHER the replay of the archivist's tag object under another name is caught
    (without it, see test_tag_attacks.py)."""
    clerk, teacher, _main = _people(world)
    _sign_tag(clerk, WEEK)
    assert clerk.push(f"refs/tags/{WEEK}", received=ON_TIME).returncode == 0
    teacher.git("fetch", "-q", "--tags")
    week = teacher.git("rev-parse", f"refs/tags/{WEEK}").stdout.strip()
    teacher.pusher = "gv-toan-02"
    before = snapshot(world)
    err = refused_code(world, before, *push_tag(teacher, week, "hk1-2025-2026"))
    assert "[tac-gia]" in err or "[the]" in err


def test_the_archivists_signature_of_other_bytes_is_refused(world: World) -> None:
    clerk, teacher, main = _people(world)
    theirs = tag_payload(main, "a", clerk, b"A\n")
    signature = ssh_sign(clerk.key, theirs)
    before = snapshot(world)
    for payload in (tag_payload(main, WEEK, clerk, b"B\n"), tag_payload(main, WEEK, teacher)):
        oid = raw_object(teacher, "tag", payload + signature)
        assert UNSIGNED in refused_code(world, before, *push_tag(teacher, oid, WEEK))


def test_the_archivists_signature_inside_the_message_counts_for_nothing(world: World) -> None:
    """git verifies the last signature block: the archivist's pasted above the teacher's own."""
    clerk, teacher, main = _people(world)
    pasted = ssh_sign(clerk.key, tag_payload(main, "x", clerk))
    oid = signed_tag(teacher, tag_payload(main, WEEK, clerk, b"Luu tru\n" + pasted), teacher.key)
    before = snapshot(world)
    assert "[the]" in refused_code(world, before, *push_tag(teacher, oid, WEEK))


def test_a_signature_for_another_namespace_is_refused(world: World) -> None:
    """The archivist's key signing with `ssh-keygen -Y sign -n file` (say, a file she signed for
    someone) is not a git signature."""
    clerk, _teacher, main = _people(world)
    oid = signed_tag(clerk, tag_payload(main, WEEK, clerk), clerk.key, namespace="file")
    before = snapshot(world)
    assert UNSIGNED in refused_code(world, before, *push_tag(clerk, oid, WEEK))


def test_a_pgp_block_is_not_an_ssh_signature(world: World) -> None:
    clerk, _teacher, main = _people(world)
    pgp = b"-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----\n"
    oid = raw_object(clerk, "tag", tag_payload(main, WEEK, clerk) + pgp)
    before = snapshot(world)
    assert UNSIGNED in refused_code(world, before, *push_tag(clerk, oid, WEEK))


def test_a_key_outside_the_roster_is_refused_for_tags(world: World) -> None:
    _clerk, teacher, main = _people(world)
    key = world.tmp / "outsider"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    oid = signed_tag(teacher, tag_payload(main, WEEK, world.person("vt-01")), key)
    before = snapshot(world)
    assert UNSIGNED in refused_code(world, before, *push_tag(teacher, oid, WEEK))


# --- tag objects -----------------------------------------------------------------------------


def test_a_signed_tag_of_an_unsigned_tag_is_refused(world: World) -> None:
    clerk, _teacher, main = _people(world)
    inner = raw_object(clerk, "tag", tag_payload(main, "inner", clerk))
    oid = signed_tag(clerk, tag_payload(inner, WEEK, clerk, kind="tag"), clerk.key)
    before = snapshot(world)
    assert TARGET in refused_code(world, before, *push_tag(clerk, oid, WEEK))


def test_two_tagger_lines_are_refused(world: World) -> None:
    clerk, _teacher, main = _people(world)
    extra = b"tagger " + ident(world.person("ht-01")) + b"\n"
    oid = signed_tag(clerk, tag_payload(main, WEEK, clerk, extra=extra), clerk.key)
    before = snapshot(world)
    assert MALFORMED in refused_code(world, before, *push_tag(clerk, oid, WEEK))


def test_a_tag_without_a_tagger_line_is_refused(world: World) -> None:
    clerk, _teacher, main = _people(world)
    oid = signed_tag(clerk, tag_payload(main, WEEK, None), clerk.key)
    before = snapshot(world)
    err = refused_code(world, before, *push_tag(clerk, oid, WEEK))
    assert UNSIGNED in err  # git verify-tag reads no signer from a tag without a tagger


def test_an_oversized_signed_tag_is_refused_unread(world: World) -> None:
    clerk, _teacher, main = _people(world)
    oid = signed_tag(clerk, tag_payload(main, WEEK, clerk, b"x" * (2 << 20) + b"\n"), clerk.key)
    before = snapshot(world)
    assert MALFORMED in refused_code(world, before, *push_tag(clerk, oid, WEEK))


def _lies(clerk: Person, main: str, tree: str) -> dict[str, tuple[bytes, list[str]]]:
    """Tag objects that lie about what they point at, or break git's format (payload, extra
    objects for the pack)."""
    me = b"tagger " + ident(clerk) + b"\n"
    inner = raw_object(clerk, "tag", tag_payload(main, "inner", clerk))
    a_blob = blob(clerk, b"hello\n")
    return {
        "type-commit-object-tag": (tag_payload(inner, WEEK, clerk), [inner]),
        "type-commit-object-blob": (tag_payload(a_blob, WEEK, clerk), [a_blob]),
        "type-commit-object-tree": (tag_payload(tree, WEEK, clerk), []),
        "type-blob-object-commit": (tag_payload(main, WEEK, clerk, kind="blob"), []),
        "type-bogus": (tag_payload(main, WEEK, clerk, kind="bogus"), []),
        "object-missing": (tag_payload("1" * 40, WEEK, clerk), []),
        "headers-out-of-order": (
            f"type commit\nobject {main}\ntag {WEEK}\n".encode() + me + b"\nm\n",
            [],
        ),
        "no-tag-header": (f"object {main}\ntype commit\n".encode() + me + b"\nm\n", []),
        "crlf-headers": (
            f"object {main}\r\ntype commit\r\ntag {WEEK}\r\n".encode() + me + b"\nm\n",
            [],
        ),
        "nul-in-tagger": (
            f"object {main}\ntype commit\ntag {WEEK}\n".encode()
            + b"tagger vt\x0001 <vt01@lkc.truong-mau.example> "
            + str(STAMP).encode()
            + b" +0700\n\nm\n",
            [],
        ),
    }


@pytest.mark.parametrize(
    "lie",
    [
        "type-commit-object-tag",
        "type-commit-object-blob",
        "type-commit-object-tree",
        "type-blob-object-commit",
        "type-bogus",
        "object-missing",
        "headers-out-of-order",
        "no-tag-header",
        "crlf-headers",
        "nul-in-tagger",
    ],
)
def test_a_signed_tag_object_that_lies_is_refused_on_receive(world: World, lie: str) -> None:
    """Sent straight to receive-pack (the client's git would not pack most of them): git's
    receive.fsckObjects refuses each before the hook's own header reading
    (hsdt.git.objects.tag_header) sees it."""
    clerk, _teacher, main = _people(world)
    tree = clerk.git("rev-parse", "origin/main^{tree}").stdout.strip()
    payload, extra = _lies(clerk, main, tree)[lie]
    oid = signed_tag(clerk, payload, clerk.key)
    before = snapshot(world)
    code, out = raw_push(world, clerk, [(ZERO, oid, f"refs/tags/{WEEK}")], [oid, *extra])
    refused_code(world, before, code, out)


# --- ref names and several refs ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["HEAD", "head", "nop", "Main", "m\u0430in", "refs/heads/main", "tuan/06", "a" * 260]
)
def test_names_a_branch_or_git_could_mistake_are_refused(world: World, name: str) -> None:
    clerk, _teacher, main = _people(world)
    oid = signed_tag(clerk, tag_payload(main, "x", clerk), clerk.key)
    before = snapshot(world)
    code, err = push_tag(clerk, oid, name)
    refused_code(world, before, code, err)


@pytest.mark.parametrize("what", ["origin/main^{tree}", "blob"])
def test_a_lightweight_tag_of_a_tree_or_blob_is_refused(world: World, what: str) -> None:
    clerk, _teacher, _main = _people(world)
    oid = blob(clerk, b"x\n") if what == "blob" else clerk.git("rev-parse", what).stdout.strip()
    before = snapshot(world)
    err = refused_code(world, before, *push_tag(clerk, oid, WEEK))
    assert "không nhận thẻ nhẹ" in err


def test_a_branch_named_like_a_tag_is_refused_alone_and_with_the_tag(world: World) -> None:
    clerk, _teacher, _main = _people(world)
    _sign_tag(clerk, WEEK)
    before = snapshot(world)
    done = clerk.push(f"origin/main:refs/heads/{WEEK}", received=ON_TIME)
    assert "[nhanh]" in refused_code(world, before, done.returncode, done.stderr)
    both = clerk.git(
        "push",
        "origin",
        f"refs/tags/{WEEK}",
        f"origin/main:refs/heads/{WEEK}",
        received=ON_TIME,
        check=False,
    )
    refused_code(world, before, both.returncode, both.stderr)


def test_one_bad_tag_refuses_the_whole_push(world: World) -> None:
    clerk, _teacher, _main = _people(world)
    _sign_tag(clerk, "hk1-2025-2026")
    clerk.git("tag", "-a", "-m", "x", "hk2-2025-2026", "origin/main")
    before = snapshot(world)
    done = clerk.git(
        "push",
        "origin",
        "refs/tags/hk1-2025-2026",
        "refs/tags/hk2-2025-2026",
        received=ON_TIME,
        check=False,
    )
    err = refused_code(world, before, done.returncode, done.stderr)
    assert "refs/tags/hk2-2025-2026: " + UNSIGNED in err
    assert "refs/tags/hk1-2025-2026:" not in err


def test_an_administrator_the_server_knows_cannot_move_or_delete_a_good_tag(world: World) -> None:
    clerk, _teacher, _main = _people(world)
    _sign_tag(clerk, WEEK)
    assert clerk.push(f"refs/tags/{WEEK}", received=ON_TIME).returncode == 0
    clerk.pusher = "vt-01"
    before = snapshot(world)
    done = clerk.push(f":refs/tags/{WEEK}", received=ON_TIME)
    assert MOVED in refused_code(world, before, done.returncode, done.stderr)
    done = clerk.push(f"origin/main:refs/tags/{WEEK}", received=ON_TIME, force=True)
    assert MOVED in refused_code(world, before, done.returncode, done.stderr)


def test_a_push_that_lies_about_the_old_value_does_not_move_a_tag(world: World) -> None:
    """receive-pack told `0000… <new> refs/tags/X` for an existing X: the old value is the
    client's word; the hook asks the server's own refs and refuses the move (git's ref
    transaction would refuse it too, 'reference already exists'). A deletion with a lying old
    value is refused as well."""
    clerk, _teacher, main = _people(world)
    _sign_tag(clerk, WEEK)
    assert clerk.push(f"refs/tags/{WEEK}", received=ON_TIME).returncode == 0
    other = signed_tag(clerk, tag_payload(main, WEEK, clerk, b"khac\n"), clerk.key)
    before = snapshot(world)
    code, out = raw_push(world, clerk, [(ZERO, other, f"refs/tags/{WEEK}")], [other])
    assert MOVED in refused_code(world, before, code, out)
    code, out = raw_push(world, clerk, [(ZERO, ZERO, f"refs/tags/{WEEK}")], [])
    assert MOVED in refused_code(world, before, code, out)


# --- what the signature covers against what the push claims --------------------------------


def _archive_week(world: World) -> tuple[Person, str]:
    """The clerk tags main as week 6, the normal way (git tag -s), and pushes it."""
    clerk = world.person("vt-01")
    clerk.git("fetch", "-q")
    clerk.git("-c", "gpg.format=ssh", "tag", "-s", "-m", "Lưu trữ tuần 6", WEEK, "origin/main")
    assert clerk.push(f"refs/tags/{WEEK}", received=ON_TIME).returncode == 0
    return clerk, clerk.git("rev-parse", f"refs/tags/{WEEK}").stdout.strip()


def test_a_teacher_replays_the_archivists_tag_under_another_name(world: World) -> None:
    """The signed tag object of week 6, pushed by a teacher as refs/tags/hk1-2025-2026 on a
    server that does not know who pushes (no HSDT_PUSHER): vt-01's signature is good, but it
    covers the name tuan-06-2025-2026, not the ref's."""
    _clerk, week = _archive_week(world)
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q", "--tags")
    before = snapshot(world)
    code, err = push_tag(teacher, week, SEMESTER)
    err = refused_code(world, before, code, err)
    assert (
        "[the] thẻ đẩy lên với tên 'hk1-2025-2026' nhưng trong thẻ đã ký ghi tên "
        "'tuan-06-2025-2026'"
    ) in err


def test_a_replayed_tag_takes_a_period_name_away_from_the_archivist(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same replay, seen from the archivist: were hk1-2025-2026 taken by it (week 6's commit and
    message), `hsdt tag hk1-2025-2026` would fail for good, since a tag is never moved or
    deleted and an administrator may remove only a misnamed one. Refused, the name stays hers."""
    clerk, week = _archive_week(world)
    teacher = world.person("gv-toan-02")
    teacher.git("fetch", "-q", "--tags")
    assert push_tag(teacher, week, SEMESTER)[0] != 0  # the replay
    from hsdt.archive.tag import make_tag
    from hsdt.load.profile import load_school

    clerk.git("config", "user.name", clerk.staff_id)
    clerk.git("config", "user.email", clerk.email)
    clerk.git("config", "user.signingkey", str(clerk.key))
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", clerk.staff_id)
        monkeypatch.setenv(f"GIT_{who}_EMAIL", clerk.email)
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2025-10-18T17:00:00+07:00")
    monkeypatch.setenv("HSDT_RECEIVE_TIME", "2025-10-18T17:00:00+07:00")
    result = make_tag(clerk.root, load_school(clerk.root), SEMESTER, message="Học kỳ 1")
    assert result.pushed
    body = world.server_git("cat-file", "tag", f"refs/tags/{SEMESTER}")
    assert f"\ntag {SEMESTER}\n" in body


def test_the_tag_header_must_name_the_ref(world: World) -> None:
    """Even the archivist, known to the server: her tag object named tuan-06-2025-2026 inside,
    pushed as refs/tags/nam-hoc-2025-2026 (git describe: 'externally known as'), would mark the
    school year with the week's object and message."""
    clerk, week = _archive_week(world)
    clerk.pusher = "vt-01"
    before = snapshot(world)
    code, err = push_tag(clerk, week, "nam-hoc-2025-2026")
    err = refused_code(world, before, code, err)
    assert "trong thẻ đã ký ghi tên 'tuan-06-2025-2026'" in err


def test_the_tagger_line_must_be_the_signer(world: World) -> None:
    """A tag signed by vt-01 whose `tagger` line names the principal ht-01: `hsdt export`
    records the tagger's e-mail as the archivist the server checked (TagInfo.tagger_email)."""
    clerk = world.person("vt-01")
    clerk.git("fetch", "-q")
    main = clerk.git("rev-parse", "origin/main").stdout.strip()
    principal = world.person("ht-01")
    oid = signed_tag(clerk, tag_payload(main, WEEK, principal), clerk.key)
    before = snapshot(world)
    code, err = push_tag(clerk, oid, WEEK)
    err = refused_code(world, before, code, err)
    assert f"[the] người gắn thẻ ghi trong thẻ ({principal.email})" in err
    assert "không phải người đã ký thẻ (vt-01, " in err


def _stamp(moment: str) -> int:
    return int(datetime.fromisoformat(moment).timestamp())


def test_a_tag_dated_before_the_server_received_its_commit_is_refused(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tag's date is the export's only clock (submissions received after it are left out
    of the period): it may not lie before the server received the commit it tags (the approval
    merge, received at NEXT_DAY 09:00), beyond a clock a few minutes off."""
    submit(world)
    assert approve_as(world, monkeypatch, "gv-toan-01", BRANCH, NEXT_DAY) == "merge"
    clerk = world.person("vt-01")
    clerk.git("fetch", "-q")
    main = clerk.git("rev-parse", "origin/main").stdout.strip()
    before = snapshot(world)
    for moment in ("1970-01-01T07:00:00+07:00", "2025-10-13T08:00:00+07:00"):
        oid = signed_tag(clerk, tag_payload(main, WEEK, clerk, stamp=_stamp(moment)), clerk.key)
        done = clerk.push(f"{oid}:refs/tags/{WEEK}", received=LATER)
        err = refused_code(world, before, done.returncode, done.stderr)
        assert "sớm hơn lúc máy chủ nhận commit được gắn thẻ (2025-10-13 09:00 (+07:00))" in err
        assert "thẻ không được lùi ngày" in err
    early = _stamp("2025-10-13T08:56:00+07:00")  # a clock four minutes slow
    oid = signed_tag(clerk, tag_payload(main, WEEK, clerk, stamp=early), clerk.key)
    done = clerk.push(f"{oid}:refs/tags/{WEEK}", received=LATER)
    assert done.returncode == 0, done.stderr


def test_a_tag_dated_after_the_servers_clock_is_refused(world: World) -> None:
    """A tag dated in the future would take in, at a later export, submissions the server
    receives after the push: refused beyond a clock a few minutes fast (ON_TIME is 20:00)."""
    clerk = world.person("vt-01")
    clerk.git("fetch", "-q")
    main = clerk.git("rev-parse", "origin/main").stdout.strip()
    before = snapshot(world)
    for moment in ("2031-01-01T00:00:00+07:00", "2025-10-12T20:06:00+07:00"):
        oid = signed_tag(clerk, tag_payload(main, WEEK, clerk, stamp=_stamp(moment)), clerk.key)
        err = refused_code(world, before, *push_tag(clerk, oid, WEEK))
        assert "muộn hơn giờ máy chủ (2025-10-12 20:00 (+07:00))" in err
        assert "đồng hồ máy tính của bạn đang chạy nhanh" in err
    fast = _stamp("2025-10-12T20:04:00+07:00")
    oid = signed_tag(clerk, tag_payload(main, WEEK, clerk, stamp=fast), clerk.key)
    code, err = push_tag(clerk, oid, WEEK)
    assert code == 0, err


def test_a_tag_named_like_a_commit_id_is_refused(world: World) -> None:
    """A tag named after the first 10 hex digits of a teacher's submission commit (the short id
    hsdt prints in its messages) pointing at main: `git log <short id>` on the server would show
    main's commit, not the submission."""
    teacher = world.person("gv-toan-02")
    teacher.write(LESSON_REL, lesson_text())
    branch = "nop/gv-toan-02/khbd-trung-hoc/2025-10-16-phan-so-bang-nhau"
    assert teacher.commit_push(branch, [LESSON_REL], when=ON_TIME, received=ON_TIME).returncode == 0
    short = teacher.git("rev-parse", "HEAD").stdout.strip()[:10]
    clerk = world.person("vt-01")
    clerk.git("fetch", "-q")
    clerk.git("-c", "gpg.format=ssh", "tag", "-s", "-m", "x", short, "origin/main")
    before = snapshot(world)
    done = clerk.push(f"refs/tags/{short}", received=ON_TIME)
    err = refused_code(world, before, done.returncode, done.stderr)
    assert f"tên thẻ '{short}' chỉ gồm chữ số và chữ a–f" in err


def test_a_push_of_many_tags_is_refused_before_any_is_read(world: World) -> None:
    """Each tag costs the hook git processes and two signature checks (100 teacher-signed tags
    took ~3.5 s): more than MAX_TAGS in one push are refused unread; that many pass."""
    from hsdt.push.judge import MAX_TAGS

    clerk, _teacher, _main = _people(world)
    names = [f"tuan-{n:02d}-2025-2026" for n in range(1, MAX_TAGS + 2)]
    for name in names:
        _sign_tag(clerk, name)
    before = snapshot(world)
    refs = [f"refs/tags/{n}" for n in names]
    done = clerk.git("push", "origin", *refs, received=ON_TIME, check=False)
    err = refused_code(world, before, done.returncode, done.stderr)
    assert f"lần đẩy này tạo {MAX_TAGS + 1} thẻ; mỗi lần đẩy tạo tối đa {MAX_TAGS} thẻ" in err
    done = clerk.git("push", "origin", *refs[:MAX_TAGS], received=ON_TIME, check=False)
    assert done.returncode == 0, done.stderr
