"""A person's signature added to a published PDF: what ``main`` accepts besides approved merges
and the publisher's commits.

After ``hsdt publish`` the personal places of a record's signature block are empty. Each person
signs with ``hsdt sign`` (their own token), then commits the PDF signed with their own SSH key
and pushes to ``main``. The server accepts such a commit only when it is exactly that:

- it modifies PDFs under ``signatures/`` and nothing else;
- each new PDF starts with every byte of the old one (an incremental update: nothing that was
  signed before can have changed) and carries exactly one signature more;
- every signature of the new PDF is intact, valid and trusted against the certificates under
  ``signatures/`` on ``main`` before the push, and the attached source still matches;
- the new signature sits in a place whose expected signer (the manifest's staff id, set by
  publishing from the approval evidence) is the person whose SSH key signed the commit; the
  seal's place may be signed by a clerk, an administrator or the principal;
- the seal comes after every person's signature unless the profile says otherwise
  (``ky_so.dong_dau``: the office stamps what the people with authority signed);
- the new signature's certificate belongs to that place's person (the seal's: the school's
  organisation certificate), by the same rule as ``hsdt verify``
  (:func:`hsdt.sign.holder.place_problem`): a valid, trusted certificate of someone else, or a
  teacher's SSH key pushing a colleague's certificate, is refused.

Verification runs offline (the validation data a signature embeds, no OCSP/CRL lookups from the
server's hook) and imports pyHanko only when such a commit arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hsdt.errors import HsdtError
from hsdt.git.tree import list_files, read_blobs
from hsdt.i18n import Msg, msg
from hsdt.model.manifest import SEAL
from hsdt.model.school import Role
from hsdt.workflow.paths import SIGNATURES_DIR

if TYPE_CHECKING:
    from hsdt.git.history import Commit
    from hsdt.model.school import School

CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")
"""Files under signatures/ that hold trust material."""

SEAL_SIGNERS = frozenset({Role.CLERK, Role.ADMIN, Role.PRINCIPAL})
"""Who may put the school's seal on a published record."""


@dataclass(frozen=True)
class Finding:
    """Why a signature update is refused."""

    path: str
    """The PDF concerned."""
    msg: Msg
    """What is wrong."""


def is_signature_update(commit: Commit) -> bool:
    """Whether ``commit`` only modifies PDFs under signatures/ (the shape of a signing commit)."""
    return bool(commit.changes) and all(
        c.status == "M" and c.path.startswith(SIGNATURES_DIR + "/") and c.path.endswith(".pdf")
        for c in commit.changes
    )


def check_signature_update(
    git_dir: Path, school: School, commit: Commit, signer: str | None, base: str, tmp: Path
) -> list[Finding]:
    """Findings against ``commit`` (see the module docstring); ``signer`` is the staff id whose
    SSH key signed it, ``base`` the tip of main before the push (its trust material counts)."""
    if signer is None:
        return [Finding(commit.sha[:10], msg("sigupdate.unsigned_commit"))]
    paths = [c.path for c in commit.changes]
    old = read_blobs(git_dir, commit.parents[0], paths)
    new = read_blobs(git_dir, commit.sha, paths)
    roots = _trust_roots(git_dir, base, tmp)
    findings: list[Finding] = []
    for path in paths:
        findings.extend(
            _check_one(path, old.get(path, b""), new.get(path, b""), roots, school, signer)
        )
    return findings


def _trust_roots(git_dir: Path, base: str, tmp: Path) -> list[object]:
    from hsdt.sign.trust import load_certificates

    files = [p for p in list_files(git_dir, base, [SIGNATURES_DIR]) if p.endswith(CERT_SUFFIXES)]
    folder = tmp / "trust"
    folder.mkdir(parents=True, exist_ok=True)
    for index, (name, data) in enumerate(sorted(read_blobs(git_dir, base, files).items())):
        (folder / f"{index}{Path(name).suffix.lower()}").write_bytes(data)
    return list(load_certificates(folder)) if files else []


def _check_one(
    path: str, old: bytes, new: bytes, roots: list[object], school: School, signer: str
) -> list[Finding]:
    from hsdt.sign.holder import place_problem
    from hsdt.sign.pdfdoc import embedded_files, open_reader, read_manifest
    from hsdt.sign.verify import verify_pdf

    if len(new) <= len(old) or not new.startswith(old):
        return [Finding(path, msg("sigupdate.not_incremental"))]
    if not roots:
        return [Finding(path, msg("sigupdate.no_trust"))]
    try:
        before = verify_pdf(old, roots, path=path, fetch=False)
        after = verify_pdf(new, roots, path=path, fetch=False)
        manifest = read_manifest(embedded_files(open_reader(new, path)), path)
    except HsdtError as e:
        return [Finding(path, e.msg)]
    if len(after.signatures) != len(before.signatures) + 1:
        return [Finding(path, msg("sigupdate.one_signature"))]
    if not after.ok:
        reasons = "; ".join(m.render() for m in after.reasons()) or "-"
        return [Finding(path, msg("sigupdate.invalid", reasons=reasons))]
    added = next(s for s in after.signatures if s.field not in {b.field for b in before.signatures})
    slot = next((s for s in manifest.slots if s.field == added.field), None)
    if slot is None:
        return [Finding(path, msg("sigupdate.no_place", field=added.field))]
    if slot.key == SEAL:
        allowed = bool(school.roles_of(signer) & SEAL_SIGNERS)
    else:
        allowed = slot.staff_id == signer
    if not allowed:
        return [
            Finding(
                path,
                msg(
                    "sigupdate.wrong_person",
                    place=slot.key,
                    expected=slot.staff_id or "-",
                    signer=signer,
                ),
            )
        ]
    wrong_holder = place_problem(slot, added.field, added.holder, school)
    if wrong_holder is not None:
        return [Finding(path, wrong_holder)]
    if slot.key == SEAL and school.policy.seal_last:
        done = {s.field for s in after.signatures}
        waiting = [s.key for s in manifest.slots if s.key != SEAL and s.field not in done]
        if waiting:
            return [Finding(path, msg("sigupdate.seal_too_early", keys=", ".join(waiting)))]
    return []
