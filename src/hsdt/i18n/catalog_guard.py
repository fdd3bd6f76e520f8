"""Messages of the Word import guard (hsdt.importer.guard, .bounded, .xmlsafe)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # refusals: the document is not imported, nothing is written
    "guard.missing_extra": (
        "chưa cài phần nhập Word của hsdt; chạy: pip install 'hsdt[import]'",
        "hsdt's Word import part is not installed; run: pip install 'hsdt[import]'",
    ),
    "guard.missing": (
        "không tìm thấy tệp hoặc không đọc được tệp",
        "the file does not exist or cannot be read",
    ),
    "guard.empty": (
        "tệp rỗng (0 byte); hãy lưu lại tài liệu trong Word rồi nhập lại",
        "the file is empty (0 bytes); save the document again in Word and import it again",
    ),
    "guard.pdf": (
        "đây là tệp PDF được đặt tên .docx, không phải tài liệu Word; hãy nhập tệp .docx gốc (tệp PDF không chuyển ngược thành Word được)",
        "this is a PDF file named .docx, not a Word document; import the original .docx (a PDF cannot be turned back into Word)",
    ),
    "guard.legacy_doc": (
        "đây là tài liệu Word cũ (.doc, Word 97–2003), không phải .docx; hãy mở bằng Word, chọn Tệp → Lưu thành → Tài liệu Word (*.docx), rồi nhập tệp .docx",
        "this is an old Word document (.doc, Word 97–2003), not a .docx; open it in Word, choose File → Save As → Word Document (*.docx), then import the .docx",
    ),
    "guard.encrypted": (
        "tài liệu được đặt mật khẩu (mã hóa) nên không đọc được; hãy mở bằng Word, vào Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu, lưu lại rồi nhập lại",
        "the document is password-protected (encrypted) and cannot be read; open it in Word, go to File → Info → Protect Document → Encrypt with Password, clear the password, save, and import again",
    ),
    "guard.other_office": (
        "đây là tệp Office nhưng không phải tài liệu Word (có thể là Excel hoặc PowerPoint); chỉ nhập được tài liệu Word .docx",
        "this is an Office file but not a Word document (perhaps Excel or PowerPoint); only Word .docx documents can be imported",
    ),
    "guard.not_docx": (
        "không phải tài liệu Word .docx; hãy mở bằng Word và lưu thành Tài liệu Word (*.docx)",
        "not a Word .docx document; open it in Word and save it as a Word Document (*.docx)",
    ),
    "guard.corrupt": (
        "tệp .docx bị hỏng hoặc không trọn vẹn (có thể tải về chưa xong); hãy tải lại, hoặc mở bằng Word và lưu lại",
        "the .docx file is damaged or incomplete (perhaps not fully downloaded); download it again, or open it in Word and save it again",
    ),
    "guard.zip_password": (
        "tệp nén được đặt mật khẩu nên không đọc được; hãy lưu lại tài liệu trong Word không có mật khẩu",
        "the archive is password-protected and cannot be read; save the document again in Word without a password",
    ),
    "guard.too_large": (
        "tệp quá lớn ({size} MB, tối đa {limit} MB); hãy nén ảnh trong Word (chọn ảnh → Định dạng ảnh → Nén ảnh) hoặc tách tài liệu",
        "the file is too large ({size} MB, at most {limit} MB); compress the pictures in Word (select a picture → Picture Format → Compress Pictures) or split the document",
    ),
    "guard.too_many_parts": (
        "tệp chứa quá nhiều phần ({count}, tối đa {limit}); đây không phải một tài liệu Word bình thường",
        "the file holds too many parts ({count}, at most {limit}); this is not an ordinary Word document",
    ),
    "guard.bomb_ratio": (
        "phần {part} nén bất thường ({ratio} lần, tối đa {limit} lần) nên tệp bị từ chối để bảo vệ máy (dấu hiệu “bom nén”)",
        "part {part} is compressed abnormally ({ratio} times, at most {limit}) so the file is refused to protect the machine (the mark of a “zip bomb”)",
    ),
    "guard.bomb_total": (
        "nội dung giải nén quá lớn (hơn {limit} MB) nên tệp bị từ chối để bảo vệ máy (dấu hiệu “bom nén”)",
        "the uncompressed content is too large (over {limit} MB) so the file is refused to protect the machine (the mark of a “zip bomb”)",
    ),
    "guard.bomb_stream": (
        "phần {part} giải nén ra nhiều hơn kích thước ghi trong tệp nên tệp bị từ chối (tệp bị sửa hoặc độc hại)",
        "part {part} unpacks to more than the size the file declares, so the file is refused (the file was tampered with or is hostile)",
    ),
    "guard.no_document": (
        "tệp nén không chứa nội dung tài liệu Word (thiếu {part}); hãy mở bằng Word và lưu lại",
        "the archive holds no Word document content ({part} is missing); open it in Word and save it again",
    ),
    "guard.too_many_pages": (
        "tài liệu quá dài (khoảng {pages} trang, tối đa {limit}); mỗi hồ sơ là một bài dạy hoặc một kế hoạch: hãy tách thành nhiều tệp rồi nhập từng tệp",
        "the document is too long (about {pages} pages, at most {limit}); each record is one lesson or one plan: split it into several files and import each",
    ),
    "guard.too_many_paragraphs": (
        "tài liệu quá dài ({count} đoạn, tối đa {limit}); mỗi hồ sơ là một bài dạy hoặc một kế hoạch: hãy tách thành nhiều tệp rồi nhập từng tệp",
        "the document is too long ({count} paragraphs, at most {limit}); each record is one lesson or one plan: split it into several files and import each",
    ),
    "guard.xml_too_large": (
        "phần chữ của tài liệu quá lớn ({size} MB, tối đa {limit} MB); hãy tách thành nhiều tệp rồi nhập từng tệp",
        "the document's text parts are too large ({size} MB, at most {limit} MB); split it into several files and import each",
    ),
    "guard.xml_dtd": (
        "phần {part} có khai báo DTD (thực thể XML), điều Word không bao giờ ghi; tệp bị từ chối để bảo vệ máy",
        "part {part} has a DTD (XML entity) declaration, which Word never writes; the file is refused to protect the machine",
    ),
    "guard.xml_bad": (
        "phần {part} không phải XML hợp lệ ({detail}); hãy mở bằng Word và lưu lại",
        "part {part} is not well-formed XML ({detail}); open it in Word and save it again",
    ),
    # notes: the document is imported, this was changed
    "guard.note_macros": (
        "đã bỏ macro ({parts}); macro không bao giờ được chạy",
        "macros removed ({parts}); macros are never run",
    ),
    "guard.note_external": (
        "đã bỏ liên kết ra ngoài tới {target} (loại {kind}); hsdt không tải gì từ bên ngoài",
        "external link to {target} removed (kind {kind}); hsdt fetches nothing from outside",
    ),
    "guard.note_object": (
        "đã bỏ đối tượng nhúng {part} (ví dụ bảng Excel hay tệp dán vào); hãy chép nội dung vào tài liệu dưới dạng bảng hoặc ảnh",
        "embedded object {part} removed (for example a pasted Excel sheet or file); copy its content into the document as a table or a picture",
    ),
    "guard.note_image": (
        "đã bỏ ảnh {part} vì quá lớn ({size} MB, tối đa {limit} MB); hãy nén ảnh trong Word rồi nhập lại nếu cần ảnh này",
        "picture {part} removed because it is too large ({size} MB, at most {limit} MB); compress the pictures in Word and import again if you need it",
    ),
    "guard.note_legacy": (
        "đã chuyển chữ gõ bằng bảng mã {encoding} (phông {fonts}) sang Unicode ở {count} đoạn chữ",
        "text typed in the {encoding} encoding (fonts {fonts}) converted to Unicode in {count} runs",
    ),
    # the converter, run with bounds
    "guard.converter_missing": (
        "không tìm thấy chương trình {program}; hãy cài đặt hsdt[import]",
        "the program {program} was not found; install hsdt[import]",
    ),
    "guard.timeout": (
        "chuyển đổi bằng {program} chạy quá {seconds} giây nên đã bị dừng; tài liệu quá lớn hoặc quá phức tạp: hãy tách nhỏ",
        "the conversion by {program} ran over {seconds} seconds and was stopped; the document is too large or too complex: split it",
    ),
    "guard.memory": (
        "chuyển đổi bằng {program} vượt giới hạn bộ nhớ {memory} MB nên đã bị dừng; tài liệu quá lớn hoặc quá phức tạp: hãy tách nhỏ",
        "the conversion by {program} went over its memory bound of {memory} MB and was stopped; the document is too large or too complex: split it",
    ),
    "guard.converter_failed": (
        "chuyển đổi bằng {program} thất bại (mã {code}): {detail}",
        "the conversion by {program} failed (code {code}): {detail}",
    ),
}
