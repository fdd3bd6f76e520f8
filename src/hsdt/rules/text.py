"""Text form: Vietnamese letters precomposed (NFC), so search, sort and signatures agree.

macOS and some web editors write decomposed letters (``e`` + combining marks); they look the
same but compare differently and break headings matching and hashing. ``hsdt check --fix``
rewrites the file in NFC.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from hsdt.i18n import msg
from hsdt.model.problem import Problem

RULE = "nfc"


def check(text: str, path: str) -> Iterator[Problem]:
    """The first line that is not in NFC (one problem a file is enough to act on)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not unicodedata.is_normalized("NFC", line):
            fixed = unicodedata.normalize("NFC", line)
            sample = next((c for c in fixed if not c.isascii()), "?")
            yield Problem(path, number, RULE, msg("text.nfd", sample=sample))
            return
