"""Required sections: the type's headings are all present, in order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from hsdt.i18n import msg
from hsdt.load.types import section_title
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.record_type import RecordType
from hsdt.rules.context import CheckContext

RULE = "muc"
_SPACES = re.compile(r"\s+")
_ASIDE = re.compile(r"\([^)]*\)")


def normalise(text: str) -> str:
    """Heading text for comparison: NFC, case-folded, spaces folded, no trailing ``:``/``.``."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("*", "").replace("_", " ")
    return _SPACES.sub(" ", text).strip().rstrip(":.").strip()


def check(record: Record, record_type: RecordType, ctx: CheckContext) -> Iterator[Problem]:
    """Missing or misplaced required headings, at the line where they were expected."""
    del ctx
    found = [(normalise(section_title(h.text)), h) for h in record.headings]
    position = 0
    last_line = record.body_line + record.body.count("\n")
    for spec in record_type.sections:
        # "(nếu có)", "(Xác định vấn đề)": asides the teacher may leave out
        wanted = normalise(_ASIDE.sub("", spec.title))
        match = next(
            (i for i in range(position, len(found)) if found[i][0].startswith(wanted)), None
        )
        if match is not None:
            position = match + 1
            continue
        earlier = next((h for text, h in found[:position] if text.startswith(wanted)), None)
        if earlier is not None:
            yield Problem(
                record.path, earlier.line, RULE, msg("sections.order", heading=spec.shown)
            )
            continue
        line = found[position][1].line if position < len(found) else last_line
        yield Problem(
            record.path,
            line,
            RULE,
            msg("sections.missing", heading=spec.shown, type=record_type.id),
        )
