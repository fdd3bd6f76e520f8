"""Vietnamese search in a real Chromium: the search box over hsdt's index of a small site,
served under a Content Security Policy with no inline script and no WebAssembly.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from hsdt.site.search import index_site
from tests.browser import console_messages, dialog_calls
from tests.search_site import CSP, PAGES, write_site
from tests.test_site_search_fold import LETTERS

GIAO_AN = "/2025-2026/toan/nguyen-van-an/khbd/tuan-07/"
DO_DUNG = "/2025-2026/toan/tran-thi-binh/khbd/tuan-08/"
PHAN_SO = "/2025-2026/toan/le-van-cuong/khbd/tuan-09/"
PHAN_SO_OTHER = "/2025-2026/toan/le-van-cuong/khbd/tuan-10/"
ODD = "/2025-2026/van/pham-thi-dung/khbd/tuan-07/"


@dataclass(frozen=True)
class Hit:
    """One result as the page shows it."""

    title: str
    path: str
    excerpt: str
    marked: tuple[str, ...]
    """The highlighted words of the excerpt."""


@pytest.fixture(scope="module")
def indexed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test site, indexed."""
    site = write_site(tmp_path_factory.mktemp("search") / "site")
    assert index_site(site).pages == sum(p.indexed for p in PAGES)
    return site


@pytest.fixture
def base(indexed_site: Path, static_server: Callable[..., str]) -> str:
    return static_server(indexed_site, CSP)


def status(browser: Any) -> str:
    return str(browser.find_element(By.CSS_SELECTOR, ".hsdt-search__status").text)


def hits(browser: Any) -> list[Hit]:
    found = []
    for li in browser.find_elements(By.CSS_SELECTOR, ".hsdt-search__result"):
        link = li.find_element(By.CSS_SELECTOR, "a")
        excerpt = li.find_element(By.CSS_SELECTOR, ".hsdt-search__excerpt")
        marks = tuple(m.text for m in excerpt.find_elements(By.TAG_NAME, "mark"))
        found.append(Hit(link.text, urlsplit(link.get_attribute("href")).path, excerpt.text, marks))
    return found


def search(browser: Any, query: str) -> list[Hit]:
    """Type ``query`` into the search box and wait for its results."""
    box = browser.find_element(By.ID, "hsdt-search-input")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    box.send_keys(query)
    WebDriverWait(browser, 20).until(
        lambda b: (
            b.find_element(By.CSS_SELECTOR, ".hsdt-search__results").get_attribute("data-query")
            == query.strip()
        )
    )
    return hits(browser)


def test_typed_without_accents_finds_accented_records(browser: Any, base: str) -> None:
    browser.get(base)
    assert [h.path for h in search(browser, "giao an")] == [GIAO_AN]
    assert status(browser) == "1 kết quả"
    found = search(browser, "do dung")
    assert [h.path for h in found] == [DO_DUNG]
    # What is shown is the record's own spelling: đ, not the index's marked d.
    assert found[0].title == "Đồ dùng dạy học môn Toán"
    assert "đồ dùng" in found[0].excerpt
    assert set(found[0].marked) >= {"Đồ", "dùng"}
    assert [h.path for h in search(browser, "Do Dung")] == [DO_DUNG]
    assert [h.path for h in search(browser, "DO DUNG")] == [DO_DUNG]
    assert [h.path for h in search(browser, "doi tuyen")] == [DO_DUNG]
    assert {h.path for h in search(browser, "phan so")} == {PHAN_SO, PHAN_SO_OTHER}
    # Words that are not side by side on the page.
    found = search(browser, "giao an nang luc")
    assert [h.path for h in found] == [GIAO_AN]
    assert set(found[0].marked) == {"Giáo", "án", "năng", "lực"}
    # A query still being typed: the last word is a prefix; a one-letter last word after
    # others narrows nothing yet.
    found = search(browser, "do dun")
    assert [h.path for h in found] == [DO_DUNG]
    assert {"Đồ", "dùng", "dùng:"} <= set(found[0].marked)
    assert [h.path for h in search(browser, "giao a")] == [GIAO_AN]
    assert [h.path for h in search(browser, "doi t")] == [DO_DUNG]
    assert search(browser, "z") == []  # a lone letter is a whole word ("x" is one: src=x)
    assert console_messages(browser) == []
    assert dialog_calls(browser) == []


def test_accented_query_ranks_the_exact_spelling_first(browser: Any, base: str) -> None:
    browser.get(base)
    assert [h.path for h in search(browser, "phân số")] == [PHAN_SO, PHAN_SO_OTHER]
    assert [h.path for h in search(browser, "phần số")] == [PHAN_SO_OTHER, PHAN_SO]
    assert [h.path for h in search(browser, "đồ dùng")] == [DO_DUNG]
    assert [h.path for h in search(browser, "Đội")] == [DO_DUNG]
    # A keyboard that sends decomposed letters (o + circumflex + grave) finds the same.
    assert [h.path for h in search(browser, unicodedata.normalize("NFD", "đồ dùng"))] == [DO_DUNG]
    assert console_messages(browser) == []


def test_unpublished_page_and_missing_word(browser: Any, base: str) -> None:
    browser.get(base)
    # Its words are everywhere, its own word is unique: the page without data-pagefind-body
    # never shows.
    for query in ("bimatnoibo", "bien ban noi bo", "khong duoc cong bo", "giao an"):
        found = search(browser, query)
        assert "/noi-bo/bien-ban/" not in [h.path for h in found]
        assert not [h for h in found if "bimatnoibo" in h.excerpt or "nội bộ" in h.title]
    assert search(browser, "bimatnoibo") == []
    assert search(browser, "zzzz") == []
    assert status(browser) == "Không tìm thấy kết quả cho “zzzz”"
    assert console_messages(browser) == []


def test_record_text_that_looks_like_markup_stays_text(browser: Any, base: str) -> None:
    browser.get(base)
    found = search(browser, "kyhieulathuong")
    assert [h.path for h in found] == [ODD]
    assert found[0].title == "Bài có <i>ký tự</i> lạ"
    assert "<img src=x onerror=alert(1)>" in found[0].excerpt
    assert (
        browser.find_elements(By.CSS_SELECTOR, ".hsdt-search__results img, script:not([src])") == []
    )
    assert dialog_calls(browser) == []
    assert console_messages(browser) == []


def test_search_page_reads_the_query_from_the_address(browser: Any, base: str) -> None:
    browser.get(base + "tim-kiem/?q=" + quote("phan so"))
    WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "[data-hsdt-search] .hsdt-search__result")
    )
    assert {h.path for h in hits(browser)} == {PHAN_SO, PHAN_SO_OTHER}
    assert browser.find_element(By.ID, "hsdt-search-input").get_attribute("value") == "phan so"
    assert console_messages(browser) == []


def test_english_page_gets_english_labels(browser: Any, base: str) -> None:
    browser.get(base + "en/")
    box = browser.find_element(By.ID, "hsdt-search-input")
    assert box.get_attribute("placeholder") == "Search records (accents optional)"
    assert [h.path for h in search(browser, "giao an")] == [GIAO_AN]
    assert status(browser) == "1 result"
    search(browser, "zzzz")
    assert status(browser) == "No results for “zzzz”"


def test_query_spelling_matches_the_index_spelling(browser: Any, base: str) -> None:
    """The script's words, folding and term files are hsdt.site.search.terms'."""
    from hsdt.site.search.fold import fold
    from hsdt.site.search.terms import query_terms, shard_of

    rng = random.Random(2025)
    samples = ["Đồ dùng", "dđĐD", "giáo án phân số", "ĐỘI TUYỂN, đặc biệt: lớp 6A1", "a b a b a"]
    samples.append("x" * 41 + " ngắn " + "y" * 40)  # a run longer than a word is not one
    for _ in range(200):
        phrase = " ".join(
            "".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 7)))
            for _ in range(rng.randint(1, 4))
        )
        samples.append(unicodedata.normalize(rng.choice(["NFC", "NFD"]), phrase))
    browser.get(base)
    got = browser.execute_script(
        """return arguments[0].map((text) => {
             const s = window.hsdtSearch;
             const words = s.words(text);
             return [words.map((w) => [w, s.foldWord(w)]), s.fold(text),
                     words.map((w) => s.shardOf("w:" + s.foldWord(w), 997))];
           });""",
        samples,
    )
    for text, (pairs, folded, shards) in zip(samples, got, strict=True):
        expected = query_terms(text)
        assert [tuple(p) for p in pairs] == expected, text
        assert folded == re.sub(r"[\W_]", "", fold(text).lower()), text
        assert shards == [shard_of(f"w:{f}", 997) for _w, f in expected], text


def test_site_with_nothing_published_says_so(
    tmp_path: Path, static_server: Callable[..., str], browser: Any
) -> None:
    site = write_site(tmp_path / "site", tuple(p for p in PAGES if not p.indexed))
    assert index_site(site).pages == 0
    browser.get(static_server(site, CSP))
    assert search(browser, "giao an") == []
    assert status(browser) == (
        "Chưa có chỉ mục tìm kiếm: trang web chưa công bố hồ sơ nào, hoặc không tải được"
    )
    # The only console error is the missing index's 404, which the browser itself reports.
    errors = console_messages(browser)
    assert len(errors) == 1, errors
    assert "chi-muc/hsdt-index.json" in errors[0]
    assert "404" in errors[0]


def test_site_served_under_a_sub_path_links_its_own_pages(
    tmp_path: Path, static_server: Callable[..., str], browser: Any
) -> None:
    """A GitHub Pages project site lives at /<repository>/: results link there, not to the
    server's root, and the excerpts still come from the pages' whole texts."""
    site = write_site(tmp_path / "root" / "truong")
    index_site(site)
    browser.get(static_server(tmp_path / "root", CSP) + "truong/")
    found = search(browser, "do dung")
    assert [h.path for h in found] == ["/truong" + DO_DUNG]
    # the excerpt comes from the page's whole text, beside the index
    assert "Chuẩn bị đồ dùng: thước kẻ" in found[0].excerpt
    browser.find_element(By.CSS_SELECTOR, ".hsdt-search__title").click()
    WebDriverWait(browser, 20).until(lambda b: urlsplit(b.current_url).path == "/truong" + DO_DUNG)
    assert browser.title == "Đồ dùng dạy học môn Toán"
    assert console_messages(browser) == []


def test_words_side_by_side_and_in_the_title_rank_first(
    tmp_path: Path, static_server: Callable[..., str], browser: Any
) -> None:
    from tests.search_site import Page

    apart = Page("a/", "Bản ghi", "Bản án được giáo viên đọc.")
    together = Page("b/", "Bài học", "Soạn giáo án môn Toán.")
    titled = Page("c/", "Giáo án tuần 1", "Nội dung của giáo án.")
    prefix_only = Page("d/", "Ánh sáng", "Giáo viên dạy về ánh sáng.")
    home = Page("", "Trang chủ", "", indexed=False)
    site = write_site(tmp_path / "site", (home, apart, together, titled, prefix_only))
    index_site(site)
    browser.get(static_server(site, CSP))
    # every page has both words ("an" as the last word also matches "ánh" as a prefix)
    assert [h.path for h in search(browser, "giao an")] == ["/c/", "/b/", "/a/", "/d/"]
    assert status(browser) == "4 kết quả"
    # typed with accents: the exact spellings first; "ánh" is only a prefix of nothing typed
    assert [h.path for h in search(browser, "giáo án")] == ["/c/", "/b/", "/a/", "/d/"]
    assert [h.path for h in search(browser, "giao anh")] == ["/d/"]
    assert [h.path for h in search(browser, "ban an")] == ["/a/"]
    assert console_messages(browser) == []
