"""Read a push once, in forms the pusher cannot forge (see :mod:`hsdt.git.objects`).

A fixed number of git processes per push (refs, rev-lists per updated ref and per approval
merge, one ``cat-file`` batch per kind of object, one ``diff-tree`` batch, one signature
verification batch), whatever the number of commits. The roster's SSH keys become the
allowed-signers file the signatures are verified against, with each staff id as the principal:
the file ``signatures/allowed_signers`` that the repository carries is for the clients' own
``git log --show-signature`` and is never trusted here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from hsdt.git.history import Commit
from hsdt.git.notes import notes_of_commits
from hsdt.git.objects import (
    TreeChange,
    diff_pairs,
    object_info,
    read_commits,
    rev_list,
    tag_header,
    verify_tag,
)
from hsdt.git.run import ZERO, git_text, is_ancestor
from hsdt.git.tree import extract, list_files
from hsdt.model.school import School
from hsdt.push.model import BranchView, MergeView, Push, RefKind, RefUpdate, TagView
from hsdt.workflow.branches import MAIN_REF, parse_branch


def classify(ref: str) -> RefKind:
    """What kind of ref ``ref`` is (by name only)."""
    if ref == MAIN_REF:
        return RefKind.MAIN
    if ref.startswith("refs/notes/"):
        return RefKind.NOTES
    if ref.startswith("refs/tags/"):
        return RefKind.TAG
    if parse_branch(ref) is not None:
        return RefKind.SUBMISSION
    return RefKind.OTHER


def refs_before(git_dir: Path) -> dict[str, str]:
    """Every ref of the repository (ref names cannot hold spaces or newlines)."""
    out = git_text(git_dir, ["for-each-ref", "--format=%(objectname) %(refname)"])
    found = {}
    for line in out.splitlines():
        oid, _sp, name = line.partition(" ")
        if name:
            found[name] = oid
    return found


def roster_signers(school: School, path: Path) -> Path:
    """Write the allowed-signers file of the roster's keys, principal = staff id."""
    lines = [
        f'{s.id} namespaces="git" {s.ssh_key}'
        for s in sorted(school.staff.values(), key=lambda s: s.id)
        if s.ssh_key
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def merge_base(git_dir: Path, a: str, b: str) -> str | None:
    """The best common ancestor of ``a`` and ``b``, or None."""
    out = git_text(git_dir, ["merge-base", a, b], ok_codes=(0, 1))
    return out.strip() or None


def load_main_school(git_dir: Path, tip: str, dest: Path) -> School:
    """The school profile at ``tip`` (main before the push)."""
    from hsdt.load.profile import load_school

    wanted = list_files(git_dir, tip, ["schools"])
    extract(git_dir, tip, wanted, dest)
    return load_school(dest)


def read_push(
    git_dir: Path,
    updates: Sequence[RefUpdate],
    *,
    now: datetime,
    pusher: str | None,
    school: School,
    main_old: str,
    tmp: Path,
    max_commits: int,
) -> Push:
    """The push of ``updates`` onto a repository whose main is at ``main_old`` (files it
    extracts go under ``tmp``, which the caller owns)."""
    refs = refs_before(git_dir)
    signers = roster_signers(school, tmp / "roster_signers")
    kinds = {u.ref: classify(u.ref) for u in updates}
    live = [u for u in updates if not u.deleted and kinds[u.ref] is not RefKind.NOTES]
    types = object_info(git_dir, [u.new for u in live])
    main_new = main_old
    main_line: list[str] = []
    for u in live:
        is_commit = types.get(u.new, ("", 0))[0] == "commit"
        if kinds[u.ref] is RefKind.MAIN and is_commit and is_ancestor(git_dir, main_old, u.new):
            main_new = u.new
            main_line = rev_list(git_dir, [u.new], [main_old], first_parent=True)
    tags: dict[str, TagView] = {}
    tips: dict[str, str] = {}
    for u in live:
        kind = types.get(u.new, ("", 0))[0]
        if kinds[u.ref] is RefKind.TAG:
            tags[u.ref] = _tag_view(git_dir, u.new, kind, signers)
            target = tags[u.ref].target
            if target is not None and tags[u.ref].target_type == "commit":
                tips[u.ref] = target
        elif kind == "commit":
            tips[u.ref] = u.new
    # One walk per updated ref: what it brings that no ref had (and which ref brought it).
    brought_by: dict[str, str] = {}
    for ref, tip in tips.items():
        for sha in rev_list(git_dir, [tip], exclude_all=True, limit=max_commits + 1):
            brought_by.setdefault(sha, ref)
        if len(brought_by) > max_commits:
            break
    fresh = list(brought_by)
    branch_commits: dict[str, list[str]] = {}
    for u in live:
        if kinds[u.ref] is RefKind.SUBMISSION and u.ref in tips and len(fresh) <= max_commits:
            branch_commits[u.ref] = rev_list(git_dir, [tips[u.ref]], [main_old])[:max_commits]
    on_branches = [sha for shas in branch_commits.values() for sha in shas]
    wanted = list(dict.fromkeys([*fresh, *main_line, *on_branches]))
    commits: dict[str, Commit] = {}
    unreadable: list[str] = []
    if len(fresh) <= max_commits:
        commits, unreadable = read_commits(git_dir, wanted, signers)
    merges: dict[str, MergeView] = {}
    pairs: list[tuple[str, str | None]] = []
    merge_bases: dict[str, str | None] = {}
    for sha in main_line:
        commit = commits.get(sha)
        if commit is None or len(commit.parents) != 2:
            continue
        p0, p1 = commit.parents
        merge_bases[sha] = merge_base(git_dir, p0, p1)
    sides: dict[str, list[str]] = {}
    for sha in merge_bases:
        p0, p1 = commits[sha].parents
        sides[sha] = rev_list(git_dir, [p1], [p0])[:max_commits]
    missing = [s for side in sides.values() for s in side if s not in commits]
    if missing:
        more, bad = read_commits(git_dir, list(dict.fromkeys(missing)), signers)
        commits.update(more)
        unreadable.extend(bad)
    branch_bases: dict[str, str | None] = {}
    for ref in branch_commits:
        branch_bases[ref] = merge_base(git_dir, main_old, tips[ref])
    old_bases: dict[str, tuple[str, str | None]] = {}
    for u in updates:
        if kinds[u.ref] is RefKind.SUBMISSION and not u.created:
            old_bases[u.ref] = (u.old, merge_base(git_dir, main_old, u.old))
    # Unrelated histories (no base) get no diff: the checks refuse them.
    for sha, base in merge_bases.items():
        p0, p1 = commits[sha].parents
        if base is not None:
            pairs += [(p1, base), (p0, base)]
    for ref, base in branch_bases.items():
        if base is not None:
            pairs.append((tips[ref], base))
    for old, base in old_bases.values():
        if base is not None:
            pairs.append((old, base))
    diffs = iter(diff_pairs(git_dir, pairs))

    def diff(base: str | None) -> tuple[TreeChange, ...]:
        return next(diffs) if base is not None else ()

    for sha, base in merge_bases.items():
        merges[sha] = MergeView(sha, base, tuple(sides[sha]), diff(base), diff(base))
    branches = {
        ref: BranchView(branch_bases[ref], tuple(branch_commits[ref]), diff(branch_bases[ref]))
        for ref in branch_bases
    }
    old_branches = {
        ref: BranchView(base, (), diff(base)) for ref, (_old, base) in old_bases.items()
    }
    blob_ids = _blob_ids(commits, fresh, merges, branches)
    sizes = {oid: size for oid, (_t, size) in object_info(git_dir, blob_ids).items()}
    counter = iter(range(1, 1_000_000))

    def files(rev: str, paths: Sequence[str]) -> tuple[Path, list[str]]:
        root = tmp / f"r{next(counter)}"
        root.mkdir()
        return root, extract(git_dir, rev, paths, root)

    return Push(
        git_dir=git_dir,
        school=school,
        now=now,
        pusher=pusher,
        updates=tuple(updates),
        kinds=kinds,
        refs_before=refs,
        main_old=main_old,
        main_new=main_new,
        commits=commits,
        unreadable=tuple(unreadable),
        fresh=tuple(fresh),
        brought_by=brought_by,
        main_line=tuple(main_line),
        merges=merges,
        branches=branches,
        old_branches=old_branches,
        tags=tags,
        blob_sizes=sizes,
        notes=notes_of_commits(git_dir, sorted(commits)),
        files=files,
        ancestor=lambda a, b: is_ancestor(git_dir, a, b),
    )


def _tag_view(git_dir: Path, oid: str, kind: str, signers: Path) -> TagView:
    if kind != "tag":
        return TagView(kind, oid if kind == "commit" else None, kind, None)
    header = tag_header(git_dir, oid)
    if header is None:
        return TagView(kind, None, "", None, malformed=True)
    if header.target_type != "commit":
        return TagView(kind, header.target, header.target_type, None, header.name, header.tagger)
    return TagView(
        kind,
        header.target,
        header.target_type,
        verify_tag(git_dir, oid, signers),
        header.name,
        header.tagger,
        target_received=_received_by(git_dir, header.target),
    )


RECEIVED_WALK = 100
"""First-parent ancestors of a tagged commit searched for a receive note."""


def _received_by(git_dir: Path, commit: str) -> datetime | None:
    """The latest time the server's receive notes prove it had ``commit`` by: its own note,
    else the latest note of its first-parent ancestors (a commit reaches the server no earlier
    than what it descends from); None when none of them has a note."""
    line = rev_list(git_dir, [commit], first_parent=True, limit=RECEIVED_WALK)
    notes = notes_of_commits(git_dir, line or [commit])
    times = [notes[sha].received for sha in line if sha in notes]
    return max(times) if times else None


def _blob_ids(
    commits: dict[str, Commit],
    fresh: Sequence[str],
    merges: dict[str, MergeView],
    branches: dict[str, BranchView],
) -> list[str]:
    changes: list[TreeChange] = []
    for sha in fresh:
        commit = commits.get(sha)
        if commit is not None:
            changes.extend(commit.tree_changes)
    for merge in merges.values():
        changes.extend(merge.branch_changes)
    for branch in branches.values():
        changes.extend(branch.changes)
    return sorted({c.new_id for c in changes if c.new_id != ZERO and c.new_mode != "160000"})
