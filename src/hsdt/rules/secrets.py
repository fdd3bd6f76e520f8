"""Secrets: no private key, in any form, enters the repository.

Signing keys belong on a token, in a file outside the repository or in CI's secret store. We
look for PEM/OpenSSH/PGP/PuTTY private keys by their armour and for PKCS#12 (.p12/.pfx) files
by their structure, whatever their name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from hsdt.i18n import msg
from hsdt.model.problem import Problem

RULE = "bi-mat"
CHUNK = 1 << 20

# "[ ]" keeps this file free of the armour it looks for: the project's own repository is
# scanned too (``hsdt check --all`` at its root).
_ARMOUR = re.compile(
    rb"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|ED25519) )?PRIVATE KEY-----"
    rb"|-----BEGIN PGP PRIVATE[ ]KEY BLOCK-----"
    rb"|PuTTY-User-Key-File-\d"
)
_PKCS7_DATA = bytes.fromhex("06092a864886f70d010701")
_PKCS12_SUFFIXES = (".p12", ".pfx")


def _looks_pkcs12(head: bytes) -> bool:
    """DER ``SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data …`` (RFC 7292 PFX)."""
    if len(head) < 24 or head[0] != 0x30:
        return False
    length_octets = head[1] - 0x80 if head[1] & 0x80 else 0
    start = 2 + length_octets
    return (
        head[start : start + 3] == b"\x02\x01\x03" and _PKCS7_DATA in head[start + 3 : start + 24]
    )


def scan_bytes(data: bytes, path: str) -> Iterator[Problem]:
    """Problems for the private key material in ``data``."""
    found = _ARMOUR.search(data)
    if found:
        line = data.count(b"\n", 0, found.start()) + 1
        yield Problem(path, line, RULE, msg("secrets.private_key"))
    elif _looks_pkcs12(data[:64]) or path.lower().endswith(_PKCS12_SUFFIXES):
        yield Problem(path, 1, RULE, msg("secrets.pkcs12"))


def scan_file(file: Path, shown: str) -> Iterator[Problem]:
    """Scan a file of any size in chunks (overlapping so a marker is never cut in two)."""
    if shown.lower().endswith(_PKCS12_SUFFIXES):
        yield Problem(shown, 1, RULE, msg("secrets.pkcs12"))
        return
    try:
        with file.open("rb") as handle:
            head = handle.read(CHUNK)
            if _looks_pkcs12(head[:64]):
                yield Problem(shown, 1, RULE, msg("secrets.pkcs12"))
                return
            offset_lines = 0
            data = head
            while data:
                found = _ARMOUR.search(data)
                if found:
                    line = offset_lines + data.count(b"\n", 0, found.start()) + 1
                    yield Problem(shown, line, RULE, msg("secrets.private_key"))
                    return
                more = handle.read(CHUNK)
                if not more:
                    return
                keep = data[-64:]
                offset_lines += data.count(b"\n") - keep.count(b"\n")
                data = keep + more
    except OSError as e:
        yield Problem(shown, 1, RULE, msg("secrets.unreadable", error=e.strerror or str(e)))
