"""``hsdt export --lta`` against the demo PKI's timestamp authority and OCSP/CRL responder on
127.0.0.1: every PDF of the package reaches PAdES B-LTA (pyHanko's LTA validation with only the
package's trust roots and no fetching; poppler's pdfsig), the originals in git are untouched,
``hsdt export verify`` validates the package without asking any responder, and two ``--lta``
exports differ only where the timestamps are."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bagit
import pytest

from hsdt.archive.check import verify_package
from hsdt.archive.package import export_tag
from tests.conftest import Result
from tests.sign_helpers import Services, pdfsig
from tests.test_archive_export import PDF6, PDF7, TAG, Archive, build_archive, tree_hashes


@dataclass(frozen=True)
class Lta:
    archive: Archive
    package: Path


@pytest.fixture(scope="module")
def lta(tmp_path_factory: pytest.TempPathFactory, services: Services) -> Lta:
    # the seal signs B-T (a school with a timestamp authority): B-LTA builds on B-T
    archive = build_archive(tmp_path_factory.mktemp("lta"), services.pki, services.pki.tsa_url)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HSDT_TSA_URL", services.pki.tsa_url)
        before = services.server.hits.get("tsa", 0)
        result = export_tag(archive.clerk.root, TAG, archive.tmp / "lta", lta=True, workers=2)
        assert services.server.hits.get("tsa", 0) > before  # the document timestamps
    assert (result.count, result.failed) == (2, 0)
    return Lta(archive, result.path)


def lta_spec(roots: list[object]) -> object:
    """pyHanko's AdES validation settings: only these trust roots, revocation information
    required, nothing fetched (what the package holds must be enough)."""
    from pyhanko.sign.validation.policy_decl import (
        CertificateFetchingRule,
        PdfSignatureValidationSpec,
        RevinfoOnlineFetchingRule,
        RevocationInfoGatheringSpec,
        SignatureValidationSpec,
    )
    from pyhanko_certvalidator.context import CertValidationPolicySpec
    from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
    from pyhanko_certvalidator.registry import SimpleTrustManager

    return PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=CertValidationPolicySpec(
                trust_manager=SimpleTrustManager.build(trust_roots=roots),
                revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
            ),
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY,
                certificate_fetching_rule=CertificateFetchingRule.NEVER_FETCH,
            ),
        )
    )


def test_every_pdf_reaches_b_lta_and_validates_offline_at_lta_level(
    lta: Lta, services: Services
) -> None:
    import asyncio

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.ades.report import AdESPassed
    from pyhanko.sign.validation.ades import ades_lta_validation

    from hsdt.sign.trust import load_certificates

    data = lta.package / "data"
    roots = load_certificates(data / "signatures" / "tin-cay")
    before = dict(services.server.hits)
    for pdf in (PDF6, PDF7):
        with (data / pdf).open("rb") as handle:
            reader = PdfFileReader(handle)
            assert "/DSS" in reader.root
            assert reader.embedded_timestamp_signatures
            (sig,) = reader.embedded_regular_signatures
            result = asyncio.run(ades_lta_validation(sig, lta_spec(roots)))  # type: ignore[arg-type]
            assert result.ades_subindic is AdESPassed.OK, result.api_status.pretty_print_details()
            assert result.oldest_evidence_record_timestamp is not None
    assert services.server.hits == before  # validated with what the files hold
    # the same check fails on the plain export: it holds no validation data
    with (lta.archive.package / "data" / PDF6).open("rb") as handle:
        (sig,) = PdfFileReader(handle).embedded_regular_signatures
        plain = asyncio.run(ades_lta_validation(sig, lta_spec(roots)))  # type: ignore[arg-type]
        assert plain.ades_subindic is not AdESPassed.OK
    report = json.loads((data / "bao-cao-kiem-tra.json").read_bytes())
    levels = [s["muc_pades"] for item in report["ban_pdf"] for s in item["chu_ky"]]
    assert levels == ["B-LTA", "B-LTA"]
    assert report["b_lta"] == services.pki.tsa_url
    assert all(item["dau_thoi_gian_tai_lieu"][0]["hop_le"] for item in report["ban_pdf"])
    assert bagit.Bag(str(lta.package)).info["Hsdt-Pades-Augmented"].startswith("B-LTA, http://")


def test_pdfsig_agrees(lta: Lta, nss_db: Path) -> None:
    for pdf in (PDF6, PDF7):
        result = pdfsig(nss_db, lta.package / "data" / pdf)
        assert result.all_good, result.output


def test_the_originals_in_git_are_untouched(lta: Lta) -> None:
    clerk = lta.archive.clerk
    manifest = json.loads((lta.package / "data" / "ho-so.json").read_bytes())
    for row in manifest["ho_so"]:
        original = (clerk.root / row["ban_pdf"]).read_bytes()
        assert hashlib.sha256(original).hexdigest() == row["sha256_pdf_trong_kho"]
        augmented = (lta.package / "data" / row["ban_pdf"]).read_bytes()
        assert hashlib.sha256(augmented).hexdigest() == row["sha256_pdf"]
        assert row["sha256_pdf"] != row["sha256_pdf_trong_kho"]
        # an incremental update: the signed original is the augmented file's first bytes
        assert augmented.startswith(original)
    assert clerk.git("status", "--porcelain").stdout == ""


def test_export_verify_validates_b_lta_offline(
    lta: Lta, services: Services, cli: Callable[..., Result]
) -> None:
    before = dict(services.server.hits)
    result = verify_package(lta.package, workers=2)
    assert result.ok, [p.render() for p in result.problems]
    done = cli("export", "verify", str(lta.package))
    assert done.code == 0, done.err
    assert services.server.hits == before  # no OCSP, CRL or TSA request: offline


def test_two_lta_exports_differ_only_where_the_timestamps_are(
    lta: Lta, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HSDT_TSA_URL", services.pki.tsa_url)
    again = export_tag(lta.archive.clerk.root, TAG, lta.archive.tmp / "lta-2", lta=True)
    first, second = tree_hashes(lta.package), tree_hashes(again.path)
    assert first.keys() == second.keys()
    differ = {path for path in first if first[path] != second[path]}
    naming = {
        "data/ho-so.json",
        "data/ho-so.csv",
        "data/bao-cao-kiem-tra.json",
        "data/bao-cao-kiem-tra.html",
        "data/bao-cao-kiem-tra.pdf",
        "bag-info.txt",  # Payload-Oxum: the payload's size
        "manifest-sha256.txt",
        "manifest-sha512.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha512.txt",
    }
    assert {f"data/{PDF6}", f"data/{PDF7}"} <= differ
    assert differ <= {f"data/{PDF6}", f"data/{PDF7}"} | naming
    assert (
        first["data/records/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-6.md"]
        == second["data/records/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-6.md"]
    )


def test_lta_without_a_timestamp_authority_says_how_to_set_one(
    lta: Lta, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HSDT_TSA_URL", raising=False)
    done = cli(
        "export", TAG, "--lta", "--out", str(lta.archive.tmp / "x"), cwd=lta.archive.clerk.root
    )
    assert done.code == 2
    assert "--lta cần máy chủ cấp dấu thời gian: khai ky_so.tsa_url trong truong.yml" in done.err


def test_the_timestamp_authority_comes_from_the_profile_or_the_environment(
    make_school: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hsdt.archive.lta import timestamp_authority
    from hsdt.errors import ConfigError, UsageError
    from hsdt.load.profile import load_school

    root = make_school("le-khac-can")
    profile = root / "schools" / "le-khac-can" / "truong.yml"
    text = profile.read_text(encoding="utf-8")
    monkeypatch.delenv("HSDT_TSA_URL", raising=False)
    with pytest.raises(UsageError):
        timestamp_authority(load_school(root))
    profile.write_text(text + "\nky_so:\n  tsa_url: https://tsa.truong.example/tsa\n", "utf-8")
    school = load_school(root)
    assert school.tsa_url == "https://tsa.truong.example/tsa"
    assert timestamp_authority(school) == "https://tsa.truong.example/tsa"
    monkeypatch.setenv("HSDT_TSA_URL", "http://127.0.0.1:9/tsa")
    assert timestamp_authority(school) == "http://127.0.0.1:9/tsa"
    profile.write_text(text + "\nky_so:\n  tsa_url: tsa.truong.example\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_school(root)
    assert (
        "ky_so.tsa_url phải là địa chỉ http:// hoặc https:// của máy chủ cấp dấu thời gian, "
        "nhận được 'tsa.truong.example'"
    ) in caught.value.render()
