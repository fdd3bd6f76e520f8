"""Messages of the Word import (``hsdt import``, :mod:`hsdt.importer`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "import.no_pandoc": (
        "không tìm thấy pandoc; cài đặt hsdt[import] (pip install 'hsdt[import]')",
        "pandoc not found; install hsdt[import] (pip install 'hsdt[import]')",
    ),
    "import.no_type": (
        "không đoán được loại hồ sơ (không thấy mục nào của loại nào); chọn bằng --type, "
        "một trong: {types}",
        "cannot guess the record type (no section of any type found); choose one with --type: "
        "{types}",
    ),
    "import.unmapped_note": (
        "Phần dưới đây có trong tệp Word nhưng chưa xếp được vào mục nào của mẫu hồ sơ: hãy "
        "chuyển vào đúng mục hoặc xóa nếu không cần.",
        "What follows is in the Word file but matched no section of the record type: move it "
        "into the right section, or delete it if not needed.",
    ),
    "import.layout_line": (
        "bỏ dòng '{text}': mẫu in của hồ sơ tự in dòng này",
        "left out the line '{text}': the record's print layout prints it",
    ),
    "import.image_external": (
        "ảnh liên kết ngoài '{src}' không được tải về; chỉ giữ đường dẫn",
        "linked image '{src}' was not fetched; only its address is kept",
    ),
    "import.image_format": (
        "ảnh {name} dạng {ext} không in được trong PDF: lưu lại dạng PNG hoặc JPEG",
        "image {name} ({ext}) cannot be shown in the PDF: save it as PNG or JPEG",
    ),
    # The report (hsdt.cli.import_)
    "import.created": ("{source} → {path} (đã tạo)", "{source} → {path} (created)"),
    "import.planned": (
        "{source} → {path} (chạy thử, chưa ghi)",
        "{source} → {path} (dry run, nothing written)",
    ),
    "import.exists": (
        "{source}: đã nhập trước đây, là {path}; không nhập lại",
        "{source}: imported before, as {path}; not imported again",
    ),
    "import.failed": ("{source}: không nhập được: {error}", "{source}: not imported: {error}"),
    "import.type_given": ("loại hồ sơ: {type}", "record type: {type}"),
    "import.type_guessed": (
        "loại hồ sơ: {type} (đoán từ nội dung: có {matched}/{total} mục của loại này; "
        "chọn khác bằng --type)",
        "record type: {type} (guessed from the content: {matched}/{total} of its sections "
        "found; choose another with --type)",
    ),
    "import.mapped": ("mục đã nhận ra: {count}", "sections recognised: {count}"),
    "import.mapped_item": ("'{found}' → {section}", "'{found}' → {section}"),
    "import.field_item": ("{key} = {value}  (từ '{label}')", "{key} = {value}  (from '{label}')"),
    "import.fields": ("thông tin lấy từ tệp: {count}", "values read from the file: {count}"),
    "import.unread": (
        "dòng thông tin không dùng được: {lines}",
        "header lines that could not be used: {lines}",
    ),
    "import.unmapped": (
        "chưa xếp vào mục ({count} đoạn, giữ ở cuối hồ sơ, mục '{heading}'): {items}",
        "matched no section ({count} blocks, kept at the end under '{heading}'): {items}",
    ),
    "import.missing_sections": (
        "còn thiếu mục: {items}",
        "sections still missing: {items}",
    ),
    "import.missing_fields": (
        "còn thiếu thông tin (điền trong tệp hoặc --set KHOA=GIA_TRI): {items}",
        "values still missing (fill them in the file or with --set KEY=VALUE): {items}",
    ),
    "import.images": ("ảnh đã tách: {items}", "images extracted: {items}"),
    "import.check_ok": ("hsdt check: đạt", "hsdt check: passed"),
    "import.check_problems": (
        "hsdt check: {errors} lỗi, {warnings} cảnh báo",
        "hsdt check: {errors} errors, {warnings} warnings",
    ),
    "import.summary": (
        "Tổng cộng {total} tệp: {created} đã tạo, {planned} chạy thử, {exists} đã có, "
        "{failed} không nhập được; {clean} hồ sơ đạt kiểm tra",
        "{total} files: {created} created, {planned} dry run, {exists} already there, "
        "{failed} not imported; {clean} records pass the check",
    ),
    "import.progress": ("Đang nhập", "Importing"),
    "import.nothing": (
        "không có tệp Word nào để nhập trong: {paths}",
        "no Word file to import in: {paths}",
    ),
}
