"""Verification: every tamper case caught with the right reason, by hsdt and (where it can see
it) by pdfsig; broken inputs give a clear message, never a traceback."""

from __future__ import annotations

import json
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hsdt.errors import SigningError
from hsdt.sign.demopki import DemoPki
from hsdt.sign.verify import verify_files, verify_pdf
from tests.sign_helpers import pdfsig, sign_as


def keys(report: object) -> list[str]:
    return [m.key for m in report.reasons()]  # type: ignore[attr-defined]


def test_one_byte_changed_in_signed_range(
    lesson_plan: bytes, roots: list[object], nss_db: Path, tmp_path: Path
) -> None:
    start = lesson_plan.index(b"WeasyPrint")
    bad = bytearray(lesson_plan)
    bad[start] = ord("w")  # in the Producer: still parses, no longer what was signed
    report = verify_pdf(bytes(bad), roots)
    assert not report.ok
    assert not report.intact
    assert "verify.not_intact" in [p.key for s in report.signatures for p in s.problems]
    path = tmp_path / "bad.pdf"
    path.write_bytes(bytes(bad))
    assert "Digest Mismatch." in [s for s, _ in pdfsig(nss_db, path).signatures]


def test_incremental_update_altering_page_content(
    lesson_plan: bytes, roots: list[object], nss_db: Path, tmp_path: Path
) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(lesson_plan))
    stream = generic.StreamObject(stream_data=b"0 0 1 rg 100 100 200 50 re f")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = BytesIO()
    writer.write(out)
    report = verify_pdf(out.getvalue(), roots)
    assert not report.ok
    assert all(s.intact for s in report.signatures)
    assert all(s.changes == "OTHER" for s in report.signatures)
    assert "verify.modified" in [p.key for s in report.signatures for p in s.problems]
    assert report.summary("vi").count("SỬA NỘI DUNG") == 3


def test_replaced_embedded_source(lesson_plan: bytes, roots: list[object]) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(lesson_plan))
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    stream_ref = names[1].get_object()["/EF"].raw_get("/F")
    stream = stream_ref.get_object()
    stream._data = b"---\nloai: khbd-trung-hoc\n---\n\n# Noi dung khac\n"
    stream._encoded_data = None
    writer.mark_update(stream_ref)
    out = BytesIO()
    writer.write(out)
    report = verify_pdf(out.getvalue(), roots)
    assert not report.ok
    assert not report.source_ok
    assert "verify.source_mismatch" in keys(report)


@pytest.mark.parametrize(
    ("ident", "reason"),
    [("thu_hoi", "verify.revoked"), ("het_han", "verify.expired"), ("ngoai", "verify.untrusted")],
)
def test_bad_certificates(
    ident: str,
    reason: str,
    fixture_pdf: bytes,
    pki: DemoPki,
    roots: list[object],
    nss_db: Path,
    tmp_path: Path,
) -> None:
    signed = sign_as(fixture_pdf, pki, ident, "nguoi_lap")
    report = verify_pdf(signed, roots)
    assert not report.ok
    sig = report.signatures[0]
    assert sig.intact
    assert sig.valid
    assert not sig.trusted
    assert [p.key for p in sig.problems] == [reason]
    path = tmp_path / f"{ident}.pdf"
    path.write_bytes(signed)
    result = pdfsig(nss_db, path)
    assert len(result.signatures) == 1, result.output
    [(state, cert)] = result.signatures
    assert state == "Signature is Valid."
    assert cert != "Certificate is Trusted."


def test_not_a_pdf_truncated_and_unsigned(
    tmp_path: Path, fixture_pdf: bytes, lesson_plan: bytes, roots: list[object]
) -> None:
    text = tmp_path / "a.pdf"
    text.write_text("không phải PDF", encoding="utf-8")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(lesson_plan[: len(lesson_plan) // 3])
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(fixture_pdf)
    reports = verify_files([str(text), str(cut), str(plain), str(tmp_path / "none.pdf")], roots)
    assert [r.ok for r in reports] == [False] * 4
    assert reports[0].problems[0].key == "pdf.not_pdf"
    assert reports[1].problems[0].key in ("pdf.damaged", "verify.no_signatures")
    assert reports[2].problems[0].key == "verify.no_signatures"
    assert reports[3].problems[0].key == "pdf.unreadable"


def test_no_manifest(pki: DemoPki, roots: list[object]) -> None:
    from tests.pdf_fixture import build_pdf

    report = verify_pdf(build_pdf(with_manifest=False), roots)
    assert [p.key for p in report.problems] == ["verify.no_signatures", "pdf.no_manifest"]


def test_report_json_and_english(lesson_plan: bytes, roots: list[object]) -> None:
    report = verify_pdf(lesson_plan, roots, path="khbd.pdf")
    data = json.loads(json.dumps(report.as_dict("en")))
    assert data["ok"] is True
    assert [s["role"] for s in data["signatures"]] == ["nguoi_lap", "to_truong", "con_dau"]
    assert data["signatures"][0]["changes"] == "FORM_FILLING"
    english = report.summary("en")
    assert "RESULT: valid (3 signatures intact, valid and trusted)." in english
    assert "KẾT LUẬN: hợp lệ" in report.summary("vi")


def test_trust_loading(tmp_path: Path, pki: DemoPki) -> None:
    from hsdt.sign.trust import load_certificates

    assert len(load_certificates(pki.trust)) == 2
    (tmp_path / "empty").mkdir()
    with pytest.raises(SigningError):
        load_certificates(tmp_path / "empty")
    with pytest.raises(SigningError):
        load_certificates(tmp_path / "missing")
    junk = tmp_path / "junk.crt"
    junk.write_bytes(b"\x30\x03junk")
    with pytest.raises(SigningError):
        load_certificates(junk)


@cache
def _pyhanko_generic() -> Any:
    """pyHanko's parser module as shipped (hsdt replaces its hex reader when reading PDFs)."""
    import importlib.util

    spec = importlib.util.find_spec("pyhanko.pdf_utils.generic")
    assert spec is not None
    assert spec.loader is not None
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    return fresh


@given(
    st.binary(max_size=300),
    st.lists(st.sampled_from([b" ", b"\n", b"\r\n", b"\t", b"\x00", b"\x0c"]), max_size=20),
    st.booleans(),
    st.booleans(),
)
def test_the_bulk_hex_reader_reads_what_pyhankos_reads(
    data: bytes, spaces: list[bytes], odd: bool, upper: bool
) -> None:
    """hsdt reads a signature's ``/Contents`` in bulk; every hex string, spaced or odd, reads
    as pyHanko's own reader reads it, and the stream is left just after the ``>``."""
    from hsdt.sign.pdfdoc import _read_hex_string

    digits = data.hex().upper().encode() if upper else data.hex().encode()
    if odd:
        digits += b"7"
    for i, space in enumerate(spaces):
        at = (i * 7) % (len(digits) + 1)
        digits = digits[:at] + space + digits[at:]
    raw = b"<" + digits + b"> /Next"
    theirs_stream, ours_stream = BytesIO(raw), BytesIO(raw)
    theirs = _pyhanko_generic().read_hex_string_from_stream(theirs_stream)
    ours = _read_hex_string(ours_stream)
    assert ours == theirs
    assert type(ours).__name__ == type(theirs).__name__
    assert ours_stream.tell() == theirs_stream.tell()


def test_the_bulk_hex_reader_refuses_what_pyhanko_refuses() -> None:
    from pyhanko.pdf_utils.misc import PdfStreamError

    from hsdt.sign.pdfdoc import _read_hex_string

    for raw in (b"<0a1g>", b"<0a1b", b"<0a(1b>"):
        with pytest.raises(PdfStreamError):
            _read_hex_string(BytesIO(raw))
        with pytest.raises(PdfStreamError):
            _pyhanko_generic().read_hex_string_from_stream(BytesIO(raw))
