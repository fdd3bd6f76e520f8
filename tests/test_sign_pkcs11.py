"""Signing through a real PKCS#11 token (SoftHSM2), the way a Vietnamese CA's USB token works."""

from __future__ import annotations

from pathlib import Path

import pytest

from hsdt.errors import SigningError, UsageError
from hsdt.sign.demopki import DemoPki
from hsdt.sign.signers import from_remote, open_pkcs11, open_signer
from hsdt.sign.signing import SignOptions, sign_pdf
from hsdt.sign.verify import verify_pdf
from tests.sign_helpers import Token, pdfsig, sign_as


def test_sign_with_softhsm(
    softhsm: Token,
    fixture_pdf: bytes,
    pki: DemoPki,
    roots: list[object],
    nss_db: Path,
    tmp_path: Path,
) -> None:
    first = sign_as(fixture_pdf, pki, "giao_vien", "nguoi_lap")
    with open_pkcs11(
        softhsm.module, token=softhsm.label, key_label=softhsm.key_label, pin=softhsm.pin
    ) as signer:
        assert signer.common_name == softhsm.common_name
        assert signer.backend == "pkcs11"
        signed = sign_pdf(first, signer, SignOptions(role="to_truong"))
    report = verify_pdf(signed, roots)
    assert report.ok, report.summary()
    assert report.signatures[1].signer == "Trần Văn Bình"
    path = tmp_path / "hsm.pdf"
    path.write_bytes(signed)
    assert pdfsig(nss_db, path).all_good


def test_one_session_serves_a_batch(
    softhsm: Token, fixture_pdf: bytes, roots: list[object]
) -> None:
    """The only key on the token is found without a label; one session signs several files."""
    with open_signer(
        f"pkcs11:{softhsm.module}", lambda kind: softhsm.pin, token=softhsm.label
    ) as signer:
        signed = [sign_pdf(fixture_pdf, signer, SignOptions(role="nguoi_lap")) for _ in range(2)]
    assert all(verify_pdf(pdf, roots).ok for pdf in signed)


def test_token_errors(softhsm: Token) -> None:
    with pytest.raises(SigningError) as caught:
        open_pkcs11(softhsm.module, token=softhsm.label, pin="000000")
    assert caught.value.msg.key == "sign.p11_bad_pin"
    with pytest.raises(SigningError) as caught:
        open_pkcs11(softhsm.module, token="khong-co", pin=softhsm.pin)
    assert caught.value.msg.key == "sign.p11_no_token"
    with pytest.raises(SigningError) as caught:
        open_pkcs11(softhsm.module, token=softhsm.label, key_label="khac", pin=softhsm.pin)
    assert caught.value.msg.key == "sign.p11_no_key"
    with pytest.raises(SigningError) as caught:
        open_pkcs11("/khong/co/thu-vien.so", pin="1")
    assert caught.value.msg.key == "sign.p11_no_module"


def test_signer_specs(pki: DemoPki, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        open_signer("file:/x", lambda kind: None)
    with pytest.raises(SigningError) as caught:
        open_signer(f"pkcs12:{pki.identity('giao_vien').p12}", lambda kind: "sai")
    assert caught.value.msg.key == "sign.p12_bad"
    with pytest.raises(SigningError) as caught:
        open_signer(f"pkcs12:{tmp_path / 'none.p12'}", lambda kind: "demo")
    assert caught.value.msg.key == "sign.p12_unreadable"
    with pytest.raises(SigningError):
        from_remote(object())  # type: ignore[arg-type]
