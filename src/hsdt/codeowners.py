"""CODEOWNERS from the roster: who must review changes to which folder.

A group's folder routes to everyone who may check its records: the head (tổ trưởng), the
deputies (tổ phó) and the team leads (nhóm trưởng, who check lesson plans under seed 001
Đ9.4). CODEOWNERS only asks them for a review; which role's approval a record type needs is
the approval chain's business (the ``chuoi-duyet`` check), so a team lead listed here cannot
approve a type whose chain does not name team leads.

GitHub applies the last matching line, so general lines come first. Staff without a Git host
account cannot be owners; they are listed in a comment so the administrator notices.
"""

from __future__ import annotations

from collections.abc import Sequence

from hsdt.model.school import Group, School


def _handles(school: School, ids: Sequence[str | None]) -> list[str]:
    out = []
    for staff_id in ids:
        if staff_id is None:
            continue
        staff = school.staff[staff_id]
        if staff.username and f"@{staff.username}" not in out:
            out.append(f"@{staff.username}")
    return out


_NO_REVIEWER = "tổ chưa có tổ trưởng/tổ phó/nhóm trưởng có tài khoản Git"


def group_reviewers(group: Group) -> list[str | None]:
    """Staff ids a group's folder routes to: head, deputies, team leads."""
    return [group.head, *group.deputies, *group.team_leads]


def github_codeowners(school: School) -> str:
    """The text of ``.github/CODEOWNERS`` for ``school``."""
    leaders = [school.principal, *(v.staff_id for v in school.vice_principals)]
    lines = [
        f"# Sinh tự động từ {school.profile_dir}/truong.yml bởi hsdt — không sửa tay.",
        "# Generated from the roster by hsdt — do not edit by hand.",
    ]
    admins = _handles(school, list(school.admins))
    if admins:
        lines.append(f"* {' '.join(admins)}")
    principal = _handles(school, [school.principal])
    if principal:
        lines.append(f"/schools/ {' '.join(principal)}")
    for group in school.groups.values():
        owners = _handles(school, group_reviewers(group))
        if owners:
            lines.append(f"/records/*/{group.id}/ {' '.join(owners)}")
        else:
            lines.append(f"# /records/*/{group.id}/: {_NO_REVIEWER}")
    school_level = _handles(school, leaders)
    if school_level:
        lines.append(f"/records/*/truong/ {' '.join(school_level)}")
    keepers = _handles(school, [*school.clerks, *school.admins])
    if keepers:
        lines.append(f"/signatures/ {' '.join(keepers)}")
    missing = sorted(s.id for s in school.staff.values() if not s.username)
    if missing:
        lines.append(f"# Chưa có tài khoản Git (tai_khoan): {', '.join(missing)}")
    return "\n".join(lines) + "\n"


def gitea_codeowners(school: School) -> str:
    """The text of ``.gitea/CODEOWNERS``: Gitea reads Go regular expressions and requests a
    review from the owners of every rule that matches (it looks at ``./CODEOWNERS``,
    ``./docs/CODEOWNERS`` and ``.gitea/CODEOWNERS``, so GitHub's file does not shadow it)."""
    import re

    leaders = [school.principal, *(v.staff_id for v in school.vice_principals)]
    lines = [
        f"# Sinh tự động từ {school.profile_dir}/truong.yml bởi hsdt — không sửa tay.",
        "# Generated from the roster by hsdt (Gitea: Go regular expressions) — do not edit.",
    ]
    principal = _handles(school, [school.principal])
    if principal:
        lines.append(f"schools/.* {' '.join(principal)}")
    for group in school.groups.values():
        owners = _handles(school, group_reviewers(group))
        # Gitea reads '\' as its own escape first: a regex metacharacter takes two.
        folder = re.sub(r"([.+*?()|\[\]{}^$\\])", r"\\\\\1", group.id)
        if owners:
            lines.append(f"records/[^/]+/{folder}/.* {' '.join(owners)}")
        else:
            lines.append(f"# records/[^/]+/{folder}/: {_NO_REVIEWER}")
    school_level = _handles(school, leaders)
    if school_level:
        lines.append(f"records/[^/]+/truong/.* {' '.join(school_level)}")
    keepers = _handles(school, [*school.clerks, *school.admins])
    if keepers:
        lines.append(f"signatures/.* {' '.join(keepers)}")
    return "\n".join(lines) + "\n"
