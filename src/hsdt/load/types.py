"""Record type definitions: built-in ones shipped in ``hsdt/data/types`` and a school's own.

A definition is YAML (``<id>.yml``) plus a Markdown template (``<id>.md`` beside it, or the
``mau`` key inline for a school's own type). Every type gets the common front-matter keys
(``loai``, ``nam_hoc``, ``tieu_de``, the group and the author as its place requires).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from hsdt.errors import ConfigError
from hsdt.i18n import msg
from hsdt.load.fields import Section
from hsdt.load.yamlsafe import load_yaml
from hsdt.model.record_type import (
    FieldKind,
    FieldSpec,
    Layout,
    LayoutKind,
    PathKind,
    RecordType,
    SectionSpec,
)
from hsdt.model.school import ACTING_ROLES, LEVELS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
"""Package data: built-in record types and demo school profiles."""

_TYPE_KEYS = frozenset(
    {
        "ma",
        "ten",
        "ten_en",
        "cap_hoc",
        "vi_tri",
        "tac_gia",
        "ngay_chinh",
        "ten_tep",
        "truong",
        "muc",
        "mau",
        "trinh_bay",
    }
)
_LAYOUT_KEYS = frozenset(
    {"mau", "ten_van_ban", "ky_hieu", "thong_tin", "ngay_van_ban", "chuc_danh", "noi_nhan", "ngang"}
)
_FIELD_KEYS = frozenset({"kieu", "nhan", "bat_buoc", "lua_chon", "toi_thieu", "toi_da", "ca_nhan"})
_KINDS = tuple(k.value for k in FieldKind)
_SLOT_KEYS = (*(r.value for r in ACTING_ROLES), "nguoi_lap", "con_dau")
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/:-]\s*", re.IGNORECASE)


def section_title(heading: str) -> str:
    """A heading without its numbering (``I.``, ``2.``, ``a)``), for matching."""
    return _NUMBERING.sub("", heading, count=1).strip()


def common_fields(path_kind: PathKind, author_key: str) -> tuple[FieldSpec, ...]:
    """The keys every record of a type placed at ``path_kind`` has."""
    fields = [
        FieldSpec("loai", FieldKind.ID, "loại hồ sơ"),
        FieldSpec("nam_hoc", FieldKind.SCHOOL_YEAR, "năm học"),
        FieldSpec("tieu_de", FieldKind.TEXT, "tiêu đề"),
    ]
    if path_kind is not PathKind.SCHOOL:
        fields.append(FieldSpec("to", FieldKind.GROUP, "tổ chuyên môn"))
    fields.append(FieldSpec(author_key, FieldKind.STAFF, "người soạn (mã nhân sự)"))
    fields.append(FieldSpec("so", FieldKind.TEXT, "số văn bản", required=False))
    fields.append(FieldSpec("ghi_chu", FieldKind.LONG_TEXT, "ghi chú", required=False))
    return tuple(fields)


def parse_type(top: Section, template: str | None, source: str) -> RecordType:
    """A :class:`RecordType` from its YAML mapping; ``template`` when it lives in a file."""
    top.only(_TYPE_KEYS)
    type_id = top.ident("ma")
    path_kind = PathKind(top.choice("vi_tri", tuple(k.value for k in PathKind)))
    author_key = top.choice(
        "tac_gia",
        ("giao_vien", "nguoi_lap"),
        "giao_vien" if path_kind is PathKind.TEACHER else "nguoi_lap",
    )
    fields = list(common_fields(path_kind, author_key))
    taken = {f.key for f in fields}
    own = top.section("truong", required=False)
    if own is not None:
        for key in own.value:
            spec = own.req_section(key)
            spec.only(_FIELD_KEYS)
            if key in taken:
                raise own.error(msg("cfg.duplicate_item", key=own.dotted(), value=key), key)
            if not re.match(r"^[a-z][a-z0-9_]*$", key):
                raise own.error(msg("cfg.bad_field_key", key=key), key)
            kind = FieldKind(spec.choice("kieu", _KINDS))
            choices = spec.texts("lua_chon", required=kind is FieldKind.CHOICE)
            fields.append(
                FieldSpec(
                    key=key,
                    kind=kind,
                    label=spec.text("nhan"),
                    required=spec.boolean("bat_buoc", True),
                    choices=choices,
                    minimum=spec.integer("toi_thieu", 0, -(10**6), 10**6)
                    if spec.has("toi_thieu")
                    else None,
                    maximum=spec.integer("toi_da", 0, -(10**6), 10**6)
                    if spec.has("toi_da")
                    else None,
                    personal=spec.boolean("ca_nhan", False),
                )
            )
            taken.add(key)
    date_key = top.text("ngay_chinh", required=False) or None
    if date_key is not None and date_key not in taken:
        raise top.error(msg("cfg.unknown_field", key="ngay_chinh", value=date_key), "ngay_chinh")
    slug_keys = top.texts("ten_tep") or ("tieu_de",)
    for key in slug_keys:
        if key not in taken:
            raise top.error(msg("cfg.unknown_field", key="ten_tep", value=key), "ten_tep")
    sections = tuple(SectionSpec(section_title(s), s) for s in top.texts("muc"))
    body = template if template is not None else top.text("mau", required=True)
    return RecordType(
        id=type_id,
        name=top.text("ten"),
        name_en=top.text("ten_en", required=False, default=top.text("ten")),
        levels=top.choices_list("cap_hoc", LEVELS, required=True),
        path_kind=path_kind,
        author_key=author_key,
        date_key=date_key,
        slug_keys=tuple(slug_keys),
        fields=tuple(fields),
        sections=sections,
        template=body.rstrip("\n") + "\n",
        source=source,
        layout=_layout(top, taken),
    )


def _layout(top: Section, keys: set[str]) -> Layout:
    """The ``trinh_bay`` section; every key optional."""
    section = top.section("trinh_bay", required=False)
    if section is None:
        return Layout()
    section.only(_LAYOUT_KEYS)
    info = section.texts("thong_tin")
    for key in info:
        if key not in keys:
            raise section.error(msg("cfg.unknown_field", key="thong_tin", value=key), "thong_tin")
    date_key = section.text("ngay_van_ban", required=False) or None
    if date_key is not None and date_key not in keys:
        raise section.error(
            msg("cfg.unknown_field", key="ngay_van_ban", value=date_key), "ngay_van_ban"
        )
    titles: list[tuple[str, str]] = []
    named = section.section("chuc_danh", required=False)
    if named is not None:
        named.only(frozenset(_SLOT_KEYS))
        titles = [(key, named.text(key)) for key in named.value]
    return Layout(
        kind=LayoutKind(section.choice("mau", tuple(k.value for k in LayoutKind), "hanh_chinh")),
        doc_title=section.text("ten_van_ban", required=False) or None,
        code=section.text("ky_hieu", required=False) or None,
        info=info,
        date_key=date_key,
        titles=tuple(titles),
        recipients=section.texts("noi_nhan"),
        landscape_tables=section.boolean("ngang", False),
    )


def builtin_type_ids() -> list[str]:
    """Ids of hsdt's record types (file names, nothing parsed)."""
    return sorted(p.name[:-4] for p in (DATA_DIR / "types").glob("*.yml"))


@cache
def builtin_type(type_id: str) -> RecordType:
    """One of hsdt's record types, parsed once per process (a school uses only some, and
    ``hsdt check`` runs on every commit)."""
    folder = DATA_DIR / "types"
    name = f"hsdt/data/types/{type_id}.yml"
    located = load_yaml((folder / f"{type_id}.yml").read_text(encoding="utf-8"), name)
    template_file = folder / f"{type_id}.md"
    template = template_file.read_text(encoding="utf-8") if template_file.is_file() else None
    record_type = parse_type(Section(located.value, located, name), template, "hsdt")
    if record_type.id != type_id:
        raise ConfigError(msg("cfg.type_file_name", id=record_type.id), name, 1)
    return record_type


def builtin_types() -> dict[str, RecordType]:
    """All of hsdt's record types, by id."""
    return {type_id: builtin_type(type_id) for type_id in builtin_type_ids()}
