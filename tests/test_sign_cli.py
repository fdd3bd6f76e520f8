"""``hsdt sign`` and ``hsdt verify`` from the command line: exit codes, secrets from the
environment or a prompt, text and JSON output, no tracebacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from hsdt.sign.demopki import DemoPki
from tests.conftest import Result, run_hsdt
from tests.sign_helpers import Token, roster_knows_pki


@pytest.fixture
def unsigned(tmp_path: Path, fixture_pdf: bytes) -> Path:
    path = tmp_path / "khbd.pdf"
    path.write_bytes(fixture_pdf)
    return path


def test_sign_then_verify(
    cli: Callable[..., Result],
    unsigned: Path,
    pki: DemoPki,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HSDT_SIGNER_PASSPHRASE", pki.passphrase)
    out = tmp_path / "da-ky.pdf"
    done = cli(
        "sign", str(unsigned), "--signer", f"pkcs12:{pki.identity('giao_vien').p12}",
        "--role", "nguoi_lap", "-o", str(out), "--tsa", pki.tsa_url,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert done.out.strip() == f"Đã ký {out} (vị trí nguoi_lap, B-T)"
    ok = cli("verify", str(out), "--trust", str(pki.trust))
    assert ok.code == 0, ok.out + ok.err
    assert "KẾT LUẬN: hợp lệ (1 chữ ký nguyên vẹn, hợp lệ, tin cậy)." in ok.out
    data = cli("verify", str(out), "--trust", str(pki.root), "--format", "json")
    assert data.code == 0
    assert json.loads(data.out)["files"][0]["signatures"][0]["role"] == "nguoi_lap"
    extended = cli("sign", "--extend", str(out), "--tsa", pki.tsa_url, "--trust", str(pki.trust))
    assert extended.code == 0, extended.err
    assert cli("verify", str(out), "--trust", str(pki.trust), "--offline").code == 0


def test_verify_failure_says_why(
    cli: Callable[..., Result], unsigned: Path, pki: DemoPki, tmp_path: Path
) -> None:
    done = cli("verify", str(unsigned), "--trust", str(pki.trust))
    assert done.code == 1
    assert f"{unsigned}: tệp PDF không có chữ ký số nào" in done.err
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"hello")
    done = cli("--lang", "en", "verify", str(junk), "--trust", str(pki.trust))
    assert done.code == 1
    assert f"{junk}: not a PDF file (does not start with %PDF-)" in done.err


def test_passphrase_prompt_and_usage_errors(
    cli: Callable[..., Result],
    unsigned: Path,
    pki: DemoPki,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import click

    monkeypatch.setattr(click, "prompt", lambda *a, **k: pki.passphrase)
    monkeypatch.setattr("hsdt.cli.sign._can_prompt", lambda: True)
    out = tmp_path / "o.pdf"
    p12 = f"pkcs12:{pki.identity('giao_vien').p12}"
    assert (
        cli("sign", str(unsigned), "--signer", p12, "--role", "nguoi_lap", "-o", str(out)).code == 0
    )
    assert cli("sign", str(unsigned), "--signer", p12, "--role", "nguoi_lap").code == 2
    assert cli("sign", str(unsigned), "--role", "nguoi_lap", "-o", str(out)).code == 2
    assert cli("sign", str(unsigned), "--signer", p12, "-o", str(out)).code == 2
    assert cli("sign", "--extend", str(out)).code == 2
    level = cli(
        "sign", str(unsigned), "--signer", p12, "--role", "nguoi_lap", "-o", str(out),
        "--level", "B-T",
    )  # fmt: skip
    assert level.code == 2
    assert "--tsa" in level.err
    role = cli("sign", str(out), "--signer", p12, "--role", "hieu_truong", "-o", str(out))
    assert role.code == 1
    assert "các vị trí ký: nguoi_lap, to_truong, con_dau" in role.err


def test_sign_with_token_and_output_dir(
    cli: Callable[..., Result],
    softhsm: Token,
    unsigned: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HSDT_PKCS11_PIN", softhsm.pin)
    done = cli(
        "sign", str(unsigned), "--signer", f"pkcs11:{softhsm.module}", "--token", softhsm.label,
        "--key", softhsm.key_label, "--role", "nguoi_lap", "--output-dir", str(tmp_path / "ky"),
    )  # fmt: skip
    assert done.code == 0, done.err
    assert (tmp_path / "ky" / "khbd.pdf").is_file()


def test_no_traceback_in_a_fresh_process(tmp_path: Path) -> None:
    junk = tmp_path / "x.pdf"
    junk.write_bytes(b"%PDF-1.7\n garbage")
    trust = tmp_path / "trust.pem"
    trust.write_text("", encoding="utf-8")
    done = run_hsdt("verify", str(junk), "--trust", str(trust), cwd=tmp_path)
    assert done.code == 1
    assert "Traceback" not in done.err


def test_verify_trusts_the_school_signatures_folder(
    cli: Callable[..., Result],
    make_school: Callable[..., Path],
    lesson_plan: bytes,
    pki: DemoPki,
) -> None:
    root = make_school()
    roster_knows_pki(root, pki)
    (root / "signatures").mkdir(exist_ok=True)
    (root / "signatures" / "ca-demo.pem").write_bytes(pki.root.read_bytes())
    record = root / "signatures" / "khbd.pdf"
    record.write_bytes(lesson_plan)
    done = cli("verify", "signatures/khbd.pdf", cwd=root)
    assert done.code == 0, done.out + done.err
    assert "vai trò con_dau" in done.out
    assert done.err == ""


@pytest.mark.parametrize("backend", ["pkcs12", "pkcs11"])
def test_no_secret_and_no_terminal_is_a_usage_error(
    unsigned: Path, pki: DemoPki, tmp_path: Path, backend: str
) -> None:
    key = pki.identity("giao_vien").p12 if backend == "pkcs12" else unsigned  # any file
    done = run_hsdt(
        "sign", str(unsigned), "--signer", f"{backend}:{key}", "--role", "nguoi_lap",
        "-o", str(tmp_path / "o.pdf"), cwd=tmp_path,
    )  # fmt: skip
    assert done.code == 2, done.err
    variable, what = (
        ("HSDT_SIGNER_PASSPHRASE", "chưa có mật khẩu tệp khóa")
        if backend == "pkcs12"
        else ("HSDT_PKCS11_PIN", "chưa có mã PIN của USB token")
    )
    assert done.err.startswith(f"hsdt: {what} và không có terminal để nhập: ")
    assert f"đặt biến môi trường {variable}" in done.err
    assert "Traceback" not in done.err
    assert not (tmp_path / "o.pdf").exists()


def test_inputs_are_checked_before_the_passphrase(
    unsigned: Path, pki: DemoPki, tmp_path: Path
) -> None:
    p12 = f"pkcs12:{pki.identity('giao_vien').p12}"
    junk = tmp_path / "ghi-chu.pdf"
    junk.write_bytes(b"khong phai pdf")
    cases = [
        ((str(tmp_path / "khong-co.pdf"), "--signer", p12, "-o", str(tmp_path / "o.pdf")),
         f"hsdt: không có tệp PDF '{tmp_path / 'khong-co.pdf'}'"),
        ((str(junk), "--signer", p12, "-o", str(tmp_path / "o.pdf")),
         f"hsdt: {junk}: không phải tệp PDF (không bắt đầu bằng %PDF-)"),
        ((str(unsigned), "--signer", p12, "-o", str(tmp_path)),
         f"hsdt: '{tmp_path}' là một thư mục, không ghi tệp đã ký đè lên được "
         "(dùng --output-dir cho thư mục)"),
        ((str(unsigned), "--signer", p12, "-o", str(junk / "o.pdf")),  # a file as its folder
         f"hsdt: không ghi được tệp đã ký '{junk / 'o.pdf'}': không tạo được hoặc không có "
         "quyền ghi vào thư mục chứa tệp"),
        ((str(unsigned), "--signer", "p12:khoa.p12", "-o", str(tmp_path / "o.pdf")),
         "hsdt: --signer phải có dạng pkcs12:TỆP hoặc pkcs11:ĐƯỜNG_DẪN_THƯ_VIỆN, "
         "nhận được 'p12:khoa.p12'"),
        ((str(unsigned), "--signer", f"pkcs12:{tmp_path / 'khong-co.p12'}",
          "-o", str(tmp_path / "o.pdf")),
         f"hsdt: không có tệp khóa '{tmp_path / 'khong-co.p12'}' (--signer pkcs12:TỆP)"),
    ]  # fmt: skip
    for args, expected in cases:
        done = run_hsdt("sign", *args, "--role", "nguoi_lap", cwd=tmp_path)
        assert done.code == 2, (args, done.err)
        assert done.err.strip() == expected
