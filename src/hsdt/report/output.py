"""The report in its formats: text (terminal), JSON, CSV (one table), xlsx (a sheet a table,
openpyxl), HTML (tables and the SVG charts inline) and PDF (the same HTML printed by hsdt's
own renderer, A4 landscape). Labels in the current language (Vietnamese, or ``--lang en``);
JSON keeps the column names. Internal documents: nothing here is part of the school's site.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from html import escape
from typing import Any

from hsdt.i18n import tr
from hsdt.model.timeutil import to_vn
from hsdt.report.aggregate import Report, Table

ORDER = ("schools", "groups", "teachers", "weeks", "reviewers", "missing", "unknown")
"""Tables in the order they are shown."""

SCHOOL_HIDDEN = frozenset({"district", "school"})
"""Columns a single school's report does not show (they are the same on every row)."""


def _label(column: str) -> str:
    return tr(f"report.col.{column}")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return to_vn(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _shown(report: Report, several: bool) -> list[Table]:
    out = []
    for name in ORDER:
        table = report.tables.get(name)
        if table is None or (name == "schools" and not several):
            continue
        if several:
            out.append(table)
            continue
        keep = [i for i, c in enumerate(table.columns) if c not in SCHOOL_HIDDEN]
        out.append(
            Table(
                name,
                tuple(table.columns[i] for i in keep),
                tuple(tuple(row[i] for i in keep) for row in table.rows),
            )
        )
    return out


def is_several(report: Report) -> bool:
    """Whether the report covers more than one school."""
    return len(report.table("schools").rows) > 1


def to_text(report: Report, title: str) -> str:
    """Aligned plain-text tables."""
    several = is_several(report)
    lines = [title, tr("report.internal"), ""]
    for table in _shown(report, several):
        lines.append(tr(f"report.table.{table.name}"))
        if not table.rows:
            lines += ["  " + tr("report.none"), ""]
            continue
        header = [_label(c) for c in table.columns]
        body = [[_cell(v) for v in row] for row in table.rows]
        widths = [
            max(len(h), min(TEXT_CELL_WIDTH, max(len(r[i]) for r in body)))
            for i, h in enumerate(header)
        ]
        lines.append("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
        for row in body:
            lines += _text_row(row, widths)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


TEXT_CELL_WIDTH = 60
"""Characters a text table's cell takes at most; longer text (a rule's reason) wraps within
its column instead of widening every line of the table."""


def _text_row(cells: list[str], widths: list[int]) -> list[str]:
    """One row's lines: each cell wrapped at its column's width, the others blank below."""
    import textwrap

    wrapped = [
        textwrap.wrap(v, w, break_long_words=True, break_on_hyphens=False) if len(v) > w else [v]
        for v, w in zip(cells, widths, strict=True)
    ]
    height = max(len(parts) for parts in wrapped)
    out = []
    for at in range(height):
        parts = [p[at] if at < len(p) else "" for p in wrapped]
        out.append("  " + "  ".join(v.ljust(w) for v, w in zip(parts, widths, strict=True)))
    return [line.rstrip() for line in out]


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return to_vn(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_json(report: Report) -> str:
    """Every table as a list of objects (English column names)."""
    data = {
        name: [{k: _json_value(v) for k, v in row.items()} for row in table.as_dicts()]
        for name, table in report.tables.items()
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(report: Report, table_name: str) -> str:
    """One table as CSV (labels in the first row)."""
    if table_name not in report.tables:
        from hsdt.errors import UsageError
        from hsdt.i18n import msg

        raise UsageError(msg("report.no_table", table=table_name))
    table = report.table(table_name)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_label(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def _excel_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return to_vn(value).replace(tzinfo=None)
    return value


def to_xlsx(report: Report, title: str) -> bytes:
    """A workbook, one sheet per table (titles in the current language), numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = True
    for table in _shown(report, is_several(report)):
        sheet = book.active if first else book.create_sheet()
        first = False
        assert sheet is not None
        sheet.title = table.name
        sheet.append([tr(f"report.table.{table.name}")])
        sheet["A1"].font = Font(bold=True)
        sheet.append([_label(c) for c in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_excel_value(v) for v in row])
        for index, column in enumerate(table.columns, start=1):
            letter = sheet.cell(row=2, column=index).column_letter
            sheet.column_dimensions[letter].width = max(10, len(_label(column)) + 2)
    book.properties.title = title
    book.properties.creator = "hsdt"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SCREEN_CSS = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 2em;
  color: #222; }
h1 { font-size: 1.4em; text-align: center; }
h2 { font-size: 1.1em; margin-top: 1.5em; }
table { border-collapse: collapse; font-size: 0.85em; }
th, td { border: 1px solid #999; padding: 2px 6px; }
th { background: #eee; }
td.n { text-align: right; }
figure { display: inline-block; margin: 0.5em 0.5em 0.5em 0; vertical-align: top;
  max-width: 48%; }
figure svg { max-width: 100%; height: auto; }
p.note { font-style: italic; }
"""

PRINT_CSS = """
@page { size: A4 landscape; margin: 15mm 15mm 15mm 20mm;
  @bottom-center { content: counter(page) "/" counter(pages); font-size: 9pt; } }
html { font-family: "LiberationSerif2"; font-size: 8.5pt; }
h1 { font-size: 14pt; text-align: center; }
h2 { font-size: 11pt; margin: 4mm 0 2mm 0; }
table { border-collapse: collapse; }
th, td { border: 0.5pt solid #777; padding: 1pt 3pt; }
td.n { text-align: right; }
figure { display: inline-block; width: 32%; margin: 1mm 0; vertical-align: top; }
figure svg { width: 100%; height: auto; }
"""


def _html_table(table: Table) -> str:
    if not table.rows:
        return f"<p>{escape(tr('report.none'))}</p>"
    head = "".join(f"<th>{escape(_label(c))}</th>" for c in table.columns)
    rows = []
    for row in table.rows:
        cells = "".join(
            f'<td class="n">{escape(_cell(v))}</td>'
            if isinstance(v, (int, float))
            else f"<td>{escape(_cell(v))}</td>"
            for v in row
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def to_html(report: Report, title: str, scope: str, as_of: datetime, *, css: str = "") -> str:
    """A standalone HTML page; ``css`` replaces the screen stylesheet by a ``<link>`` (the
    PDF's)."""
    from hsdt.i18n import current_language
    from hsdt.report.charts import all_charts

    figures = "".join(f"<figure>{svg}</figure>" for svg in all_charts(report))
    sections = "".join(
        f"<h2>{escape(tr(f'report.table.{t.name}'))}</h2>{_html_table(t)}"
        for t in _shown(report, is_several(report))
    )
    style = css or f"<style>{SCREEN_CSS}</style>"
    at = to_vn(as_of).strftime("%d/%m/%Y %H:%M")
    return (
        f'<!DOCTYPE html>\n<html lang="{current_language()}">\n<head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>{style}</head>\n<body>\n<h1>{escape(title)}</h1>\n"
        f'<p class="note">{escape(tr("report.internal"))}</p>\n'
        f"<p>{escape(tr('report.scope', scope=scope))}. {escape(tr('report.as_of', at=at))}.</p>\n"
        f"{figures}\n{sections}\n</body>\n</html>\n"
    )


def to_pdf(report: Report, title: str, scope: str, as_of: datetime, root: str) -> bytes:
    """The HTML report printed by hsdt's renderer (A4 landscape, the records' fonts)."""
    from hsdt.render.fetcher import STYLE_URL
    from hsdt.render.pdf import DocumentJob, write_document

    html = to_html(report, title, scope, as_of, css=f'<link rel="stylesheet" href="{STYLE_URL}">')
    job = DocumentJob(
        html=html, stylesheet=PRINT_CSS, root=root, title=title, subject=scope, moment=as_of
    )
    return write_document(job)
