"""Messages of the archive (hsdt tag, hsdt export, hsdt backup)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # tag
    "tag.bad_name": (
        "tên thẻ '{name}' không đúng quy ước: chữ thường không dấu và số, nối bằng '-' (ví dụ tuan-06-2025-2026, hk1-2025-2026, nam-hoc-2025-2026)",
        "tag name '{name}' breaks the convention: lower-case ASCII letters and digits joined by '-' (e.g. tuan-06-2025-2026, hk1-2025-2026, nam-hoc-2025-2026)",
    ),
    "tag.who": (
        "e-mail git '{email}' không có trong danh sách nhân sự; đặt: git config user.email <e-mail của bạn trong danh sách>",
        "git e-mail '{email}' is not in the roster; set: git config user.email <your roster e-mail>",
    ),
    "tag.not_archivist": (
        "{id} không được gắn thẻ lưu trữ: chỉ văn thư, hiệu trưởng hoặc ban quản trị",
        "{id} may not tag the archive: only the clerk, the principal or an administrator",
    ),
    "tag.no_key": (
        "chưa có khóa SSH để ký thẻ; đặt: git config user.signingkey <đường dẫn khóa SSH của bạn>",
        "no SSH key to sign the tag; set: git config user.signingkey <path to your SSH key>",
    ),
    "tag.collides": (
        "tên thẻ '{name}' trùng tên một nhánh; chọn tên khác",
        "tag name '{name}' is the name of a branch; choose another",
    ),
    "tag.no_target": (
        "không tìm thấy commit '{rev}' để gắn thẻ",
        "no commit '{rev}' to tag",
    ),
    "tag.exists_elsewhere": (
        "thẻ '{name}' đã có, trên commit {commit}; thẻ không bao giờ được di chuyển",
        "tag '{name}' exists already, on commit {commit}; tags are never moved",
    ),
    "tag.push_failed": (
        "máy chủ không nhận thẻ '{name}': {detail}",
        "the server refused tag '{name}': {detail}",
    ),
    "tag.done": (
        "đã gắn thẻ {name} trên commit {commit} (ký bởi {id}){pushed}",
        "tagged {name} on commit {commit} (signed by {id}){pushed}",
    ),
    "tag.done_again": (
        "thẻ {name} đã có trên commit {commit} (ký bởi {id}){pushed}",
        "tag {name} was already on commit {commit} (signed by {id}){pushed}",
    ),
    "tag.pushed": (", đã đẩy lên máy chủ", ", pushed to the server"),
}
