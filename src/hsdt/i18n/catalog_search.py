"""Messages of the website's search index (hsdt.site.search)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "search.not_a_bundle": (
        "thư mục '{path}' của trang web không phải chỉ mục tìm kiếm của hsdt: đổi tên nó, hsdt không xóa thư mục lạ",
        "the site's folder '{path}' is not hsdt's search index: rename it, hsdt does not delete a folder it did not make",
    ),
    "search.unreadable": (
        "không đọc được trang '{path}' để lập chỉ mục tìm kiếm: {detail}",
        "cannot read the page '{path}' to index it for search: {detail}",
    ),
}
