"""Regenerate docs/img/mau/<type>.png: page 1 of a realistic record of every built-in type, as
hsdt prints it, so schools see what they get. Run after changing a template or the CSS:

    .venv/bin/python scripts/gen_render_docs.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from tests.render_samples import write_samples  # noqa: E402

from hsdt.load.profile import load_school  # noqa: E402
from hsdt.render.api import render_paths  # noqa: E402
from hsdt.scaffold import init_school  # noqa: E402

OUT = PROJECT / "docs" / "img" / "mau"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    done: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for profile in ("le-khac-can", "mam-non-hm"):
            root = Path(tmp) / profile
            init_school(root, profile)
            samples = {t: r for t, r in write_samples(root).items() if t not in done}
            report = render_paths(root, sorted(samples.values()), load_school(root), jobs=2)
            for type_id, rel in samples.items():
                outcome = next(o for o in report.outcomes if o.path == rel)
                if outcome.output is None:
                    print(f"{type_id}: {outcome.error}", file=sys.stderr)
                    return 1
                prefix = OUT / type_id
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                     str(outcome.output), str(prefix)],
                    check=True,
                )  # fmt: skip
                done.add(type_id)
                print(f"{prefix.relative_to(PROJECT)}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
