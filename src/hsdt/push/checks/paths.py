"""No path the server cannot hold safely: ``..``, ``.git``, control characters, absolute or
non-UTF-8 names (see :mod:`hsdt.git.safepath`), symbolic links and submodules. Checked on the
raw bytes of every changed path before anything is extracted."""

from __future__ import annotations

from collections.abc import Iterator

from hsdt.git.safepath import unsafe_reason
from hsdt.i18n import msg
from hsdt.push.checks.limits import pushed_changes
from hsdt.push.model import Push, Refusal

SYMLINK, GITLINK = "120000", "160000"


def check(push: Push) -> Iterator[Refusal]:
    """Refusals of unsafe paths and entry kinds."""
    seen: set[bytes] = set()
    for change in pushed_changes(push):
        if change.raw_path in seen:
            continue
        seen.add(change.raw_path)
        shown = change.raw_path.decode("utf-8", "backslashreplace")
        reason = unsafe_reason(change.raw_path)
        if reason is not None:
            yield Refusal(
                repr(shown)[1:-1], "duong-dan-nguy-hiem",
                msg("push.unsafe_path", why=msg(f"safepath.{reason}")),
            )  # fmt: skip
        elif change.new_mode in (SYMLINK, GITLINK):
            yield Refusal(shown, "loai-tep", msg("push.link_entry"))
