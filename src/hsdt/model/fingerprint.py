"""Certificate fingerprints as the school profile writes them (``van_tay_chung_thu``,
``van_tay_con_dau``): the SHA-256 of the certificate's DER bytes in hex.

Administrators copy them from ``openssl x509 -noout -fingerprint -sha256`` (upper case, bytes
separated by colons), from ``hsdt roster fingerprint`` or from a CA's web page (lower case, maybe
with spaces); every spelling is reduced to one canonical form, 64 lower-case hex digits, so
comparing is plain equality. Pure functions, no I/O.
"""

from __future__ import annotations

import re

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_SEPARATORS = re.compile(r"[\s:]")
_PREFIX = re.compile(r"^(sha-?256\s*fingerprint\s*=|sha-?256\s*:)", re.IGNORECASE)


def normalise_fingerprint(text: str) -> str | None:
    """``text`` as 64 lower-case hex digits, or None when it is not a SHA-256 fingerprint.

    Colons and spaces between the digits are dropped, case does not matter, and the
    ``SHA256 Fingerprint=`` that openssl prints before it may be left in."""
    bare = _SEPARATORS.sub("", _PREFIX.sub("", text.strip())).lower()
    return bare if _HEX64.match(bare) else None


def display_fingerprint(canonical: str) -> str:
    """The canonical form in openssl's spelling (``AB:CD:…``), for people to compare."""
    upper = canonical.upper()
    return ":".join(upper[i : i + 2] for i in range(0, len(upper), 2))
