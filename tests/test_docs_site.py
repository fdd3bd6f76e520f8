"""The documentation site builds with ``mkdocs build --strict`` (no broken links or pages)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT


def test_site_builds_strict(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "in-ho-so" / "index.html").is_file()
    assert (tmp_path / "site" / "img" / "mau" / "khbd-trung-hoc.png").is_file()
