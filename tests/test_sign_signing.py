"""Signing the lesson plan: teacher, group head, seal; each visible and correct in Vietnamese,
validated by hsdt and by poppler's pdfsig; fields, certification and locks as designed."""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

import pytest

from hsdt.errors import SigningError, UsageError
from hsdt.sign.demopki import DemoPki
from hsdt.sign.signing import Level, SignOptions, check_options
from hsdt.sign.verify import verify_pdf
from tests.pdf_fixture import PLACES, fixture_manifest
from tests.sign_helpers import pdfsig, sign_as


def test_lesson_plan_three_signatures_valid(
    lesson_plan: bytes, roots: list[object], nss_db: Path, tmp_path: Path
) -> None:
    report = verify_pdf(lesson_plan, roots)
    assert report.ok, report.summary()
    assert [s.role for s in report.signatures] == ["nguoi_lap", "to_truong", "con_dau"]
    assert [s.signer for s in report.signatures] == [
        "Nguyễn Thị Ánh Dương",
        "Trần Văn Bình",
        "TRƯỜNG TH&THCS LÊ KHẮC CẨN",
    ]
    assert report.signatures[0].certifying
    assert not report.signatures[1].certifying
    assert [s.changes for s in report.signatures] == ["FORM_FILLING", "FORM_FILLING", "NONE"]
    assert all(s.timestamp and s.timestamp.endswith("+07:00") for s in report.signatures)
    assert report.signatures[2].coverage == "ENTIRE_FILE"
    path = tmp_path / "khbd.pdf"
    path.write_bytes(lesson_plan)
    result = pdfsig(nss_db, path)
    assert len(result.signatures) == 3, result.output
    assert result.all_good, result.output


def test_appearance_text_is_exact_vietnamese(lesson_plan: bytes, tmp_path: Path) -> None:
    path = tmp_path / "khbd.pdf"
    path.write_bytes(lesson_plan)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Người ký: Nguyễn Thị Ánh Dương" in text
    assert "Người ký: Trần Văn Bình" in text
    assert "TRƯỜNG TH&THCS LÊ KHẮC CẨN" in text
    assert "NGƯỜI LẬP" in text
    assert "TỔ TRƯỞNG" in text
    import re

    times = re.findall(r"Thời gian ký: (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00)", text)
    assert len(times) == 3


def test_appearance_is_drawn_inside_each_place(lesson_plan: bytes, tmp_path: Path) -> None:
    """Rendered as a picture: ink in each signature place, red in the seal's, none before."""
    from PIL import Image

    from tests.pdf_fixture import build_pdf

    def render(pdf: bytes, name: str) -> Image.Image:
        src = tmp_path / f"{name}.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "72", "-singlefile", str(src), str(tmp_path / name)],
            check=True,
        )
        return Image.open(tmp_path / f"{name}.png").convert("RGB")

    signed = render(lesson_plan, "signed")
    blank = render(build_pdf(), "blank")
    manifest = fixture_manifest()
    height = signed.size[1]
    for slot in manifest.slots:
        x1, y1, x2, y2 = slot.box
        box = (int(x1), int(height - y2), int(x2), int(height - y1))
        inked = [p for p in signed.crop(box).get_flattened_data() if sum(p) < 600]
        before = [p for p in blank.crop(box).get_flattened_data() if sum(p) < 600]
        assert len(inked) > 50, slot.key
        assert len(before) < len(inked) / 4, slot.key
        if slot.key == "con_dau":
            reds = [
                p
                for p in signed.crop(box).get_flattened_data()
                if p[0] > 150 and p[1] < 90 and p[2] < 90
            ]
            assert len(reds) > 100


def test_first_signature_creates_every_field_and_certifies(
    fixture_pdf: bytes, pki: DemoPki
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    signed = sign_as(fixture_pdf, pki, "giao_vien", "nguoi_lap")
    reader = PdfFileReader(BytesIO(signed))
    fields = {name: value is not None for name, value, _ in enumerate_sig_fields(reader)}
    assert fields == {"hsdt.nguoi_lap": True, "hsdt.to_truong": False, "hsdt.con_dau": False}
    perms = reader.root["/Perms"]
    assert "/DocMDP" in perms
    locks = {name: ref.get_object().get("/Lock") for name, _, ref in enumerate_sig_fields(reader)}
    assert locks["hsdt.nguoi_lap"] is None
    assert list(locks["hsdt.to_truong"].get_object()["/Fields"]) == ["hsdt.to_truong"]


def test_later_signature_never_touches_page_content(fixture_pdf: bytes, pki: DemoPki) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    first = sign_as(fixture_pdf, pki, "giao_vien", "nguoi_lap")
    second = sign_as(first, pki, "to_truong", "to_truong")
    assert second.startswith(first)
    before = PdfFileReader(BytesIO(first)).root["/Pages"]["/Kids"][0].get_object()["/Contents"]
    after = PdfFileReader(BytesIO(second)).root["/Pages"]["/Kids"][0].get_object()["/Contents"]
    assert before.get_object().data == after.get_object().data


def test_unknown_role_lists_the_places(fixture_pdf: bytes, pki: DemoPki) -> None:
    with pytest.raises(SigningError) as caught:
        sign_as(fixture_pdf, pki, "giao_vien", "hieu_truong")
    assert caught.value.msg.render("vi") == (
        "hồ sơ này không có vị trí ký 'hieu_truong'; các vị trí ký: nguoi_lap, to_truong, con_dau"
    )


def test_same_place_twice_refused(fixture_pdf: bytes, pki: DemoPki) -> None:
    once = sign_as(fixture_pdf, pki, "giao_vien", "nguoi_lap")
    with pytest.raises(SigningError) as caught:
        sign_as(once, pki, "giao_vien", "nguoi_lap")
    assert caught.value.msg.render("vi") == "vị trí 'nguoi_lap' đã được ký rồi"


def test_people_sign_in_chain_order(fixture_pdf: bytes, pki: DemoPki) -> None:
    sealed = sign_as(fixture_pdf, pki, "con_dau", "con_dau")  # the seal may come first
    with pytest.raises(SigningError) as caught:
        sign_as(sealed, pki, "to_truong", "to_truong")
    assert caught.value.msg.render("vi") == (
        "chưa thể ký ở vị trí 'to_truong': còn thiếu chữ ký trước đó của nguoi_lap"
    )
    signed = sign_as(sign_as(sealed, pki, "giao_vien", "nguoi_lap"), pki, "to_truong", "to_truong")
    from hsdt.sign.pdfdoc import open_reader

    fields = {str(s.field_name) for s in open_reader(signed, "-").embedded_signatures}
    assert {f.rsplit(".", 1)[-1] for f in fields} == {"con_dau", "nguoi_lap", "to_truong"}


def test_pdf_without_manifest_refused(pki: DemoPki) -> None:
    from tests.pdf_fixture import build_pdf

    with pytest.raises(SigningError) as caught:
        sign_as(build_pdf(with_manifest=False), pki, "giao_vien", "nguoi_lap")
    assert "hsdt-manifest.json" in caught.value.msg.render("vi")


def test_levels_need_their_services(pki: DemoPki) -> None:
    with pytest.raises(UsageError):
        check_options(SignOptions(role="nguoi_lap", level=Level.B_T))
    with pytest.raises(UsageError):
        check_options(SignOptions(role="nguoi_lap", level=Level.B_LT, tsa_url=pki.tsa_url))


def test_unreachable_tsa_is_a_clear_error(fixture_pdf: bytes, pki: DemoPki) -> None:
    with pytest.raises(SigningError) as caught:
        sign_as(
            fixture_pdf, pki, "giao_vien", "nguoi_lap", tsa_url="http://127.0.0.1:9/tsa",
            level=Level.B_T,
        )  # fmt: skip
    assert caught.value.msg.render("vi").startswith("không lấy được dấu thời gian")


def test_b_lta_and_extend(
    fixture_pdf: bytes, pki: DemoPki, roots: list[object], nss_db: Path, tmp_path: Path
) -> None:
    from hsdt.sign.signing import extend_pdf

    lta = sign_as(
        fixture_pdf, pki, "giao_vien", "nguoi_lap", tsa_url=pki.tsa_url, level=Level.B_LTA,
        trust=tuple(roots),
    )  # fmt: skip
    report = verify_pdf(lta, roots, fetch=False)
    assert report.ok, report.summary()
    assert len(report.timestamps) == 1
    assert report.signatures[0].changes == "LTA_UPDATES"
    second = sign_as(lta, pki, "to_truong", "to_truong", tsa_url=pki.tsa_url, level=Level.B_T)
    extended = extend_pdf(second, pki.tsa_url, roots)
    report = verify_pdf(extended, roots, fetch=False)
    assert report.ok, report.summary()
    assert len(report.timestamps) == 2
    path = tmp_path / "lta.pdf"
    path.write_bytes(extended)
    assert pdfsig(nss_db, path).all_good


def test_places_follow_the_manifest(fixture_pdf: bytes) -> None:
    keys = [p[0] for p in PLACES]
    assert [s.key for s in fixture_manifest().slots] == keys
