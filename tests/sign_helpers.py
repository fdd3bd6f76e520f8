"""Fixtures of the signing tests: a demo PKI with its CRL/OCSP/TSA server on 127.0.0.1, an NSS
database for poppler's pdfsig, a SoftHSM2 token, and helpers to sign the fixture PDF.

Loaded by tests/conftest.py as a plugin; everything is generated at run time in temporary
folders (no key is ever committed).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hsdt.sign.demopki import DemoPki, generate_demo_pki
from hsdt.sign.demoserver import DemoServer

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_LABEL = "hsdt-test"
TOKEN_PIN = "123456"
KEY_LABEL = "to-truong"


@dataclass(frozen=True)
class Services:
    """The demo PKI and the server answering for it."""

    pki: DemoPki
    server: DemoServer


@pytest.fixture(scope="session")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """A DEMO/TEST ONLY PKI (session-wide) and its CRL, OCSP and TSA on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("pki")
    # the stamp font cache of the whole session, away from the real home
    os.environ.setdefault("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    with DemoServer() as server:
        pki = generate_demo_pki(folder, server.base_url)
        server.serve(pki)
        yield Services(pki, server)


@pytest.fixture(scope="session")
def pki(services: Services) -> DemoPki:
    """The demo PKI."""
    return services.pki


@pytest.fixture(scope="session")
def roots(pki: DemoPki) -> list[object]:
    """The trusted roots (the demo root CA)."""
    from hsdt.sign.trust import load_certificates

    return load_certificates(pki.root)


@pytest.fixture(scope="session")
def nss_db(pki: DemoPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An NSS database trusting the demo root, for ``pdfsig -nssdir``."""
    folder = tmp_path_factory.mktemp("nss")
    subprocess.run(
        ["certutil", "-N", "-d", f"sql:{folder}", "--empty-password"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["certutil", "-A", "-d", f"sql:{folder}", "-n", "ca", "-t", "CT,C,C", "-i", str(pki.root)],
        check=True,
        capture_output=True,
    )
    return folder


@dataclass(frozen=True)
class PdfSig:
    """What poppler's pdfsig says about each signature."""

    output: str
    signatures: tuple[tuple[str, str], ...]
    """(signature validation, certificate validation) per signature."""

    @property
    def all_good(self) -> bool:
        return bool(self.signatures) and all(
            s == "Signature is Valid." and c == "Certificate is Trusted."
            for s, c in self.signatures
        )


def pdfsig(nss: Path, path: Path) -> PdfSig:
    """Run pdfsig on ``path`` with ``nss`` (OCSP against the demo server)."""
    done = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{nss}", str(path)], capture_output=True, text=True, check=False
    )
    blocks = done.stdout.split("Signature #")[1:]
    sigs = []
    for block in blocks:
        # empty fields, and document timestamps (poppler does not verify those)
        if "form field is not signed" in block or "Signature Type: unknown" in block:
            continue
        found = {"sig": "", "cert": ""}
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("- Signature Validation:"):
                found["sig"] = line.split(":", 1)[1].strip()
            elif line.startswith("- Certificate Validation:"):
                found["cert"] = line.split(":", 1)[1].strip()
        sigs.append((found["sig"], found["cert"]))
    return PdfSig(done.stdout + done.stderr, tuple(sigs))


@dataclass(frozen=True)
class Token:
    """A SoftHSM2 token holding the group head's key and certificate."""

    module: str
    label: str
    pin: str
    key_label: str
    common_name: str


@pytest.fixture(scope="session")
def softhsm(pki: DemoPki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Token]:
    """A real PKCS#11 token (SoftHSM2) with a private configuration and token folder; the
    group head's key (PKCS#8) and certificate imported."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    folder = tmp_path_factory.mktemp("softhsm")
    tokens = folder / "tokens"
    tokens.mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    ident = pki.identity("to_truong")

    def run(*args: str) -> None:
        subprocess.run(args, check=True, capture_output=True)

    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        TOKEN_LABEL,
        "--pin",
        TOKEN_PIN,
        "--so-pin",
        "654321",
    )
    run(
        "softhsm2-util", "--import", str(ident.key), "--token", TOKEN_LABEL,
        "--label", KEY_LABEL, "--id", "01", "--pin", TOKEN_PIN,
    )  # fmt: skip
    cert_der = folder / "cert.der"
    cert = x509.load_pem_x509_certificate(ident.cert.read_bytes())
    cert_der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    run(
        "pkcs11-tool", "--module", SOFTHSM_MODULE, "--token-label", TOKEN_LABEL, "--login",
        "--pin", TOKEN_PIN, "--write-object", str(cert_der), "--type", "cert",
        "--label", KEY_LABEL, "--id", "01",
    )  # fmt: skip
    inter_der = folder / "ca.der"
    inter = x509.load_pem_x509_certificate(pki.intermediate.read_bytes())
    inter_der.write_bytes(inter.public_bytes(serialization.Encoding.DER))
    run(
        "pkcs11-tool", "--module", SOFTHSM_MODULE, "--token-label", TOKEN_LABEL, "--login",
        "--pin", TOKEN_PIN, "--write-object", str(inter_der), "--type", "cert",
        "--label", "ca", "--id", "ca",
    )  # fmt: skip
    yield Token(SOFTHSM_MODULE, TOKEN_LABEL, TOKEN_PIN, KEY_LABEL, ident.common_name)
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


@pytest.fixture(scope="session")
def fixture_pdf() -> bytes:
    """The unsigned fixture record PDF."""
    from tests.pdf_fixture import build_pdf

    return build_pdf()


def sign_as(pdf: bytes, pki: DemoPki, ident: str, role: str, **options: object) -> bytes:
    """``pdf`` signed by demo identity ``ident`` in place ``role``."""
    from hsdt.sign.signers import load_pkcs12
    from hsdt.sign.signing import SignOptions, sign_pdf

    with load_pkcs12(pki.identity(ident).p12, pki.passphrase) as signer:
        return sign_pdf(pdf, signer, SignOptions(role=role, **options))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def lesson_plan(fixture_pdf: bytes, pki: DemoPki) -> bytes:
    """The lesson plan signed by the teacher, the group head and the seal (B-T)."""
    from hsdt.sign.signing import Level

    signature, seal = demo_images(pki)
    pdf = fixture_pdf
    for ident, role, image in (
        ("giao_vien", "nguoi_lap", signature),
        ("to_truong", "to_truong", None),
        ("con_dau", "con_dau", seal),
    ):
        pdf = sign_as(pdf, pki, ident, role, tsa_url=pki.tsa_url, level=Level.B_T, image=image)
    return pdf


def demo_images(pki: DemoPki) -> tuple[Path, Path]:
    """The demo signature and seal PNGs (made once, beside the PKI)."""
    from hsdt.sign.demopki import write_demo_images

    folder = pki.folder / "images"
    if (folder / "con-dau-demo.png").is_file():
        return folder / "chu-ky-demo.png", folder / "con-dau-demo.png"
    return write_demo_images(folder)


def fingerprint(cert: Path) -> str:
    """The SHA-256 fingerprint of a PEM certificate, as openssl prints it (``AB:CD:…``)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    raw = x509.load_pem_x509_certificate(cert.read_bytes()).fingerprint(hashes.SHA256())
    return ":".join(f"{b:02X}" for b in raw)


DEMO_SIGNERS = {"gv-toan-02": "giao_vien", "gv-toan-01": "to_truong", "ht-01": "hieu_truong"}
"""Roster people of the le-khac-can profile → the demo identity holding their certificate
(the fixture record is gv-toan-02's, its group head gv-toan-01)."""


def roster_knows_pki(
    root: Path,
    pki: DemoPki,
    people: dict[str, str] | None = None,
    seal: str | None = "con_dau",
    school: str = "le-khac-can",
) -> Path:
    """Write into the profile of the school repository at ``root`` the certificate
    fingerprints (``van_tay_chung_thu``) of ``people`` (staff id → demo identity) and the
    seal's (``van_tay_con_dau``); returns the profile file."""
    profile = root / "schools" / school / "truong.yml"
    text = profile.read_text(encoding="utf-8")
    for staff_id, ident in (DEMO_SIGNERS if people is None else people).items():
        before = f"{{ma: {staff_id}, "
        assert before in text, staff_id
        fp = fingerprint(pki.identity(ident).cert)
        text = text.replace(before, f"{before}van_tay_chung_thu: '{fp}', ")
    if seal is not None:
        head = f"ma: {school}\n"
        text = text.replace(
            head, f"{head}van_tay_con_dau: '{fingerprint(pki.identity(seal).cert)}'\n", 1
        )
    profile.write_text(text, encoding="utf-8")
    return profile
