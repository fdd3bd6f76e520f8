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
        "trả về để chỉnh sửa: {who} ({role}), lý do: {reason}",
        "sent back for changes: {who} ({role}), reason: {reason}",
    ),
    "history.duyet": (
        "duyệt bước {step}/{steps}: {who} ({role}), commit {commit}",
        "approved step {step}/{steps}: {who} ({role}), commit {commit}",
    ),
    "history.duyet_gop": (
        "duyệt bước {step}/{steps}: {who} ({role}), commit {commit} — đã duyệt đủ, gộp vào main",
        "approved step {step}/{steps}: {who} ({role}), commit {commit} — chain complete, merged into main",
    ),
    "history.duyet_khong_tinh": (
        "duyệt không được tính: {who} ({role}), commit {commit}: {why}",
        "approval not counted: {who} ({role}), commit {commit}: {why}",
    ),
    "history.cong_bo": (
        "đã in và công bố bản PDF: {who}, {pdf}",
        "PDF printed and published: {who}, {pdf}",
    ),
    "history.ky": (
        "đã ký số: {who}, vị trí {place}",
        "signed: {who}, place {place}",
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
}
"""Key → (Vietnamese, English)."""
