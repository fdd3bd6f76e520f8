"""The gate every Word document passes before it is converted.

:func:`prepare_docx` reads a teacher's file and either refuses it with a message that says what
it is and what to do (a renamed PDF, a Word 97–2003 ``.doc``, a password-protected document, a
damaged or hostile zip, a document too long to be one record), or returns a cleaned copy:

- macros (``vbaProject.bin``) are dropped and the macro-enabled content type made plain, so
  nothing can run;
- relationships that point outside the file (``TargetMode="External"``: linked pictures,
  attached templates, linked objects) are dropped and never fetched; a hyperlink to an
  ``http``, ``https`` or ``mailto`` address is kept, since it is part of the text and nothing
  downstream follows it;
- embedded objects (OLE objects such as a pasted Excel sheet, ActiveX controls, alternative
  format chunks) are dropped with a note;
- a picture larger than :attr:`Limits.max_image_bytes` is dropped with a note, the rest imports;
- text typed in TCVN3 or VNI fonts becomes Unicode (:mod:`hsdt.importer.legacy_docx`).

Every change is a note in :attr:`PreparedDocx.notes`; the source file is only read.

Bounds, all in :class:`Limits`: the file's size, the number of parts, the uncompressed size and
compression ratio of each part and of the whole, checked from the zip's central directory and
again while each part is unpacked. A directory that understates a part's size does not get
past the reader: Python's zipfile stops at the declared size and the part's checksum then
fails (refused as damaged); the running counts are a second bound, should a reader ever
differ. The XML is parsed
with no DTD, no entities and no network (:mod:`hsdt.importer.xmlsafe`). A document estimated
at more than :attr:`Limits.max_pages` pages, or with more than :attr:`Limits.max_paragraphs`
paragraphs, is refused rather than imported: a record is one lesson or one plan, and a file that
long is many of them (a year of lesson plans in one file) that a reviewer could not check as one;
the message says to split it. The page estimate is the largest of Word's own count
(``docProps/app.xml``), the explicit and last-rendered page breaks, and the text's length at
3,000 characters a page. The converter's time and memory bounds (:attr:`Limits.convert_timeout_s`,
:attr:`Limits.convert_memory_mb`) are applied by :func:`hsdt.importer.bounded.run_bounded`.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hsdt.errors import ImportDocxError
from hsdt.i18n import Msg, msg
from hsdt.importer import cfb, legacy_docx
from hsdt.importer.xmlsafe import check_no_dtd, parse_part, serialize

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The bounds a document must keep to be imported."""

    max_file_bytes: int = 64 * MB
    """The .docx file's own size."""
    max_total_bytes: int = 256 * MB
    """The sum of the parts' uncompressed sizes."""
    max_ratio: int = 200
    """A part's uncompressed size over its compressed size (XML compresses 5–20 times)."""
    ratio_floor_bytes: int = 1 * MB
    """Parts smaller than this are not held to :attr:`max_ratio` (a tiny part may compress a
    lot and harms nobody)."""
    max_entries: int = 5000
    """The number of parts in the zip."""
    max_xml_bytes: int = 64 * MB
    """The sum of the XML parts' sizes: they are parsed into memory (a 200-page lesson plan's
    XML is under 10 MB)."""
    max_image_bytes: int = 16 * MB
    """A picture larger than this is dropped with a note."""
    max_pages: int = 200
    """The estimated number of pages."""
    max_paragraphs: int = 20_000
    """The number of paragraphs of the main document."""
    convert_timeout_s: float = 120.0
    """Wall-clock bound for the converter (for :func:`~hsdt.importer.bounded.run_bounded`)."""
    convert_memory_mb: int = 2048
    """Address-space bound for the converter, in MB."""


@dataclass(frozen=True)
class PreparedDocx:
    """A document that passed the guard."""

    data: bytes
    """The cleaned .docx, ready for the converter."""
    notes: tuple[Msg, ...]
    """What was changed, in order (macros, links, objects, pictures removed; text converted)."""


_PDF = b"%PDF"
_ZIP = b"PK\x03\x04"
_ZIP_EMPTY = b"PK\x05\x06"
_CHUNK = 64 * 1024

_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_WORD_MAINS = {
    _WORD_MAIN,
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
_EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"

_MACRO_TYPES = ("/vbaProject", "/wordVbaData", "/keyMapCustomizations")
_OBJECT_TYPES = ("/oleObject", "/package", "/control", "/aFChunk", "/activeXControlBinary")
_SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
_OBJECT_FOLDERS = ("word/embeddings/", "word/activeX/")
# A font name as an attribute value that classify_font could call legacy (.Vn…, VNI-…).
_LEGACY_FONT_NAME = re.compile(rb"""["']\s*(?:\.vn|vni[- ])""", re.IGNORECASE)
_TEXT_PART_TYPES = ("header", "footer", "footnotes", "endnotes", "comments")
_CHARS_PER_PAGE = 3000


def prepare_docx(path: Path, limits: Limits | None = None) -> PreparedDocx:
    """Check and clean the Word document at ``path`` (read only, never modified).

    Raises :class:`ImportDocxError`, naming the file, when it cannot be imported.
    """
    limits = limits or Limits()
    where = str(path)
    raw = _read_file(path, limits, where)
    entries, big_images = _unpack(raw, limits, where)
    return _Cleaner(entries, big_images, limits, where).run()


def _read_file(path: Path, limits: Limits, where: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise ImportDocxError(
                msg("guard.too_large", size=_mb(size), limit=_mb(limits.max_file_bytes)), where
            )
        raw = path.read_bytes()
    except OSError as e:
        raise ImportDocxError(msg("guard.missing"), where) from e
    if not raw:
        raise ImportDocxError(msg("guard.empty"), where)
    if raw.startswith(_PDF):
        raise ImportDocxError(msg("guard.pdf"), where)
    if raw.startswith(cfb.MAGIC):
        raise ImportDocxError(_cfb_kind(raw), where)
    if not raw.startswith((_ZIP, _ZIP_EMPTY)):
        raise ImportDocxError(msg("guard.not_docx"), where)
    return raw


def _cfb_kind(raw: bytes) -> Msg:
    """Which OLE container this is: encrypted OOXML, a legacy .doc, or another Office file."""
    try:
        names = cfb.stream_names(raw)
    except cfb.CfbError:
        return msg("guard.legacy_doc")
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        return msg("guard.encrypted")
    if "WordDocument" in names:
        return msg("guard.legacy_doc")
    return msg("guard.other_office")


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".rstrip("0").rstrip(".")


def _unpack(raw: bytes, limits: Limits, where: str) -> tuple[dict[str, bytes], dict[str, int]]:
    """The parts (name → bytes), and the pictures left packed because they are too large."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as e:
        raise ImportDocxError(msg("guard.corrupt"), where) from e
    if len(infos) > limits.max_entries:
        raise ImportDocxError(
            msg("guard.too_many_parts", count=len(infos), limit=limits.max_entries), where
        )
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise ImportDocxError(msg("guard.corrupt"), where)
    big_images = {
        i.filename: i.file_size
        for i in infos
        if i.filename.startswith("word/media/") and i.file_size > limits.max_image_bytes
    }
    kept = [i for i in infos if i.filename not in big_images]
    if sum(i.file_size for i in kept) > limits.max_total_bytes:
        raise ImportDocxError(msg("guard.bomb_total", limit=_mb(limits.max_total_bytes)), where)
    for info in kept:
        if info.flag_bits & 0x1:
            raise ImportDocxError(msg("guard.zip_password"), where)
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise ImportDocxError(
                    msg(
                        "guard.bomb_ratio",
                        part=info.filename,
                        ratio=int(ratio),
                        limit=limits.max_ratio,
                    ),
                    where,
                )
    entries: dict[str, bytes] = {}
    total = 0
    for info in kept:
        chunks: list[bytes] = []
        got = 0
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    got += len(chunk)
                    total += len(chunk)
                    if got > info.file_size:
                        raise ImportDocxError(msg("guard.bomb_stream", part=info.filename), where)
                    if total > limits.max_total_bytes:
                        raise ImportDocxError(
                            msg("guard.bomb_total", limit=_mb(limits.max_total_bytes)), where
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as e:
            raise ImportDocxError(msg("guard.corrupt"), where) from e
        except NotImplementedError as e:  # a compression method Word never uses
            raise ImportDocxError(msg("guard.corrupt"), where) from e
        entries[info.filename] = b"".join(chunks)
    return entries, big_images


def _is_macro_part(part: str) -> bool:
    return posixpath.basename(part).lower() in ("vbaproject.bin", "vbadata.xml")


def _source_of(rels_name: str) -> str:
    """``word/_rels/document.xml.rels`` → ``word/document.xml`` (``_rels/.rels`` → ``""``)."""
    folder, base = posixpath.split(rels_name)
    parent = posixpath.dirname(folder)
    return posixpath.join(parent, base[: -len(".rels")]) if base != ".rels" else parent


def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


class _Cleaner:
    """One document's cleaning: parts parsed on demand, changes collected as notes."""

    def __init__(
        self, entries: dict[str, bytes], big_images: dict[str, int], limits: Limits, where: str
    ) -> None:
        self.entries = entries
        self.big_images = big_images
        self.limits = limits
        self.where = where
        self.trees: dict[str, Any] = {}
        self.changed: set[str] = set()
        self.notes: list[Msg] = []

    def xml(self, part: str) -> Any:
        if part not in self.trees:
            self.trees[part] = parse_part(self.entries[part], part, self.where)
        return self.trees[part]

    def run(self) -> PreparedDocx:
        for required in ("[Content_Types].xml", "_rels/.rels"):
            if required not in self.entries:
                raise ImportDocxError(msg("guard.no_document", part=required), self.where)
        main = self._main_part()
        xml_parts = [p for p in self.entries if p.endswith((".xml", ".rels"))]
        xml_size = sum(len(self.entries[p]) for p in xml_parts)
        if xml_size > self.limits.max_xml_bytes:
            size, limit = _mb(xml_size), _mb(self.limits.max_xml_bytes)
            raise ImportDocxError(msg("guard.xml_too_large", size=size, limit=limit), self.where)
        for part in xml_parts:
            check_no_dtd(self.entries[part], part, self.where)
        self._drop_active_and_external()
        self._check_length(main)
        self._convert_legacy(main)
        return PreparedDocx(self._pack(), tuple(self.notes))

    def _main_part(self) -> str:
        main = None
        for rel in self.xml("_rels/.rels").iter(f"{_REL}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                main = _resolve("", rel.get("Target", ""))
        types = self.xml("[Content_Types].xml")
        override = {o.get("PartName", "").lstrip("/"): o for o in types.iter(f"{_CT}Override")}
        if main is None or main not in self.entries:
            if any(o.get("ContentType") in _WORD_MAINS for o in override.values()):
                raise ImportDocxError(msg("guard.corrupt"), self.where)
            if main is not None or "xl/workbook.xml" in self.entries:
                raise ImportDocxError(msg("guard.other_office"), self.where)
            raise ImportDocxError(msg("guard.no_document", part="word/document.xml"), self.where)
        entry = override.get(main)
        if entry is None:
            extension = posixpath.splitext(main)[1].lstrip(".").lower()
            entry = next(
                (
                    d
                    for d in types.iter(f"{_CT}Default")
                    if d.get("Extension", "").lower() == extension
                ),
                None,
            )
            if entry is not None and entry.get("ContentType") != _WORD_MAIN:
                entry = None  # a Default other than the plain document's: too odd to rewrite
        content_type = None if entry is None else entry.get("ContentType")
        if content_type not in _WORD_MAINS:
            raise ImportDocxError(msg("guard.other_office"), self.where)
        if entry is not None and content_type != _WORD_MAIN:
            entry.set("ContentType", _WORD_MAIN)
            self.changed.add("[Content_Types].xml")
        return main

    def _drop_active_and_external(self) -> None:
        """Drop macros, embedded objects, external relationships and too large pictures, with
        what referred to them, and say so in the notes."""
        remove = {p for p in self.entries if p.startswith(_OBJECT_FOLDERS) or _is_macro_part(p)}
        object_notes: dict[str, Msg] = {}
        for rels_name in sorted(p for p in self.entries if p.endswith(".rels")):
            source = _source_of(rels_name)
            if source in remove:
                continue  # the part goes, and its relationships with it
            dropped = self._drop_relationships(rels_name, source, remove, object_notes)
            if dropped and source in self.entries and source.endswith(".xml"):
                self._remove_references(source, dropped)
        macro_parts = sorted(p for p in remove if p in self.entries and _is_macro_part(p))
        for part in sorted(remove):
            self._remove_part(part)
        if macro_parts:
            self.notes.insert(0, msg("guard.note_macros", parts=", ".join(macro_parts)))
        self.notes.extend(object_notes.values())
        for image in sorted(self.big_images):
            size, limit = _mb(self.big_images[image]), _mb(self.limits.max_image_bytes)
            self.notes.append(msg("guard.note_image", part=image, size=size, limit=limit))
            self._drop_content_type(image)

    def _drop_relationships(
        self, rels_name: str, source: str, remove: set[str], object_notes: dict[str, Msg]
    ) -> set[str]:
        """Remove the relationships of ``source`` that must go; return their ids. Adds the
        parts they led to (macros, objects) to ``remove``."""
        root = self.xml(rels_name)
        dropped: set[str] = set()
        for rel in list(root.iter(f"{_REL}Relationship")):
            kind = rel.get("Type", "")
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            resolved = None if external else _resolve(source, target)
            if kind.endswith(_MACRO_TYPES) and resolved is not None:
                remove.add(resolved)
            elif kind.endswith(_OBJECT_TYPES):
                shown = resolved or target
                object_notes.setdefault(shown, msg("guard.note_object", part=shown))
                if resolved is not None:
                    remove.add(resolved)
            elif external:
                if kind.endswith("/hyperlink") and target.lower().startswith(_SAFE_LINK_SCHEMES):
                    continue
                kind_name = kind.rsplit("/", 1)[-1]
                self.notes.append(msg("guard.note_external", target=target, kind=kind_name))
            elif resolved not in self.big_images and resolved not in remove:
                continue
            dropped.add(rel.get("Id", ""))
            root.remove(rel)
            self.changed.add(rels_name)
        return dropped

    def _remove_part(self, part: str) -> None:
        if part not in self.entries:
            return
        self.entries.pop(part)
        self.trees.pop(part, None)
        rels = _rels_of(part)
        self.entries.pop(rels, None)
        self.trees.pop(rels, None)
        self._drop_content_type(part)

    def _drop_content_type(self, part: str) -> None:
        types = self.xml("[Content_Types].xml")
        for override in list(types.iter(f"{_CT}Override")):
            if override.get("PartName", "").lstrip("/") == part:
                types.remove(override)
                self.changed.add("[Content_Types].xml")

    def _remove_references(self, source: str, ids: set[str]) -> None:
        """Remove what in ``source`` used the dropped relationships: a picture's whole drawing,
        an object, an attached template; a hyperlink keeps its text."""
        root = self.xml(source)
        for element in list(root.iter()):
            if not isinstance(element.tag, str):
                continue
            if not any(k.startswith(_R) and v in ids for k, v in element.attrib.items()):
                continue
            if element.getroottree().getroot() is not root:
                continue  # already removed with an ancestor
            parent = element.getparent()
            if parent is None:
                continue
            if element.tag == f"{_W}hyperlink":
                index = parent.index(element)
                for child in list(element):
                    parent.insert(index, child)
                    index += 1
                parent.remove(element)
            else:
                holder = next(
                    (
                        a
                        for a in element.iterancestors()
                        if a.tag in (f"{_W}drawing", f"{_W}pict", f"{_W}object")
                    ),
                    element,
                )
                if holder.getparent() is not None:
                    holder.getparent().remove(holder)
            self.changed.add(source)

    def _check_length(self, main: str) -> None:
        root = self.xml(main)
        paragraphs = sum(1 for _ in root.iter(f"{_W}p"))
        if paragraphs > self.limits.max_paragraphs:
            raise ImportDocxError(
                msg(
                    "guard.too_many_paragraphs", count=paragraphs, limit=self.limits.max_paragraphs
                ),
                self.where,
            )
        breaks = sum(1 for b in root.iter(f"{_W}br") if b.get(f"{_W}type") == "page")
        breaks += sum(1 for _ in root.iter(f"{_W}pageBreakBefore"))
        rendered = sum(1 for _ in root.iter(f"{_W}lastRenderedPageBreak"))
        chars = sum(len(t.text or "") for t in root.iter(f"{_W}t"))
        pages = max(1 + breaks, 1 + rendered, chars // _CHARS_PER_PAGE + 1, self._word_pages())
        if pages > self.limits.max_pages:
            raise ImportDocxError(
                msg("guard.too_many_pages", pages=pages, limit=self.limits.max_pages), self.where
            )

    def _word_pages(self) -> int:
        if "docProps/app.xml" not in self.entries:
            return 0
        pages = self.xml("docProps/app.xml").find(f"{_EP}Pages")
        try:
            return int((pages.text or "0").strip()) if pages is not None else 0
        except ValueError:
            return 0

    def _convert_legacy(self, main: str) -> None:
        related: list[tuple[str, str]] = []
        if _rels_of(main) in self.entries:
            related = [
                (rel.get("Type", "").rsplit("/", 1)[-1], _resolve(main, rel.get("Target", "")))
                for rel in self.xml(_rels_of(main)).iter(f"{_REL}Relationship")
                if rel.get("TargetMode") != "External"
            ]
        targets = dict(related)
        styles_part = targets.get("styles", "word/styles.xml")
        theme_part = targets.get("theme", "word/theme/theme1.xml")
        text_parts = [main, *(t for k, t in related if k in _TEXT_PART_TYPES)]
        if not any(
            _LEGACY_FONT_NAME.search(self.entries[part])
            for part in (*text_parts, styles_part, theme_part)
            if part in self.entries
        ):
            return  # no legacy font is named anywhere: nothing to resolve (most documents)
        styles = self.xml(styles_part) if styles_part in self.entries else None
        theme = self.xml(theme_part) if theme_part in self.entries else None
        ctx = legacy_docx.font_context(styles, theme)
        report = legacy_docx.LegacyReport()
        for part in text_parts:
            if part in self.entries and legacy_docx.convert_part(self.xml(part), ctx, report):
                self.changed.add(part)
        if not report.runs:
            return
        legacy_docx.rewrite_style_fonts(styles, theme)
        for part in (styles_part, theme_part):
            if part in self.entries:
                self.changed.add(part)
        for encoding, count in sorted(report.runs.items()):
            fonts = ", ".join(sorted(report.fonts.get(encoding, set())))
            self.notes.append(
                msg("guard.note_legacy", encoding=encoding.value, fonts=fonts, count=count)
            )

    def _pack(self) -> bytes:
        out = io.BytesIO()
        order = ["[Content_Types].xml", *(p for p in self.entries if p != "[Content_Types].xml")]
        # Stored, not deflated: the converter reads it at once, and compressing it again was a
        # third of the guard's time.
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
            for part in order:
                data = serialize(self.trees[part]) if part in self.changed else self.entries[part]
                archive.writestr(zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0)), data)
        return out.getvalue()
