"""The one exception root of hsdt.

Every failure a user can cause is an ``HsdtError`` carrying a translatable message
(:class:`hsdt.i18n.Msg`) and, where known, the file and line it concerns. The CLI edge turns
them into a Vietnamese (or English) line and an exit code; anything else is a bug.
"""

from __future__ import annotations

from hsdt.i18n import Msg


class HsdtError(Exception):
    """Base of every error hsdt raises on purpose."""

    exit_code = 1

    def __init__(self, msg: Msg, path: str | None = None, line: int | None = None) -> None:
        super().__init__(msg.key)
        self.msg = msg
        self.path = path
        self.line = line

    def render(self, lang: str | None = None) -> str:
        """The message with its location, ``path:line: text``, in ``lang``."""
        text = self.msg.render(lang)
        if self.path is None:
            return text
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {text}"


class ConfigError(HsdtError):
    """A school profile, rule set or record type definition is invalid."""


class RecordError(HsdtError):
    """A record cannot be read or created."""


class UsageError(HsdtError):
    """The command was called wrongly (exit code 2)."""

    exit_code = 2


class GitError(HsdtError):
    """A git operation failed; the message says what to do."""


class RuleViolation(HsdtError):
    """Rules found problems that stop the operation."""


class RenderError(HsdtError):
    """A record could not be rendered."""


class SigningError(HsdtError):
    """A signature could not be made or checked."""


class SiteError(HsdtError):
    """The school's website cannot be built (no main, a missing page shell, a bad option)."""


class SearchError(HsdtError):
    """The site's search index could not be built."""


class ImportDocxError(HsdtError):
    """A Word document cannot be imported (not a .docx, damaged, protected, too large, conversion
    failed); the message names the file and says what to do."""
