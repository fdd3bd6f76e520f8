"""A real browser for the site tests: a static HTTP server on 127.0.0.1 and Debian's Chromium.

Loaded by tests/conftest.py as a plugin (fixtures ``static_server`` and ``browser``); the plain
functions (``serve_directory``, ``start_chrome``, ``transfers``…) are for the benchmarks too.

Chromium is Debian's ``/usr/bin/chromium`` driven by ``/usr/bin/chromedriver`` (packages
``chromium chromium-driver``; no browser is ever downloaded). It runs headless with a fresh
profile and every background service off, so the only requests it makes are the page's own and
the performance log sums exactly what the site costs. The server can send extra headers (a
Content Security Policy) so the pages are tested under the policy the real site sends.
"""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Headless, no sandbox (containers run as root), and no request the page did not make."""

DIALOG_HOOK = """
(() => {
  const calls = [];
  Object.defineProperty(window, "__hsdtDialogs", {value: calls});
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { calls.push([name, args.map(String)]); return null; };
  }
})();
"""
"""Replaces the blocking dialogs by a recorder, in every document before its own scripts."""


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request to stderr; adds the configured headers."""

    extra_headers: Mapping[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


@contextlib.contextmanager
def serve_directory(root: Path, headers: Mapping[str, str] | None = None) -> Iterator[str]:
    """Serve ``root`` over HTTP on 127.0.0.1 (a free port) and yield its base URL, ``/``-ended."""
    handler = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="static-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def chrome_available() -> bool:
    """Whether Debian's Chromium and its driver are installed."""
    return CHROMIUM.exists() and CHROMEDRIVER.exists()


@contextlib.contextmanager
def start_chrome(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A headless Chromium WebDriver with a fresh profile, quit (and the profile removed) after.

    The browser log (console) and the performance log (DevTools Network events) are recorded.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="hsdt-chrome-"))
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        # The first tab starts on Chromium's own new-tab page: leave it and forget its loads, so
        # the logs hold only what the test's pages do.
        driver.get("about:blank")
        driver.get_log("performance")
        driver.get_log("browser")
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@dataclass(frozen=True)
class Transfer:
    """One request the browser completed, from its performance log."""

    url: str
    """The requested URL."""
    encoded_bytes: int
    """Bytes received on the wire for it (headers and compressed body: encodedDataLength)."""


def transfers(driver: Any) -> list[Transfer]:
    """The requests completed since the performance log was last read (reading drains it)."""
    urls: dict[str, str] = {}
    done: list[Transfer] = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message.get("method") == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
        elif message.get("method") == "Network.loadingFinished":
            url = urls.get(params["requestId"], "?")
            done.append(Transfer(url, int(params["encodedDataLength"])))
    return done


def bytes_transferred(done: list[Transfer]) -> int:
    """The total bytes received for ``done``."""
    return sum(t.encoded_bytes for t in done)


def console_messages(driver: Any, level: str = "SEVERE") -> list[str]:
    """Console messages at ``level`` since the browser log was last read (reading drains it).

    Uncaught exceptions, CSP violations and failed requests are all SEVERE.
    """
    return [e["message"] for e in driver.get_log("browser") if e["level"] == level]


def install_dialog_hook(driver: Any) -> None:
    """Record alert/confirm/prompt/print calls instead of showing them, in every later page.

    Injected through DevTools before any script of the document, so a page's CSP cannot stop it;
    ``dialog_calls`` reads what was recorded.
    """
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": DIALOG_HOOK})


def dialog_calls(driver: Any) -> list[list[Any]]:
    """The dialog calls the current page made: ``[[name, [args…]], …]``."""
    calls = driver.execute_script("return window.__hsdtDialogs || null;")
    if calls is None:
        raise AssertionError("the dialog hook is not installed in this page")
    return list(calls)


@pytest.fixture
def static_server() -> Iterator[Callable[..., str]]:
    """``serve(root, headers=None) -> base URL``: servers stopped when the test ends."""
    with contextlib.ExitStack() as stack:

        def serve(root: Path, headers: Mapping[str, str] | None = None) -> str:
            return stack.enter_context(serve_directory(root, headers))

        yield serve


@pytest.fixture
def browser() -> Iterator[Any]:
    """A fresh headless Chromium (empty cache and profile) with the dialog hook installed."""
    if not chrome_available():
        pytest.fail("Chromium is missing: apt-get install chromium chromium-driver")
    with start_chrome() as driver:
        install_dialog_hook(driver)
        yield driver
