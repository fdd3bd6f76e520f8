"""Messages and labels of ``hsdt report`` (timeliness tables, facts files, the district view)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "report.no_facts": (
        "không tìm thấy tệp dữ kiện (.parquet) nào trong {dirs}; mỗi trường ghi tệp của mình bằng 'hsdt report facts'",
        "no facts file (.parquet) found in {dirs}; each school writes its own with 'hsdt report facts'",
    ),
    "report.missing_extra": (
        "chưa cài phần báo cáo; chạy: pip install 'hsdt[report]'",
        "the report extra is not installed; run: pip install 'hsdt[report]'",
    ),
    "report.bad_range": (
        "--from {first} sau --to {last}",
        "--from {first} is after --to {last}",
    ),
    "report.week_and_range": (
        "chọn --week hoặc --from/--to, không chọn cả hai",
        "give --week or --from/--to, not both",
    ),
    "report.needs_out": (
        "định dạng {fmt} là tệp nhị phân: chỉ rõ --out TỆP",
        "format {fmt} is binary: give --out FILE",
    ),
    "report.facts_written": (
        "đã ghi {count} dòng dữ kiện vào {files} tệp dưới {out}",
        "wrote {count} facts rows into {files} files under {out}",
    ),
    "report.hook_written": (
        "đã ghi {count} dòng dữ kiện báo cáo (hsdt.factsDir)",
        "wrote {count} report facts rows (hsdt.factsDir)",
    ),
    "report.hook_failed": (
        "cảnh báo: chưa ghi được dữ kiện báo cáo sau khi gộp ({reason}); bản đẩy vẫn được nhận",
        "warning: the report facts could not be written after the merge ({reason}); the push is accepted",
    ),
    "report.no_table": (
        "báo cáo này không có bảng {table} (danh sách hồ sơ thiếu của Phòng GD&ĐT cần --details)",
        "this report has no table {table} (the district's list of missing records needs --details)",
    ),
    "report.written": ("đã ghi báo cáo vào {path}", "wrote the report to {path}"),
    "report.title": ("BÁO CÁO TIẾN ĐỘ HỒ SƠ CHUYÊN MÔN", "PROFESSIONAL RECORDS PROGRESS REPORT"),
    "report.district_title": (
        "BÁO CÁO TIẾN ĐỘ HỒ SƠ CHUYÊN MÔN CÁC TRƯỜNG",
        "PROFESSIONAL RECORDS PROGRESS REPORT ACROSS SCHOOLS",
    ),
    "report.internal": (
        "Tài liệu nội bộ: không đăng lên trang web của trường. Thời điểm nộp là thời điểm máy chủ nhận.",
        "Internal document: never published on the school's website. Submission time is the server's receive time.",
    ),
    "report.scope": ("Phạm vi: {scope}", "Scope: {scope}"),
    "report.scope_all": ("toàn bộ", "everything"),
    "report.as_of": ("Số liệu tính đến {at}", "Figures as of {at}"),
    "report.none": ("(không có)", "(none)"),
    "report.table.schools": (
        "Xếp hạng trường theo tỉ lệ đúng hạn",
        "Schools ranked by timeliness",
    ),
    "report.table.groups": ("Theo tổ chuyên môn", "By subject group"),
    "report.table.teachers": ("Theo giáo viên", "By teacher"),
    "report.table.weeks": ("Theo tuần", "By week"),
    "report.table.reviewers": ("Hồ sơ chờ duyệt theo người duyệt", "Waiting per reviewer"),
    "report.table.missing": ("Hồ sơ quy chế yêu cầu nhưng còn thiếu", "Expected but missing"),
    "report.table.unknown": (
        "Quy chế không cho biết số hồ sơ phải có",
        "What the rules cannot say is expected",
    ),
    "report.col.rank": ("Hạng", "Rank"),
    "report.col.district": ("Phòng GD&ĐT", "District"),
    "report.col.school": ("Trường", "School"),
    "report.col.year": ("Năm học", "School year"),
    "report.col.group": ("Tổ", "Group"),
    "report.col.teacher": ("Giáo viên", "Teacher"),
    "report.col.week": ("Tuần", "Week"),
    "report.col.type": ("Loại hồ sơ", "Record type"),
    "report.col.expected": ("Phải nộp", "Expected"),
    "report.col.submitted": ("Đã nộp", "Submitted"),
    "report.col.on_time": ("Đúng hạn", "On time"),
    "report.col.late": ("Muộn", "Late"),
    "report.col.missing": ("Thiếu", "Missing"),
    "report.col.sendbacks": ("Lượt trả về", "Sent back"),
    "report.col.delay_median_h": ("Duyệt sau (giờ, trung vị)", "Approval delay (h, median)"),
    "report.col.delay_max_h": ("Duyệt sau (giờ, lâu nhất)", "Approval delay (h, worst)"),
    "report.col.signatures_pending": ("Chữ ký còn thiếu", "Signatures pending"),
    "report.col.timely_pct": ("Đúng hạn (%)", "On time (%)"),
    "report.col.reviewer": ("Người duyệt", "Reviewer"),
    "report.col.pending": ("Đang chờ", "Waiting"),
    "report.col.oldest_h": ("Chờ lâu nhất (giờ)", "Oldest (h)"),
    "report.col.median_h": ("Chờ trung vị (giờ)", "Median wait (h)"),
    "report.col.period_first": ("Từ ngày", "From"),
    "report.col.period_last": ("Đến ngày", "To"),
    "report.col.due_at": ("Hạn nộp", "Due"),
    "report.col.why": ("Lý do", "Why"),
    "report.col.records": ("Số hồ sơ", "Records"),
    "report.chart.weeks": ("Nộp đúng hạn theo tuần", "Timeliness by week"),
    "report.chart.groups": ("Nộp đúng hạn theo tổ", "Timeliness by group"),
    "report.chart.schools": ("Nộp đúng hạn theo trường", "Timeliness by school"),
    "report.chart.delay": (
        "Thời gian từ khi nộp đến khi duyệt xong (giờ)",
        "Time from receipt to the last approval (hours)",
    ),
    "report.chart.school_level": ("(cấp trường)", "(school)"),
    "report.chart.count": ("Số hồ sơ", "Records"),
    "report.chart.hours": ("Giờ", "Hours"),
    "report.chart.median": ("Trung vị", "Median"),
    "report.chart.worst": ("Lâu nhất", "Worst"),
}
"""Key → (Vietnamese, English)."""
