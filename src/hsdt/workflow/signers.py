"""``signatures/allowed_signers`` from the roster: which SSH key signs for whom.

git verifies SSH-signed commits against this file (``gpg.ssh.allowedSignersFile``); the principal
of each line is the staff member's e-mail, so a verified signature names a roster entry. The
server takes the file from ``main``'s tip before a push, never from the pushed commits: a push
cannot vouch for itself.
"""

from __future__ import annotations

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
