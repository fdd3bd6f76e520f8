from __future__ import annotations

import pytest

from hsdt.errors import HsdtError, RecordError
from hsdt.load.frontmatter import parse_front_matter
from hsdt.load.text import decode_text


def test_splits_meta_and_body() -> None:
    raw = parse_front_matter("---\nloai: x\ntieu_de: Bài 1\n---\n\n## I. Mục tiêu\n", "r.md")
    assert raw.meta == {"loai": "x", "tieu_de": "Bài 1"}
    assert raw.located.line("tieu_de") == 3
    assert raw.body_line == 5
    assert raw.body == "\n## I. Mục tiêu\n"


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("", "fm.empty", 1),
        ("  \n\n", "fm.empty", 1),
        ("loai: x\n---\n", "fm.no_opening", 1),
        ("---\nloai: x\n", "fm.no_closing", 1),
        ("---\n---\nbody", "fm.empty_meta", 2),
        ("---\n- a\n- b\n---\n", "fm.not_mapping", 2),
        ("---\nloai: [x\n---\n", "yaml.flow", 2),
    ],
)
def test_bad_front_matter(text: str, key: str, line: int) -> None:
    with pytest.raises(HsdtError) as caught:
        parse_front_matter(text, "r.md")
    assert (caught.value.msg.key, caught.value.line) == (key, line)


def test_missing_opening_message_is_vietnamese() -> None:
    with pytest.raises(RecordError) as caught:
        parse_front_matter("# Bài dạy\n", "r.md")
    assert caught.value.render() == (
        "r.md:1: dòng đầu phải là '---' (mở phần thông tin), nhận được '# Bài dạy'"
    )


def test_bom_and_crlf_are_accepted() -> None:
    text = decode_text("\ufeff---\r\nloai: x\r\n---\r\nbody\r\n".encode(), "r.md")
    assert text == "---\nloai: x\n---\nbody\n"
    assert parse_front_matter(text, "r.md").meta == {"loai": "x"}


@pytest.mark.parametrize(
    ("data", "key", "line"),
    [
        (b"---\nloai: x\n\x00\x01", "text.binary", 3),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "text.binary", 3),
        (b"---\ntieu_de: B\xe0i\n", "text.not_utf8", 2),
        ("---\n".encode("utf-16"), "text.utf16", 1),
    ],
)
def test_not_text(data: bytes, key: str, line: int) -> None:
    with pytest.raises(RecordError) as caught:
        decode_text(data, "r.md")
    assert (caught.value.msg.key, caught.value.line) == (key, line)


def test_not_utf8_names_the_byte() -> None:
    with pytest.raises(RecordError) as caught:
        decode_text(b"abc\n\xff", "r.md")
    assert caught.value.render() == (
        "r.md:2: tệp không phải văn bản UTF-8 (byte 0xFF không hợp lệ); hãy lưu lại dạng UTF-8"
    )
