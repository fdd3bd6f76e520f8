"""A content-addressed store of rendered PDFs: an unchanged record is never printed twice.

``<cache>/<key[:2]>/<key>.pdf`` with the key of :func:`hsdt.render.job.cache_key`, which covers
everything the bytes depend on. Entries are written atomically, so a crash leaves either the
whole entry or none; a corrupt entry (not starting with ``%PDF-``) is ignored and rewritten.
"""

from __future__ import annotations

from pathlib import Path

from hsdt.fsutil import atomic_write_bytes


class RenderCache:
    """The cache folder (usually ``build/.cache/render``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        """The cached PDF for ``key``, or None."""
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        return data if data.startswith(b"%PDF-") else None

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``."""
        atomic_write_bytes(self._path(key), data)
