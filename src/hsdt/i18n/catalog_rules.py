"""Messages of the rules as the schools mean them (issue 14, part A): weekly cut-offs with a
lead, early posting, earliest dates, meetings' end times, calendar sanity, the school's own
names for states."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # profile options
    "profile.option_kind": (
        "'{key}' chỉ dùng được với hạn kiểu '{kind}'",
        "'{key}' applies only to deadlines of kind '{kind}'",
    ),
    "profile.cutoff_needs_lead": (
        "cach_tinh: du_so_ngay cần '{key}' (số ngày phải còn lại sau mốc nộp)",
        "cach_tinh: du_so_ngay needs '{key}' (the days of lead a cut-off must leave)",
    ),
    "profile.bad_anchor_time": (
        "loại hồ sơ '{type}' không có khóa giờ '{value}' để làm mốc (gio_moc phải là một "
        "khóa kiểu giờ, ví dụ gio_ket_thuc)",
        "record type '{type}' has no time key '{value}' to count from (gio_moc must be a "
        "time key, e.g. gio_ket_thuc)",
    ),
    "profile.state_step": (
        "'{key}': chuỗi duyệt của loại hồ sơ này chỉ có {steps} bước",
        "'{key}': this type's approval chain has only {steps} steps",
    ),
    # deadlines
    "deadline.late_cutoff_lead": (
        "nộp muộn: nộp lúc {at}, hạn là {due} (mốc nộp hằng tuần: {weekdays}; mốc muộn nhất "
        "còn đủ {days} ngày trước ngày {day})",
        "late: submitted at {at}, due {due} (weekly cut-offs: {weekdays}; the latest that "
        "still leaves {days} days before {day})",
    ),
    "deadline.late_after_hours": (
        "nộp muộn: nộp lúc {at}, hạn là {due} ({hours} giờ sau khi kết thúc)",
        "late: submitted at {at}, due {due} ({hours} hours after the end)",
    ),
    "deadline.need_time": (
        "thiếu '{key}': quy chế tính thời điểm được nộp từ '{anchor}' lúc '{key}'",
        "'{key}' is missing: the rules count the time it may be submitted from '{anchor}' at "
        "'{key}'",
    ),
    "deadline.weekday_no_later": (
        "nộp muộn: nộp lúc {at}; nhà trường nhận loại hồ sơ này chậm nhất vào {weekdays} "
        "trước ngày {day}, tức là hết {last}",
        "late: submitted at {at}; the school takes this type no later than {weekdays} before "
        "{day}, that is by the end of {last}",
    ),
    "chain.weekday_no_later": (
        "duyệt lúc {at} không được tính: quy chế cho duyệt chậm nhất vào {weekdays} trước ngày "
        "{day}, tức là hết {last}",
        "the approval at {at} does not count: the rules allow approvals no later than "
        "{weekdays} before {day}, that is by the end of {last}",
    ),
    "chain.too_early": (
        "duyệt lúc {at} không được tính: chưa đến thời điểm được duyệt ({start})",
        "the approval at {at} does not count: it came before approvals may start ({start})",
    ),
    # calendar sanity
    "calendar.span_reversed": (
        "{label} {value} sau {end_label} {end}: ngày bắt đầu phải trước hoặc trùng ngày kết thúc",
        "{label} {value} is after {end_label} {end}: the first day must not follow the last",
    ),
    "calendar.week_mismatch": (
        "{label} {value} không thuộc tuần {week} của năm học {year}: tuần {week} là từ "
        "{monday} đến {sunday}",
        "{label} {value} is not in week {week} of school year {year}: week {week} runs from "
        "{monday} to {sunday}",
    ),
    # hsdt new
    "new.week_title": (
        "{name} tuần {week} ({start} - {end})",
        "{name}, week {week} ({start} - {end})",
    ),
    # state labels
    "state.step": ("đã duyệt bước {done}/{total}", "approved step {done}/{total}"),
    "site.f.state": ("Trạng thái", "State"),
}
