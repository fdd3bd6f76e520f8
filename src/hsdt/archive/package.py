"""``hsdt export``: the BagIt package (RFC 8493, made and validated by the Library of
Congress's ``bagit``) of what an archive tag holds.

Layout (``data/`` is the payload; paths inside mirror the school repository)::

    <tag>/bagit.txt, bag-info.txt, manifest-sha256.txt, manifest-sha512.txt, tagmanifest-*.txt
    <tag>/data/signatures/…       signed PDFs, their evidence JSON, trust material
    <tag>/data/records/…          each PDF's Markdown source and the correction records
    <tag>/data/schools/<id>/…     the school profile in force at the tag
    <tag>/data/ho-so.json, ho-so.csv                      the manifest of records
    <tag>/data/bao-cao-kiem-tra.json, bao-cao-kiem-tra.html  the verification report

Reproducible: contents come from the tag's objects only; the only clock is the tag's date
(``Bagging-Date``, file times, zip entry times); entries are sorted (bagit sorts the payload
manifests; hsdt sorts the tag manifests, which bagit writes in directory order); the zip
stores entries uncompressed in sorted order with fixed attributes, so no zlib version can
change a byte. Verification is offline.

Crash-safe: the bag is built in a hidden staging folder ``.hsdt-tmp-<tag>.*.dir`` beside the
destination, renamed into place when complete; a re-run removes the staging folders a killed
run left and replaces the previous package, so there is never a half package nor two.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hsdt import __version__
from hsdt.archive.checks import PdfJob, check_all
from hsdt.archive.inventory import Entry, Inventory, TagInfo, collect, ensure_repository, read_tag
from hsdt.archive.metadata import manifest_csv, manifest_json, record_row
from hsdt.archive.report import (
    MANIFEST_CSV,
    MANIFEST_JSON,
    REPORT_HTML,
    REPORT_JSON,
    report_html,
    report_json,
)
from hsdt.errors import HsdtError
from hsdt.fsutil import TEMP_PREFIX
from hsdt.i18n import msg
from hsdt.model.school import School
from hsdt.model.timeutil import to_vn

CHECKSUMS = ("sha256", "sha512")
"""The bag's checksum algorithms (bagit's defaults)."""

STAGING_SUFFIX = ".dir"


@dataclass(frozen=True)
class ExportResult:
    """What ``hsdt export`` wrote."""

    path: Path
    """The package: a folder, or a ``.zip``."""
    count: int
    """Signed PDFs in it."""
    failed: int
    """PDFs whose verification found a problem (listed in the report)."""
    missing: int
    """Approved records without a signed PDF at the tag."""


def _missing_extra(e: ImportError) -> HsdtError:
    return HsdtError(msg("export.missing_extra"))


def export_tag(
    root: Path, name: str, out: Path, *, as_zip: bool = False, workers: int = 1
) -> ExportResult:
    """Write the package of tag ``name`` of the repository at ``root`` into ``out``."""
    try:
        import bagit
    except ImportError as e:  # pragma: no cover - the archive extra is a dev dependency
        raise _missing_extra(e) from e
    ensure_repository(root)
    tag = read_tag(root, name)
    inventory = collect(root, tag)
    out.mkdir(parents=True, exist_ok=True)
    _remove_staging(out, name)
    staging = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{name}.", suffix=STAGING_SUFFIX, dir=out))
    try:
        report = _fill(root, inventory, staging, workers)
        moment = to_vn(tag.date)
        _set_times(staging, moment)
        school = report["truong"]
        info = {
            "Source-Organization": school,
            "External-Identifier": tag.name,
            "External-Description": tag.message or f"Lưu trữ {tag.name}",
            "Bagging-Date": moment.date().isoformat(),
            "Bag-Software-Agent": f"hsdt {__version__}",
            "Bag-Group-Identifier": report["ma_truong"],
            "Hsdt-Tag-Commit": tag.commit,
            "Hsdt-Tag-Object": tag.tag_id,
            "Hsdt-Tag-Date": moment.isoformat(timespec="seconds"),
        }
        try:
            bagit.make_bag(str(staging), bag_info=info, checksums=list(CHECKSUMS))
            sort_tag_manifests(staging)
            bagit.Bag(str(staging)).validate()
        except (bagit.BagError, OSError) as e:
            raise HsdtError(msg("export.bag_failed", detail=str(e))) from e
        _set_times(staging, moment)
        if as_zip:
            target = out / f"{name}.zip"
            write_zip(staging, target, name, moment)
        else:
            target = out / name
            _replace_dir(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    items = report["ban_pdf"]
    return ExportResult(
        target,
        len(items),
        sum(1 for i in items if not i["dat"]),
        len(report["da_duyet_chua_co_ban_ky"]),
    )


def _fill(root: Path, inventory: Inventory, staging: Path, workers: int) -> dict[str, Any]:
    """Write the payload, check every PDF, write the manifest and the report; the report."""
    from hsdt.git.notes import first_received, read_notes
    from hsdt.git.safepath import inside
    from hsdt.load.profile import load_school
    from hsdt.sign.trust import load_certificates

    for rel, data in inventory.files.items():
        try:
            target = inside(staging, rel)
        except ValueError as e:
            raise HsdtError(msg("git.unsafe_path", path=rel)) from e
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    school = load_school(staging)
    roots = load_certificates(staging / "signatures")
    files = inventory.files
    jobs = [PdfJob(e.pdf, files[e.pdf], e.record, files.get(e.record)) for e in inventory.entries]
    checks = check_all(jobs, roots, staging, workers)
    history, approved_paths = _history(root, school, inventory)
    received = first_received(read_notes(root))
    rows = []
    items = []
    for entry, check in zip(inventory.entries, checks, strict=True):
        found = history.get(entry.pdf, [])
        items.append(
            {
                **check,
                "bang_chung_khop_lich_su": not found,
                "van_de_lich_su": found,
                "dat": check["dat"] and not found,
            }
        )
        rows.append(record_row(entry, files, school, check, received.get(entry.record)))
    with_pdf = {e.record for e in inventory.entries}
    tag = inventory.tag
    moment = to_vn(tag.date).isoformat(timespec="seconds")
    facts = {
        "the": tag.name,
        "commit": tag.commit,
        "doi_tuong_the": tag.tag_id,
        "ngay_the": moment,
        "truong": school.name,
        "ma_truong": school.id,
    }
    report = {
        **facts,
        "tong_so": len(items),
        "so_dat": sum(1 for i in items if i["dat"]),
        "so_loi": sum(1 for i in items if not i["dat"]),
        "ban_pdf": items,
        "da_duyet_chua_co_ban_ky": sorted(approved_paths - with_pdf),
        "chua_duyet": sorted(
            p
            for p in inventory.records
            if p not in approved_paths and p not in with_pdf and not _is_correction(p)
        ),
    }
    (staging / MANIFEST_JSON).write_bytes(manifest_json(facts, rows))
    (staging / MANIFEST_CSV).write_bytes(manifest_csv(rows))
    (staging / REPORT_JSON).write_bytes(report_json(report))
    (staging / REPORT_HTML).write_bytes(report_html(report))
    return report


def _is_correction(path: str) -> bool:
    return path.split("/")[-2] == "bien-ban-sua"


def _history(
    root: Path, school: School, inventory: Inventory
) -> tuple[dict[str, list[str]], set[str]]:
    """Per PDF, how its evidence disagrees with main's history up to the tag; and the records
    that history says were approved."""
    from hsdt.workflow.approvals import approved_since

    approved = approved_since(root, school, until=inventory.tag.commit)
    by_merge = {(a.path, a.merge): a for a in approved}
    out: dict[str, list[str]] = {}
    for entry in inventory.entries:
        problems = _evidence_problems(entry, inventory.files, by_merge)
        if problems:
            out[entry.pdf] = problems
    return out, {a.path for a in approved}


def _evidence_problems(
    entry: Entry, files: dict[str, bytes], by_merge: dict[tuple[str, str], Any]
) -> list[str]:
    if entry.evidence is None:
        return [msg("export.no_evidence").render("vi")]
    try:
        evidence = json.loads(files[entry.evidence])
        merge = str(evidence["commit_duyet"])
        chain = evidence["bang_chung_duyet"]
        at = evidence["thoi_diem_duyet"]
        digest = evidence["sha256_nguon"]
    except (ValueError, KeyError, TypeError):
        return [msg("export.bad_evidence").render("vi")]
    approved = by_merge.get((entry.record, merge))
    if approved is None:
        return [msg("export.evidence_no_merge", commit=merge[:10]).render("vi")]
    problems = []
    expected = [e.as_dict() for e in approved.evidence]
    when = to_vn(approved.approved_at).isoformat(timespec="seconds")
    if chain != expected or at != when:
        problems.append(msg("export.evidence_differs", commit=merge[:10]).render("vi"))
    source = files.get(entry.record)
    if source is not None and hashlib.sha256(source).hexdigest() != digest:
        problems.append(msg("export.evidence_source", record=entry.record).render("vi"))
    return problems


def sort_tag_manifests(bag: Path) -> None:
    """bagit writes ``tagmanifest-*.txt`` in directory order; sort its lines by path."""
    for manifest in sorted(bag.glob("tagmanifest-*.txt")):
        lines = manifest.read_text(encoding="utf-8").splitlines()
        lines.sort(key=lambda line: line.split(" ", 1)[1])
        manifest.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def _all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _set_times(folder: Path, moment: datetime) -> None:
    stamp = moment.timestamp()
    for path in [*_all_files(folder), *sorted(p for p in folder.rglob("*") if p.is_dir())]:
        os.utime(path, (stamp, stamp))


def write_zip(bag: Path, target: Path, name: str, moment: datetime) -> None:
    """The bag as ``target``: entries ``<name>/…`` sorted, stored, with the tag's time."""
    import zipfile

    stamp = moment.replace(tzinfo=None).timetuple()[:6]
    fd, tmp = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{target.name}.", suffix=".tmp", dir=target.parent
    )
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
            for path in _all_files(bag):
                rel = path.relative_to(bag).as_posix()
                info = zipfile.ZipInfo(f"{name}/{rel}", date_time=stamp)
                info.create_system = 3
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, path.read_bytes())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _replace_dir(staging: Path, target: Path) -> None:
    """Move the finished bag to ``target``, replacing an earlier package of the same tag."""
    if target.exists():
        old = Path(
            tempfile.mkdtemp(
                prefix=f"{TEMP_PREFIX}{target.name}.", suffix=STAGING_SUFFIX, dir=target.parent
            )
        )
        old.rmdir()
        os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old)
    else:
        os.replace(staging, target)
    os.chmod(target, 0o755)
    os.chmod(target / "data", 0o755)


def _remove_staging(out: Path, name: str) -> None:
    """Staging folders of ``name`` that a killed run left (hsdt's own names only)."""
    for path in sorted(out.glob(f"{TEMP_PREFIX}{name}.*{STAGING_SUFFIX}")):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
    for path in sorted(out.glob(f"{TEMP_PREFIX}{name}.zip.*.tmp")):
        if path.is_file():
            path.unlink()


__all__ = ["ExportResult", "TagInfo", "export_tag"]
