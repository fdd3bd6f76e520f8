"""Regenerate the generated pages of docs/ (record types, command reference).

Run: .venv/bin/python scripts/gen_docs.py
"""

from __future__ import annotations

from pathlib import Path

from hsdt.cli.reference import cli_reference
from hsdt.load.types import builtin_types
from hsdt.typedoc import types_reference

DOCS = Path(__file__).resolve().parents[1] / "docs"

if __name__ == "__main__":
    (DOCS / "loai-ho-so.md").write_text(types_reference(builtin_types()), encoding="utf-8")
    print(DOCS / "loai-ho-so.md")
    (DOCS / "lenh.md").write_text(cli_reference(), encoding="utf-8")
    print(DOCS / "lenh.md")
