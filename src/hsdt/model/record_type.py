"""Record types: the front-matter schema, required sections and template of a kind of record."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldKind(StrEnum):
    """The kinds of front-matter value a record type can ask for."""

    TEXT = "chuoi"
    """A non-empty single-line string."""
    LONG_TEXT = "van_ban"
    """A string that may span lines."""
    INT = "so"
    """A whole number, bounded by ``minimum``/``maximum`` when given."""
    DATE = "ngay"
    """A date written ``YYYY-MM-DD`` that exists in the calendar."""
    TIME = "gio"
    """A time of day written ``HH:MM``."""
    SCHOOL_YEAR = "nam_hoc"
    """A school year written ``YYYY-YYYY`` with consecutive years."""
    STAFF = "nhan_su"
    """A staff id from the school roster."""
    STAFF_LIST = "ds_nhan_su"
    """A list of staff ids from the roster."""
    GROUP = "to"
    """A subject-group id from the school profile."""
    CHOICE = "lua_chon"
    """One of ``choices``."""
    TEXT_LIST = "ds_chuoi"
    """A list of non-empty strings."""
    ID = "ma"
    """A lowercase id: letters, digits and hyphens (safe in a path)."""


class PathKind(StrEnum):
    """Where records of a type live under ``records/<nam_hoc>/``."""

    TEACHER = "giao_vien"
    """``records/<nam_hoc>/<to>/<giao_vien>/<loai>/<ten>.md``"""
    GROUP = "to"
    """``records/<nam_hoc>/<to>/<loai>/<ten>.md``"""
    SCHOOL = "truong"
    """``records/<nam_hoc>/truong/<loai>/<ten>.md``"""


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter key of a record type."""

    key: str
    """The key as written in front matter (ASCII, no diacritics)."""
    kind: FieldKind
    """The kind of value expected."""
    label: str
    """Vietnamese description shown in messages ("ngày dạy")."""
    required: bool = True
    """Whether the key must be present."""
    choices: tuple[str, ...] = ()
    """The allowed values, for :attr:`FieldKind.CHOICE`."""
    minimum: int | None = None
    """Lower bound for :attr:`FieldKind.INT`."""
    maximum: int | None = None
    """Upper bound for :attr:`FieldKind.INT`."""
    personal: bool = False
    """Personal data (``ca_nhan: true``: pupils' names, health, results): never published on
    the school's site, even when filled in."""


@dataclass(frozen=True)
class SectionSpec:
    """A heading the body must contain, in order with the others."""

    title: str
    """The heading text without numbering, e.g. ``Mục tiêu`` (matched case-insensitively)."""
    shown: str
    """The heading as the template writes it, e.g. ``I. Mục tiêu``; used in messages."""


class LayoutKind(StrEnum):
    """The printed layout families (type YAML ``trinh_bay.mau``)."""

    ADMIN = "hanh_chinh"
    """Administrative document per Nghị định 30/2020/NĐ-CP, Phụ lục I (plans, minutes)."""
    LESSON = "giao_an"
    """Lesson-plan header per Công văn 5512 Phụ lục IV / Công văn 2345 instead of the
    administrative header."""


@dataclass(frozen=True)
class Layout:
    """How a type prints (type YAML ``trinh_bay``); every key has a default."""

    kind: LayoutKind = LayoutKind.ADMIN
    """The layout family."""
    doc_title: str | None = None
    """The document-type line (``KẾ HOẠCH``, ``BIÊN BẢN``); None: the type's name uppercased."""
    code: str | None = None
    """Abbreviation of the document type for the number line (``KH``, ``BB``)."""
    info: tuple[str, ...] = ()
    """Front-matter keys printed as ``label: value`` lines under the title, in order."""
    date_key: str | None = None
    """Front-matter key dating the document on the place-and-date line; None: the commit
    (or render) date."""
    titles: tuple[tuple[str, str], ...] = ()
    """Signature-slot titles replacing the defaults: (slot key, title; ``\n`` splits lines)."""
    recipients: tuple[str, ...] = ()
    """The ``Nơi nhận:`` lines; empty: no recipients block."""
    landscape_tables: bool = False
    """Print wide tables (six columns or more, or wider than the page) on landscape pages."""


@dataclass(frozen=True)
class RecordType:
    """A kind of record: its schema, its sections, its place and its template."""

    id: str
    """The type id used in front matter (``loai``) and paths, e.g. ``khbd-trung-hoc``."""
    name: str
    """Vietnamese name, e.g. ``Kế hoạch bài dạy (THCS, THPT — Công văn 5512, Phụ lục IV)``."""
    name_en: str
    """English name."""
    levels: tuple[str, ...]
    """School levels the type applies to (``mam_non``, ``tieu_hoc``, ``thcs``, ``thpt``)."""
    path_kind: PathKind
    """Where its records live."""
    author_key: str
    """The front-matter key that names the author (``giao_vien`` or ``nguoi_lap``)."""
    date_key: str | None
    """The key holding the date the record is about (for locks and deadlines)."""
    slug_keys: tuple[str, ...]
    """Keys whose values make the conventional file name, in order."""
    fields: tuple[FieldSpec, ...]
    """The front-matter schema (common keys included)."""
    sections: tuple[SectionSpec, ...]
    """Required headings, in order."""
    template: str
    """The Markdown body written by ``hsdt new``."""
    source: str = "hsdt"
    """Where the definition comes from (``hsdt`` or the profile file that adds it)."""
    layout: Layout = Layout()
    """How its records print."""

    def field(self, key: str) -> FieldSpec | None:
        """The spec of ``key``, if the type has it."""
        for spec in self.fields:
            if spec.key == key:
                return spec
        return None
