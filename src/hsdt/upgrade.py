"""``hsdt upgrade``: refresh a school repository's generated files to the installed hsdt
without touching what the school edited.

For each file hsdt generates (:func:`hsdt.generated.generated_files`):

- absent and never generated here: written (a file a newer hsdt generates);
- absent but recorded: the school deleted it (a GitHub school removing ``.gitea/``): left out;
- equal to the new text: nothing to do;
- equal to what hsdt recorded at generation: replaced by the new text;
- anything else (the school edited it, or it predates the manifest): kept, and the new text
  written beside it as ``FILE.hsdt-new`` for the administrator to merge by hand.

A recorded file hsdt no longer generates is removed when unedited, else kept. The manifest is
rewritten with what is now generated; an edited file keeps its old record, so the next upgrade
still sees the school's edit. Touches only those files and the manifest; commits nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from hsdt.fsutil import atomic_write_text
from hsdt.generated import (
    Manifest,
    Settings,
    digest,
    generated_files,
    read_manifest,
    write_generated,
    write_manifest,
)
from hsdt.model.school import School
from hsdt.templates import HsdtSource

NEW_SUFFIX = ".hsdt-new"
"""Suffix of the new version written beside a file the school edited."""


class Change(Enum):
    """What ``hsdt upgrade`` did to one file."""

    ADDED = "added"
    UPDATED = "updated"
    KEPT = "kept"
    """The school edited it: left alone, the new version beside it."""
    DELETED_BY_SCHOOL = "deleted-by-school"
    REMOVED = "removed"
    """hsdt no longer generates it and the school had not edited it."""
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class UpgradeResult:
    """What ``hsdt upgrade`` changed."""

    changes: tuple[tuple[str, Change], ...]
    """(path, change) for every generated or formerly generated file, sorted by path."""
    settings: Settings
    """The settings the files were generated with."""

    def changed(self) -> list[tuple[str, Change]]:
        """The entries that are not :attr:`Change.UNCHANGED`."""
        return [(p, c) for p, c in self.changes if c is not Change.UNCHANGED]


def upgrade(root: Path, school: School, source: HsdtSource | None = None) -> UpgradeResult:
    """Refresh ``root``'s generated files (see the module docstring); ``source`` replaces the
    recorded hsdt source."""
    old = read_manifest(root)
    recorded = dict(old.files) if old is not None else {}
    settings = old.settings if old is not None else Settings()
    if source is not None:
        settings = Settings(source, settings.hooks_repo, settings.hooks_rev)
    new_files = generated_files(school, settings)
    changes: list[tuple[str, Change]] = []
    manifest: dict[str, str] = {}
    for rel, text in sorted(new_files.items()):
        path = root / rel
        new_hash = digest(text)
        if not path.exists():
            if rel in recorded:
                changes.append((rel, Change.DELETED_BY_SCHOOL))
                manifest[rel] = recorded[rel]
                continue
            write_generated(root, rel, text)
            changes.append((rel, Change.ADDED))
            manifest[rel] = new_hash
            continue
        current = digest(path.read_bytes())
        if current == new_hash:
            changes.append((rel, Change.UNCHANGED))
            manifest[rel] = new_hash
        elif recorded.get(rel) == current:
            write_generated(root, rel, text)
            changes.append((rel, Change.UPDATED))
            manifest[rel] = new_hash
        else:
            atomic_write_text(root / (rel + NEW_SUFFIX), text)
            changes.append((rel, Change.KEPT))
            if rel in recorded:
                manifest[rel] = recorded[rel]
    for rel in sorted(set(recorded) - set(new_files)):
        path = root / rel
        if path.is_file() and digest(path.read_bytes()) == recorded[rel]:
            path.unlink()
            changes.append((rel, Change.REMOVED))
        elif path.is_file():
            changes.append((rel, Change.KEPT))
    write_manifest(root, Manifest(settings, manifest))
    return UpgradeResult(tuple(sorted(changes, key=lambda c: c[0])), settings)
