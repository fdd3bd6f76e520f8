"""Messages in Vietnamese (the default) and English.

A message is a key into :mod:`hsdt.i18n.catalog` plus its arguments, kept as a value
(:class:`Msg`) until it is shown, so the same finding can be printed in either language or as
JSON. The language comes from the caller, else from :func:`set_language` (the CLI's ``--lang``),
else from ``HSDT_LANG``, else Vietnamese.

We use a Python catalog instead of gettext ``.mo`` files: it needs no build step, imports in
microseconds (``hsdt check`` runs on every commit), and a test checks that both languages carry
the same placeholders for every key.

Plurals: Vietnamese nouns do not change with the number ("1 hồ sơ", "3 hồ sơ"); English ones
do. A placeholder written ``{count:record|records}`` prints the number and the noun in the
right form ("1 record", "3 records", "0 records"); :func:`plural` does the same in code.
"""

from __future__ import annotations

import os
import string
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
        # A message may carry another as a value (a reason inside a refusal): render it too,
        # never its repr.
        args = {k: v.render(chosen) if isinstance(v, Msg) else v for k, v in self.args.items()}
        return _FORMATTER.format(template, **args)


def plural(count: int, one: str, many: str) -> str:
    """``1 record``, ``2 records``: the number and the noun in the form the number needs."""
    return f"{count} {one if count == 1 else many}"


class _PluralFormatter(string.Formatter):
    """``str.format`` plus the ``{n:one|many}`` form (see the module docstring)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            one, _, many = format_spec.partition("|")
            if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
                return plural(int(value), one, many)
            return f"{value} {many}"
        return super().format_field(value, format_spec)


_FORMATTER = _PluralFormatter()


def msg(key: str, /, **args: Any) -> Msg:
    """Shorthand for ``Msg(key, args)``."""
    return Msg(key, args)


def tr(key: str, /, **args: Any) -> str:
    """Render a message at once in the current language."""
    return Msg(key, args).render()
