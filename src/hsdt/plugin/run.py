"""Building and serving the school's site through MkDocs (what ``hsdt site`` wraps): the
configuration found in the repository, strict mode, errors as :class:`SiteError`."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hsdt.errors import SiteError
from hsdt.i18n import msg

CONFIG = "mkdocs.yml"


def config_file(root: Path, given: Path | None = None) -> Path:
    """The site's configuration: ``given``, else ``mkdocs.yml`` at the repository root."""
    path = given if given is not None else root / CONFIG
    if not path.is_file():
        raise SiteError(msg("site.no_config", file=str(given or CONFIG)))
    return path


class _Errors(logging.Handler):
    """MkDocs logs why a build failed and then raises a bare "Aborted": keep the why."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _errors() -> Iterator[_Errors]:
    handler = _Errors()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def build(config: Path, out: Path | None = None, *, strict: bool = True) -> Path:
    """``mkdocs build`` of ``config`` into ``out`` (default: the config's ``site_dir``)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException
    except ImportError as e:
        raise SiteError(msg("site.no_mkdocs")) from e
    options: dict[str, object] = {"config_file": str(config), "strict": strict}
    if out is not None:
        options["site_dir"] = str(out.resolve())
    with _errors() as errors:
        try:
            loaded = load_config(**options)  # type: ignore[arg-type]
            mkdocs_build(loaded)
        except MkDocsException as e:
            detail = "; ".join(errors.messages) or str(e)
            raise SiteError(msg("site.build_failed", detail=detail)) from e
    return Path(loaded.site_dir)


def serve(config: Path, address: str) -> None:
    """``mkdocs serve`` of ``config`` at ``address`` (``127.0.0.1:8000``), until interrupted."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        from mkdocs.commands.serve import serve as mkdocs_serve
        from mkdocs.exceptions import MkDocsException
    except ImportError as e:
        raise SiteError(msg("site.no_mkdocs")) from e
    try:
        mkdocs_serve(config_file=str(config), dev_addr=address)
    except MkDocsException as e:
        raise SiteError(msg("site.build_failed", detail=str(e))) from e
