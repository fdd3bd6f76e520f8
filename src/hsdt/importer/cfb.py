"""The stream names of a Compound File Binary container (OLE2, [MS-CFB]).

Two kinds of file a teacher may call a Word document are CFB containers, not zips: a legacy
Word 97–2003 ``.doc`` (a ``WordDocument`` stream) and a password-protected ``.docx``, which
Word encrypts into ``EncryptionInfo`` and ``EncryptedPackage`` streams ([MS-OFFCRYPTO]). Telling
them apart needs only the directory's names, so this reads the header, the allocation table and
the directory chain, and nothing else. Every read is bounded by the file's size, and a looping
chain stops at the number of sectors the file can hold.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_ENTRY_SIZE = 128


class CfbError(ValueError):
    """The container's structure is broken."""


def stream_names(data: bytes) -> set[str]:
    """The names of the entries in the container's directory."""
    if len(data) < 512 or not data.startswith(MAGIC):
        raise CfbError("not a compound file")
    sector_shift = struct.unpack_from("<H", data, 0x1E)[0]
    if sector_shift not in (9, 12):
        raise CfbError("bad sector size")
    size = 1 << sector_shift
    fat_count, first_dir = struct.unpack_from("<II", data, 0x2C)
    max_sectors = max(0, (len(data) - size) // size)

    def sector(index: int) -> bytes:
        start = (index + 1) * size
        if index >= max_sectors or start + size > len(data):
            raise CfbError("sector out of range")
        return data[start : start + size]

    # The first 109 FAT sector numbers are in the header; larger files (over ~7 MB with 512-byte
    # sectors, as an encrypted .docx with pictures is) chain the rest through DIFAT sectors.
    fat_sectors = [n for n in struct.unpack_from("<109I", data, 0x4C) if n != _FREE]
    difat, difat_count = struct.unpack_from("<II", data, 0x44)
    per_difat = size // 4 - 1
    for _ in range(min(difat_count, max_sectors)):
        if difat in (_END_OF_CHAIN, _FREE):
            break
        numbers = struct.unpack(f"<{per_difat + 1}I", sector(difat))
        fat_sectors.extend(n for n in numbers[:per_difat] if n != _FREE)
        difat = numbers[per_difat]
    fat_sectors = fat_sectors[:fat_count]
    per_sector = size // 4
    fat: list[int] = []
    for n in fat_sectors:
        fat.extend(struct.unpack(f"<{per_sector}I", sector(n)))

    names: set[str] = set()
    current = first_dir
    for _ in range(max_sectors + 1):
        if current == _END_OF_CHAIN:
            return names
        if current >= len(fat):
            raise CfbError("directory chain out of range")
        block = sector(current)
        for offset in range(0, size, _ENTRY_SIZE):
            entry = block[offset : offset + _ENTRY_SIZE]
            name_len = struct.unpack_from("<H", entry, 0x40)[0]
            if entry[0x42] == 0 or not 2 <= name_len <= 64:
                continue
            names.add(entry[: name_len - 2].decode("utf-16-le", errors="replace"))
        current = fat[current]
    raise CfbError("directory chain loops")
