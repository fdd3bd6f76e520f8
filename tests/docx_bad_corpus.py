"""Word documents made at test time: good ones with python-docx, bad ones by zip surgery.

Every builder writes one file into a folder and returns its path. The bad inputs are built the
way they occur: a PDF renamed .docx, an OLE compound file (a Word 97–2003 .doc, or the
container Word encrypts a password-protected .docx into), a download cut short, a zip bomb, a
picture of 100 MB, a document of 500 pages, a macro-enabled document, external links and an
embedded object. The legacy-font documents carry the characters Word stores for text typed in
those fonts (what Word shows as garbage without the font).
"""

from __future__ import annotations

import io
import os
import struct
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from docx.shared import Pt

from hsdt.importer.legacy_fonts import encode_tcvn3, encode_vni

LESSON = (
    "Giáo án môn Toán lớp 6",
    "I. Mục tiêu",
    "1. Về kiến thức: nhận biết hai phân số bằng nhau.",
    "II. Đồ dùng dạy học",
    "III. Hoạt động khởi động",
)


def write_docx(folder: Path, name: str, paragraphs: tuple[str, ...] = LESSON) -> Path:
    """An ordinary Unicode lesson plan."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = folder / name
    document.save(str(path))
    return path


def docx_bytes(paragraphs: tuple[str, ...] = LESSON) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(
    data: bytes,
    edit: Callable[[str, bytes], bytes | None] | None = None,
    add: dict[str, bytes] | None = None,
    stored: tuple[str, ...] = (),
) -> bytes:
    """A copy of the zip ``data``: each part through ``edit`` (None drops it), ``add`` appended;
    the parts named in ``stored`` are not compressed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        parts = [(i.filename, source.read(i)) for i in source.infolist()]
        for name, body in [*parts, *(add or {}).items()]:
            new = edit(name, body) if edit else body
            if new is not None:
                method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
                target.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), new, method)
    return out.getvalue()


def _in_body(xml: bytes, snippet: str) -> bytes:
    """``document.xml`` with ``snippet`` (WordprocessingML) inserted before the section's end."""
    at = xml.rindex(b"<w:sectPr")
    return xml[:at] + snippet.encode() + xml[at:]


def _edit_part(part: str, change: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
    return lambda name, body: change(body) if name == part else body


def _save(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# ---- not a .docx ----------------------------------------------------------------------------


def renamed_pdf(folder: Path) -> Path:
    """A one-page PDF with a .docx name."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    body = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return _save(folder, "giao-an.docx", bytes(body))


def compound_file(streams: dict[str, bytes], *, difat: bool = False) -> bytes:
    """An OLE compound file ([MS-CFB] version 3, 512-byte sectors) holding up to three streams
    in the root storage. Each stream is padded to the 4,096-byte mini-stream cut-off so it lives
    in ordinary sectors. With ``difat``, the allocation table is found through a DIFAT sector
    (as in files over ~7 MB) rather than the header."""
    assert len(streams) <= 3
    end, free, fat_sect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    datas = [body.ljust(4096, b"\0") for body in streams.values()]
    fat = [fat_sect, end, 0xFFFFFFFC] if difat else [fat_sect, end]
    starts = []
    for body in datas:
        count = len(body) // 512 + (len(body) % 512 > 0)
        first = len(fat)
        starts.append(first)
        fat.extend(range(first + 1, first + count))
        fat.append(end)
    fat.extend([free] * (128 - len(fat)))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", nostream, right, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    directory = entry("Root Entry", 5, 1 if names else nostream, nostream, end, 0)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else nostream
        directory += entry(name, 2, nostream, right, starts[index], len(streams[name]))
    directory = directory.ljust(512, b"\0")
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    difat_sector = b""
    if difat:
        struct.pack_into("<109I", header, 0x4C, *([free] * 109))
        struct.pack_into("<II", header, 0x44, 2, 1)
        difat_sector = struct.pack("<128I", 0, *([free] * 126), end)
    return bytes(header) + struct.pack("<128I", *fat) + directory + difat_sector + b"".join(datas)


def legacy_doc(folder: Path) -> Path:
    """A Word 97–2003 binary document renamed .docx (its streams: WordDocument, 1Table)."""
    data = compound_file({"WordDocument": b"\xec\xa5\xc1\x00" + b"\0" * 508, "1Table": b"\0" * 512})
    return _save(folder, "giao-an-cu.docx", data)


def encrypted_docx(folder: Path, *, difat: bool = False) -> Path:
    """A password-protected .docx: Word stores it as EncryptionInfo + EncryptedPackage."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<encryption/>"
    package = struct.pack("<Q", 12345) + os.urandom(4096)
    data = compound_file({"EncryptionInfo": info, "EncryptedPackage": package}, difat=difat)
    return _save(folder, "co-mat-khau.docx", data)


def plain_text(folder: Path) -> Path:
    return _save(folder, "ghi-chu.docx", "Giáo án môn Toán lớp 6\n".encode())


def xlsx_renamed(folder: Path) -> Path:
    """A spreadsheet package named .docx."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
        'workbook.xml"/></Relationships>'
    )
    workbook = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("xl/workbook.xml", workbook)
    return _save(folder, "diem.docx", out.getvalue())


# ---- damaged --------------------------------------------------------------------------------


def truncated(folder: Path) -> Path:
    """A download cut off two thirds of the way."""
    data = docx_bytes()
    return _save(folder, "tai-do.docx", data[: len(data) * 2 // 3])


def corrupt(folder: Path) -> Path:
    """Bytes flipped inside document.xml's compressed data (central directory intact)."""
    data = bytearray(docx_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    for offset in range(start + 10, start + info.compress_size - 10, 7):
        data[offset] ^= 0x5A
    return _save(folder, "hong.docx", bytes(data))


# ---- hostile or too large -------------------------------------------------------------------


def zip_bomb(folder: Path) -> Path:
    """A part of 64 MB of zeros that compresses to a few kilobytes."""
    data = rezip(docx_bytes(), add={"word/bomb.xml": b"\0" * (64 * 1024 * 1024)})
    return _save(folder, "bom.docx", data)


def lying_sizes(folder: Path, declared: int = 1000) -> Path:
    """A part whose central directory and local header declare ``declared`` bytes while its
    compressed data unpacks to 8 MB."""
    data = bytearray(rezip(docx_bytes(), add={"word/filler.xml": b"<a/>" * (2 * 1024 * 1024)}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/filler.xml")
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    name = b"word/filler.xml"
    at = bytes(data).index(b"PK\x01\x02")
    while True:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_len]) == name:
            struct.pack_into("<I", data, at + 24, declared)
            break
        extra, comment = struct.unpack_from("<HH", data, at + 30)
        at += 46 + name_len + extra + comment
    return _save(folder, "khai-sai.docx", bytes(data))


def declared_huge(folder: Path) -> Path:
    """A central directory that declares a 300 MB part (the data is small)."""
    path = lying_sizes(folder, declared=300 * 1024 * 1024)
    return path.rename(folder / "khai-lon.docx")


def png_bytes() -> bytes:
    """A real 8×8 PNG."""
    import zlib

    raw = b"".join(b"\0" + b"\xff\x00\x00" * 8 for _ in range(8))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def with_picture(folder: Path, name: str, picture_bytes: int | None, *, flat: bool = False) -> Path:
    """A lesson plan with one picture; ``picture_bytes`` replaces it by that much random data
    (incompressible, as a photograph is), stored without compression; with ``flat``, by an
    uncompressed bitmap of one colour instead, which deflates to almost nothing."""
    document = docx.Document()
    document.add_paragraph("Hình 1. Mô hình phân số")
    document.add_picture(io.BytesIO(png_bytes()))
    document.add_paragraph("Đồ dùng dạy học")
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    if picture_bytes is not None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            media = next(n for n in archive.namelist() if n.startswith("word/media/"))
        if flat:
            big = b"BM" + b"\xff" * (picture_bytes - 2)
            data = rezip(data, lambda n, b: big if n == media else b)
        else:
            big = png_bytes() + os.urandom(picture_bytes - len(png_bytes()))
            data = rezip(data, lambda n, b: big if n == media else b, stored=(media,))
    return _save(folder, name, data)


def long_document(folder: Path, pages: int = 500) -> Path:
    """``pages`` pages, each a heading and a paragraph followed by a page break."""
    document = docx.Document()
    for page in range(1, pages + 1):
        document.add_paragraph(f"Tiết {page}. Ôn tập")
        paragraph = document.add_paragraph("Nội dung của tiết học.")
        paragraph.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    path = folder / f"{pages}-trang.docx"
    document.save(str(path))
    return path


_DOCM = "application/vnd.ms-word.document.macroEnabled.main+xml"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _add_rels(xml: bytes, rels: str) -> bytes:
    return xml.replace(b"</Relationships>", rels.encode() + b"</Relationships>")


def macro_docm(folder: Path) -> Path:
    """A macro-enabled document (.docm content type, vbaProject.bin, vbaData.xml)."""

    def edit(name: str, body: bytes) -> bytes:
        if name == "[Content_Types].xml":
            body = body.replace(_DOCX.encode(), _DOCM.encode()).replace(
                b"</Types>",
                b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                b'<Override PartName="/word/vbaData.xml" ContentType="application/vnd.ms-word.'
                b'vbaData+xml"/></Types>',
            )
        if name == "word/_rels/document.xml.rels":
            body = _add_rels(
                body,
                '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
                'relationships/vbaProject" Target="vbaProject.bin"/>',
            )
        return body

    vba_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.microsoft.com/office/2006/relationships/wordVbaData" Target="vbaData.xml"/>'
        "</Relationships>"
    )
    data = rezip(
        docx_bytes(),
        edit,
        add={
            "word/vbaProject.bin": compound_file({"VBA": b'Sub AutoOpen()\nShell "calc"\nEnd Sub'}),
            "word/_rels/vbaProject.bin.rels": vba_rels.encode(),
            "word/vbaData.xml": b'<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>',
        },
    )
    return _save(folder, "co-macro.docx", data)


def _central_entries(data: bytes) -> dict[bytes, int]:
    """Each part's name → the offset of its central directory entry."""
    found: dict[bytes, int] = {}
    at = data.index(b"PK\x01\x02")
    while data[at : at + 4] == b"PK\x01\x02":
        name_len, extra, comment = struct.unpack_from("<HHH", data, at + 28)
        found[data[at + 46 : at + 46 + name_len]] = at
        at += 46 + name_len + extra + comment
    return found


def zip_flagged(folder: Path, name: str, *, flag: int = 0, method: int | None = None) -> Path:
    """document.xml marked in the central directory as zip-encrypted (``flag`` 1) or as packed
    with a compression ``method`` Word never uses."""
    data = bytearray(docx_bytes())
    at = _central_entries(bytes(data))[b"word/document.xml"]
    bits = struct.unpack_from("<H", data, at + 8)[0]
    struct.pack_into("<H", data, at + 8, bits | flag)
    if method is not None:
        struct.pack_into("<H", data, at + 10, method)
    return _save(folder, name, bytes(data))


def duplicate_part(folder: Path) -> Path:
    """Two parts named word/document.xml (readers disagree on which one counts)."""
    out = io.BytesIO(docx_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it is asked to write
        with zipfile.ZipFile(out, "a") as archive:
            archive.writestr("word/document.xml", b"<other/>")
    return _save(folder, "trung.docx", out.getvalue())


def word_says_pages(folder: Path, pages: int) -> Path:
    """A short document whose docProps/app.xml (Word's own count) says ``pages`` pages."""
    data = rezip(
        docx_bytes(),
        _edit_part(
            "docProps/app.xml",
            lambda b: b.replace(b"<Pages>1</Pages>", f"<Pages>{pages}</Pages>".encode()),
        ),
    )
    return _save(folder, "trang-word.docx", data)


def broken_xml(folder: Path) -> Path:
    data = rezip(
        docx_bytes(), _edit_part("word/document.xml", lambda b: b.replace(b"</w:body>", b""))
    )
    return _save(folder, "xml-hong.docx", data)


def other_compound_file(folder: Path) -> Path:
    """An Excel 97–2003 workbook renamed .docx."""
    return _save(folder, "bang-diem.docx", compound_file({"Workbook": b"\x09\x08" + b"\0" * 64}))


def broken_compound_file(folder: Path) -> Path:
    """The OLE signature and nothing sensible after it."""
    return _save(folder, "ole-hong.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600)


LINKED_PICTURE = "http://example.invalid/anh.png"
LOCAL_FILE = "file:///C:/Users/gv/bai-cu.doc"
TEMPLATE = "file://may-chu/mau/Normal.dotm"
HYPERLINK = "https://moet.gov.vn/bai-giang"


def external_links(folder: Path) -> Path:
    """A web hyperlink (kept), a hyperlink to a file on the teacher's computer, a picture
    linked from the web and an attached template on a file server (dropped, never fetched)."""
    drawing = (
        '<w:p><w:r><w:t>Hình minh họa</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="http://'
        'schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="9525" '
        'cy="9525"/><wp:docPr id="9" name="anh"/><a:graphic xmlns:a="http://schemas.'
        'openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.'
        'openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.'
        'openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="9" name="anh"/>'
        '<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link="rIdPic"/></pic:blipFill>'
        "<pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        '<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>Bài giảng mẫu</w:t></w:r></w:hyperlink></w:p>'
        '<w:p><w:hyperlink r:id="rIdFile"><w:r><w:t>Bài cũ</w:t></w:r></w:hyperlink></w:p>'
    )

    def edit(name: str, body: bytes) -> bytes:
        if name == "word/document.xml":
            return _in_body(body, drawing)
        if name == "word/_rels/document.xml.rels":
            return _add_rels(
                body,
                f'<Relationship Id="rIdPic" Type="{_RELS}/image" Target="{LINKED_PICTURE}" '
                'TargetMode="External"/>'
                f'<Relationship Id="rIdLink" Type="{_RELS}/hyperlink" Target="{HYPERLINK}" '
                'TargetMode="External"/>'
                f'<Relationship Id="rIdFile" Type="{_RELS}/hyperlink" Target="{LOCAL_FILE}" '
                'TargetMode="External"/>',
            )
        if name == "word/settings.xml":
            return body.replace(b"<w:zoom", b'<w:attachedTemplate r:id="rIdTpl"/><w:zoom', 1)
        return body

    settings_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        f'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdTpl" Type="{_RELS}/'
        f'attachedTemplate" Target="{TEMPLATE}" TargetMode="External"/></Relationships>'
    )
    data = rezip(docx_bytes(), edit, add={"word/_rels/settings.xml.rels": settings_rels.encode()})
    return _save(folder, "lien-ket.docx", data)


def embedded_object(folder: Path) -> Path:
    """An Excel sheet pasted as an OLE object (word/embeddings/oleObject1.bin)."""
    obj = (
        '<w:p><w:r><w:t>Bảng điểm</w:t></w:r></w:p><w:p><w:r><w:object><v:shape xmlns:v="urn:'
        'schemas-microsoft-com:vml" id="ole1" style="width:100pt;height:50pt"/><o:OLEObject '
        'xmlns:o="urn:schemas-microsoft-com:office:office" Type="Embed" ProgID="Excel.Sheet.8" '
        'ShapeID="ole1" r:id="rIdOle"/></w:object></w:r></w:p>'
    )

    def edit(name: str, body: bytes) -> bytes:
        if name == "word/document.xml":
            return _in_body(body, obj)
        if name == "word/_rels/document.xml.rels":
            return _add_rels(
                body,
                f'<Relationship Id="rIdOle" Type="{_RELS}/oleObject" '
                'Target="embeddings/oleObject1.bin"/>',
            )
        return body

    ole = compound_file({"Workbook": b"\x09\x08" + b"\0" * 100})
    data = rezip(docx_bytes(), edit, add={"word/embeddings/oleObject1.bin": ole})
    return _save(folder, "doi-tuong.docx", data)


def active_content(folder: Path) -> Path:
    """An ActiveX control (word/activeX/) and an alternative-format chunk (an HTML page Word
    would import at open: w:altChunk)."""
    body = (
        '<w:p><w:r><w:t>Trả lời:</w:t></w:r><w:r><w:object><w:control r:id="rIdAx" '
        'w:name="TextBox1"/></w:object></w:r></w:p><w:altChunk r:id="rIdChunk"/>'
    )

    def edit(name: str, data: bytes) -> bytes:
        if name == "word/document.xml":
            return _in_body(data, body)
        if name == "word/_rels/document.xml.rels":
            return _add_rels(
                data,
                f'<Relationship Id="rIdAx" Type="{_RELS}/control" Target="activeX/activeX1.xml"/>'
                f'<Relationship Id="rIdChunk" Type="{_RELS}/aFChunk" Target="chunk.html"/>',
            )
        return data

    ax_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.microsoft.com/office/2006/relationships/activeXControlBinary" '
        'Target="activeX1.bin"/></Relationships>'
    )
    data = rezip(
        docx_bytes(),
        edit,
        add={
            "word/activeX/activeX1.xml": b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{8BD21D10-EC42-11CE-9E0D-00AA006002F3}"/>',
            "word/activeX/_rels/activeX1.xml.rels": ax_rels.encode(),
            "word/activeX/activeX1.bin": compound_file({"Contents": b"\0" * 64}),
            "word/chunk.html": "<html><body><p>Trang web nhúng</p></body></html>".encode(),
        },
    )
    return _save(folder, "activex.docx", data)


BILLION_LAUGHS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE w:document [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>
"""

EXTERNAL_ENTITY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>
"""


def hostile_xml(folder: Path, name: str, document_xml: str) -> Path:
    data = rezip(
        docx_bytes(), lambda n, b: document_xml.encode() if n == "word/document.xml" else b
    )
    return _save(folder, name, data)


# ---- old Vietnamese encodings ---------------------------------------------------------------


def _tcvn3_runs(paragraph, text: str, size: int = 13) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` as a teacher with ABC does: ordinary letters in .VnTime, a stretch that has
    an upper-case letter with a tone in the capitals font .VnTimeH."""
    words = text.split(" ")
    for index, word in enumerate(words):
        piece = word + (" " if index + 1 < len(words) else "")
        try:
            legacy, font = encode_tcvn3(piece), ".VnTime"
        except ValueError:
            legacy, font = encode_tcvn3(piece, upper=True), ".VnTimeH"
        run = paragraph.add_run(legacy)
        run.font.name = font
        run.font.size = Pt(size)


def tcvn3_docx(folder: Path, paragraphs: tuple[str, ...] = LESSON) -> Path:
    document = docx.Document()
    for text in paragraphs:
        _tcvn3_runs(document.add_paragraph(), text)
    _tcvn3_runs(document.add_paragraph(), "I. MỤC TIÊU BÀI HỌC")
    path = folder / "tcvn3.docx"
    document.save(str(path))
    return path


def vni_docx(folder: Path, paragraphs: tuple[str, ...] = LESSON, split: bool = True) -> Path:
    """Text in VNI-Times; with ``split``, Word's habit of cutting a run between a letter and its
    diacritic (``Vie`` | ``ät``) is reproduced in the last paragraph."""
    document = docx.Document()
    for text in paragraphs:
        run = document.add_paragraph().add_run(encode_vni(text))
        run.font.name = "VNI-Times"
    if split:
        paragraph = document.add_paragraph()
        for piece in ("Tie", "áng Vie", "ät"):
            run = paragraph.add_run(piece)
            run.font.name = "VNI-Times"
    path = folder / "vni.docx"
    document.save(str(path))
    return path


def tcvn3_by_style(folder: Path) -> Path:
    """No run names a font: the Normal style says .VnTime."""
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"
    for text in LESSON:
        document.add_paragraph(encode_tcvn3(text))
    path = folder / "tcvn3-kieu.docx"
    document.save(str(path))
    return path


def tcvn3_by_theme(folder: Path) -> Path:
    """No run or style names a font: the theme's minor (body) font is .VnArial."""
    document = docx.Document()
    for text in LESSON:
        document.add_paragraph(encode_tcvn3(text))
    out = io.BytesIO()
    document.save(out)
    data = rezip(
        out.getvalue(),
        _edit_part(
            "word/theme/theme1.xml",
            lambda b: b.replace(
                b'<a:minorFont>\n        <a:latin typeface="Cambria"/>',
                b'<a:minorFont>\n        <a:latin typeface=".VnArial"/>',
            ),
        ),
    )
    return _save(folder, "tcvn3-theme.docx", data)
