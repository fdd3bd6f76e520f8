"""pandoc, the converter of the Word import: .docx → pandoc's document tree (JSON), and the
mapped tree → the Markdown records are written in.

Why pandoc and not mammoth (measured on the test corpus, tests/docx_corpus.py, and by
benchmarks/bench_import.py; figures in docs/nhap-word.md):

- formulas: pandoc turns Word's OMML into TeX (``$\\frac{a}{b}$``); mammoth drops them with a
  warning ("An unrecognised element was ignored: oMath"), so a maths lesson plan would lose
  its content;
- merged cells: pandoc's table model keeps row and column spans and its writer falls back to
  an HTML table exactly when a Markdown pipe table cannot hold the table; mammoth gives HTML
  only, which we would have to turn back into Markdown by hand;
- the tree: pandoc gives a typed tree (paragraphs, strong/emphasis runs, lists with their
  numbering style and start, tables, images, math) to map sections on, and writes Markdown from
  it; with mammoth we would map HTML and need a second tool (or hand-written code) to write
  Markdown;
- speed: both read a lesson plan in tens of milliseconds (mammoth is the faster reader in
  pure Python for small files, pandoc one native process per file); the mapping adds one short
  pandoc run (tree → Markdown, about 10 ms).

Bounds: every pandoc run has a wall-clock timeout (:data:`TIMEOUT_S`) and a heap limit
(:data:`MEMORY`, the GHC runtime's ``-M``); it runs with ``--sandbox`` (pandoc reads no file
but its input and fetches nothing: external images and links in a document stay references).
The Markdown is pandoc's ``markdown_strict`` (the dialect python-markdown reads) with pipe
tables and ``$…$`` formulas; tables a pipe table cannot hold are HTML, cleaned with the
renderer's sanitiser allow-list.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hsdt.errors import ImportDocxError
from hsdt.i18n import msg

TIMEOUT_S = 60
"""Seconds one pandoc run may take."""

MEMORY = "1g"
"""The heap limit of one pandoc run (GHC runtime option ``-M``)."""

MARKDOWN = "markdown_strict+pipe_tables+tex_math_dollars"
"""pandoc's output format: what python-markdown (the renderer) reads, plus pipe tables and
``$…$`` formulas."""

Block = dict[str, Any]
"""A block of pandoc's JSON tree (``{"t": "Para", "c": [...]}``)."""


@dataclass(frozen=True)
class Converted:
    """A Word document as pandoc reads it."""

    blocks: list[Block]
    """The document's blocks, in order."""
    api_version: list[int]
    """pandoc's tree version (needed to write the tree back)."""
    media: dict[str, bytes]
    """The document's images: the path the tree's ``Image`` nodes name → the bytes."""
    has_images: bool = True
    """Whether the tree may hold an ``Image`` node (False: it surely holds none, so nothing
    needs to walk it for images)."""


def pandoc_path() -> str:
    """The pandoc to run: the one ``pypandoc-binary`` bundles, else ``pandoc`` on PATH."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        found = shutil.which("pandoc")
        if found is None:
            raise ImportDocxError(msg("import.no_pandoc")) from None
        return found


def run_pandoc(args: list[str], data: bytes, source: str, pandoc: str | None = None) -> bytes:
    """pandoc ``args`` on ``data`` (standard input), bounded in time and memory: pandoc's own
    heap cap (``-M``) and the guard's process bounds (:func:`hsdt.importer.bounded.run_bounded`:
    wall-clock timeout killing its process group, address-space and CPU limits)."""
    from hsdt.importer.bounded import run_bounded
    from hsdt.importer.guard import Limits

    limits = Limits()
    command = [pandoc or pandoc_path(), "+RTS", f"-M{MEMORY}", "-RTS", "--sandbox", *args]
    timeout = min(TIMEOUT_S, limits.convert_timeout_s)
    done = run_bounded(command, data, timeout, limits.convert_memory_mb, path=source)
    return done.stdout


def read_docx(data: bytes, source: str, pandoc: str | None = None) -> Converted:
    """The tree and images of the .docx ``data`` (``source`` names it in errors)."""
    with tempfile.TemporaryDirectory(prefix="hsdt-import-") as tmp:
        media_dir = Path(tmp) / "m"
        out = run_pandoc(
            ["-f", "docx", "-t", "json", f"--extract-media={media_dir}"], data, source, pandoc
        )
        tree = json.loads(out)
        media: dict[str, bytes] = {}
        if media_dir.is_dir():
            for file in sorted(media_dir.rglob("*")):
                if file.is_file():
                    media[str(file)] = file.read_bytes()
    has_images = bool(media) or b'"Image"' in out
    return Converted(tree["blocks"], tree["pandoc-api-version"], media, has_images)


_TABLE = re.compile(r"^<table>\n.*?^</table>$", re.S | re.M)


def to_markdown(
    blocks: list[Block], api_version: list[int], source: str, pandoc: str | None = None
) -> str:
    """Markdown of ``blocks``; HTML tables (merged cells) pass through the sanitiser."""
    if not blocks:
        return ""
    tree = {"pandoc-api-version": api_version, "meta": {}, "blocks": blocks}
    out = run_pandoc(
        ["-f", "json", "-t", MARKDOWN, "--wrap=none"],
        json.dumps(tree, ensure_ascii=False).encode("utf-8"),
        source,
        pandoc,
    ).decode("utf-8")
    if "<table>" in out:
        from hsdt.render.markup import sanitise

        out = _TABLE.sub(lambda m: _clean_table(sanitise(m.group(0))), out)
    return out.replace("\r\n", "\n").strip() + "\n"


def _clean_table(html: str) -> str:
    """A sanitised table as one HTML block (no blank line inside, or Markdown would end it)."""
    html = re.sub(r"<colgroup>.*?</colgroup>\n?", "", html, flags=re.S)
    return re.sub(r"\n\s*\n", "\n", html)
