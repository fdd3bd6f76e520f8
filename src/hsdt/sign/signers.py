"""Signer back-ends behind one interface: a PKCS#12 file, a PKCS#11 token, and the seam for
remote signing services.

Every back-end gives a :class:`LoadedSigner`: the key loaded (or the token session opened) once,
ready to sign a whole batch, closed with :meth:`LoadedSigner.close` or a ``with`` block. Secrets
(the passphrase, the PIN) are arguments here; reading them from the environment or a prompt is
the CLI's job, never a command-line argument that would show in ``ps``.

Remote signing (VNPT SmartCA, Viettel MySign, MISA eSign…) is reached through
:class:`RemoteSigner`: a service that holds the key and signs a digest after the person approves
on their phone. No implementation ships yet; one plugs in by adapting the protocol to
:class:`pyhanko.sign.signers.ExternalSigner`-style signing in :func:`from_remote`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from hsdt.errors import SigningError
from hsdt.i18n import msg


@dataclass(frozen=True)
class LoadedSigner:
    """A key ready to sign: pyHanko's signer and what hsdt shows about its certificate."""

    signer: Any
    """The :class:`pyhanko.sign.signers.Signer` (kept ``Any``: pyHanko is imported lazily)."""
    common_name: str
    """The certificate's common name: the signer's name printed in the appearance."""
    subject: str
    """The certificate's whole subject, human readable."""
    backend: str
    """``pkcs12``, ``pkcs11`` or ``remote``."""
    closer: Callable[[], None] = field(default=lambda: None, repr=False)
    """Releases the key (closes the token session)."""

    def close(self) -> None:
        """Release the key; the signer must not be used afterwards."""
        self.closer()

    def __enter__(self) -> LoadedSigner:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class RemoteSigner(Protocol):
    """What a remote signing service (VNPT SmartCA, Viettel MySign…) must offer hsdt.

    The service keeps the key; hsdt sends the digest of the signed attributes and waits while
    the person approves the request on their phone. A later implementation wraps an object of
    this protocol in :func:`from_remote`.
    """

    def certificate(self) -> bytes:
        """The signer's certificate, DER."""
        ...

    def chain(self) -> Sequence[bytes]:
        """The issuing CA certificates, DER, leaf's issuer first."""
        ...

    def sign_digest(self, digest: bytes, digest_algorithm: str) -> bytes:
        """The raw RSA PKCS#1 v1.5 signature of ``digest`` (``sha256``…), after the person's
        approval; raise :class:`hsdt.errors.SigningError` when refused or timed out."""
        ...


def from_remote(remote: RemoteSigner) -> LoadedSigner:
    """Seam for remote signing services; not implemented yet."""
    raise SigningError(msg("sign.remote_unsupported"))


def _describe(cert: Any) -> tuple[str, str]:
    """(common name, readable subject) of an asn1crypto certificate."""
    subject = cert.subject
    native = subject.native
    cn = native.get("common_name")
    if isinstance(cn, list):
        cn = cn[-1]
    return (str(cn) if cn else subject.human_friendly, subject.human_friendly)


def load_pkcs12(path: Path, passphrase: str | None) -> LoadedSigner:
    """The key and certificate of a PKCS#12 file (.p12/.pfx) protected by ``passphrase``."""
    from pyhanko.sign.signers import SimpleSigner

    try:
        data = path.read_bytes()
    except OSError as e:
        raise SigningError(
            msg("sign.p12_unreadable", error=e.strerror or str(e)), path=str(path)
        ) from e
    pass_bytes = passphrase.encode("utf-8") if passphrase is not None else None
    try:
        signer = SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=pass_bytes)
    except (ValueError, TypeError) as e:
        raise SigningError(msg("sign.p12_bad"), path=str(path)) from e
    if signer is None or signer.signing_cert is None:
        raise SigningError(msg("sign.p12_bad"), path=str(path))
    kept = _kept_key_signer_class()(
        signing_cert=signer.signing_cert,
        signing_key=signer.signing_key,
        cert_registry=signer.cert_registry,
    )
    cn, subject = _describe(signer.signing_cert)
    return LoadedSigner(signer=kept, common_name=cn, subject=subject, backend="pkcs12")


def _kept_key_signer_class() -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class KeptKeySigner(SimpleSigner):
        """pyHanko's SimpleSigner parses (and checks) the private key again for every
        signature, ~40 ms for RSA 2048; this one parses it once per batch."""

        _key: Any = None

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            if mechanism.signature_algo != "rsassa_pkcs1v15":
                signed: bytes = super().sign_raw(data, digest_algorithm)
                return signed
            if self._key is None:
                self._key = serialization.load_der_private_key(
                    self.signing_key.dump(), password=None
                )
            if not isinstance(self._key, RSAPrivateKey):  # pragma: no cover - RSA only here
                raise TypeError(type(self._key).__name__)
            raw: bytes = self._key.sign(
                data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)
            )
            return raw

    return KeptKeySigner


def open_pkcs11(
    module: str,
    *,
    token: str | None = None,
    slot: int | None = None,
    key_label: str | None = None,
    key_id: bytes | None = None,
    pin: str | None = None,
) -> LoadedSigner:
    """A session on the token in ``module`` (the CA's PKCS#11 library), logged in with ``pin``,
    signing with the key named by ``key_label`` or ``key_id`` (the only key when neither)."""
    try:
        import pkcs11
        from pyhanko.config.pkcs11 import TokenCriteria as _Criteria
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
    except ImportError as e:  # pragma: no cover - the sign extra installs them
        raise SigningError(msg("sign.missing_extra")) from e

    if not Path(module).is_file():
        raise SigningError(msg("sign.p11_no_module", module=module))
    criteria = _Criteria(label=token) if token else None
    try:
        session = open_pkcs11_session(module, slot_no=slot, token_criteria=criteria, user_pin=pin)
    except pkcs11.PinIncorrect as e:
        raise SigningError(msg("sign.p11_bad_pin")) from e
    except pkcs11.PKCS11Error as e:
        raise SigningError(
            msg(
                "sign.p11_no_token",
                module=module,
                token=token or slot or "-",
                error=type(e).__name__,
            )
        ) from e
    try:
        if key_label is None and key_id is None:
            key_label = _only_key_label(session)
        # other_certs_to_pull=None: take every certificate on the token, so the CA chain the
        # CA put there travels in the signature
        signer = PKCS11Signer(
            session,
            key_label=key_label,
            key_id=key_id,
            cert_label=key_label,
            cert_id=key_id,
            other_certs_to_pull=None,
        )
        cert = signer.signing_cert
    except (pkcs11.PKCS11Error, LookupError, ValueError) as e:
        session.close()
        raise SigningError(
            msg("sign.p11_no_key", key=key_label or (key_id.hex() if key_id else "-"))
        ) from e
    cn, subject = _describe(cert)
    return LoadedSigner(
        signer=signer, common_name=cn, subject=subject, backend="pkcs11", closer=session.close
    )


def _only_key_label(session: Any) -> str:
    """The label of the token's only private key (a USB token usually holds one)."""
    from pkcs11 import Attribute, ObjectClass

    labels = [
        obj[Attribute.LABEL]
        for obj in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
    ]
    if len(labels) != 1:
        raise LookupError(len(labels))
    return str(labels[0])


@dataclass(frozen=True)
class SignerSpec:
    """A parsed ``--signer`` value."""

    kind: str
    """``pkcs12`` (a key file) or ``pkcs11`` (a token's library)."""
    path: Path
    """The key file or the PKCS#11 library."""


def parse_signer_spec(spec: str) -> SignerSpec:
    """``pkcs12:FILE`` or ``pkcs11:MODULE_PATH``; UsageError otherwise."""
    from hsdt.errors import UsageError

    kind, _, where = spec.partition(":")
    if kind not in ("pkcs12", "pkcs11") or not where:
        raise UsageError(msg("sign.bad_signer", value=spec))
    return SignerSpec(kind, Path(where))


def check_signer_spec(spec: str) -> SignerSpec:
    """:func:`parse_signer_spec`, and the file it names exists (UsageError naming it).

    The CLI checks this before any secret is asked for, so a typo never costs a passphrase.
    """
    from hsdt.errors import UsageError

    parsed = parse_signer_spec(spec)
    if not parsed.path.is_file():
        if parsed.kind == "pkcs12":
            raise UsageError(msg("sign.no_key_file", path=str(parsed.path)))
        raise UsageError(msg("sign.p11_no_module", module=str(parsed.path)))
    return parsed


def open_signer(
    spec: str,
    secret: Callable[[str], str | None],
    *,
    token: str | None = None,
    slot: int | None = None,
    key_label: str | None = None,
    key_id: bytes | None = None,
) -> LoadedSigner:
    """The signer named by ``spec`` (``pkcs12:FILE`` or ``pkcs11:MODULE_PATH``).

    ``secret(kind)`` gives the passphrase (``kind == "pkcs12"``) or PIN (``"pkcs11"``): the CLI
    reads it from ``HSDT_SIGNER_PASSPHRASE`` / ``HSDT_PKCS11_PIN`` or prompts for it.
    """
    parsed = parse_signer_spec(spec)
    if parsed.kind == "pkcs12":
        return load_pkcs12(parsed.path, secret("pkcs12"))
    return open_pkcs11(
        str(parsed.path),
        token=token,
        slot=slot,
        key_label=key_label,
        key_id=key_id,
        pin=secret("pkcs11"),
    )
