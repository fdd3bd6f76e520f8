"""Formulas in a record's body: which ``$`` are formulas, whether their TeX parses (the
``cong-thuc`` rule of ``hsdt check``), and the SVG that replaces them in the sanitised HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hsdt.load.formula import find_formulas, tex_error
from hsdt.render.markup import to_html
from tests.conftest import Result, write
from tests.samples import LESSON_REL, lesson_with


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (r"Phân số $\frac{a}{b}$ và $x^2$.", [(r"\frac{a}{b}", False), ("x^2", False)]),
        ("$$\n\\sum_{i=1}^n i\n$$", [(r"\sum_{i=1}^n i", True)]),
        ("Giá vé 50.000$ một em.", []),
        ("Giá $5 và $10 một em.", []),
        ("5$/kg và 7$/kg", []),
        ("từ $5-$7 mỗi em", []),
        (r"Viết \$x\$ để in dấu đô-la.", []),
        ("Mã `$a$` trong code.", []),
        ("```\n$a$\n```\n", []),
        ("$ a $ có dấu cách", []),
        ("$a$b", [("a", False)]),
        ("a$b$", []),
        (r"$\$5$", [(r"\$5", False)]),
    ],
)
def test_delimiter_rule(text: str, found: list[tuple[str, bool]]) -> None:
    assert [(f.tex, f.display) for f in find_formulas(text)] == found


def test_formula_lines_count_from_the_body_start() -> None:
    body = "Dòng một.\n\nDòng ba $x$.\n\n$$\ny\n$$\n"
    assert [(f.tex, f.line) for f in find_formulas(body, body_line=7)] == [("x", 9), ("y", 11)]


@given(st.text(alphabet="0123456789.,$ đ/kgvàgiá", max_size=40))
def test_money_is_never_a_formula(text: str) -> None:
    # Amounts written with digits and dollar signs but no formula letters stay text, except
    # a dollar-delimited run that starts right after a space and ends before a non-digit.
    for formula in find_formulas(text):
        start = formula.start
        assert start == 0 or not text[start - 1].isalnum()
        assert not text[formula.end : formula.end + 1].isdigit()


@pytest.mark.parametrize(
    ("tex", "key"),
    [
        (r"\frac{a}{", "formula.missing_argument"),
        ("x^", "formula.missing_argument"),
        (r"\left( x", "formula.unbalanced"),
        (r"\begin{matrix} a \end{pmatrix}", "formula.unbalanced"),
        (r"\phanso{a}{b}", "formula.unknown_command"),
        ("x^2^3", "formula.double_script"),
    ],
)
def test_broken_tex_is_named(tex: str, key: str) -> None:
    found = tex_error(tex)
    assert found is not None
    assert found.key == key


def test_good_tex_parses() -> None:
    for tex in (r"\frac{a}{b}", r"\sqrt[3]{x^2+1}", r"\sum_{i=1}^{n} i", r"a \cdot d = b \cdot c"):
        assert tex_error(tex) is None


def test_formula_becomes_checked_svg_after_sanitising() -> None:
    html = to_html(r"Hai phân số $\frac{a}{b}$ và $\frac{c}{d}$; giá 50.000$.")
    assert r"\frac" not in re.sub(r'title="[^"]*"', "", html)
    assert html.count('<span class="cong-thuc"') == 2
    assert "giá 50.000$." in html
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert "<path" in svg
        assert "script" not in svg
        assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert not re.search(r'href="(?!#)', svg)
    first = set(re.findall(r'id="([^"]+)"', svgs[0]))
    second = set(re.findall(r'id="([^"]+)"', svgs[1]))
    assert first
    assert second
    assert not first & second


def test_display_formula_has_its_own_centred_line() -> None:
    html = to_html("Ta có:\n\n$$\n\\frac{1}{2} = \\frac{2}{4}\n$$\n\nVậy hai phân số bằng nhau.")
    assert '<p class="cong-thuc-dong"><span class="cong-thuc-khoi"' in html


def test_raw_svg_in_a_record_is_still_removed() -> None:
    html = to_html(
        '$x$ <svg onload="alert(1)"><script>alert(2)</script><use href="http://evil/"/></svg>'
        "\n\nhsdt0000m0x"
    )
    assert html.count("<svg") == 1
    assert "alert" not in html
    assert "evil" not in html
    assert "hsdt0000m0x" in html


def test_broken_formula_prints_a_marked_error() -> None:
    html = to_html(r"Sai: $\frac{a}{$ nhé.")
    assert '<span class="cong-thuc-loi">Công thức lỗi: <code>\\frac{a}{</code></span>' in html
    assert "<svg" not in html


def test_escaped_dollar_prints_as_a_dollar() -> None:
    assert "<p>Giá $5 và $x$.</p>" in to_html(r"Giá \$5 và \$x\$.")


def test_check_reports_a_broken_formula_with_its_line(
    cli: Callable[..., Result], make_school: Callable[..., Path]
) -> None:
    root = make_school()
    text = lesson_with() + "\nĐúng: $\\frac{a}{b}$, giá 50.000$.\n\nSai: $\\frac{a}{$.\n"
    write(root, LESSON_REL, text)
    line = text.splitlines().index("Sai: $\\frac{a}{$.") + 1
    done = cli("check", LESSON_REL, "--all", cwd=root)
    assert done.code == 1
    assert (
        f"{LESSON_REL}:{line}: [cong-thuc] công thức $\\frac{{a}}{{$ không dịch được (thiếu đối "
        "số hoặc dấu ngoặc nhọn } (ví dụ \\frac{a}{b}, x^{2})); sửa lại cú pháp TeX, hoặc viết "
        "\\$ nếu đó là ký hiệu đô-la"
    ) in done.out
    write(root, LESSON_REL, lesson_with() + "\nĐúng: $\\frac{a}{b}$, giá 50.000$.\n")
    assert "cong-thuc" not in cli("check", LESSON_REL, "--all", cwd=root).out


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><use href="http://evil.example/x#a"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0" style="x"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
        "<svg",
    ],
)
def test_typeset_svg_outside_the_allow_list_is_rejected(svg: str) -> None:
    from hsdt.render.formula import UnsafeSvg, _checked

    with pytest.raises(UnsafeSvg):
        _checked(svg, "ct0-")


def test_typeset_svg_ids_are_prefixed() -> None:
    from hsdt.render.formula import _checked

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="8" viewBox="0 -6 10 8">'
        '<symbol id="g1" viewBox="0 0 1 1"><path d="M 0 0 L 1 1"/></symbol>'
        '<use href="#g1" x="0" y="0"/></svg>'
    )
    out = _checked(svg, "ct3-")
    assert 'id="ct3-g1"' in out
    assert 'href="#ct3-g1"' in out
    assert "vertical-align: -2.000px" in out
