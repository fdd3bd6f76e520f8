"""``hsdt export`` and ``hsdt export verify`` on a real bare repository with the hooks: two
group plans are approved by the principal, published with the school's seal, the clerk tags
the period and exports it; the package validates with ``bagit`` and with ``hsdt export
verify``; two exports are byte-identical; every tamper case is caught and named."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import bagit
import pytest

from hsdt.archive.package import export_tag, sort_tag_manifests
from hsdt.load.profile import load_school
from hsdt.sign.demopki import DemoPki
from hsdt.sign.signers import load_pkcs12
from hsdt.workflow.publish import SealOptions, publish
from tests.conftest import Result
from tests.gitworld import Person, World
from tests.render_samples import sample_body
from tests.sign_helpers import demo_images, roster_knows_pki
from tests.test_workflow_e2e import do_approve

TAG = "hk1-2025-2026"
PLANS = ("toan-khoi-6", "toan-khoi-7")


def plan_rel(slug: str) -> str:
    return f"records/2025-2026/to-khtn/kh-day-hoc-to/{slug}.md"


@dataclass(frozen=True)
class Archive:
    """A school whose period is published and tagged, and its exported package."""

    clerk: Person
    package: Path
    tmp: Path


def _submit_plan(world: World, slug: str, grade: str) -> None:
    head = world.person("gv-toan-01")
    school = load_school(head.root)
    head.git("switch", "-q", "main", check=False)
    head.write(
        plan_rel(slug),
        "---\nloai: kh-day-hoc-to\nnam_hoc: 2025-2026\n"
        f"tieu_de: Kế hoạch dạy học môn Toán khối {grade}\nto: to-khtn\nnguoi_lap: gv-toan-01\n"
        f"mon: Toán\nkhoi: Khối {grade}\n---\n\n" + sample_body(school.types["kh-day-hoc-to"]),
    )
    done = head.commit_push(
        f"nop/gv-toan-01/kh-day-hoc-to/{slug}",
        [plan_rel(slug)],
        when="2025-09-01T09:00:00+07:00",
        received="2025-09-01T09:00:00+07:00",
    )
    assert done.returncode == 0, done.stderr


def seal_on_publication(folder: Path) -> None:
    """The profile seals at publication (``ky_so.dong_dau: khi_cong_bo``): the archive's
    records carry the seal without waiting for the people's signatures."""
    rules = folder / "quy-che.yml"
    rules.write_text(
        rules.read_text(encoding="utf-8") + "\nky_so:\n  dong_dau: khi_cong_bo\n", encoding="utf-8"
    )


def build_archive(tmp: Path, pki: DemoPki, tsa_url: str | None = None) -> Archive:
    """The period published (the seal signs B-T when ``tsa_url`` is given), tagged, exported."""
    # the roster names the seal's certificate, so the holder check can pass
    world = World(
        tmp / "world",
        prepare=lambda root: roster_knows_pki(root, pki, {}),
        profile_edit=seal_on_publication,
    )
    with pytest.MonkeyPatch.context() as mp:
        for slug, grade in zip(PLANS, ("6", "7"), strict=True):
            _submit_plan(world, slug, grade)
            do_approve(
                world,
                mp,
                "ht-01",
                f"nop/gv-toan-01/kh-day-hoc-to/{slug}",
                "2025-09-02T08:00:00+07:00",
            )
    clerk = world.admin
    clerk.git("pull", "-q", "--ff-only", "origin", "main")
    # the receive times: the evidence's approval times come from them
    clerk.git("fetch", "-q", "origin", "refs/notes/*:refs/notes/*")
    _, seal_image = demo_images(pki)
    with load_pkcs12(pki.identity("con_dau").p12, pki.passphrase) as seal:
        report = publish(
            clerk.root, load_school(clerk.root), seal=SealOptions(seal, tsa_url, seal_image)
        )
    assert [i.sealed for i in report.items] == [True, True]
    trust = clerk.root / "signatures" / "tin-cay" / "ca-thu-nghiem.pem"
    trust.parent.mkdir(parents=True, exist_ok=True)
    trust.write_bytes(pki.root.read_bytes())
    clerk.git("add", str(trust))
    clerk.git("commit", "-q", "-S", "-m", "Chứng thư gốc tin cậy", when="2025-09-02T10:00:00+07:00")
    assert clerk.push("main", received="2025-09-02T10:00:00+07:00").returncode == 0
    clerk.git(
        "-c",
        "gpg.format=ssh",
        "tag",
        "-s",
        "-m",
        "Lưu trữ học kỳ 1",
        TAG,
        "HEAD",
        when="2025-12-31T17:00:00+07:00",
    )
    assert clerk.push(f"refs/tags/{TAG}", received="2025-12-31T17:00:00+07:00").returncode == 0
    clerk.git("fetch", "-q", "origin", "refs/notes/*:refs/notes/*")
    result = export_tag(clerk.root, TAG, tmp / "out")
    assert (result.count, result.failed, result.missing) == (2, 0, 0)
    return Archive(clerk, result.path, tmp)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, pki: DemoPki) -> Archive:
    return build_archive(tmp_path_factory.mktemp("archive"), pki)


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_package_holds_the_period_and_validates(archive: Archive) -> None:
    bag = bagit.Bag(str(archive.package))
    assert bag.is_valid()
    info = bag.info
    assert info["External-Identifier"] == TAG
    assert (
        info["Source-Organization"] == "Trường Tiểu học và Trung học cơ sở Lê Khắc Cẩn (trường mẫu)"
    )
    assert (
        info["Hsdt-Tag-Commit"]
        == archive.clerk.git("rev-parse", f"{TAG}^{{commit}}").stdout.strip()
    )
    assert info["Bagging-Date"] == "2025-12-31"
    data = archive.package / "data"
    for slug in PLANS:
        assert (data / f"signatures/2025-2026/to-khtn/kh-day-hoc-to/{slug}.pdf").is_file()
        assert (data / f"signatures/2025-2026/to-khtn/kh-day-hoc-to/{slug}.json").is_file()
        assert (data / plan_rel(slug)).is_file()
    assert (data / "signatures/tin-cay/ca-thu-nghiem.pem").is_file()
    assert (data / "schools/le-khac-can/truong.yml").is_file()
    manifest = json.loads((data / "ho-so.json").read_bytes())
    row = manifest["ho_so"][0]
    assert row["duong_dan"] == plan_rel("toan-khoi-6")
    assert row["tieu_de"] == "Kế hoạch dạy học môn Toán khối 6"
    assert row["tac_gia"] == "gv-toan-01"
    assert row["thoi_diem_nhan"] == "2025-09-01T09:00:00+07:00"
    assert row["thoi_diem_duyet"] == "2025-09-02T08:00:00+07:00"
    assert [s["vai_tro"] for s in row["chuoi_duyet"]] == ["hieu_truong"]
    assert row["ngon_ngu"] == "Tiếng Việt"
    assert row["so_luong_trang"] >= 1
    assert row["ma_ho_so"] == "le-khac-can.2025.2025-2026.to-khtn.kh-day-hoc-to.toan-khoi-6"
    raw_csv = (data / "ho-so.csv").read_bytes()
    assert raw_csv.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw_csv.decode("utf-8-sig"))))
    assert rows[1]["tieu_de"] == "Kế hoạch dạy học môn Toán khối 7"
    report = json.loads((data / "bao-cao-kiem-tra.json").read_bytes())
    assert report["so_dat"] == 2
    (sig,) = report["ban_pdf"][0]["chu_ky"]
    assert (sig["nguyen_ven"], sig["hop_le"], sig["tin_cay"], sig["dung_nguoi_ky"]) == (
        True,
        True,
        True,
        True,
    )
    assert report["ban_pdf"][0]["khop_nguon_tai_the"]
    assert report["ban_pdf"][0]["bang_chung_khop_lich_su"]
    assert "ĐẠT" in (data / "bao-cao-kiem-tra.html").read_text("utf-8")


def test_the_report_is_printed_as_a_pdf_by_the_projects_renderer(archive: Archive) -> None:
    import subprocess

    from hsdt.sign.pdfdoc import embedded_files, open_reader

    data = archive.package / "data"
    pdf = data / "bao-cao-kiem-tra.pdf"
    listed = (archive.package / "manifest-sha256.txt").read_text(encoding="utf-8")
    assert f"{hashlib.sha256(pdf.read_bytes()).hexdigest()}  data/bao-cao-kiem-tra.pdf" in listed
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "BÁO CÁO KIỂM TRA GÓI LƯU TRỮ" in text
    assert "Lê Khắc Cẩn" in text
    assert "2. Hồ sơ quy chế yêu cầu trong kỳ: còn thiếu, chưa duyệt, chưa ký" in text
    assert "tuần 6 (2025-10-13 – 2025-10-19)" in text
    assert text.count("ĐẠT · signatures/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-") == 2
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts
    assert all("LiberationSerif" in line and " yes " in line for line in fonts)
    reader = open_reader(pdf.read_bytes(), "bao-cao-kiem-tra.pdf")
    assert (
        embedded_files(reader)["bao-cao-kiem-tra.json"]
        == (data / "bao-cao-kiem-tra.json").read_bytes()
    )
    info = reader.trailer["/Info"]
    # the tag's date (2025-12-31 17:00 +07:00), never the run's
    assert str(info["/CreationDate"]).startswith("D:20251231170000+07")
    assert str(info["/ModDate"]) == str(info["/CreationDate"])


def test_two_exports_are_byte_identical_and_a_rerun_replaces(
    archive: Archive, cli: Callable[..., Result]
) -> None:
    again = export_tag(archive.clerk.root, TAG, archive.tmp / "elsewhere", workers=2)
    assert tree_hashes(again.path) == tree_hashes(archive.package)
    assert "data/bao-cao-kiem-tra.pdf" in tree_hashes(again.path)
    # a killed run's staging folder is cleared and the package replaced, never duplicated
    (again.path.parent / f".hsdt-tmp-{TAG}.abc.dir").mkdir()
    third = export_tag(archive.clerk.root, TAG, archive.tmp / "elsewhere")
    assert sorted(p.name for p in third.path.parent.iterdir()) == [TAG]
    first_zip = export_tag(archive.clerk.root, TAG, archive.tmp / "z1", as_zip=True).path
    done = cli("export", TAG, "--zip", "--out", str(archive.tmp / "z2"), cwd=archive.clerk.root)
    assert done.code == 0, done.err
    assert "đã xuất gói lưu trữ" in done.out
    second_zip = archive.tmp / "z2" / f"{TAG}.zip"
    assert (
        hashlib.sha256(first_zip.read_bytes()).digest()
        == hashlib.sha256(second_zip.read_bytes()).digest()
    )
    names = zipfile.ZipFile(first_zip).namelist()
    assert names == sorted(names)
    assert names[0].startswith(f"{TAG}/")
    ok = cli("export", "verify", str(second_zip))
    assert ok.code == 0, ok.err
    assert "toàn vẹn: 2 bản PDF đã ký" in ok.out


def tampered(archive: Archive, name: str) -> Path:
    copy = archive.tmp / "tampered" / name
    shutil.copytree(archive.package, copy)
    return copy


def rebag(bag: Path) -> None:
    """What a careful forger does after editing: recompute the bag's checksums."""
    saved = bagit.Bag(str(bag))
    saved.save(manifests=True)
    sort_tag_manifests(bag)


def verify(cli: Callable[..., Result], bag: Path) -> str:
    done = cli("export", "verify", str(bag))
    assert done.code == 1, done.out
    return done.err


PDF6 = "signatures/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-6.pdf"
PDF7 = "signatures/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-7.pdf"


def test_a_changed_byte_is_caught(archive: Archive, cli: Callable[..., Result]) -> None:
    bag = tampered(archive, "byte")
    pdf = bag / "data" / PDF6
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    err = verify(cli, bag)
    assert "gói BagIt không hợp lệ" in err
    assert "toan-khoi-6.pdf" in err
    rebag(bag)  # checksums recomputed: the signature still tells
    err = verify(cli, bag)
    assert f"{PDF6}: mã băm khác mã băm trong danh mục hồ sơ" in err
    assert f"{PDF6}: báo cáo kiểm tra trong gói khác kết quả kiểm tra lại" in err


def test_an_edited_manifest_is_caught(archive: Archive, cli: Callable[..., Result]) -> None:
    bag = tampered(archive, "manifest")
    path = bag / "data" / "ho-so.json"
    path.write_text(path.read_text("utf-8").replace("khối 7", "khối 8"), encoding="utf-8")
    assert "gói BagIt không hợp lệ" in verify(cli, bag)
    rebag(bag)
    assert "danh mục CSV không khớp danh mục JSON" in verify(cli, bag)


def test_an_added_or_removed_file_is_caught(archive: Archive, cli: Callable[..., Result]) -> None:
    bag = tampered(archive, "added")
    (bag / "data" / "signatures" / "them.pdf").write_bytes(b"%PDF-1.7\n")
    (bag / "ghi-chu.txt").write_text("thêm", encoding="utf-8")
    err = verify(cli, bag)
    assert "gói BagIt không hợp lệ" in err
    assert "có tệp lạ ở gốc gói: ghi-chu.txt" in err
    rebag(bag)
    assert "signatures/them.pdf có trong gói nhưng không có trong danh mục hồ sơ" in verify(
        cli, bag
    )
    bag = tampered(archive, "removed")
    (bag / "data" / PDF7).unlink()
    assert "gói BagIt không hợp lệ" in verify(cli, bag)
    rebag(bag)
    assert f"{PDF7} có trong danh mục hồ sơ nhưng không có trong gói" in verify(cli, bag)


def test_a_swapped_pdf_is_caught(archive: Archive, cli: Callable[..., Result]) -> None:
    """Another record's validly signed PDF in its place, the manifest's hash and the bag
    updated to match: the PDF itself says whose it is."""
    bag = tampered(archive, "swapped")
    data = bag / "data"
    swapped = (data / PDF6).read_bytes()
    (data / PDF7).write_bytes(swapped)
    manifest = json.loads((data / "ho-so.json").read_bytes())
    old = manifest["ho_so"][1]["sha256_pdf"]
    new = hashlib.sha256(swapped).hexdigest()
    path = data / "ho-so.json"
    path.write_text(path.read_text("utf-8").replace(old, new), encoding="utf-8")
    rebag(bag)
    err = verify(cli, bag)
    assert (
        f"{PDF7}: tệp PDF là bản ký của hồ sơ {plan_rel('toan-khoi-6')}, nhưng được lưu như bản"
        f" của {plan_rel('toan-khoi-7')}"
    ) in err


def test_a_report_that_no_longer_matches_is_caught(
    archive: Archive, cli: Callable[..., Result]
) -> None:
    bag = tampered(archive, "report")
    path = bag / "data" / "bao-cao-kiem-tra.json"
    report = json.loads(path.read_bytes())
    report["ban_pdf"][0]["chu_ky"][0]["nguoi_ky"] = "Ai Đó"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    rebag(bag)
    err = verify(cli, bag)
    assert f"{PDF6}: báo cáo kiểm tra trong gói khác kết quả kiểm tra lại" in err
    assert "báo cáo HTML không khớp báo cáo JSON" in err


def test_a_report_pdf_that_no_longer_matches_is_caught(
    archive: Archive, cli: Callable[..., Result]
) -> None:
    from hsdt.archive.report import report_pdf, report_pdf_job
    from hsdt.render.pdf import write_document

    bag = tampered(archive, "report-pdf")
    data = bag / "data"
    report = json.loads((data / "bao-cao-kiem-tra.json").read_bytes())
    # the PDF of another verdict: its attachment gives it away
    other = {**report, "so_dat": 0, "so_loi": 2}
    (data / "bao-cao-kiem-tra.pdf").write_bytes(report_pdf(other, str(data)))
    rebag(bag)
    assert "bao-cao-kiem-tra.pdf không khớp bao-cao-kiem-tra.json" in verify(cli, bag)
    # the same attachment over an edited page: printing the JSON again gives it away
    job = report_pdf_job(report, str(data))
    forged = replace(job, html=job.html.replace("ĐẠT", "KHÔNG ĐẠT"))
    (data / "bao-cao-kiem-tra.pdf").write_bytes(write_document(forged))
    rebag(bag)
    assert "bao-cao-kiem-tra.pdf không khớp bao-cao-kiem-tra.json" in verify(cli, bag)
    (data / "bao-cao-kiem-tra.pdf").write_bytes(b"not a pdf")
    rebag(bag)
    assert "không đọc được bao-cao-kiem-tra.pdf" in verify(cli, bag)


def test_export_refusals_are_messages(archive: Archive, cli: Callable[..., Result]) -> None:
    missing = cli("export", "khong-co", "--out", str(archive.tmp / "x"), cwd=archive.clerk.root)
    assert missing.code == 2
    assert "không có thẻ 'khong-co' trong kho này" in missing.err
    archive.clerk.git("tag", "nhe", "HEAD")
    light = cli("export", "nhe", "--out", str(archive.tmp / "x"), cwd=archive.clerk.root)
    assert light.code == 2
    assert "không phải thẻ có chú thích" in light.err
    nothing = cli("export", "verify", str(archive.tmp / "khong-co"))
    assert nothing.code == 2
    assert "không tìm thấy gói lưu trữ" in nothing.err


def test_a_tag_message_becomes_one_bag_info_value() -> None:
    """bagit would glue a multi-line message together ('tuần 6Payload-Oxum: …'): the lines are
    joined by spaces and control characters left out."""
    from hsdt.archive.package import _one_line

    message = "Lưu trữ tuần 6\n\nPayload-Oxum: 1.1\r\n\x1b[31mđỏ\x00"
    assert _one_line(message) == "Lưu trữ tuần 6 Payload-Oxum: 1.1 [31mđỏ"
    assert _one_line("") == ""
