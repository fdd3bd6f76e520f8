"""``hsdt export``: the BagIt package (RFC 8493, made and validated by the Library of
Congress's ``bagit``) of what an archive tag holds.

Layout (``data/`` is the payload; paths inside mirror the school repository)::

    <tag>/bagit.txt, bag-info.txt, manifest-sha256.txt, manifest-sha512.txt, tagmanifest-*.txt
    <tag>/data/signatures/…       signed PDFs, their evidence JSON, trust material
    <tag>/data/records/…          each PDF's Markdown source and the correction records
    <tag>/data/schools/<id>/…     the school profile in force at the tag
    <tag>/data/ho-so.json, ho-so.csv                      the manifest of records
    <tag>/data/bao-cao-kiem-tra.json, .html, .pdf     the verification report

The report also lists what the school's rules expected in the tag's period and what became of it
(:func:`expected_in_period`, :mod:`hsdt.report.expected`): records missing, submitted on a
branch by the tag's date but not merged (from the server's receive notes, append-only), or
approved without every signature. Before reading, the export fetches the server's notes and
branches from ``origin`` (a plain clone lacks them).

``--lta`` (:mod:`hsdt.archive.lta`) puts B-LTA copies of the PDFs in the package; such a
package is not reproducible byte for byte (the timestamps), every other one is.

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
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hsdt import __version__
from hsdt.archive.checks import PdfJob, check_all
from hsdt.archive.inventory import (
    Entry,
    Inventory,
    TagInfo,
    collect,
    ensure_repository,
    front_matter,
    read_tag,
    submitted,
)
from hsdt.archive.metadata import manifest_csv, manifest_json, record_row
from hsdt.archive.report import (
    MANIFEST_CSV,
    MANIFEST_JSON,
    REPORT_HTML,
    REPORT_JSON,
    REPORT_PDF,
    report_html,
    report_json,
    report_pdf,
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
    expected: int = 0
    """Records the school's rules expected in the tag's period."""
    owed: int = 0
    """Of those, how many are missing, unapproved or unsigned (listed in the report)."""


def _missing_extra(e: ImportError) -> HsdtError:
    return HsdtError(msg("export.missing_extra"))


def export_tag(
    root: Path,
    name: str,
    out: Path,
    *,
    as_zip: bool = False,
    workers: int = 1,
    remote: str | None = "origin",
    lta: bool = False,
) -> ExportResult:
    """Write the package of tag ``name`` of the repository at ``root`` into ``out``; the
    server's receive notes are fetched from ``remote`` first (None: the local ones). With
    ``lta`` every signed PDF is brought to PAdES B-LTA in the package
    (:mod:`hsdt.archive.lta`)."""
    try:
        import bagit
    except ImportError as e:  # pragma: no cover - the archive extra is a dev dependency
        raise _missing_extra(e) from e
    ensure_repository(root)
    # The printer and the signature checker (a second of imports) load while git works; the
    # checking processes, forked after, inherit them instead of each importing them again.
    preloading = threading.Thread(target=_preload, name="hsdt-export-imports", daemon=True)
    preloading.start()
    if remote is not None:
        _fetch(root, remote)
    tag = read_tag(root, name)
    inventory = collect(root, tag)
    out.mkdir(parents=True, exist_ok=True)
    _remove_staging(out, name)
    staging = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{name}.", suffix=STAGING_SUFFIX, dir=out))
    try:
        report = _fill(root, inventory, staging, workers, lta, preloading)
        moment = to_vn(tag.date)
        school = report["truong"]
        info = {
            "Source-Organization": school,
            "External-Identifier": tag.name,
            "External-Description": _one_line(tag.message) or f"Lưu trữ {tag.name}",
            "Bagging-Date": moment.date().isoformat(),
            "Bag-Software-Agent": f"hsdt {__version__}",
            "Bag-Group-Identifier": report["ma_truong"],
            "Hsdt-Tag-Commit": tag.commit,
            "Hsdt-Tag-Object": tag.tag_id,
            "Hsdt-Tag-Date": moment.isoformat(timespec="seconds"),
        }
        if report["b_lta"]:
            info["Hsdt-Pades-Augmented"] = f"B-LTA, {report['b_lta']}"
        try:
            processes = max(1, workers)
            bagit.make_bag(
                str(staging), bag_info=info, checksums=list(CHECKSUMS), processes=processes
            )
            # bagit hashed every file as it made the bag; re-opening and re-hashing it here
            # cost as much as making it (hsdt export verify and the tests validate packages)
            sort_tag_manifests(staging)
        except (bagit.BagError, OSError) as e:
            raise HsdtError(msg("export.bag_failed", detail=str(e))) from e
        # once, on the finished bag: making it only moves the payload into data/ (a file's
        # times survive a rename) and writes the tag files
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
        report["ho_so_phai_co"]["tong_so"],
        len(report["ho_so_phai_co"]["chua_du"]),
    )


def _one_line(text: str) -> str:
    """A tag's message as one ``bag-info.txt`` value: its lines joined by spaces, control
    characters left out (bagit would glue the lines together)."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(printable.split())


def _fetch(root: Path, remote: str) -> None:
    """The server's receive notes, and its branches (the submissions not merged yet, whose
    records the report lists as not approved), when ``remote`` exists."""
    from hsdt.git.notes import fetch_notes
    from hsdt.git.run import git_text

    if fetch_notes(root, remote):
        git_text(root, ["fetch", "--quiet", remote])


def _preload() -> None:
    """Import what checking and printing need (an ImportError surfaces again where used)."""
    try:
        import weasyprint  # noqa: F401

        import hsdt.render.pdf
        import hsdt.sign.holder
        import hsdt.sign.pdfdoc
        import hsdt.sign.verify  # noqa: F401
    except ImportError:  # pragma: no cover - both are dependencies of hsdt
        return


def _fill(
    root: Path,
    inventory: Inventory,
    staging: Path,
    workers: int,
    lta: bool,
    preloading: threading.Thread | None = None,
) -> dict[str, Any]:
    """Write the payload, check every PDF, write the manifest and the report; the report.
    ``preloading`` (:func:`_preload`) is waited for before any process is forked."""
    from hsdt.git.notes import first_received, read_notes
    from hsdt.git.safepath import is_safe
    from hsdt.load.profile import load_school
    from hsdt.sign.trust import load_certificates

    made: set[Path] = set()
    for rel, data in inventory.files.items():
        # the staging folder is hsdt's own, fresh, and holds no symlink (only the folders and
        # files written here): the lexical rules keep every path inside it
        if not is_safe(rel.encode("utf-8")):
            raise HsdtError(msg("git.unsafe_path", path=rel))
        target = staging.joinpath(*rel.split("/"))
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
    school = load_school(staging)
    roots = load_certificates(staging / "signatures")
    files = inventory.files
    contents = {e.pdf: files[e.pdf] for e in inventory.entries}
    if preloading is not None:
        preloading.join()  # never fork (checks, B-LTA) while a thread may hold the import lock
    tsa = None
    if lta:
        from hsdt.archive.lta import extend_all, timestamp_authority

        tsa = timestamp_authority(school)
        pdfs = sorted(contents.items())
        for (pdf, _old), new in zip(pdfs, extend_all(pdfs, tsa, roots, workers), strict=True):
            contents[pdf] = new
            (staging / pdf).write_bytes(new)
    jobs = [
        PdfJob(e.pdf, contents[e.pdf], e.record, files.get(e.record)) for e in inventory.entries
    ]
    checks = check_all(jobs, roots, staging, workers)
    # every record's front matter read once, for the manifest and for what the rules expected
    metas = {path: front_matter(inventory.sources, path) for path in inventory.sources}
    history, approved_paths = _history(root, school, inventory)
    notes = read_notes(root)
    received = first_received(notes)
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
        at = received.get(entry.record) or _host_received(files, entry.evidence)
        row = record_row(entry, files, school, check, at, metas.get(entry.record))
        row["sha256_pdf_trong_kho"] = hashlib.sha256(files[entry.pdf]).hexdigest()
        rows.append(row)
    with_pdf = {e.record for e in inventory.entries}
    pending = submitted(root, inventory.tag, notes)
    expectations = expected_in_period(school, inventory, approved_paths, checks, pending, metas)
    tag = inventory.tag
    moment = to_vn(tag.date).isoformat(timespec="seconds")
    facts = {
        "the": tag.name,
        "commit": tag.commit,
        "doi_tuong_the": tag.tag_id,
        "ngay_the": moment,
        "truong": school.name,
        "ma_truong": school.id,
        "ky_luu_tru": expectations["ky_luu_tru"],
        "b_lta": tsa,
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
        "ho_so_phai_co": expectations["ho_so_phai_co"],
    }
    owed = {"ho_so_phai_co_chua_du": expectations["ho_so_phai_co"]["chua_du"]}
    (staging / MANIFEST_JSON).write_bytes(manifest_json({**facts, **owed}, rows))
    (staging / MANIFEST_CSV).write_bytes(manifest_csv(rows))
    (staging / REPORT_JSON).write_bytes(report_json(report))
    (staging / REPORT_HTML).write_bytes(report_html(report))
    (staging / REPORT_PDF).write_bytes(report_pdf(report, str(staging)))
    return report


def expected_in_period(
    school: School,
    inventory: Inventory,
    approved_paths: set[str],
    checks: list[dict[str, Any]],
    pending: Mapping[str, bytes],
    metas: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """What the school's rules expected in the tag's period (:mod:`hsdt.report.expected`) and
    what became of it: a record is signed when one of its PDFs verifies and carries every
    signature its type's ``chu_ky`` asks; ``pending`` are the records submitted on a branch
    by the tag's date but not merged (not approved); ``metas`` the front matter of the
    tag's records, when the caller has read it already."""
    from hsdt.report.expected import Status, expected_for_tag, match, present_record

    found = expected_for_tag(school, inventory.tag.name)
    signed: set[str] = set()
    for entry, check in zip(inventory.entries, checks, strict=True):
        policy = school.policy.types.get(_type_of(entry.record))
        wanted = {f"hsdt.{key}" for key in (policy.signatures if policy else ())}
        present = {s["o_ky"] for s in check["chu_ky"] if s["dat"]}
        if check["dat"] and wanted <= present:
            signed.add(entry.record)
    records = []
    known = metas or {}
    for path, source in [*inventory.sources.items(), *pending.items()]:
        meta = known.get(path) if path in inventory.sources else None
        record = present_record(
            path,
            front_matter({path: source}, path) if meta is None else meta,
            school,
            approved=path in approved_paths,
            signed=path in signed,
        )
        if record is not None:
            records.append(record)
    findings = match(found.expected, records)
    period = found.period
    owed = [f.as_dict() for f in findings if f.status is not Status.OK]
    return {
        "ky_luu_tru": None
        if period is None
        else {
            "loai_ky": period.kind.value,
            "nam_hoc": period.year,
            "tu_ngay": period.first.isoformat(),
            "den_ngay": period.last.isoformat(),
        },
        "ho_so_phai_co": {
            "tong_so": len(findings),
            "so_du": len(findings) - len(owed),
            "so_thieu": sum(1 for f in findings if f.status is Status.MISSING),
            "so_chua_duyet": sum(1 for f in findings if f.status is Status.UNAPPROVED),
            "so_chua_ky": sum(1 for f in findings if f.status is Status.UNSIGNED),
            "chua_du": owed,
            "khong_xac_dinh": [u.as_dict() for u in found.unknown],
        },
    }


def _type_of(record: str) -> str:
    parts = record.split("/")
    return parts[-2] if len(parts) >= 2 else ""


def _is_correction(path: str) -> bool:
    return path.split("/")[-2] == "bien-ban-sua"


def _history(
    root: Path, school: School, inventory: Inventory
) -> tuple[dict[str, list[str]], set[str]]:
    """Per PDF, how its evidence disagrees with main's history up to the tag; and the records
    that history says were approved."""
    from hsdt.workflow.approvals import approved_since
    from hsdt.workflow.hostevidence import EvidenceAccounts

    tip = inventory.tag.commit
    approved = approved_since(root, school, until=tip, host=EvidenceAccounts(root, tip))
    by_merge = {(a.path, a.merge): a for a in approved}
    out: dict[str, list[str]] = {}
    for entry in inventory.entries:
        problems = _evidence_problems(entry, inventory.files, by_merge)
        if problems:
            out[entry.pdf] = problems
    return out, {a.path for a in approved}


def _host_received(files: dict[str, bytes], evidence: str | None) -> datetime | None:
    """A host's merge (no receive note): the submission time the evidence file's account of
    the Git host gives (:mod:`hsdt.workflow.hostevidence`), when it proves one."""
    from hsdt.workflow.hostevidence import read_account

    if evidence is None or evidence not in files:
        return None
    try:
        data = json.loads(files[evidence])
    except ValueError:
        return None
    account = read_account(data) if isinstance(data, dict) else None
    return account.submitted_at if account is not None else None


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
    """Every file and folder under ``folder`` (the staging bag, hsdt's own: no symlink) dated
    ``moment``; one walk (a pathlib glob and a stat per path cost ten times as much)."""
    stamp = (moment.timestamp(), moment.timestamp())
    for top, dirs, files in os.walk(folder):
        for name in (*files, *dirs):
            os.utime(os.path.join(top, name), stamp, follow_symlinks=False)


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
