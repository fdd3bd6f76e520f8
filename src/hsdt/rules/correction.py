"""Correction records (biên bản sửa dữ liệu): who permitted and who witnessed, as the rules say.

The reference regulations require the leadership's (usually the principal's) permission and
witnesses: the administrators and the class teacher (MNHM), or the principal, the system
administrator and the requester (Dương Kinh). The profile's ``sua_du_lieu`` lists them.
"""

from __future__ import annotations

from collections.abc import Iterator

from hsdt.i18n import msg
from hsdt.model.problem import Problem
from hsdt.model.record import Record
from hsdt.model.record_type import RecordType
from hsdt.model.school import School
from hsdt.repo import is_record_path
from hsdt.rules.context import CheckContext
from hsdt.rules.lock import CORRECTION_TYPE

RULE = "bien-ban-sua"


def check(record: Record, record_type: RecordType, ctx: CheckContext) -> Iterator[Problem]:
    """The permitting person holds a permitted role; each required witness role is present."""
    del record_type
    if record.type_id != CORRECTION_TYPE:
        return
    school = ctx.school
    for value in record.meta.get("ho_so_sua") or ():
        path = str(value).strip().lstrip("./")
        if not is_record_path(path) or ".." in path.split("/"):
            yield Problem(
                record.path, record.line_of("ho_so_sua"), RULE, msg("correction.path", value=value)
            )
    policy = school.policy.correction
    if policy is None:
        return
    permitted_by = record.get_str("nguoi_cho_phep")
    if permitted_by in school.staff and permitted_by is not None:
        roles = school.roles_of(permitted_by)
        if not roles & set(policy.permitted_by):
            yield Problem(
                record.path,
                record.line_of("nguoi_cho_phep"),
                RULE,
                msg(
                    "correction.permitted_by",
                    id=permitted_by,
                    roles=", ".join(r.value for r in policy.permitted_by),
                ),
            )
    yield from _class_teacher(record, school)
    witnesses = [w for w in record.meta.get("nguoi_chung_kien") or () if w in school.staff]
    for required in policy.witnesses:
        if required == "nguoi_de_nghi":
            ok = record.get_str("nguoi_de_nghi") in witnesses
        elif required == "gvcn":
            ok = record.get_str("gvcn") is not None and record.get_str("gvcn") in witnesses
        else:
            ok = any(required in {r.value for r in school.roles_of(w)} for w in witnesses)
        if not ok:
            yield Problem(
                record.path,
                record.line_of("nguoi_chung_kien"),
                RULE,
                msg("correction.witness", role=required),
            )


def _class_teacher(record: Record, school: School) -> Iterator[Problem]:
    """A class teacher named (``gvcn``) must be the GVCN of the record's class (``lop``), by
    the roster's ``chu_nhiem`` (seed 000 Điều 7.5: "giáo viên chủ nhiệm của lớp đó")."""
    teacher = record.get_str("gvcn")
    if teacher is None or teacher not in school.staff:
        return
    class_name = record.get_str("lop")
    if class_name is None:
        yield Problem(record.path, record.line_of("gvcn"), RULE, msg("correction.gvcn_no_class"))
        return
    wanted = class_name.strip().casefold()
    if wanted not in {c.casefold() for c in school.staff[teacher].homeroom}:
        heads = sorted(
            s.id for s in school.staff.values() if wanted in {c.casefold() for c in s.homeroom}
        )
        yield Problem(
            record.path,
            record.line_of("gvcn"),
            RULE,
            msg(
                "correction.gvcn_not_homeroom",
                id=teacher,
                cls=class_name,
                heads=", ".join(heads) or "-",
            ),
        )
