"""The Content Security Policy of every page, as a ``<meta http-equiv>`` tag (a static host
may send no headers).

Scripts run only from the site itself and inline only when their SHA-256 hash is listed: the
theme's own inline scripts are hashed from the page the generator wrote, so a script that
slipped into a record (none does: the sanitiser drops them) would not run; nothing may compile
WebAssembly or evaluate strings (the search is a plain script). Styles allow inline
(the theme sets some); the sanitiser removes every ``style`` attribute and element from
records, so a CSS expression never reaches a page. Nothing is loaded from another origin;
objects, frames and foreign form targets are refused.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)


def inline_hashes(html: str) -> list[str]:
    """``'sha256-…'`` of each inline script of ``html`` that a browser would run."""
    out: list[str] = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs").lower()
        if "src=" in attrs or any(t in attrs for t in _DATA_TYPES) or not match.group("body"):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        token = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if token not in out:
            out.append(token)
    return out


def policy(hashes: list[str]) -> str:
    """The policy allowing the inline scripts with ``hashes``."""
    scripts = " ".join(["'self'", *hashes])
    return (
        "default-src 'self'; "
        f"script-src {scripts}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
    )


def with_policy(html: str) -> str:
    """``html`` with its policy tag first in ``<head>`` (after the charset)."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_hashes(html))}">'
    match = _CHARSET.search(html)
    if match is None:
        head = html.find("<head>")
        if head < 0:
            return html
        at = head + len("<head>")
    else:
        at = match.end()
    return html[:at] + tag + html[at:]
