"""What Pagefind is given of a page (hsdt.site.search.compact): the searchable element only,
each word form once, filter values and the title whole, the page's whole text kept apart."""

from __future__ import annotations

from hsdt.site.search.compact import body_element, compact_body, compact_page

PAGE = (
    '<!doctype html><html lang="vi"><head><title>Đồ dùng</title><script>var x = 1;</script>'
    '</head><body><nav>Menu dùng chung</nav><div class="hsdt-record" data-pagefind-body>'
    '<h1 data-pagefind-meta="title">Đồ dùng dạy học</h1>'
    '<dl><dt><span class="hsdt-vi" lang="vi">Giáo viên</span>'
    '<span class="hsdt-en" lang="en" data-pagefind-ignore>Teacher</span></dt>'
    '<dd data-pagefind-filter="giao_vien">Đỗ Thị Tạm</dd></dl>'
    "<div><p>Chuẩn bị đồ dùng: thước, bảng phụ. Đồ dùng &amp; thước kẻ.</p></div>"
    "<p>Giáo viên Đỗ Thị Tạm dạy.</p></div><footer>Chân trang</footer></body></html>"
)


def test_the_searchable_element_is_cut_out_whole() -> None:
    element = body_element(PAGE)
    assert element is not None
    assert element.startswith('<div class="hsdt-record" data-pagefind-body>')
    assert element.endswith("<p>Giáo viên Đỗ Thị Tạm dạy.</p></div>")  # nested divs balanced
    assert body_element("<html><body><p>không có</p></body></html>") is None


def test_each_word_form_is_kept_once_and_values_whole() -> None:
    body, text = compact_body(body_element(PAGE) or "")
    assert '<h1 data-pagefind-meta="title">Đồ dùng dạy học</h1>' in body
    assert '<dd data-pagefind-filter="giao_vien">Đỗ Thị Tạm</dd>' in body
    assert "data-pagefind-ignore>Teacher</span>" in body
    # "đồ", "dùng" were in the title: the body keeps what is new, a word with its punctuation
    # ("&" is no word); the last paragraph's words were all seen (the name in a filter value)
    assert "<p> Chuẩn bị thước, bảng phụ. kẻ. </p>" in body
    assert body.endswith("<p> </p></div>")
    assert text == (
        "Đồ dùng dạy học Giáo viên Đỗ Thị Tạm Chuẩn bị đồ dùng: thước, bảng phụ. "
        "Đồ dùng & thước kẻ. Giáo viên Đỗ Thị Tạm dạy."
    )


def test_the_copy_keeps_language_and_title_and_nothing_outside() -> None:
    made = compact_page(PAGE)
    assert made is not None
    page, _text = made
    assert page.startswith('<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">')
    assert "<title>Đồ dùng</title>" in page
    for outside in ("Menu", "Chân trang", "var x"):
        assert outside not in page
    assert compact_page("<html><body>không có</body></html>") is None
