"""HTML → PDF/A-3 with WeasyPrint: the one module that imports it.

A :class:`PdfJob` is everything needed to print one record (plain data, so it crosses to a
worker process). :func:`write_pdf` lays the HTML out with our fonts and the safe fetcher, reads
where the signature places landed (their boxes become the manifest's slots), and writes a
PDF/A-3u with the Markdown source attached as ``AFRelationship=Source``, the manifest as
``Data``, and the record's metadata in the document information and the XMP packet.

Deterministic: every date comes from the job (commit time or SOURCE_DATE_EPOCH), the file
identifier is a hash of the content, footnote ids are fixed; the same job gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import Any
from xml.etree import ElementTree as ET

from hsdt.errors import RenderError
from hsdt.i18n import msg
from hsdt.model.manifest import MANIFEST_NAME, Manifest, SignatureSlot
from hsdt.render.fetcher import RefusedResource, SafeFetcher
from hsdt.render.fonts import find_fonts

PDF_VARIANT = "pdf/a-3u"
"""PDF/A-3 level U: archival, every font embedded, text extractable as Unicode, attachments
of any type allowed (the Markdown source, the manifest)."""

PT_PER_PX = 0.75
"""WeasyPrint lays out in CSS pixels (1/96 in); PDF points are 1/72 in."""

XMP_NS = "https://hsdt.vn/ns/xmp/1.0/"
"""Namespace of hsdt's XMP properties (declared in a PDF/A extension schema)."""

_XMP_FIELDS = (
    ("recordId", "record_id", "Đường dẫn hồ sơ trong kho (record path)"),
    ("recordType", "type_id", "Loại hồ sơ (record type)"),
    ("school", "school_id", "Mã trường (school id)"),
    ("author", "author", "Người lập (author staff id)"),
    ("sourceSha256", "source_sha256", "SHA-256 của tệp nguồn Markdown"),
    ("commit", "commit", "Commit git của nguồn"),
)


@dataclass(frozen=True)
class PdfJob:
    """One record to print."""

    html: str
    """The complete HTML (template applied, body sanitised)."""
    stylesheet: str
    """The CSS served at the stylesheet URL."""
    base_url: str
    """Base URL of the record's folder under the fetcher's repository prefix."""
    root: str
    """Repository root (the fetcher's jail)."""
    source: bytes
    """Exact bytes of the Markdown source."""
    manifest: Manifest
    """The manifest, slots empty: they are filled from the layout."""
    slot_keys: tuple[str, ...]
    """Signature places to locate (``cho-ky-<key>`` elements), signing order."""
    seal_over: str | None
    """Key of the place the seal overlaps, when a seal signs."""
    slot_titles: tuple[tuple[str, str, str | None, str | None], ...]
    """(key, title, staff id, name) for each place, seal included."""
    title: str
    """Document title (info dictionary, XMP dc:title)."""
    author_name: str
    """Author's name (info Author, XMP dc:creator)."""
    subject: str
    """Description (info Subject)."""
    keywords: tuple[str, ...]
    """Keywords."""
    moment: datetime
    """The document's date (timezone-aware)."""
    font_dir: str | None = None
    """The school's Times New Roman folder (absolute), if its profile names one."""


@dataclass(frozen=True)
class RenderedPdf:
    """A written PDF and what it carries."""

    data: bytes
    """The PDF bytes."""
    manifest: Manifest
    """The manifest embedded in it, slots included."""
    pages: int
    """Number of pages."""
    font: str = "Liberation Serif"
    """The font the record printed in (``Times New Roman`` or ``Liberation Serif``)."""


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def warm_up(font_dir: str | None = None) -> None:
    """Load the font configuration now (before forking workers, so they share it)."""
    _font_config()
    find_fonts(font_dir)


def write_pdf(job: PdfJob) -> RenderedPdf:
    """Lay out and write one record; RenderError with the URL when a resource is refused."""
    from pathlib import Path

    import weasyprint

    fonts = find_fonts(job.font_dir)
    fetcher = SafeFetcher(Path(job.root), fonts, fonts.stylesheet(job.stylesheet))
    try:
        html = weasyprint.HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
        document = html.render(font_config=_font_config(), cache={})
    except RefusedResource as e:
        raise RenderError(msg(e.reason, url=_shown_url(e.url)), job.manifest.record_id) from e
    slots = _locate_slots(document, job)
    manifest = replace(job.manifest, slots=slots)
    _set_metadata(document.metadata, job, fonts.name)
    attachments = [
        weasyprint.Attachment(
            string=job.source,
            name=job.manifest.source_name,
            description="Tệp nguồn Markdown của hồ sơ",
            created=job.moment,
            modified=job.moment,
            relationship="Source",
        ),
        weasyprint.Attachment(
            string=manifest.to_json(),
            name=MANIFEST_NAME,
            description="Thông tin hồ sơ và vị trí chữ ký (hsdt)",
            created=job.moment,
            modified=job.moment,
            relationship="Data",
        ),
    ]
    data = document.write_pdf(
        pdf_variant=PDF_VARIANT,
        attachments=attachments,
        custom_metadata=True,
        finisher=lambda doc, pdf: _finish(pdf, manifest),
    )
    return RenderedPdf(data, manifest, len(document.pages), fonts.name)


@dataclass(frozen=True)
class DocumentJob:
    """A document that is not a record (the archive's verification report): HTML printed with
    the records' fonts and safe fetcher, its data attached, every date from the job."""

    html: str
    """The complete HTML; it links its print CSS at :data:`hsdt.render.fetcher.STYLE_URL`."""
    stylesheet: str
    """Print CSS, served after the fonts' ``@font-face`` rules."""
    root: str
    """The fetcher's jail (the document names no file; anything it names is refused)."""
    title: str
    """Document title."""
    subject: str
    """Description."""
    moment: datetime
    """Created and modified date (timezone-aware)."""
    attachments: tuple[tuple[str, bytes, str], ...] = ()
    """(file name, bytes, description) attached with ``AFRelationship=Data``."""
    custom: tuple[tuple[str, str], ...] = ()
    """Custom document-information entries."""


def renderer_fingerprint() -> str:
    """What the printed bytes depend on besides the job: hsdt's and WeasyPrint's versions and
    the fonts' digest (the same fingerprint and job give the same bytes)."""
    from importlib.metadata import version

    from hsdt import __version__

    return f"hsdt {__version__}; weasyprint {version('weasyprint')}; fonts {find_fonts().digest}"


def write_document(job: DocumentJob) -> bytes:
    """Print ``job`` as PDF/A-3u; deterministic (the same job and fingerprint, the same bytes)."""
    from pathlib import Path

    import weasyprint

    fonts = find_fonts()
    fetcher = SafeFetcher(Path(job.root), fonts, fonts.stylesheet(job.stylesheet))
    try:
        html = weasyprint.HTML(string=job.html, url_fetcher=fetcher)
        document = html.render(font_config=_font_config(), cache={})
    except RefusedResource as e:
        raise RenderError(msg(e.reason, url=_shown_url(e.url)), job.title) from e
    stamp = job.moment.isoformat(timespec="seconds")
    metadata = document.metadata
    metadata.title = job.title
    metadata.description = job.subject
    metadata.generator = renderer_fingerprint()
    metadata.created = stamp
    metadata.modified = stamp
    metadata.lang = "vi"
    metadata.custom = dict(job.custom)
    attachments = [
        weasyprint.Attachment(
            string=data,
            name=name,
            description=description,
            created=job.moment,
            modified=job.moment,
            relationship="Data",
        )
        for name, data, description in job.attachments
    ]
    data: bytes = document.write_pdf(
        pdf_variant=PDF_VARIANT,
        attachments=attachments,
        custom_metadata=True,
        pdf_identifier=hashlib.sha256(job.html.encode("utf-8")).hexdigest()[:32].encode(),
    )
    return data


def _shown_url(url: str) -> str:
    from hsdt.render.fetcher import REPO_PREFIX

    return url[len(REPO_PREFIX) :] if url.startswith(REPO_PREFIX) else url[:200]


def _locate_slots(document: Any, job: PdfJob) -> tuple[SignatureSlot, ...]:
    """The boxes of the ``cho-ky-<key>`` elements, in PDF points from the bottom left."""
    found: dict[str, tuple[int, tuple[float, float, float, float]]] = {}
    wanted = {f"cho-ky-{key}": key for key in job.slot_keys}
    for index, page in enumerate(document.pages):
        height = page.height * PT_PER_PX
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or box.element_tag != "div":
                continue
            key = wanted.get(element.get("id", ""))
            if key is None or key in found:
                continue
            x = box.border_box_x() * PT_PER_PX
            y = box.border_box_y() * PT_PER_PX
            w = box.border_width() * PT_PER_PX
            h = box.border_height() * PT_PER_PX
            found[key] = (index, (x, height - y - h, x + w, height - y))
    titles = {key: (title, staff, name) for key, title, staff, name in job.slot_titles}
    slots = []
    for key in job.slot_keys:
        if key not in found:
            raise RenderError(msg("render.no_slot", key=key), job.manifest.record_id)
        page, box = found[key]
        title, staff, name = titles[key]
        slots.append(SignatureSlot(key, f"hsdt.{key}", title, staff, name, page, box))
    if job.seal_over is not None:
        page, (x1, y1, _, y2) = found[job.seal_over]
        side = y2 - y1
        # The seal overlaps about a third of the signature on its left (Nghị định 30/2020).
        seal_box = (x1 - side / 3, y1, x1 + side * 2 / 3, y2)
        title, staff, name = titles["con_dau"]
        slots.append(SignatureSlot("con_dau", "hsdt.con_dau", title, staff, name, page, seal_box))
    return tuple(slots)


def _set_metadata(metadata: Any, job: PdfJob, font: str) -> None:
    stamp = job.moment.isoformat(timespec="seconds")
    metadata.title = job.title
    metadata.authors = [job.author_name]
    metadata.description = job.subject
    metadata.keywords = list(job.keywords)
    metadata.generator = f"hsdt {job.manifest.hsdt_version}"
    metadata.created = stamp
    metadata.modified = stamp
    metadata.lang = "vi"
    m = job.manifest
    metadata.custom = {
        "HsdtRecordId": m.record_id,
        "HsdtRecordType": m.type_id,
        "HsdtSchool": m.school_id,
        "HsdtAuthor": m.author or "",
        "HsdtSourceSHA256": m.source_sha256,
        "HsdtCommit": m.commit or "",
        # Nghị định 30/2020 names Times New Roman: which font printed, for whoever checks.
        "HsdtFont": font,
    }


def _finish(pdf: Any, manifest: Manifest) -> None:
    """Last touches before the bytes are written: one /AF entry per attachment (WeasyPrint 70
    lists each twice), and hsdt's XMP properties."""
    if "AF" in pdf.catalog:
        import pydyf

        seen: list[Any] = []
        for ref in pdf.catalog["AF"]:
            if ref not in seen:
                seen.append(ref)
        pdf.catalog["AF"] = pydyf.Array(seen)
    _add_xmp(pdf, manifest)


def _add_xmp(pdf: Any, manifest: Manifest) -> None:
    """Merge hsdt's properties, with their PDF/A extension schema, into the XMP packet."""
    reference = pdf.catalog["Metadata"]
    reference = int((reference.decode() if isinstance(reference, bytes) else reference).split()[0])
    stream = pdf.objects[reference]
    packet = b"".join(
        part if isinstance(part, bytes) else str(part).encode() for part in stream.stream
    )
    start, end = packet.index(b"<rdf:RDF"), packet.rindex(b"</rdf:RDF>") + len(b"</rdf:RDF>")
    rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    ET.register_namespace("rdf", rdf_ns)
    ET.register_namespace("hsdt", XMP_NS)
    for prefix, uri in _XMP_PREFIXES.items():
        ET.register_namespace(prefix, uri)
    rdf = ET.fromstring(packet[start:end])
    rdf.append(_extension_schema(rdf_ns))
    own = ET.SubElement(rdf, f"{{{rdf_ns}}}Description", {f"{{{rdf_ns}}}about": ""})
    for name, attribute, _ in _XMP_FIELDS:
        value = getattr(manifest, attribute)
        if value:
            ET.SubElement(own, f"{{{XMP_NS}}}{name}").text = str(value)
    merged = (
        packet[:start] + ET.tostring(rdf, encoding="utf-8", xml_declaration=False) + packet[end:]
    )
    stream.stream = [merged]


_XMP_PREFIXES = {
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}


def _extension_schema(rdf_ns: str) -> ET.Element:
    """The PDF/A extension schema declaring hsdt's XMP properties (ISO 19005-1, 6.7.8)."""
    ext, schema, prop = (_XMP_PREFIXES[k] for k in ("pdfaExtension", "pdfaSchema", "pdfaProperty"))
    rdf = f"{{{rdf_ns}}}"
    description = ET.Element(f"{rdf}Description", {f"{rdf}about": ""})
    bag = ET.SubElement(ET.SubElement(description, f"{{{ext}}}schemas"), f"{rdf}Bag")
    item = ET.SubElement(bag, f"{rdf}li", {f"{rdf}parseType": "Resource"})
    ET.SubElement(item, f"{{{schema}}}schema").text = "hsdt: hồ sơ chuyên môn điện tử"
    ET.SubElement(item, f"{{{schema}}}namespaceURI").text = XMP_NS
    ET.SubElement(item, f"{{{schema}}}prefix").text = "hsdt"
    seq = ET.SubElement(ET.SubElement(item, f"{{{schema}}}property"), f"{rdf}Seq")
    for name, _, text in _XMP_FIELDS:
        entry = ET.SubElement(seq, f"{rdf}li", {f"{rdf}parseType": "Resource"})
        ET.SubElement(entry, f"{{{prop}}}name").text = name
        ET.SubElement(entry, f"{{{prop}}}valueType").text = "Text"
        ET.SubElement(entry, f"{{{prop}}}category").text = "external"
        ET.SubElement(entry, f"{{{prop}}}description").text = text
    return description


WIDE_COLUMNS = 6
"""A table with this many columns or more makes the record print landscape when its type asks."""

_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_FIRST_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)


def has_wide_table(body: str) -> bool:
    """Whether ``body`` has a table of :data:`WIDE_COLUMNS` columns or more.

    Such a record (of a type with ``ngang: true``) prints landscape throughout rather than
    switching to a landscape page for the table: the switch forces a page break, which left
    the portrait page before the table half empty.
    """
    for match in _TABLE.finditer(body):
        row = _FIRST_ROW.search(match.group(0))
        if row and len(re.findall(r"<t[hd][\s>]", row.group(1))) >= WIDE_COLUMNS:
            return True
    return False


def source_digest(data: bytes) -> str:
    """SHA-256 hex of the source bytes."""
    return hashlib.sha256(data).hexdigest()
