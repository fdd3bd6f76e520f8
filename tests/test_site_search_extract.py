"""What the index reads of a built page (hsdt.site.search.extract): the searchable element's
text, without scripts, styles or the English twins of labels, and its title."""

from __future__ import annotations

from hsdt.site.search.extract import body_element, page_content

PAGE = (
    '<!doctype html><html lang="vi"><head><title>Tiêu đề cửa sổ</title><script>var x = 1;</script>'
    '</head><body><nav>Menu dùng chung</nav><div class="hsdt-record" data-pagefind-body>'
    '<h1 data-pagefind-meta="title">Đồ dùng <i>dạy</i> học</h1>'
    '<dl><dt><span class="hsdt-vi" lang="vi">Giáo viên</span>'
    '<span class="hsdt-en" lang="en" data-pagefind-ignore>Teacher</span></dt>'
    '<dd data-pagefind-filter="giao_vien">Đỗ Thị Tạm</dd></dl><script>secret()</script>'
    "<style>.x{}</style><div><p>Chuẩn bị đồ dùng: thước, bảng phụ. Đồ dùng &amp; thước"
    " kẻ.</p></div><p>Giáo viên Đỗ Thị Tạm dạy.</p></div><footer>Chân trang</footer></body></html>"
)


def test_the_searchable_element_is_cut_out_whole() -> None:
    element = body_element(PAGE)
    assert element is not None
    assert element.startswith('<div class="hsdt-record" data-pagefind-body>')
    assert element.endswith("<p>Giáo viên Đỗ Thị Tạm dạy.</p></div>")  # nested divs balanced
    assert body_element("<html><body><p>không có</p></body></html>") is None
    assert body_element("<main data-pagefind-body><p>không đóng") == (
        "<main data-pagefind-body><p>không đóng"
    )


def test_text_and_title_as_the_page_shows_them() -> None:
    content = page_content(PAGE)
    assert content is not None
    assert content.title == "Đồ dùng dạy học"
    assert content.text == (
        "Đồ dùng dạy học Giáo viên Đỗ Thị Tạm Chuẩn bị đồ dùng: thước, bảng phụ. "
        "Đồ dùng & thước kẻ. Giáo viên Đỗ Thị Tạm dạy."
    )
    for never in ("Teacher", "secret", ".x{}", "Menu", "Chân trang", "Tiêu đề cửa sổ"):
        assert never not in content.text


def test_without_a_title_element_the_window_title_names_the_page() -> None:
    page = "<html><head><title>Luyện &amp; tập</title></head><body><main data-pagefind-body>"
    content = page_content(page + "<h1>Luyện tập</h1><p>Phân số.</p></main></body></html>")
    assert content is not None
    assert content.title == "Luyện & tập"
    assert content.text == "Luyện tập Phân số."
    bare = page_content("<main data-pagefind-body>chữ</main>")
    assert bare is not None
    assert bare.title == ""
    assert page_content("<html><body>không có</body></html>") is None
