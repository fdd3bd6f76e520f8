"""hsdt.report.output.to_text: aligned plain-text tables, Vietnamese labels; a cell longer than
the column cap (a rule's reason) wraps inside its column, so the table stays readable in a
terminal and nothing of the text is lost."""

from __future__ import annotations

from hsdt.report.aggregate import Report, Table
from hsdt.report.output import TEXT_CELL_WIDTH, to_text

REASON = (
    "loại khbd-trung-hoc: quy chế không cho biết kỳ này cần bao nhiêu hồ sơ (không khai "
    "tan_suat, không có hạn ngày cố định, tệp không đặt tên theo tuần; ví dụ giáo án theo thời "
    "khóa biểu, biên bản theo cuộc họp); khai tan_suat nếu trường yêu cầu đều đặn"
)


def _report() -> Report:
    schools = Table("schools", ("district", "school", "expected"), (("d", "s", 3),))
    unknown = Table(
        "unknown",
        ("year", "type", "why", "records"),
        (("2026-2027", "khbd-trung-hoc", REASON, 3), ("2026-2027", "bao-giang", "ngắn", 12)),
    )
    return Report({"schools": schools, "unknown": unknown})


def test_a_long_cell_wraps_inside_its_column_and_keeps_every_word() -> None:
    text = to_text(_report(), "Báo cáo")
    lines = text.splitlines()
    start = lines.index("Quy chế không cho biết số hồ sơ phải có")
    table = lines[start + 1 :]
    header = table[0]
    assert header.split() == ["Năm", "học", "Loại", "hồ", "sơ", "Lý", "do", "Số", "hồ", "sơ"]
    reason_at = header.index("Lý do")
    count_at = header.index("Số hồ sơ")
    assert count_at - reason_at == TEXT_CELL_WIDTH + 2
    first, *rest = [line for line in table[1:] if line]
    assert first.startswith("  2026-2027  khbd-trung-hoc  loại khbd-trung-hoc:")
    assert first[count_at:] == "3"  # the count stays in its column on the row's first line
    wrapped = [line for line in rest if not line.lstrip().startswith("2026-2027")]
    assert len(wrapped) >= 3
    for line in wrapped:
        assert line[:reason_at].strip() == ""  # continuation lines: only the reason's column
        assert len(line) <= reason_at + TEXT_CELL_WIDTH
    pieces = [first[reason_at:count_at].strip()] + [line[reason_at:].strip() for line in wrapped]
    assert " ".join(pieces) == REASON
    short = next(line for line in table if "bao-giang" in line)
    assert short.split() == ["2026-2027", "bao-giang", "ngắn", "12"]
    assert short.index("12") == count_at


def test_short_tables_are_as_wide_as_their_widest_cell() -> None:
    report = Report(
        {
            "schools": Table("schools", ("district", "school"), (("d", "s"),)),
            "unknown": Table("unknown", ("year", "why"), (("2026-2027", "ngắn"),)),
        }
    )
    lines = to_text(report, "Báo cáo").splitlines()
    header = next(line for line in lines if "Lý do" in line)
    assert header == "  Năm học    Lý do"
    assert "  2026-2027  ngắn" in lines
