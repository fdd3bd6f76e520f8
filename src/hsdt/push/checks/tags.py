"""Tags are the archive's periods (a week, a semester, a school year): only the archivist (văn
thư), the principal or an administrator makes one, as an annotated tag signed with their roster
key, on a commit of main; a tag is never moved or deleted, and its name never collides with a
branch (a tag named ``main`` would make ``git push origin main`` ambiguous for everyone). A tag
made before these rules that breaks them may be deleted by an administrator whose identity the
server knows (``HSDT_PUSHER``).

What the signature covers is checked against what the push claims: the tag object's own name
(``tag`` header) must be the ref's (else anyone could push the archivist's signed week 6 as
``refs/tags/hk1-…`` and take the semester's name for ever), its ``tagger`` must be the signer,
and its date, the export's only clock, must be neither later than the server's clock nor
earlier than the server received the commit it tags (:data:`CLOCK_SKEW` either way). A name
must not be all hexadecimal digits: git would read it as an abbreviated commit id as well."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

from hsdt.i18n import msg
from hsdt.model.school import Role
from hsdt.model.timeutil import format_moment
from hsdt.push.content import PUBLISHERS
from hsdt.push.model import Push, RefKind, Refusal, TagView

TAG_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Tag names: lower-case ASCII words joined by ``-`` (``tuan-06-2025-2026``)."""
HEX_NAME = re.compile(r"^[0-9a-f]+$")
"""Names git would also read as an abbreviated object id (``2025``, ``deadbeef``)."""
CLOCK_SKEW = timedelta(minutes=5)
"""How far a tag's date may lie past the server's clock, or before the server received the
tagged commit: a clerk's clock a little off; beyond it the tag is refused."""
RESERVED = frozenset({"main", "head", "nop", "verify"})
"""Names no tag may take: branch names everyone pushes (``main``, ``nop``), git's ``HEAD``, and
``verify``, which ``hsdt export verify PATH`` reads as its subcommand (a tag of that name could
never be exported)."""


def check(push: Push) -> Iterator[Refusal]:
    """Refusals of tag updates."""
    for u in push.updates:
        if push.kinds[u.ref] is not RefKind.TAG:
            continue
        name = u.ref.removeprefix("refs/tags/")
        if u.deleted and _misnamed(push, name) and _is_admin(push):
            # A tag made before these rules that breaks them (a tag named 'main' makes
            # 'git push origin main' ambiguous): an administrator known to the server removes it.
            continue
        # the server's own refs say whether the tag exists (the old value is the client's word)
        if u.deleted or not u.created or u.ref in push.refs_before:
            yield Refusal(u.ref, "the", msg("push.tag_moved"))
            continue
        if name in RESERVED:
            yield Refusal(u.ref, "the", msg("push.tag_reserved", name=name))
            continue
        if not TAG_NAME.match(name):
            yield Refusal(u.ref, "the", msg("push.tag_name", name=name))
            continue
        if HEX_NAME.match(name):
            yield Refusal(u.ref, "the", msg("push.tag_name_hex", name=name))
            continue
        if _collides(push, name):
            yield Refusal(u.ref, "the", msg("push.tag_collides", name=name))
            continue
        view = push.tags.get(u.ref)
        if view is None or view.object_type != "tag":
            yield Refusal(u.ref, "the", msg("push.tag_lightweight"))
            continue
        if view.malformed:
            yield Refusal(u.ref, "the", msg("push.tag_malformed"))
            continue
        if view.target is None or view.target_type != "commit":
            yield Refusal(u.ref, "the", msg("push.tag_target"))
            continue
        if push.main_new is None or not push.ancestor(view.target, push.main_new):
            yield Refusal(u.ref, "the", msg("push.tag_not_on_main"))
            continue
        if view.name != name:
            yield Refusal(u.ref, "the", msg("push.tag_renamed", name=name, inner=view.name))
            continue
        yield from _signer_refusals(push, u.ref, view)


def _signer_refusals(push: Push, ref: str, view: TagView) -> Iterator[Refusal]:
    """Who signed the tag, as whom and when: the signer's roster key, a role that tags, the
    signer named as tagger, a date the server's clock allows, the pusher (when known)."""
    signer = view.signer
    staff = push.school.staff.get(signer) if signer is not None else None
    if signer is None or staff is None:
        yield Refusal(ref, "the", msg("push.tag_unsigned"))
        return
    if not push.school.roles_of(signer) & PUBLISHERS:
        yield Refusal(ref, "the", msg("push.tag_not_archivist", id=signer))
        return
    if view.tagger is None or view.tagger[1].strip().lower() != staff.email.strip().lower():
        shown = view.tagger[1] if view.tagger is not None else "-"
        yield Refusal(
            ref, "the", msg("push.tag_tagger", email=shown, id=signer, wanted=staff.email)
        )
        return
    at = view.tagger[2]
    if at > push.now + CLOCK_SKEW:
        yield Refusal(
            ref,
            "the",
            msg("push.tag_future", at=format_moment(at), now=format_moment(push.now)),
        )
        return
    received = view.target_received
    if received is None and view.target in push.fresh:
        received = push.now  # the tagged commit arrives with this push
    if received is not None and at < received - CLOCK_SKEW:
        yield Refusal(
            ref,
            "the",
            msg("push.tag_backdated", at=format_moment(at), received=format_moment(received)),
        )
        return
    if push.pusher is not None and push.pusher != signer:
        yield Refusal(ref, "tac-gia", msg("push.tag_not_pusher", signer=signer, pusher=push.pusher))


def _collides(push: Push, name: str) -> bool:
    return f"refs/heads/{name}" in push.refs_before


def _misnamed(push: Push, name: str) -> bool:
    return not TAG_NAME.match(name) or name in RESERVED or _collides(push, name)


def _is_admin(push: Push) -> bool:
    return push.pusher is not None and Role.ADMIN in push.school.roles_of(push.pusher)
