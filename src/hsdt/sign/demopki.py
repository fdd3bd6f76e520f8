"""A DEMO/TEST ONLY public-key infrastructure: a root CA, an intermediate, staff, seal, TSA and
OCSP certificates, a revoked and an expired one, CRLs.

Every certificate's subject says "(CHỈ DÙNG THỬ - TEST ONLY)": in its organisation, or, for a
demo school's seal whose organisation must be the school's name (that is how ``hsdt verify``
recognises the seal certificate without a fingerprint), in its unit. The keys are written only
into the folder the caller gives (tests use a temporary folder, the README demo uses build/),
never into a school repository. :mod:`hsdt.sign.demoserver` serves the CRLs, the OCSP responder
and an RFC 3161 timestamp authority for it on 127.0.0.1.

Built on ``cryptography`` (a pyHanko dependency), so it needs nothing beyond ``hsdt[sign]``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

TEST_ORG = "(CHỈ DÙNG THỬ - TEST ONLY)"
"""Marker in every demo certificate's organisation name."""

KEY_BITS = 2048
"""RSA key size (the Vietnamese technical rules ask for at least 2048 bits)."""

STAFF: dict[str, tuple[str, str]] = {
    "giao_vien": ("Nguyễn Thị Ánh Dương", "Giáo viên"),
    "to_truong": ("Trần Văn Bình", "Tổ trưởng"),
    "hieu_truong": ("Lê Thị Cẩm Hường", "Hiệu trưởng"),
    "con_dau": ("TRƯỜNG TH&THCS LÊ KHẮC CẨN", "Con dấu"),
    "thu_hoi": ("Phạm Văn Dũng", "Giáo viên (chứng thư đã thu hồi)"),
    "het_han": ("Hoàng Thị Én", "Giáo viên (chứng thư đã hết hạn)"),
    "ngoai": ("Vũ Văn Ngoại", "Giáo viên (CA không được tin cậy)"),
}
"""Demo identity id → (common name, description)."""


@dataclass(frozen=True)
class DemoPerson:
    """A demo identity to issue beside :data:`STAFF`, e.g. a member of a demo school's roster,
    so that ``hsdt verify`` in that school finds the certificate to be that person's."""

    name: str
    """The certificate's CN (the roster's ``ho_ten``)."""
    unit: str
    """The organisational unit (a job title)."""
    email: str | None = None
    """The subject's e-mail address (the roster's ``email``)."""
    organisation: str | None = None
    """The subject's O, e.g. the school's name for its seal; the test marker then moves to the
    unit. None: the test organisation."""


@dataclass(frozen=True)
class DemoIdentity:
    """One signer of the demo PKI."""

    id: str
    """Identity id (a key of :data:`STAFF`)."""
    common_name: str
    """The certificate's CN (the name printed in the signature)."""
    cert: Path
    """The certificate, PEM."""
    key: Path
    """The private key, unencrypted PKCS#8 PEM (for importing into a token)."""
    p12: Path
    """Key, certificate and chain as PKCS#12, protected by the PKI's passphrase."""


@dataclass(frozen=True)
class DemoPki:
    """Where the demo PKI's files are."""

    folder: Path
    """The folder holding every file."""
    base_url: str
    """``http://127.0.0.1:PORT`` that the certificates name for CRLs, OCSP and the TSA."""
    passphrase: str
    """Passphrase of every PKCS#12 file."""
    root: Path
    """The trusted root CA certificate (PEM); what a school puts in signatures/."""
    intermediate: Path
    """The intermediate CA certificate (PEM)."""
    trust: Path
    """A folder holding only the public certificates to trust (root and intermediate)."""
    identities: dict[str, DemoIdentity]
    """Signers by id (see :data:`STAFF`)."""
    tsa_cert: Path
    """The timestamp authority's certificate (PEM)."""
    tsa_key: Path
    """The timestamp authority's key (PKCS#8 PEM)."""
    ocsp_cert: Path
    """The OCSP responder's certificate (PEM)."""
    ocsp_key: Path
    """The OCSP responder's key (PKCS#8 PEM)."""
    revoked_serials: tuple[int, ...]
    """Serial numbers the intermediate CA has revoked."""

    @property
    def tsa_url(self) -> str:
        """URL of the timestamp authority."""
        return f"{self.base_url}/tsa"

    def identity(self, ident: str) -> DemoIdentity:
        """The identity ``ident``."""
        return self.identities[ident]


def _name(
    cn: str, org: str = TEST_ORG, unit: str | None = None, email: str | None = None
) -> x509.Name:
    if TEST_ORG not in org:
        unit = f"{unit} {TEST_ORG}" if unit else TEST_ORG
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
    ]
    if unit:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    if email:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    return x509.Name(attrs)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)


@dataclass(frozen=True)
class _Issued:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey


def _issue(
    subject: x509.Name,
    issuer: _Issued | None,
    *,
    ca: bool,
    not_before: datetime,
    not_after: datetime,
    base_url: str,
    crl_name: str | None,
    ocsp: bool = False,
    eku: x509.ObjectIdentifier | None = None,
    key: rsa.RSAPrivateKey | None = None,
) -> _Issued:
    key = key or _key()
    issuer_name = issuer.cert.subject if issuer else subject
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    usage = dict.fromkeys(
        (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    if ca:
        usage.update(key_cert_sign=True, crl_sign=True, digital_signature=True)
    elif eku is not None:
        usage.update(digital_signature=True)
    else:
        usage.update(digital_signature=True, content_commitment=True)
    builder = builder.add_extension(x509.KeyUsage(**usage), critical=True)
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([eku]), critical=True)
    if eku == ExtendedKeyUsageOID.OCSP_SIGNING:
        builder = builder.add_extension(x509.OCSPNoCheck(), critical=False)
    if crl_name is not None:
        point = x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(f"{base_url}/{crl_name}")],
            relative_name=None,
            reasons=None,
            crl_issuer=None,
        )
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    if ocsp:
        builder = builder.add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        x509.oid.AuthorityInformationAccessOID.OCSP,
                        x509.UniformResourceIdentifier(f"{base_url}/ocsp"),
                    )
                ]
            ),
            critical=False,
        )
    cert = builder.sign(signing_key, hashes.SHA256())
    return _Issued(cert, key)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write(path: Path, data: bytes, private: bool = False) -> Path:
    path.write_bytes(data)
    if private:
        path.chmod(0o600)
    return path


def make_crl(
    issuer_cert: x509.Certificate,
    issuer_key: rsa.RSAPrivateKey,
    revoked: dict[int, datetime],
    now: datetime,
) -> bytes:
    """A DER CRL of ``issuer`` listing ``revoked`` (serial → revocation time), valid a week."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer_cert.subject)
        .last_update(now - timedelta(minutes=5))
        .next_update(now + timedelta(days=7))
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    for serial, when in revoked.items():
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        )
    return builder.sign(issuer_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def generate_demo_pki(
    folder: Path,
    base_url: str,
    passphrase: str = "demo",
    now: datetime | None = None,
    people: Mapping[str, tuple[str, str] | DemoPerson] | None = None,
) -> DemoPki:
    """Create a fresh DEMO/TEST ONLY PKI in ``folder``; the certificates point their CRL and
    OCSP locations at ``base_url`` (where :mod:`hsdt.sign.demoserver` serves them).

    ``people`` adds identities (id → :class:`DemoPerson`, or (common name, unit)), e.g. a demo
    school's roster, so the names and e-mail addresses of the certificates are the roster's
    and ``hsdt verify`` accepts each as its person's."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    folder.mkdir(parents=True, exist_ok=True)
    start, end = now - timedelta(days=1), now + timedelta(days=3 * 365)
    root = _issue(
        _name("hsdt Demo Root CA"),
        None,
        ca=True,
        not_before=start,
        not_after=end + timedelta(days=365),
        base_url=base_url,
        crl_name=None,
    )
    inter = _issue(
        _name("hsdt Demo Issuing CA"),
        root,
        ca=True,
        not_before=start,
        not_after=end,
        base_url=base_url,
        crl_name="root.crl",
    )
    outsider_root = _issue(
        _name("Outside Root CA", org="Không tin cậy " + TEST_ORG),
        None,
        ca=True,
        not_before=start,
        not_after=end,
        base_url=base_url,
        crl_name=None,
    )
    identities: dict[str, DemoIdentity] = {}
    revoked: dict[int, datetime] = {}
    for ident, entry in {**STAFF, **(people or {})}.items():
        person = entry if isinstance(entry, DemoPerson) else DemoPerson(*entry)
        cn = person.name
        nb, na = start, end
        if ident == "het_han":
            nb, na = now - timedelta(days=730), now - timedelta(days=365)
        issuer = outsider_root if ident == "ngoai" else inter
        issued = _issue(
            _name(cn, org=person.organisation or TEST_ORG, unit=person.unit, email=person.email),
            issuer,
            ca=False,
            not_before=nb,
            not_after=na,
            base_url=base_url,
            crl_name=None if ident == "ngoai" else "intermediate.crl",
            ocsp=ident != "ngoai",
        )
        if ident == "thu_hoi":
            revoked[issued.cert.serial_number] = now - timedelta(hours=1)
        chain = [issuer.cert] if ident == "ngoai" else [inter.cert, root.cert]
        p12 = pkcs12.serialize_key_and_certificates(
            ident.encode(),
            issued.key,
            issued.cert,
            chain,
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
        identities[ident] = DemoIdentity(
            id=ident,
            common_name=cn,
            cert=_write(folder / f"{ident}.pem", _pem(issued.cert)),
            key=_write(folder / f"{ident}.key.pem", _key_pem(issued.key), private=True),
            p12=_write(folder / f"{ident}.p12", p12, private=True),
        )
    tsa = _issue(
        _name("hsdt Demo TSA"),
        inter,
        ca=False,
        not_before=start,
        not_after=end,
        base_url=base_url,
        crl_name="intermediate.crl",
        ocsp=True,
        eku=ExtendedKeyUsageOID.TIME_STAMPING,
    )
    responder = _issue(
        _name("hsdt Demo OCSP Responder"),
        inter,
        ca=False,
        not_before=start,
        not_after=end,
        base_url=base_url,
        crl_name=None,
        eku=ExtendedKeyUsageOID.OCSP_SIGNING,
    )
    trust = folder / "trust"
    trust.mkdir(exist_ok=True)
    _write(trust / "root.pem", _pem(root.cert))
    _write(trust / "intermediate.pem", _pem(inter.cert))
    _write(folder / "root.crl", make_crl(root.cert, root.key, {}, now))
    _write(folder / "intermediate.crl", make_crl(inter.cert, inter.key, revoked, now))
    # The issuing CA's key stays so the server can sign fresh CRLs; the root's is not needed.
    _write(folder / "intermediate.key.pem", _key_pem(inter.key), private=True)
    pki = DemoPki(
        folder=folder,
        base_url=base_url,
        passphrase=passphrase,
        root=_write(folder / "root.pem", _pem(root.cert)),
        intermediate=_write(folder / "intermediate.pem", _pem(inter.cert)),
        trust=trust,
        identities=identities,
        tsa_cert=_write(folder / "tsa.pem", _pem(tsa.cert)),
        tsa_key=_write(folder / "tsa.key.pem", _key_pem(tsa.key), private=True),
        ocsp_cert=_write(folder / "ocsp.pem", _pem(responder.cert)),
        ocsp_key=_write(folder / "ocsp.key.pem", _key_pem(responder.key), private=True),
        revoked_serials=tuple(revoked),
    )
    _write(
        folder / "demopki.json",
        json.dumps({"base_url": base_url, "revoked": list(revoked)}, indent=1).encode(),
    )
    return pki


def write_demo_images(folder: Path) -> tuple[Path, Path]:
    """A blue handwritten-looking signature and a red round seal (PNG, transparent), marked
    as test images, for the demo: (signature, seal)."""
    import math

    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    sig = Image.new("RGBA", (360, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(sig)
    points = [(20 + i * 4, 60 + 30 * math.sin(i / 6) * math.cos(i / 17)) for i in range(80)]
    draw.line(points, fill=(20, 40, 170, 255), width=5, joint="curve")
    draw.line([(60, 95), (300, 85)], fill=(20, 40, 170, 255), width=3)
    sig_path = folder / "chu-ky-demo.png"
    sig.save(sig_path)
    seal = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(seal)
    red = (200, 20, 20, 230)
    draw.ellipse((10, 10, 390, 390), outline=red, width=14)
    draw.ellipse((70, 70, 330, 330), outline=red, width=6)
    star = [
        (
            200 + (70 if k % 2 == 0 else 28) * math.sin(k * math.pi / 5),
            200 - (70 if k % 2 == 0 else 28) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    draw.text((150, 345), "TEST ONLY", fill=red)
    seal_path = folder / "con-dau-demo.png"
    seal.save(seal_path)
    return sig_path, seal_path
