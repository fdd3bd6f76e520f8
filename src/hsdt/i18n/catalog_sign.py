"""Messages of signing and verification (hsdt.sign, hsdt sign/verify)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
