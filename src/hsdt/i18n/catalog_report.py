"""Messages of the reports (hsdt.report: records expected in a period)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "expected.tag_convention": (
        "thẻ '{name}' không theo quy ước kỳ lưu trữ (tuan-NN-YYYY-YYYY, hk1-/hk2-YYYY-YYYY, nam-hoc-YYYY-YYYY): không biết kỳ nào để liệt kê hồ sơ phải có",
        "tag '{name}' follows no period convention (tuan-NN-YYYY-YYYY, hk1-/hk2-YYYY-YYYY, nam-hoc-YYYY-YYYY): the period whose expected records to list is unknown",
    ),
    "expected.no_year": (
        "thẻ '{name}': hồ sơ nhà trường không mô tả năm học {year} (nam_hoc trong truong.yml)",
        "tag '{name}': the school profile does not describe school year {year} (nam_hoc in truong.yml)",
    ),
    "expected.no_week": (
        "thẻ '{name}': năm học {year} không có tuần {week}",
        "tag '{name}': school year {year} has no week {week}",
    ),
    "expected.no_semester": (
        "thẻ '{name}': hồ sơ nhà trường không cho biết học kỳ bắt đầu, kết thúc khi nào; khai hoc_ky_2 (ngày đầu học kỳ II) cho năm học {year}, hoặc một khoa_so mã '{name}' có tu_ngay và den_ngay",
        "tag '{name}': the school profile does not say when the semesters run; add hoc_ky_2 (first day of semester 2) to school year {year}, or a lock (khoa_so) with id '{name}' giving tu_ngay and den_ngay",
    ),
    "expected.irregular": (
        "loại {type}: quy chế không cho biết kỳ này cần bao nhiêu hồ sơ (không khai tan_suat, không có hạn ngày cố định, tệp không đặt tên theo tuần; ví dụ giáo án theo thời khóa biểu, biên bản theo cuộc họp); khai tan_suat nếu trường yêu cầu đều đặn",
        "type {type}: the rules do not say how many records the period needs (no tan_suat, no fixed due day, files not named by week; e.g. lesson plans follow the timetable, minutes follow meetings); set tan_suat if the school expects them regularly",
    ),
    "expected.no_author": (
        "loại {type}: không có tổ hay giáo viên nào trong hồ sơ nhà trường phải lập loại này",
        "type {type}: no group or teacher of the school profile has to write this type",
    ),
    "expected.no_due_day": (
        "loại {type}: hồ sơ của năm học {year} không có hạn cố định (ngay_co_dinh), chỉ liệt kê trong gói cả năm học",
        "type {type}: the records of school year {year} have no fixed due day (ngay_co_dinh); listed only in a whole school year's package",
    ),
}
"""Key → (Vietnamese, English)."""
