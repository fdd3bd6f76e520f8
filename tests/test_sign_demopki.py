"""The DEMO/TEST ONLY PKI and its services on 127.0.0.1."""

from __future__ import annotations

import urllib.request

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from hsdt.sign.demopki import STAFF, TEST_ORG, DemoPki
from tests.sign_helpers import Services


def test_every_certificate_is_marked_test_only(pki: DemoPki) -> None:
    pems = [pki.root, pki.intermediate, pki.tsa_cert, pki.ocsp_cert]
    pems += [i.cert for i in pki.identities.values()]
    for path in pems:
        cert = x509.load_pem_x509_certificate(path.read_bytes())
        assert TEST_ORG in cert.subject.rfc4514_string()
    assert set(pki.identities) == set(STAFF)
    assert sorted(p.name for p in pki.trust.iterdir()) == ["intermediate.pem", "root.pem"]
    staff = x509.load_pem_x509_certificate(pki.identity("giao_vien").cert.read_bytes())
    assert staff.extensions.get_extension_for_class(x509.KeyUsage).value.content_commitment
    assert staff.public_key().key_size >= 2048


def _ocsp_status(services: Services, ident: str) -> ocsp.OCSPCertStatus:
    pki = services.pki
    cert = x509.load_pem_x509_certificate(pki.identity(ident).cert.read_bytes())
    issuer = x509.load_pem_x509_certificate(pki.intermediate.read_bytes())
    req = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()
    request = urllib.request.Request(
        f"{pki.base_url}/ocsp",
        data=req.public_bytes(serialization.Encoding.DER),
        headers={"Content-Type": "application/ocsp-request"},
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        return ocsp.load_der_ocsp_response(answer.read()).certificate_status


def test_ocsp_and_crl(services: Services) -> None:
    assert _ocsp_status(services, "giao_vien") == ocsp.OCSPCertStatus.GOOD
    assert _ocsp_status(services, "thu_hoi") == ocsp.OCSPCertStatus.REVOKED
    with urllib.request.urlopen(f"{services.pki.base_url}/intermediate.crl", timeout=5) as answer:
        crl = x509.load_der_x509_crl(answer.read())
    assert [r.serial_number for r in crl] == list(services.pki.revoked_serials)
    bad = urllib.request.Request(f"{services.pki.base_url}/ocsp", data=b"junk")
    with urllib.request.urlopen(bad, timeout=5) as answer:
        status = ocsp.load_der_ocsp_response(answer.read()).response_status
    assert status == ocsp.OCSPResponseStatus.MALFORMED_REQUEST
    assert services.server.hits["ocsp"] >= 3


def test_a_demo_seal_names_its_school_and_stays_marked() -> None:
    from hsdt.sign.demopki import _name

    name = _name("TRƯỜNG MẪU", org="Trường Mẫu", unit="Con dấu", email="vt@x.example")
    text = name.rfc4514_string()
    assert "O=Trường Mẫu" in text
    assert f"OU=Con dấu {TEST_ORG}" in text
    assert "1.2.840.113549.1.9.1=vt@x.example" in text or "emailAddress" in text
