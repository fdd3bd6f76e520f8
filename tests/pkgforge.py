"""What a careful forger does to an hsdt package, with hsdt's own functions: every derived file
(manifest JSON and CSV, report JSON, HTML and PDF, the per-PDF verdicts, the bag's manifests)
recomputed from the payload as it is after the edit, so that only what is *anchored* outside
the payload can still give the forgery away."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bagit

from hsdt.archive.metadata import manifest_csv, manifest_json
from hsdt.archive.package import sort_tag_manifests
from hsdt.archive.report import report_html, report_json, report_pdf

TAG = "hk1-2025-2026"
PDF6 = "signatures/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-6.pdf"
PDF7 = "signatures/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-7.pdf"
MD6 = "records/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-6.md"
MD7 = "records/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-7.md"

Edit = Callable[[dict[str, Any], dict[str, Any]], None]


def rebag(bag: Path) -> None:
    """bagit's manifests recomputed (payload and tag files)."""
    bagit.Bag(str(bag)).save(manifests=True)
    sort_tag_manifests(bag)


def retag(bag: Path) -> None:
    """Only the tag manifests recomputed (after editing bagit.txt, bag-info.txt or a payload
    manifest by hand, where bagit itself would refuse to re-save)."""
    for alg in ("sha256", "sha512"):
        lines = [
            f"{hashlib.new(alg, (bag / name).read_bytes()).hexdigest()} {name}\n"
            for name in sorted(os.listdir(bag))
            if not name.startswith("tagmanifest-") and (bag / name).is_file()
        ]
        (bag / f"tagmanifest-{alg}.txt").write_text("".join(lines), encoding="utf-8")


def rewrite(bag: Path, edit: Edit | None = None) -> None:
    """Manifest and report loaded, ``edit(manifest, report)``, every derived file written, rebag."""
    data = bag / "data"
    manifest = json.loads((data / "ho-so.json").read_bytes())
    report = json.loads((data / "bao-cao-kiem-tra.json").read_bytes())
    if edit is not None:
        edit(manifest, report)
    rows = manifest.pop("ho_so")
    (data / "ho-so.json").write_bytes(manifest_json(manifest, rows))
    (data / "ho-so.csv").write_bytes(manifest_csv(rows))
    (data / "bao-cao-kiem-tra.json").write_bytes(report_json(report))
    (data / "bao-cao-kiem-tra.html").write_bytes(report_html(report))
    (data / "bao-cao-kiem-tra.pdf").write_bytes(report_pdf(report, str(data)))
    rebag(bag)


def forge(bag: Path, edit: Edit | None = None) -> None:
    """:func:`rewrite`, the per-PDF verdicts of the report and the manifest's rows recomputed
    first with hsdt's own check (the history verdicts, which need the repository, are kept)."""
    from hsdt.archive.checks import PdfJob, check_all
    from hsdt.sign.trust import load_certificates

    data = bag / "data"

    def recompute(manifest: dict[str, Any], report: dict[str, Any]) -> None:
        if edit is not None:
            edit(manifest, report)
        roots = load_certificates(data / "signatures")
        jobs = []
        for row in manifest["ho_so"]:
            source = data / row["duong_dan"]
            jobs.append(
                PdfJob(
                    row["ban_pdf"],
                    (data / row["ban_pdf"]).read_bytes(),
                    row["duong_dan"],
                    source.read_bytes() if source.is_file() else None,
                )
            )
        stored = {i["ban_pdf"]: i for i in report["ban_pdf"]}
        items = []
        for row, check in zip(manifest["ho_so"], check_all(jobs, roots, data, 1), strict=True):
            old = stored.get(row["ban_pdf"], {})
            history = old.get("bang_chung_khop_lich_su", True)
            items.append(
                {
                    **check,
                    "bang_chung_khop_lich_su": history,
                    "van_de_lich_su": old.get("van_de_lich_su", []),
                    "dat": check["dat"] and history,
                }
            )
            row["sha256_pdf"] = check["sha256_pdf"]
            row["so_luong_trang"] = check["so_trang"]
            row["sha256_nguon"] = check["sha256_nguon"]
            row["chu_ky"] = [
                {k: s[k] for k in ("nguoi_ky", "vai_tro", "thoi_diem_ky", "muc_pades")}
                for s in check["chu_ky"]
            ]
        report["ban_pdf"] = items
        report["tong_so"] = len(items)
        report["so_dat"] = sum(1 for i in items if i["dat"])
        report["so_loi"] = len(items) - report["so_dat"]

    rewrite(bag, recompute)


def drop_record(manifest: dict[str, Any], report: dict[str, Any], pdf: str) -> None:
    """The row and the report's item of ``pdf`` removed."""
    manifest["ho_so"] = [r for r in manifest["ho_so"] if r["ban_pdf"] != pdf]
    report["ban_pdf"] = [i for i in report["ban_pdf"] if i["ban_pdf"] != pdf]
