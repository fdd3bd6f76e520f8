"""The words of a page and the terms they give (hsdt.site.search.terms), by example and by
property; the search script's copy of these functions is compared with them in a real browser
(tests/test_site_search_browser.py)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from hsdt.site.search.terms import (
    MAX_WORD,
    distinct,
    fold_word,
    page_terms,
    query_terms,
    shard_of,
    words,
)
from tests.test_site_search_fold import phrases


def test_words_are_letters_and_digits_in_lower_case() -> None:
    assert words("Giáo án: lớp 6A1, tiết_2 (Đội)!") == [
        "giáo",
        "án",
        "lớp",
        "6a1",
        "tiết",
        "2",
        "đội",
    ]
    assert words("a" * MAX_WORD + " " + "b" * (MAX_WORD + 1)) == ["a" * MAX_WORD]
    assert fold_word("đồ") == "do"
    assert query_terms("Đồ DÙNG") == [("đồ", "do"), ("dùng", "dung")]


def test_a_page_gives_every_kind_of_term() -> None:
    terms = page_terms("Đồ dùng", "Đồ dùng dạy học")
    assert {"w:do", "w:dung", "w:day", "w:hoc"} <= terms
    assert {"e:đồ", "e:dùng", "e:dạy", "e:học"} <= terms
    assert {"b:do dung", "b:dung day", "b:day hoc"} <= terms
    assert {"p:du", "p:dun", "p:da", "p:ho"} <= terms
    assert "p:dung" not in terms
    assert "p:d" not in terms
    assert {"t:do", "t:dung"} <= terms
    assert "t:hoc" not in terms
    assert "e:do" not in page_terms("", "do")  # unaccented: its folded form says it all
    assert distinct(terms, "w") == 4


def test_shards_are_fnv1a() -> None:
    # FNV-1a of b"a" is 0xe40c292c: the script computes the same (browser test)
    assert shard_of("a", 2**32 - 1) == 0xE40C292C % (2**32 - 1)
    assert {shard_of(f"w:{n}", 7) for n in range(100)} == set(range(7))


@given(phrases, st.sampled_from(["NFC", "NFD"]))
def test_the_normalisation_form_does_not_change_the_terms(text: str, form: str) -> None:
    assert page_terms(text, unicodedata.normalize(form, text)) == page_terms(text, text)


@given(phrases)
def test_every_word_is_findable_folded(text: str) -> None:
    terms = page_terms("", text)
    for word, folded in query_terms(text):
        assert f"w:{folded}" in terms
        assert folded.isascii()
        assert (f"e:{word}" in terms) == (word != folded)
