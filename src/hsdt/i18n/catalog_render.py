"""Messages of PDF rendering (hsdt.render, hsdt render)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
