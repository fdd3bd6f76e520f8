"""Syllable pairs for the index (hsdt.site.search.pairs)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from hsdt.site.search.pairs import add_pairs, pair_tokens, telex, words_of
from tests.test_site_search_fold import LETTERS, phrases

words = st.text(alphabet=LETTERS, min_size=1, max_size=8)


def test_telex_examples() -> None:
    assert [telex(w) for w in ("Đồ", "dùng", "phân", "số", "phần", "lớp", "ươn", "ặ")] == [
        "ddoof",
        "dufng",
        "phaan",
        "soos",
        "phaafn",
        "lowsp",
        "uwown",
        "ajw",
    ]


def test_pair_tokens() -> None:
    folded, exact = pair_tokens(words_of("Đồ dùng: phân số, lớp 6."))
    assert folded == ["zpdodung", "zpdungphan", "zpphanso", "zpsolop", "zplop6"]
    assert exact == ["zxddoofdufng", "zxdufngphaan", "zxphaansoos", "zxsooslowsp", "zxlowsp6"]
    assert pair_tokens(["một"]) == ([], [])


def test_add_pairs_reads_the_body_text_only() -> None:
    page = (
        "<html><body><nav>thực đơn</nav>\n<main class=x data-pagefind-body>\n<h1>Đồ dùng</h1>"
        "<p>dạy <b>học</b><br>môn Toán.</p><script>var bien = 1</script>"
        "<div data-pagefind-ignore>bỏ qua</div><img alt='x' src='a.png'></main>"
        "<footer>chân trang</footer></body></html>"
    )
    out = add_pairs(page)
    meta = (
        '<span data-pagefind-meta="hsdt_pairs:zpdodung zpdungday zpdayhoc zphocmon zpmontoan '
        'zxddoofdufng zxdufngdajy zxdajyhojc zxhojcmoon zxmoontoasn"></span>'
    )
    assert out == page.replace("data-pagefind-body>\n", "data-pagefind-body>" + meta + "\n")


def test_add_pairs_leaves_other_pages_alone() -> None:
    assert add_pairs("<html><body><p>giáo án</p></body></html>") == (
        "<html><body><p>giáo án</p></body></html>"
    )
    assert add_pairs("<main data-pagefind-body><p>một</p></main>") == (
        "<main data-pagefind-body><p>một</p></main>"
    )


@given(words)
def test_telex_is_ascii_and_ignores_the_normalisation_form(word: str) -> None:
    assert telex(word).isascii()
    assert telex(unicodedata.normalize("NFD", word)) == telex(word)


@given(phrases)
def test_folded_tokens_do_not_depend_on_accents(text: str) -> None:
    from hsdt.site.search.fold import fold

    assert pair_tokens(words_of(fold(text)))[0] == pair_tokens(words_of(text))[0]
