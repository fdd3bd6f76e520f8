"""Signing and extending many PDFs with one signer: read, sign, write atomically.

One :class:`~hsdt.sign.signers.LoadedSigner` serves the whole batch, so a token's PIN is asked
once and its session opened once.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hsdt.errors import SigningError, UsageError
from hsdt.fsutil import atomic_write_bytes
from hsdt.i18n import msg
from hsdt.sign.signers import LoadedSigner
from hsdt.sign.signing import SignOptions, check_options, extend_pdf, sign_pdf


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise SigningError(msg("pdf.unreadable", error=e.strerror or str(e)), path=str(path)) from e


def check_jobs(jobs: list[tuple[Path, Path]]) -> None:
    """Refuse, before any key is opened, a source that is not a readable PDF or a target that
    cannot be written (UsageError naming the file)."""
    for source, target in jobs:
        if not source.is_file():
            raise UsageError(msg("sign.no_input", path=str(source)))
        try:
            with source.open("rb") as handle:
                head = handle.read(1024)
        except OSError as e:
            raise UsageError(
                msg("pdf.unreadable", error=e.strerror or str(e)), path=str(source)
            ) from e
        if not head.lstrip()[:5].startswith(b"%PDF-"):
            raise UsageError(msg("pdf.not_pdf"), path=str(source))
        if target.is_dir():
            raise UsageError(msg("sign.output_is_folder", path=str(target)))
        if not _writable(target):
            raise UsageError(msg("sign.output_not_writable", path=str(target)))


def _writable(target: Path) -> bool:
    """Whether ``target`` can be written: itself when it exists, else its nearest existing
    folder (the missing ones are created when writing)."""
    if target.exists():
        return os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)
    folder = target.absolute().parent
    while not folder.exists():
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


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
