"""Where a record's Markdown body holds formulas, and whether their TeX parses.

The delimiter rule (docs/in-ho-so.md, "Công thức"), chosen so that money amounts stay text:

- ``$$…$$`` is a display formula (it may span lines); alone in its paragraph it is centred on
  its own line.
- ``$…$`` is an inline formula when the opening ``$`` is not preceded by a letter, a digit or
  a backslash and is followed by a non-space character, and the closing ``$`` (on the same
  line) is preceded by a non-space character and not followed by a digit. So ``50.000$``,
  ``5$/kg``, ``$5 và $10`` and ``giá $5`` stay text, while ``$\\frac{a}{b}$`` and ``$x^2$``
  are formulas.
- ``\\$`` is always a literal dollar sign.
- Nothing inside code (fenced blocks, ``inline code``) is a formula.

Both the renderer (:mod:`hsdt.render.formula`) and the check rule (:mod:`hsdt.rules.formula`)
find formulas through :func:`find_formulas`, so what ``hsdt check`` judges is what prints.
Parsing is done by latex2mathml (imported only when a body has a formula): the core stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hsdt.i18n import Msg, msg

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_DISPLAY = re.compile(r"(?<!\\)\$\$(?P<tex>.+?)(?<!\\)\$\$", re.S)
_INLINE = re.compile(
    r"(?<![\w\\$])\$(?![\s$])(?P<tex>(?:[^$\n\\]|\\.)+?)(?<=[^\s\\])\$(?![\d$])", re.S
)
_ESCAPED_DOLLAR = re.compile(r"\\\$")


@dataclass(frozen=True)
class Formula:
    """One formula found in a body."""

    start: int
    """Offset of its opening delimiter in the body."""
    end: int
    """Offset just after its closing delimiter."""
    tex: str
    """The TeX between the delimiters, stripped."""
    display: bool
    """``$$…$$`` (a display formula) rather than ``$…$``."""
    line: int
    """Line of the opening delimiter within the file (``body_line`` + lines before it)."""


def _masked(body: str) -> str:
    """``body`` with code blocks and code spans blanked (same length, newlines kept)."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, body))


def find_formulas(body: str, body_line: int = 1) -> list[Formula]:
    """The formulas of ``body`` in order (``body_line``: the file line the body starts on)."""
    if "$" not in body:
        return []
    masked = _masked(body)
    found: list[Formula] = []
    taken: list[tuple[int, int]] = []
    for match in _DISPLAY.finditer(masked):
        taken.append(match.span())
        found.append(_formula(body, match, True, body_line))
    for match in _INLINE.finditer(masked):
        if any(a <= match.start() < b or a < match.end() <= b for a, b in taken):
            continue
        found.append(_formula(body, match, False, body_line))
    found = [f for f in found if f.tex]
    return sorted(found, key=lambda f: f.start)


def literal_dollars(text: str) -> list[int]:
    """Offsets of the ``\\$`` escapes outside code in ``text`` (they print as ``$``)."""
    masked = _masked(text)
    return [m.start() for m in _ESCAPED_DOLLAR.finditer(masked)]


def _formula(body: str, match: re.Match[str], display: bool, body_line: int) -> Formula:
    start, end = match.span()
    tex = body[match.start("tex") : match.end("tex")].strip()
    return Formula(start, end, tex, display, body_line + body.count("\n", 0, start))


def tex_error(tex: str) -> Msg | None:
    """Why ``tex`` cannot be typeset, or None.

    latex2mathml raises on broken structure (a missing brace, ``x^`` with nothing after it,
    ``\\left`` without ``\\right``) and keeps unknown commands as text: those are errors too,
    since they would print as their source.
    """
    import latex2mathml.converter

    try:
        mathml = latex2mathml.converter.convert(tex)
    except Exception as e:
        return _reason(e)
    unknown = re.search(r">(\\[A-Za-z]+)<", mathml)
    if unknown is not None:
        return msg("formula.unknown_command", command=unknown.group(1))
    return None


_REASONS = {
    "NoAvailableTokensError": "formula.missing_argument",
    "MissingSuperScriptOrSubscriptError": "formula.missing_argument",
    "NumeratorNotFoundError": "formula.missing_argument",
    "DenominatorNotFoundError": "formula.missing_argument",
    "ExtraLeftOrMissingRightError": "formula.unbalanced",
    "MissingEndError": "formula.unbalanced",
    "MissingRightError": "formula.unbalanced",
    "InvalidAlignmentError": "formula.unbalanced",
    "DoubleSuperscriptsError": "formula.double_script",
    "DoubleSubscriptsError": "formula.double_script",
}


def _reason(error: Exception) -> Msg:
    """A message for one of latex2mathml's exceptions."""
    key = _REASONS.get(type(error).__name__)
    if key is not None:
        return msg(key)
    return msg("formula.syntax", detail=type(error).__name__.removesuffix("Error"))
