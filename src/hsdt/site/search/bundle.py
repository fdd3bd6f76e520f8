"""The search index's files: how each term's pages, the pages' titles and addresses and their
texts are laid out for the browser to fetch only what one query needs.

In ``<site>/chi-muc/`` (:data:`BUNDLE_DIR`):

* :data:`MANIFEST` — ``{"format", "pages", "shards", "block", "prefix_min", "max_word"}``: how
  many pages, term files and pages a block, the term rules (:mod:`hsdt.site.search.terms`);
* ``t/<n>.gz`` — term file ``n`` (:func:`hsdt.site.search.terms.shard_of`), gzip-compressed,
  a sequence of entries: varint length, the term's UTF-8, one byte of kind, varint length, the
  pages: kind 0 page numbers as 16-bit, kind 1 as 32-bit little-endian integers (ascending),
  kind 2 a bitmap of every page (bit ``i % 8`` of byte ``i // 8``), whichever is smaller;
* ``p/<n>.gz`` — pages ``n × block`` to ``(n + 1) × block - 1``: a JSON list, per page
  ``[address relative to the site, title, text file]``;
* ``v/<name>.gz`` — one page's whole text (the results' excerpts are cut from it).

Numbers are little-endian; every file is gzip-compressed with no time in its header, so a
server that does not compress still sends them small, and the same site gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
import sys
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

FORMAT = 1
"""Bump when a file's layout changes (the script refuses another format)."""
BUNDLE_DIR = "chi-muc"
"""The index's folder inside the site."""
MANIFEST = "hsdt-index.json"
TERMS_DIR = "t"
PAGES_DIR = "p"
TEXTS_DIR = "v"
BLOCK = 32
"""Pages a page file lists: a query shows ten results, near one another when ranked alike."""
SHARD_BYTES = 6_000
"""Aimed size of a term file before compression."""
LIST16, LIST32, BITMAP = 0, 1, 2
_BIG_ENDIAN = sys.byteorder == "big"


def varint(value: int) -> bytes:
    """``value`` (≥ 0) in LEB128: seven bits a byte, low first, high bit = more."""
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def encode_pages(ids: Sequence[int], pages: int) -> tuple[int, bytes]:
    """The smaller encoding of the ascending page numbers ``ids`` of a site of ``pages``."""
    wide = pages > 0xFFFF
    listed = len(ids) * (4 if wide else 2)
    bitmap_size = (pages + 7) // 8
    if listed <= bitmap_size:
        numbers = array("I" if wide else "H", ids)
        if _BIG_ENDIAN:  # pragma: no cover - the machines we run on are little-endian
            numbers.byteswap()
        return (LIST32 if wide else LIST16), numbers.tobytes()
    bits = bytearray(bitmap_size)
    for page in ids:
        bits[page >> 3] |= 1 << (page & 7)
    return BITMAP, bytes(bits)


def decode_pages(kind: int, data: bytes, pages: int) -> list[int]:
    """The page numbers of an entry (the reverse of :func:`encode_pages`)."""
    if kind == BITMAP:
        return [i for i in range(pages) if data[i >> 3] >> (i & 7) & 1]
    numbers = array("H" if kind == LIST16 else "I")
    numbers.frombytes(data)
    if _BIG_ENDIAN:  # pragma: no cover - the machines we run on are little-endian
        numbers.byteswap()
    return list(numbers)


def shard_bytes(entries: Iterable[tuple[str, int, bytes]]) -> bytes:
    """One term file's contents (before compression) from (term, kind, pages) entries."""
    out = bytearray()
    for term, kind, data in entries:
        key = term.encode("utf-8")
        out += varint(len(key)) + key + bytes([kind]) + varint(len(data)) + data
    return bytes(out)


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def read_shard(data: bytes) -> dict[str, tuple[int, bytes]]:
    """A term file's entries: term → (kind, pages as stored)."""
    out: dict[str, tuple[int, bytes]] = {}
    at = 0
    while at < len(data):
        size, at = _read_varint(data, at)
        term = data[at : at + size].decode("utf-8")
        at += size
        kind = data[at]
        size, at = _read_varint(data, at + 1)
        out[term] = (kind, data[at : at + size])
        at += size
    return out


def pack(data: bytes) -> bytes:
    """A file's bytes as written (gzip, no name, no time)."""
    return gzip.compress(data, 9, mtime=0)


def write_json(path: Path, value: Any) -> None:
    """Write ``value`` as compact JSON, packed."""
    path.write_bytes(pack(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()))


class Bundle:
    """Reads a written index (tests, the benchmark): its manifest, terms and pages."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text("utf-8"))

    def _file(self, *parts: str) -> bytes:
        return gzip.decompress(self.folder.joinpath(*parts).read_bytes())

    def shard(self, number: int) -> dict[str, tuple[int, bytes]]:
        """Term file ``number``'s entries."""
        return read_shard(self._file(TERMS_DIR, f"{number}.gz"))

    def pages_of(self, term: str) -> list[int]:
        """The pages that hold ``term`` ([] when none does)."""
        from hsdt.site.search.terms import shard_of

        entry = self.shard(shard_of(term, int(self.manifest["shards"]))).get(term)
        if entry is None:
            return []
        return decode_pages(entry[0], entry[1], int(self.manifest["pages"]))

    def terms(self) -> dict[str, list[int]]:
        """Every term with its pages."""
        pages = int(self.manifest["pages"])
        out: dict[str, list[int]] = {}
        for number in range(int(self.manifest["shards"])):
            for term, (kind, data) in self.shard(number).items():
                out[term] = decode_pages(kind, data, pages)
        return out

    def page(self, number: int) -> tuple[str, str, str]:
        """Page ``number``: (address, title, text file)."""
        block = int(self.manifest["block"])
        listed = json.loads(self._file(PAGES_DIR, f"{number // block}.gz"))
        address, title, text = listed[number % block]
        return str(address), str(title), str(text)

    def text(self, name: str) -> str:
        """A page's whole text."""
        return self._file(TEXTS_DIR, f"{name}.gz").decode("utf-8")


def manifest(pages: int, shards: int, prefix_min: int, max_word: int) -> Mapping[str, int]:
    """The manifest's contents."""
    return {
        "format": FORMAT,
        "pages": pages,
        "shards": shards,
        "block": BLOCK,
        "prefix_min": prefix_min,
        "max_word": max_word,
    }
