"""The server's judgement of a push (the pre-receive hook's library side).

What only a server can know: when it received a commit, whose key signed an approval, whether
``main`` is being rewritten. The push is read once in forms the pusher cannot forge
(:mod:`hsdt.push.read`, :mod:`hsdt.git.objects`) into a :class:`~hsdt.push.model.Push`, and
judged by a list of small checks (:mod:`hsdt.push.registry`), one module per family under
:mod:`hsdt.push.checks`:

- ``refs``: only ``main`` (forward only, never deleted), submission branches
  ``nop/<owner>/<type>/<slug>`` (forward only, from main) and tags; never ``refs/notes/*``;
- ``limits``: commits, files, records and bytes per push, from the profile's ``gioi_han``;
- ``paths``: no ``..``, ``.git``, control characters, links or submodules, before anything is
  extracted;
- ``tags``: annotated, signed by the archivist, the principal or an administrator, on main,
  never moved or deleted, never named like a branch;
- ``submission``: content by the branch's owner, their own records only, reviews that verify,
  rules at each record's submission time, deletion only by the owner, a reviewer or an
  administrator;
- ``main``: approval merges whose tree is exactly main plus the approved branch, with the whole
  approval chain satisfied by verified reviews of the final content; the publisher's commits;
  a person's own signature added to a published PDF.

Trailers count only on a commit whose SSH signature verifies against the roster's key of the
person they name; the roster and the rules are main's before the push, never the push's own.
Every accepted commit gets a receive note (written by post-receive: refs cannot change inside
pre-receive).
"""

from hsdt.push.judge import check_push, parse_updates
from hsdt.push.model import PushVerdict, RefUpdate, Refusal

__all__ = ["PushVerdict", "RefUpdate", "Refusal", "check_push", "parse_updates"]
