"""The picture of the report in docs/bao-cao.md: the HTML report that the README's demo writes
(``build/demo/bao-cao-tuan.html``, the demo week's report for the principal), opened in Debian's
Chromium (tests/browser.py) and captured from the top (charts, then the tables).

    bash scripts/demo.sh && .venv/bin/python scripts/screenshot_report.py [REPORT.html] [OUT.png]
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from tests.browser import start_chrome  # noqa: E402

WIDTH, HEIGHT = 1100, 1500


def main(argv: list[str]) -> int:
    report = Path(argv[0]) if argv else PROJECT / "build" / "demo" / "bao-cao-tuan.html"
    out = Path(argv[1]) if len(argv) > 1 else PROJECT / "docs" / "img" / "bao-cao.png"
    if not report.is_file():
        print(f"{report}: not found; run `bash scripts/demo.sh` first", file=sys.stderr)
        return 1
    with start_chrome(WIDTH, HEIGHT) as browser:
        browser.get(report.resolve().as_uri())
        browser.save_screenshot(str(out))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
