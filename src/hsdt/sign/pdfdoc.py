"""Reading a record PDF: open it safely, and find its attached source and manifest.

Everything that can go wrong with a file a user hands us (not a PDF, truncated, damaged, no
manifest) becomes a :class:`~hsdt.errors.SigningError` naming the file.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from hsdt.errors import SigningError
from hsdt.i18n import msg
from hsdt.model.manifest import MANIFEST_NAME, Manifest, ManifestFormatError

MAX_NAME_TREE_DEPTH = 16


def open_reader(data: bytes, path: str) -> Any:
    """A strict pyHanko reader over ``data``; refuses what is not a readable PDF."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise SigningError(msg("pdf.not_pdf"), path=path)
    try:
        reader = PdfFileReader(BytesIO(data))
        _ = reader.root
    except (PdfError, ValueError, KeyError, IndexError, TypeError, AttributeError) as e:
        raise SigningError(msg("pdf.damaged", error=_short(e)), path=path) from e
    return reader


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:120]


def embedded_files(reader: Any) -> dict[str, bytes]:
    """The PDF's embedded files (the /EmbeddedFiles name tree) by file name."""
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]
    except KeyError:
        return {}
    out: dict[str, bytes] = {}
    _walk(names.get_object(), out, 0)
    return out


def _walk(node: Any, out: dict[str, bytes], depth: int) -> None:
    if depth > MAX_NAME_TREE_DEPTH:
        return
    if "/Names" in node:
        pairs = list(node["/Names"])
        for name, ref in zip(pairs[::2], pairs[1::2], strict=False):
            try:
                stream = ref.get_object()["/EF"]["/F"].get_object()
            except KeyError:
                continue
            out[str(name)] = stream.data
    for kid in node.get("/Kids", ()):
        _walk(kid.get_object(), out, depth + 1)


def read_manifest(files: dict[str, bytes], path: str) -> Manifest:
    """The manifest attached to the PDF."""
    raw = files.get(MANIFEST_NAME)
    if raw is None:
        raise SigningError(msg("pdf.no_manifest", name=MANIFEST_NAME), path=path)
    try:
        return Manifest.from_json(raw)
    except ManifestFormatError as e:
        raise SigningError(msg("pdf.bad_manifest", name=MANIFEST_NAME), path=path) from e
