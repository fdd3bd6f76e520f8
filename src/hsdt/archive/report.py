"""The package's verification report, in Vietnamese: ``bao-cao-kiem-tra.json`` (for machines
and for ``hsdt export verify``, which recomputes it) and ``bao-cao-kiem-tra.html`` (for people),
the HTML a pure function of the JSON so that the verifier can re-render and compare it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

REPORT_JSON = "bao-cao-kiem-tra.json"
REPORT_HTML = "bao-cao-kiem-tra.html"
MANIFEST_JSON = "ho-so.json"
MANIFEST_CSV = "ho-so.csv"


def report_json(report: Mapping[str, Any]) -> bytes:
    """The JSON bytes (sorted keys: identical across runs)."""
    return json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"


def _yes(value: Any) -> str:
    return "có" if value else "không"


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
OCSP/CRL.</p>
<table>
<tr><th>Bản PDF / hồ sơ</th><th>Chữ ký</th><th>Khớp bản gốc tại thẻ</th>
<th>Bằng chứng duyệt khớp lịch sử</th><th>Kết luận</th></tr>
{"".join(rows)}
</table>
<h2>Hồ sơ đã duyệt nhưng chưa có bản ký</h2>
<ul>{missing or "<li>không có</li>"}</ul>
<h2>Hồ sơ có trong kho nhưng chưa được duyệt</h2>
<ul>{unapproved or "<li>không có</li>"}</ul>
</body>
</html>
"""
    return page.encode("utf-8")
