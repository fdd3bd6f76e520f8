"""Where a school repository is, and which of its files are records."""

from __future__ import annotations

from pathlib import Path

from hsdt.errors import ConfigError, UsageError
from hsdt.i18n import msg

RECORDS_DIR = "records"
NOT_RECORDS = frozenset({"readme.md", "index.md"})


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` with a ``schools/*/truong.yml``."""
    here = start.resolve()
    for folder in (here, *here.parents):
        schools = folder / "schools"
        if schools.is_dir() and any(schools.glob("*/truong.yml")):
            return folder
    raise ConfigError(msg("repo.not_found", start=str(start)))


def relative(root: Path, path: Path) -> str:
    """``path`` relative to ``root`` in POSIX form; a path outside the repository is refused."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        rel = absolute.resolve().relative_to(root.resolve())
    except ValueError as e:
        raise UsageError(msg("repo.outside", path=str(path), root=str(root))) from e
    return rel.as_posix()


def is_record_path(rel: str) -> bool:
    """Whether ``rel`` names a record: a Markdown file under ``records/``."""
    # string tests, no split: called for every path of every commit of a year's history
    if not rel.endswith(".md") or not rel.startswith(RECORDS_DIR + "/"):
        return False
    return rel.rpartition("/")[2].lower() not in NOT_RECORDS


RECORD_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
"""Picture files a record may carry beside it (never SVG: it can hold scripts)."""

IMAGE_FOLDER_SUFFIX = "-hinh"
"""A record ``X.md``'s pictures live in ``X-hinh/`` beside it (as ``hsdt import`` writes them)."""


def record_of_image(rel: str) -> str | None:
    """The record whose picture ``rel`` is (``records/…/bai-1-hinh/hinh-01.png`` →
    ``records/…/bai-1.md``), or None when ``rel`` is not a record's picture."""
    folder, _, name = rel.rpartition("/")
    parent, _, leaf = folder.rpartition("/")
    if not name or not leaf.endswith(IMAGE_FOLDER_SUFFIX) or len(leaf) == len(IMAGE_FOLDER_SUFFIX):
        return None
    dot = name.rfind(".")
    if dot <= 0 or name[dot:].lower() not in RECORD_IMAGE_SUFFIXES:
        return None
    record = f"{parent}/{leaf[: -len(IMAGE_FOLDER_SUFFIX)]}.md"
    return record if is_record_path(record) else None


def all_record_paths(root: Path) -> list[str]:
    """Every record under ``records/``, sorted."""
    base = root / RECORDS_DIR
    if not base.is_dir():
        return []
    out = []
    for file in base.rglob("*.md"):
        rel = file.relative_to(root).as_posix()
        if is_record_path(rel) and file.is_file():
            out.append(rel)
    return sorted(out)
