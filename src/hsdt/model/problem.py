"""A finding of a rule: where, which rule, what, how serious."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hsdt.i18n import Msg


class Severity(StrEnum):
    """How a problem affects the outcome."""

    ERROR = "loi"
    """The record is refused (exit code 1)."""
    WARNING = "canh_bao"
    """Shown, but the record is accepted (local deadline warnings)."""


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``path:line: [rule] message``."""

    path: str
    """The file, relative to the repository root (POSIX separators)."""
    line: int
    """1-based line number; 1 when the finding concerns the whole file."""
    rule: str
    """The rule id shown in brackets, e.g. ``ngay-day`` or ``han-nop``."""
    msg: Msg
    """What is wrong and what was expected."""
    severity: Severity = Severity.ERROR
    """Whether the problem refuses the record."""

    def render(self, lang: str | None = None) -> str:
        """The one-line text form."""
        label = "" if self.severity is Severity.ERROR else _warning_label(lang)
        return f"{self.path}:{self.line}: [{self.rule}] {label}{self.msg.render(lang)}"

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON form."""
        return {
            "path": self.path,
            "line": self.line,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.msg.render(lang),
        }

    def sort_key(self) -> tuple[str, int, str]:
        """Problems are reported by file, then line, then rule."""
        return (self.path, self.line, self.rule)


def _warning_label(lang: str | None) -> str:
    from hsdt.i18n import Msg as _Msg

    return _Msg("problem.warning_label").render(lang) + " "
