"""Signing a rendered record PDF in its signer's place, and extending signatures for the archive.

The first signature certifies the document (DocMDP: form filling allowed) and creates, in the
same revision, the signature fields of every place the manifest lists, each later field locking
itself (FieldMDP) when signed. Later signatures are incremental updates into their own field;
page content is never touched after the first signature. The role the signer claims is written
into the CMS ``signer-attributes-v2`` claimed attributes (``urn:hsdt:vai-tro:<key>``) and the
signature's /Reason.

PAdES levels: B-B always; B-T adds a signature timestamp from an RFC 3161 TSA; B-LT embeds the
validation data (certificates, OCSP responses, CRLs) in the document security store; B-LTA adds a
document timestamp over all of it. :func:`extend_pdf` brings an already signed PDF to B-LTA.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from hsdt import __version__
from hsdt.errors import SigningError, UsageError
from hsdt.i18n import msg
from hsdt.model.manifest import SEAL, Manifest, SignatureSlot
from hsdt.model.timeutil import VN_TZ
from hsdt.sign.appearance import stamp_style, text_params
from hsdt.sign.pdfdoc import embedded_files, open_reader, read_manifest
from hsdt.sign.signers import LoadedSigner

ROLE_URN = "urn:hsdt:vai-tro:"
"""Prefix of the claimed role written into the signature (``urn:hsdt:vai-tro:to_truong``)."""

REASON_PREFIX = "Ký với vai trò: "
"""The /Reason of an hsdt signature is this prefix and the slot key."""


class Level(enum.Enum):
    """PAdES baseline levels (ETSI EN 319 142-1)."""

    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"

    @property
    def needs_tsa(self) -> bool:
        """Whether the level needs a timestamp authority."""
        return self is not Level.B_B

    @property
    def embeds_validation(self) -> bool:
        """Whether the level embeds validation data."""
        return self in (Level.B_LT, Level.B_LTA)


@dataclass(frozen=True)
class SignOptions:
    """How to sign: in which place, at which level, with what appearance."""

    role: str
    """The slot key of the signer's place (``nguoi_lap``, ``to_truong``, ``con_dau``…)."""
    level: Level = Level.B_B
    """The PAdES level to reach."""
    tsa_url: str | None = None
    """RFC 3161 timestamp authority; required from B-T up."""
    image: Path | None = None
    """The signature's picture (PNG): the person's signature, or the seal for ``con_dau``."""
    trust: tuple[Any, ...] = ()
    """Trust roots (asn1crypto certificates) to collect validation data against (B-LT, B-LTA)."""
    location: str | None = None
    """Where the signing happened, written to /Location when given."""


def check_options(options: SignOptions) -> None:
    """Refuse combinations that cannot work, before any key is touched."""
    if options.level.needs_tsa and not options.tsa_url:
        raise UsageError(msg("sign.level_needs_tsa", level=options.level.value))
    if options.level.embeds_validation and not options.trust:
        raise UsageError(msg("sign.level_needs_trust", level=options.level.value))


def role_attribute(key: str) -> Any:
    """The CAdES claimed attribute ``role`` for slot ``key``."""
    from asn1crypto import cms, x509

    name = x509.GeneralName({"uniform_resource_identifier": ROLE_URN + key})
    return cms.AttCertAttribute({"type": "role", "values": [cms.RoleSyntax({"role_name": name})]})


def _slot(manifest: Manifest, role: str, path: str) -> SignatureSlot:
    slot = manifest.slot(role)
    if slot is None:
        known = ", ".join(s.key for s in manifest.slots) or "-"
        raise SigningError(msg("sign.unknown_role", role=role, known=known), path=path)
    return slot


def _fields(reader: Any) -> dict[str, bool]:
    """Signature field name → whether it is signed."""
    from pyhanko.sign.fields import enumerate_sig_fields

    return {
        str(name): value is not None
        for name, value, _ref in enumerate_sig_fields(reader, filled_status=None)
    }


def _new_fields(writer: Any, manifest: Manifest, first: SignatureSlot, present: set[str]) -> None:
    """Create every place's signature field; all but the certifying one lock themselves."""
    from pyhanko.sign.fields import (
        FieldMDPAction,
        FieldMDPSpec,
        SigFieldSpec,
        append_signature_field,
    )

    for slot in manifest.slots:
        if slot.field in present:
            continue
        lock = None if slot is first else FieldMDPSpec(FieldMDPAction.INCLUDE, [slot.field])
        append_signature_field(
            writer,
            SigFieldSpec(
                sig_field_name=slot.field,
                on_page=slot.page,
                box=_box(slot),
                field_mdp_spec=lock,
            ),
        )


def _box(slot: SignatureSlot) -> Any:
    """The slot's box for pyHanko, which annotates ints but accepts any PDF number."""
    return slot.box


def _pdf_signer_class() -> Any:
    from pyhanko.sign.signers import PdfSigner

    class TimedPdfSigner(PdfSigner):
        """pyHanko's signer with the signing time chosen by hsdt (the one the appearance
        shows, in +07:00) instead of the machine's local zone."""

        system_time: datetime

        def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = self.system_time
            return session

    return TimedPdfSigner


def _timestamper(url: str | None) -> Any:
    if not url:
        return None
    from pyhanko.sign.timestamps import requests_client

    factory: Any = requests_client.RequestsHTTPTimeStamper
    return factory(url, timeout=10)


def sign_pdf(
    data: bytes,
    signer: LoadedSigner,
    options: SignOptions,
    *,
    path: str = "-",
    now: datetime | None = None,
) -> bytes:
    """``data`` signed by ``signer`` in the place ``options.role``; returns the new PDF bytes."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.ades.api import CAdESSignedAttrSpec, SignerAttrSpec
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
    from pyhanko.sign.signers import PdfSignatureMetadata
    from pyhanko.sign.signers.pdf_byterange import BuildProps
    from pyhanko.sign.signers.pdf_signer import DSSContentSettings

    check_options(options)
    reader = open_reader(data, path)
    manifest = read_manifest(embedded_files(reader), path)
    slot = _slot(manifest, options.role, path)
    fields = _fields(reader)
    first = not any(fields.values())
    if fields.get(slot.field):
        raise SigningError(msg("sign.already_signed", role=slot.key), path=path)
    if not first:
        if slot.field not in fields:
            raise SigningError(msg("sign.no_field", field=slot.field), path=path)
        # People sign in the order of the approval chain; the school's seal does not depend on
        # them and may come at any point (publishing seals an approved record at once).
        before = manifest.slots[: manifest.slots.index(slot)] if slot.key != SEAL else []
        missing = [s.key for s in before if s.key != SEAL and not fields.get(s.field)]
        if missing:
            raise SigningError(
                msg("sign.out_of_order", role=slot.key, missing=", ".join(missing)), path=path
            )
    moment = (now or datetime.now(VN_TZ)).astimezone(VN_TZ).replace(microsecond=0)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
        if first:
            _new_fields(writer, manifest, slot, set(fields))
        meta = PdfSignatureMetadata(
            field_name=slot.field,
            md_algorithm="sha256",
            reason=REASON_PREFIX + slot.key,
            location=options.location,
            name=signer.common_name,
            certify=first,
            docmdp_permissions=MDPPerm.FILL_FORMS,
            subfilter=SigSeedSubFilter.PADES,
            embed_validation_info=options.level.embeds_validation,
            use_pades_lta=options.level is Level.B_LTA,
            # no /VRI: PAdES does not need it, and a later DSS update rewriting it would
            # count as a suspicious change to the earlier signatures
            dss_settings=DSSContentSettings(include_vri=False),
            validation_context=_context(options) if options.level.embeds_validation else None,
            app_build_props=BuildProps(name="hsdt", revision=__version__),
            cades_signed_attr_spec=CAdESSignedAttrSpec(
                signer_attributes=SignerAttrSpec(
                    claimed_attrs=[role_attribute(slot.key)], certified_attrs=[]
                )
            ),
        )
        pdf_signer = _pdf_signer_class()(
            meta,
            signer.signer,
            timestamper=_timestamper(options.tsa_url),
            stamp_style=stamp_style(slot, options.image),
        )
        pdf_signer.system_time = moment
        out = pdf_signer.sign_pdf(
            writer,
            existing_fields_only=True,
            bytes_reserved=reserved_bytes(options),
            appearance_text_params=text_params(slot, signer.common_name, moment),
        )
    except SigningError:
        raise
    except Exception as e:
        raise _translate(e, path) from e
    result: bytes = out.getvalue()
    return result


SIGNATURE_RESERVE = 16 * 1024
"""Room for the CMS signature without a timestamp: the signature, the signed attributes and a
chain of up to about eight certificates. Fixed so pyHanko need not make a dummy signature first
to measure it (on a token that is a second signing operation)."""

TIMESTAMP_RESERVE = 12 * 1024
"""Extra room for an RFC 3161 timestamp token with its TSA's chain."""


def reserved_bytes(options: SignOptions) -> int:
    """The bytes reserved in the PDF for the signature container."""
    return SIGNATURE_RESERVE + (TIMESTAMP_RESERVE if options.tsa_url else 0)


def _context(options: SignOptions) -> Any:
    from hsdt.sign.trust import validation_context

    return validation_context(list(options.trust))


def _translate(error: Exception, path: str) -> SigningError:
    """A pyHanko, token or network failure as a message a clerk can act on."""
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    detail = (
        str(error).strip().splitlines()[0][:160] if str(error).strip() else type(error).__name__
    )
    if isinstance(error, TimestampRequestError) or "timestamp" in detail.lower():
        return SigningError(msg("sign.tsa_failed", error=detail), path=path)
    return SigningError(msg("sign.failed", error=detail), path=path)


def extend_pdf(data: bytes, tsa_url: str, trust: list[Any], *, path: str = "-") -> bytes:
    """Bring a signed PDF to PAdES B-LTA: embed the validation data of every signature, then
    add (or renew) the document timestamp."""
    from pyhanko.sign.signers import PdfTimeStamper
    from pyhanko.sign.validation import add_validation_info

    from hsdt.sign.trust import validation_context

    reader = open_reader(data, path)
    count = len(reader.embedded_regular_signatures)
    if count == 0:
        raise SigningError(msg("verify.no_signatures"), path=path)
    try:
        for index in range(count):
            sig = open_reader(data, path).embedded_regular_signatures[index]
            data = add_validation_info(
                sig, validation_context(trust), add_vri_entry=False
            ).getvalue()
        stamper = PdfTimeStamper(_timestamper(tsa_url))
        out = stamper.update_archival_timestamp_chain(
            open_reader(data, path), validation_context(trust), in_place=False
        )
    except SigningError:
        raise
    except Exception as e:
        raise _translate(e, path) from e
    extended: bytes = out.getvalue()
    return extended
