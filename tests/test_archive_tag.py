"""``hsdt tag`` on a real bare repository with the hooks: the clerk tags main, the tag is
signed and accepted by the server; a teacher, a bad name and a branch's name are refused before
anything is made; a re-run pushes the same tag again and makes nothing new."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.gitworld import Person, World

TAG = "tuan-06-2025-2026"


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def as_caller(person: Person, monkeypatch: pytest.MonkeyPatch) -> Person:
    """``person``'s clone as the working folder of an in-process command, pinned dates."""
    person.git("config", "user.name", person.staff_id)
    person.git("config", "user.email", person.email)
    person.git("config", "user.signingkey", str(person.key))
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", person.staff_id)
        monkeypatch.setenv(f"GIT_{who}_EMAIL", person.email)
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2025-10-18T17:00:00+07:00")
    monkeypatch.setenv("HSDT_RECEIVE_TIME", "2025-10-18T17:00:00+07:00")
    monkeypatch.chdir(person.root)
    return person


def test_the_clerk_tags_main_and_the_server_accepts_it(
    world: World, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    clerk = as_caller(world.admin, monkeypatch)
    done = cli("tag", TAG, "-m", "Lưu trữ tuần 6")
    assert done.code == 0, done.err
    assert f"đã gắn thẻ {TAG} trên commit" in done.out
    assert "(ký bởi vt-01), đã đẩy lên máy chủ" in done.out
    server_tag = world.server_git("rev-parse", f"refs/tags/{TAG}").strip()
    assert world.server_git("cat-file", "-t", server_tag).strip() == "tag"
    assert world.server_git("rev-parse", f"{TAG}^{{commit}}") == world.server_git(
        "rev-parse", "main"
    )
    body = world.server_git("cat-file", "tag", server_tag)
    assert "Lưu trữ tuần 6" in body
    assert "-----BEGIN SSH SIGNATURE-----" in body
    again = cli("tag", TAG)
    assert again.code == 0, again.err
    assert f"thẻ {TAG} đã có trên commit" in again.out
    assert world.server_git("rev-parse", f"refs/tags/{TAG}").strip() == server_tag
    assert clerk.git("tag", "--list").stdout.split() == [TAG]


def test_refused_locally_before_anything_is_made(
    world: World, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    teacher = as_caller(world.person("gv-toan-02"), monkeypatch)
    done = cli("tag", TAG)
    assert done.code == 2
    assert "gv-toan-02 không được gắn thẻ lưu trữ: chỉ văn thư" in done.err
    assert teacher.git("tag", "--list").stdout == ""
    clerk = as_caller(world.admin, monkeypatch)
    bad = cli("tag", "Tuan_06")
    assert bad.code == 2
    assert "tên thẻ 'Tuan_06' không đúng quy ước" in bad.err
    reserved = cli("tag", "main")
    assert reserved.code == 2
    assert "không dùng được tên thẻ 'main': tên này dành riêng" in reserved.err
    verify = cli("tag", "verify")
    assert verify.code == 2
    assert "verify là lệnh con của hsdt export verify" in verify.err
    for name in ("2025", "deadbeef"):  # git would also read them as commit ids
        hexadecimal = cli("tag", name)
        assert hexadecimal.code == 2
        assert f"tên thẻ '{name}' chỉ gồm chữ số và chữ a–f" in hexadecimal.err
    dotted = cli("tag", "tuan-06.2025")
    assert dotted.code == 2
    assert "nối bằng '-'" in dotted.err
    clerk.git("branch", "hk1-2025-2026")
    collides = cli("tag", "hk1-2025-2026")
    assert collides.code == 2
    assert "trùng tên một nhánh" in collides.err
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "ai-do@example.org")
    stranger = cli("tag", TAG)
    assert stranger.code == 2
    assert "e-mail git 'ai-do@example.org' không có trong danh sách nhân sự" in stranger.err
    assert clerk.git("tag", "--list").stdout == ""
    assert world.server_git("tag", "--list") == ""


def test_a_refused_push_names_the_servers_reason(
    world: World, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    """A tag made on a commit that is not on the server's main: the hook's reason is shown."""
    clerk = as_caller(world.admin, monkeypatch)
    clerk.git("commit", "-q", "--allow-empty", "-m", "chưa đẩy")
    from hsdt.archive.tag import make_tag
    from hsdt.errors import GitError
    from hsdt.load.profile import load_school

    with pytest.raises(GitError) as caught:
        make_tag(clerk.root, load_school(clerk.root), TAG, target="HEAD")
    assert f"máy chủ không nhận thẻ '{TAG}'" in caught.value.render()
    assert world.server_git("tag", "--list") == ""
