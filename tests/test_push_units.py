"""Units of the hardened server (issue 9): the settings `hsdt hooks install` keeps, safe paths,
strict commit parsing, trailers, the submission-time rule and safe extraction."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hsdt.errors import GitError
from hsdt.git.objects import parse_commit, parse_ident, parse_trailers
from hsdt.git.safepath import inside, unsafe_reason
from hsdt.git.tree import extract
from hsdt.model.timeutil import VN_TZ
from hsdt.workflow.hooks import SERVER_CONFIG, server_config_problems
from hsdt.workflow.timing import Arrival, SendBack, submission_times
from tests.conftest import Result

TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
IDENT = b"A <a@b.vn> 1760270400 +0700"


def test_install_sets_the_server_settings_and_warns(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    bare = tmp_path / "s.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    assert server_config_problems(bare) != []
    done = cli("hooks", "install", "--bare", str(bare), cwd=tmp_path)
    assert done.code == 0, done.err
    assert server_config_problems(bare) == []
    assert "đã đặt receive.fsckObjects = true" in done.out
    assert done.err.startswith("CẢNH BÁO: nếu máy chủ SSH không cho hook biết ai đang đẩy")
    assert dict(SERVER_CONFIG)["receive.denyNonFastForwards"] == "true"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (b"records/a.md", None),
        ("records/2025-2026/tổ/giáo-án.md".encode(), None),
        (b"", "length"),
        (b"/etc/passwd", "absolute"),
        (b"records/../x.md", "dots"),
        (b"records//x.md", "dots"),
        (b"records/./x.md", "dots"),
        (b"records/.git/config", "git"),
        (b"records/.GIT./config", "git"),
        (b"records/git~1/config", "git"),
        (b"records/x.md ", "git"),
        (b"records/a\x01.md", "chars"),
        (b"records/a\\b.md", "chars"),
        (b"records/c:x.md", "chars"),
        ("records/a\u202eb.md".encode(), "chars"),
        (b"records/\xff.md", "utf8"),
        (b"records/" + b"a" * 256, "long"),
        (b"a/" * 600, "length"),
    ],
)
def test_unsafe_paths(path: bytes, reason: str | None) -> None:
    assert unsafe_reason(path) == reason


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=6))
def test_a_safe_path_never_leaves_its_root(parts: list[str]) -> None:
    rel = "/".join(parts)
    root = Path("/srv/hsdt-root")
    if unsafe_reason(rel.encode("utf-8", "surrogatepass")) is None:
        assert inside(root, rel).is_relative_to(root)


def test_extraction_refuses_an_escape_before_writing(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    dest = tmp_path / "out"
    with pytest.raises(GitError) as caught:
        extract(repo, "HEAD", ["records/ok.md", "records/../../escaped.md"], dest)
    assert caught.value.msg.render() == (
        "đường dẫn 'records/../../escaped.md' không an toàn nên không được ghi ra đĩa"
    )
    assert not dest.exists()
    link = tmp_path / "out2"
    (link / "records").mkdir(parents=True)
    (link / "records" / "l").symlink_to(tmp_path)
    with pytest.raises(ValueError, match=r"x\.md"):
        inside(link, "records/l/x.md")


def _raw(head: bytes, message: bytes = b"Nop\n") -> bytes:
    return head + b"\n" + message


def test_commit_headers_are_parsed_strictly() -> None:
    good = _raw(b"tree " + TREE.encode() + b"\nauthor " + IDENT + b"\ncommitter " + IDENT + b"\n")
    parsed = parse_commit("c" * 40, good)
    assert parsed is not None
    assert parsed.parents == ()
    assert not parsed.signed
    assert parsed.author[1] == "a@b.vn"
    twice = good.replace(b"committer ", b"author " + IDENT + b"\ncommitter ", 1)
    assert parse_commit("c" * 40, twice) is None
    assert parse_commit("c" * 40, good.replace(b"tree " + TREE.encode(), b"tree xyz")) is None
    assert parse_commit("c" * 40, good.replace(IDENT, b"A <a@b.vn>", 1)) is None
    signed = good.replace(
        b"committer " + IDENT + b"\n",
        b"committer "
        + IDENT
        + b"\ngpgsig -----BEGIN SSH SIGNATURE-----\n abc\n -----END SSH SIGNATURE-----\n",
    )
    parsed_signed = parse_commit("c" * 40, signed)
    assert parsed_signed is not None
    assert parsed_signed.signed
    # Headers written inside the message are message text, never headers.
    forged = _raw(
        good[: good.index(b"\n\n")] + b"\n", b"Nop\nparent " + b"d" * 40 + b"\ngpgsig x\n"
    )
    parsed_forged = parse_commit("c" * 40, forged)
    assert parsed_forged is not None
    assert parsed_forged.parents == ()
    assert not parsed_forged.signed


def test_idents_and_trailers() -> None:
    assert parse_ident(b"X <x@y> 1 +9900") is None
    name, email, when = parse_ident(IDENT) or ("", "", datetime.now(VN_TZ))
    assert (name, email, when.utcoffset()) == ("A", "a@b.vn", timedelta(hours=7))
    message = "Duyệt: x\n\nHsdt-Approved-By: gv-1\nHsdt-Role: to_truong\n"
    assert parse_trailers(message) == (("Hsdt-Approved-By", "gv-1"), ("Hsdt-Role", "to_truong"))
    assert parse_trailers("Hsdt-Approved-By: gv-1\n") == ()
    assert parse_trailers("Nộp\n\nHsdt-Approved-By: gv-1\nkhông phải trailer\n") == ()


def _at(day: int, hour: int = 8) -> datetime:
    return datetime(2025, 10, day, hour, tzinfo=VN_TZ)


def test_submission_times() -> None:
    a, b = "records/a.md", "records/b.md"

    def none(_p: str) -> int | None:
        return None

    def one(_p: str) -> int | None:
        return 1

    first = Arrival(_at(12), frozenset({a, b}))
    later = Arrival(_at(14), frozenset({a}))
    assert submission_times([first, later], none) == {a: _at(14), b: _at(12)}
    back = SendBack(_at(13))
    assert submission_times([first, back, later], none) == {a: _at(12), b: _at(12)}
    assert submission_times([first, back, later], one) == {a: _at(12), b: _at(12)}
    late = Arrival(_at(15), frozenset({a}))
    assert submission_times([first, back, late], one) == {a: _at(15), b: _at(12)}
    # One send-back answers one round: the next change without a new send-back is new content.
    again = Arrival(_at(16), frozenset({a}))
    assert submission_times([first, back, later, again], none)[a] == _at(16)


def test_notes_of_a_few_commits(tmp_path: Path) -> None:
    from hsdt.git.notes import ReceiveNote, notes_of_commits, write_notes

    repo = tmp_path / "r"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    env = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a",
           "GIT_COMMITTER_EMAIL": "a@b", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # fmt: skip
    shas = []
    for i in range(3):
        subprocess.run(
            ["git", "commit", "-q", "--allow-empty", "-m", f"c{i}"], cwd=repo, env=env, check=True
        )
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
        )
        shas.append(out.stdout.strip())
    assert notes_of_commits(repo, shas) == {}
    at = datetime(2025, 10, 12, 20, 0, tzinfo=VN_TZ)
    note = ReceiveNote(at, "refs/heads/nop/a/b/c", "gv-1", ("records/a.md",))
    write_notes(repo, {shas[0]: note, shas[2]: note}, at)
    assert notes_of_commits(repo, shas) == {shas[0]: note, shas[2]: note}
    # A commit that has a note keeps its first one.
    later = ReceiveNote(at + timedelta(days=1), "refs/heads/x", "gv-2", ())
    write_notes(repo, {shas[0]: later, shas[1]: later}, at + timedelta(days=1))
    assert notes_of_commits(repo, shas) == {shas[0]: note, shas[1]: later, shas[2]: note}
