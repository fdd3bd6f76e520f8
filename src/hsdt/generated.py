"""The files hsdt generates in a school repository and the record of what it generated.

``hsdt init`` writes them, ``hsdt upgrade`` refreshes them (:mod:`hsdt.upgrade`). Each is a
pure function of the school profile and the :class:`Settings` chosen at init: the workflows
(:mod:`hsdt.templates`), both hosts' CODEOWNERS, the pre-commit config, a minimal
``mkdocs.yml`` and the generic server hooks. ``.hsdt/generated.json`` keeps the settings and
each file's SHA-256 at generation, so that ``hsdt upgrade`` can tell a file the school left
alone (replace it) from one the school edited (keep it, write the new version beside it).

May touch: the files it is asked to write, under the repository root.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hsdt import __version__
from hsdt.codeowners import gitea_codeowners, github_codeowners
from hsdt.errors import ConfigError
from hsdt.fsutil import atomic_write_text
from hsdt.i18n import msg
from hsdt.model.school import School
from hsdt.templates import HsdtSource, hook_scripts, workflows

MANIFEST = ".hsdt/generated.json"
"""Where a school repository records what hsdt generated."""

NOTE = (
    "# Tệp do hsdt sinh ra; hsdt upgrade cập nhật nó (sửa tay thì hsdt upgrade giữ bản của bạn).\n"
)
"""The first line of a generated YAML file."""

EXECUTABLE = frozenset({"hooks/pre-receive", "hooks/post-receive"})
"""Generated files that must be executable."""


@dataclass(frozen=True)
class Settings:
    """What the administrator chose at ``hsdt init`` (kept in the manifest)."""

    hsdt_source: HsdtSource = field(default_factory=HsdtSource.installed)
    """The hsdt the workflows install."""
    hooks_repo: str | None = None
    """``--hooks-repo`` (None: hsdt's public repository)."""
    hooks_rev: str | None = None
    """``--hooks-rev`` as given (None: chosen by :func:`hsdt.scaffold.hooks_source`)."""

    def as_json(self) -> dict[str, str | None]:
        """The manifest's ``settings``."""
        return {
            "hsdt_source": self.hsdt_source.recorded(),
            "hooks_repo": self.hooks_repo,
            "hooks_rev": self.hooks_rev,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Settings:
        """Settings read back from a manifest; a recorded release follows the installed hsdt."""
        source = data.get("hsdt_source")
        repo, rev = data.get("hooks_repo"), data.get("hooks_rev")
        return cls(
            HsdtSource.parse(source) if isinstance(source, str) else HsdtSource.installed(),
            repo if isinstance(repo, str) else None,
            rev if isinstance(rev, str) else None,
        )


@dataclass(frozen=True)
class Manifest:
    """The content of ``.hsdt/generated.json``."""

    settings: Settings
    """The choices the files were generated with."""
    files: Mapping[str, str]
    """Repository-relative path → SHA-256 (hex) of the text hsdt generated there."""
    version: str = __version__
    """The hsdt that generated them."""

    def text(self) -> str:
        """The JSON text, stable (sorted keys, one file a line)."""
        data = {
            "hsdt": self.version,
            "settings": self.settings.as_json(),
            "files": dict(sorted(self.files.items())),
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def digest(text: str | bytes) -> str:
    """SHA-256 (hex) of a file's content (text as UTF-8)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def read_manifest(root: Path) -> Manifest | None:
    """The repository's manifest, or None when hsdt never recorded one."""
    path = root / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
            raise TypeError("files")
        return Manifest(Settings.from_json(data.get("settings") or {}), files, str(data["hsdt"]))
    except (ValueError, KeyError, TypeError) as e:
        raise ConfigError(msg("upgrade.bad_manifest", path=MANIFEST, error=str(e))) from e


def write_manifest(root: Path, manifest: Manifest) -> None:
    """Write ``.hsdt/generated.json``."""
    atomic_write_text(root / MANIFEST, manifest.text())


def school_mkdocs(school: School) -> str:
    """A minimal ``mkdocs.yml`` for the school's site (``hsdt site build`` adds the pages)."""
    name = json.dumps(school.name, ensure_ascii=False)  # JSON is YAML: quoted, escaped
    # The hsdt plugin builds the archive of published records (docs/trang-web.md); Material's
    # own search is off (it cannot fold Vietnamese) and so are web fonts (nothing fetched).
    return NOTE + (
        f"site_name: {name}\n"
        "docs_dir: docs\n"
        "nav:\n"
        "  - Trang chủ: index.md\n"
        "  - Kho hồ sơ: ho-so/index.md\n"
        "theme:\n"
        "  name: material\n"
        "  language: vi\n"
        "  font: false\n"
        "plugins:\n"
        "  - hsdt\n"
        "markdown_extensions:\n"
        "  - attr_list\n"
        "  - tables\n"
    )


def generated_files(
    school: School, settings: Settings, templates: Path | None = None
) -> dict[str, str]:
    """Every file hsdt generates for ``school``: repository-relative path → text.
    ``templates`` replaces the installed templates (those of another hsdt version)."""
    from hsdt.scaffold import HOOKS_REPO, hooks_source, local_pre_commit_config, pre_commit_config

    files = workflows(settings.hsdt_source, templates)
    files[".github/CODEOWNERS"] = github_codeowners(school)
    files[".gitea/CODEOWNERS"] = gitea_codeowners(school)
    repo, rev = hooks_source(settings.hooks_repo or HOOKS_REPO, settings.hooks_rev)
    files[".pre-commit-config.yaml"] = (
        pre_commit_config(repo, rev) if rev is not None else local_pre_commit_config()
    )
    files["mkdocs.yml"] = school_mkdocs(school)
    files.update(hook_scripts(templates))
    return files


def write_generated(root: Path, rel: str, text: str) -> None:
    """Write one generated file (executable when it is a hook)."""
    path = root / rel
    atomic_write_text(path, text)
    if rel in EXECUTABLE:
        path.chmod(0o755)


def record_generated(root: Path, rel: str, text: str) -> None:
    """Record that hsdt just wrote ``text`` at ``rel`` (``hsdt codeowners``), so that
    ``hsdt upgrade`` may replace it later; nothing when the repository keeps no manifest."""
    old = read_manifest(root)
    if old is None:
        return
    write_manifest(root, Manifest(old.settings, {**old.files, rel: digest(text)}, old.version))


def project_files() -> dict[str, str]:
    """The files of hsdt's own repository that come from the templates: its GitHub workflows
    (installing hsdt from the checkout) and the generic server hooks. ``scripts/gen_docs.py``
    writes them with :func:`project_manifest`; a test compares them byte for byte."""
    files = {
        rel: text
        for rel, text in workflows(HsdtSource.checkout()).items()
        if rel.startswith(".github/")
    }
    files.update(hook_scripts())
    return files


def project_manifest() -> Manifest:
    """The manifest of hsdt's own repository: a school made from it as a template repository
    runs ``hsdt upgrade --hsdt-source <version>`` and gets pinned workflows."""
    files = {rel: digest(text) for rel, text in project_files().items()}
    return Manifest(Settings(HsdtSource.checkout()), files)
