"""Parsing the XML parts of a Word document without trusting them.

A .docx is a zip of XML written by whoever sent it. Word never writes a document type
declaration, so any part with one (every XML part, parsed here or only passed on to the
converter) is refused before it is parsed: that closes entity expansion
("billion laughs") and external entities (a part that reads ``file:///etc/passwd`` or a URL) in
one rule. The parser itself is also set to load no DTD, resolve no entity and touch no network,
so the refusal does not rest on one check. The search covers the whole part, comments and CDATA
included, so a custom XML part quoting ``<!DOCTYPE html>`` in a CDATA section is refused too:
Word's own parts never hold one, and a false refusal says what it is.
"""

from __future__ import annotations

import re
from typing import Any

from hsdt.errors import ImportDocxError
from hsdt.i18n import msg

# Looked for in the whole part, not only before the root element, so that no reader, however
# lax, can find a declaration lxml would not have seen.
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def check_no_dtd(data: bytes, part: str, path: str) -> None:
    """Refuse the part ``part`` if it holds a document type or entity declaration."""
    if _DECLARATION.search(data):
        raise ImportDocxError(msg("guard.xml_dtd", part=part), path)


def _etree() -> Any:
    """lxml's etree, imported when a document is read (it comes with ``hsdt[import]``)."""
    try:
        from lxml import etree
    except ImportError as e:
        raise ImportDocxError(msg("guard.missing_extra")) from e
    return etree


def _parser(etree: Any) -> Any:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_part(data: bytes, part: str, path: str) -> Any:
    """The root element of the XML part ``part`` of the document at ``path``.

    Raises :class:`ImportDocxError` for a part with a DTD or that is not well-formed XML.
    """
    check_no_dtd(data, part, path)
    etree = _etree()
    try:
        root = etree.fromstring(data, _parser(etree))
    except etree.XMLSyntaxError as e:
        raise ImportDocxError(msg("guard.xml_bad", part=part, detail=str(e)), path) from e
    if root.getroottree().docinfo.doctype:
        raise ImportDocxError(msg("guard.xml_dtd", part=part), path)
    return root


def serialize(root: Any) -> bytes:
    """The part's bytes, as Word writes them (UTF-8, standalone declaration)."""
    data: bytes = _etree().tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
