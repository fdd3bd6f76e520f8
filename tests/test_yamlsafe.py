from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from hsdt.load.yamlsafe import YamlError, load_yaml


def test_values_and_lines() -> None:
    doc = load_yaml("a: 1\nb:\n  - x\n  - 2\nc: 2025-02-30\nd: true\ne:\n", "f.yml", first_line=2)
    assert doc.value == {"a": 1, "b": ["x", 2], "c": "2025-02-30", "d": True, "e": None}
    assert doc.line("a") == 2
    assert doc.line("b", 1) == 5
    assert doc.line("c") == 6
    assert doc.line("missing") == 2  # falls back to the document


def test_yaml11_surprises_stay_text() -> None:
    doc = load_yaml("a: no\nb: yes\nc: 12:30\nd: 0x1F\ne: 1e3\nf: 2025-10-13", "f.yml")
    assert doc.value == {
        "a": "no",
        "b": "yes",
        "c": "12:30",
        "d": "0x1F",
        "e": "1e3",
        "f": "2025-10-13",
    }


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml("tieu_de: A\nmon: Toán\ntieu_de: B\n", "r.md", first_line=2)
    assert caught.value.render() == "r.md:4: khóa 'tieu_de' bị lặp lại (đã có ở dòng 2)"


def test_tab_indentation() -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml("a:\n\t- x\n", "r.md", first_line=2)
    assert caught.value.line == 3
    assert "Tab" in caught.value.render()


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("a: b: c\n", "yaml.colon", 1),
        ('a: "open\n', "yaml.unclosed_quote", 1),
        ("a: 1\n b: 2\n", "yaml.colon", 2),
        ("a: [1, 2\n", "yaml.flow", 1),
        ("a: *nothing\n", "yaml.alias", 1),
        ("a: !!python/object:os.system x\n", "yaml.tag", 1),
        ("? [1, 2]\n: x\n", "yaml.key_not_text", 1),
        ("a: @x\n", "yaml.bad_char", 1),
    ],
)
def test_syntax_errors_are_located(text: str, key: str, line: int) -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml(text, "x.yml")
    assert caught.value.msg.key == key
    assert caught.value.line == line


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    with pytest.raises(YamlError) as caught:
        load_yaml("\n".join(lines), "bomb.yml")
    assert caught.value.msg.key == "yaml.too_big"


def test_merge_key_is_just_a_key() -> None:
    assert load_yaml("<<: 1\n", "m.yml").value == {"<<": 1}


def test_empty_document() -> None:
    assert load_yaml("", "e.yml").value is None


_scalars = st.one_of(
    st.text(st.characters(blacklist_categories=["Cc", "Cs", "Zl", "Zp"]), max_size=30),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.booleans(),
    st.none(),
)
_keys = st.text(alphabet=st.characters(categories=["Ll", "Lu", "Nd"]), min_size=1, max_size=12)


@given(st.dictionaries(_keys, st.one_of(_scalars, st.lists(_scalars, max_size=4)), max_size=8))
def test_round_trip_of_what_safe_dump_writes(data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert load_yaml(text, "p.yml").value == data


@given(st.text(max_size=200))
def test_never_crashes_on_any_text(text: str) -> None:
    try:
        load_yaml(text, "fuzz.yml")
    except YamlError as e:
        line = e.line
    else:
        return
    assert line is not None
    assert line >= 1
