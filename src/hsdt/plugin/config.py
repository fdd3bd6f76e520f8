"""``plugins: - hsdt: {…}`` in mkdocs.yml: where the school repository is and how to build."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class HsdtConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's options (every one optional)."""

    enabled = opt.Type(bool, default=True)
    """Turn the archive off (the manual alone is built)."""
    repository = opt.Type(str, default=".")
    """The school repository, relative to mkdocs.yml."""
    school = opt.Optional(opt.Type(str))
    """The school id, when the repository holds several profiles."""
    rev = opt.Type(str, default="main")
    """The branch or commit whose published records make the site."""
    trust = opt.Optional(opt.Type(str))
    """Trusted certificates, relative to the repository (default ``signatures/``)."""
    cache_dir = opt.Type(str, default=".cache/hsdt")
    """The verification cache, relative to mkdocs.yml (keep it between builds in CI)."""
    jobs = opt.Optional(opt.Type(int))
    """Worker processes (default: one per core)."""
    home = opt.Type(bool, default=True)
    """Put the school's home (name, regulation, latest publications) at the top of the site's
    ``index.md``; the archive's own home ``ho-so/`` is always built."""
