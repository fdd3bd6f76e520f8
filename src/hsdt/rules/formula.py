"""Formulas: every ``$…$`` and ``$$…$$`` of a body is TeX that can be typeset.

The delimiters are :mod:`hsdt.load.formula`'s (money amounts such as ``50.000$`` are not
formulas). A formula that does not parse would print as a red "Công thức lỗi" box, so it is
refused here first, with its line. latex2mathml is imported only when a body has a formula.
"""

from __future__ import annotations

from collections.abc import Iterator

from hsdt.i18n import msg
from hsdt.load.formula import find_formulas, tex_error
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.record_type import RecordType
from hsdt.rules.context import CheckContext

RULE = "cong-thuc"

SHOWN = 60
"""Longest piece of TeX quoted in a message."""


def body_problems(path: str, body: str, body_line: int) -> Iterator[Problem]:
    """A problem for each formula of ``body`` that cannot be typeset."""
    for formula in find_formulas(body, body_line):
        reason = tex_error(formula.tex)
        if reason is not None:
            tex = formula.tex if len(formula.tex) <= SHOWN else formula.tex[:SHOWN] + "…"
            yield Problem(path, formula.line, RULE, msg("formula.invalid", tex=tex, reason=reason))


def check(record: Record, record_type: RecordType, ctx: CheckContext) -> Iterator[Problem]:
    """The record's formulas that cannot be typeset."""
    del record_type, ctx
    yield from body_problems(record.path, record.body, record.body_line)
