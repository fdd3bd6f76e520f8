"""Build-time verification of the published PDFs: the verdict ``hsdt verify`` gives (with the
repository's roster, offline), cached by blob id, parallel on a cold build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hsdt.sign.demopki import DemoPki
from hsdt.site.verify import VerifyCache, verdict_digest, verify_pdfs
from tests.sign_helpers import roster_knows_pki


def school_trusting(make_school: Callable[..., Path], pki: DemoPki) -> Path:
    root = make_school()
    roster_knows_pki(root, pki)
    trust = root / "signatures" / "tin-cay" / "ca.pem"
    trust.parent.mkdir(parents=True, exist_ok=True)
    trust.write_bytes(pki.root.read_bytes())
    return root


def test_verdict_is_cached_by_blob(
    make_school: Callable[..., Path], pki: DemoPki, lesson_plan: bytes, tmp_path: Path
) -> None:
    root = school_trusting(make_school, pki)
    trust = root / "signatures"
    cache = VerifyCache(tmp_path / "cache", verdict_digest(root, trust))
    seen: list[str] = []
    items = [("signatures/a.pdf", "blob-a", lesson_plan)]
    first = verify_pdfs(root, trust, items, cache, jobs=1, on_result=lambda b, _c: seen.append(b))
    check = first["blob-a"]
    assert check.ok, check.problems
    assert [s.role for s in check.signatures] == ["người lập", "tổ trưởng", "con dấu của trường"]
    assert all(s.valid and s.trusted for s in check.signatures)
    assert seen == ["blob-a"]
    assert check.record_id is not None
    assert check.record_id.startswith("records/")
    again = verify_pdfs(root, trust, items, cache, jobs=1, on_result=lambda b, _c: seen.append(b))
    assert again == first  # the record the manifest names included
    assert seen == ["blob-a"]  # from the cache: not verified twice
    # another trust makes another verdict: verified again
    (trust / "tin-cay" / "ca.pem").unlink()
    other = VerifyCache(tmp_path / "cache", verdict_digest(root, trust))
    untrusted = verify_pdfs(
        root, trust, items, other, jobs=1, on_result=lambda b, _c: seen.append(b)
    )
    assert seen == ["blob-a", "blob-a"]
    assert not untrusted["blob-a"].ok
    assert not any(s.trusted for s in untrusted["blob-a"].signatures)


def test_a_damaged_or_altered_pdf_fails(
    make_school: Callable[..., Path], pki: DemoPki, lesson_plan: bytes, tmp_path: Path
) -> None:
    root = school_trusting(make_school, pki)
    trust = root / "signatures"
    cache = VerifyCache(None, verdict_digest(root, trust))
    altered = lesson_plan.replace(b"/Producer", b"/Produker", 1)
    items = [("a.pdf", "bad", b"%PDF-1.7 not really"), ("b.pdf", "altered", altered + b"% x\n")]
    out = verify_pdfs(root, trust, items, cache, jobs=1)
    assert not out["bad"].ok
    assert out["bad"].problems
    assert not out["altered"].ok


def test_cold_build_verifies_in_workers(
    make_school: Callable[..., Path], pki: DemoPki, lesson_plan: bytes, tmp_path: Path
) -> None:
    root = school_trusting(make_school, pki)
    trust = root / "signatures"
    cache = VerifyCache(tmp_path / "cache", verdict_digest(root, trust))
    items = [(f"signatures/{n}.pdf", f"blob-{n}", lesson_plan) for n in range(7)]
    out = verify_pdfs(root, trust, items, cache, jobs=2)
    assert sorted(out) == sorted(f"blob-{n}" for n in range(7))
    assert all(c.ok for c in out.values())
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 7
