"""The search index's file layout (hsdt.site.search.bundle): page lists in their smaller form,
term files and their varints, read back as written. The index built over a site and read with
Bundle is tested in tests/test_site_search_index.py."""

from __future__ import annotations

import gzip

import pytest

from hsdt.site.search.bundle import (
    BITMAP,
    LIST16,
    LIST32,
    decode_pages,
    encode_pages,
    pack,
    read_shard,
    shard_bytes,
    varint,
)


@pytest.mark.parametrize(
    ("ids", "pages", "kind"),
    [
        ([], 10, LIST16),
        ([0, 3, 65535], 70000, LIST32),
        ([5, 9], 20000, LIST16),
        (list(range(0, 20000, 3)), 20000, BITMAP),
        (list(range(8)), 8, BITMAP),
    ],
)
def test_page_lists_round_trip_in_the_smaller_form(ids: list[int], pages: int, kind: int) -> None:
    got_kind, data = encode_pages(ids, pages)
    assert got_kind == kind
    assert decode_pages(got_kind, data, pages) == ids
    assert len(data) <= max(len(ids) * 4, (pages + 7) // 8)


def test_term_files_round_trip() -> None:
    assert varint(0) == b"\x00"
    assert varint(300) == b"\xac\x02"
    entries = [("w:đồ", LIST16, b"\x01\x00"), ("b:" + "x" * 200, BITMAP, b"\xff" * 130)]
    assert read_shard(shard_bytes(entries)) == {t: (k, d) for t, k, d in entries}


def test_packed_files_carry_no_time() -> None:
    data = pack(b"x" * 100)
    assert data[4:8] == b"\x00\x00\x00\x00"  # gzip's MTIME
    assert gzip.decompress(data) == b"x" * 100
    assert pack(b"x" * 100) == data
