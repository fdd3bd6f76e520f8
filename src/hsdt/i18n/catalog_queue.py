"""Messages of a record's history (hsdt status --history) and the queues (hsdt queue)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "history.nop": (
        "nộp lần đầu: {who}, nhánh {branch}",
        "first submitted: {who}, branch {branch}",
    ),
    "history.nop_lai": (
        "nộp lại: {who}, nhánh {branch}",
        "resubmitted: {who}, branch {branch}",
    ),
    "history.tra_ve": (
        "trả về để chỉnh sửa: {who}, {role}, lý do: {reason}",
        "sent back for changes: {who}, {role}, reason: {reason}",
    ),
    "history.duyet": (
        "duyệt bước {step}/{steps}: {who}, {role}, commit {commit}",
        "approved step {step}/{steps}: {who}, {role}, commit {commit}",
    ),
    "history.duyet_gop": (
        "duyệt bước {step}/{steps}: {who}, {role}, commit {commit} — đã duyệt đủ, gộp vào main",
        "approved step {step}/{steps}: {who}, {role}, commit {commit} — chain complete, merged into main",
    ),
    "history.duyet_khong_tinh": (
        "duyệt không được tính: {who}, {role}, commit {commit}: {why}",
        "approval not counted: {who}, {role}, commit {commit}: {why}",
    ),
    "history.cong_bo": (
        "đã in và công bố bản PDF: {who}, {pdf}",
        "PDF printed and published: {who}, {pdf}",
    ),
    "history.ky": (
        "đã ký số: {who}, vị trí {place}",
        "signed: {who}, place {place}",
    ),
    "history.gia_han": (
        "hạn nộp và hạn duyệt được gia hạn đến lúc này ({id}, theo quy chế; người cho phép: "
        "{who}; lý do: {reason})",
        "submission and approval deadlines extended to this moment ({id}, per the rules; granted "
        "by {who}; reason: {reason})",
    ),
    "history.khoa_so": (
        "khóa sổ {id} (theo quy chế; người quyết định: {who})",
        "locked by {id} (per the rules; decided by {who})",
    ),
    "history.mo_so": ("mở sổ {id}", "lock {id} lifted"),
    "history.sua_du_lieu": (
        "biên bản sửa dữ liệu {path}: người đề nghị {who}, người cho phép {permitted}, lý do: {reason} ({state})",
        "correction record {path}: requested by {who}, permitted by {permitted}, reason: {reason} ({state})",
    ),
    "history.correction_approved": ("đã duyệt", "approved"),
    "history.correction_pending": ("đang chờ duyệt", "awaiting approval"),
    "history.none": (
        "chưa có lịch sử trên máy chủ (nháp, hoặc chưa tải về: git fetch)",
        "no history on the server yet (a draft, or not fetched: git fetch)",
    ),
    "history.client_time": (
        "[giờ máy khách, không có ghi nhận của máy chủ]",
        "[client's clock, no server record]",
    ),
    "queue.unknown_email": (
        "không tìm thấy ai có e-mail '{email}' trong danh sách nhân sự; đặt git config user.email cho đúng, hoặc dùng --as MA",
        "nobody in the roster has the e-mail '{email}'; set git config user.email, or use --as ID",
    ),
    "queue.unknown_staff": (
        "không có mã nhân sự '{id}' trong danh sách nhân sự của trường",
        "no staff id '{id}' in the school's roster",
    ),
    "queue.title": (
        "Việc chờ {name} ({id}) lúc {at}",
        "What waits for {name} ({id}) at {at}",
    ),
    "queue.nothing": ("(không có)", "(none)"),
    "queue.review": (
        "Chờ bạn duyệt ({count}), cũ nhất trước:",
        "Waiting for your approval ({count}), oldest first:",
    ),
    "queue.review_item": (
        "{path} — {owner} nộp {at}; bước {step}/{steps} ({roles}); {due}",
        "{path} — submitted by {owner} at {at}; step {step}/{steps} ({roles}); {due}",
    ),
    "queue.due": ("hạn {due}, {left}", "due {due}, {left}"),
    "queue.due_only": ("hạn {due}", "due {due}"),
    "queue.no_approval_due": (
        "quy chế không đặt hạn duyệt",
        "the rules set no approval deadline",
    ),
    "queue.no_due": ("quy chế không đặt hạn nộp", "the rules set no deadline"),
    "queue.due_unknown": (
        "loại {type}: hạn nộp tính từ '{key}' của từng hồ sơ, quy chế không cho biết trước",
        "type {type}: the deadline counts from each record's '{key}', which the rules do not give in advance",
    ),
    "queue.left": ("còn {span}", "{span} left"),
    "queue.overdue": ("quá hạn {span}", "overdue by {span}"),
    "queue.days_hours": ("{days} ngày {hours} giờ", "{days} d {hours} h"),
    "queue.hours_minutes": ("{hours} giờ {minutes} phút", "{hours} h {minutes} min"),
    "queue.minutes": ("{minutes} phút", "{minutes} min"),
    "queue.sent_back": (
        "Bị trả về, cần sửa và nộp lại ({count}):",
        "Sent back, to fix and resubmit ({count}):",
    ),
    "queue.sent_back_item": (
        "{path} — {by} trả về lúc {at}, lý do: {reason}",
        "{path} — sent back by {by} at {at}, reason: {reason}",
    ),
    "queue.to_sign": ("Chờ bạn ký số ({count}):", "Waiting for your signature ({count}):"),
    "queue.sign_item": (
        "{pdf} — vị trí {place} (đến lượt bạn)",
        "{pdf} — place {place} (your turn)",
    ),
    "queue.sign_item_later": (
        "{pdf} — vị trí {place} (sau khi người trước ký)",
        "{pdf} — place {place} (after the one before signs)",
    ),
    "queue.owed": (
        "Quy chế yêu cầu tuần này và tuần sau ({count}):",
        "What the rules expect this week and next ({count}):",
    ),
    "queue.owed_item": ("{type} {what}: {due} — {state}", "{type} {what}: {due} — {state}"),
    "queue.week": ("tuần {week}", "week {week}"),
    "queue.status.du": ("đã duyệt và ký", "approved and signed"),
    "queue.status.thieu": ("chưa nộp", "not submitted"),
    "queue.status.chua_duyet": ("đã nộp, chưa duyệt", "submitted, not approved"),
    "queue.status.chua_ky": ("đã duyệt, chưa ký đủ", "approved, not fully signed"),
    "queue.irregular": (
        "không xác định được (quy chế không cho biết kỳ này cần bao nhiêu hồ sơ; nộp theo thời khóa biểu, theo cuộc họp…; khai tan_suat nếu trường yêu cầu đều đặn): {types}",
        "cannot tell (the rules do not say how many records a period needs; they follow the timetable, the meetings…; set tan_suat if the school expects them regularly): {types}",
    ),
    "queue.unknown": ("không xác định được: {why}", "cannot tell: {why}"),
    "queue.late": (
        "Toàn trường: {approvals} bản nộp quá hạn duyệt; {missing} hồ sơ tuần này quá hạn nộp mà máy chủ chưa nhận",
        "Whole school: {approvals} submissions past their approval deadline; {missing} records due this week past their deadline that the server has not received",
    ),
}
"""Key → (Vietnamese, English)."""
