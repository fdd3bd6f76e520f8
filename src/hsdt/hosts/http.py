"""A JSON-over-HTTP call with urllib, and the transport seam tests use."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hsdt.errors import GitError
from hsdt.i18n import msg


@dataclass(frozen=True)
class HttpRequest:
    """One API call."""

    method: str
    """``GET`` or ``POST``."""
    url: str
    """Absolute URL."""
    headers: tuple[tuple[str, str], ...]
    """Request headers."""
    body: bytes | None = None
    """JSON body, for ``POST``."""


Transport = Callable[[HttpRequest], tuple[int, bytes]]
"""Sends a request, returns (status, body)."""


def urllib_transport(request: HttpRequest) -> tuple[int, bytes]:
    """The real transport."""
    import urllib.error
    import urllib.request

    req = urllib.request.Request(
        request.url, data=request.body, method=request.method, headers=dict(request.headers)
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as e:
        return int(e.code), e.read()
    except (urllib.error.URLError, OSError) as e:
        raise GitError(msg("host.unreachable", url=request.url, detail=str(e))) from e


class JsonApi:
    """Base of the host clients: URL joining, auth header, JSON decoding, errors."""

    def __init__(self, base_url: str, token: str | None, transport: Transport | None = None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.transport = transport or urllib_transport

    def auth_header(self) -> tuple[str, str] | None:
        """The authorisation header for the token."""
        return ("Authorization", f"token {self.token}") if self.token else None

    def call(
        self,
        method: str,
        path: str,
        payload: dict[str, Any] | None = None,
        *,
        missing_ok: bool = False,
    ) -> Any:
        """``METHOD base_url/path`` with an optional JSON body; the decoded JSON answer.

        With ``missing_ok``, a 404 (an endpoint an older host version lacks) answers None.
        """
        headers = [("Accept", "application/json"), ("User-Agent", "hsdt")]
        auth = self.auth_header()
        if auth is not None:
            headers.append(auth)
        body = None
        if payload is not None:
            headers.append(("Content-Type", "application/json"))
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        url = f"{self.base_url}/{path.lstrip('/')}"
        status, data = self.transport(HttpRequest(method, url, tuple(headers), body))
        if status == 404 and missing_ok:
            return None
        if status >= 400:
            detail = data.decode("utf-8", "replace")[:300]
            raise GitError(
                msg("host.http_error", method=method, url=url, status=status, detail=detail)
            )
        return json.loads(data.decode("utf-8")) if data else None
