"""The files of a working tree, and creating a repository."""

from __future__ import annotations

import os
from pathlib import Path

from hsdt.errors import GitError
from hsdt.i18n import msg

_SKIP_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", "build", "site"})


def repository_files(root: Path) -> list[str]:
    """Tracked and untracked-but-not-ignored files (one ``git ls-files`` call); without git,
    every file outside build and tool folders."""
    if (root / ".git").exists():
        import git

        try:
            out = git.Repo(root).git.ls_files("-z", "-c", "-o", "--exclude-standard")
        except git.GitCommandError as e:
            raise GitError(
                msg("git.failed", command="git ls-files", detail=e.stderr.strip())
            ) from e
        return sorted({p for p in out.split("\0") if p and (root / p).is_file()})
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS]
        for name in files:
            found.append((Path(folder) / name).relative_to(root).as_posix())
    return sorted(found)


def init_repository(path: Path, branch: str = "main") -> None:
    """``git init`` with ``branch`` as the first branch (an existing repository is kept)."""
    import git

    if (path / ".git").exists():
        return
    try:
        git.Repo.init(path, initial_branch=branch)
    except git.GitCommandError as e:
        raise GitError(msg("git.failed", command="git init", detail=e.stderr.strip())) from e
