"""The browser harness itself: a page served on 127.0.0.1, opened in Debian's Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.browser import bytes_transferred, console_messages, dialog_calls, transfers

CSP = {"Content-Security-Policy": "default-src 'self'; img-src 'self' data:"}


def _site(root: Path) -> Path:
    root.mkdir()
    (root / "index.html").write_text(
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Trường Lê Khắc Cẩn'
        '</title><link rel="icon" href="data:,"><script src="app.js"></script></head><body><p id="p">đồ dùng</p>'
        "<script>alert('inline')</script></body></html>",
        encoding="utf-8",
    )
    (root / "app.js").write_text("alert('from file'); document.title += ' ✓';\n", encoding="utf-8")
    return root


def test_page_title_text_and_bytes(
    tmp_path: Path, static_server: Callable[..., str], browser: Any
) -> None:
    base = static_server(_site(tmp_path / "site"), CSP)
    browser.get(base)
    assert browser.title == "Trường Lê Khắc Cẩn ✓"
    assert browser.find_element("id", "p").text == "đồ dùng"
    done = transfers(browser)
    assert {t.url for t in done} == {base, base + "app.js"}
    size = (tmp_path / "site" / "index.html").stat().st_size
    assert bytes_transferred(done) > size


def test_dialogs_recorded_and_csp_violation_in_console(
    tmp_path: Path, static_server: Callable[..., str], browser: Any
) -> None:
    base = static_server(_site(tmp_path / "site"), CSP)
    browser.get(base)
    # The file script ran (recorded, not shown); the inline one was blocked by the CSP.
    assert dialog_calls(browser) == [["alert", ["from file"]]]
    errors = console_messages(browser)
    assert len(errors) == 1, errors
    assert "Executing inline script violates the following Content Security Policy" in errors[0]
    assert console_messages(browser) == []
