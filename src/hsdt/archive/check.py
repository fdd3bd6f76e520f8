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


def _unzip(path: Path, dest: Path) -> Path:
    import zipfile

    from hsdt.git.safepath import inside

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            tops = {n.split("/", 1)[0] for n in names}
            if len(tops) != 1:
                raise UsageError(msg("export.bad_zip", path=str(path)))
            for name in names:
                if name.endswith("/"):
                    continue
                try:
                    target = inside(dest, name)
                except ValueError as e:
                    raise UsageError(msg("export.bad_zip", path=str(path))) from e
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    except (zipfile.BadZipFile, OSError) as e:
        raise UsageError(msg("export.bad_zip", path=str(path))) from e
    return dest / tops.pop()


def _verify(bag_dir: Path, shown: str, workers: int) -> PackageCheck:
    import bagit

    problems: list[Msg] = []
    for item in sorted(bag_dir.iterdir()):
        name = item.name
        if name not in BAG_FILES and not (
            name.startswith(("manifest-", "tagmanifest-")) and name.endswith(".txt")
        ):
            problems.append(msg("export.extra_file", path=name))
    try:
        bagit.Bag(str(bag_dir)).validate(processes=max(1, workers))
    except bagit.BagValidationError as e:
        details = e.details or [e.message]
        problems += [msg("export.bag_invalid", detail=str(d)) for d in details]
    except bagit.BagError as e:
        problems.append(msg("export.bag_invalid", detail=str(e)))
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
    return PackageCheck(shown, len(rows), tuple(problems))


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
        ):
            problems.append(msg("export.row_differs", pdf=pdf))
    return problems
