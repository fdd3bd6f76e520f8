"""Helpers of the adversarial push suite: what the server looks like from outside (refs, notes,
files beside the repository) and hand-made git objects that no porcelain command would write."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.gitworld import Person, World


def snapshot(world: World) -> dict[str, object]:
    """Everything an attack must leave unchanged: every ref of the server (notes included),
    and every file beside the server's repository and under the hooks' temporary folder."""
    refs = world.server_git("for-each-ref", "--format=%(objectname) %(refname)")
    outside = sorted(
        str(p.relative_to(world.tmp))
        for p in world.tmp.rglob("*")
        if not any(
            part in ("server.git", "clones", "keys") for part in p.relative_to(world.tmp).parts
        )
    )
    return {"refs": refs, "outside": outside}


def git_in(person: Person, args: list[str], data: bytes) -> str:
    """``git ARGS`` in ``person``'s clone with ``data`` on standard input; its output."""
    done = subprocess.run(
        ["git", *args],
        cwd=person.root,
        input=data,
        capture_output=True,
        env=person.env("2025-10-12T19:00:00+07:00"),
        check=True,
    )
    return done.stdout.decode().strip()


def raw_object(person: Person, kind: str, data: bytes) -> str:
    """Write an object exactly as given (``--literally``: git's own checks skipped)."""
    return git_in(person, ["hash-object", "-w", "--literally", "-t", kind, "--stdin"], data)


def tree_of(person: Person, entries: list[tuple[str, bytes, str]]) -> str:
    """A tree object from ``(mode, name, id)`` entries, in the order given."""
    body = b"".join(
        mode.encode() + b" " + name + b"\0" + bytes.fromhex(oid) for mode, name, oid in entries
    )
    return raw_object(person, "tree", body)


def nested(person: Person, parts: list[bytes], blob: str) -> str:
    """A chain of trees holding ``blob`` at ``parts`` (any names, even ``..``)."""
    oid = tree_of(person, [("100644", parts[-1], blob)])
    for name in reversed(parts[:-1]):
        oid = tree_of(person, [("40000", name, oid)])
    return oid


def _entries(person: Person, tree: str) -> list[tuple[str, bytes, str]]:
    listing = subprocess.run(
        ["git", "ls-tree", "-z", tree], cwd=person.root, capture_output=True, check=True
    ).stdout
    entries = []
    for item in listing.split(b"\0"):
        if item:
            meta, _tab, name = item.partition(b"\t")
            mode, _kind, oid = meta.decode().split(" ")
            entries.append((mode, name, oid))
    return entries


def with_entry(person: Person, base_tree: str, name: bytes, mode: str, oid: str) -> str:
    """``base_tree`` plus one top-level entry (kept sorted as git sorts)."""
    entries = [*_entries(person, base_tree), (mode, name, oid)]

    def key(entry: tuple[str, bytes, str]) -> bytes:
        return entry[1] + (b"/" if entry[0] == "40000" else b"")

    return tree_of(person, sorted(entries, key=key))


def replace_entry(person: Person, base_tree: str, name: bytes, oid: str) -> str:
    """``base_tree`` with its entry ``name`` pointing at ``oid``."""
    entries = [(m, n, oid if n == name else o) for m, n, o in _entries(person, base_tree)]
    return tree_of(person, entries)


def commit_raw(
    person: Person,
    tree: str,
    parents: list[str],
    message: bytes,
    *,
    extra: bytes = b"",
    author: Person | None = None,
) -> str:
    """A commit object written by hand in ``person``'s clone (headers exactly as given), in
    the name of ``author`` (default: ``person``)."""
    who = author or person
    ident = f"{who.staff_id} <{who.email}> 1760270400 +0700".encode()
    head = b"tree " + tree.encode() + b"\n"
    head += b"".join(b"parent " + p.encode() + b"\n" for p in parents)
    head += b"author " + ident + b"\n" + extra + b"committer " + ident + b"\n"
    return raw_object(person, "commit", head + b"\n" + message)


def blob(person: Person, data: bytes) -> str:
    """A blob."""
    return git_in(person, ["hash-object", "-w", "--stdin"], data)


# --- hand-made tags and raw pushes ------------------------------------------------------------

ZERO = "0" * 40
ON_TIME = "2025-10-12T20:00:00+07:00"
STAMP = 1760270400  # 2025-10-12T19:00:00+07:00, an hour before ON_TIME


def refused_code(world: World, before: dict[str, object], code: int, err: str) -> str:
    """The push (exit ``code``, messages ``err``) was refused, without a traceback, and the
    server is as it was."""
    assert code != 0, err
    assert "Traceback" not in err
    assert snapshot(world) == before
    return err


def ssh_sign(key: Path, payload: bytes, namespace: str = "git") -> bytes:
    """An armoured SSH signature of ``payload`` (what ``git tag -s`` appends)."""
    return subprocess.run(
        ["ssh-keygen", "-Y", "sign", "-n", namespace, "-f", str(key)],
        input=payload,
        capture_output=True,
        check=True,
    ).stdout


def ident(person: Person, stamp: int = STAMP) -> bytes:
    return f"{person.staff_id} <{person.email}> {stamp} +0700".encode()


def tag_payload(
    target: str,
    name: str,
    tagger: Person | None,
    message: bytes = b"Luu tru\n",
    *,
    kind: str = "commit",
    stamp: int = STAMP,
    extra: bytes = b"",
) -> bytes:
    head = f"object {target}\ntype {kind}\ntag {name}\n".encode()
    if tagger is not None:
        head += b"tagger " + ident(tagger, stamp) + b"\n"
    return head + extra + b"\n" + message


def signed_tag(writer: Person, payload: bytes, signer: Path | None, namespace: str = "git") -> str:
    """The tag object ``payload`` (+ a signature by key ``signer``) written in ``writer``'s
    clone exactly as given."""
    data = payload + (ssh_sign(signer, payload, namespace) if signer is not None else b"")
    return raw_object(writer, "tag", data)


def push_tag(person: Person, oid: str, name: str) -> tuple[int, str]:
    done = person.push(f"{oid}:refs/tags/{name}", received=ON_TIME)
    return done.returncode, done.stderr


def _pkt(line: bytes) -> bytes:
    return b"%04x" % (len(line) + 4) + line


def raw_push(
    world: World, person: Person, updates: list[tuple[str, str, str]], oids: list[str]
) -> tuple[int, str]:
    """The server's ``git receive-pack`` fed commands ``(old, new, ref)`` and a pack of exactly
    ``oids`` from ``person``'s clone (no walk: git on the client checks nothing). Returns
    (0 when every ref was updated else 1, the report-status and the server's messages)."""
    body = b""
    for i, (old, new, ref) in enumerate(updates):
        line = f"{old} {new} {ref}".encode() + (b"\0report-status" if i == 0 else b"")
        body += _pkt(line + b"\n")
    body += b"0000"
    if any(new != ZERO for _o, new, _r in updates):
        body += subprocess.run(
            ["git", "pack-objects", "--stdout"],
            cwd=person.root,
            input="".join(f"{o}\n" for o in oids).encode(),
            capture_output=True,
            check=True,
        ).stdout
    done = subprocess.run(
        ["git", "receive-pack", str(world.bare)],
        input=body,
        check=False,
        capture_output=True,
        env=person.env("2025-10-12T19:00:00+07:00", ON_TIME),
    )
    status = done.stdout.split(b"0000", 1)[-1].decode("utf-8", "replace")
    ok = "unpack ok" in status and status.count("\nng ") == 0 and "ng refs/" not in status
    text = status + "\n" + done.stderr.decode("utf-8", "replace")
    return (0 if ok and done.returncode == 0 else 1), text
