"""Bytes of a record file into text, refusing what is not UTF-8 text.

Accepted on purpose: a UTF-8 byte-order mark and Windows line endings (the web editors and
Notepad write them); both are removed before anything else reads the text.
"""

from __future__ import annotations

from hsdt.errors import RecordError
from hsdt.i18n import msg

_UTF8_BOM = b"\xef\xbb\xbf"


def decode_text(data: bytes, path: str) -> str:
    """The text of ``data`` with BOM removed and line endings normalised to ``\\n``."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RecordError(msg("text.utf16"), path, 1)
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise RecordError(msg("text.binary"), path, line)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise RecordError(msg("text.not_utf8", byte=f"0x{data[e.start]:02X}"), path, line) from e
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
