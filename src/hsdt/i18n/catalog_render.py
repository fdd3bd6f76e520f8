"""Messages of PDF rendering (hsdt.render, hsdt render)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "formula.unknown_command": ("không có lệnh {command}", "there is no command {command}"),
    "formula.missing_argument": (
        "thiếu đối số hoặc dấu ngoặc nhọn }} (ví dụ \\frac{{a}}{{b}}, x^{{2}})",
        "an argument or a closing brace }} is missing (e.g. \\frac{{a}}{{b}}, x^{{2}})",
    ),
    "formula.unbalanced": (
        "ngoặc không cân: \\left thiếu \\right, hoặc \\begin thiếu \\end tương ứng",
        "unbalanced: a \\left without its \\right, or a \\begin without its \\end",
    ),
    "formula.double_script": (
        "hai chỉ số trên (hoặc dưới) liền nhau; nhóm lại bằng {{…}}",
        "two superscripts (or subscripts) in a row; group them with {{…}}",
    ),
    "formula.syntax": ("cú pháp TeX không hợp lệ ({detail})", "invalid TeX syntax ({detail})"),
    "formula.unsafe": (
        "bộ dàn công thức tạo ra nội dung không được phép ({detail})",
        "the typesetter produced something not allowed ({detail})",
    ),
    "profile.font_dir": (
        "in_an.thu_muc_phong phải là một thư mục trong kho (đường dẫn tương đối, không có '..'), nhận được '{value}'",
        "in_an.thu_muc_phong must be a folder inside the repository (a relative path without '..'), got '{value}'",
    ),
    "render.font_used": ("Phông chữ: {font}", "Font: {font}"),
    "formula.invalid": (
        "công thức ${tex}$ không dịch được ({reason}); sửa lại cú pháp TeX, hoặc viết \\$ nếu đó là ký hiệu đô-la",
        "formula ${tex}$ cannot be typeset ({reason}); fix its TeX, or write \\$ for a dollar sign",
    ),
    "render.missing_extra": (
        "chưa cài phần in PDF của hsdt; chạy: pip install 'hsdt[pdf]' (và apt-get install fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0)",
        "hsdt's PDF part is not installed; run: pip install 'hsdt[pdf]' (and apt-get install fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0)",
    ),
    "render.font_missing": (
        "không tìm thấy phông Liberation Serif 2.x (thay cho Times New Roman); cài gói Debian fonts-liberation2 hoặc đặt HSDT_FONT_DIR",
        "Liberation Serif 2.x (the Times New Roman substitute) was not found; install Debian's fonts-liberation2 or set HSDT_FONT_DIR",
    ),
    "render.font_old": (
        "phông '{path}' là phiên bản {version}, thiếu nhiều chữ tiếng Việt; cần Liberation Serif 2.x (gói fonts-liberation2)",
        "font '{path}' is version {version}, which lacks many Vietnamese letters; Liberation Serif 2.x is needed (package fonts-liberation2)",
    ),
    "render.refused_url": (
        "không được dùng tài nguyên '{url}': bản in chỉ dùng ảnh nằm trong kho hồ sơ (không dùng tệp hệ thống, địa chỉ Internet hay data:)",
        "resource '{url}' is not allowed: a printed record may only use images stored in the repository (no system files, Internet addresses or data: URLs)",
    ),
    "render.refused_outside": (
        "ảnh '{url}' nằm ngoài kho hồ sơ; chỉ dùng ảnh trong kho",
        "image '{url}' is outside the repository; use images stored in it",
    ),
    "render.refused_type": (
        "'{url}' không phải tệp ảnh PNG, JPEG, GIF hoặc WebP",
        "'{url}' is not a PNG, JPEG, GIF or WebP image file",
    ),
    "render.missing_image": (
        "không tìm thấy ảnh '{url}' (đường dẫn tính từ thư mục của hồ sơ)",
        "image '{url}' not found (paths are relative to the record's folder)",
    ),
    "render.image_too_large": (
        "ảnh '{url}' lớn hơn 10 MB; hãy thu nhỏ ảnh trước khi đưa vào hồ sơ",
        "image '{url}' is larger than 10 MB; shrink it before adding it to the record",
    ),
    "render.no_slot": (
        "không đặt được chỗ ký '{key}' trong bản in (lỗi mẫu trình bày)",
        "the signature place '{key}' could not be laid out (template error)",
    ),
    "render.timeout": (
        "in hồ sơ quá {seconds} giây nên đã dừng; hồ sơ quá dài (bảng hàng nghìn dòng?) — hãy chia nhỏ",
        "printing took more than {seconds:second|seconds} and was stopped; the record is too long (a table of thousands of rows?) — split it",
    ),
    "render.memory": (
        "in hồ sơ cần quá nhiều bộ nhớ nên đã dừng; hãy giảm kích thước ảnh hoặc chia nhỏ hồ sơ",
        "printing needed too much memory and was stopped; shrink the images or split the record",
    ),
    "render.too_deep": (
        "nội dung lồng nhau quá sâu, không in được",
        "the content is nested too deeply to print",
    ),
    "render.worker_died": (
        "tiến trình in bị dừng (quá thời gian hoặc thiếu bộ nhớ); hồ sơ chưa được in — hãy chia nhỏ hồ sơ hoặc giảm kích thước ảnh",
        "the printing process was stopped (time or memory limit); the record was not printed — split it or shrink its images",
    ),
    "render.too_big": (
        "tệp lớn hơn giới hạn {limit} KiB của quy chế, không in",
        "the file is larger than the rules' {limit} KiB limit; not printed",
    ),
    "render.not_record": (
        "không phải hồ sơ: thiếu 'loai' hoặc loại không có trong quy chế của trường (các loại: {known})",
        "not a record: 'loai' is missing or not a type of the school's rules (types: {known})",
    ),
    "render.invalid": (
        "hồ sơ chưa hợp lệ nên chưa in: {problem} (chạy 'hsdt check' để xem mọi lỗi)",
        "the record is not valid, so it is not printed: {problem} (run 'hsdt check' to see every problem)",
    ),
    "render.bad_epoch": (
        "SOURCE_DATE_EPOCH phải là số giây (số nguyên), nhận được '{value}'",
        "SOURCE_DATE_EPOCH must be a number of seconds (an integer), got '{value}'",
    ),
    "render.no_paths": (
        "chưa chỉ ra hồ sơ nào để in; ghi đường dẫn tệp/thư mục hoặc dùng --all",
        "no records to print; give files or folders, or use --all",
    ),
    "render.not_in_repo": (
        "'{path}' nằm ngoài kho hồ sơ",
        "'{path}' is outside the records repository",
    ),
    "render.progress": ("Đang in", "Printing"),
    "render.written": ("{path}", "{path}"),
    "render.cached": (
        "{path} (không đổi, lấy từ bộ nhớ đệm)",
        "{path} (unchanged, from the cache)",
    ),
    "render.summary": (
        "Đã in {done}/{total} hồ sơ ({cached} lấy từ bộ nhớ đệm) vào {folder}",
        "Printed {done}/{total:record|records} ({cached} from the cache) into {folder}",
    ),
    "render.failed": ("{where}: không in được: {error}", "{where}: not printed: {error}"),
}
