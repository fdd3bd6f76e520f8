"""Verifying a signed record PDF: every signature (who, claimed role, when, intact / valid /
trusted, what it covers, what changed after it), the document timestamps, and that the attached
Markdown source still hashes to the manifest's ``source_sha256``.

Given the school's roster (``roster``: the school repository's profiles), each signature's
certificate must also belong to the person its place names (the seal: the school's organisation
certificate), by :func:`hsdt.sign.holder.place_problem`. Without a roster that check cannot be
made: the report says so in its ``warnings`` and ``signers_checked`` is False, but a PDF checked
outside a school repository can still be ``ok`` (its signatures are good, whoever made them).

Results are frozen value objects with ``ok`` and ``summary()``; the reasons a check failed are
messages (:class:`hsdt.i18n.Msg`) a clerk can read, in Vietnamese or English.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from hsdt.errors import SigningError
from hsdt.i18n import Msg, msg
from hsdt.model.manifest import Manifest
from hsdt.model.timeutil import VN_TZ
from hsdt.sign.holder import Holder, Roster, holder_of, place_problem
from hsdt.sign.pdfdoc import embedded_files, open_reader, read_manifest
from hsdt.sign.signing import REASON_PREFIX, ROLE_URN

if TYPE_CHECKING:
    from hsdt.model.school import School

ACCEPTED_CHANGES = ("NONE", "LTA_UPDATES", "FORM_FILLING")
"""Modification levels after a signature that keep it good: nothing, validation data and
document timestamps, or later signatures in the fields created for them."""


@dataclass(frozen=True)
class SignatureReport:
    """What hsdt found about one signature."""

    field: str
    """The signature field's name (``hsdt.to_truong``)."""
    signer: str
    """The signer's name (certificate common name)."""
    subject: str
    """The signer certificate's whole subject."""
    role: str | None
    """The role the signature claims (slot key), None when it claims none."""
    signed_at: str | None
    """The signing time the signer's software claims, ISO 8601 +07:00."""
    timestamp: str | None
    """The time of the signature's RFC 3161 timestamp (PAdES B-T), ISO 8601 +07:00."""
    certifying: bool
    """Whether this is the certification (first, DocMDP) signature."""
    intact: bool
    """The signed bytes are unchanged."""
    valid: bool
    """The signature is cryptographically correct."""
    trusted: bool
    """The certificate chains to a trusted root, is in date and not revoked."""
    revision: int
    """The revision the signature signs (1-based)."""
    revisions: int
    """How many revisions the file has."""
    coverage: str
    """``ENTIRE_FILE``, ``ENTIRE_REVISION`` or ``CONTIGUOUS_BLOCK_FROM_START``."""
    changes: str
    """What changed after the signature: pyHanko's modification level (``NONE``,
    ``LTA_UPDATES``, ``FORM_FILLING``, ``ANNOTATIONS``, ``OTHER``) or ``UNKNOWN``."""
    holder: Holder
    """Who the signing certificate names (CN, O, e-mail, SHA-256 fingerprint)."""
    problems: tuple[Msg, ...] = ()
    """Why the signature is not good, for people."""

    @property
    def ok(self) -> bool:
        """Intact, valid, trusted and nothing disallowed changed after it."""
        return not self.problems

    def summary(self, lang: str | None = None) -> str:
        """A few lines for people."""
        yes = msg("verify.yes").render(lang)
        no = msg("verify.no").render(lang)
        lines = [
            msg(
                "verify.sig_head",
                field=self.field,
                signer=self.signer,
                role=self.role or "-",
            ).render(lang),
            msg("verify.sig_subject", subject=self.subject).render(lang),
            msg(
                "verify.sig_time",
                signed_at=self.signed_at or "-",
                timestamp=self.timestamp or msg("verify.no_timestamp").render(lang),
            ).render(lang),
            msg(
                "verify.sig_state",
                intact=yes if self.intact else no,
                valid=yes if self.valid else no,
                trusted=yes if self.trusted else no,
            ).render(lang),
            msg(
                "verify.sig_cover",
                what=msg(
                    "verify.cover_file"
                    if self.coverage == "ENTIRE_FILE"
                    else "verify.cover_revision",
                    revision=self.revision,
                    revisions=self.revisions,
                ).render(lang),
                changes=msg(f"verify.changes.{self.changes}").render(lang),
            ).render(lang),
        ]
        lines += [msg("verify.problem", text=p.render(lang)).render(lang) for p in self.problems]
        return "\n".join(lines)

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "field": self.field,
            "signer": self.signer,
            "subject": self.subject,
            "role": self.role,
            "signed_at": self.signed_at,
            "timestamp": self.timestamp,
            "certifying": self.certifying,
            "intact": self.intact,
            "valid": self.valid,
            "trusted": self.trusted,
            "revision": self.revision,
            "revisions": self.revisions,
            "coverage": self.coverage,
            "changes": self.changes,
            "fingerprint_sha256": self.holder.fingerprint,
            "emails": list(self.holder.emails),
            "ok": self.ok,
            "problems": [{"key": p.key, "text": p.render(lang)} for p in self.problems],
        }


@dataclass(frozen=True)
class TimestampReport:
    """A document timestamp (PAdES B-LTA)."""

    time: str
    """Its time, ISO 8601 +07:00."""
    intact: bool
    """The covered bytes are unchanged."""
    valid: bool
    """The timestamp token is cryptographically correct."""
    trusted: bool
    """The timestamp authority chains to a trusted root."""

    @property
    def ok(self) -> bool:
        """Intact, valid and trusted."""
        return self.intact and self.valid and self.trusted


@dataclass(frozen=True)
class DocumentReport:
    """What hsdt found about one PDF."""

    path: str
    """The file as the user named it."""
    signatures: tuple[SignatureReport, ...]
    """Every signature, in the order they were made."""
    timestamps: tuple[TimestampReport, ...]
    """Document timestamps, in order."""
    record_id: str | None
    """The record the PDF is of, from the manifest."""
    source_ok: bool
    """The attached source is there and hashes to the manifest's ``source_sha256``."""
    problems: tuple[Msg, ...] = ()
    """Problems of the document as a whole (no signature, source changed…)."""
    signers_checked: bool = False
    """Whether each signature's certificate was matched against the roster's expected person."""
    warnings: tuple[Msg, ...] = ()
    """What could not be checked (no roster here); they do not make the report fail."""

    @property
    def intact(self) -> bool:
        """Every signature intact."""
        return bool(self.signatures) and all(s.intact for s in self.signatures)

    @property
    def valid(self) -> bool:
        """Every signature valid."""
        return bool(self.signatures) and all(s.valid for s in self.signatures)

    @property
    def trusted(self) -> bool:
        """Every signature trusted."""
        return bool(self.signatures) and all(s.trusted for s in self.signatures)

    @property
    def ok(self) -> bool:
        """Everything good: the only case ``hsdt verify`` exits 0."""
        return (
            not self.problems
            and bool(self.signatures)
            and all(s.ok for s in self.signatures)
            and all(t.ok for t in self.timestamps)
            and self.source_ok
        )

    def reasons(self) -> list[Msg]:
        """Every problem found, the document's then each signature's."""
        out = list(self.problems)
        for sig in self.signatures:
            out += [msg("verify.sig_problem", field=sig.field, text=p) for p in sig.problems]
        out += [msg("verify.timestamp_bad", time=t.time) for t in self.timestamps if not t.ok]
        return out

    def summary(self, lang: str | None = None) -> str:
        """The report for people."""
        lines = [msg("verify.doc_head", path=self.path, record=self.record_id or "-").render(lang)]
        for sig in self.signatures:
            lines.append(sig.summary(lang))
        for ts in self.timestamps:
            key = "verify.doc_ts_ok" if ts.ok else "verify.timestamp_bad"
            lines.append(msg(key, time=ts.time).render(lang))
        lines += [msg("verify.problem", text=p.render(lang)).render(lang) for p in self.problems]
        lines += [msg("verify.warning", text=w.render(lang)).render(lang) for w in self.warnings]
        if self.source_ok:
            lines.append(msg("verify.source_ok").render(lang))
        verdict = "verify.verdict_ok" if self.ok else "verify.verdict_bad"
        lines.append(msg(verdict, count=len(self.signatures)).render(lang))
        return "\n".join(lines)

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "path": self.path,
            "record_id": self.record_id,
            "ok": self.ok,
            "intact": self.intact,
            "valid": self.valid,
            "trusted": self.trusted,
            "source_ok": self.source_ok,
            "signers_checked": self.signers_checked,
            "warnings": [{"key": w.key, "text": w.render(lang)} for w in self.warnings],
            "signatures": [s.as_dict(lang) for s in self.signatures],
            "document_timestamps": [
                {"time": t.time, "intact": t.intact, "valid": t.valid, "trusted": t.trusted}
                for t in self.timestamps
            ],
            "problems": [{"key": p.key, "text": p.render(lang)} for p in self.problems],
        }


def _iso(moment: Any) -> str | None:
    if moment is None:
        return None
    text: str = moment.astimezone(VN_TZ).replace(microsecond=0).isoformat()
    return text


def claimed_role(embedded: Any) -> str | None:
    """The role written by hsdt: the CAdES claimed role, else the /Reason."""
    try:
        for attr in embedded.signer_info["signed_attrs"]:
            if attr["type"].native != "signer_attributes_v2":
                continue
            for value in attr["values"]:
                for claimed in value["claimed_attributes"] or ():
                    if claimed["type"].native != "role":
                        continue
                    for role in claimed["values"]:
                        uri = str(role["role_name"].chosen.native)
                        if uri.startswith(ROLE_URN):
                            return uri[len(ROLE_URN) :]
    except (KeyError, ValueError, TypeError, AttributeError):  # pragma: no cover - foreign CMS
        pass
    reason = embedded.sig_object.get("/Reason")
    if reason is not None and str(reason).startswith(REASON_PREFIX):
        return str(reason)[len(REASON_PREFIX) :]
    return None


def _trust_problems(status: Any) -> list[Msg]:
    if status.revoked:
        when = _iso(status.revocation_details.revocation_date)
        return [msg("verify.revoked", when=when or "-")]
    indic = getattr(status.trust_problem_indic, "name", None)
    if indic is None and status.validation_path is None:
        return [msg("verify.untrusted")]
    if indic is None:
        return []
    if indic in ("REVOKED",):
        return [msg("verify.revoked", when="-")]
    if indic in ("EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "NOT_YET_VALID"):
        cert = status.signing_cert
        return [
            msg(
                "verify.expired",
                start=_iso(cert.not_valid_before) or "-",
                end=_iso(cert.not_valid_after) or "-",
            )
        ]
    if indic in ("NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_CONSTRAINTS_FAILURE"):
        return [msg("verify.untrusted")]
    return [msg("verify.trust_other", code=indic)]


def _signature_report(embedded: Any, status: Any, revisions: int) -> SignatureReport:
    from pyhanko.sign.fields import SigSeedSubFilter  # noqa: F401  (keeps pyHanko import local)

    cert = status.signing_cert
    native = cert.subject.native
    cn = native.get("common_name")
    cn = cn[-1] if isinstance(cn, list) else cn
    level = status.modification_level
    changes = level.name if level is not None else "UNKNOWN"
    coverage = status.coverage.name if status.coverage is not None else "UNKNOWN"
    problems: list[Msg] = []
    if not status.intact:
        problems.append(msg("verify.not_intact"))
    elif not status.valid:
        problems.append(msg("verify.invalid"))
    else:
        problems += _trust_problems(status)
    if status.intact and (changes not in ACCEPTED_CHANGES or status.docmdp_ok is False):
        problems.append(msg("verify.modified"))
    ts = status.timestamp_validity
    if ts is not None and not (ts.intact and ts.valid and ts.trusted):
        problems.append(msg("verify.sig_timestamp_bad"))
    return SignatureReport(
        field=str(embedded.field_name),
        signer=str(cn or cert.subject.human_friendly),
        subject=cert.subject.human_friendly,
        role=claimed_role(embedded),
        signed_at=_iso(status.signer_reported_dt),
        timestamp=_iso(ts.timestamp) if ts is not None else None,
        certifying=embedded.sig_object.get("/Reference") is not None
        and any(
            str(ref.get_object().get("/TransformMethod")) == "/DocMDP"
            for ref in embedded.sig_object["/Reference"]
        ),
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        revision=int(embedded.signed_revision) + 1,
        revisions=revisions,
        coverage=coverage,
        changes=changes,
        holder=holder_of(cert),
        problems=tuple(problems),
    )


def _context(reader: Any, roots: list[Any], fetch: bool) -> Any:
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko_certvalidator import ValidationContext

    kwargs: dict[str, Any] = {
        "trust_roots": roots,
        "allow_fetching": fetch,
        "revocation_mode": "soft-fail",
    }
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except (KeyError, ValueError, TypeError):
        dss = None
    if dss is not None:
        return dss.as_validation_context(kwargs)
    return ValidationContext(**kwargs)


def verify_pdf(
    data: bytes,
    roots: list[Any],
    *,
    path: str = "-",
    fetch: bool = True,
    roster: Roster | None = None,
) -> DocumentReport:
    """Check every signature of ``data`` against the trusted ``roots`` (asn1crypto
    certificates), and the attached source against the manifest. Revocation is looked up online
    (OCSP, CRL) when ``fetch`` and not embedded; a responder that cannot be reached does not
    fail the check (soft-fail), a "revoked" answer does. With a ``roster``, each signature must
    also be by the person its place names (see the module docstring)."""
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp

    reader = open_reader(data, path)
    files = embedded_files(reader)
    problems: list[Msg] = []
    manifest: Manifest | None
    try:
        manifest = read_manifest(files, path)
    except SigningError as e:
        manifest = None
        problems.append(e.msg)
    source_ok = manifest is not None and _source_matches(files, manifest, problems)
    try:
        regular = list(reader.embedded_regular_signatures)
        stamps = list(reader.embedded_timestamp_signatures)
        revisions = int(reader.xrefs.total_revisions)
    except Exception as e:  # pragma: no cover - pyHanko refuses a broken signature dictionary
        raise SigningError(msg("pdf.damaged", error=type(e).__name__), path=path) from e
    if not regular:
        problems.insert(0, msg("verify.no_signatures"))
    else:
        unsigned = _unsigned_revisions(reader, [*regular, *stamps], revisions, path)
        if unsigned:
            problems.append(msg("verify.unsigned_revision", count=unsigned))
    reports = []
    covers: list[tuple[int, bool]] = []  # (signed revision, covers the whole file)
    for embedded in regular:
        status = validate_pdf_signature(embedded, _context(reader, roots, fetch))
        reports.append(_signature_report(embedded, status, revisions))
        covers.append((int(embedded.signed_revision), _whole_file(status)))
    ts_reports = []
    for embedded in stamps:
        ts_status = validate_pdf_timestamp(embedded, _context(reader, roots, fetch))
        covers.append((int(embedded.signed_revision), _whole_file(ts_status)))
        ts_reports.append(
            TimestampReport(
                time=_iso(ts_status.timestamp) or "-",
                intact=bool(ts_status.intact),
                valid=bool(ts_status.valid),
                trusted=bool(ts_status.trusted),
            )
        )
    last = max(covers, default=None)
    if last is not None and last[0] == revisions - 1 and not last[1]:
        # the last revision is signed, yet bytes follow it that no xref section holds (a zip
        # appended: a PDF/ZIP polyglot); no signature covers them
        problems.append(msg("verify.trailing_bytes"))
    warnings: list[Msg] = []
    checked = False
    if manifest is not None:
        school = roster(manifest.school_id) if roster is not None else None
        if school is not None:
            reports = [_with_holder_check(r, manifest, school) for r in reports]
            checked = True
        elif roster is None:
            warnings.append(msg("verify.no_roster"))
        else:
            warnings.append(msg("verify.no_roster_school", school=manifest.school_id))
    return DocumentReport(
        path=path,
        signatures=tuple(reports),
        timestamps=tuple(ts_reports),
        record_id=manifest.record_id if manifest else None,
        source_ok=source_ok,
        problems=tuple(problems),
        signers_checked=checked,
        warnings=tuple(warnings),
    )


def _whole_file(status: Any) -> bool:
    """Whether a signature's or timestamp's byte range reaches the end of the file."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    return status.coverage is SignatureCoverageLevel.ENTIRE_FILE


def _unsigned_revisions(reader: Any, signatures: list[Any], revisions: int, path: str) -> int:
    """How many revisions after the last signed one carry neither a signature nor validation
    data: bytes appended that nobody signed. pyHanko judges what they change relative to each
    signature and calls an orphan object or a new /Info harmless; hsdt never writes such a
    revision, so one means another tool (or a person) touched the file after signing."""
    from pyhanko.pdf_utils import generic

    last = max(int(e.signed_revision) for e in signatures)
    count = 0
    for revision in range(last + 1, revisions):
        try:
            root = reader.get_historical_root(revision)
            dss = root.raw_get("/DSS") if "/DSS" in root else None
            touched = set(reader.xrefs.explicit_refs_in_revision(revision))
        except (KeyError, ValueError, TypeError) as e:  # pragma: no cover - broken xref section
            raise SigningError(msg("pdf.damaged", error=type(e).__name__), path=path) from e
        if not (isinstance(dss, generic.IndirectObject) and dss.reference in touched):
            count += 1
    return count


def _with_holder_check(
    report: SignatureReport, manifest: Manifest, school: School
) -> SignatureReport:
    slot = next((s for s in manifest.slots if s.field == report.field), None)
    problem = place_problem(slot, report.field, report.holder, school)
    if problem is None:
        return report
    return replace(report, problems=(*report.problems, problem))


def _source_matches(files: dict[str, bytes], manifest: Manifest, problems: list[Msg]) -> bool:
    source = files.get(manifest.source_name)
    if source is None:
        problems.append(msg("verify.no_source", name=manifest.source_name))
        return False
    if hashlib.sha256(source).hexdigest() != manifest.source_sha256:
        problems.append(msg("verify.source_mismatch", name=manifest.source_name))
        return False
    return True


def verify_files(
    paths: Iterable[str], roots: list[Any], *, fetch: bool = True, roster: Roster | None = None
) -> list[DocumentReport]:
    """:func:`verify_pdf` for each file; a file that cannot be read or is not a PDF gives a
    report holding that problem, so one bad file does not hide the others."""
    from pathlib import Path

    out = []
    for name in paths:
        try:
            try:
                data = Path(name).read_bytes()
            except OSError as e:
                raise SigningError(
                    msg("pdf.unreadable", error=e.strerror or str(e)), path=name
                ) from e
            out.append(verify_pdf(data, roots, path=name, fetch=fetch, roster=roster))
        except SigningError as e:
            out.append(DocumentReport(name, (), (), None, False, problems=(e.msg,)))
    return out
