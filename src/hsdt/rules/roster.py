"""Roster: every staff id exists, the author belongs to the group and may submit the type."""

from __future__ import annotations

from collections.abc import Iterator

from hsdt.i18n import msg
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.record_type import FieldKind, PathKind, RecordType
from hsdt.rules.context import CheckContext
from hsdt.rules.schema import rule_id


def check(record: Record, record_type: RecordType, ctx: CheckContext) -> Iterator[Problem]:
    """Unknown staff or groups, authors outside their group, authors not allowed to submit."""
    school = ctx.school
    group_id = record.get_str("to")
    if group_id is not None and group_id not in school.groups:
        yield Problem(
            record.path,
            record.line_of("to"),
            "to",
            msg("roster.unknown_group", id=group_id, known=", ".join(sorted(school.groups))),
        )
        group_id = None
    for spec in record_type.fields:
        value = record.meta.get(spec.key)
        if spec.kind is FieldKind.STAFF and isinstance(value, str):
            ids: tuple[str, ...] = (value,)
        elif spec.kind is FieldKind.STAFF_LIST and isinstance(value, tuple):
            ids = value
        else:
            continue
        for staff_id in ids:
            if staff_id not in school.staff:
                yield Problem(
                    record.path,
                    record.line_of(spec.key),
                    rule_id(spec.key),
                    msg("roster.unknown_staff", id=staff_id, label=spec.label),
                )
    author = record.get_str(record_type.author_key)
    if author is None or author not in school.staff:
        return
    policy = school.policy.types.get(record_type.id)
    if record_type.path_kind is not PathKind.SCHOOL and group_id is not None:
        group = school.groups[group_id]
        if author not in group.members:
            yield Problem(
                record.path,
                record.line_of(record_type.author_key),
                rule_id(record_type.author_key),
                msg(
                    "roster.not_in_group",
                    id=author,
                    name=school.staff[author].name,
                    group=group.name,
                ),
            )
            return
    if policy is None:
        return
    roles = school.roles_of(author, group_id)
    if not roles & set(policy.submitters):
        allowed = ", ".join(r.value for r in policy.submitters)
        yield Problem(
            record.path,
            record.line_of(record_type.author_key),
            rule_id(record_type.author_key),
            msg("roster.not_submitter", id=author, type=record_type.id, roles=allowed),
        )
