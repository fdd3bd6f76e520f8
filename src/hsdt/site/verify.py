"""The published PDFs' signatures, verified at build time with pyHanko, the way ``hsdt
verify`` checks them (:func:`hsdt.sign.verify.verify_pdf`, with the repository's roster), but
offline: the build fetches nothing from outside the repository (revocation data embedded in
the PDF is used; a responder is never asked).

Verification costs tens of milliseconds a PDF, so results are cached as small JSON files
keyed by the PDF's git blob id and a digest of what the verdict depends on (the trusted
certificates, the school profile, this module's format version): a rebuild verifies only new
or changed PDFs. A cold build verifies in worker processes (one per core by default), each
loading the trust roots and the roster once.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hsdt.site.model import PdfCheck, SignatureView

FORMAT = 2
"""Bump when :class:`PdfCheck`'s JSON or the verification itself changes."""

_STATE: dict[str, Any] = {}
"""A worker's trust roots and roster (set once by :func:`_init`)."""


def trust_roots(folder: Path) -> list[Any]:
    """The certificates trusted for the site: every certificate under ``folder`` (the
    repository's ``signatures/``), none when there is none (then nothing is trusted)."""
    from hsdt.errors import SigningError
    from hsdt.sign.trust import load_certificates

    try:
        return load_certificates(folder)
    except SigningError:
        return []


def verdict_digest(root: Path, trust: Path) -> str:
    """What a cached verdict depends on besides the PDF: trusted certificates, profiles."""
    from hsdt.sign.trust import CERT_SUFFIXES

    digest = hashlib.sha256(f"hsdt-site-verify {FORMAT}\n".encode())
    files = sorted(p for p in trust.rglob("*") if p.suffix.lower() in CERT_SUFFIXES)
    files += sorted((root / "schools").rglob("*.yml"))
    for file in files:
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def to_check(report: Any) -> PdfCheck:
    """A :class:`PdfCheck` from a :class:`hsdt.sign.verify.DocumentReport`."""
    from hsdt.site.records import role_label

    views = tuple(
        SignatureView(
            signer=s.signer,
            role=role_label(s.role) if s.role else "",
            signed_at=s.timestamp or s.signed_at,
            valid=s.intact and s.valid,
            trusted=s.trusted and not s.problems,
        )
        for s in report.signatures
    )
    problems = tuple(m.render("vi") for m in report.reasons())
    return PdfCheck(
        ok=bool(report.ok), signatures=views, problems=problems, record_id=report.record_id
    )


def check_to_json(check: PdfCheck) -> bytes:
    """The cache file's bytes."""
    return json.dumps(asdict(check), ensure_ascii=False, sort_keys=True).encode("utf-8")


def check_from_json(data: bytes) -> PdfCheck | None:
    """A cached check, or None when the file is not one."""
    try:
        raw = json.loads(data.decode("utf-8"))
        views = tuple(SignatureView(**v) for v in raw["signatures"])
        record_id = raw.get("record_id")
        return PdfCheck(
            bool(raw["ok"]),
            views,
            tuple(str(p) for p in raw["problems"]),
            str(record_id) if record_id is not None else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


class VerifyCache:
    """``<folder>/<key[:2]>/<key>.json``; a damaged entry counts as missing."""

    def __init__(self, folder: Path | None, digest: str) -> None:
        self.folder = folder
        self.digest = digest

    def _file(self, blob: str) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(f"{self.digest}:{blob}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, blob: str) -> PdfCheck | None:
        """The cached check of blob ``blob``."""
        file = self._file(blob)
        if file is None:
            return None
        try:
            return check_from_json(file.read_bytes())
        except OSError:
            return None

    def put(self, blob: str, check: PdfCheck) -> None:
        """Remember ``check`` for ``blob``."""
        file = self._file(blob)
        if file is None:
            return
        file.parent.mkdir(parents=True, exist_ok=True)
        part = file.with_name(f"{file.name}.{os.getpid()}.tmp")  # a whole entry or none
        part.write_bytes(check_to_json(check))
        os.replace(part, file)


def _init(root: str, trust: str) -> None:
    from hsdt.sign.holder import repository_roster

    _STATE["roots"] = trust_roots(Path(trust))
    _STATE["roster"] = repository_roster(Path(root))


def _verify_one(path: str, data: bytes) -> PdfCheck:
    from hsdt.errors import HsdtError
    from hsdt.sign.verify import verify_pdf

    try:
        report = verify_pdf(data, _STATE["roots"], path=path, fetch=False, roster=_STATE["roster"])
    except HsdtError as e:
        return PdfCheck(False, (), (e.msg.render("vi"),))
    return to_check(report)


def verify_pdfs(
    root: Path,
    trust: Path,
    items: Iterable[tuple[str, str, bytes]],
    cache: VerifyCache,
    *,
    jobs: int | None = None,
    on_result: Callable[[str, PdfCheck], None] | None = None,
) -> dict[str, PdfCheck]:
    """Blob id → check for ``items`` (repository path, blob id, PDF bytes; read lazily, so
    a year of PDFs never sits in memory at once). Cached checks are reused; the others are
    verified, in ``jobs`` worker processes when more than a handful are needed."""
    out: dict[str, PdfCheck] = {}
    todo: list[tuple[str, str, bytes]] = []
    workers = jobs or os.cpu_count() or 1
    pool: ProcessPoolExecutor | None = None
    running: dict[Future[PdfCheck], str] = {}
    ready = False  # this process's trust roots and roster loaded for this call

    def finish(blob: str, check: PdfCheck) -> None:
        out[blob] = check
        cache.put(blob, check)
        if on_result is not None:
            on_result(blob, check)

    def drain(limit: int) -> None:
        while len(running) > limit:
            done, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for future in done:
                finish(running.pop(future), future.result())

    try:
        for path, blob, data in _unique(items):
            cached = cache.get(blob)
            if cached is not None:
                out[blob] = cached
                continue
            if workers == 1:  # verified at once: no PDF waits in memory
                if not ready:
                    _init(str(root), str(trust))
                    ready = True
                finish(blob, _verify_one(path, data))
                continue
            if pool is None and len(todo) < 4:  # a handful: not worth starting workers
                todo.append((path, blob, data))
                continue
            if pool is None:
                pool = ProcessPoolExecutor(
                    workers, initializer=_init, initargs=(str(root), str(trust))
                )
                for early in todo:
                    running[pool.submit(_verify_one, early[0], early[2])] = early[1]
                todo.clear()
            running[pool.submit(_verify_one, path, data)] = blob
            drain(workers * 4)
        drain(0)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if todo:
        _init(str(root), str(trust))
        for path, blob, data in todo:
            finish(blob, _verify_one(path, data))
    return out


def _unique(items: Iterable[tuple[str, str, bytes]]) -> Iterator[tuple[str, str, bytes]]:
    seen: set[str] = set()
    for item in items:
        if item[1] not in seen:
            seen.add(item[1])
            yield item
