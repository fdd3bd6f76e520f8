"""``hsdt tag``: the archivist marks a period with an annotated tag signed with her SSH key.

The server's pre-receive hook (:mod:`hsdt.push.checks.tags`) is the authority: it refuses a
tag made by anyone but a clerk (văn thư), the principal or an administrator, an unsigned or
wrongly signed tag, a tag not on main, a moved or deleted tag and a name that breaks the
convention or collides with a branch. This module refuses the same things locally, before
anything is made, so that the archivist reads a clear message instead of a refused push.

Naming convention (docs/luu-tru.md): ``tuan-06-2025-2026`` (a week), ``hk1-2025-2026`` (a
semester), ``nam-hoc-2025-2026`` (a school year); lower-case ASCII words joined by ``-``.

Idempotent: a tag already made locally on the same commit is pushed again, never re-made; a
tag the server already holds with the same object is reported as already there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hsdt.errors import GitError, UsageError
from hsdt.git.run import git_run, git_text, rev_parse
from hsdt.i18n import msg
from hsdt.model.school import Role, School

TAGGERS = frozenset({Role.CLERK, Role.ADMIN, Role.PRINCIPAL})
"""Who may tag the archive (the same set as the server's ``PUBLISHERS``)."""


@dataclass(frozen=True)
class TagResult:
    """What ``hsdt tag`` did."""

    name: str
    """The tag name."""
    tag_id: str
    """The annotated tag object."""
    commit: str
    """The commit of main it marks."""
    tagger: str
    """Staff id of the archivist who signed it."""
    created: bool
    """False when the tag existed already (a re-run): it was only pushed."""
    pushed: bool
    """Whether it was pushed to the remote."""


def check_name(name: str) -> None:
    """Refuse a name that breaks the convention (the hook's own rule)."""
    from hsdt.push.checks.tags import HEX_NAME, RESERVED, TAG_NAME

    if name in RESERVED:
        raise UsageError(msg("tag.reserved", name=name))
    if not TAG_NAME.match(name):
        raise UsageError(msg("tag.bad_name", name=name))
    if HEX_NAME.match(name):
        raise UsageError(msg("push.tag_name_hex", name=name))


def tagger_of(root: Path, school: School) -> str:
    """The staff id of the caller (by git's committer e-mail), who must be allowed to tag."""
    from hsdt.workflow.signers import committer_staff

    staff_id, email = committer_staff(root, school)
    if staff_id is None:
        raise UsageError(msg("tag.who", email=email or "-"))
    if not school.roles_of(staff_id) & TAGGERS:
        raise UsageError(msg("tag.not_archivist", id=staff_id))
    return staff_id


def make_tag(
    root: Path,
    school: School,
    name: str,
    *,
    message: str | None = None,
    remote: str | None = "origin",
    target: str | None = None,
) -> TagResult:
    """Make (or find) the signed annotated tag ``name`` on ``target`` (default: the remote's
    main, fetched first, else local main) and push it to ``remote`` (None: no push)."""
    check_name(name)
    tagger = tagger_of(root, school)
    key = git_text(root, ["config", "--get", "user.signingkey"], ok_codes=(0, 1)).strip()
    if not key:
        raise UsageError(msg("tag.no_key"))
    if remote is not None:
        git_run(root, ["fetch", "-q", remote, "main"])
    for branch in (f"refs/heads/{name}", f"refs/remotes/{remote or 'origin'}/{name}"):
        if rev_parse(root, branch) is not None:
            raise UsageError(msg("tag.collides", name=name))
    wanted = target or (f"refs/remotes/{remote}/main" if remote else "refs/heads/main")
    commit = rev_parse(root, wanted)
    if commit is None and target is None:
        wanted = "refs/heads/main"
        commit = rev_parse(root, wanted)
    if commit is None:
        raise UsageError(msg("tag.no_target", rev=wanted))
    existing = object_id(root, f"refs/tags/{name}")
    created = existing is None
    if existing is None:
        text = message or f"Lưu trữ {name}"
        git_text(
            root,
            ["-c", "gpg.format=ssh", "tag", "-s", "-F", "-", name, commit],
            stdin=text + "\n",
        )
    else:
        marked = rev_parse(root, f"refs/tags/{name}")
        if marked != commit and target is not None:
            raise UsageError(msg("tag.exists_elsewhere", name=name, commit=(marked or "-")[:10]))
        commit = marked or commit
    tag_id = object_id(root, f"refs/tags/{name}") or ""
    pushed = False
    if remote is not None:
        code, err = git_run(root, ["push", "-q", remote, f"refs/tags/{name}"])
        if code != 0:
            raise GitError(msg("tag.push_failed", name=name, detail=_hook_lines(err)))
        pushed = True
    return TagResult(name, tag_id, commit, tagger, created, pushed)


def _hook_lines(err: str) -> str:
    """The server's reasons (``remote: …`` lines) of a refused push, else git's last line."""
    lines = [ln.removeprefix("remote:").strip() for ln in err.splitlines()]
    reasons = [ln for ln in lines if ln and not ln.startswith(("To ", "error:", "!"))]
    return " / ".join(reasons[-5:]) or (lines[-1] if lines else "-")


def object_id(root: Path, ref: str) -> str | None:
    """The object a ref names (the tag object itself for an annotated tag), or None."""
    out = git_text(root, ["rev-parse", "--verify", "--quiet", ref], ok_codes=(0, 1))
    return out.strip() or None
