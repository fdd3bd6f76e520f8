"""The built site of tests/site_world.py in Debian's headless Chromium (tests/browser.py),
served on 127.0.0.1: browse from the home to a published lesson plan by year → group →
teacher → type and by week, download its PDF and verify it, and open the hostile record and
the pages listing it with the console and the dialog hook silent."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By

from tests.browser import console_messages, dialog_calls
from tests.conftest import run_hsdt
from tests.samples import LESSON_REL
from tests.site_world import PAYLOAD_REL, TITLE_PAYLOAD, SiteWorld
from tests.test_site_build import page_of

LESSON_TITLE = "Phân số bằng nhau"


@pytest.fixture
def base(site_world: SiteWorld, static_server: Callable[..., str]) -> str:
    return static_server(site_world.site)


def follow(browser: Any, text: str) -> None:
    """Click the link of the page's content whose text is ``text``."""
    links = browser.find_elements(By.CSS_SELECTOR, ".md-content a")
    chosen = [a for a in links if a.text.strip() == text]
    assert chosen, (text, [a.text for a in links])
    browser.get(chosen[0].get_attribute("href"))


def heading(browser: Any) -> str:
    return str(browser.find_element(By.CSS_SELECTOR, ".md-content h1").text)


def test_from_the_home_to_a_lesson_plan_by_year_group_teacher_type(
    browser: Any, base: str, site_world: SiteWorld, tmp_path: Path
) -> None:
    browser.get(base)
    assert "Lê Khắc Cẩn" in heading(browser)
    for text in (
        "Năm học 2025-2026",
        "Tổ Khoa học tự nhiên (Toán - Tin - KHTN)",
        "Đỗ Thị Tạm",
        "Kế hoạch bài dạy (THCS, THPT — Công văn 5512, Phụ lục IV)",
        LESSON_TITLE,
    ):
        follow(browser, text)
    assert heading(browser) == LESSON_TITLE
    assert "Hoàng Văn Giả Định" in browser.find_element(By.CSS_SELECTOR, ".hsdt-approvals").text
    link = browser.find_element(By.CSS_SELECTOR, ".hsdt-download a").get_attribute("href")
    with urllib.request.urlopen(link, timeout=10) as answer:  # the browser's own URL, local
        data = answer.read()
    assert data.startswith(b"%PDF-")
    downloaded = tmp_path / "ban-ky.pdf"
    downloaded.write_bytes(data)
    done = run_hsdt("verify", "--offline", str(downloaded), cwd=site_world.root)
    assert done.code == 0, done.out + done.err
    assert console_messages(browser) == []
    assert dialog_calls(browser) == []


def test_from_the_home_to_a_lesson_plan_by_week(browser: Any, base: str) -> None:
    browser.get(base)
    follow(browser, "Các tuần năm học 2025-2026")
    follow(browser, "Tuần 6 (13/10/2025 – 19/10/2025)")
    follow(browser, LESSON_TITLE)
    assert heading(browser) == LESSON_TITLE
    assert console_messages(browser) == []


def test_hostile_record_executes_nothing(browser: Any, base: str, site_world: SiteWorld) -> None:
    record = page_of(site_world.site, PAYLOAD_REL).parent.relative_to(site_world.site)
    for path in ("", "ho-so/", f"{record.as_posix()}/", "ho-so/tuan/2025-2026/06/"):
        browser.get(base + path)
        assert dialog_calls(browser) == [], path
        assert console_messages(browser) == [], path
    browser.get(f"{base}{record.as_posix()}/")
    assert heading(browser) == TITLE_PAYLOAD
    body = browser.find_element(By.CSS_SELECTOR, ".hsdt-body")
    assert body.find_elements(By.CSS_SELECTOR, "script, iframe, [onclick], [onerror]") == []
    # the only style left is the one hsdt gives a typeset formula (its baseline), never the
    # record's own
    styles = [
        (e.tag_name, e.get_attribute("style") or "")
        for e in body.find_elements(By.CSS_SELECTOR, "[style]")
    ]
    assert styles, "the lesson's formulas are typeset"
    assert all(
        tag == "svg" and re.fullmatch(r"vertical-align: -?\d+(\.\d+)?px;?", style)
        for tag, style in styles
    ), styles
    for link in body.find_elements(By.TAG_NAME, "a"):
        link.click()  # neither javascript: link does anything
    assert dialog_calls(browser) == []


def test_the_english_switch_shows_the_labels_in_english(browser: Any, base: str) -> None:
    browser.get(base)
    follow(browser, LESSON_TITLE)  # among the latest publications
    meta = browser.find_element(By.CSS_SELECTOR, ".hsdt-meta")
    assert "Giáo viên" in meta.text
    assert "Teacher" not in meta.text
    switch = browser.find_element(By.CSS_SELECTOR, ".md-header__inner .hsdt-lang")
    assert switch.text == "English"
    switch.click()
    meta = browser.find_element(By.CSS_SELECTOR, ".hsdt-meta")
    assert "Teacher" in meta.text
    assert "Giáo viên" not in meta.text
    assert "Approval chain" in browser.find_element(By.ID, "duyet").text
    assert heading(browser) == LESSON_TITLE  # the record itself stays as written
    # the choice holds on the next page, and switches back
    browser.get(browser.current_url)
    assert "Teacher" in browser.find_element(By.CSS_SELECTOR, ".hsdt-meta").text
    switch = browser.find_element(By.CSS_SELECTOR, ".hsdt-lang")
    assert switch.text == "Tiếng Việt"
    switch.click()
    assert "Giáo viên" in browser.find_element(By.CSS_SELECTOR, ".hsdt-meta").text
    assert console_messages(browser) == []


def test_search_on_the_built_site_finds_published_records_only(
    browser: Any, base: str, site_world: SiteWorld
) -> None:
    """The site's own search box, typed without accents, over the index the build wrote."""
    from tests.site_world import (
        PERSONAL_REL,
        POST_TITLE,
        PUPIL,
        SECRETS,
        SENT_BACK_REL,
        UNAPPROVED_REL,
    )
    from tests.test_site_search_browser import search

    def url_of(rel: str) -> str:
        return f"/{page_of(site_world.site, rel).parent.relative_to(site_world.site).as_posix()}/"

    browser.get(base)
    lesson, personal = url_of(LESSON_REL), url_of(PERSONAL_REL)
    found = search(browser, "phan so bang nhau")
    assert found[0].path == lesson
    assert found[0].title == LESSON_TITLE
    paths = {h.path for h in search(browser, "phan so")}
    assert {lesson, personal} <= paths  # the personal record is published without its field
    hidden = [UNAPPROVED_REL, SENT_BACK_REL]
    assert not [p for p in paths for rel in hidden if Path(rel).stem in p]
    assert lesson in {h.path for h in search(browser, "do thi tam")}  # the teacher, đ typed as d
    assert [h.title for h in search(browser, "hoi giang")] == [POST_TITLE]
    for word in [*SECRETS.values(), PUPIL.split()[-1], "bimat"]:
        assert search(browser, word.lower()) == [], word
    # a result opens its record
    search(browser, "phan so bang nhau")
    browser.find_element(By.CSS_SELECTOR, ".hsdt-search__title").click()
    assert heading(browser) == LESSON_TITLE
    assert console_messages(browser) == []
    assert dialog_calls(browser) == []
