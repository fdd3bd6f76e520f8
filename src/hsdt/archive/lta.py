"""``hsdt export --lta``: each signed PDF of the package brought to PAdES B-LTA, so that it stays
verifiable after its signers' certificates expire or their CA disappears.

For every signature the validation data (certificates, OCSP responses, CRLs, fetched now from
the responders the certificates name) goes into the PDF's document security store, then a
document timestamp from the school's timestamp authority covers it all
(:func:`hsdt.sign.signing.extend_pdf`, an incremental update: the signatures are untouched).
The augmented copies go into the package; the originals stay as they are in git.

The timestamp authority: ``HSDT_TSA_URL`` when set, else the profile's ``ky_so.tsa_url``.

Not reproducible byte for byte: the timestamps and the responders' answers are made at export
time, so two ``--lta`` exports of one tag differ in the augmented PDFs (and in the hashes,
manifest and report that name them); everything else is identical, and each package verifies
offline on its own. Without ``--lta`` an export is identical byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from hsdt.errors import UsageError
from hsdt.i18n import msg
from hsdt.model.school import School

TSA_ENV = "HSDT_TSA_URL"
"""Environment variable naming the timestamp authority (overrides the profile)."""

_ROOTS: list[Any] = []
_TSA = ""


def timestamp_authority(school: School) -> str:
    """The timestamp authority to use for ``school``, or a usage error saying how to set one."""
    url = os.environ.get(TSA_ENV, "").strip() or school.tsa_url
    if not url:
        raise UsageError(msg("export.no_tsa"))
    return url


def _start(roots_der: Sequence[bytes], tsa_url: str) -> None:
    global _ROOTS, _TSA
    from asn1crypto import x509

    _ROOTS = [x509.Certificate.load(der) for der in roots_der]
    _TSA = tsa_url


def _extend(job: tuple[str, bytes]) -> bytes:
    from hsdt.sign.signing import extend_pdf

    path, data = job
    return extend_pdf(data, _TSA, _ROOTS, path=path)


def extend_all(
    pdfs: Sequence[tuple[str, bytes]], tsa_url: str, roots: list[Any], workers: int = 1
) -> list[bytes]:
    """The B-LTA copy of each (path, bytes), in order; ``workers`` processes when > 1 (the
    responders' round trips and pyHanko's hashing overlap)."""
    roots_der = [cert.dump() for cert in roots]
    if workers <= 1 or len(pdfs) < 2:
        _start(roots_der, tsa_url)
        return [_extend(job) for job in pdfs]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    count = min(workers, len(pdfs))
    with ProcessPoolExecutor(
        count, mp_context=context, initializer=_start, initargs=(roots_der, tsa_url)
    ) as pool:
        return list(pool.map(_extend, pdfs, chunksize=max(1, len(pdfs) // (count * 4))))
