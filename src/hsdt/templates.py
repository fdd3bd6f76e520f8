"""The workflow templates: one source for a school repository's ``.github/workflows/`` and
``.gitea/workflows/`` (``hsdt init``, ``hsdt upgrade``) and for hsdt's own workflows.

A template is a workflow file under ``hsdt/data/templates/<host>/workflows/`` with one kind of
placeholder: ``<<hsdt>>`` or ``<<hsdt:EXTRAS>>`` (``<<hsdt:pdf,sign>>``), replaced by the pip
requirement that installs a pinned hsdt (:class:`HsdtSource`). A school repository never
installs hsdt from its own checkout (``pip install .`` works only in hsdt's own repository);
hsdt's repository renders the same templates with :meth:`HsdtSource.checkout`.

Pure: reads package data, no git, no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from hsdt import __version__
from hsdt.errors import UsageError
from hsdt.i18n import msg
from hsdt.load.types import DATA_DIR

TEMPLATES_DIR = DATA_DIR / "templates"
"""Where the templates live (package data)."""

HOSTS = ("github", "gitea")
"""The Git hosts with workflow templates; a host's files go to ``.<host>/workflows/``."""

_PLACEHOLDER = re.compile(r"<<hsdt(?::([a-z0-9,]+))?>>")
_VERSION = re.compile(r"\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?")
# A git URL pinned to a full commit id; only characters that are safe inside a double-quoted
# shell word and a YAML scalar (no quote, $, backtick, space, backslash).
_GIT = re.compile(r"git\+(https|ssh|file)://[A-Za-z0-9._~:/%+-]+@[0-9a-f]{40}")


class SourceKind(Enum):
    """Where a workflow installs hsdt from."""

    RELEASE = "release"
    """A released version from the package index: ``hsdt==X.Y.Z``."""
    GIT = "git"
    """A git repository at one commit: ``hsdt @ git+URL@<commit>``."""
    CHECKOUT = "checkout"
    """The repository the workflow runs in (only hsdt's own repository): ``pip install .``."""


@dataclass(frozen=True)
class HsdtSource:
    """A pinned hsdt for the workflows to install."""

    kind: SourceKind
    """Release, git commit or this checkout."""
    value: str
    """The version (``0.1.0``), the ``git+URL@commit`` or ``.``."""

    @classmethod
    def installed(cls) -> HsdtSource:
        """The version of the hsdt running now (``hsdt init``'s default)."""
        return cls(SourceKind.RELEASE, __version__)

    @classmethod
    def checkout(cls) -> HsdtSource:
        """Install from the checked-out repository (hsdt's own workflows)."""
        return cls(SourceKind.CHECKOUT, ".")

    @classmethod
    def parse(cls, text: str) -> HsdtSource:
        """``0.1.0`` / ``hsdt==0.1.0``, ``git+https://…@<40-hex commit>`` or ``.``.

        Anything else is refused: a branch, a tag or a version range is not a pin."""
        given = text.strip()
        if given == ".":
            return cls.checkout()
        version = given.removeprefix("hsdt==")
        if _VERSION.fullmatch(version):
            return cls(SourceKind.RELEASE, version)
        if _GIT.fullmatch(given):
            return cls(SourceKind.GIT, given)
        raise UsageError(msg("init.bad_source", value=text))

    def requirement(self, extras: str = "") -> str:
        """The pip argument (shell-quoted when it needs it) that installs this hsdt."""
        with_extras = f"[{extras}]" if extras else ""
        if self.kind is SourceKind.CHECKOUT:
            return f'".{with_extras}"' if extras else "."
        if self.kind is SourceKind.GIT:
            return f'"hsdt{with_extras} @ {self.value}"'
        return f'"hsdt{with_extras}=={self.value}"'

    def recorded(self) -> str | None:
        """What ``.hsdt/generated.json`` keeps: None for a release (``hsdt upgrade`` moves it
        to the installed version), else the pin the administrator chose."""
        return None if self.kind is SourceKind.RELEASE else self.value


def render(text: str, source: HsdtSource) -> str:
    """``text`` with every ``<<hsdt…>>`` placeholder replaced by ``source``'s requirement."""
    return _PLACEHOLDER.sub(lambda m: source.requirement(m.group(1) or ""), text)


def workflows(source: HsdtSource, templates: Path | None = None) -> dict[str, str]:
    """Every host's rendered workflows: repository-relative path → text (templates from
    ``templates``, default :data:`TEMPLATES_DIR`, read when called)."""
    folder = templates or TEMPLATES_DIR
    out: dict[str, str] = {}
    for host in HOSTS:
        for path in sorted((folder / host / "workflows").glob("*.yml")):
            out[f".{host}/workflows/{path.name}"] = render(path.read_text("utf-8"), source)
    return out


def hook_scripts(templates: Path | None = None) -> dict[str, str]:
    """The generic server-side hooks (``hooks/pre-receive``…): path → text."""
    return {
        f"hooks/{p.name}": p.read_text("utf-8")
        for p in sorted(((templates or TEMPLATES_DIR) / "hooks").iterdir())
        if p.is_file()
    }
