"""The report's charts as SVG: timeliness by week, by group (by school across schools) and
the approval delay.

Drawn with matplotlib (already the project's plotting library in the venv, well kept, no
network, a deterministic SVG backend) rather than pygal (whose SVG relies on its own script
and CSS for labels and tooltips, which the PDF renderer would not run). Text stays text
(``svg.fonttype: none``): the Vietnamese labels are searchable and selectable in the HTML
report, and WeasyPrint draws them with the fonts it has (DejaVu Sans on every Debian, or
the viewer's sans-serif), instead of outlines baked at one size.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from hsdt.i18n import tr
from hsdt.report.aggregate import Report

COLOURS = {"on_time": "#2e7d32", "late": "#ef6c00", "missing": "#c62828"}
FONTS: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans"],
}


def _context(extra: dict[str, Any] | None = None) -> Any:
    """matplotlib's settings for these charts (fonts, SVG text kept as text)."""
    import matplotlib

    context: Any = matplotlib.rc_context
    return context({**FONTS, **(extra or {})})


def _figure(width: float, height: float) -> Any:
    import matplotlib

    matplotlib.use("svg", force=False)
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=72)


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    with _context({"svg.fonttype": "none", "svg.hashsalt": "hsdt"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _stacked(title: str, labels: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    with _context():
        fig = _figure(max(6.0, 0.35 * len(labels) + 2), 3.4)
        ax = fig.add_subplot()
        bottom = [0] * len(labels)
        positions = list(range(len(labels)))
        for key in ("on_time", "late", "missing"):
            values = [int(r[key] or 0) for r in rows]
            ax.bar(positions, values, bottom=bottom, color=COLOURS[key],
                   label=tr(f"report.col.{key}"))  # fmt: skip
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_xticks(positions, list(labels), rotation=45 if len(labels) > 12 else 0)
        ax.set_title(title)
        ax.set_ylabel(tr("report.chart.count"))
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)
        fig.tight_layout()
        return _svg(fig)


def _summed(rows: Sequence[dict[str, Any]], key: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Rows summed by ``key`` (across schools), in first-seen order."""
    totals: dict[str, dict[str, Any]] = {}
    for row in rows:
        label = str(row[key]) if row[key] is not None else tr("report.chart.school_level")
        into = totals.setdefault(label, {"on_time": 0, "late": 0, "missing": 0})
        for name in into:
            into[name] += int(row[name] or 0)
    return list(totals), list(totals.values())


def timeliness_by_week(report: Report) -> str:
    """On time, late and missing per teaching week."""
    rows = sorted(report.table("weeks").as_dicts(), key=lambda r: (r["year"], r["week"]))
    labels, summed = _summed(rows, "week")
    return _stacked(tr("report.chart.weeks"), labels, summed)


def timeliness_by_group(report: Report) -> str:
    """On time, late and missing per subject group, or per school across several."""
    if len(report.table("schools").rows) > 1:
        labels, summed = _summed(report.table("schools").as_dicts(), "school")
        return _stacked(tr("report.chart.schools"), labels, summed)
    labels, summed = _summed(report.table("groups").as_dicts(), "group")
    return _stacked(tr("report.chart.groups"), labels, summed)


def approval_delay(report: Report) -> str:
    """Median and worst hours from receipt to the last approval, per group (or school)."""
    several = len(report.table("schools").rows) > 1
    rows = report.table("schools" if several else "groups").as_dicts()
    key = "school" if several else "group"
    labels = [str(r[key]) if r[key] is not None else tr("report.chart.school_level") for r in rows]
    with _context():
        fig = _figure(6.5, max(2.4, 0.4 * len(labels) + 1.2))
        ax = fig.add_subplot()
        positions = list(range(len(labels)))
        worst = [float(r["delay_max_h"] or 0) for r in rows]
        median = [float(r["delay_median_h"] or 0) for r in rows]
        ax.barh(positions, worst, color="#90caf9", label=tr("report.chart.worst"))
        ax.barh(positions, median, height=0.4, color="#1565c0", label=tr("report.chart.median"))
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlabel(tr("report.chart.hours"))
        ax.set_title(tr("report.chart.delay"))
        ax.legend(loc="lower right", fontsize="small")
        fig.tight_layout()
        return _svg(fig)


def all_charts(report: Report) -> list[str]:
    """The three charts, as SVG documents."""
    return [timeliness_by_week(report), timeliness_by_group(report), approval_delay(report)]
