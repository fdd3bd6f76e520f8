"""Vietnamese search in a real Chromium: the search box over a Pagefind index of a small site,
served under a Content Security Policy with no inline script.
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
from hsdt.site.search.index import PART_PAGES
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


@pytest.fixture(scope="module", params=[PART_PAGES, 3], ids=["one-part", "parts-of-3"])
def indexed_site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The test site indexed as one bundle, and again in parts of 3 pages that the search
    script merges (what a site of more than PART_PAGES pages gets): every test runs on both."""
    site = write_site(tmp_path_factory.mktemp("search") / "site")
    stats = index_site(site, part_pages=request.param)
    assert (stats.parts > 1) == (request.param == 3)
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
    # A query still being typed: the last word is a prefix.
    found = search(browser, "do dun")
    assert [h.path for h in found] == [DO_DUNG]
    assert {"Đồ", "dùng", "dùng:"} <= set(found[0].marked)
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
    # never shows (Pagefind may still offer a near word of another page for the unique one).
    for query in ("bimatnoibo", "bien ban noi bo", "khong duoc cong bo", "giao an"):
        found = search(browser, query)
        assert "/noi-bo/bien-ban/" not in [h.path for h in found]
        assert not [h for h in found if "bimatnoibo" in h.excerpt or "nội bộ" in h.title]
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
    """The script's spellings are hsdt.site.search.fold's."""
    from hsdt.site.search.fold import fold, mark_d, unmark_d

    rng = random.Random(2025)
    samples = ["Đồ dùng", "dđĐD", "giáo án phân số", "ĐỘI TUYỂN, đặc biệt: lớp 6A1", "a b a b a"]
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
             return [s.toIndex(text), s.unmark(s.toIndex(text)), s.fold(text)];
           });""",
        samples,
    )
    for text, (marked, back, folded) in zip(samples, got, strict=True):
        assert marked == mark_d(text)
        assert back == unmark_d(mark_d(text))
        assert folded == re.sub(r"[\W_]", "", fold(text).lower()), text


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
    # The only console errors are the missing bundle's 404s (its code and its list of parts,
    # fetched together), which the browser itself reports.
    errors = console_messages(browser)
    assert len(errors) == 2, errors
    assert "pagefind/pagefind.js" in errors[0] + errors[1]
    assert "pagefind/hsdt-parts.json" in errors[0] + errors[1]
    assert all("404" in error for error in errors)


@pytest.mark.parametrize("part_pages", [PART_PAGES, 3], ids=["one-part", "parts-of-3"])
def test_site_served_under_a_sub_path_links_its_own_pages(
    tmp_path: Path, static_server: Callable[..., str], browser: Any, part_pages: int
) -> None:
    """A GitHub Pages project site lives at /<repository>/: results link there, not to the
    server's root, and the excerpts still come from the pages' whole texts."""
    site = write_site(tmp_path / "root" / "truong")
    index_site(site, part_pages=part_pages)
    browser.get(static_server(tmp_path / "root", CSP) + "truong/")
    found = search(browser, "do dung")
    assert [h.path for h in found] == ["/truong" + DO_DUNG]
    # "đồ dùng" twice: the index holds it once, the whole text beside it both times
    assert "Chuẩn bị đồ dùng: thước kẻ" in found[0].excerpt
    browser.find_element(By.CSS_SELECTOR, ".hsdt-search__title").click()
    WebDriverWait(browser, 20).until(lambda b: urlsplit(b.current_url).path == "/truong" + DO_DUNG)
    assert browser.title == "Đồ dùng dạy học môn Toán"
    assert console_messages(browser) == []
