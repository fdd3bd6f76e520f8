"""Whose certificate signed a place: the check that a valid, trusted signature is also by the
person the record names.

A signature can be intact, valid and trusted and still be the wrong person's: any teacher holds
a certificate from a CA the school trusts. Each place of the signature block (the manifest's
slots, filled from the approval evidence when publishing) names the roster person expected to
sign it; the seal place ``con_dau`` expects the school's organisation certificate. This module
decides whether a signing certificate's holder is that person. ``hsdt verify`` and the server's
check of an added signature (:mod:`hsdt.workflow.signed_update`) both call
:func:`place_problem`, so the two cannot disagree.

The rules, in order (documented for schools in docs/ky-so.md):

- **A person's place.** When the roster gives the person's ``van_tay_chung_thu`` (one SHA-256
  fingerprint or a list, for renewed certificates), the certificate must be one of them, and
  nothing else counts: that is the strong form, immune to a look-alike certificate from another
  trusted CA. Otherwise the certificate's subject must name the person: an e-mail address of
  the certificate (subject ``emailAddress`` or a SAN ``rfc822Name``) equal to the roster
  ``email`` (case-insensitive), or its common name (CN) equal to ``ho_ten`` after Unicode NFC
  normalisation, case folding and collapsing spaces. A name matches only when no other roster
  member bears the same name (two "Nguyễn Thị Lan" are told apart by e-mail or fingerprint).
  Names are never compared without diacritics: "Lê Thị Thu" and "Lê Thị Thư" are two people.
- **The seal place.** When the school section gives ``van_tay_con_dau``, the certificate must
  be one of those; otherwise the subject's organisation (O) or common name (CN) must equal the
  school's ``ten``, compared like names.
- A signed place whose expected person is missing, or not in the roster, cannot be confirmed
  and is reported: keep former staff in the roster while their records are kept.

Pure apart from :func:`holder_of`, which reads an asn1crypto certificate (no pyHanko import).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hsdt.i18n import Msg, msg
from hsdt.model.manifest import SEAL, SignatureSlot
from hsdt.model.school import School, Staff

_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""A school id that names a folder under schools/ (the manifest's id never walks elsewhere)."""

Roster = Callable[[str], School | None]
"""School id → the school (its roster), or None when it is not known here."""


@dataclass(frozen=True)
class Holder:
    """Who a signing certificate says it belongs to."""

    common_name: str | None
    """The subject's CN (the last one when there are several)."""
    organisation: str | None
    """The subject's O (the last one when there are several)."""
    emails: tuple[str, ...]
    """E-mail addresses of the subject (``emailAddress``) and of the SAN (``rfc822Name``)."""
    fingerprint: str
    """SHA-256 of the certificate's DER bytes, 64 lower-case hex digits."""

    def describe(self) -> str:
        """The holder for a message: the name, then the e-mail, then the fingerprint's start."""
        name = self.common_name or self.organisation or "?"
        if self.emails:
            return f"{name} <{self.emails[0]}>"
        return f"{name} [SHA-256 {self.fingerprint[:16]}…]"


def holder_of(cert: Any) -> Holder:
    """The :class:`Holder` of an asn1crypto ``x509.Certificate``."""
    native = cert.subject.native
    emails = list(_values(native.get("email_address")))
    san = cert.subject_alt_name_value
    for general in san or ():
        if general.name == "rfc822_name":
            emails.append(str(general.native))
    names = _values(native.get("common_name"))
    orgs = _values(native.get("organization_name"))
    return Holder(
        common_name=names[-1] if names else None,
        organisation=orgs[-1] if orgs else None,
        emails=tuple(dict.fromkeys(e.strip() for e in emails if e.strip())),
        fingerprint=bytes(cert.sha256).hex(),
    )


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def fold(text: str) -> str:
    """``text`` for comparing names: NFC, case folded, spaces collapsed."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return unicodedata.normalize("NFC", " ".join(folded.split()))


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same once :func:`fold` ed (NFC vs NFD, case, spacing)."""
    return fold(a) == fold(b)


def _same_email(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def person_matches(staff: Staff, holder: Holder, school: School) -> bool:
    """Whether ``holder`` is ``staff`` (see the module docstring for the rules)."""
    if staff.cert_fingerprints:
        return holder.fingerprint in staff.cert_fingerprints
    if any(_same_email(e, staff.email) for e in holder.emails):
        return True
    if holder.common_name is None or not same_name(holder.common_name, staff.name):
        return False
    namesakes = sum(1 for s in school.staff.values() if same_name(s.name, staff.name))
    return namesakes == 1


def seal_matches(school: School, holder: Holder) -> bool:
    """Whether ``holder`` is the school's organisation certificate."""
    if school.seal_fingerprints:
        return holder.fingerprint in school.seal_fingerprints
    return any(
        value is not None and same_name(value, school.name)
        for value in (holder.organisation, holder.common_name)
    )


def place_name(slot: SignatureSlot) -> str:
    """``to_truong (TỔ TRƯỞNG)``: the slot key and its printed title on one line."""
    title = " ".join(slot.title.split())
    return f"{slot.key} ({title})" if title else slot.key


def place_problem(
    slot: SignatureSlot | None, field: str, holder: Holder, school: School
) -> Msg | None:
    """Why the signature in ``field`` (of place ``slot``) is not by the expected holder, or
    None when it is."""
    if slot is None:
        return msg("holder.no_place", field=field)
    if slot.key == SEAL:
        if seal_matches(school, holder):
            return None
        return msg(
            "holder.not_seal",
            place=place_name(slot),
            school=school.name,
            holder=holder.describe(),
        )
    if slot.staff_id is None:
        return msg("holder.no_expected", place=place_name(slot))
    staff = school.staff.get(slot.staff_id)
    if staff is None:
        return msg("holder.unknown_staff", place=place_name(slot), id=slot.staff_id)
    if person_matches(staff, holder, school):
        return None
    return msg(
        "holder.wrong_person",
        place=place_name(slot),
        expected=f"{staff.name} ({staff.id})",
        holder=holder.describe(),
    )


def repository_roster(root: Path) -> Roster:
    """The schools of the repository at ``root``, looked up by id and read once each; a
    school without a profile folder there gives None. A broken profile raises its
    :class:`~hsdt.errors.ConfigError`, as every other command does."""
    from hsdt.load.profile import SCHOOL_FILE, load_school

    cache: dict[str, School | None] = {}

    def lookup(school_id: str) -> School | None:
        if school_id not in cache:
            folder = root / "schools" / school_id
            if not _SAFE_ID.fullmatch(school_id) or not (folder / SCHOOL_FILE).is_file():
                cache[school_id] = None
            else:
                cache[school_id] = load_school(root, school_id)
        return cache[school_id]

    return lookup


def find_roster(start: Path) -> Roster | None:
    """The roster of the school repository holding ``start``, None outside one."""
    from hsdt.errors import ConfigError
    from hsdt.repo import find_root

    try:
        root = find_root(start)
    except ConfigError:
        return None
    return repository_roster(root)
