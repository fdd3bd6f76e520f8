"""Text of pandoc tree nodes, and the folding that compares Vietnamese text tolerantly.

Teachers write "I. MỤC TIÊU", "1. Mục tiêu:", "MUC TIEU" or "Mục  tiêu" for the same heading:
:func:`fold` makes them equal (no accents, ``đ`` → ``d``, case-folded, punctuation and spacing
folded). It is used for matching only; the record keeps the document's own text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

_WRAPPERS = {"Strong", "Emph", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"}
_PUNCT = re.compile(r"[^\w]+")


def text_of(inlines: list[Any]) -> str:
    """The plain text of a list of pandoc inlines (formulas as their TeX)."""
    parts: list[str] = []
    for node in inlines:
        kind = node.get("t")
        content = node.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in _WRAPPERS:
            parts.append(text_of(content))
        elif kind in ("Span", "Quoted", "Cite", "Link", "Image"):
            parts.append(text_of(content[1]))
        elif kind in {"Math", "Code"}:
            parts.append(content[1])
    return "".join(parts)


def block_text(block: dict[str, Any]) -> str:
    """The text of a paragraph-like block (``Para``, ``Plain``, ``Header``); '' otherwise."""
    kind = block.get("t")
    if kind in ("Para", "Plain"):
        return collapse(text_of(block["c"]))
    if kind == "Header":
        return collapse(text_of(block["c"][2]))
    return ""


def collapse(text: str) -> str:
    """NFC, runs of white space as one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """``Hoạt động 1. Mở ĐẦU`` → ``hoat dong 1 mo dau``: for comparing, never for showing."""
    return " ".join(fold_words(text))


def fold_words(text: str) -> list[str]:
    """The folded words of ``text`` (see :func:`fold_word`), empty ones dropped."""
    return [w for w in (fold_word(part) for part in text.split()) if w]


@functools.lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """One word without accents, case or punctuation (``ĐẦU:`` → ``dau``)."""
    word = word.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch)
    )
    return _PUNCT.sub("", stripped.casefold()).replace("_", "")


def is_upper(text: str) -> bool:
    """Whether ``text`` has letters and all of them are upper-case (``I. MỤC TIÊU``)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def is_strong(inlines: list[Any]) -> bool:
    """Whether every visible run of ``inlines`` is bold (a whole-paragraph bold heading)."""
    seen = False
    for node in inlines:
        kind = node.get("t")
        if kind in ("Space", "SoftBreak", "LineBreak"):
            continue
        if kind == "Strong":
            seen = True
            continue
        if kind in ("Emph", "Underline", "Span") and node["c"]:
            inner = node["c"] if kind != "Span" else node["c"][1]
            if is_strong(inner):
                seen = True
                continue
        return False
    return seen


def leading_strong(inlines: list[Any]) -> tuple[list[Any], list[Any]]:
    """A paragraph that starts in bold (``**a) Mục tiêu:** HS nêu được…``) split into its bold
    start and the rest; ([], inlines) when it does not start in bold."""
    head: list[Any] = []
    index = 0
    while index < len(inlines) and inlines[index].get("t") in ("Strong", "Space"):
        head.append(inlines[index])
        index += 1
    while head and head[-1].get("t") == "Space":
        head.pop()
    if not any(n.get("t") == "Strong" for n in head):
        return [], inlines
    rest = inlines[index:]
    while rest and rest[0].get("t") in ("Space", "SoftBreak"):
        rest = rest[1:]
    return head, rest
