"""What a teacher reads when the guard refuses a file or changes one, word for word, in both
languages (no CLI: the error's own rendering, which the CLI edge prints)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hsdt.errors import ImportDocxError
from hsdt.importer.guard import prepare_docx
from tests import docx_bad_corpus as corpus


def _refusal(build: Callable[[Path], Path], folder: Path) -> tuple[Path, ImportDocxError]:
    source = build(folder)
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(source)
    return source, caught.value


@pytest.mark.parametrize(
    ("build", "vi", "en"),
    [
        (
            corpus.legacy_doc,
            "đây là tài liệu Word cũ (.doc, Word 97–2003), không phải .docx; hãy mở bằng Word, "
            "chọn Tệp → Lưu thành → Tài liệu Word (*.docx), rồi nhập tệp .docx",
            "this is an old Word document (.doc, Word 97–2003), not a .docx; open it in Word, "
            "choose File → Save As → Word Document (*.docx), then import the .docx",
        ),
        (
            corpus.encrypted_docx,
            "tài liệu được đặt mật khẩu (mã hóa) nên không đọc được; hãy mở bằng Word, vào Tệp → "
            "Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu, lưu lại rồi nhập lại",
            "the document is password-protected (encrypted) and cannot be read; open it in Word, "
            "go to File → Info → Protect Document → Encrypt with Password, clear the password, "
            "save, and import again",
        ),
        (
            corpus.renamed_pdf,
            "đây là tệp PDF được đặt tên .docx, không phải tài liệu Word; hãy nhập tệp .docx gốc "
            "(tệp PDF không chuyển ngược thành Word được)",
            "this is a PDF file named .docx, not a Word document; import the original .docx "
            "(a PDF cannot be turned back into Word)",
        ),
        (
            corpus.truncated,
            "tệp .docx bị hỏng hoặc không trọn vẹn (có thể tải về chưa xong); hãy tải lại, hoặc "
            "mở bằng Word và lưu lại",
            "the .docx file is damaged or incomplete (perhaps not fully downloaded); download it "
            "again, or open it in Word and save it again",
        ),
        (
            corpus.zip_bomb,
            "phần word/bomb.xml nén bất thường (1028 lần, tối đa 200 lần) nên tệp bị từ chối để "
            "bảo vệ máy (dấu hiệu “bom nén”)",
            "part word/bomb.xml is compressed abnormally (1028 times, at most 200) so the file is "
            "refused to protect the machine (the mark of a “zip bomb”)",
        ),
        (
            corpus.long_document,
            "tài liệu quá dài (khoảng 501 trang, tối đa 200); mỗi hồ sơ là một bài dạy hoặc một "
            "kế hoạch: hãy tách thành nhiều tệp rồi nhập từng tệp",
            "the document is too long (about 501 pages, at most 200); each record is one lesson "
            "or one plan: split it into several files and import each",
        ),
        (
            lambda f: corpus.hostile_xml(f, "bl.docx", corpus.BILLION_LAUGHS),
            "phần word/document.xml có khai báo DTD (thực thể XML), điều Word không bao giờ ghi; "
            "tệp bị từ chối để bảo vệ máy",
            "part word/document.xml has a DTD (XML entity) declaration, which Word never writes; "
            "the file is refused to protect the machine",
        ),
    ],
)
def test_refusals_word_for_word(
    tmp_path: Path, build: Callable[[Path], Path], vi: str, en: str
) -> None:
    source, error = _refusal(build, tmp_path)
    assert error.render("vi") == f"{source}: {vi}"
    assert error.render("en") == f"{source}: {en}"


def test_a_100_mb_picture_word_for_word(tmp_path: Path) -> None:
    source, error = _refusal(
        lambda f: corpus.with_picture(f, "anh.docx", 100 * 1024 * 1024), tmp_path
    )
    assert error.render("vi") == (
        f"{source}: tệp quá lớn (100 MB, tối đa 64 MB); hãy nén ảnh trong Word (chọn ảnh → "
        "Định dạng ảnh → Nén ảnh) hoặc tách tài liệu"
    )


def test_notes_word_for_word(tmp_path: Path) -> None:
    notes = [n.render("vi") for n in prepare_docx(corpus.macro_docm(tmp_path)).notes]
    notes += [n.render("vi") for n in prepare_docx(corpus.external_links(tmp_path)).notes]
    notes += [n.render("vi") for n in prepare_docx(corpus.embedded_object(tmp_path)).notes]
    notes += [n.render("en") for n in prepare_docx(corpus.tcvn3_docx(tmp_path)).notes]
    assert notes == [
        "đã bỏ macro (word/vbaData.xml, word/vbaProject.bin); macro không bao giờ được chạy",
        "đã bỏ liên kết ra ngoài tới http://example.invalid/anh.png (loại image); hsdt không "
        "tải gì từ bên ngoài",
        "đã bỏ liên kết ra ngoài tới file:///C:/Users/gv/bai-cu.doc (loại hyperlink); hsdt "
        "không tải gì từ bên ngoài",
        "đã bỏ liên kết ra ngoài tới file://may-chu/mau/Normal.dotm (loại attachedTemplate); "
        "hsdt không tải gì từ bên ngoài",
        "đã bỏ đối tượng nhúng word/embeddings/oleObject1.bin (ví dụ bảng Excel hay tệp dán "
        "vào); hãy chép nội dung vào tài liệu dưới dạng bảng hoặc ảnh",
        "text typed in the TCVN3 encoding (fonts .VnTime, .VnTimeH) converted to Unicode in 34 "
        "runs",
    ]
