"""Messages of the website's search index (hsdt.site.search)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "search.no_pagefind": (
        "thiếu Pagefind để lập chỉ mục tìm kiếm; cài đặt: pip install 'hsdt[site]'",
        "Pagefind is missing, the search index cannot be built; install: pip install 'hsdt[site]'",
    ),
    "search.not_a_bundle": (
        "thư mục '{path}' của trang web không phải chỉ mục Pagefind: đổi tên nó, hsdt không xóa thư mục lạ",
        "the site's folder '{path}' is not a Pagefind bundle: rename it, hsdt does not delete a folder it did not make",
    ),
    "search.pagefind_failed": (
        "Pagefind không lập được chỉ mục tìm kiếm: {detail}",
        "Pagefind could not build the search index: {detail}",
    ),
}
