"""How fast signing and verification are, warm, per signature, beside stock pyHanko.

Prints one line per figure (median of N runs, in milliseconds) with its target and OK or SLOW;
exits 0 either way (timings belong in a report, never in a test's assertion). Everything is
measured in the same process and run, on the same fixture record PDF and a freshly generated
DEMO/TEST ONLY PKI:

1. stock pyHanko: ``SimpleSigner.load_pkcs12`` per signature and a ``TextStampStyle`` with a
   Vietnamese-capable TrueType font through pyHanko's own ``GlyphAccumulatorFactory`` (the
   1000-upem Liberation Serif, so the text is right), visible in the first place;
2. hsdt ``sign_pdf`` with its ND30 appearance, key loaded once: PKCS#12 and SoftHSM2 (when
   softhsm2-util is installed), no timestamp authority. Target ≤ 60 ms;
3. hsdt ``verify_pdf`` of a three-signature lesson plan, per signature. Target ≤ 40 ms.

    .venv/bin/python benchmarks/bench_sign.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

SIGN_TARGET_MS = 60.0
VERIFY_TARGET_MS = 40.0


def median_ms(action: Callable[[], object], runs: int, warmup: int = 2) -> float:
    """Median wall time of ``action`` in milliseconds, after ``warmup`` untimed runs."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def verdict(ok: bool) -> str:
    """The word printed at the end of a figure's line."""
    return "OK" if ok else "SLOW"


def stock_pyhanko(pdf: bytes, p12: Path, passphrase: str, runs: int) -> float:
    """Figure 1: stock pyHanko, key loaded per signature, Vietnamese-capable visible stamp."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle
    from tests.pdf_fixture import fixture_manifest

    from hsdt.sign.font import stamp_font

    slot = fixture_manifest().slots[0]
    font = str(stamp_font())

    def once() -> None:
        signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=passphrase.encode())
        style = TextStampStyle(
            stamp_text="Người ký: %(signer)s\nThời gian ký: %(ts)s",
            text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(font, font_size=8)),
        )
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        meta = signers.PdfSignatureMetadata(field_name="Sig1", md_algorithm="sha256")
        spec = fields.SigFieldSpec("Sig1", on_page=0, box=slot.box)  # type: ignore[arg-type]
        signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec).sign_pdf(writer)

    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # pyHanko's factory leaves the font open
        return median_ms(once, runs)


def token(pki_key: Path, pki_cert: Path, work: Path) -> tuple[str, str, str] | None:
    """A SoftHSM2 token with the key imported: (module, label, pin), or None without SoftHSM2."""
    module = "/usr/lib/softhsm/libsofthsm2.so"
    if not (
        shutil.which("softhsm2-util") and shutil.which("pkcs11-tool") and Path(module).exists()
    ):
        return None
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    (work / "tokens").mkdir()
    conf = work / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {work / 'tokens'}\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    label, pin = "bench", "123456"

    def run(*args: str) -> None:
        subprocess.run(args, check=True, capture_output=True)

    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        label,
        "--pin",
        pin,
        "--so-pin",
        "654321",
    )
    run("softhsm2-util", "--import", str(pki_key), "--token", label, "--label", "k", "--id", "01",
        "--pin", pin)  # fmt: skip
    der = work / "cert.der"
    cert = x509.load_pem_x509_certificate(pki_cert.read_bytes())
    der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    run("pkcs11-tool", "--module", module, "--token-label", label, "--login", "--pin", pin,
        "--write-object", str(der), "--type", "cert", "--label", "k", "--id", "01")  # fmt: skip
    return module, label, pin


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print; always exit 0."""
    parser = argparse.ArgumentParser(description="Benchmarks of hsdt sign/verify.")
    parser.add_argument("--runs", type=int, default=21, help="timed runs per figure")
    args = parser.parse_args(argv)
    runs = max(1, args.runs)

    from tests.pdf_fixture import build_pdf

    from hsdt.sign.demopki import generate_demo_pki
    from hsdt.sign.signers import load_pkcs12, open_pkcs11
    from hsdt.sign.signing import SignOptions, sign_pdf
    from hsdt.sign.trust import load_certificates
    from hsdt.sign.verify import verify_pdf

    print(
        f"# hsdt sign/verify benchmarks, warm, in-process: Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, median of {runs} runs"
    )
    with tempfile.TemporaryDirectory(prefix="hsdt-bench-sign-") as tmp:
        work = Path(tmp)
        os.environ.setdefault("XDG_CACHE_HOME", str(work / "cache"))
        # no OCSP/CRL server runs here: verification soft-fails revocation (see docs/hieu-nang.md)
        pki = generate_demo_pki(work / "pki", "http://127.0.0.1:9")
        pdf = build_pdf()
        ident = pki.identity("giao_vien")

        stock = stock_pyhanko(pdf, ident.p12, pki.passphrase, runs)
        print(f"pyhanko-stock-sign median {stock:.1f} ms/signature (key loaded per signature, "
              f"Vietnamese TrueType stamp; comparison, no target)")  # fmt: skip

        with load_pkcs12(ident.p12, pki.passphrase) as signer:
            options = SignOptions(role="nguoi_lap")
            p12 = median_ms(lambda: sign_pdf(pdf, signer, options), runs)
            first = sign_pdf(pdf, signer, options)
        ok = verdict(p12 <= SIGN_TARGET_MS)
        print(f"hsdt-sign-pkcs12 median {p12:.1f} ms/signature (target ≤ {SIGN_TARGET_MS:g} ms; "
              f"{stock / p12:.1f}× faster than stock) {ok}")  # fmt: skip

        hsm = token(ident.key, ident.cert, work)
        if hsm is None:
            print("hsdt-sign-softhsm2 skipped (softhsm2 not installed)")
        else:
            module, label, pin = hsm
            with open_pkcs11(module, token=label, key_label="k", pin=pin) as signer:
                p11 = median_ms(lambda: sign_pdf(pdf, signer, SignOptions(role="nguoi_lap")), runs)
            print(f"hsdt-sign-softhsm2 median {p11:.1f} ms/signature (target ≤ "
                  f"{SIGN_TARGET_MS:g} ms) {verdict(p11 <= SIGN_TARGET_MS)}")  # fmt: skip

        signed = first
        for who, role in (("to_truong", "to_truong"), ("con_dau", "con_dau")):
            with load_pkcs12(pki.identity(who).p12, pki.passphrase) as signer:
                signed = sign_pdf(signed, signer, SignOptions(role=role))
        roots = load_certificates(pki.root)
        report = verify_pdf(signed, roots, fetch=False)
        count = len(report.signatures)
        whole = median_ms(lambda: verify_pdf(signed, roots, fetch=False), runs)
        per = whole / count
        print(f"hsdt-verify median {per:.1f} ms/signature ({whole:.1f} ms for {count} signatures, "
              f"ok={report.ok}; target ≤ {VERIFY_TARGET_MS:g} ms) "
              f"{verdict(per <= VERIFY_TARGET_MS)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
