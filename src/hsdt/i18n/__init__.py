"""Messages in Vietnamese (the default) and English.

A message is a key into :mod:`hsdt.i18n.catalog` plus its arguments, kept as a value
(:class:`Msg`) until it is shown, so the same finding can be printed in either language or as
JSON. The language comes from the caller, else from :func:`set_language` (the CLI's ``--lang``),
else from ``HSDT_LANG``, else Vietnamese.

We use a Python catalog instead of gettext ``.mo`` files: it needs no build step, imports in
microseconds (``hsdt check`` runs on every commit), and a test checks that both languages carry
the same placeholders for every key.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("vi", "en")

_language: ContextVar[str | None] = ContextVar("hsdt_language", default=None)


def set_language(lang: str | None) -> None:
    """Choose the language for messages rendered without an explicit one."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(lang)
    _language.set(lang)


def current_language() -> str:
    """The language in force: set_language(), then HSDT_LANG, then Vietnamese."""
    chosen = _language.get()
    if chosen is not None:
        return chosen
    env = os.environ.get("HSDT_LANG", "").strip().lower()[:2]
    return env if env in LANGUAGES else "vi"


@dataclass(frozen=True)
class Msg:
    """A translatable message: a catalog key and the values of its placeholders."""

    key: str
    """The key in :data:`hsdt.i18n.catalog.CATALOG`."""
    args: dict[str, Any] = field(default_factory=dict, compare=False)
    """Values for the ``{placeholders}`` of the message."""

    def render(self, lang: str | None = None) -> str:
        """The message text in ``lang`` (default: :func:`current_language`)."""
        from hsdt.i18n.catalog import CATALOG

        vi, en = CATALOG[self.key]
        chosen = lang or current_language()
        template = en if chosen == "en" else vi
        # a message may quote another (a reason inside "signature in X: …"): render it in the
        # same language instead of letting format() print the dataclass's repr
        args = {k: v.render(chosen) if isinstance(v, Msg) else v for k, v in self.args.items()}
        return template.format(**args)


def msg(key: str, /, **args: Any) -> Msg:
    """Shorthand for ``Msg(key, args)``."""
    return Msg(key, args)


def tr(key: str, /, **args: Any) -> str:
    """Render a message at once in the current language."""
    return Msg(key, args).render()
