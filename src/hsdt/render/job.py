"""From a record file to a :class:`~hsdt.render.pdf.PdfJob` and its cache key.

Reading is strict: a record whose front matter does not validate is not printed (the message
says to run ``hsdt check``). The document's date is, in order: ``SOURCE_DATE_EPOCH``; the time
of the last commit of the file when its working copy is clean; the record's own date; the first
day of the school year. Never the clock, so the same source prints the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime, time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from hsdt import __version__
from hsdt.errors import HsdtError, RecordError, RenderError
from hsdt.i18n import msg
from hsdt.load.frontmatter import parse_front_matter
from hsdt.load.outline import headings
from hsdt.load.text import decode_text
from hsdt.model.manifest import SEAL, Manifest
from hsdt.model.problem import Severity
from hsdt.model.record import Record
from hsdt.model.timeutil import VN_TZ
from hsdt.render.fetcher import REPO_PREFIX, STYLE_URL
from hsdt.render.layout import DocumentView, build_view
from hsdt.rules.schema import validate_meta

if TYPE_CHECKING:
    from collections.abc import Mapping

    import jinja2

    from hsdt.git.lastcommit import LastCommit
    from hsdt.model.record_type import RecordType
    from hsdt.model.school import School
    from hsdt.render.pdf import PdfJob

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""The page template and stylesheet."""


@dataclass(frozen=True)
class Source:
    """A record read for printing."""

    rel: str
    """Repository-relative path."""
    data: bytes
    """Exact file bytes."""
    record: Record
    """The parsed, validated record."""
    record_type: RecordType
    """Its type."""


def read_source(root: Path, rel: str, school: School) -> Source:
    """Read and validate ``rel``; RecordError naming the first problem otherwise."""
    try:
        data = (root / rel).read_bytes()
    except OSError as e:
        raise RecordError(msg("check.unreadable", error=e.strerror or str(e)), rel) from e
    if len(data) > school.policy.max_file_kb * 1024:
        raise RecordError(msg("render.too_big", limit=school.policy.max_file_kb), rel)
    content = decode_text(data, rel)
    raw = parse_front_matter(content, rel)
    type_id = raw.meta.get("loai")
    record_type = school.types.get(type_id) if isinstance(type_id, str) else None
    if record_type is None:
        raise RecordError(msg("render.not_record", known=", ".join(sorted(school.types))), rel, 1)
    meta, problems = validate_meta(raw, record_type)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise RecordError(msg("render.invalid", problem=first.msg.render()), rel, first.line)
    lines = {str(k[0]): v for k, v in raw.located.lines.items() if len(k) == 1}
    record = Record(
        rel, record_type.id, meta, lines, raw.body, raw.body_line, headings(raw.body, raw.body_line)
    )
    return Source(rel, data, record, record_type)


def document_moment(source: Source, school: School, last: LastCommit | None) -> datetime:
    """The date printed and stamped into the PDF (see the module docstring)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), VN_TZ)
        except (ValueError, OverflowError, OSError) as e:
            raise RenderError(msg("render.bad_epoch", value=epoch[:40])) from e
    if last is not None:
        return last.when
    key = source.record_type.date_key
    day = source.record.get_date(key) if key else None
    if day is None:
        from hsdt.rules.years import record_calendar

        calendar = record_calendar(source.record, school) or school.calendars[0]
        day = calendar.start
    return datetime.combine(day, time(7, 0), VN_TZ)


@cache
def template_files() -> tuple[str, ...]:
    """Every template and the stylesheet, ``name\ntext`` each, sorted (for the cache key)."""
    return tuple(
        f"{path.name}\n{path.read_text(encoding='utf-8')}"
        for path in sorted(TEMPLATES.iterdir())
        if path.suffix in (".j2", ".css")
    )


@cache
def stylesheet() -> str:
    """The stylesheet of every record."""
    return (TEMPLATES / "record.css").read_text(encoding="utf-8")


def template_name(record_type: RecordType) -> str:
    """``<type id>.html.j2`` when the type has its own template, else its layout family's."""
    own = f"{record_type.id}.html.j2"
    return own if (TEMPLATES / own).is_file() else f"{record_type.layout.kind.value}.html.j2"


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def build_job(
    root: Path,
    source: Source,
    school: School,
    moment: datetime,
    commit: str | None,
    approvals: Mapping[str, str] | None = None,
) -> tuple[PdfJob, DocumentView]:
    """The job printing ``source``."""
    from hsdt.render.fonts import font_folder
    from hsdt.render.markup import to_html
    from hsdt.render.pdf import PdfJob, has_wide_table, source_digest

    body = to_html(source.record.body)
    view = build_view(source.record, source.record_type, school, body, moment, approvals)
    landscape = view.landscape_tables and has_wide_table(body)
    head, last = split_last_block(body)
    page = _environment().get_template(template_name(source.record_type))
    html = page.render(
        view=view, body=head, body_last=last, landscape=landscape, style_url=STYLE_URL
    )
    folder = source.rel.rsplit("/", 1)[0] + "/" if "/" in source.rel else ""
    manifest = Manifest(
        record_id=source.rel,
        type_id=source.record_type.id,
        school_id=school.id,
        author=source.record.get_str(source.record_type.author_key),
        source_name=source.rel.rsplit("/", 1)[-1],
        source_sha256=source_digest(source.data),
        commit=commit,
        rendered_at=moment.isoformat(timespec="seconds"),
        hsdt_version=__version__,
    )
    titles = [(s.key, "\n".join(s.title), s.staff_id, s.name) for s in view.slots]
    if view.seal:
        titles.append((SEAL, "CON DẤU", None, school.name))
    job = PdfJob(
        html=html,
        stylesheet=stylesheet(),
        base_url=REPO_PREFIX + folder,
        root=str(root),
        source=source.data,
        manifest=manifest,
        slot_keys=tuple(s.key for s in view.slots),
        seal_over=view.seal_over,
        slot_titles=tuple(titles),
        title=f"{view.doc_title.capitalize()}: {view.subject}",
        author_name=view.author_name or "",
        subject=f"{source.record_type.name} — {school.name}",
        keywords=("hsdt", source.record_type.id, school.id),
        moment=moment,
        font_dir=font_folder(root, school.font_dir),
    )
    return job, view


def split_last_block(body: str) -> tuple[str, str]:
    """``body`` cut before its last top-level element: (everything before, the last block).

    The template puts the last block beside the signatures, which may not start a page: the
    last lines of the block go over with them. A heading right before the last block goes
    with it, so that a heading is never left at the foot of a page either.
    """
    from html.parser import HTMLParser

    starts: list[tuple[int, str]] = []

    class _Blocks(HTMLParser):
        depth = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _VOID:
                if self.depth == 0:
                    starts.append((_offset(self.getpos()), tag))
                return
            if self.depth == 0:
                starts.append((_offset(self.getpos()), tag))
            self.depth += 1

        def handle_endtag(self, tag: str) -> None:
            if tag not in _VOID:
                self.depth = max(0, self.depth - 1)

    line_starts = [0]
    for match in re.finditer("\n", body):
        line_starts.append(match.end())

    def _offset(pos: tuple[int, int]) -> int:
        return line_starts[pos[0] - 1] + pos[1]

    parser = _Blocks(convert_charrefs=True)
    parser.feed(body)
    parser.close()
    if not starts:
        return body, ""
    cut = starts[-1][0]
    if len(starts) > 1 and re.fullmatch(r"h[1-6]", starts[-2][1]):
        cut = starts[-2][0]
    return body[:cut], body[cut:]


_VOID = {"br", "hr", "img", "col", "wbr"}

_IMAGE_REF = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)


def cache_key(
    root: Path,
    source: Source,
    school: School,
    moment: datetime,
    commit: str | None,
    approvals: Mapping[str, str] | None,
    fonts_digest: str,
) -> str:
    """A key that changes whenever the printed PDF could: the source and the images it names,
    the school profile, the approvals, the date and commit, the template, CSS and fonts, and
    the versions of hsdt and WeasyPrint. Computed without converting the Markdown."""
    digest = hashlib.sha256()
    for part in (
        __version__,
        _weasyprint_version(),
        fonts_digest,
        _profile_digest(root, school.profile_dir),
        *template_files(),
        source.rel,
        moment.isoformat(),
        commit or "",
        repr(sorted((approvals or {}).items())),
    ):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(source.data)
    folder = (root / source.rel).parent
    for match in _IMAGE_REF.finditer(source.record.body):
        ref = match.group(1) or match.group(2)
        target = folder / ref
        if target.is_file():
            digest.update(ref.encode() + b"\0" + hashlib.sha256(target.read_bytes()).digest())
    return digest.hexdigest()


@cache
def _weasyprint_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


def _profile_digest(root: Path, profile_dir: str) -> str:
    folder = root / profile_dir
    digest = hashlib.sha256()
    try:
        files = sorted(folder.glob("*.yml"))
        for file in files:
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    except OSError as e:  # pragma: no cover - the profile was just read
        raise HsdtError(msg("check.unreadable", error=str(e)), profile_dir) from e
    return digest.hexdigest()
