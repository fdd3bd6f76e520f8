"""DEMO/TEST ONLY services for :mod:`hsdt.sign.demopki` on 127.0.0.1: the CRLs, an OCSP
responder and an RFC 3161 timestamp authority, in a background thread.

The port is chosen first (the certificates must name it), the PKI is generated, then the server
is given the PKI::

    with DemoServer() as server:
        pki = generate_demo_pki(folder, server.base_url)
        server.serve(pki)
        ... sign with tsa_url=pki.tsa_url ...
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from hsdt.sign.demopki import DemoPki


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Silence: tests and the demo print their own output."""

    def _reply(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        state = self.server.state
        name = self.path.lstrip("/")
        if state is None or name not in ("root.crl", "intermediate.crl"):
            self._reply(404, b"", "text/plain")
            return
        self.server.hits[name] = self.server.hits.get(name, 0) + 1
        self._reply(200, (state.pki.folder / name).read_bytes(), "application/pkix-crl")

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        name = self.path.lstrip("/")
        if state is None or name not in ("ocsp", "tsa"):
            self._reply(404, b"", "text/plain")
            return
        self.server.hits[name] = self.server.hits.get(name, 0) + 1
        if name == "tsa":
            self._reply(200, state.timestamp(body), "application/timestamp-reply")
        else:
            self._reply(200, state.ocsp(body), "application/ocsp-response")


class _State:
    """What the server answers with, built from the PKI's files."""

    def __init__(self, pki: DemoPki) -> None:
        from asn1crypto import keys as asn1_keys
        from asn1crypto import pem
        from asn1crypto import x509 as asn1_x509
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        self.pki = pki

        def load(path: Any) -> bytes:
            raw: bytes = path.read_bytes()
            return pem.unarmor(raw)[2] if pem.detect(raw) else raw

        store: Any = SimpleCertificateStore
        self.timestamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(load(pki.tsa_cert)),
            tsa_key=asn1_keys.PrivateKeyInfo.load(load(pki.tsa_key)),
            certs_to_embed=store.from_certs([asn1_x509.Certificate.load(load(pki.intermediate))]),
        )
        self.issuer = x509.load_pem_x509_certificate(pki.intermediate.read_bytes())
        self.responder = x509.load_pem_x509_certificate(pki.ocsp_cert.read_bytes())
        self.responder_key = serialization.load_pem_private_key(
            pki.ocsp_key.read_bytes(), password=None
        )
        self.revoked = set(pki.revoked_serials)

    def timestamp(self, body: bytes) -> bytes:
        from asn1crypto import tsp

        req = tsp.TimeStampReq.load(body)
        resp: bytes = self.timestamper.request_tsa_response(req).dump()
        return resp

    def ocsp(self, body: bytes) -> bytes:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.x509 import ocsp

        try:
            req = ocsp.load_der_ocsp_request(body)
        except ValueError:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.MALFORMED_REQUEST
            ).public_bytes(_der())
        now = datetime.now(UTC).replace(microsecond=0)
        revoked = req.serial_number in self.revoked
        builder = (
            ocsp.OCSPResponseBuilder()
            .add_response_by_hash(
                issuer_name_hash=req.issuer_name_hash,
                issuer_key_hash=req.issuer_key_hash,
                serial_number=req.serial_number,
                algorithm=req.hash_algorithm,
                cert_status=ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD,
                this_update=now - timedelta(minutes=1),
                next_update=now + timedelta(days=1),
                revocation_time=now - timedelta(hours=1) if revoked else None,
                revocation_reason=None,
            )
            .responder_id(ocsp.OCSPResponderEncoding.HASH, self.responder)
            .certificates([self.responder])
        )
        for ext in req.extensions:
            if isinstance(ext.value, x509.OCSPNonce):
                builder = builder.add_extension(ext.value, critical=False)
        key: Any = self.responder_key
        return builder.sign(key, hashes.SHA256()).public_bytes(_der())


def _der() -> Any:
    from cryptography.hazmat.primitives import serialization

    return serialization.Encoding.DER


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State | None = None
    hits: dict[str, int]


class DemoServer:
    """CRL, OCSP and TSA of a demo PKI on 127.0.0.1 (a free port), in a daemon thread."""

    def __init__(self) -> None:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.hits = {}
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        port = self._httpd.server_address[1]
        return f"http://127.0.0.1:{port}"

    @property
    def hits(self) -> dict[str, int]:
        """Requests served per resource (``tsa``, ``ocsp``, ``root.crl``…)."""
        return self._httpd.hits

    def serve(self, pki: DemoPki) -> None:
        """Start answering for ``pki``."""
        self._httpd.state = _State(pki)

    def close(self) -> None:
        """Stop the server and its thread."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> DemoServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
