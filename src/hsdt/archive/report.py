"""The package's verification report, in Vietnamese: ``bao-cao-kiem-tra.json`` (for machines
and for ``hsdt export verify``, which recomputes it), ``bao-cao-kiem-tra.html`` (for people)
and ``bao-cao-kiem-tra.pdf`` (to print and keep), the HTML and the PDF pure functions of the
JSON so that the verifier can re-render and compare them.

The PDF is the same facts laid out for print (:func:`report_print_html`: plain paragraphs,
A4 landscape, a line a PDF, so that 2,000 PDFs print in seconds) by hsdt's own renderer
(WeasyPrint, the records' Liberation Serif fonts, the safe fetcher, PDF/A-3u), dated with the
tag's date, with the JSON attached (``AFRelationship=Data``) and the renderer's fingerprint in
its document information: the verifier checks the attachment against the package's JSON
always, and the bytes by printing again when its renderer has the same fingerprint (years
later, another WeasyPrint would lay the same text out differently: then only the attachment
is compared, and the bag's checksums cover the bytes).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hsdt.render.pdf import DocumentJob

REPORT_JSON = "bao-cao-kiem-tra.json"
REPORT_HTML = "bao-cao-kiem-tra.html"
REPORT_PDF = "bao-cao-kiem-tra.pdf"
RENDERER_KEY = "HsdtRenderer"
"""Document-information entry of the PDF naming what printed it
(:func:`hsdt.render.pdf.renderer_fingerprint`)."""
MANIFEST_JSON = "ho-so.json"
MANIFEST_CSV = "ho-so.csv"


PRINT_CSS = """
@page { size: A4 landscape; margin: 15mm 15mm 15mm 20mm;
  @bottom-center { content: "Trang " counter(page) "/" counter(pages);
    font-family: "LiberationSerif2"; font-size: 10pt; } }
html { font-family: "LiberationSerif2"; font-size: 8.5pt; line-height: 1.2; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4mm 0; }
h2 { font-size: 12pt; margin: 4mm 0 2mm 0; }
p { margin: 0 0 1.5pt 0; }
p.loi { color: #a00; }
code { font-family: "LiberationSerif2"; font-style: italic; }
"""
"""The PDF's stylesheet: plain paragraphs, not tables nor nested inline boxes (WeasyPrint lays
out a line in a few milliseconds; a semester's 2,000 PDFs then print in a few seconds)."""


def report_print_html(report: Mapping[str, Any]) -> str:
    """The report laid out for print: the same facts as :func:`report_html`, one paragraph per
    signed PDF and per record the rules expected but that is not done."""
    from hsdt.render.fetcher import STYLE_URL

    e = escape
    lines = []
    for item in report["ban_pdf"]:
        sigs = "; ".join(
            "{signer} ({role}, {level}, {at}{bad})".format(
                signer=e(str(s["nguoi_ky"])),
                role=e(str(s["vai_tro"] or s["o_ky"])),
                level=e(s["muc_pades"]),
                at=e(str(s["thoi_diem_ky"] or "-")),
                bad="" if s["dat"] else ", KHÔNG ĐẠT",
            )
            for s in item["chu_ky"]
        )
        if item["dat"]:
            # a PDF that passes matches its source and its history: no need to say it again
            lines.append(f"<p>ĐẠT · {e(item['ban_pdf'])} · {sigs}</p>")
            continue
        found = "".join(f" — {e(p)}" for p in [*item["van_de"], *item["van_de_lich_su"]])
        lines.append(
            '<p class="loi">KHÔNG ĐẠT · {pdf} · chữ ký: {sigs} · khớp bản gốc tại thẻ: {src} · '
            "bằng chứng duyệt khớp lịch sử: {hist}{found}</p>".format(
                pdf=e(item["ban_pdf"]),
                sigs=sigs or "không có",
                src=_yes(item["khop_nguon_tai_the"]),
                hist=_yes(item["bang_chung_khop_lich_su"]),
                found=found,
            )
        )
    owed = report["ho_so_phai_co"]
    period = report["ky_luu_tru"]
    owed_lines = [
        "<p>{status} · {type} · {who} · {when}{paths}</p>".format(
            status=e(STATUS_TEXT.get(i["trang_thai"], i["trang_thai"])),
            type=e(i["loai"]),
            who=e(i["giao_vien"] or i["to"] or "nhà trường"),
            when=e(_when(i)),
            paths="".join(f" · {e(p)}" for p in i["ho_so"]),
        )
        for i in owed["chua_du"]
    ]
    unknown = [f"<p>{e(u['ly_do'])}</p>" for u in owed["khong_xac_dinh"]]
    listed = [f"<p>{e(p)}</p>" for p in report["da_duyet_chua_co_ban_ky"]]
    unapproved = [f"<p>{e(p)}</p>" for p in report["chua_duyet"]]
    none = "<p>Không có.</p>"
    span = (
        "không xác định được kỳ của thẻ"
        if period is None
        else f"{PERIOD_TEXT.get(period['loai_ky'], period['loai_ky'])} năm học "
        f"{period['nam_hoc']}, từ {period['tu_ngay']} đến {period['den_ngay']}"
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>Báo cáo kiểm tra gói lưu trữ {e(report["the"])}</title>
<link rel="stylesheet" href="{STYLE_URL}">
</head>
<body>
<h1>BÁO CÁO KIỂM TRA GÓI LƯU TRỮ</h1>
<p>Trường: {e(report["truong"])}</p>
<p>Thẻ: <code>{e(report["the"])}</code>, commit <code>{e(report["commit"])}</code>, ngày
{e(report["ngay_the"])}; kỳ: {e(span)}</p>
<p>Số bản PDF đã ký: {report["tong_so"]}; đạt: {report["so_dat"]}; không đạt: {report["so_loi"]}.
Kiểm tra ngoại tuyến: chữ ký đối chiếu với chứng thư tin cậy có trong gói.{_lta_line(report)}</p>
<p>Hồ sơ quy chế yêu cầu trong kỳ: {owed["tong_so"]}; đủ: {owed["so_du"]}; thiếu:
{owed["so_thieu"]}; chưa duyệt: {owed["so_chua_duyet"]}; chưa ký đủ: {owed["so_chua_ky"]}.</p>
<h2>1. Các bản PDF đã ký</h2>
{"".join(lines) or none}
<h2>2. Hồ sơ quy chế yêu cầu trong kỳ: còn thiếu, chưa duyệt, chưa ký</h2>
{"".join(owed_lines) or none}
<h2>3. Quy chế không cho biết</h2>
{"".join(unknown) or none}
<h2>4. Hồ sơ đã duyệt nhưng chưa có bản ký</h2>
{"".join(listed) or none}
<h2>5. Hồ sơ có trong kho nhưng chưa được duyệt</h2>
{"".join(unapproved) or none}
</body>
</html>
"""


def report_pdf_job(report: Mapping[str, Any], root: str) -> DocumentJob:
    """The print job of the report's PDF: a function of the report alone (``root`` is only the
    fetcher's jail; the report names no file)."""
    from datetime import datetime

    from hsdt.render.pdf import DocumentJob, renderer_fingerprint

    return DocumentJob(
        html=report_print_html(report),
        stylesheet=PRINT_CSS,
        root=root,
        title=f"Báo cáo kiểm tra gói lưu trữ {report['the']}",
        subject=f"{report['truong']} — thẻ {report['the']}, commit {report['commit']}",
        moment=datetime.fromisoformat(str(report["ngay_the"])),
        attachments=((REPORT_JSON, report_json(report), "Báo cáo kiểm tra (JSON)"),),
        custom=((RENDERER_KEY, renderer_fingerprint()), ("HsdtTag", str(report["the"]))),
    )


def report_pdf(report: Mapping[str, Any], root: str) -> bytes:
    """The report's PDF bytes."""
    from hsdt.render.pdf import write_document

    return write_document(report_pdf_job(report, root))


def report_json(report: Mapping[str, Any]) -> bytes:
    """The JSON bytes (sorted keys: identical across runs)."""
    return json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"


def _yes(value: Any) -> str:
    return "có" if value else "không"


STATUS_TEXT = {"thieu": "thiếu", "chua_duyet": "chưa duyệt", "chua_ky": "chưa ký đủ"}
"""How the report names what became of an expected record (:class:`hsdt.report.expected.Status`)."""

PERIOD_TEXT = {"tuan": "tuần", "hoc_ky": "học kỳ", "nam_hoc": "năm học"}


def _lta_line(report: Mapping[str, Any]) -> str:
    if not report["b_lta"]:
        return ""
    return (
        " Các bản PDF trong gói đã được bổ sung lên PAdES B-LTA (dữ liệu kiểm tra và dấu thời "
        f"gian tài liệu của {escape(str(report['b_lta']))}); bản trong kho giữ nguyên."
    )


def _when(item: Mapping[str, Any]) -> str:
    if item["tuan"] is not None:
        return f"tuần {item['tuan']} ({item['tu_ngay']} – {item['den_ngay']})"
    if item["han"]:
        return f"hạn {item['han']}"
    if item["tu_ngay"] == item["den_ngay"]:
        return str(item["tu_ngay"])
    return f"năm học {item['nam_hoc']}"


def _expected_html(report: Mapping[str, Any]) -> str:
    """The section on what the rules expected in the period."""
    e = escape
    period = report["ky_luu_tru"]
    owed = report["ho_so_phai_co"]
    if period is None:
        head = "<p>Không xác định được kỳ của thẻ.</p>"
    else:
        head = (
            f"<p>Kỳ: {e(PERIOD_TEXT.get(period['loai_ky'], period['loai_ky']))} "
            f"năm học {e(period['nam_hoc'])}, từ {e(period['tu_ngay'])} đến "
            f"{e(period['den_ngay'])}. Quy chế yêu cầu {owed['tong_so']} hồ sơ; đủ (đã duyệt, "
            f"đã ký): {owed['so_du']}; thiếu: {owed['so_thieu']}; chưa duyệt: "
            f"{owed['so_chua_duyet']}; chưa ký đủ: {owed['so_chua_ky']}.</p>"
        )
    rows = "".join(
        "<tr><td>{status}</td><td>{type}</td><td>{who}</td><td>{when}</td><td>{paths}</td></tr>".format(
            status=e(STATUS_TEXT.get(item["trang_thai"], item["trang_thai"])),
            type=e(item["loai"]),
            who=e(item["giao_vien"] or item["to"] or "nhà trường"),
            when=e(_when(item)),
            paths="<br>".join(f"<code>{e(p)}</code>" for p in item["ho_so"]) or "-",
        )
        for item in owed["chua_du"]
    )
    table = (
        "<table><tr><th>Tình trạng</th><th>Loại</th><th>Người / tổ lập</th><th>Kỳ, hạn</th>"
        f"<th>Hồ sơ</th></tr>{rows}</table>"
        if rows
        else "<p>Không thiếu hồ sơ nào.</p>"
    )
    unknown = "".join(f"<li>{e(u['ly_do'])}</li>" for u in owed["khong_xac_dinh"])
    return (
        f"<h2>Hồ sơ quy chế yêu cầu trong kỳ: còn thiếu, chưa duyệt, chưa ký</h2>\n{head}\n"
        f"{table}\n<h3>Quy chế không cho biết</h3>\n<ul>{unknown or '<li>không có</li>'}</ul>"
    )


def report_html(report: Mapping[str, Any]) -> bytes:
    """The HTML page of ``report``."""
    e = escape
    rows = []
    for item in report["ban_pdf"]:
        sigs = "".join(
            "<li>{signer} — {role} — ký lúc {at} — {level}; nguyên vẹn: {i}, hợp lệ: {v}, "
            "tin cậy: {t}, đúng người ký: {h}{probs}</li>".format(
                signer=e(str(s["nguoi_ky"])),
                role=e(str(s["vai_tro"] or s["o_ky"])),
                at=e(str(s["thoi_diem_ky"] or "-")),
                level=e(s["muc_pades"]),
                i=_yes(s["nguyen_ven"]),
                v=_yes(s["hop_le"]),
                t=_yes(s["tin_cay"]),
                h=_yes(s["dung_nguoi_ky"]),
                probs="".join(f"<br><em>{e(p)}</em>" for p in s["van_de"]),
            )
            for s in item["chu_ky"]
        )
        found = [*item["van_de"], *item["van_de_lich_su"]]
        problems = "".join(f"<li>{e(p)}</li>" for p in found)
        rows.append(
            '<tr class="{cls}"><td><code>{pdf}</code><br>{record}</td><td><ul>{sigs}</ul></td>'
            "<td>{src}</td><td>{hist}</td><td>{verdict}<ul>{problems}</ul></td></tr>".format(
                cls="dat" if item["dat"] else "loi",
                pdf=e(item["ban_pdf"]),
                record=e(item["ho_so"]),
                sigs=sigs or "<li>không có chữ ký</li>",
                src=_yes(item["khop_nguon_tai_the"]),
                hist=_yes(item["bang_chung_khop_lich_su"]),
                verdict="ĐẠT" if item["dat"] else "KHÔNG ĐẠT",
                problems=problems,
            )
        )
    expected = _expected_html(report)
    missing = "".join(f"<li><code>{e(p)}</code></li>" for p in report["da_duyet_chua_co_ban_ky"])
    unapproved = "".join(f"<li><code>{e(p)}</code></li>" for p in report["chua_duyet"])
    page = f"""<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>Báo cáo kiểm tra gói lưu trữ {e(report["the"])}</title>
<style>body{{font-family:"Liberation Serif","Times New Roman",serif}}
table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:4px;vertical-align:top}}
tr.loi{{background:#fdd}}</style>
</head>
<body>
<h1>Báo cáo kiểm tra gói lưu trữ</h1>
<p>Trường: {e(report["truong"])}<br>Thẻ: <code>{e(report["the"])}</code>, commit
<code>{e(report["commit"])}</code>, ngày {e(report["ngay_the"])}<br>
Số bản PDF đã ký: {report["tong_so"]}; đạt: {report["so_dat"]}; không đạt: {report["so_loi"]}</p>
<p>Kiểm tra ngoại tuyến: chữ ký đối chiếu với chứng thư tin cậy có trong gói, không hỏi máy chủ
OCSP/CRL.{_lta_line(report)}</p>
<table>
<tr><th>Bản PDF / hồ sơ</th><th>Chữ ký</th><th>Khớp bản gốc tại thẻ</th>
<th>Bằng chứng duyệt khớp lịch sử</th><th>Kết luận</th></tr>
{"".join(rows)}
</table>
{expected}
<h2>Hồ sơ đã duyệt nhưng chưa có bản ký</h2>
<ul>{missing or "<li>không có</li>"}</ul>
<h2>Hồ sơ có trong kho nhưng chưa được duyệt</h2>
<ul>{unapproved or "<li>không có</li>"}</ul>
</body>
</html>
"""
    return page.encode("utf-8")
