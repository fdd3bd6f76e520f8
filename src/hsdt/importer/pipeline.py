"""One Word document (or a folder of them) into records: the whole ``hsdt import``.

For each file: the source hash (a file imported before is reported where it is, never
imported twice) → the guard → pandoc's tree → the type (``--type`` or guessed) → sections →
front matter (the document's header lines, then ``--set``, then the importer's identity, as
``hsdt new`` fills it) → Markdown → the record and its images written atomically beside it at
the place ``hsdt new`` would choose (never over an existing file) → the record rules of
``hsdt check`` on the new record → an :class:`ImportReport`.

What could not be laid onto a section is kept at the end under :data:`UNMAPPED_HEADING`,
never dropped; the national title and motto, which the PDF layout prints itself, are the only
lines left out (and the report says so). The source hash is an HTML comment at the end of the
record (:data:`MARKER`): it travels with the record, and neither the PDF nor the site shows it.

``dry_run`` writes nothing: the record is checked in a temporary copy of its place.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from hsdt.errors import HsdtError, UsageError
from hsdt.fsutil import atomic_write_bytes, atomic_write_text
from hsdt.i18n import Msg, msg
from hsdt.importer.convert import Block, read_docx, to_markdown
from hsdt.importer.fields import Extraction, FoundField, extract
from hsdt.importer.guard import prepare_docx
from hsdt.importer.inlines import block_text, fold, is_strong, is_upper
from hsdt.importer.sections import (
    MappedHeading,
    SectionMap,
    TypeGuess,
    candidates,
    guess_type,
    map_sections,
    unfold_numbered_headings,
)
from hsdt.model.problem import Problem, Severity
from hsdt.model.record_type import RecordType
from hsdt.model.school import School
from hsdt.model.timeutil import VN_TZ
from hsdt.repo import IMAGE_FOLDER_SUFFIX, RECORD_IMAGE_SUFFIXES, all_record_paths

UNMAPPED_HEADING = "Phần chưa xếp vào mục (nhập từ tệp Word)"
"""The last section of an imported record: what matched no section of the type. Its words
begin no section title of any type (``Nội dung…`` would pass for ``III. Nội dung``)."""

MARKER = "hsdt-import"
_MARKER = re.compile(r"<!-- hsdt-import: (?P<hash>[0-9a-f]{64}) (?P<name>.*?) -->")
_BOILERPLATE = {
    fold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    fold("Độc lập - Tự do - Hạnh phúc"),
    fold("Độc lập – Tự do – Hạnh phúc"),
}
IMAGE_EXTENSIONS = RECORD_IMAGE_SUFFIXES
"""Images the PDF renderer shows; others are kept as files and linked."""


class Status(StrEnum):
    """How an import ended."""

    CREATED = "created"
    """The record was written."""
    PLANNED = "planned"
    """``--dry-run``: the record would be written."""
    EXISTS = "exists"
    """The same file was imported before (by its hash): nothing written."""
    FAILED = "failed"
    """The file could not be imported; :attr:`ImportReport.error` says why."""


@dataclass(frozen=True)
class ImportReport:
    """What the import of one file did."""

    source: str
    """The file, as given."""
    status: Status
    """How it ended."""
    path: str | None = None
    """The record (relative to the repository): new, planned, or the earlier import."""
    type_id: str | None = None
    """The record type."""
    guess: TypeGuess | None = None
    """The guess, when ``--type`` was not given."""
    headings: tuple[MappedHeading, ...] = ()
    """Document headings recognised as the type's sections."""
    fields: tuple[FoundField, ...] = ()
    """Front-matter values read from the document."""
    unmapped: tuple[str, ...] = ()
    """The start of each block kept under :data:`UNMAPPED_HEADING`."""
    unread: tuple[str, ...] = ()
    """Header lines whose value could not be used."""
    missing_sections: tuple[str, ...] = ()
    """Required sections the document does not have."""
    missing_fields: tuple[str, ...] = ()
    """Required front-matter keys still empty (with their labels)."""
    images: tuple[str, ...] = ()
    """Image files written beside the record (relative to the repository)."""
    notes: tuple[Msg, ...] = ()
    """What the guard changed, lines left out, images the PDF cannot show."""
    problems: tuple[Problem, ...] = ()
    """``hsdt check`` on the new record."""
    error: HsdtError | None = None
    """Why the import failed."""
    text: str = field(default="", repr=False)
    """The record's text (front matter and body)."""

    @property
    def ok(self) -> bool:
        """Imported (or already there) and nothing in the check refuses the record."""
        if self.status is Status.FAILED:
            return False
        return not any(p.severity is Severity.ERROR for p in self.problems)


@dataclass(frozen=True)
class ImportOptions:
    """What the caller decides for every file of one import."""

    type_id: str | None = None
    """``--type``; None: guess from the content."""
    pairs: Mapping[str, str] = field(default_factory=dict)
    """``--set`` values (they win over the document's)."""
    author_email: str | None = None
    """The importer's git e-mail (the roster names the author from it)."""
    dry_run: bool = False
    """Write nothing."""
    author_account: str | None = None
    """The importer's account on the Git host (the pull-request author in CI): names the
    author through the roster's ``tai_khoan`` when the document does not."""
    at: datetime | None = None
    """The moment the check judges by; None: now."""


def source_hash(data: bytes) -> str:
    """The SHA-256 recorded in an imported record."""
    return hashlib.sha256(data).hexdigest()


def imported_sources(root: Path) -> dict[str, str]:
    """Source hash → record, for every record made by an import."""
    out: dict[str, str] = {}
    for rel in all_record_paths(root):
        try:
            tail = (root / rel).read_bytes()[-400:].decode("utf-8", "replace")
        except OSError:
            continue
        found = _MARKER.search(tail)
        if found:
            out.setdefault(found.group("hash"), rel)
    return out


def docx_files(paths: Sequence[Path]) -> list[Path]:
    """The files to import: each file given, and the .docx/.doc files under each folder
    (Word's ``~$`` lock files left out), sorted."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in (".docx", ".doc")
                and not p.name.startswith("~$")
            ]
            out.extend(sorted(found))
        else:
            out.append(path)
    return out


CHUNK = 16
"""Files whose Markdown comes from one pandoc run (pandoc's start-up is most of the cost of
writing one record)."""

LOOKAHEAD = 2
"""Chunks whose conversions may run ahead of the chunk being written."""


def import_paths(
    root: Path,
    school: School,
    paths: Sequence[Path],
    options: ImportOptions,
    progress: Callable[[ImportReport], None] | None = None,
    workers: int | None = None,
) -> list[ImportReport]:
    """Import every file of ``paths`` (folders: their Word files); one report per file, in
    order.

    A pipeline, so that no core waits: the conversions (pandoc processes) run ``workers`` at
    a time (default: the CPU count) up to :data:`LOOKAHEAD` chunks of :data:`CHUNK` files
    ahead; each chunk's Markdown is written by as many pandoc runs as workers as soon as its
    conversions are done; records are placed and written one at a time, in order, in this
    thread, so two documents never race for one file name and a file met twice is imported
    once (the second is reported where the first went)."""
    from collections import deque
    from concurrent.futures import Future, ThreadPoolExecutor

    known = imported_sources(root)
    files = docx_files(paths)
    chunks = [files[first : first + CHUNK] for first in range(0, len(files), CHUNK)]
    reports: list[ImportReport] = []
    count = workers or os.cpu_count() or 1
    with (
        ThreadPoolExecutor(max_workers=count) as readers,
        ThreadPoolExecutor(max_workers=count) as writers,
    ):
        running: deque[list[Future[_Read | ImportReport]]] = deque()
        waiting = deque(chunks)

        def start_next() -> None:
            """Submit the next chunk's conversions (each sees the sources known by then)."""
            if waiting:
                read_one = functools.partial(_read, school, options=options, known=dict(known))
                running.append([readers.submit(read_one, path) for path in waiting.popleft()])

        for _ in range(LOOKAHEAD + 1):
            start_next()
        while running:
            reads = [future.result() for future in running.popleft()]
            start_next()
            pending = [r for r in reads if isinstance(r, _Read)]
            parts = [part for part in (pending[i::count] for i in range(count)) if part]
            for part, texts in zip(parts, writers.map(_markdown_of, parts), strict=True):
                for done, text in zip(part, texts, strict=True):
                    done.markdown = text
            for read in reads:
                report = (
                    read if isinstance(read, ImportReport) else _place(root, school, read, known)
                )
                if report.status in (Status.CREATED, Status.PLANNED) and report.path is not None:
                    digest = _MARKER.search(report.text)
                    if digest:
                        known[digest.group("hash")] = report.path
                reports.append(report)
                if progress is not None:
                    progress(report)
    return reports


def import_file(
    root: Path,
    school: School,
    path: Path,
    options: ImportOptions,
    known: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import one Word file (see the module's docstring)."""
    known = imported_sources(root) if known is None else known
    read = _read(school, path, options, known)
    if isinstance(read, ImportReport):
        return read
    read.markdown = _markdown_of([read])[0] if read.markdown is None else read.markdown
    return _place(root, school, read, known)


@dataclass
class _Read:
    """A document converted and mapped, not yet placed (the part that runs in parallel)."""

    path: Path
    digest: str
    options: ImportOptions
    api_version: list[int]
    record_type: RecordType
    guess: TypeGuess | None
    mapping: SectionMap
    extraction: Extraction
    values: dict[str, str]
    """Front-matter values from the document, before ``--set`` and the identity."""
    unread: tuple[str, ...]
    leftover: tuple[str, ...]
    body: list[Block]
    """The record's blocks; images under :data:`_IMAGE_DIR` until the record is placed."""
    images: dict[str, bytes]
    """Image file name → bytes."""
    notes: tuple[Msg, ...]
    markdown: str | None = None
    """The body as Markdown (filled by :func:`_markdown_of`)."""


_IMAGE_DIR = "hsdt-image-folder-7c1e"
"""Stands for the image folder in the Markdown until the record's name is known."""
_SPLIT = "<!-- hsdt-import-split-7c1e -->"


def _markdown_of(reads: Sequence[_Read]) -> list[str]:
    """The Markdown bodies of ``reads``, from one pandoc run."""
    if not reads:
        return []
    blocks: list[Block] = []
    for index, read in enumerate(reads):
        if index:
            blocks.append({"t": "RawBlock", "c": ["html", _SPLIT]})
        blocks.extend(read.body)
    source = ", ".join(str(r.path) for r in reads)
    try:
        text = to_markdown(blocks, reads[0].api_version, source)
    except HsdtError:
        if len(reads) == 1:
            raise
        return [t for r in reads for t in _markdown_of([r])]
    parts = text.split(f"\n{_SPLIT}\n")
    if len(parts) != len(reads):  # a document's own text held the separator: one at a time
        return [to_markdown(r.body, r.api_version, str(r.path)) for r in reads]
    return [part.strip() + "\n" if part.strip() else "" for part in parts]


def _read(
    school: School, path: Path, options: ImportOptions, known: Mapping[str, str]
) -> _Read | ImportReport:
    source = str(path)
    try:
        digest = source_hash(path.read_bytes())
    except OSError:
        digest = ""
    if digest in known:
        return ImportReport(source, Status.EXISTS, path=known[digest])
    try:
        prepared = prepare_docx(path)
        converted = read_docx(prepared.data, source)
        converted.blocks[:] = unfold_numbered_headings(converted.blocks)
        guess = None
        type_id = options.type_id
        analysed = candidates(converted.blocks)
        if type_id is None:
            guess = guess_type(converted.blocks, school.types, analysed)
            if guess is None:
                raise HsdtError(msg("import.no_type", types=", ".join(sorted(school.types))))
            type_id = guess.type_id
        record_type = school.types.get(type_id)
        if record_type is None:
            raise UsageError(
                msg("check.unknown_type", value=type_id, known=", ".join(sorted(school.types)))
            )
        mapping = map_sections(converted.blocks, record_type, analysed)
        extraction = extract(mapping.preamble, mapping.body, record_type, school)
    except HsdtError as e:
        return _failed(source, e)
    values, unread = _valid_values(record_type, extraction)
    notes = list(prepared.notes)
    leftover, title = _leftover(mapping.preamble, extraction, record_type, notes)
    if "tieu_de" not in values:
        values["tieu_de"] = title or values.get("chu_de") or path.stem
    body = list(mapping.body)
    if leftover:
        body.append(_header(2, UNMAPPED_HEADING))
        body.append(_plain_para(msg("import.unmapped_note").render("vi")))
        body.extend(leftover)
    images = _place_images(body, converted.media, notes) if converted.has_images else {}
    return _Read(
        path,
        digest,
        options,
        converted.api_version,
        record_type,
        guess,
        mapping,
        extraction,
        values,
        (*extraction.unread, *unread),
        tuple(_preview(b) for b in leftover),
        body,
        images,
        tuple(notes),
    )


def _failed(source: str, error: HsdtError) -> ImportReport:
    if error.path is None:
        error.path = source
    return ImportReport(source, Status.FAILED, error=error)


def _place(root: Path, school: School, read: _Read, known: Mapping[str, str]) -> ImportReport:
    source = str(read.path)
    if read.digest in known:
        return ImportReport(source, Status.EXISTS, path=known[read.digest])
    try:
        return _write(root, school, read)
    except HsdtError as e:
        return _failed(source, e)


def _write(root: Path, school: School, read: _Read) -> ImportReport:
    from hsdt.scaffold import front_matter_text, plan_record

    options = read.options
    source = str(read.path)
    values = dict(read.values)
    values.update(options.pairs)
    record_type = read.record_type
    if options.author_account and record_type.author_key not in values:
        account = options.author_account.strip().lower()
        staff = [p.id for p in school.staff.values() if (p.username or "").lower() == account]
        if staff:
            values[record_type.author_key] = staff[0]
    record_type, front, target = plan_record(
        root, school, record_type.id, values, author_email=options.author_email
    )
    rel = target.relative_to(root).as_posix()
    folder = f"{target.stem}{IMAGE_FOLDER_SUFFIX}"
    markdown = (read.markdown or "").replace(f"]({_IMAGE_DIR}/", f"]({folder}/")
    markdown = markdown.replace(f'"{_IMAGE_DIR}/', f'"{folder}/')
    images = {
        (target.parent / folder / name).relative_to(root).as_posix(): data
        for name, data in read.images.items()
    }
    text = (
        front_matter_text(record_type, front)
        + "\n"
        + markdown
        + f"\n<!-- {MARKER}: {read.digest} {_safe_name(read.path.name)} -->\n"
    )
    if not options.dry_run:
        for image_rel, data in images.items():
            atomic_write_bytes(root / image_rel, data)
        atomic_write_text(target, text)
        problems = _check(root, rel, school, options.at)
    else:
        with tempfile.TemporaryDirectory(prefix="hsdt-import-") as tmp:
            atomic_write_text(Path(tmp) / rel, text)
            problems = _check(Path(tmp), rel, school, options.at)
    missing_fields = tuple(
        f"{spec.key} ({spec.label})"
        for spec in record_type.fields
        if spec.required and front.get(spec.key) in (None, "", ())
    )
    return ImportReport(
        source,
        Status.PLANNED if options.dry_run else Status.CREATED,
        path=rel,
        type_id=record_type.id,
        guess=read.guess,
        headings=read.mapping.headings,
        fields=read.extraction.found,
        unmapped=read.leftover,
        unread=read.unread,
        missing_sections=read.mapping.missing,
        missing_fields=missing_fields,
        images=tuple(images),
        notes=read.notes,
        problems=tuple(problems),
        text=text,
    )


def _safe_name(name: str) -> str:
    return name.replace("--", "-").replace(">", "")


def _valid_values(
    record_type: RecordType, extraction: Extraction
) -> tuple[dict[str, str], list[str]]:
    """The document's values that ``--set`` would accept; the others as unread lines."""
    from hsdt.scaffold import parse_pairs

    good: dict[str, str] = {}
    bad: list[str] = []
    for key, value in extraction.values.items():
        try:
            parse_pairs(record_type, {key: value})
        except HsdtError:
            label = next((f.label for f in extraction.found if f.key == key), key)
            bad.append(label)
            continue
        good[key] = value
    return good, bad


def _leftover(
    preamble: list[Block], extraction: Extraction, record_type: RecordType, notes: list[Msg]
) -> tuple[list[Block], str | None]:
    """The preamble blocks the record must keep, and a title for a document with no labelled
    one (its first bold or upper-case line that is not the document type)."""
    titles = {fold(record_type.layout.doc_title or ""), fold(record_type.name), fold("giáo án")}
    keep: list[Block] = []
    title: str | None = None
    for index, block in enumerate(preamble):
        if index in extraction.used:
            continue
        text = block_text(block)
        folded = fold(text)
        if folded in _BOILERPLATE:
            notes.append(msg("import.layout_line", text=text))
            continue
        if folded and folded in titles:
            notes.append(msg("import.layout_line", text=text))
            continue
        emphatic = block.get("t") == "Header" or (
            block.get("t") in ("Para", "Plain") and (is_strong(block["c"]) or is_upper(text))
        )
        if title is None and emphatic and text and len(text) <= 160:
            title = text[:1].upper() + text[1:].lower() if is_upper(text) else text
            if "tieu_de" not in extraction.values:
                continue
        keep.append(block)
    return keep, title


def _walk(node: Any, visit: Callable[[dict[str, Any]], None]) -> None:
    if isinstance(node, dict):
        if "t" in node:
            visit(node)
        for value in node.values():
            _walk(value, visit)
    elif isinstance(node, list):
        for item in node:
            _walk(item, visit)


def _place_images(
    body: list[Block], media: Mapping[str, bytes], notes: list[Msg]
) -> dict[str, bytes]:
    """Point the tree's images at files beside the record (``<name>-hinh/hinh-01.png``, the
    folder written :data:`_IMAGE_DIR` until the name is known); returns file name → bytes."""
    placed: dict[str, str] = {}
    out: dict[str, bytes] = {}
    seen: set[int] = set()
    """Nodes already re-pointed: the tree is changed in place (a copy of a whole lesson plan
    costs more than its mapping), and a node the mapping placed twice must move once."""

    def visit(node: dict[str, Any]) -> None:
        if node.get("t") != "Image" or id(node) in seen:
            return
        seen.add(id(node))
        src = node["c"][2][0]
        if src not in media:
            notes.append(msg("import.image_external", src=src))
            node["t"] = "Span"
            node["c"] = [["", [], []], [{"t": "Str", "c": f"[{src}]"}]]
            return
        if src not in placed:
            ext = Path(src).suffix.lower() or ".bin"
            name = f"hinh-{len(placed) + 1:02d}{ext}"
            placed[src] = name
            out[name] = media[src]
            if ext not in IMAGE_EXTENSIONS:
                notes.append(msg("import.image_format", name=name, ext=ext))
        rel = f"{_IMAGE_DIR}/{placed[src]}"
        if Path(rel).suffix in IMAGE_EXTENSIONS:
            node["c"] = [["", [], []], node["c"][1], [rel, ""]]
        else:
            node["t"] = "Link"
            node["c"] = [["", [], []], [{"t": "Str", "c": placed[src]}], [rel, ""]]

    _walk(body, visit)
    return out


def _header(level: int, text: str) -> Block:
    words: list[Any] = []
    for word in text.split():
        if words:
            words.append({"t": "Space"})
        words.append({"t": "Str", "c": word})
    return {"t": "Header", "c": [level, ["", [], []], words]}


def _plain_para(text: str) -> Block:
    return {"t": "Para", "c": [{"t": "Emph", "c": _header(0, text)["c"][2]}]}


def _preview(block: Block) -> str:
    text = block_text(block)
    if not text:
        return f"({block.get('t', '?')})"
    return text if len(text) <= 60 else text[:57] + "…"


def _check(root: Path, rel: str, school: School, at: datetime | None) -> list[Problem]:
    from hsdt.check import read_record
    from hsdt.rules.context import CheckContext

    ctx = CheckContext(school, at or datetime.now(VN_TZ), False)
    return read_record(root, rel, ctx)[1]


def summary(reports: Iterable[ImportReport]) -> dict[Status, int]:
    """How many files ended each way."""
    counts = dict.fromkeys(Status, 0)
    for report in reports:
        counts[report.status] += 1
    return counts
