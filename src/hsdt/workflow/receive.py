"""The server's judgement of a push (the pre-receive hook's library side).

What only a server can know: when it received a commit, whose key signed an approval, whether
``main`` is being rewritten. On a push to ``main``: no deletion, no rewrite, and every new
first-parent commit is an approval merge signed by an authorised approver (verified against
``signatures/allowed_signers`` and the roster taken from ``main``'s tip before the push, never
from the pushed commits) that completes the approval chain of every record it brings, whose
records pass the rules with their submission time, and that deletes nothing and changes an
approved or locked record only together with an approved correction record. The only other
commits ``main`` accepts are the publisher's: signed, adding files under ``signatures/`` only.

On a push to a submission branch (``nop/<owner>/<type>/<slug>``): no rewrite; content commits by
the branch's owner only (the pusher, from ``HSDT_PUSHER`` when the SSH set-up provides it, else
the commit author's e-mail matched to the roster), touching only their own records; review
commits (send-back, intermediate approval) signed and empty; the records pass the rules at their
first receive time. ``refs/notes/*`` cannot be pushed. Every accepted commit gets a receive note
(written after the push by the post-receive hook: refs cannot change inside pre-receive).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from hsdt.git.history import Commit, read_log
from hsdt.git.notes import ReceiveNote, first_received, read_notes
from hsdt.git.run import ZERO, is_ancestor, rev_parse
from hsdt.git.tree import extract, list_files
from hsdt.i18n import Msg, msg
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.school import Role, School
from hsdt.repo import is_record_path
from hsdt.rules.lock import CORRECTION_TYPE, corrected_paths
from hsdt.workflow.branches import MAIN_REF, parse_branch
from hsdt.workflow.chain import evaluate_chain, missing_roles
from hsdt.workflow.evidence import (
    TRAILER_APPROVED,
    TRAILER_CHANGES,
    TRAILER_COMMIT,
    TRAILER_ROLE,
    Review,
    Source,
    Verdict,
)
from hsdt.workflow.judge import judge_records
from hsdt.workflow.paths import ALLOWED_SIGNERS, SIGNATURES_DIR, place_of
from hsdt.workflow.signed_update import check_signature_update, is_signature_update
from hsdt.workflow.signers import staff_by_email

LEADERS = frozenset({Role.PRINCIPAL, Role.ADMIN})
PUBLISHERS = frozenset({Role.CLERK, Role.ADMIN, Role.PRINCIPAL})


@dataclass(frozen=True)
class RefUpdate:
    """One line of the hook's input: ``<old> <new> <ref>``."""

    old: str
    """The ref's id before the push (zeros when created)."""
    new: str
    """The id pushed (zeros when deleted)."""
    ref: str
    """The full ref name."""

    @property
    def created(self) -> bool:
        """Whether the ref did not exist."""
        return self.old == ZERO

    @property
    def deleted(self) -> bool:
        """Whether the push deletes the ref."""
        return self.new == ZERO


@dataclass(frozen=True)
class Refusal:
    """Why part of a push is refused: ``where: [rule] message``."""

    where: str
    """The ref, commit or ``file:line`` concerned."""
    rule: str
    """Rule id in brackets."""
    msg: Msg
    """What is wrong and what to do."""

    def render(self, lang: str | None = None) -> str:
        """One line for ``git push`` to show as ``remote: …``."""
        return f"{self.where}: [{self.rule}] {self.msg.render(lang)}"


@dataclass(frozen=True)
class PushVerdict:
    """The outcome of judging a push."""

    refusals: tuple[Refusal, ...]
    """Everything refused; empty means the push is accepted."""
    notes: Mapping[str, ReceiveNote] = field(default_factory=dict)
    """Receive notes to write once the push is in (commit id → note)."""

    @property
    def ok(self) -> bool:
        """Whether the push is accepted."""
        return not self.refusals


def parse_updates(text: str) -> list[RefUpdate]:
    """The hook's standard input."""
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            out.append(RefUpdate(*parts))
    return out


@dataclass
class _Server:
    git_dir: Path
    school: School
    signers: Path | None
    notes: Mapping[str, ReceiveNote]
    first: Mapping[str, datetime]
    now: datetime
    pusher: str | None
    tmp: Path
    by_email: Mapping[str, str]
    counter: int = 0

    def scratch(self) -> Path:
        self.counter += 1
        return self.tmp / f"r{self.counter}"


def check_push(
    git_dir: Path, updates: Sequence[RefUpdate], *, now: datetime, pusher: str | None = None
) -> PushVerdict:
    """Judge ``updates`` received at ``now`` from ``pusher`` (a staff id, when known)."""
    main_tip = rev_parse(git_dir, MAIN_REF)
    refusals: list[Refusal] = []
    for u in updates:
        if u.ref.startswith("refs/notes/"):
            refusals.append(Refusal(u.ref, "ghi-chu", msg("push.notes_ref")))
    if main_tip is None:
        # Bootstrap: the administrator's first push creates main with the school's profile.
        return PushVerdict(tuple(refusals))
    with _server(git_dir, main_tip, now, pusher) as server:
        if pusher is not None and pusher not in server.school.staff:
            return PushVerdict(
                (Refusal("HSDT_PUSHER", "nguoi-day", msg("push.bad_pusher", id=pusher)),)
            )
        notes: dict[str, ReceiveNote] = {}
        for u in updates:
            if u.ref.startswith("refs/notes/"):
                continue
            if u.ref == MAIN_REF:
                found, fresh = _check_main(server, u)
            elif u.ref.startswith("refs/heads/"):
                found, fresh = _check_submission(server, u)
            elif u.ref.startswith("refs/tags/"):
                found = _check_tag(u)
                fresh = {}
            else:
                found, fresh = [Refusal(u.ref, "nhanh", msg("push.unknown_ref"))], {}
            refusals.extend(found)
            notes.update(fresh)
        return PushVerdict(tuple(refusals), notes if not refusals else {})


@contextmanager
def _server(git_dir: Path, main_tip: str, now: datetime, pusher: str | None) -> Iterator[_Server]:
    from hsdt.load.profile import load_school

    with tempfile.TemporaryDirectory(prefix="hsdt-receive-") as name:
        tmp = Path(name)
        base = tmp / "main"
        wanted = list_files(git_dir, main_tip, ["schools", ALLOWED_SIGNERS])
        extract(git_dir, main_tip, wanted, base)
        school = load_school(base)
        signers = base / ALLOWED_SIGNERS
        notes = read_notes(git_dir)
        yield _Server(
            git_dir=git_dir,
            school=school,
            signers=signers if signers.is_file() else None,
            notes=notes,
            first=first_received(notes),
            now=now,
            pusher=pusher,
            tmp=tmp,
            by_email=staff_by_email(school),
        )


def _signers_arg(server: _Server) -> Path:
    # Without an allowed_signers file on main every signature is unverifiable ('E'), which the
    # checks below refuse; an empty file says exactly that.
    if server.signers is not None:
        return server.signers
    empty = server.tmp / "allowed_signers.empty"
    empty.write_text("", encoding="utf-8")
    return empty


def _check_tag(u: RefUpdate) -> list[Refusal]:
    if u.deleted or not u.created:
        return [Refusal(u.ref, "the", msg("push.tag_moved"))]
    return []


# --- submission branches ---------------------------------------------------------------------


def _check_submission(
    server: _Server, u: RefUpdate
) -> tuple[list[Refusal], dict[str, ReceiveNote]]:
    branch = parse_branch(u.ref)
    if u.deleted:
        return [], {}
    if branch is None or branch.owner not in server.school.staff:
        return [Refusal(u.ref, "nhanh", msg("push.unknown_ref"))], {}
    if not u.created and not is_ancestor(server.git_dir, u.old, u.new):
        return [Refusal(u.ref, "viet-lai", msg("push.branch_rewrite"))], {}
    commits = read_log(
        server.git_dir, [u.new, "--not", "--all"], allowed_signers=_signers_arg(server)
    )
    refusals: list[Refusal] = []
    touched: set[str] = set()
    notes: dict[str, ReceiveNote] = {}
    for commit in reversed(commits):
        review = _review_of(server, commit)
        if (
            review is not None
            or commit.trailer(TRAILER_APPROVED)
            or commit.trailer(TRAILER_CHANGES)
        ):
            refusals.extend(_review_problems(server, commit, review))
            notes[commit.sha] = ReceiveNote(server.now, u.ref, server.pusher or "", ())
            continue
        if commit.is_merge:
            refusals.append(Refusal(_short(commit), "gop", msg("push.branch_merge")))
            continue
        found, paths, author = _content_problems(server, commit, branch.owner)
        refusals.extend(found)
        touched.update(paths)
        notes[commit.sha] = ReceiveNote(
            server.now, u.ref, server.pusher or author or "", tuple(sorted(paths))
        )
    if touched and not refusals:
        refusals.extend(_no_resubmission(server, u, sorted(touched)))
        refusals.extend(_rules(server, u.new, sorted(touched), owner=branch.owner)[0])
    return refusals, notes


def _no_resubmission(server: _Server, u: RefUpdate, paths: Sequence[str]) -> list[Refusal]:
    """Records whose type says ``nop_lai: false`` cannot come back after a send-back."""
    closed = []
    for path in paths:
        place = place_of(path)
        policy = server.school.policy.types.get(place.type_id) if place else None
        if policy is not None and not policy.resubmission:
            closed.append(path)
    if not closed or u.created:
        return []
    earlier = read_log(server.git_dir, [u.old, "--not", MAIN_REF], changes=False, notes=False)
    if not any(c.trailer(TRAILER_CHANGES) for c in earlier):
        return []
    return [Refusal(p, "nop-lai", msg("push.no_resubmission")) for p in closed]


def _content_problems(
    server: _Server, commit: Commit, owner: str | None
) -> tuple[list[Refusal], set[str], str | None]:
    """A teacher's commit: known author, the pusher, the owner; only their own records."""
    school = server.school
    where = _short(commit)
    author = server.by_email.get(commit.author_email.lower())
    if author is None:
        return (
            [Refusal(where, "tac-gia", msg("push.unknown_author", email=commit.author_email))],
            set(),
            None,
        )
    out: list[Refusal] = []
    if server.pusher is not None and author != server.pusher:
        out.append(
            Refusal(where, "tac-gia", msg("push.not_pusher", author=author, pusher=server.pusher))
        )
    if owner is not None and author != owner:
        out.append(Refusal(where, "tac-gia", msg("push.not_owner", author=author, owner=owner)))
    paths: set[str] = set()
    roles = school.roles_of(author)
    for change in commit.changes:
        if change.status == "D" and (
            change.path.startswith("records/") or change.path.startswith(SIGNATURES_DIR + "/")
        ):
            out.append(Refusal(change.path, "xoa", msg("push.delete", path=change.path)))
            continue
        if is_record_path(change.path):
            place = place_of(change.path)
            if place is not None and place.owner is not None and place.owner != author:
                out.append(
                    Refusal(
                        change.path,
                        "chu-ho-so",
                        msg("push.other_teacher", id=author, owner=place.owner),
                    )
                )
            elif (
                place is not None
                and place.group is not None
                and author
                not in (school.groups[place.group].members if place.group in school.groups else ())
            ):
                out.append(
                    Refusal(
                        change.path,
                        "chu-ho-so",
                        msg("push.other_group", id=author, group=place.group),
                    )
                )
            paths.add(change.path)
        elif not roles & LEADERS:
            out.append(
                Refusal(change.path, "ngoai-ho-so", msg("push.not_records", path=change.path))
            )
    return out, paths, author


def _rules(
    server: _Server, rev: str, paths: Sequence[str], owner: str | None
) -> tuple[list[Refusal], dict[str, Record]]:
    root = server.scratch()
    present = extract(server.git_dir, rev, paths, root)
    problems, records = judge_records(root, present, server.school, server.first, server.now)
    out = [_from_problem(p) for p in problems]
    if owner is not None:
        for record in records.values():
            record_type = server.school.types.get(record.type_id)
            if record_type is None:
                continue
            author = record.get_str(record_type.author_key)
            if author is not None and author != owner:
                where = f"{record.path}:{record.line_of(record_type.author_key)}"
                found = msg("push.other_teacher", id=owner, owner=author)
                out.append(Refusal(where, "chu-ho-so", found))
    return out, records


def _from_problem(problem: Problem) -> Refusal:
    return Refusal(f"{problem.path}:{problem.line}", problem.rule, problem.msg)


def _short(commit: Commit) -> str:
    return f"commit {commit.sha[:10]}"


# --- reviews ---------------------------------------------------------------------------------


def _review_of(server: _Server, commit: Commit) -> Review | None:
    """A verified review commit as a :class:`Review`, or None (not a review, or not valid)."""
    approved = commit.trailer(TRAILER_APPROVED)
    changes = commit.trailer(TRAILER_CHANGES)
    reviewer = approved or changes
    if reviewer is None or reviewer not in server.school.staff:
        return None
    signature = commit.signature
    staff = server.school.staff[reviewer]
    if signature is None or not signature.good or signature.signer.lower() != staff.email.lower():
        return None
    role_text = commit.trailer(TRAILER_ROLE)
    role = Role(role_text) if role_text in {r.value for r in Role} else None
    note = server.notes.get(commit.sha)
    return Review(
        reviewer=reviewer,
        role=role,
        verdict=Verdict.APPROVED if approved else Verdict.CHANGES,
        at=note.received if note is not None else server.now,
        commit=commit.trailer(TRAILER_COMMIT) or (commit.parents[-1] if commit.parents else ""),
        source=Source.SSH_MERGE if commit.is_merge else Source.SSH_REVIEW,
        proof=commit.sha,
        reason=commit.body.split("\n\n")[0].strip() if changes else "",
    )


def _review_problems(server: _Server, commit: Commit, review: Review | None) -> list[Refusal]:
    where = _short(commit)
    reviewer = commit.trailer(TRAILER_APPROVED) or commit.trailer(TRAILER_CHANGES) or ""
    out: list[Refusal] = []
    if commit.changes or commit.is_merge:
        out.append(Refusal(where, "xem-xet", msg("push.review_not_empty")))
    if review is None:
        out.append(Refusal(where, "chu-ky-ssh", _signature_msg(server, commit, reviewer)))
    elif server.pusher is not None and server.pusher != reviewer:
        out.append(
            Refusal(where, "tac-gia", msg("push.not_pusher", author=reviewer, pusher=server.pusher))
        )
    return out


def _signature_msg(server: _Server, commit: Commit, reviewer: str) -> Msg:
    signature = commit.signature
    if reviewer not in server.school.staff:
        return msg("push.unknown_reviewer", id=reviewer)
    if signature is None or signature.status == "N":
        return msg("push.unsigned", id=reviewer)
    if not signature.good:
        return msg("push.bad_signature", id=reviewer, status=signature.status)
    return msg(
        "push.signer_mismatch",
        id=reviewer,
        signer=signature.signer,
        email=server.school.staff[reviewer].email,
    )


def branch_reviews(server_reviews: Sequence[tuple[Commit, Review | None]]) -> list[Review]:
    """The reviews that count for the branch's current content: those after its last content
    commit, oldest first (a content commit is a resubmission and starts the chain again)."""
    out: list[Review] = []
    for commit, review in server_reviews:
        if review is None:
            if not (commit.trailer(TRAILER_APPROVED) or commit.trailer(TRAILER_CHANGES)):
                out.clear()
            continue
        out.append(review)
    return out


# --- main ------------------------------------------------------------------------------------


def _check_main(server: _Server, u: RefUpdate) -> tuple[list[Refusal], dict[str, ReceiveNote]]:
    if u.deleted:
        return [Refusal(u.ref, "xoa-main", msg("push.main_delete"))], {}
    if u.created or not is_ancestor(server.git_dir, u.old, u.new):
        return [Refusal(u.ref, "viet-lai", msg("push.main_rewrite"))], {}
    signers = _signers_arg(server)
    first_parent = read_log(
        server.git_dir, [f"{u.old}..{u.new}"], first_parent=True, allowed_signers=signers
    )
    refusals: list[Refusal] = []
    for commit in reversed(first_parent):
        if not commit.is_merge:
            if _is_publish_commit(server, commit):
                continue
            if is_signature_update(commit):
                sig = commit.signature
                signer = server.by_email.get(sig.signer.lower()) if sig and sig.good else None
                found = check_signature_update(
                    server.git_dir, server.school, commit, signer, u.old, server.tmp
                )
                refusals.extend(Refusal(f.path, "ky-so", f.msg) for f in found)
                continue
            refusals.append(Refusal(_short(commit), "duyet", msg("push.main_not_merge")))
            continue
        refusals.extend(_check_merge(server, commit, signers))
    notes: dict[str, ReceiveNote] = {}
    if not refusals:
        fresh = read_log(server.git_dir, [u.new, "--not", "--all"])
        for commit in fresh:
            paths = (
                ()
                if commit.is_merge
                else tuple(sorted(c.path for c in commit.changes if is_record_path(c.path)))
            )
            notes[commit.sha] = ReceiveNote(server.now, u.ref, server.pusher or "", paths)
    return refusals, notes


def _is_publish_commit(server: _Server, commit: Commit) -> bool:
    """The publisher's commit: only new files under signatures/, signed by a clerk, an
    administrator or the principal (``hsdt publish`` signs with such a key)."""
    if not commit.changes or commit.signature is None or not commit.signature.good:
        return False
    if not all(
        c.status == "A" and c.path.startswith(SIGNATURES_DIR + "/") and c.path != ALLOWED_SIGNERS
        for c in commit.changes
    ):
        return False
    signer = server.by_email.get(commit.signature.signer.lower())
    return signer is not None and bool(server.school.roles_of(signer) & PUBLISHERS)


def _check_merge(server: _Server, merge: Commit, signers: Path) -> list[Refusal]:
    where = _short(merge)
    approver = merge.trailer(TRAILER_APPROVED)
    if approver is None:
        return [Refusal(where, "duyet", msg("push.merge_no_trailer"))]
    final = _review_of(server, merge)
    if final is None:
        return [Refusal(where, "chu-ky-ssh", _signature_msg(server, merge, approver))]
    final = Review(
        final.reviewer,
        final.role,
        Verdict.APPROVED,
        server.now,
        merge.parents[1],
        Source.SSH_MERGE,
        merge.sha,
    )
    side = read_log(
        server.git_dir, [f"{merge.parents[0]}..{merge.parents[1]}"], allowed_signers=signers
    )
    refusals: list[Refusal] = []
    pairs = []
    for commit in reversed(side):
        review = _review_of(server, commit)
        pairs.append((commit, review))
        is_review = commit.trailer(TRAILER_APPROVED) or commit.trailer(TRAILER_CHANGES)
        if not is_review and commit.sha not in server.notes:
            # Never received on a submission branch: judge its authorship here.
            refusals.extend(_content_problems(server, commit, None)[0])
    reviews = [*branch_reviews(pairs), final]
    records: list[str] = []
    modified: set[str] = set()
    need: set[Role] = set()
    for change in merge.changes:
        path = change.path
        if change.status == "D" and (
            path.startswith("records/") or path.startswith(SIGNATURES_DIR + "/")
        ):
            refusals.append(Refusal(path, "xoa", msg("push.delete", path=path)))
        elif is_record_path(path):
            records.append(path)
            if change.status != "A":
                modified.add(path)
        elif path.startswith("schools/"):
            need.add(Role.PRINCIPAL)
        elif change.status != "D":
            need.update(LEADERS)
    found, read = _rules(server, merge.sha, records, owner=None)
    refusals.extend(found)
    corrected = corrected_paths(list(read.values()))
    for path in sorted(modified):
        if path not in corrected:
            refusals.append(
                Refusal(
                    path, "sua-ho-so-da-duyet", msg("push.approved_change", type=CORRECTION_TYPE)
                )
            )
    for path in sorted(records):
        record = read.get(path)
        if record is None:
            continue
        policy = server.school.policy.types.get(record.type_id)
        record_type = server.school.types.get(record.type_id)
        author = record.get_str(record_type.author_key) if record_type else None
        # A correction is not judged by the original approval deadlines, like its submission.
        judged = None if path in corrected else record
        result = evaluate_chain(server.school, path, policy, reviews, author=author, record=judged)
        if not result.complete:
            why = "; ".join(m.render() for m in result.ignored)
            refusals.append(
                Refusal(
                    path,
                    "chuoi-duyet",
                    msg(
                        "push.chain_incomplete",
                        done=result.done,
                        steps=result.steps,
                        roles=missing_roles(policy, result),
                        why=why or "-",
                    ),
                )
            )
    if need:
        held = any(
            server.school.roles_of(r.reviewer) & need
            for r in reviews
            if r.verdict is Verdict.APPROVED
        )
        if not held:
            refusals.append(
                Refusal(where, "duyet", msg("push.leader_needed", roles=", ".join(sorted(need))))
            )
    return refusals
