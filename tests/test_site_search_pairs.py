"""Syllable pairs for the index (hsdt.site.search.pairs)."""

from __future__ import annotations

import itertools
import unicodedata

from hypothesis import given

from hsdt.site.search.fold import D_MARK, fold
from hsdt.site.search.pairs import add_pairs, pair_tokens, words_of
from tests.test_site_search_fold import phrases

D = "d" + D_MARK


def test_pair_tokens() -> None:
    assert pair_tokens(words_of("Đồ dùng: phân số, lớp 6. Phân số!")) == [
        f"zp{D}ồdùng",
        "zpdùngphân",
        "zpphânsố",
        "zpsốlớp",
        "zplớp6",
        "zp6phân",
    ]
    assert pair_tokens(["một"]) == []


def test_add_pairs_reads_the_body_text_only() -> None:
    page = (
        "<html><body><nav>thực đơn</nav>\n<main class=x data-pagefind-body>\n<h1>Đồ dùng</h1>"
        "<p>dạy <b>học</b><br>môn Toán.</p><script>var bien = 1</script>"
        "<div data-pagefind-ignore>bỏ qua</div><img alt='x' src='a.png'></main>"
        "<footer>chân trang</footer></body></html>"
    )
    meta = (
        f'<span data-pagefind-meta="hsdt_pairs:zp{D}ồdùng zpdùngdạy zpdạyhọc zphọcmôn '
        'zpmôntoán"></span>'
    )
    assert add_pairs(page) == page.replace(
        "data-pagefind-body>\n", "data-pagefind-body>" + meta + "\n"
    )


def test_add_pairs_leaves_other_pages_alone() -> None:
    assert add_pairs("<html><body><p>giáo án</p></body></html>") == (
        "<html><body><p>giáo án</p></body></html>"
    )
    assert add_pairs("<main data-pagefind-body><p>một</p></main>") == (
        "<main data-pagefind-body><p>một</p></main>"
    )


@given(phrases)
def test_tokens_fold_to_the_folded_pairs(text: str) -> None:
    tokens = pair_tokens(words_of(text))
    words = words_of(fold(text))
    want = list(dict.fromkeys("zp" + a + b for a, b in itertools.pairwise(words)))
    # Pagefind's folding (NFD, marks dropped) of each token is the pair of folded words.
    got = [
        "".join(c for c in unicodedata.normalize("NFD", t) if unicodedata.category(c)[0] != "M")
        for t in tokens
    ]
    assert list(dict.fromkeys(got)) == want
    assert all(unicodedata.is_normalized("NFC", t) for t in tokens)
