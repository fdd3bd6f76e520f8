"""The screenshot of a search in docs/tim-kiem.md: the search tests' small site
(tests/search_site.py, pages written as the site writes record pages), indexed with
hsdt.site.search, served on 127.0.0.1 and searched in Debian's Chromium (tests/browser.py)
for "giao an", typed without accents; the result "Giáo án tuần 7" is captured.

    .venv/bin/python scripts/screenshot_search.py [OUT.png]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from tests.browser import serve_directory, start_chrome  # noqa: E402
from tests.search_site import CSP, write_site  # noqa: E402

from hsdt.site.search import index_site  # noqa: E402

QUERY = "giao an"


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else PROJECT / "docs" / "img" / "tim-kiem-giao-an.png"
    from selenium.webdriver.support.ui import WebDriverWait

    with tempfile.TemporaryDirectory(prefix="hsdt-shot-") as tmp:
        site = write_site(Path(tmp) / "site")
        index_site(site)
        with serve_directory(site, CSP) as base, start_chrome(900, 330) as browser:
            browser.get(base)
            browser.find_element("id", "hsdt-search-input").send_keys(QUERY)
            WebDriverWait(browser, 30).until(
                lambda b: (
                    b.find_element("css selector", ".hsdt-search__results").get_attribute(
                        "data-query"
                    )
                    == QUERY
                )
            )
            out.parent.mkdir(parents=True, exist_ok=True)
            browser.save_screenshot(str(out))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
