"""Messages of the demo (scripts/demo.sh, scripts/demo_week.py, :mod:`hsdt.demoweek`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "demo.week_6": (
        "Tuần demo: tuần {week} năm học {year} ({span}), vì tuần 6 đã qua (hôm nay {today})",
        "Demo week: week {week} of school year {year} ({span}), as week 6 is over "
        "(today is {today})",
    ),
    "demo.week_last": (
        "Tuần demo: tuần {week} năm học {year} ({span}), tuần học gần nhất đã kết thúc "
        "(hôm nay {today}, tuần 6 chưa qua hoặc có ngày nghỉ)",
        "Demo week: week {week} of school year {year} ({span}), the last teaching week that is "
        "over (today is {today}; week 6 is not over or has a holiday)",
    ),
    "demo.week_first": (
        "Tuần demo: tuần {week} năm học {year} ({span}), tuần học đầu tiên: chưa tuần học nào "
        "kết thúc (hôm nay {today}), các thời điểm nộp là giả định",
        "Demo week: week {week} of school year {year} ({span}), the first teaching week: none "
        "is over yet (today is {today}); the submission times are simulated",
    ),
    "demo.year_added": (
        "Năm học {year} chưa có trong hồ sơ nhà trường: thêm, suy từ năm học {source} (cùng "
        "ngày tháng, tuần 1 vào thứ Hai gần nhất; ngày nghỉ Tết là ước tính, nhà trường sửa "
        "theo lịch chính thức)",
        "School year {year} is not in the profile: adding it, derived from {source} (same days "
        "and months, week 1 on the nearest Monday; the Tết holiday is an estimate for the "
        "school to correct from the official calendar)",
    ),
    "demo.bad_today": (
        "HSDT_DEMO_TODAY phải là ngày dạng YYYY-MM-DD, nhận được '{value}'",
        "HSDT_DEMO_TODAY must be a date YYYY-MM-DD, got '{value}'",
    ),
    "demo.year_too_early": (
        "hôm nay ({today}) thuộc năm học {year}, trước năm học đầu tiên của hồ sơ ({first}): "
        "demo chỉ thêm năm học mới",
        "today ({today}) is in school year {year}, before the profile's first year ({first}): "
        "the demo only adds later years",
    ),
    "demo.no_week": (
        "năm học {year} không có tuần học nào trọn vẹn (thứ Hai đến thứ Bảy không nghỉ)",
        "school year {year} has no full teaching week (Monday to Saturday without a holiday)",
    ),
    "demo.year_missing": (
        "năm học {year} chưa có trong hồ sơ nhà trường; chạy trước: "
        "python scripts/demo_week.py env (in lệnh hsdt nam-hoc them cần chạy)",
        "school year {year} is not in the profile; first run: "
        "python scripts/demo_week.py env (prints the hsdt nam-hoc them to run)",
    ),
    "demo.week_missing": (
        "năm học {year} không có tuần học {week} (thứ Hai đến thứ Bảy không nghỉ)",
        "school year {year} has no teaching week {week} (Monday to Saturday without a holiday)",
    ),
    "demo.bad_template": (
        "mẫu hồ sơ demo có chỗ điền không biết '{name}' (biết: {known})",
        "demo record template has an unknown placeholder '{name}' (known: {known})",
    ),
}
