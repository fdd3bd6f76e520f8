"""Secrets detection, CODEOWNERS generation, the message catalog, the generated docs."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from hsdt.codeowners import gitea_codeowners, github_codeowners
from hsdt.i18n import Msg
from hsdt.i18n.catalog import CATALOG
from hsdt.load.profile import load_school
from hsdt.load.types import builtin_types
from hsdt.rules.secrets import scan_bytes, scan_file
from hsdt.typedoc import types_reference
from tests.samples import armour

PROJECT = Path(__file__).resolve().parents[1]


def _openssl(*args: str) -> bytes:
    return subprocess.run(["openssl", *args], check=True, capture_output=True).stdout


@pytest.fixture(scope="module")
def key_material(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A real key, certificate and PKCS#12 made at test time (never committed)."""
    folder = tmp_path_factory.mktemp("keys")
    key = folder / "k.pem"
    cert = folder / "c.pem"
    _openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(key))
    _openssl(
        "req", "-x509", "-key", str(key), "-subj", "/CN=Thu nghiem", "-days", "1", "-out", str(cert)
    )
    p12 = folder / "chu-ky.bin"
    _openssl(
        "pkcs12",
        "-export",
        "-inkey",
        str(key),
        "-in",
        str(cert),
        "-passout",
        "pass:x",
        "-out",
        str(p12),
    )
    return {"key": key, "cert": cert, "p12": p12}


def test_private_key_pkcs12_and_certificate(key_material: dict[str, Path]) -> None:
    assert [p.rule for p in scan_file(key_material["key"], "k.pem")] == ["bi-mat"]
    assert [p.msg.key for p in scan_file(key_material["p12"], "chu-ky.bin")] == ["secrets.pkcs12"]
    assert list(scan_file(key_material["cert"], "c.pem")) == []  # a certificate is public


def test_key_beyond_the_first_chunk_is_found(tmp_path: Path, key_material: dict[str, Path]) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (1 << 20) + b"\n" * 3 + key_material["key"].read_bytes())
    problems = list(scan_file(big, "big.txt"))
    assert [(p.rule, p.line) for p in problems] == [("bi-mat", 4)]


@pytest.mark.parametrize(
    "armour",
    [armour("OPENSSH"), armour("EC"),
     armour("ENCRYPTED"), "-----BEGIN PGP " + "PRIVATE KEY BLOCK-----",
     "PuTTY-User-Key-" + "File-3: ssh-ed25519"],
)  # fmt: skip
def test_every_armour(armour: str) -> None:
    assert [p.line for p in scan_bytes(f"a\nb\n{armour}\n".encode(), "f")] == [3]


def test_codeowners_from_roster(make_school: Callable[..., Path]) -> None:
    school = load_school(make_school("le-khac-can"))
    text = github_codeowners(school)
    assert "/records/*/to-khtn/ @lkc-toan01 @lkc-toan02\n" in text
    # the team lead (nhóm trưởng) checks lesson plans too (seed 001 Đ9.4)
    assert "/records/*/to-tieu-hoc/ @lkc-th01 @lkc-th02\n" in text
    assert "/records/*/truong/ @lkc-ht01 @lkc-pht01 @lkc-pht02\n" in text
    assert "/schools/ @lkc-ht01\n" in text
    assert text.index("* @") < text.index("/records/")  # general first: the last match wins
    assert "# Chưa có tài khoản Git (tai_khoan): gv-th-03" in text


@pytest.mark.parametrize(
    "profile", ["duong-kinh", "le-khac-can", "mam-non-hm", "thai-hoc", "vinh-hao"]
)
def test_codeowners_name_team_leads(make_school: Callable[..., Path], profile: str) -> None:
    """Every group's folder routes to its head, deputies and team leads, on GitHub and Gitea."""
    school = load_school(make_school(profile))
    github = github_codeowners(school).splitlines()
    gitea = gitea_codeowners(school).splitlines()
    for group in school.groups.values():
        handles = []
        for staff_id in [group.head, *group.deputies, *group.team_leads]:
            username = school.staff[staff_id].username if staff_id else None
            if username and f"@{username}" not in handles:
                handles.append(f"@{username}")
        if not handles:
            continue
        assert f"/records/*/{group.id}/ {' '.join(handles)}" in github
        assert f"records/[^/]+/{group.id}/.* {' '.join(handles)}" in gitea


def test_codeowners_team_lead_on_gitea(make_school: Callable[..., Path]) -> None:
    school = load_school(make_school("duong-kinh"))
    gitea = gitea_codeowners(school).splitlines()
    assert "records/[^/]+/to-khoi-4-5/.* @dk-k401 @dk-tin01" in gitea
    assert "/records/*/to-khoi-4-5/ @dk-k401 @dk-tin01" in github_codeowners(school).splitlines()


def test_catalog_languages_use_the_same_placeholders() -> None:
    field = re.compile(r"(?<!\{)\{(\w+)(?::[^{}]*)?\}(?!\})")
    for key, (vi, en) in CATALOG.items():
        assert set(field.findall(vi)) == set(field.findall(en)), key
        assert vi.strip(), key
        assert en.strip(), key


def test_every_message_used_in_the_code_exists() -> None:
    used = set()
    for file in (PROJECT / "src" / "hsdt").rglob("*.py"):
        used.update(
            re.findall(
                r"""\b(?:msg|tr|Msg)\(\s*["']([a-z_]+\.[a-z_]+)["']""",
                file.read_text(encoding="utf-8"),
            )
        )
    missing = sorted(used - CATALOG.keys())
    assert missing == []
    from hsdt.i18n import (
        catalog,
        catalog_archive,
        catalog_demo,
        catalog_facts,
        catalog_git,
        catalog_guard,
        catalog_import,
        catalog_push,
        catalog_queue,
        catalog_render,
        catalog_report,
        catalog_rules,
        catalog_scaffold,
        catalog_search,
        catalog_sign,
        catalog_site,
    )

    parts = [
        catalog._CORE,
        catalog_render.MESSAGES,
        catalog_sign.MESSAGES,
        catalog_git.MESSAGES,
        catalog_push.MESSAGES,
        catalog_archive.MESSAGES,
        catalog_report.MESSAGES,
        catalog_demo.MESSAGES,
        catalog_facts.MESSAGES,
        catalog_scaffold.MESSAGES,
        catalog_site.MESSAGES,
        catalog_search.MESSAGES,
        catalog_guard.MESSAGES,
        catalog_rules.MESSAGES,
        catalog_import.MESSAGES,
        catalog_queue.MESSAGES,
    ]
    assert sum(len(p) for p in parts) == len(CATALOG), "a key is defined in two catalogs"
    assert Msg("deadline.near", {"due": "x"}).render("en") == "deadline near: x"


def test_command_reference_is_current_and_complete() -> None:
    from hsdt.cli.main import COMMANDS
    from hsdt.cli.reference import cli_reference

    page = (PROJECT / "docs" / "lenh.md").read_text(encoding="utf-8")
    assert page == cli_reference(), "run: .venv/bin/python scripts/gen_docs.py"
    for name in COMMANDS:
        assert f"\n## hsdt {name}\n" in page
        assert f"Usage: hsdt {name}" in page


def test_record_type_reference_is_current() -> None:
    page = (PROJECT / "docs" / "loai-ho-so.md").read_text(encoding="utf-8")
    assert page == types_reference(builtin_types()), "run: .venv/bin/python scripts/gen_docs.py"
