"""A rendered-record PDF as the renderer will make it, built with WeasyPrint for the signing tests.

PDF/A-3b, A4, a lesson plan in Vietnamese with a signature block whose empty places match the
boxes of the attached ``hsdt-manifest.json``; the exact Markdown source attached with
AFRelationship /Source. When the real renderer lands, these tests can take its output instead.
"""

from __future__ import annotations

import hashlib

from hsdt.model.manifest import AUTHOR, MANIFEST_NAME, SEAL, Manifest, SignatureSlot

MM = 72 / 25.4
A4_HEIGHT = 297 * MM

SOURCE = """---
loai: khbd-trung-hoc
giao_vien: gv-toan-02
ngay_day: 2025-10-16
tieu_de: Phân số bằng nhau
---

# I. Mục tiêu

1. Về kiến thức: nhận biết hai phân số bằng nhau.
""".encode()

SOURCE_NAME = "2025-10-16-phan-so-bang-nhau.md"

# (key, title, staff id, name, left mm, top mm, width mm, height mm)
PLACES = (
    (AUTHOR, "NGƯỜI LẬP", "gv-toan-02", "Nguyễn Thị Ánh Dương", 25, 200, 70, 30),
    ("to_truong", "TỔ TRƯỞNG", "gv-toan-01", "Trần Văn Bình", 115, 200, 70, 30),
    (SEAL, "", None, None, 104, 195, 36, 36),
)


def slot_for(key: str, title: str, staff: str | None, name: str | None, place: tuple[float, ...]):  # type: ignore[no-untyped-def]
    left, top, width, height = place
    return SignatureSlot(
        key=key,
        field=f"hsdt.{key}",
        title=title,
        staff_id=staff,
        name=name,
        page=0,
        box=(left * MM, A4_HEIGHT - (top + height) * MM, (left + width) * MM, A4_HEIGHT - top * MM),
    )


def fixture_manifest(source: bytes = SOURCE, places: tuple = PLACES) -> Manifest:  # type: ignore[type-arg]
    return Manifest(
        record_id=f"records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/{SOURCE_NAME}",
        type_id="khbd-trung-hoc",
        school_id="le-khac-can",
        author="gv-toan-02",
        source_name=SOURCE_NAME,
        source_sha256=hashlib.sha256(source).hexdigest(),
        commit="0" * 40,
        rendered_at="2025-10-12T20:00:00+07:00",
        hsdt_version="0.1.0",
        slots=tuple(slot_for(k, t, s, n, (lf, tp, w, h)) for k, t, s, n, lf, tp, w, h in places),
    )


def _html(places: tuple) -> str:  # type: ignore[type-arg]
    blocks = []
    for key, title, _staff, name, left, top, width, height in places:
        if key == SEAL:
            continue
        blocks.append(
            f'<div class="title" style="left:{left}mm;top:{top - 8}mm;width:{width}mm">{title}</div>'
            f'<div class="place" style="left:{left}mm;top:{top}mm;width:{width}mm;'
            f'height:{height}mm"></div>'
            f'<div class="name" style="left:{left}mm;top:{top + height + 1}mm;width:{width}mm">'
            f"{name}</div>"
        )
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0 }}
body {{ font-family: 'Liberation Serif'; font-size: 13pt; margin: 0; }}
.page {{ padding: 20mm 20mm 20mm 30mm; }}
.title, .name {{ position: absolute; text-align: center; font-weight: bold; }}
.place {{ position: absolute; }}
</style></head><body><div class="page">
<p style="text-align:center;font-weight:bold">KẾ HOẠCH BÀI DẠY</p>
<p>Tên bài dạy: Phân số bằng nhau — Môn học: Toán; lớp 6A1; thời gian thực hiện: 1 tiết.</p>
<p>I. Mục tiêu. 1. Về kiến thức: nhận biết hai phân số bằng nhau.</p>
</div>{"".join(blocks)}</body></html>"""


def build_pdf(
    source: bytes = SOURCE,
    manifest: Manifest | None = None,
    places: tuple = PLACES,  # type: ignore[type-arg]
    with_manifest: bool = True,
) -> bytes:
    """The PDF/A-3b bytes of the fixture record."""
    import weasyprint

    manifest = manifest or fixture_manifest(source, places)
    attachments = [
        weasyprint.Attachment(
            string=source.decode("utf-8"), name=SOURCE_NAME, relationship="Source"
        )
    ]
    if with_manifest:
        attachments.append(
            weasyprint.Attachment(
                string=manifest.to_json().decode("utf-8"), name=MANIFEST_NAME, relationship="Data"
            )
        )
    pdf: bytes = weasyprint.HTML(string=_html(places)).write_pdf(
        pdf_variant="pdf/a-3b", attachments=attachments
    )
    return pdf
