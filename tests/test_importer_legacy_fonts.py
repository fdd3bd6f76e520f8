"""TCVN3 (ABC) and VNI-Windows text: the tables on every Vietnamese letter, real sentences,
property tests, and documents whose runs get their font from the run, the style or the theme."""

from __future__ import annotations

import io
import itertools
import unicodedata
from html import escape
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hsdt.importer.guard import prepare_docx
from hsdt.importer.legacy_fonts import (
    TCVN3,
    LegacyEncoding,
    LegacyFont,
    classify_font,
    decode,
    encode_tcvn3,
    encode_vni,
    unicode_font_for,
)
from tests import docx_bad_corpus as corpus

TCVN3_FONT = LegacyFont(LegacyEncoding.TCVN3)
TCVN3_CAPS = LegacyFont(LegacyEncoding.TCVN3, upper=True)
VNI_FONT = LegacyFont(LegacyEncoding.VNI)

# Built from Unicode's own composition, independently of the tables under test.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
LOWER = sorted(
    {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES} - set("aeiouy") | {"đ"}
)
UPPER = sorted(ch.upper() for ch in LOWER)
PLAIN_UPPER = ("Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ")

SENTENCES = ("Giáo án môn Toán lớp 6", "Đồ dùng dạy học", "Hoạt động khởi động")


def test_the_letters_are_the_134_of_vietnamese() -> None:
    assert len(LOWER) == 67
    assert len(set(LOWER) | set(UPPER)) == 134
    assert set(TCVN3.values()) == set(LOWER) | set(PLAIN_UPPER) | {"\u00a0"}


@pytest.mark.parametrize("letter", LOWER)
def test_every_lower_case_letter_round_trips_through_tcvn3(letter: str) -> None:
    legacy = encode_tcvn3(letter)
    assert len(legacy) == 1
    assert 0xA0 < legacy.encode("cp1252")[0] < 0xFF
    assert decode(legacy, TCVN3_FONT) == letter


@pytest.mark.parametrize("letter", UPPER)
def test_every_upper_case_letter_round_trips_through_the_tcvn3_capitals_font(letter: str) -> None:
    assert decode(encode_tcvn3(letter, upper=True), TCVN3_CAPS) == letter


@pytest.mark.parametrize("letter", PLAIN_UPPER)
def test_upper_case_letters_without_a_tone_have_their_own_tcvn3_codes(letter: str) -> None:
    assert decode(encode_tcvn3(letter), TCVN3_FONT) == letter


def test_an_upper_case_letter_with_a_tone_needs_the_capitals_font() -> None:
    with pytest.raises(ValueError, match="'Á'"):
        encode_tcvn3("Á")


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_every_letter_round_trips_through_vni(letter: str) -> None:
    legacy = encode_vni(letter)
    assert 1 <= len(legacy) <= 2
    assert decode(legacy, VNI_FONT) == letter


@pytest.mark.parametrize(
    ("text", "tcvn3", "vni"),
    [
        ("Giáo án môn Toán lớp 6", "Gi¸o ¸n m«n To¸n líp 6", "Giaùo aùn moân Toaùn lôùp 6"),
        ("Đồ dùng dạy học", "§å dïng d¹y häc", "Ñoà duøng daïy hoïc"),
        ("Hoạt động khởi động", "Ho¹t ®éng khëi ®éng", "Hoaït ñoäng khôûi ñoäng"),
        ("Tiếng Việt rất hay", "TiÕng ViÖt rÊt hay", "Tieáng Vieät raát hay"),
    ],
)
def test_real_sentences_as_word_shows_them(text: str, tcvn3: str, vni: str) -> None:
    assert decode(tcvn3, TCVN3_FONT) == text
    assert decode(vni, VNI_FONT) == text
    assert encode_tcvn3(text) == tcvn3
    assert encode_vni(text) == vni


def test_capitals_font_text_typed_in_either_case() -> None:
    assert decode("i. môc tiªu", TCVN3_CAPS) == "I. MỤC TIÊU"
    assert decode("I. MôC TIªU", TCVN3_CAPS) == "I. MỤC TIÊU"


def test_codes_word_stored_as_controls_or_private_use() -> None:
    # The same TCVN3 code 0xB8 (á) as Word may store it: the Windows-1252 character, or the
    # private-use form of a symbol font.
    assert decode("Gi\u00b8o", TCVN3_FONT) == "Giáo"
    assert decode("Gi\uf0b8o", TCVN3_FONT) == "Giáo"


_ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)


@given(st.text(alphabet=st.one_of(_ASCII, st.sampled_from(LOWER + UPPER)), max_size=60))
def test_vni_round_trip_property(text: str) -> None:
    assert decode(encode_vni(text), VNI_FONT) == text


@given(st.text(alphabet=st.one_of(_ASCII, st.sampled_from(LOWER + list(PLAIN_UPPER))), max_size=60))
def test_tcvn3_round_trip_property(text: str) -> None:
    assert decode(encode_tcvn3(text), TCVN3_FONT) == text


@given(st.text(alphabet=st.one_of(_ASCII, st.sampled_from(UPPER)), max_size=60))
def test_tcvn3_capitals_round_trip_property(text: str) -> None:
    upper = text.upper()
    assert decode(encode_tcvn3(upper, upper=True), TCVN3_CAPS) == upper


@given(st.text(max_size=40))
def test_decoding_never_fails_and_is_nfc(text: str) -> None:
    for font in (TCVN3_FONT, TCVN3_CAPS, VNI_FONT):
        out = decode(text, font)
        assert out == unicodedata.normalize("NFC", out)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (".VnTime", TCVN3_FONT),
        (".VnTimeH", TCVN3_CAPS),
        (".VnArial", TCVN3_FONT),
        (".VnArialH", TCVN3_CAPS),
        (".VnCentury Schoolbook", TCVN3_FONT),
        ("VNI-Times", VNI_FONT),
        ("VNI-Helve", VNI_FONT),
        ("Times New Roman", None),
        ("Arial", None),
        ("", None),
        (None, None),
    ],
)
def test_fonts_are_classified_by_name(name: str | None, expected: LegacyFont | None) -> None:
    assert classify_font(name) == expected


def test_unicode_replacements_keep_the_family() -> None:
    assert unicode_font_for(".VnTime") == "Times New Roman"
    assert unicode_font_for(".VnArialH") == "Arial"
    assert unicode_font_for("VNI-Helve") == "Arial"
    assert unicode_font_for(".VnCourier New") == "Courier New"


def _document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _fonts(data: bytes) -> set[str | None]:
    return {run.font.name for p in _document(data).paragraphs for run in p.runs}


def test_a_tcvn3_document_becomes_unicode(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.tcvn3_docx(tmp_path))
    texts = [p.text for p in _document(prepared.data).paragraphs]
    assert texts == [*corpus.LESSON, "I. MỤC TIÊU BÀI HỌC"]
    assert _fonts(prepared.data) == {"Times New Roman"}
    assert [(n.key, n.args["encoding"], n.args["fonts"]) for n in prepared.notes] == [
        ("guard.note_legacy", "TCVN3", ".VnTime, .VnTimeH")
    ]


def test_a_vni_document_becomes_unicode_even_across_split_runs(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.vni_docx(tmp_path))
    texts = [p.text for p in _document(prepared.data).paragraphs]
    assert texts == [*corpus.LESSON, "Tiếng Việt"]
    assert _fonts(prepared.data) == {"Times New Roman"}
    assert prepared.notes[0].render("en") == (
        "text typed in the VNI encoding (fonts VNI-Times) converted to Unicode in 8 runs"
    )


def test_a_font_given_by_the_style(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.tcvn3_by_style(tmp_path))
    document = _document(prepared.data)
    assert [p.text for p in document.paragraphs] == list(corpus.LESSON)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_a_font_given_by_the_theme(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.tcvn3_by_theme(tmp_path))
    assert [p.text for p in _document(prepared.data).paragraphs] == list(corpus.LESSON)
    assert _fonts(prepared.data) == {"Arial"}


def test_unicode_runs_beside_legacy_ones_are_left_alone(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Môn: ").font.name = "Times New Roman"
    paragraph.add_run(encode_tcvn3("Toán")).font.name = ".VnTime"
    path = tmp_path / "tron.docx"
    document.save(str(path))
    prepared = prepare_docx(path)
    assert _document(prepared.data).paragraphs[0].text == "Môn: Toán"


def test_legacy_text_reaches_pandoc_as_unicode(tmp_path: Path) -> None:
    pypandoc = pytest.importorskip("pypandoc")
    from hsdt.importer.bounded import run_bounded

    for build in (corpus.tcvn3_docx, corpus.vni_docx):
        prepared = prepare_docx(build(tmp_path))
        done = run_bounded(
            [pypandoc.get_pandoc_path(), "-f", "docx", "-t", "plain"], prepared.data, 60, 2048
        )
        text = done.stdout.decode()
        for sentence in SENTENCES:
            assert sentence in text


def test_unicode_text_pasted_into_a_legacy_font_is_kept(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph().add_run("Hoạt động khởi động").font.name = ".VnTime"
    document.add_paragraph().add_run("Ghi chú").font.name = "VNI-Times"
    path = tmp_path / "dan.docx"
    document.save(str(path))
    prepared = prepare_docx(path)
    assert [p.text for p in _document(prepared.data).paragraphs] == [
        "Hoạt động khởi động",
        "Ghi chú",
    ]
    assert prepared.notes == ()
    assert _fonts(prepared.data) == {"Times New Roman"}


def test_headers_footers_and_tables_are_converted(tmp_path: Path) -> None:
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0].add_run(encode_tcvn3("Trường THCS Lê Lợi"))
    header.font.name = ".VnTime"
    cell = (
        document.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run(encode_vni("Thứ hai"))
    )
    cell.font.name = "VNI-Times"
    path = tmp_path / "dau-trang.docx"
    document.save(str(path))
    result = _document(prepare_docx(path).data)
    assert result.sections[0].header.paragraphs[0].text == "Trường THCS Lê Lợi"
    assert result.tables[0].cell(0, 0).text == "Thứ hai"


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph_of_runs(pieces: list[str], font: str) -> bytes:
    runs = "".join(
        f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>'
        for piece in pieces
    )
    return f'<w:document xmlns:w="{_W_NS}"><w:body><w:p>{runs}</w:p></w:body></w:document>'.encode()


@given(
    st.text(alphabet=st.one_of(_ASCII, st.sampled_from(LOWER + UPPER)), min_size=1, max_size=40),
    st.lists(st.integers(min_value=0, max_value=80), max_size=6),
)
def test_vni_text_split_across_runs_anywhere_comes_back_whole(text: str, cuts: list[int]) -> None:
    from lxml import etree

    from hsdt.importer.legacy_docx import LegacyReport, convert_part, font_context

    legacy = encode_vni(text)
    points = sorted({c % (len(legacy) + 1) for c in cuts} | {0, len(legacy)})
    pieces = [legacy[a:b] for a, b in itertools.pairwise(points)]
    root = etree.fromstring(_paragraph_of_runs(pieces, "VNI-Times"))
    convert_part(root, font_context(None, None), LegacyReport())
    assert "".join(t.text or "" for t in root.iter(f"{{{_W_NS}}}t")) == text
