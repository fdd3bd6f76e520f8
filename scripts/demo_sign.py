"""The signing part of the README demo: a clearly marked TEST PKI, every rendered record signed
with the signatures the school's profile requires, and ``hsdt verify`` on the result.

    .venv/bin/python scripts/demo_sign.py DEMO_REPO

Everything is generated under DEMO_REPO/build/ (git ignores it): the PKI with its keys in
build/pki-demo/, the signed PDFs in build/signed/. Only the root CA certificate (public) is
copied into DEMO_REPO/signatures/tin-cay/, where ``hsdt verify`` looks for trust roots. The
CRL, OCSP and timestamp services run on 127.0.0.1 while the script runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from hsdt.load.profile import load_school
from hsdt.model.manifest import SEAL
from hsdt.sign.demopki import DemoPerson, generate_demo_pki, write_demo_images
from hsdt.sign.demoserver import DemoServer
from hsdt.sign.pdfdoc import embedded_files, open_reader, read_manifest
from hsdt.sign.signers import load_pkcs12
from hsdt.sign.signing import Level, SignOptions, sign_pdf


def main(repo: Path) -> int:
    school = load_school(repo)
    unsigned = sorted((repo / "build" / "pdf").rglob("*.pdf"))
    if not unsigned:
        print("Chưa có bản PDF nào trong build/pdf (chạy hsdt render trước).", file=sys.stderr)
        return 1
    # the certificates name the roster's people (CN = ho_ten, e-mail = email) and the seal's
    # organisation is the school, so hsdt verify in the school's repository accepts each
    people = {
        sid: DemoPerson(s.name, s.title or "Cán bộ, giáo viên", email=s.email)
        for sid, s in school.staff.items()
    }
    people["con_dau_truong"] = DemoPerson(
        _common_name(school.name.upper()), "Con dấu", organisation=school.name
    )
    signed_dir = repo / "build" / "signed"
    with DemoServer() as server:
        pki = generate_demo_pki(repo / "build" / "pki-demo", server.base_url, people=people)
        server.serve(pki)
        trust = repo / "signatures" / "tin-cay"
        trust.mkdir(parents=True, exist_ok=True)
        shutil.copy(pki.root, trust / "hsdt-demo-root-CHI-DUNG-THU.pem")
        signature, seal = write_demo_images(repo / "build" / "pki-demo" / "images")
        print(f"PKI THỬ NGHIỆM (không dùng thật): {pki.folder.relative_to(repo)}")
        for path in unsigned:
            data = path.read_bytes()
            manifest = read_manifest(embedded_files(open_reader(data, str(path))), str(path))
            names = []
            for slot in manifest.slots:
                ident = "con_dau_truong" if slot.key == SEAL else slot.staff_id
                if ident is None or ident not in pki.identities:
                    continue
                options = SignOptions(
                    role=slot.key,
                    level=Level.B_T,
                    tsa_url=pki.tsa_url,
                    image=seal if slot.key == SEAL else signature,
                    location=school.place,
                )
                with load_pkcs12(pki.identity(ident).p12, pki.passphrase) as signer:
                    data = sign_pdf(data, signer, options, path=str(path))
                names.append(f"{slot.key} ({pki.identity(ident).common_name})")
            target = signed_dir / path.relative_to(repo / "build" / "pdf")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            print(f"  {target.relative_to(repo)}: {len(names)} chữ ký")
        targets = [str(p.relative_to(repo)) for p in sorted(signed_dir.rglob("*.pdf"))]
        done = subprocess.run(["hsdt", "verify", *targets], cwd=repo, check=False)
        return done.returncode


def _common_name(name: str) -> str:
    """``name`` cut at a word to fit a certificate's common name (64 UTF-8 bytes)."""
    words: list[str] = []
    for word in name.split():
        if len(" ".join([*words, word]).encode("utf-8")) > 64:
            break
        words.append(word)
    return " ".join(words)


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]).resolve()))
