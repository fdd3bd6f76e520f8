"""Recognising a record type's required sections in a Word document, and guessing the type.

Teachers mark sections with bold or upper-case paragraphs ("I. MỤC TIÊU", "**a) Mục tiêu:**
HS nêu được…"), rarely with Word's heading styles; any of the three is a heading candidate.
A candidate is a section when its words, numbering stripped and folded
(:func:`hsdt.importer.inlines.fold`), begin with the words of one of the type's sections not
yet met (``Về kiến thức`` also matches ``Kiến thức``; ``Hoạt động 1: …`` matches any
``Hoạt động 1``). Sections are met in the type's order; a candidate that matches none stays
in the body as the document wrote it.

The record's heading is the type's own text (what ``hsdt check`` looks for) followed by what
the document added ("Hoạt động 1: Mở đầu (Xác định vấn đề)"); its level follows the section's
numbering (``I.`` → ``##``, ``1.``/``Hoạt động`` → ``###``, ``a)`` → ``####``), as in the
type's template.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hsdt.importer.convert import Block
from hsdt.importer.inlines import (
    block_text,
    collapse,
    fold,
    fold_word,
    fold_words,
    is_strong,
    is_upper,
    leading_strong,
    text_of,
)
from hsdt.model.record_type import RecordType, SectionSpec

MAX_HEADING = 160
"""Longest paragraph taken for a heading (characters)."""

_NUMBERING = re.compile(
    r"^\s*(?:(?:[IVXLCivxlc]+|\d+(?:\.\d+)*|[a-zA-Zđ])\s*[.):/\-–]|\(\s*(?:\d+|[a-z])\s*\))\s*"
)
_ASIDE = re.compile(r"\([^)]*\)")
_ROMAN = re.compile(r"^\s*[IVXLC]+\s*[.)]")
_ARABIC = re.compile(r"^\s*\d+\s*[.)]")
_LETTER = re.compile(r"^\s*[a-zđ]\s*[.)]")


def strip_numbering(text: str) -> str:
    """``II. Thiết bị`` → ``Thiết bị``; ``a) Mục tiêu`` → ``Mục tiêu``."""
    return _NUMBERING.sub("", text, count=1).strip()


def level_of(spec: SectionSpec) -> int:
    """The Markdown heading level of a section, from its numbering."""
    shown = spec.shown
    if _ROMAN.match(shown):
        return 2
    if _ARABIC.match(shown) or fold(shown).startswith("hoat dong"):
        return 3
    if _LETTER.match(shown):
        return 4
    return 2


@dataclass(frozen=True)
class MappedHeading:
    """A heading of the document recognised as one of the type's sections."""

    found: str
    """The document's text."""
    section: str
    """The section, as the type writes it."""


@dataclass(frozen=True)
class SectionMap:
    """A document's blocks laid onto a type's sections."""

    preamble: list[Block]
    """Blocks before the first recognised section (header lines, title…)."""
    body: list[Block]
    """The blocks from the first recognised section on; sections as ``Header`` blocks."""
    headings: tuple[MappedHeading, ...]
    """The sections recognised, in order."""
    missing: tuple[str, ...]
    """The type's sections not found (as the type writes them)."""


@functools.cache
def _wanted(title: str) -> tuple[tuple[str, ...], ...]:
    """The word sequences a heading may begin with to be the section ``title``."""
    words = tuple(fold_words(_ASIDE.sub("", title)))
    options = [words]
    if words[:1] == ("ve",) and len(words) > 1:
        options.append(words[1:])
    if words[:2] == ("hoat", "dong") and len(words) > 3 and words[2].isdigit():
        options.append(words[:3])
    return tuple(options)


@dataclass(frozen=True)
class _Candidate:
    """A paragraph that may be a heading, analysed once for every type tried."""

    text: str
    """The heading text."""
    rest: list[Any]
    """Inlines left for a paragraph after a bold lead-in."""
    originals: tuple[str, ...]
    """Its words after the numbering (punctuation-only words left out)."""
    folded: tuple[str, ...]
    """The same words folded."""


def _match(candidate: _Candidate, spec: SectionSpec) -> str | None:
    """The rest of the heading after ``spec``'s words when it is ``spec``; else None."""
    for option in _wanted(spec.title):
        if candidate.folded[: len(option)] == option:
            return " ".join(candidate.originals[len(option) :]).strip(" :–-")
    return None


def _candidate(block: Block) -> _Candidate | None:
    """The heading ``block`` may be, if any."""
    kind = block.get("t")
    rest: list[Any] = []
    if kind == "Header":
        text = block_text(block)
    elif kind not in ("Para", "Plain"):
        return None
    else:
        text = block_text(block)
        if not text:
            return None
        if len(text) > MAX_HEADING or not (is_strong(block["c"]) or is_upper(text)):
            head, rest = leading_strong(block["c"])
            if not (head and rest):
                return None
            text = collapse(text_of(head)).rstrip(":").strip()
    originals = tuple(w for w in strip_numbering(text).split() if fold_word(w))
    return _Candidate(text, rest, originals, tuple(fold_word(w) for w in originals))


def candidates(blocks: list[Block]) -> list[_Candidate | None]:
    """The heading candidate of each block (None: not a heading), for :func:`map_sections`."""
    return [_candidate(b) for b in blocks]


def _heading_text(spec: SectionSpec, found: str, rest: str) -> tuple[str, str]:
    """The record's heading and the text moved to a paragraph after it."""
    if not rest or fold(rest) in fold(spec.shown):
        return spec.shown, ""
    if is_upper(found):
        rest = rest[0] + rest[1:].lower() if rest[:1] != "(" else "(" + rest[1:].lower()
    if rest.startswith("("):
        return f"{spec.shown} {rest}", ""
    if fold(spec.title).startswith("hoat dong") and len(fold_words(spec.title)) > 3:
        return f"{spec.shown} ({rest})", ""
    return spec.shown, rest


def _header(level: int, text: str) -> Block:
    words: list[Any] = []
    for i, word in enumerate(text.split()):
        if i:
            words.append({"t": "Space"})
        words.append({"t": "Str", "c": word})
    return {"t": "Header", "c": [level, ["", [], []], words]}


def _para(text: str) -> Block:
    return {"t": "Para", "c": _header(0, text)["c"][2]}


def map_sections(
    blocks: list[Block],
    record_type: RecordType,
    analysed: list[_Candidate | None] | None = None,
) -> SectionMap:
    """Lay ``blocks`` onto ``record_type``'s sections (see the module's docstring);
    ``analysed`` is :func:`candidates` of ``blocks`` when already computed."""
    specs = record_type.sections
    analysed = candidates(blocks) if analysed is None else analysed
    position = 0
    preamble: list[Block] = []
    body: list[Block] = []
    found: list[MappedHeading] = []
    matched: set[int] = set()
    for block, candidate in zip(blocks, analysed, strict=True):
        hit: tuple[int, str] | None = None
        if candidate is not None:
            for index in range(position, len(specs)):
                rest = _match(candidate, specs[index])
                if rest is not None:
                    hit = (index, rest)
                    break
        if candidate is None or hit is None:
            (body if found else preamble).append(block)
            continue
        index, rest = hit
        spec = specs[index]
        heading, moved = _heading_text(spec, candidate.text, rest)
        body.append(_header(level_of(spec), heading))
        if moved:
            body.append(_para(moved))
        if candidate.rest:
            body.append({"t": "Para", "c": candidate.rest})
        found.append(MappedHeading(candidate.text, heading))
        matched.add(index)
        position = index + 1
    missing = tuple(s.shown for i, s in enumerate(specs) if i not in matched)
    return SectionMap(preamble, body, tuple(found), missing)


@dataclass(frozen=True)
class TypeGuess:
    """The type a document most likely is."""

    type_id: str
    """The type chosen."""
    matched: int
    """How many of its sections the document has."""
    total: int
    """How many sections the type has."""


def guess_type(
    blocks: list[Block],
    types: Mapping[str, RecordType],
    analysed: list[_Candidate | None] | None = None,
) -> TypeGuess | None:
    """The type whose sections the document follows best: sections found, weighted by the
    share of the type's sections found (a type with ten sections of which the document has
    six loses to one with three of three), plus three when the document's title line is the
    type's printed title ("KẾ HOẠCH GIÁO DỤC TUẦN"). None when no type has a single section
    in the document. ``analysed`` is :func:`candidates` of ``blocks`` when already computed."""
    titles = {fold(block_text(b)) for b in blocks[:40] if block_text(b)}
    analysed = candidates(blocks) if analysed is None else analysed
    best: tuple[float, int, str] | None = None
    for type_id in sorted(types):
        record_type = types[type_id]
        if not record_type.sections:
            continue
        matched = len(map_sections(blocks, record_type, analysed).headings)
        if matched == 0:
            continue
        title = record_type.layout.doc_title or record_type.name
        score = matched * matched / len(record_type.sections)
        score += 3 if fold(title) in titles else 0
        if best is None or score > best[0]:
            best = (score, matched, type_id)
    if best is None:
        return None
    return TypeGuess(best[2], best[1], len(types[best[2]].sections))


_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _number(style: str, delimiter: str, n: int) -> str:
    if style == "UpperRoman" and n <= len(_ROMANS):
        mark = _ROMANS[n - 1]
    elif style == "LowerRoman" and n <= len(_ROMANS):
        mark = _ROMANS[n - 1].lower()
    elif style in ("LowerAlpha", "UpperAlpha") and 1 <= n <= 26:
        mark = chr(ord("a" if style == "LowerAlpha" else "A") + n - 1)
    else:
        mark = str(n)
    return f"{mark})" if delimiter in ("OneParen", "TwoParens") else f"{mark}."


def unfold_numbered_headings(blocks: list[Block]) -> list[Block]:
    """Headings numbered by Word itself ("I. MỤC TIÊU" as an automatically numbered bold
    paragraph) reach pandoc's tree as an ordered list whose items begin with a bold or
    upper-case line; each such item becomes that line, its number written out, followed by
    the item's other blocks. Lists of ordinary items are left alone."""
    out: list[Block] = []
    for block in blocks:
        if block.get("t") != "OrderedList":
            out.append(block)
            continue
        (start, style, delimiter), items = block["c"]
        heads = [item[0] if item else None for item in items]
        if not all(
            h is not None
            and h.get("t") in ("Para", "Plain")
            and len(block_text(h)) <= MAX_HEADING
            and (is_strong(h["c"]) or is_upper(block_text(h)))
            for h in heads
        ):
            out.append(block)
            continue
        for offset, item in enumerate(items):
            mark = _number(style["t"], delimiter["t"], start + offset)
            head = item[0]
            number: Block = {"t": "Str", "c": mark}
            if is_strong(head["c"]):  # the number is as bold as the line
                number = {"t": "Strong", "c": [number]}
            out.append({"t": "Para", "c": [number, {"t": "Space"}, *head["c"]]})
            out.extend(item[1:])
    return out
