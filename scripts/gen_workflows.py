"""Regenerate hsdt's own files that come from the school-repository templates: the GitHub
workflows (installing hsdt from this checkout), the generic server hooks and
.hsdt/generated.json (so a school made from this repository as a GitHub template can run
``hsdt upgrade --hsdt-source <version>``). A test checks they are current.

Run: .venv/bin/python scripts/gen_workflows.py
"""

from __future__ import annotations

from pathlib import Path

from hsdt.generated import project_files, project_manifest, write_generated, write_manifest

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    for rel, text in project_files().items():
        write_generated(ROOT, rel, text)
        print(rel)
    write_manifest(ROOT, project_manifest())
    print(".hsdt/generated.json")
