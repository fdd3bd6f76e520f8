"""``signatures/allowed_signers`` from the roster: which SSH key signs for whom.

git verifies SSH-signed commits against this file (``gpg.ssh.allowedSignersFile``); the principal
of each line is the staff member's e-mail, so a verified signature names a roster entry. The
server takes the file from ``main``'s tip before a push, never from the pushed commits: a push
cannot vouch for itself.
"""

from __future__ import annotations

from pathlib import Path

from hsdt.git.run import git_text
from hsdt.model.school import School


def allowed_signers_text(school: School) -> str:
    """The file's text: one line per staff member with a ``khoa_ssh`` key."""
    lines = [
        f"# Sinh tự động từ {school.profile_dir}/truong.yml bởi 'hsdt roster allowed-signers'.",
        "# Generated from the roster (khoa_ssh) — do not edit by hand.",
    ]
    for staff in sorted(school.staff.values(), key=lambda s: s.id):
        if staff.ssh_key:
            lines.append(f'{staff.email} namespaces="git" {staff.ssh_key} {staff.id}')
    return "\n".join(lines) + "\n"


def staff_by_email(school: School) -> dict[str, str]:
    """Lower-cased e-mail → staff id."""
    return {s.email.lower(): s.id for s in school.staff.values()}


def committer_staff(root: Path, school: School) -> tuple[str | None, str]:
    """The staff id whose e-mail git would commit with in ``root`` (``git var
    GIT_COMMITTER_IDENT``), or None, and that e-mail."""
    ident = git_text(root, ["var", "GIT_COMMITTER_IDENT"], ok_codes=(0, 128))
    email = ident.partition("<")[2].partition(">")[0]
    return staff_by_email(school).get(email.lower()), email
