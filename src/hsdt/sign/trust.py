"""Trust material: the certificates a school trusts (its CA's root and intermediates, staff
certificates), read from a PEM/DER file or a folder of them, by default the school's
``signatures/`` folder; and the pyHanko validation context built on them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from hsdt.errors import SigningError
from hsdt.i18n import msg

CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")
SIGNATURES_DIR = "signatures"


def default_trust_path(start: Path) -> Path:
    """``signatures/`` of the school repository that holds ``start``."""
    from hsdt.repo import find_root

    return find_root(start) / SIGNATURES_DIR


def load_certificates(path: Path) -> list[Any]:
    """Every certificate (asn1crypto) in ``path``: a PEM or DER file, or a folder searched
    recursively for ``*.pem``, ``*.crt``, ``*.cer`` and ``*.der``. Private keys are never read."""
    from asn1crypto import pem, x509

    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in CERT_SUFFIXES)
    elif path.is_file():
        files = [path]
    else:
        raise SigningError(msg("trust.missing"), path=str(path))
    certs: list[Any] = []
    for file in files:
        raw = file.read_bytes()
        try:
            if pem.detect(raw):
                certs.extend(
                    x509.Certificate.load(der)
                    for kind, _headers, der in pem.unarmor(raw, multiple=True)
                    if kind == "CERTIFICATE"
                )
            else:
                cert = x509.Certificate.load(raw)
                _ = cert.subject
                certs.append(cert)
        except (ValueError, TypeError) as e:
            raise SigningError(msg("trust.bad_file"), path=str(file)) from e
    if not certs:
        raise SigningError(msg("trust.empty"), path=str(path))
    return certs


def validation_context(
    roots: list[Any],
    *,
    fetch: bool = True,
    moment: datetime | None = None,
    hard_fail: bool = False,
) -> Any:
    """A pyHanko validation context trusting ``roots``; revocation is looked up online
    (OCSP/CRL) when ``fetch``, and must be found when ``hard_fail``."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=roots,
        allow_fetching=fetch,
        revocation_mode="hard-fail" if hard_fail else "soft-fail",
        moment=moment,
    )
