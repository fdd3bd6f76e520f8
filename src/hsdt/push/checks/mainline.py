"""main's new first-parent line: approval merges (:mod:`hsdt.push.checks.merge`), the
publisher's commits adding signed PDFs and their evidence, and a person's commit adding their
own signature to a published PDF; nothing else."""

from __future__ import annotations

from collections.abc import Iterator

from hsdt.git.history import Commit
from hsdt.i18n import msg
from hsdt.push.checks import merge
from hsdt.push.content import PUBLISHERS, short
from hsdt.push.model import Push, RefKind, Refusal
from hsdt.push.reviews import signer_of
from hsdt.workflow.paths import ALLOWED_SIGNERS, SIGNATURES_DIR, record_of_signed
from hsdt.workflow.signed_update import (
    CERT_SUFFIXES,
    check_signature_update,
    is_signature_update,
)


def check(push: Push) -> Iterator[Refusal]:
    """Refusals of main's new commits."""
    if not any(push.kinds[u.ref] is RefKind.MAIN and not u.deleted for u in push.updates):
        return
    for sha in push.main_line:
        commit = push.commit(sha)
        if commit is None:
            continue
        if len(commit.parents) > 2:
            yield Refusal(short(sha), "duyet", msg("push.octopus"))
        elif len(commit.parents) == 2:
            yield from merge.check_merge(push, commit)
        elif is_publish_commit(commit):
            yield from _publish(push, commit)
        elif is_signature_update(commit):
            yield from _signature_update(push, commit)
        else:
            yield Refusal(short(sha), "duyet", msg("push.main_not_merge"))


def is_publish_commit(commit: Commit) -> bool:
    """The shape of ``hsdt publish``'s commit: only new files under signatures/, each a signed
    PDF or evidence of a record, or trust material (a certificate)."""
    return bool(commit.changes) and all(
        c.status == "A"
        and c.path.startswith(SIGNATURES_DIR + "/")
        and c.path != ALLOWED_SIGNERS
        and (record_of_signed(c.path) is not None or c.path.lower().endswith(CERT_SUFFIXES))
        for c in commit.changes
    )


def _publish(push: Push, commit: Commit) -> Iterator[Refusal]:
    signer = signer_of(commit)
    if signer is None or not push.school.roles_of(signer) & PUBLISHERS:
        yield Refusal(short(commit.sha), "cong-bo", msg("push.publish_signer"))
    elif push.pusher is not None and push.pusher != signer:
        yield Refusal(
            short(commit.sha), "tac-gia", msg("push.not_pusher", author=signer, pusher=push.pusher)
        )


def _signature_update(push: Push, commit: Commit) -> Iterator[Refusal]:
    signer = signer_of(commit)
    if signer is not None and push.pusher is not None and push.pusher != signer:
        yield Refusal(
            short(commit.sha), "tac-gia", msg("push.not_pusher", author=signer, pusher=push.pusher)
        )
        return
    scratch, _none = push.files(commit.sha, [])
    assert push.main_old is not None
    found = check_signature_update(
        push.git_dir, push.school, commit, signer, push.main_old, scratch
    )
    for finding in found:
        yield Refusal(finding.path, "ky-so", finding.msg)
