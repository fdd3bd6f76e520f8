"""Messages of submission, approval, hooks and publishing (hsdt.git, hsdt.workflow)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
