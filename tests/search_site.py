"""A small static site of record-like pages for the search tests, written as the site helper's
pages are: the searchable content in one ``data-pagefind-body`` element, the search box's assets
linked as files, no inline script.
"""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

from hsdt.site.search import asset_files

CSP = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"
    )
}
"""The policy the tests serve the site with: no inline script or style, no WebAssembly."""


@dataclass(frozen=True)
class Page:
    """One page of the test site."""

    path: str
    """Folder of its index.html, relative to the site, ``/``-ended (``""`` for the home)."""
    title: str
    body: str
    """Plain text of the body (escaped when written)."""
    indexed: bool = True
    """Whether the page carries ``data-pagefind-body``."""
    search_page: bool = False
    """Whether the page is a search page (an element with ``data-hsdt-search``)."""
    lang: str = "vi"


PAGES = (
    Page("", "Trường TH&THCS Lê Khắc Cẩn", "Trang chủ của trường.", indexed=False),
    Page("tim-kiem/", "Tìm kiếm", "", indexed=False, search_page=True),
    Page("en/", "Le Khac Can school", "The school's home page.", indexed=False, lang="en"),
    Page(
        "2025-2026/toan/nguyen-van-an/khbd/tuan-07/",
        "Giáo án tuần 7: Hình chữ nhật",
        "Kế hoạch bài dạy môn Toán lớp 4. Giáo án gồm mục tiêu, năng lực và phẩm chất.",
    ),
    Page(
        "2025-2026/toan/tran-thi-binh/khbd/tuan-08/",
        "Đồ dùng dạy học môn Toán",
        "Chuẩn bị đồ dùng: thước kẻ, bảng phụ. Đội tuyển học sinh giỏi tham gia.",
    ),
    Page(
        "2025-2026/toan/le-van-cuong/khbd/tuan-09/",
        "Luyện tập tuần 9",
        "Luyện tập về phân số và thực hành.",
    ),
    Page(
        "2025-2026/toan/le-van-cuong/khbd/tuan-10/",
        "Luyện tập tuần 10",
        "Luyện tập về phần số và thực hành.",
    ),
    Page(
        "2025-2026/van/pham-thi-dung/khbd/tuan-07/",
        "Bài có <i>ký tự</i> lạ",
        "Mã <img src=x onerror=alert(1)> và <script>alert(2)</script> kyhieulathuong.",
    ),
    Page(
        "noi-bo/bien-ban/",
        "Biên bản nội bộ",
        "Giáo án đồ dùng phân số bimatnoibo không được công bố.",
        indexed=False,
    ),
)
"""Home pages (Vietnamese, English) and a search page, five published records, one page that must stay out of the index."""


def _page_html(page: Page) -> str:
    depth = "../" * page.path.count("/")
    assets = depth + "assets/hsdt/"
    attr = " data-pagefind-body" if page.indexed else ""
    search = '<div class="search-page" data-hsdt-search></div>' if page.search_page else ""
    return (
        f'<!doctype html>\n<html lang="{page.lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(page.title)}</title>"
        '<link rel="icon" href="data:,">'
        f'<link rel="stylesheet" href="{assets}hsdt-search.css">'
        f'<script src="{assets}hsdt-search.js" defer></script></head>'
        f'<body><header class="md-header"><nav class="md-header__inner">'
        f'<a href="{depth or "./"}">Trang chủ</a></nav></header>{search}'
        f"<main{attr}><h1>{html.escape(page.title)}</h1><p>{html.escape(page.body)}</p></main>"
        "</body></html>\n"
    )


def write_site(root: Path, pages: tuple[Page, ...] = PAGES) -> Path:
    """Write ``pages`` and the search box's assets under ``root``; returns ``root``."""
    for page in pages:
        target = root / page.path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page_html(page), encoding="utf-8")
    for uri, source in asset_files().items():
        dest = root / uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
    return root
