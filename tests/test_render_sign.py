"""The whole chain on a real record: render a lesson plan with hsdt, sign it as the teacher, the
group head and the school's seal in the places the renderer laid out, then verify it with hsdt
and with poppler's pdfsig."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from hsdt.load.profile import load_school
from hsdt.render.api import render_record
from hsdt.sign.demopki import DemoPki
from hsdt.sign.signing import Level
from hsdt.sign.verify import verify_pdf
from tests.render_samples import write_samples
from tests.sign_helpers import demo_images, pdfsig, sign_as


def _signed(
    make_school: Callable[..., Path], pki: DemoPki, type_id: str, steps: list[tuple[str, str, str]]
) -> bytes:
    """A sample of ``type_id`` rendered by hsdt, then signed by (identity, place, picture) with
    a timestamp; picture is "chu-ky", "con-dau" or ""."""
    root = make_school("le-khac-can")
    rel = write_samples(root, [type_id])[type_id]
    pdf = render_record(root, rel, load_school(root)).data
    signature, seal = demo_images(pki)
    pictures = {"chu-ky": signature, "con-dau": seal, "": None}
    for ident, role, picture in steps:
        pdf = sign_as(
            pdf, pki, ident, role, tsa_url=pki.tsa_url, level=Level.B_T, image=pictures[picture]
        )
    return pdf


def test_rendered_lesson_plan_signed_by_teacher_and_head_verifies(
    make_school: Callable[..., Path],
    pki: DemoPki,
    roots: list[object],
    nss_db: Path,
    tmp_path: Path,
) -> None:
    # A lesson plan at this school carries the author's and the group head's signatures.
    pdf = _signed(
        make_school,
        pki,
        "khbd-trung-hoc",
        [("giao_vien", "nguoi_lap", "chu-ky"), ("to_truong", "to_truong", "")],
    )
    report = verify_pdf(pdf, roots)
    assert report.ok, report.reasons()
    assert report.source_ok
    assert len(report.signatures) == 2
    out = tmp_path / "signed.pdf"
    out.write_bytes(pdf)
    checked = pdfsig(nss_db, out)
    assert checked.signatures == (
        ("Signature is Valid.", "Certificate is Trusted."),
        ("Signature is Valid.", "Certificate is Trusted."),
    ), checked.output
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "NGƯỜI SOẠN" in text
    assert "+07:00" in text


def test_group_plan_with_principal_and_seal(
    make_school: Callable[..., Path],
    pki: DemoPki,
    roots: list[object],
    nss_db: Path,
    tmp_path: Path,
) -> None:
    pdf = _signed(
        make_school,
        pki,
        "kh-day-hoc-to",
        [
            ("to_truong", "to_truong", "chu-ky"),
            ("hieu_truong", "hieu_truong", "chu-ky"),
            ("con_dau", "con_dau", "con-dau"),
        ],
    )
    report = verify_pdf(pdf, roots)
    assert report.ok, report.reasons()
    out = tmp_path / "signed.pdf"
    out.write_bytes(pdf)
    assert [s for s, _ in pdfsig(nss_db, out).signatures] == ["Signature is Valid."] * 3
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(out), str(tmp_path / "page")], check=True)
    from PIL import Image

    last = Image.open(sorted(tmp_path.glob("page-*.png"))[-1]).convert("RGB")
    colours = [c for _, c in last.getcolors(maxcolors=1 << 20) or []]
    # The seal is red, the signatures blue (Nghị định 30/2020), on the signature page.
    assert any(r > 180 and g < 90 and b < 90 for r, g, b in colours)
    assert any(b > 120 and r < 90 for r, g, b in colours)
