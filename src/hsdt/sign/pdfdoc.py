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


def _read_hex_string(stream: Any) -> Any:
    """pyHanko's ``read_hex_string_from_stream``, in bulk rather than one byte at a time.

    A signature's ``/Contents`` is a hex string of some 30,000 digits (the room reserved for
    the CMS container); pyHanko reads it one token at a time, which was a third of the time of
    validating a signature. Same result, same error on a bad digit or a truncated string.
    """
    import binascii

    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.misc import PdfStreamError

    stream.read(1)
    parts = []
    while True:
        at = stream.tell()
        block = stream.read(1 << 16)
        if not block:
            raise PdfStreamError("Stream has ended unexpectedly")
        end = block.find(b">")
        if end >= 0:
            parts.append(block[:end])
            stream.seek(at + end + 1)
            break
        parts.append(block)
    digits = b"".join(parts).translate(None, _PDF_WHITESPACE)
    if digits.translate(None, _HEX_DIGITS):
        raise PdfStreamError("Unexpected token in hex string")
    if len(digits) % 2:
        digits += b"0"
    return pdf_string(binascii.unhexlify(digits))


_PDF_WHITESPACE = b"\x00\t\n\x0c\r "
_HEX_DIGITS = b"0123456789abcdefABCDEF"


def _fast_parsing() -> None:
    """Install :func:`_read_hex_string` in pyHanko's parser (idempotent)."""
    from pyhanko.pdf_utils import generic

    if generic.read_hex_string_from_stream is not _read_hex_string:
        generic.read_hex_string_from_stream = _read_hex_string


def open_reader(data: bytes, path: str) -> Any:
    """A strict pyHanko reader over ``data``; refuses what is not a readable PDF."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    _fast_parsing()
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
