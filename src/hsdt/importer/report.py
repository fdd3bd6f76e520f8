"""The import report as text lines, in the user's language."""

from __future__ import annotations

from collections.abc import Sequence

from hsdt.i18n import tr
from hsdt.importer.pipeline import UNMAPPED_HEADING, ImportReport, Status, summary
from hsdt.model.problem import Severity

_INDENT = "  "


def report_lines(report: ImportReport) -> list[str]:
    """What ``hsdt import`` prints for one file."""
    if report.status is Status.FAILED:
        error = report.error.msg.render() if report.error is not None else "?"
        return [tr("import.failed", source=report.source, error=error)]
    if report.status is Status.EXISTS:
        return [tr("import.exists", source=report.source, path=report.path)]
    key = "import.created" if report.status is Status.CREATED else "import.planned"
    lines = [tr(key, source=report.source, path=report.path)]
    if report.guess is not None:
        lines.append(
            tr(
                "import.type_guessed",
                type=report.type_id,
                matched=report.guess.matched,
                total=report.guess.total,
            )
        )
    else:
        lines.append(tr("import.type_given", type=report.type_id))
    lines.append(tr("import.mapped", count=len(report.headings)))
    lines.extend(
        _INDENT + tr("import.mapped_item", found=h.found, section=h.section)
        for h in report.headings
    )
    lines.append(tr("import.fields", count=len(report.fields)))
    lines.extend(
        _INDENT + tr("import.field_item", key=f.key, value=f.value, label=f.label)
        for f in report.fields
    )
    if report.unread:
        lines.append(tr("import.unread", lines="; ".join(report.unread)))
    if report.unmapped:
        lines.append(
            tr(
                "import.unmapped",
                count=len(report.unmapped),
                heading=UNMAPPED_HEADING,
                items=" | ".join(report.unmapped),
            )
        )
    if report.missing_sections:
        lines.append(tr("import.missing_sections", items=", ".join(report.missing_sections)))
    if report.missing_fields:
        lines.append(tr("import.missing_fields", items=", ".join(report.missing_fields)))
    if report.images:
        lines.append(tr("import.images", items=", ".join(report.images)))
    lines.extend(note.render() for note in report.notes)
    errors = sum(1 for p in report.problems if p.severity is Severity.ERROR)
    if not report.problems:
        lines.append(tr("import.check_ok"))
    else:
        warnings = len(report.problems) - errors
        lines.append(tr("import.check_problems", errors=errors, warnings=warnings))
        lines.extend(_INDENT + p.render() for p in report.problems)
    return [lines[0], *(_INDENT + line for line in lines[1:])]


def summary_line(reports: Sequence[ImportReport]) -> str:
    """The last line of a folder import."""
    counts = summary(reports)
    clean = sum(1 for r in reports if r.ok and r.status in (Status.CREATED, Status.PLANNED))
    return tr(
        "import.summary",
        total=len(reports),
        created=counts[Status.CREATED],
        planned=counts[Status.PLANNED],
        exists=counts[Status.EXISTS],
        failed=counts[Status.FAILED],
        clean=clean,
    )
