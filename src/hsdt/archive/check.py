"""``hsdt export verify``: re-check a package offline with only what is inside it.

In order: the bag (bagit's own validation: every checksum, no payload file added or missing,
and no unexpected file beside the bag's own); the manifest (``ho-so.json``) against the files
and the CSV against the JSON; every PDF again (signatures against the package's own trust
roots, the people against the package's roster, the attached source against the package's
Markdown, the PDF against the record it is filed as); the report against that re-check, the
HTML against the JSON, and the report's PDF against the JSON (its attachment always, its bytes
when this machine's renderer is the export's: :mod:`hsdt.archive.report`). Each problem is
named; any problem fails the package.

What history said at export time (whether the evidence matched main) cannot be recomputed
without the repository: the verifier takes the report's word for it, and the report is covered
by the bag's checksums.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hsdt.archive.checks import PdfJob, check_all
from hsdt.archive.metadata import manifest_csv
from hsdt.archive.report import (
    MANIFEST_CSV,
    MANIFEST_JSON,
    RENDERER_KEY,
    REPORT_HTML,
    REPORT_JSON,
    REPORT_PDF,
    report_html,
)
from hsdt.errors import HsdtError, UsageError
from hsdt.i18n import Msg, msg

BAG_FILES = frozenset({"bagit.txt", "bag-info.txt", "data"})
"""Names allowed at the bag's top level besides ``manifest-*.txt`` and ``tagmanifest-*.txt``."""


@dataclass(frozen=True)
class PackageCheck:
    """The verdict on a package."""

    path: str
    """The package checked."""
    count: int
    """Signed PDFs its manifest lists."""
    problems: tuple[Msg, ...]
    """Every problem found; empty: the package is sound."""
    roots: tuple[tuple[str, str], ...] = ()
    """The package's own trust roots the signatures were checked against: (subject, SHA-256
    fingerprint). A package forged end to end under another CA is sound against its own roots:
    only comparing these fingerprints with the school's, known from elsewhere, tells them
    apart."""

    @property
    def ok(self) -> bool:
        """No problem."""
        return not self.problems


def verify_package(path: Path, *, workers: int = 1) -> PackageCheck:
    """Check the package folder or ``.zip`` at ``path``."""
    if path.is_file():
        with tempfile.TemporaryDirectory(prefix="hsdt-export-verify-") as tmp:
            bag = _unzip(path, Path(tmp))
            return _verify(bag, str(path), workers)
    if not path.is_dir():
        raise UsageError(msg("export.no_package", path=str(path)))
    return _verify(path, str(path), workers)


UNZIP_SLACK = 64 << 20
"""Bytes a package's entries may hold beyond :data:`UNZIP_RATIO` times the zip's own size."""
UNZIP_RATIO = 4
"""hsdt stores a package's entries uncompressed: a zip whose entries unpack to much more than
the zip itself was not made by hsdt (a zip bomb), and is refused before it fills the disk."""


def _unzip(path: Path, dest: Path) -> Path:
    """The package's one top folder, extracted under ``dest``: safe paths only, no name twice,
    each entry streamed and the whole bounded (:data:`UNZIP_RATIO`)."""
    import shutil
    import zipfile
    import zlib

    from hsdt.git.safepath import inside

    def bad(reason: str) -> UsageError:
        return UsageError(msg("export.bad_zip", path=str(path), reason=reason))

    budget = UNZIP_RATIO * path.stat().st_size + UNZIP_SLACK
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = [i.filename for i in infos]
            tops = {n.split("/", 1)[0] for n in names}
            if len(tops) != 1:
                raise bad(msg("export.zip_tops").render())
            if len(set(names)) != len(names):
                twice = sorted({n for n in names if names.count(n) > 1})[0]
                raise bad(msg("export.zip_twice", entry=twice).render())
            if sum(i.file_size for i in infos) > budget:
                raise bad(msg("export.zip_too_big").render())
            for info in infos:
                if info.is_dir():
                    continue
                try:
                    target = inside(dest, info.filename)
                except ValueError as e:
                    raise bad(msg("export.zip_unsafe", entry=info.filename).render()) from e
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    with archive.open(info) as src, target.open("wb") as out:
                        # at most the declared size (and the budget) is read
                        shutil.copyfileobj(src, out, 1 << 20)
                        budget -= out.tell()
                except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error,
                        EOFError, ValueError) as e:  # fmt: skip
                    raise bad(
                        msg("export.zip_entry", entry=info.filename, detail=str(e)).render()
                    ) from e
                if budget < 0:
                    raise bad(msg("export.zip_too_big").render())
    except (zipfile.BadZipFile, OSError) as e:
        raise bad(str(e) or type(e).__name__) from e
    return dest / tops.pop()


def _bag_shape_problems(bag_dir: Path) -> list[Msg]:
    """What bagit must not be trusted with: a symbolic link anywhere in the package (bagit's
    own test of paths compares strings, so a link or ``../`` to a sibling folder whose name
    begins like the bag's passes), a manifest line naming a path outside ``data/``, and tag
    files not in UTF-8 (what hsdt writes; bagit fails on others with decoding errors)."""
    import os

    from hsdt.git.safepath import is_safe

    problems: list[Msg] = []
    for top, dirs, files in os.walk(bag_dir):
        for name in sorted([*dirs, *files]):
            full = Path(top) / name
            if full.is_symlink():
                problems.append(msg("export.symlink", path=full.relative_to(bag_dir).as_posix()))
    for name in ("bagit.txt", "bag-info.txt"):
        try:
            text = (bag_dir / name).read_bytes().decode("utf-8")
        except FileNotFoundError:
            continue  # bagit names a missing bagit.txt; a missing bag-info.txt is named below
        except (OSError, UnicodeDecodeError):
            problems.append(msg("export.tag_file_encoding", file=name))
            continue
        if name == "bagit.txt" and "Tag-File-Character-Encoding: UTF-8" not in text:
            problems.append(msg("export.tag_file_encoding", file=name))
    for manifest in sorted(bag_dir.glob("manifest-*.txt")):
        try:
            lines = manifest.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            problems.append(msg("export.bag_invalid", detail=manifest.name))
            continue
        for number, line in enumerate(lines, 1):
            entry = line.strip().split(None, 1)[1] if len(line.split(None, 1)) == 2 else ""
            if not entry.startswith("data/") or not is_safe(entry.encode("utf-8")):
                problems.append(
                    msg("export.manifest_path", file=manifest.name, line=number, path=entry)
                )
    return problems


def _verify(bag_dir: Path, shown: str, workers: int) -> PackageCheck:
    import bagit

    problems: list[Msg] = []
    for item in sorted(bag_dir.iterdir()):
        name = item.name
        if name not in BAG_FILES and not (
            name.startswith(("manifest-", "tagmanifest-")) and name.endswith(".txt")
        ):
            problems.append(msg("export.extra_file", path=name))
    shape = _bag_shape_problems(bag_dir)
    if shape:  # nothing is read through a link or outside the bag
        return PackageCheck(shown, 0, tuple(problems + shape))
    bag = None
    try:
        bag = bagit.Bag(str(bag_dir))
        bag.validate(processes=max(1, workers))
    except bagit.BagValidationError as e:
        details = e.details or [e.message]
        problems += [msg("export.bag_invalid", detail=str(d)) for d in details]
    except (bagit.BagError, UnicodeError, LookupError) as e:
        # LookupError: a Tag-File-Character-Encoding Python does not know
        problems.append(msg("export.bag_invalid", detail=str(e) or type(e).__name__))
        return PackageCheck(shown, 0, tuple(problems))
    data = bag_dir / "data"
    try:
        manifest = json.loads((data / MANIFEST_JSON).read_bytes())
        report = json.loads((data / REPORT_JSON).read_bytes())
        rows: list[dict[str, Any]] = manifest["ho_so"]
        items: list[dict[str, Any]] = report["ban_pdf"]
    except (OSError, ValueError, KeyError, TypeError):
        problems.append(msg("export.unreadable_manifest"))
        return PackageCheck(shown, 0, tuple(problems))
    info = bag.info if bag is not None and (bag_dir / "bag-info.txt").is_file() else None
    problems += _bag_info_problems(info, report)
    problems += _manifest_problems(data, rows, items)
    problems += _recheck(data, rows, items, workers)
    html = data / REPORT_HTML
    try:
        same_html = html.read_bytes() == report_html(report)
    except (OSError, KeyError, TypeError):
        same_html = False
    if not same_html:
        problems.append(msg("export.html_differs"))
    problems += _report_pdf_problems(data, report)
    return PackageCheck(shown, len(rows), tuple(problems), _roots_of(data))


def _roots_of(data: Path) -> tuple[tuple[str, str], ...]:
    """Subject and SHA-256 fingerprint of each trust root in the package."""
    from hsdt.sign.trust import load_certificates

    try:
        roots = load_certificates(data / "signatures")
    except HsdtError:
        return ()
    return tuple(
        sorted((str(c.subject.human_friendly), hashlib.sha256(c.dump()).hexdigest()) for c in roots)
    )


BAG_INFO_FACTS = {
    "External-Identifier": "the",
    "Hsdt-Tag-Commit": "commit",
    "Hsdt-Tag-Object": "doi_tuong_the",
    "Hsdt-Tag-Date": "ngay_the",
    "Source-Organization": "truong",
    "Bag-Group-Identifier": "ma_truong",
}
"""``bag-info.txt`` labels hsdt writes → the report's key holding the same fact."""


def _bag_info_problems(info: dict[str, Any] | None, report: dict[str, Any]) -> list[Msg]:
    """``bag-info.txt`` (``info``, as bagit read it; None: missing) must say what the report
    says of the tag and the school (bagit's checksums of tag files prove only that the tag
    manifest was made after them)."""
    if info is None:
        return [msg("export.bag_info_missing")]
    problems = []
    for label, key in BAG_INFO_FACTS.items():
        said = info.get(label)
        if str(said if said is not None else "") != str(report.get(key) or ""):
            problems.append(msg("export.bag_info_differs", label=label))
    return problems


def _report_pdf_problems(data: Path, report: dict[str, Any]) -> list[Msg]:
    """The report's PDF must carry the package's JSON; when this machine prints with the same
    renderer as the export did, printing the JSON again must give the same bytes."""
    from hsdt.sign.pdfdoc import embedded_files, open_reader

    try:
        printed = (data / REPORT_PDF).read_bytes()
        reader = open_reader(printed, REPORT_PDF)
        attached = embedded_files(reader).get(REPORT_JSON)
        renderer = str(reader.trailer["/Info"].get(f"/{RENDERER_KEY}", ""))
    except (OSError, HsdtError, KeyError, TypeError, ValueError):
        return [msg("export.report_pdf_unreadable")]
    if attached != (data / REPORT_JSON).read_bytes():
        return [msg("export.report_pdf_differs")]
    try:
        from hsdt.archive.report import report_pdf
        from hsdt.render.pdf import renderer_fingerprint

        same_renderer = renderer == renderer_fingerprint()
    except ImportError:  # pragma: no cover - WeasyPrint comes with the archive extra
        same_renderer = False
    if same_renderer and report_pdf(report, str(data)) != printed:
        return [msg("export.report_pdf_differs")]
    return []


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _manifest_problems(
    data: Path, rows: list[dict[str, Any]], items: list[dict[str, Any]]
) -> list[Msg]:
    problems: list[Msg] = []
    on_disk = sorted(
        p.relative_to(data).as_posix() for p in (data / "signatures").rglob("*.pdf") if p.is_file()
    )
    listed = sorted(str(r.get("ban_pdf")) for r in rows)
    reported = sorted(str(i.get("ban_pdf")) for i in items)
    for pdf in sorted(set(on_disk) - set(listed)):
        problems.append(msg("export.pdf_not_listed", pdf=pdf))
    for pdf in sorted(set(listed) - set(on_disk)):
        problems.append(msg("export.pdf_missing", pdf=pdf))
    if listed != reported:
        problems.append(msg("export.report_other_pdfs"))
    try:
        same_csv = (data / MANIFEST_CSV).read_bytes() == manifest_csv(rows)
    except (OSError, KeyError, TypeError):
        same_csv = False
    if not same_csv:
        problems.append(msg("export.csv_differs"))
    for row in rows:
        pdf = str(row.get("ban_pdf"))
        if pdf in on_disk and _sha(data / pdf) != row.get("sha256_pdf"):
            problems.append(msg("export.pdf_hash", pdf=pdf))
        record = str(row.get("duong_dan"))
        digest = _sha(data / record)
        if digest is None:
            problems.append(msg("export.source_missing", record=record))
        elif digest != row.get("sha256_nguon"):
            problems.append(msg("export.source_hash", record=record))
        for correction in row.get("bien_ban_sua") or []:
            if _sha(data / str(correction)) is None:
                problems.append(msg("export.source_missing", record=str(correction)))
    return problems


def _recheck(
    data: Path, rows: list[dict[str, Any]], items: list[dict[str, Any]], workers: int
) -> list[Msg]:
    from hsdt.sign.trust import load_certificates

    try:
        roots = load_certificates(data / "signatures")
    except HsdtError as e:
        return [e.msg]
    by_pdf = {str(i.get("ban_pdf")): i for i in items}
    jobs = []
    for row in rows:
        pdf, record = str(row.get("ban_pdf")), str(row.get("duong_dan"))
        try:
            content = (data / pdf).read_bytes()
        except OSError:
            continue
        source = data / record
        jobs.append(PdfJob(pdf, content, record, source.read_bytes() if source.is_file() else None))
    problems: list[Msg] = []
    rows_by_pdf = {str(r.get("ban_pdf")): r for r in rows}
    rebuild = _row_builder(data)
    for check in check_all(jobs, roots, data, workers):
        pdf = check["ban_pdf"]
        for text in check["van_de"]:
            problems.append(msg("export.pdf_problem", pdf=pdf, text=text))
        stored = by_pdf.get(pdf)
        if stored is None:
            continue
        history_ok = bool(stored.get("bang_chung_khop_lich_su"))
        expected = {
            **check,
            "bang_chung_khop_lich_su": history_ok,
            "van_de_lich_su": stored.get("van_de_lich_su"),
            "dat": check["dat"] and history_ok,
        }
        if expected != stored:
            problems.append(msg("export.report_differs", pdf=pdf))
        row = rows_by_pdf[pdf]
        signatures = [
            {k: s[k] for k in ("nguoi_ky", "vai_tro", "thoi_diem_ky", "muc_pades")}
            for s in check["chu_ky"]
        ]
        if (
            row.get("so_luong_trang") != check["so_trang"]
            or row.get("chu_ky") != signatures
            or row.get("sha256_nguon") != check["sha256_nguon"]
            or (rebuild is not None and rebuild(row, check) != row)
        ):
            problems.append(msg("export.row_differs", pdf=pdf))
    return problems


def _row_builder(data: Path) -> Any:
    """A function making a manifest row again from the package's own files (the record's
    front matter, its evidence, the school's profile) as the export made it, the receive time
    taken from the row (the server's notes are not in the package); None without a readable
    profile (the checks then name the missing roster)."""
    from datetime import datetime

    from hsdt.archive.inventory import Entry
    from hsdt.archive.metadata import record_row
    from hsdt.load.profile import load_school

    try:
        school = load_school(data)
    except HsdtError:
        return None

    def rebuild(row: dict[str, Any], check: dict[str, Any]) -> dict[str, Any] | None:
        pdf, record = str(row.get("ban_pdf")), str(row.get("duong_dan"))
        evidence = pdf.removesuffix(".pdf") + ".json"
        files: dict[str, bytes] = {}
        for rel in (record, evidence):
            try:
                files[rel] = (data / rel).read_bytes()
            except OSError:
                continue
        corrections = tuple(str(c) for c in row.get("bien_ban_sua") or [])
        entry = Entry(pdf, record, evidence if evidence in files else None, corrections)
        try:
            text = row.get("thoi_diem_nhan")
            received = datetime.fromisoformat(text) if isinstance(text, str) else None
        except ValueError:
            return None
        made = record_row(entry, files, school, check, received)
        if "sha256_pdf_trong_kho" in row:
            # the repository's copy (before --lta): not in the package, taken as written
            made["sha256_pdf_trong_kho"] = row["sha256_pdf_trong_kho"]
        return made

    return rebuild
