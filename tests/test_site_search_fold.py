"""Vietnamese folding for search (hsdt.site.search.fold), by example and by property."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from hsdt.site.search.fold import fold

VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
LETTERS = VIETNAMESE + VIETNAMESE.upper()
words = st.text(alphabet=LETTERS, min_size=1, max_size=8)
phrases = st.lists(words, min_size=1, max_size=6).map(" ".join)
forms = st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"])


def decomposition_fold(text: str) -> str:
    """What most search engines' folding does (Pagefind's normalizeDiacritics): NFD, then drop
    every mark (\\p{M})."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M")
    )


def test_examples() -> None:
    assert fold("Giáo án") == "Giao an"
    assert fold("Đồ dùng dạy học") == "Do dung day hoc"
    assert fold("phân số") == "phan so"
    assert fold("ĐỘI TUYỂN") == "DOI TUYEN"


@given(phrases, forms)
def test_fold_ignores_the_normalisation_form(text: str, form: str) -> None:
    assert fold(unicodedata.normalize(form, text)) == fold(text)


@given(phrases)
def test_fold_gives_ascii_of_the_same_length(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert len(folded) == len(unicodedata.normalize("NFC", text))
    assert fold(folded) == folded


@given(phrases)
def test_fold_goes_further_than_decomposition(text: str) -> None:
    # Decomposition keeps đ: the reason fold exists.
    assert decomposition_fold(fold(text)) == fold(text)
    if "đ" in text.lower():
        assert re.search("[đĐ]", decomposition_fold(text))
        assert not re.search("[đĐ]", fold(text))
