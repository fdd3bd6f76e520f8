"""Paths: a record lives where its front matter says, under a safe name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hsdt.i18n import msg
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.record_type import PathKind, RecordType
from hsdt.rules.context import CheckContext

RULE = "duong-dan"
_NAME = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*\.md$")


def expected_folder(record_type: RecordType, meta: dict[str, object] | object) -> str | None:
    """``records/<nam_hoc>/<to>/<giao_vien>/<loai>`` (as the type's place says), or None when
    the front matter lacks a key the path needs."""
    get = meta.get if isinstance(meta, dict) else (lambda _k: None)
    parts = ["records", get("nam_hoc")]
    if record_type.path_kind is PathKind.SCHOOL:
        parts.append("truong")
    else:
        parts.append(get("to"))
        if record_type.path_kind is PathKind.TEACHER:
            parts.append(get(record_type.author_key))
    parts.append(record_type.id)
    if not all(isinstance(p, str) and p for p in parts):
        return None
    return "/".join(str(p) for p in parts)


def check(record: Record, record_type: RecordType, ctx: CheckContext) -> Iterator[Problem]:
    """The folder agrees with ``nam_hoc``, ``to``, the author and ``loai``; the name is safe."""
    del ctx
    folder, _, name = record.path.rpartition("/")
    if not _NAME.match(name):
        yield Problem(record.path, 1, RULE, msg("paths.bad_name", name=name))
    wanted = expected_folder(record_type, dict(record.meta))
    if wanted is not None and folder != wanted:
        yield Problem(record.path, 1, RULE, msg("paths.wrong_folder", folder=folder, wanted=wanted))
