"""File writes that never leave a half-written file behind, and the clean-up of the temporary
files a killed process did leave.

Every temporary file is named ``.hsdt-tmp-<name>.<random>.tmp`` in the target's folder, so a
leftover is recognisably hsdt's own: :func:`remove_leftovers` deletes only such files, and the
school repository's ``.gitignore`` keeps them out of commits.
"""

from __future__ import annotations

import os
from pathlib import Path

TEMP_PREFIX = ".hsdt-tmp-"
"""How every temporary file of :func:`atomic_write_bytes` begins."""

TEMP_SUFFIX = ".tmp"
"""How it ends."""

TEMP_GLOB = f"{TEMP_PREFIX}*{TEMP_SUFFIX}"
"""The pattern of those names (also the ``.gitignore`` line)."""

_NAME_KEPT = 80
"""Characters of the target's name kept in the temporary name (file names are bounded)."""


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename,
    the data on disk before the rename (``durable=False`` skips that wait, for a cache whose
    torn or empty file after a power cut only reads as empty)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{path.name[:_NAME_KEPT]}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    """Write UTF-8 ``text`` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)


def is_own_temp(name: str) -> bool:
    """Whether a file name is one of :func:`atomic_write_bytes`'s temporary files."""
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete the temporary files a killed write left anywhere under ``folder``; returns them.

    Only regular files (or links) named like hsdt's own temporary files are touched, never a
    folder and never a file of any other name.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.rglob(TEMP_GLOB)):
        if is_own_temp(path.name) and (path.is_symlink() or path.is_file()):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
