"""Word documents in the shapes Vietnamese teachers write, generated at test time (python-docx).

Each generator writes one .docx and returns a :class:`Sample`: its path and the texts of the
body that an imported record must keep (the tests compare them with the rendered PDF's words).
Headings are bold or upper-case paragraphs typed with their numbering, as teachers do, never
Word heading styles. Every person and school here is invented (the demo profiles' roster).
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.shared import Cm

MATH_NS = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'


@dataclass
class Sample:
    """A generated document."""

    path: Path
    """The .docx."""
    body: list[str] = field(default_factory=list)
    """Texts of its content (not its header lines) the record must keep."""


class _Writer:
    def __init__(self) -> None:
        self.doc: Document = docx.Document()
        self.body: list[str] = []

    def bold(self, text: str) -> None:
        self.doc.add_paragraph().add_run(text).bold = True

    def upper(self, text: str) -> None:
        self.doc.add_paragraph(text.upper())

    def line(self, text: str, keep: bool = True) -> None:
        self.doc.add_paragraph(text)
        if keep:
            self.body.append(text)

    def lead(self, head: str, rest: str) -> None:
        """``**a) Mục tiêu:** rest`` in one paragraph."""
        para = self.doc.add_paragraph()
        para.add_run(head).bold = True
        para.add_run(" " + rest)
        self.body.append(rest)

    def bullet(self, text: str) -> None:
        self.doc.add_paragraph(text, style="List Bullet")
        self.body.append(text)

    def numbered(self, text: str) -> None:
        self.doc.add_paragraph(text, style="List Number")
        self.body.append(text)

    def table(self, rows: list[list[str]]) -> docx.table.Table:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
                if text:
                    self.body.append(text)
        return table

    def save(self, path: Path) -> Sample:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))
        return Sample(path, self.body)


def _activity(w: _Writer, number: int, name: str, aside: str, paragraphs: int) -> None:
    w.bold(f"Hoạt động {number}: {name}{aside}")
    w.lead("a) Mục tiêu:", f"Học sinh đạt được mục tiêu của hoạt động {number} về phân số.")
    w.lead(
        "b) Nội dung:", f"Học sinh làm các bài tập {number}.1 và {number}.2 trong phiếu học tập."
    )
    w.lead("c) Sản phẩm:", f"Câu trả lời của học sinh cho bài tập {number}.1 và {number}.2.")
    w.bold("d) Tổ chức thực hiện:")
    rows = [["Hoạt động của giáo viên và học sinh", "Sản phẩm dự kiến"]]
    for step in range(1, paragraphs + 1):
        rows.append(
            [
                f"Bước {step}: giáo viên giao nhiệm vụ {step} cho các nhóm, học sinh thảo luận.",
                f"Kết quả {step}: các nhóm trình bày phân số tìm được.",
            ]
        )
    w.table(rows)
    for step in range(paragraphs):
        w.line(
            f"Giáo viên nhận xét lần {step + 1}, chốt kiến thức và dặn học sinh chuẩn bị bài "
            f"tiếp theo của hoạt động {number}."
        )


def lesson_5512(
    path: Path,
    *,
    title: str = "PHÂN SỐ VỚI TỬ VÀ MẪU LÀ SỐ NGUYÊN",
    teacher: str = "Hoàng Văn Giả Định",
    day: str = "13/10/2025",
    paragraphs: int = 2,
    merged: bool = False,
    figure: bool = False,
    header_table: bool = False,
) -> Sample:
    """A CV 5512 lesson plan (Phụ lục IV) of the le-khac-can demo school; ``paragraphs`` per
    activity makes it longer (8 gives about six pages); ``merged`` adds a table with merged
    cells; ``figure`` adds an image and a formula; ``header_table`` lays the school, group
    and teacher lines out in a two-column table, as many teachers do."""
    w = _Writer()
    if header_table:
        table = w.doc.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Trường: THCS Lê Khắc Cẩn"
        table.cell(0, 1).text = f"Họ và tên giáo viên: {teacher}"
        table.cell(1, 0).text = "Tổ: Khoa học tự nhiên"
        table.cell(1, 1).text = ""
    else:
        w.line("Trường: THCS Lê Khắc Cẩn", keep=False)
        w.line("Tổ: Khoa học tự nhiên", keep=False)
        w.line(f"Họ và tên giáo viên: {teacher}", keep=False)
    w.bold(f"TÊN BÀI DẠY: {title}")
    w.line("Môn học: Toán; Lớp: 6A", keep=False)
    w.line("Thời gian thực hiện: 2 tiết", keep=False)
    w.line(f"Ngày dạy: {day}", keep=False)
    w.line("Tuần: 6", keep=False)
    w.bold("I. MỤC TIÊU")
    w.bold("1. Về kiến thức")
    w.bullet("Nhận biết được phân số với tử số hoặc mẫu số là số nguyên âm.")
    w.bullet("Nhận biết được khái niệm hai phân số bằng nhau.")
    w.bold("2. Về năng lực")
    w.lead("Năng lực chung:", "tự chủ và tự học, giao tiếp và hợp tác.")
    w.lead("Năng lực đặc thù:", "tư duy và lập luận toán học, mô hình hóa toán học.")
    w.bold("3. Về phẩm chất")
    w.line("Chăm chỉ, trung thực, trách nhiệm trong hoạt động nhóm.")
    w.bold("II. THIẾT BỊ DẠY HỌC VÀ HỌC LIỆU")
    w.numbered("Giáo viên: máy chiếu, phiếu học tập, thước thẳng.")
    w.numbered("Học sinh: sách giáo khoa, vở ghi, bảng nhóm.")
    if merged:
        table = w.table(
            [
                ["Nội dung", "Tiết 1", ""],
                ["Khái niệm phân số", "Ví dụ mở đầu", "Bài tập nhanh"],
                ["", "Phân số bằng nhau", "Bài tập về nhà"],
            ]
        )
        table.cell(0, 1).merge(table.cell(0, 2))  # a heading cell over two columns
        table.cell(1, 0).merge(table.cell(2, 0))  # a row heading over two rows
    if figure:
        w.line("Quan sát hình vẽ và công thức sau:")
        para = w.doc.add_paragraph("Công thức tổng quát: ")
        para._p.append(
            parse_xml(
                f"<m:oMath {MATH_NS}><m:f><m:num><m:r><m:t>a</m:t></m:r></m:num>"
                "<m:den><m:r><m:t>b</m:t></m:r></m:den></m:f></m:oMath>"
            )
        )
        w.body.append("Công thức tổng quát:")
        w.doc.add_picture(io.BytesIO(png(24, 12)), width=Cm(4))
    w.bold("III. TIẾN TRÌNH DẠY HỌC")
    _activity(w, 1, "Mở đầu", " (Xác định vấn đề)", paragraphs)
    _activity(w, 2, "Hình thành kiến thức mới", "", paragraphs)
    _activity(w, 3, "Luyện tập", "", paragraphs)
    _activity(w, 4, "Vận dụng", "", paragraphs)
    return w.save(path)


def lesson_2345(path: Path) -> Sample:
    """A CV 2345 primary lesson plan: upper-case headings, not bold, the activities in a
    teacher | pupils table."""
    w = _Writer()
    w.bold("KẾ HOẠCH BÀI DẠY")
    w.line("Môn: Tiếng Việt; Lớp: 2A", keep=False)
    w.line("Tuần: 7; Ngày dạy: 20/10/2025", keep=False)
    w.bold("BÀI 12: ĐỌC – NGÔI TRƯỜNG MỚI")
    w.line("Giáo viên: Đặng Thị Minh Chứng", keep=False)
    w.line("Số tiết: 2", keep=False)
    w.upper("I. Yêu cầu cần đạt")
    w.bullet("Đọc đúng, rõ ràng bài Ngôi trường mới; hiểu nội dung bài.")
    w.bullet("Phát triển năng lực ngôn ngữ, yêu quý trường lớp.")
    w.upper("II. Đồ dùng dạy học")
    w.line("Giáo viên: tranh minh họa bài đọc, bài giảng điện tử.")
    w.line("Học sinh: sách giáo khoa Tiếng Việt 2, vở bài tập.")
    w.upper("III. Các hoạt động dạy học chủ yếu")
    w.table(
        [
            ["Hoạt động của giáo viên", "Hoạt động của học sinh"],
            ["1. Khởi động: cho học sinh hát bài Em yêu trường em.", "Học sinh hát và vận động."],
            ["2. Khám phá: giáo viên đọc mẫu, hướng dẫn đọc.", "Học sinh đọc nối tiếp câu."],
            ["3. Luyện tập: luyện đọc đoạn, trả lời câu hỏi.", "Học sinh đọc và trả lời."],
            ["4. Vận dụng: kể về ngôi trường của em.", "Học sinh kể trước lớp."],
        ]
    )
    w.upper("IV. Điều chỉnh sau bài dạy (nếu có)")
    w.line("Cần thêm thời gian cho học sinh đọc chậm luyện đọc đoạn hai.")
    return w.save(path)


WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu"]
ACTIVITIES = [
    "Đón trẻ",
    "Thể dục sáng",
    "Hoạt động học",
    "Hoạt động ngoài trời",
    "Hoạt động góc",
    "Hoạt động chiều",
    "Trả trẻ",
]


def week_plan_preschool(path: Path) -> Sample:
    """A preschool weekly plan (mam-non-hm demo school): goals by development area, the week
    as a weekday × activity table."""
    w = _Writer()
    w.bold("KẾ HOẠCH GIÁO DỤC TUẦN")
    w.line("Chủ đề nhánh: Trường mầm non của bé; Tuần: 6", keep=False)
    w.line("Lớp: Mẫu giáo lớn 5-6 tuổi A1", keep=False)
    w.line("Thời gian thực hiện: từ ngày 13/10 đến 17/10/2025", keep=False)
    w.line("Giáo viên: Hoàng Thị Giả Định", keep=False)
    w.bold("I. MỤC TIÊU")
    for area, goal in [
        ("1. Phát triển thể chất", "Trẻ đi thăng bằng trên ghế thể dục."),
        ("2. Phát triển nhận thức", "Trẻ biết tên trường, tên lớp, tên cô giáo."),
        ("3. Phát triển ngôn ngữ", "Trẻ đọc thuộc bài thơ Cô giáo của em."),
        ("4. Phát triển tình cảm và kỹ năng xã hội", "Trẻ biết chào hỏi lễ phép."),
        ("5. Phát triển thẩm mỹ", "Trẻ vẽ ngôi trường mơ ước."),
    ]:
        w.bold(area)
        w.body.append(area.split(". ", 1)[1])
        w.bullet(goal)
    w.bold("II. KẾ HOẠCH HOẠT ĐỘNG TRONG TUẦN")
    rows = [["Hoạt động", *WEEKDAYS]]
    for activity in ACTIVITIES:
        rows.append([activity, *(f"{activity} {day.lower()}" for day in WEEKDAYS)])
    w.table(rows)
    w.bold("III. NHẬN XÉT, ĐÁNH GIÁ CUỐI TUẦN")
    w.line("Đa số trẻ đạt mục tiêu của tuần; cần ôn lại bài thơ vào tuần sau.")
    return w.save(path)


def minutes(path: Path) -> Sample:
    """Minutes of a subject-group meeting (le-khac-can, tổ Khoa học tự nhiên), with the
    national title and motto the layout prints itself."""
    w = _Writer()
    w.bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    w.bold("Độc lập - Tự do - Hạnh phúc")
    w.bold("BIÊN BẢN")
    w.bold("Họp tổ chuyên môn tháng 10")
    w.line("Tổ: Khoa học tự nhiên", keep=False)
    w.bold("I. THỜI GIAN VÀ ĐỊA ĐIỂM")
    w.bullet("Thời gian: 14 giờ 00, ngày 15/10/2025")
    w.bullet("Địa điểm: Phòng họp tổ Khoa học tự nhiên")
    w.bold("II. THÀNH PHẦN THAM DỰ")
    w.line("Chủ trì: Hoàng Văn Giả Định – Tổ trưởng")
    w.line("Thư ký: Đỗ Thị Tạm")
    w.line("Thành phần: Hoàng Văn Giả Định, Đỗ Thị Tạm, Vũ Văn Nháp")
    w.line("Vắng mặt: không")
    w.bold("III. NỘI DUNG")
    w.numbered("Đánh giá việc thực hiện kế hoạch dạy học tháng 9.")
    w.numbered("Góp ý kế hoạch bài dạy chủ đề Phân số.")
    w.bold("IV. KẾT LUẬN")
    w.line("Tổ thống nhất kế hoạch tháng 10 và phân công dự giờ.")
    w.bold("V. KẾT THÚC CUỘC HỌP")
    w.line("Cuộc họp kết thúc vào 16 giờ 30 cùng ngày.")
    return w.save(path)


def png(width: int, height: int) -> bytes:
    """A small red PNG."""
    row = b"\x00" + b"\xcc\x22\x22" * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def lesson_2345_numbered(path: Path) -> Sample:
    """A CV 2345 lesson plan whose section headings are numbered by Word itself (bold
    paragraphs in the "List Number" style), not typed."""
    w = _Writer()
    w.line("Môn: Toán; Lớp: 3A", keep=False)
    w.line("Ngày dạy: 21/10/2025; Số tiết: 1", keep=False)
    w.line("Giáo viên: Đặng Thị Minh Chứng", keep=False)
    w.bold("BÀI 15: BẢNG NHÂN 6")
    for heading, content in [
        ("Yêu cầu cần đạt", "Thuộc bảng nhân 6 và vận dụng vào giải toán."),
        ("Đồ dùng dạy học", "Các tấm bìa có 6 chấm tròn."),
        ("Các hoạt động dạy học chủ yếu", "Học sinh lập bảng nhân 6 theo nhóm."),
        ("Điều chỉnh sau bài dạy", "Không có."),
    ]:
        w.doc.add_paragraph(style="List Number").add_run(heading).bold = True
        w.line(content)
    return w.save(path)
