"""Signing and extending many PDFs with one signer: read, sign, write atomically.

One :class:`~hsdt.sign.signers.LoadedSigner` serves the whole batch, so a token's PIN is asked
once and its session opened once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hsdt.errors import SigningError
from hsdt.fsutil import atomic_write_bytes
from hsdt.i18n import msg
from hsdt.sign.signers import LoadedSigner
from hsdt.sign.signing import SignOptions, check_options, extend_pdf, sign_pdf


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise SigningError(msg("pdf.unreadable", error=e.strerror or str(e)), path=str(path)) from e


def sign_files(
    jobs: list[tuple[Path, Path]], signer: LoadedSigner, options: SignOptions
) -> list[Path]:
    """Sign each ``(source, target)`` pair with ``signer``; returns the targets written."""
    check_options(options)
    done = []
    for source, target in jobs:
        signed = sign_pdf(_read(source), signer, options, path=str(source))
        atomic_write_bytes(target, signed)
        done.append(target)
    return done


def extend_files(jobs: list[tuple[Path, Path]], tsa_url: str, trust: list[Any]) -> list[Path]:
    """Bring each ``(source, target)`` to PAdES B-LTA; returns the targets written."""
    done = []
    for source, target in jobs:
        atomic_write_bytes(target, extend_pdf(_read(source), tsa_url, trust, path=str(source)))
        done.append(target)
    return done
