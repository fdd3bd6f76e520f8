"""The only way a rendered record reaches a file: a URL fetcher that serves the repository's
images and our fonts, and refuses everything else.

Records are written by users (and attackers). The sanitiser already strips what HTML must not
carry; this fetcher is the second wall. It serves:

- ``https://hsdt.invalid/font/NAME``: one of the Liberation Serif files of
  :mod:`hsdt.render.fonts`;
- ``https://hsdt.invalid/repo/PATH``: an image file inside the repository (the base URL of a
  record is its folder there, so ``![](hinh/so-do.png)`` resolves here), when its real path,
  symlinks resolved, stays inside the repository and outside ``.git``, it is a regular file,
  its extension is an image's and it is at most :data:`MAX_IMAGE_BYTES`;
- ``https://hsdt.invalid/style.css``: the stylesheet.

The ``.invalid`` host never resolves (RFC 2606), and an ``https`` base makes relative URLs join
the standard way; nothing here ever opens a connection.

Anything else (``file:``, ``http:``, ``data:``, ``/dev/…``, a path escaping the repository)
stops the render with a :class:`RefusedResource` naming the URL: a school sees why, and
nothing is read.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from hsdt.render.fonts import FontSet

MAX_IMAGE_BYTES = 10 * 1024 * 1024
"""Largest image a record may include (10 MiB)."""

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
"""Extensions served, with their media types (SVG is refused: it can reference other files)."""

ORIGIN = "https://hsdt.invalid/"
REPO_PREFIX = ORIGIN + "repo/"
"""Base of repository files; a record's base URL is its folder under it."""
FONT_PREFIX = ORIGIN + "font/"
"""Base of the font files (see :meth:`hsdt.render.fonts.FontSet.css`)."""
STYLE_URL = ORIGIN + "style.css"
"""The stylesheet."""


class RefusedResource(FatalURLFetchingError):  # type: ignore[misc]
    """A URL the record may not use; ``reason`` is a catalog key under ``render.``."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url)
        self.url = url
        self.reason = reason


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """Serves fonts, the stylesheet and repository images; refuses the rest."""

    def __init__(self, root: Path, fonts: FontSet, stylesheet: str) -> None:
        super().__init__(timeout=1, allowed_protocols=(), allow_redirects=False)
        self._root = root.resolve()
        self._fonts = fonts
        self._stylesheet = stylesheet

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith(FONT_PREFIX):
            path = self._fonts.path(url[len(FONT_PREFIX) :])
            if path is None:
                raise RefusedResource(url, "render.refused_url")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/ttf"})
        if url == STYLE_URL:
            return URLFetcherResponse(url, self._stylesheet, {"Content-Type": "text/css"})
        if url.startswith(REPO_PREFIX):
            return self._repository_file(url)
        raise RefusedResource(url, "render.refused_url")

    def _repository_file(self, url: str) -> URLFetcherResponse:
        relative = unquote(
            url[len(REPO_PREFIX) :].split("?", maxsplit=1)[0].split("#", maxsplit=1)[0]
        ).lstrip("/")
        target = (self._root / relative).resolve()
        if not target.is_relative_to(self._root) or ".git" in target.relative_to(self._root).parts:
            raise RefusedResource(url, "render.refused_outside")
        kind = IMAGE_TYPES.get(target.suffix.lower())
        if kind is None:
            raise RefusedResource(url, "render.refused_type")
        try:
            info = target.stat()
        except OSError as e:
            raise RefusedResource(url, "render.missing_image") from e
        if not stat.S_ISREG(info.st_mode):
            raise RefusedResource(url, "render.refused_type")
        if info.st_size > MAX_IMAGE_BYTES:
            raise RefusedResource(url, "render.image_too_large")
        return URLFetcherResponse(url, target.read_bytes(), {"Content-Type": kind})
