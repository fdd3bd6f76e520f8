"""Verification: every tamper case caught with the right reason, by hsdt and (where it can see
it) by pdfsig; broken inputs give a clear message, never a traceback."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest

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
