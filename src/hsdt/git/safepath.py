"""Which paths a repository may hold: checked before anything is written from a pushed tree.

git itself stores tree entries named ``..`` or ``.git`` unless ``receive.fsckObjects`` is on, and
the server extracts pushed files into a temporary folder to run the rules on them; a hostile
entry must be refused before it reaches the file system. A safe path is relative, made of
components that are non-empty, not ``.`` or ``..``, not ``.git`` in any letter case (nor the
NTFS/HFS spellings git's own fsck refuses: trailing dots or spaces, ``git~1``), free of control
characters, backslashes and colons, valid UTF-8, at most 255 bytes each and 1,024 bytes in all.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

MAX_COMPONENT = 255
MAX_PATH = 1024
_BAD_CHARS = frozenset('\\:*?"<>|')


def unsafe_reason(raw: bytes) -> str | None:
    """Why the path ``raw`` (bytes as git stores them) is unsafe, as a reason code (a key of
    the ``safepath.*`` messages), or None when it is safe."""
    if not raw or len(raw) > MAX_PATH:
        return "length"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "utf8"
    if text.startswith("/"):
        return "absolute"
    for part in text.split("/"):
        reason = _component_reason(part)
        if reason is not None:
            return reason
    return None


def _component_reason(part: str) -> str | None:
    if part in ("", ".", ".."):
        return "dots"
    if len(part.encode("utf-8")) > MAX_COMPONENT:
        return "long"
    if any(unicodedata.category(c) in ("Cc", "Cf") or c in _BAD_CHARS for c in part):
        return "chars"
    folded = part.casefold().rstrip(". ")
    if folded in (".git", "git~1") or part != part.rstrip(". "):
        return "git"
    return None


def is_safe(raw: bytes) -> bool:
    """Whether ``raw`` is a safe repository path."""
    return unsafe_reason(raw) is None


def inside(root: Path, rel: str) -> Path:
    """``root / rel``, refusing (ValueError) any result outside ``root`` or through a symlink."""
    if unsafe_reason(rel.encode("utf-8")) is not None:
        raise ValueError(rel)
    base = root.resolve()
    target = base.joinpath(*rel.split("/"))
    probe = base
    for part in rel.split("/")[:-1]:
        probe = probe / part
        if probe.is_symlink():
            raise ValueError(rel)
    if not target.resolve(strict=False).is_relative_to(base):
        raise ValueError(rel)
    return target
