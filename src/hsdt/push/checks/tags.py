"""Tags are the archive's periods (a week, a semester, a school year): only the archivist (văn
thư), the principal or an administrator makes one, as an annotated tag signed with their roster
key, on a commit of main; a tag is never moved or deleted, and its name never collides with a
branch (a tag named ``main`` would make ``git push origin main`` ambiguous for everyone). A tag
made before these rules that breaks them may be deleted by an administrator whose identity the
server knows (``HSDT_PUSHER``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hsdt.i18n import msg
from hsdt.model.school import Role
from hsdt.push.content import PUBLISHERS
from hsdt.push.model import Push, RefKind, Refusal

TAG_NAME = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
"""Tag names: lower-case ASCII words joined by ``-`` or ``.`` (``tuan-06-2025-2026``)."""
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
        if u.deleted or not u.created:
            yield Refusal(u.ref, "the", msg("push.tag_moved"))
            continue
        if name in RESERVED:
            yield Refusal(u.ref, "the", msg("push.tag_reserved", name=name))
            continue
        if not TAG_NAME.match(name):
            yield Refusal(u.ref, "the", msg("push.tag_name", name=name))
            continue
        if _collides(push, name):
            yield Refusal(u.ref, "the", msg("push.tag_collides", name=name))
            continue
        view = push.tags.get(u.ref)
        if view is None or view.object_type != "tag":
            yield Refusal(u.ref, "the", msg("push.tag_lightweight"))
            continue
        if view.target is None or view.target_type != "commit":
            yield Refusal(u.ref, "the", msg("push.tag_target"))
            continue
        if push.main_new is None or not push.ancestor(view.target, push.main_new):
            yield Refusal(u.ref, "the", msg("push.tag_not_on_main"))
            continue
        signer = view.signer
        if signer is None or signer not in push.school.staff:
            yield Refusal(u.ref, "the", msg("push.tag_unsigned"))
        elif not push.school.roles_of(signer) & PUBLISHERS:
            yield Refusal(u.ref, "the", msg("push.tag_not_archivist", id=signer))
        elif push.pusher is not None and push.pusher != signer:
            yield Refusal(
                u.ref, "tac-gia", msg("push.not_pusher", author=signer, pusher=push.pusher)
            )


def _collides(push: Push, name: str) -> bool:
    return f"refs/heads/{name}" in push.refs_before


def _misnamed(push: Push, name: str) -> bool:
    return not TAG_NAME.match(name) or name in RESERVED or _collides(push, name)


def _is_admin(push: Push) -> bool:
    return push.pusher is not None and Role.ADMIN in push.school.roles_of(push.pusher)
