"""Who signed: a valid, trusted certificate must also be the one of the person the place names
(hsdt.sign.holder), in ``hsdt verify`` and in the server's check of an added signature; and no
traceback, unrendered message or pyHanko log line reaches the user for a tampered PDF."""

from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest

from hsdt.errors import ConfigError
from hsdt.load.profile import load_school
from hsdt.model.fingerprint import display_fingerprint, normalise_fingerprint
from hsdt.model.school import School, Staff
from hsdt.sign.demopki import DemoPki
from hsdt.sign.holder import Holder, holder_of, person_matches, same_name, seal_matches
from tests.conftest import Result, run_hsdt
from tests.sign_helpers import fingerprint, pdfsig, roster_knows_pki, sign_as

FP = "ab" * 32
SCHOOL_NAME = "Trường Tiểu học và Trung học cơ sở Lê Khắc Cẩn (trường mẫu)"
NO_ROSTER = (
    "không kiểm tra được người ký: không có danh sách cán bộ (chạy hsdt verify trong kho hồ sơ"
    " của trường để kiểm tra chứng thư số có đúng của người phải ký không)"
)


# the matcher


def test_fingerprint_spellings() -> None:
    colons = ":".join(["AB"] * 32)
    assert normalise_fingerprint(colons) == FP
    assert normalise_fingerprint(FP.upper()) == FP
    assert normalise_fingerprint(f"SHA256 Fingerprint={colons}") == FP
    assert normalise_fingerprint(f"  {'ab ' * 32} ") == FP
    assert normalise_fingerprint("ab" * 31) is None
    assert normalise_fingerprint("zz" * 32) is None
    assert display_fingerprint(FP) == colons


def test_names_compare_after_nfc_and_case_folding() -> None:
    nfd = unicodedata.normalize("NFD", "Trần Văn Bình")
    assert nfd != "Trần Văn Bình"
    assert same_name(nfd, "TRẦN  VĂN BÌNH")
    assert not same_name("Lê Thị Thu", "Lê Thị Thư")


def _holder(cn: str | None = None, org: str | None = None, *emails: str, fp: str = FP) -> Holder:
    return Holder(common_name=cn, organisation=org, emails=emails, fingerprint=fp)


@pytest.fixture
def school(make_school: Callable[..., Path]) -> School:
    return load_school(make_school())


def test_person_matching(school: School) -> None:
    staff = school.staff["gv-toan-01"]  # Hoàng Văn Giả Định, toan01@lkc.truong-mau.example
    assert person_matches(staff, _holder("Hoàng Văn Giả Định"), school)
    assert person_matches(staff, _holder("x", None, "TOAN01@lkc.truong-mau.example"), school)
    assert not person_matches(staff, _holder("Đỗ Thị Tạm", None, "toan02@x.example"), school)
    # a fingerprint in the roster is the only thing that counts then
    pinned = replace(staff, cert_fingerprints=("cd" * 32,))
    assert not person_matches(pinned, _holder("Hoàng Văn Giả Định"), school)
    assert person_matches(pinned, _holder("Ai đó", fp="cd" * 32), school)
    # two people of the same name: the name alone identifies neither
    twin = Staff("gv-toan-09", "hoàng văn giả định", "khac@x.example", None)
    crowded = replace(school, staff={**school.staff, twin.id: twin})
    assert not person_matches(staff, _holder("Hoàng Văn Giả Định"), crowded)
    assert person_matches(staff, _holder("Hoàng Văn Giả Định", None, staff.email), crowded)


def test_seal_matching(school: School) -> None:
    assert seal_matches(school, _holder("X", SCHOOL_NAME.upper()))
    assert seal_matches(school, _holder(SCHOOL_NAME, "UBND huyện An Lão"))
    assert not seal_matches(school, _holder("Hoàng Văn Giả Định", "(CHỈ DÙNG THỬ - TEST ONLY)"))
    pinned = replace(school, seal_fingerprints=("cd" * 32,))
    assert not seal_matches(pinned, _holder(SCHOOL_NAME, SCHOOL_NAME))
    assert seal_matches(pinned, _holder("?", fp="cd" * 32))


def test_holder_of_a_certificate_agrees_with_openssl(pki: DemoPki) -> None:
    from asn1crypto import pem, x509

    cert_path = pki.identity("to_truong").cert
    _, _, der = pem.unarmor(cert_path.read_bytes())
    holder = holder_of(x509.Certificate.load(der))
    assert holder.common_name == "Trần Văn Bình"
    assert holder.organisation == "(CHỈ DÙNG THỬ - TEST ONLY)"
    assert holder.emails == ()
    printed = subprocess.run(
        ["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", str(cert_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert normalise_fingerprint(printed) == holder.fingerprint
    assert fingerprint(cert_path) == display_fingerprint(holder.fingerprint)


def test_profile_fingerprints(make_school: Callable[..., Path]) -> None:
    root = make_school()
    profile = root / "schools" / "le-khac-can" / "truong.yml"
    text = profile.read_text(encoding="utf-8")
    colons = ":".join(["AB"] * 32)
    profile.write_text(
        text.replace(
            "{ma: gv-toan-01, ",
            f"{{ma: gv-toan-01, van_tay_chung_thu: ['{colons}', '{'cd' * 32}'], ",
        ).replace("ma: le-khac-can\n", f"ma: le-khac-can\nvan_tay_con_dau: {FP.upper()}\n", 1),
        encoding="utf-8",
    )
    school = load_school(root)
    assert school.staff["gv-toan-01"].cert_fingerprints == (FP, "cd" * 32)
    assert school.staff["gv-toan-02"].cert_fingerprints == ()
    assert school.seal_fingerprints == (FP,)
    profile.write_text(
        text.replace("{ma: gv-toan-01, ", "{ma: gv-toan-01, van_tay_chung_thu: 'AB:CD', "),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_school(root)
    line = 1 + text.splitlines().index(
        next(s for s in text.splitlines() if s.startswith("  - {ma: gv-toan-01,"))
    )
    assert caught.value.render() == (
        f"schools/le-khac-can/truong.yml:{line}: 'nhan_su[4].van_tay_chung_thu' phải là vân tay"
        " SHA-256 của chứng thư số (64 chữ số hệ 16, có thể có dấu ':'), nhận được 'AB:CD'"
    )


# hsdt verify in a school repository


@pytest.fixture
def repo(make_school: Callable[..., Path], pki: DemoPki) -> Path:
    """A school repository trusting the demo root CA."""
    root = make_school()
    (root / "signatures").mkdir(exist_ok=True)
    (root / "signatures" / "ca-demo.pem").write_bytes(pki.root.read_bytes())
    return root


def _verify(cli: Callable[..., Result], root: Path, pdf: bytes, name: str = "khbd.pdf") -> Result:
    (root / "signatures" / name).write_bytes(pdf)
    return cli("verify", f"signatures/{name}", "--offline", cwd=root)


def _signed(fixture_pdf: bytes, pki: DemoPki, *signers: tuple[str, str]) -> bytes:
    pdf = fixture_pdf
    for ident, role in signers:
        pdf = sign_as(pdf, pki, ident, role)
    return pdf


RIGHT = (("con_dau", "con_dau"), ("giao_vien", "nguoi_lap"), ("to_truong", "to_truong"))


def test_wrong_person_in_the_group_heads_place(
    cli: Callable[..., Result],
    repo: Path,
    fixture_pdf: bytes,
    pki: DemoPki,
    nss_db: Path,
) -> None:
    roster_knows_pki(repo, pki)
    # the principal's certificate: valid and trusted, but not the group head's
    pdf = _signed(fixture_pdf, pki, *RIGHT[:2], ("hieu_truong", "to_truong"))
    done = _verify(cli, repo, pdf)
    assert done.code == 1
    expected = (
        "signatures/khbd.pdf: chữ ký ô hsdt.to_truong: vị trí ký to_truong (TỔ TRƯỞNG) phải do"
        " Hoàng Văn Giả Định (gv-toan-01) ký, nhưng chứng thư số là của Lê Thị Cẩm Hường"
    )
    lines = done.err.splitlines()
    assert lines[0] == "1/1 tệp không hợp lệ"
    assert [line.split(" [SHA-256")[0] for line in lines[1:]] == [expected]
    # pdfsig alone cannot know: for it this signature is valid and trusted
    result = pdfsig(nss_db, repo / "signatures" / "khbd.pdf")
    assert result.all_good, result.output
    assert len(result.signatures) == 3


def test_right_people_by_fingerprint(
    cli: Callable[..., Result], repo: Path, fixture_pdf: bytes, pki: DemoPki
) -> None:
    roster_knows_pki(repo, pki)
    done = _verify(cli, repo, _signed(fixture_pdf, pki, *RIGHT))
    assert done.code == 0, done.err
    assert done.err == ""
    assert "KẾT LUẬN: hợp lệ (3 chữ ký nguyên vẹn, hợp lệ, tin cậy)." in done.out


def test_right_people_by_subject(
    cli: Callable[..., Result], repo: Path, fixture_pdf: bytes, pki: DemoPki
) -> None:
    """No fingerprints: the certificates' CNs are the roster's names (written NFD, in another
    case), the seal's organisation the school's name (given by fingerprint here, the demo PKI's
    seal being another school's)."""
    roster_knows_pki(repo, pki, people={})
    profile = repo / "schools" / "le-khac-can" / "truong.yml"
    text = profile.read_text(encoding="utf-8")
    text = text.replace("Hoàng Văn Giả Định", unicodedata.normalize("NFD", "TRẦN VĂN BÌNH"))
    text = text.replace("Đỗ Thị Tạm", "Nguyễn Thị Ánh Dương")
    profile.write_text(text, encoding="utf-8")
    done = _verify(cli, repo, _signed(fixture_pdf, pki, *RIGHT))
    assert done.code == 0, done.err
    # the principal's certificate still is not the group head's
    done = _verify(cli, repo, _signed(fixture_pdf, pki, *RIGHT[:2], ("hieu_truong", "to_truong")))
    assert done.code == 1
    assert "phải do TRẦN VĂN BÌNH (gv-toan-01) ký" in unicodedata.normalize("NFC", done.err)


def test_seal_place_signed_with_a_personal_certificate(
    cli: Callable[..., Result], repo: Path, fixture_pdf: bytes, pki: DemoPki
) -> None:
    roster_knows_pki(repo, pki, seal=None)  # the seal by the school's name
    done = _verify(cli, repo, _signed(fixture_pdf, pki, ("giao_vien", "con_dau")))
    assert done.code == 1
    assert done.err.splitlines()[1].split(" [SHA-256")[0] == (
        "signatures/khbd.pdf: chữ ký ô hsdt.con_dau: vị trí con_dau phải ký bằng chứng thư số của"
        f" tổ chức '{SCHOOL_NAME}', nhưng chứng thư số là của Nguyễn Thị Ánh Dương"
    )


def test_outside_a_school_repository_the_signers_are_not_checked(
    cli: Callable[..., Result], tmp_path: Path, fixture_pdf: bytes, pki: DemoPki
) -> None:
    path = tmp_path / "khbd.pdf"
    path.write_bytes(_signed(fixture_pdf, pki, ("hieu_truong", "to_truong")))
    done = cli("verify", str(path), "--trust", str(pki.root), "--offline", cwd=tmp_path)
    assert done.code == 0
    assert done.err == f"{path}: cảnh báo: {NO_ROSTER}\n"
    assert f"  ⚠ {NO_ROSTER}" in done.out
    data = cli("verify", str(path), "--trust", str(pki.root), "--offline", "--format", "json")
    assert '"signers_checked": false' in data.out


# every kind of tamper, through the command in a fresh process


def _tampered(kind: str, pdf: bytes) -> bytes:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    if kind == "byte":
        bad = bytearray(pdf)
        bad[pdf.index(b"WeasyPrint")] = ord("w")
        return bytes(bad)
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    if kind == "content":
        stream = generic.StreamObject(stream_data=b"0 0 1 rg 100 100 200 50 re f")
        writer.add_stream_to_page(0, writer.add_object(stream))
    elif kind == "source":
        names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
        ref = names[1].get_object()["/EF"].raw_get("/F")
        stream = ref.get_object()
        stream._data = b"---\nloai: khbd-trung-hoc\n---\n\n# Noi dung khac\n"
        stream._encoded_data = None
        writer.mark_update(ref)
    elif kind == "emptied":
        parent = writer.root["/AcroForm"]["/Fields"][0].get_object()
        for ref in parent["/Kids"]:
            if str(ref.get_object().get("/T")) == "to_truong":
                del ref.get_object()["/V"]
                writer.mark_update(ref)
    else:  # an added revision nobody signed
        writer.add_object(
            generic.DictionaryObject({generic.NameObject("/X"): generic.NumberObject(1)})
        )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


NOT_INTACT = "nội dung đã bị thay đổi sau khi ký (chữ ký không còn khớp với tệp)"
MODIFIED = "tệp bị sửa sau khi ký (không chỉ thêm chữ ký hay dữ liệu kiểm tra)"
UNSIGNED_TAIL = (
    "tệp có 1 phần ghi thêm sau chữ ký cuối cùng mà không phải chữ ký hay dữ liệu kiểm tra:"
    " nội dung thêm vào không do ai ký"
)


@pytest.mark.parametrize(
    ("kind", "reasons", "pdfsig_sees"),
    [
        (
            "byte",
            [f"chữ ký ô hsdt.{f}: {NOT_INTACT}" for f in ("con_dau", "nguoi_lap", "to_truong")],
            True,
        ),
        (
            "content",
            [
                UNSIGNED_TAIL,
                *(f"chữ ký ô hsdt.{f}: {MODIFIED}" for f in ("con_dau", "nguoi_lap", "to_truong")),
            ],
            False,
        ),
        (
            "source",
            [
                "bản gốc '2025-10-16-phan-so-bang-nhau.md' đính kèm đã bị thay đổi (không khớp mã"
                " băm đã ghi khi tạo)",
                UNSIGNED_TAIL,
                *(f"chữ ký ô hsdt.{f}: {MODIFIED}" for f in ("con_dau", "nguoi_lap", "to_truong")),
            ],
            False,
        ),
        (
            "emptied",
            [
                UNSIGNED_TAIL.replace("có 1 phần", "có 2 phần"),
                *(f"chữ ký ô hsdt.{f}: {MODIFIED}" for f in ("con_dau", "nguoi_lap")),
            ],
            False,
        ),
        ("unsigned", [UNSIGNED_TAIL], False),
    ],
)
def test_every_tamper_is_caught_without_noise(
    kind: str,
    reasons: list[str],
    pdfsig_sees: bool,
    repo: Path,
    fixture_pdf: bytes,
    pki: DemoPki,
    nss_db: Path,
) -> None:
    roster_knows_pki(repo, pki)
    bad = _tampered(kind, _signed(fixture_pdf, pki, *RIGHT))
    (repo / "signatures" / "khbd.pdf").write_bytes(bad)
    done = run_hsdt("verify", "signatures/khbd.pdf", "--offline", cwd=repo)
    assert done.code == 1, done.out
    assert "Traceback" not in done.err + done.out
    assert "Msg(" not in done.err + done.out
    assert "pyhanko" not in done.err.lower()
    assert done.err.splitlines() == [
        "1/1 tệp không hợp lệ",
        *(f"signatures/khbd.pdf: {r}" for r in reasons),
    ]
    # pdfsig sees a broken digest; a modification after signing only as "not total document
    # signed", which it does not count as a failure
    result = pdfsig(nss_db, repo / "signatures" / "khbd.pdf")
    assert result.all_good is not pdfsig_sees, result.output
    with_verbose = run_hsdt("--verbose", "verify", "signatures/khbd.pdf", "--offline", cwd=repo)
    assert with_verbose.code == 1
    if kind in ("content", "source", "emptied"):
        assert "pyhanko" in with_verbose.err  # the library's own account, for developers


# the server's check of an added signature


def test_server_refuses_a_colleagues_certificate(
    make_school: Callable[..., Path], fixture_pdf: bytes, pki: DemoPki, roots: list[object]
) -> None:
    from hsdt.workflow.signed_update import _check_one

    root = make_school()
    roster_knows_pki(root, pki)
    school = load_school(root)
    old = sign_as(sign_as(fixture_pdf, pki, "con_dau", "con_dau"), pki, "giao_vien", "nguoi_lap")
    # the group head pushes (SSH key gv-toan-01) a signature made with the principal's card
    wrong = sign_as(old, pki, "hieu_truong", "to_truong")
    [finding] = _check_one("signatures/khbd.pdf", old, wrong, roots, school, "gv-toan-01")
    assert finding.msg.render().split(" [SHA-256")[0] == (
        "vị trí ký to_truong (TỔ TRƯỞNG) phải do Hoàng Văn Giả Định (gv-toan-01) ký, nhưng"
        " chứng thư số là của Lê Thị Cẩm Hường"
    )
    right = sign_as(old, pki, "to_truong", "to_truong")
    assert _check_one("signatures/khbd.pdf", old, right, roots, school, "gv-toan-01") == []


def test_roster_fingerprint_prints_the_profile_line(
    cli: Callable[..., Result], pki: DemoPki
) -> None:
    done = cli("roster", "fingerprint", str(pki.identity("to_truong").cert))
    assert done.code == 0, done.err
    fp = fingerprint(pki.identity("to_truong").cert)
    assert done.out == f"# Trần Văn Bình\nvan_tay_chung_thu: '{fp}'\n"
