"""The headings of a Markdown body (ATX ``#`` headings outside fenced code blocks).

A regular expression over lines is enough for checking section order and costs microseconds;
the full Markdown parser is only needed for rendering.
"""

from __future__ import annotations

import re

from hsdt.model.record import Heading

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def headings(body: str, first_line: int) -> tuple[Heading, ...]:
    """Every ATX heading of ``body``, with its line number in the file."""
    out: list[Heading] = []
    fence: str | None = None
    for number, line in enumerate(body.split("\n"), start=first_line):
        opened = _FENCE.match(line)
        if opened:
            marker = opened.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is not None or "#" not in line[:4]:
            continue
        found = _ATX.match(line)
        if found and found.group(2).strip():
            out.append(Heading(len(found.group(1)), found.group(2).strip(), number))
    return tuple(out)
