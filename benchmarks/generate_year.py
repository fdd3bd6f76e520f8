"""Generate a realistic school year of records in the demo school Lê Khắc Cẩn (benchmarks, tests).

The records are spread over the demo school's teachers, groups, teaching weeks and record types:
mostly lesson plans (``khbd-trung-hoc`` for the secondary groups, ``khbd-tieu-hoc`` for the
primary group) with bodies of about 2–4 KB that follow the official templates, plus one weekly
teaching schedule (``bao-giang``) per teacher and week and fortnightly group meeting minutes
(``bien-ban-hop-to``). Every record passes ``hsdt check --all``.

Files are written directly (front matter through :func:`hsdt.scaffold.front_matter_text`);
``--commits N`` also records the year as N commits with one ``git fast-import`` call.

    python benchmarks/generate_year.py DEST [--records 20000] [--seed 2025] [--commits 0]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from hsdt.model.school import Calendar, School
from hsdt.model.timeutil import VN_TZ
from hsdt.scaffold import HOOKS_REPO, front_matter_text, init_school, slugify

PROFILE = "le-khac-can"
DEFAULT_RECORDS = 20_000
DEFAULT_SEED = 2025
SCHEDULE_SHARE = 0.015
"""Share of weekly teaching schedules when the year is too small to hold them all."""
MINUTES_SHARE = 0.003
"""Share of group meeting minutes, likewise."""

T = TypeVar("T")

Topic = tuple[str, tuple[str, ...]]
"""A topic (chủ đề) and the titles of its lessons, in teaching order."""


@dataclass(frozen=True)
class Course:
    """A subject a teacher teaches, to which classes, through which topics."""

    subject: str
    """Môn học, e.g. ``Toán``."""
    classes: tuple[str, ...]
    """The classes taught, e.g. ``6A1``."""
    topics: tuple[Topic, ...]
    """Topics with their lessons."""


@dataclass(frozen=True)
class PlannedRecord:
    """A record to write."""

    rel: str
    """Path relative to the repository root."""
    text: str
    """The whole file: front matter and body."""
    author: str
    """Staff id of the author."""
    day: date
    """The date the record is about (lesson, week's Monday, meeting)."""
    type_id: str
    """The record type."""


@dataclass(frozen=True)
class GeneratedYear:
    """What :func:`generate_year` made."""

    root: Path
    """The school repository."""
    records: tuple[str, ...]
    """Record paths, relative to ``root``."""
    by_type: Mapping[str, int]
    """How many records of each type."""
    commits: int
    """Commits created (0: files only, nothing committed)."""


# Subjects, classes and topics of the demo school's teachers (programme 2018, invented plans).
_TOAN_THCS: tuple[Topic, ...] = (
    (
        "Tập hợp các số tự nhiên",
        (
            "Tập hợp",
            "Cách ghi số tự nhiên",
            "Thứ tự trong tập hợp các số tự nhiên",
            "Phép cộng và phép trừ số tự nhiên",
            "Phép nhân và phép chia số tự nhiên",
            "Lũy thừa với số mũ tự nhiên",
            "Thứ tự thực hiện các phép tính",
        ),
    ),
    (
        "Phân số",
        (
            "Mở rộng phân số. Phân số bằng nhau",
            "So sánh phân số. Hỗn số dương",
            "Phép cộng và phép trừ phân số",
            "Phép nhân và phép chia phân số",
            "Hai bài toán về phân số",
        ),
    ),
    (
        "Số hữu tỉ",
        (
            "Tập hợp các số hữu tỉ",
            "Cộng, trừ, nhân, chia số hữu tỉ",
            "Lũy thừa với số mũ tự nhiên của một số hữu tỉ",
            "Thứ tự thực hiện các phép tính. Quy tắc chuyển vế",
        ),
    ),
    (
        "Đa thức",
        (
            "Đơn thức",
            "Đa thức",
            "Phép cộng và phép trừ đa thức",
            "Phép nhân đa thức",
            "Phép chia đa thức cho đơn thức",
        ),
    ),
    (
        "Hằng đẳng thức đáng nhớ",
        (
            "Hiệu hai bình phương. Bình phương của một tổng hay một hiệu",
            "Lập phương của một tổng hay một hiệu",
            "Tổng và hiệu hai lập phương",
            "Phân tích đa thức thành nhân tử",
        ),
    ),
    (
        "Căn bậc hai và căn bậc ba",
        (
            "Căn bậc hai và căn thức bậc hai",
            "Khai căn bậc hai với phép nhân và phép chia",
            "Biến đổi đơn giản và rút gọn biểu thức chứa căn thức bậc hai",
            "Căn bậc ba",
        ),
    ),
)
_KHTN: tuple[Topic, ...] = (
    (
        "Chất quanh ta",
        ("Sự đa dạng của chất", "Các thể của chất và sự chuyển thể", "Oxygen và không khí"),
    ),
    (
        "Tế bào - đơn vị cơ sở của sự sống",
        (
            "Tế bào - đơn vị cơ sở của sự sống",
            "Cấu tạo và chức năng các thành phần của tế bào",
            "Sự lớn lên và sinh sản của tế bào",
        ),
    ),
    (
        "Năng lượng và cuộc sống",
        ("Các dạng năng lượng", "Sự chuyển hóa năng lượng", "Năng lượng hao phí"),
    ),
)
_VAN: tuple[Topic, ...] = (
    (
        "Tôi và các bạn",
        (
            "Bài học đường đời đầu tiên",
            "Nếu cậu muốn có một người bạn",
            "Bắt nạt",
            "Viết bài văn kể lại một trải nghiệm của em",
        ),
    ),
    (
        "Gõ cửa trái tim",
        (
            "Chuyện cổ tích về loài người",
            "Mây và sóng",
            "Bức tranh của em gái tôi",
            "Viết đoạn văn ghi lại cảm xúc về một bài thơ",
        ),
    ),
    (
        "Bầu trời tuổi thơ",
        (
            "Bầy chim chìa vôi",
            "Đi lấy mật",
            "Ngàn sao làm việc",
            "Tóm tắt văn bản theo những yêu cầu khác nhau về độ dài",
        ),
    ),
    (
        "Những gương mặt thân yêu",
        ("Nhớ đồng", "Trăng trên biển", "Đường về quê mẹ", "Viết bài văn biểu cảm về con người"),
    ),
)
_SU_DIA: tuple[Topic, ...] = (
    (
        "Vì sao phải học lịch sử",
        (
            "Lịch sử và cuộc sống",
            "Dựa vào đâu để biết và phục dựng lại lịch sử",
            "Thời gian trong lịch sử",
        ),
    ),
    (
        "Bản đồ - phương tiện thể hiện bề mặt Trái Đất",
        (
            "Hệ thống kinh, vĩ tuyến. Tọa độ địa lí",
            "Các yếu tố cơ bản của bản đồ",
            "Lược đồ trí nhớ",
        ),
    ),
    (
        "Xã hội nguyên thủy",
        (
            "Nguồn gốc loài người",
            "Xã hội nguyên thủy",
            "Sự chuyển biến và phân hóa của xã hội nguyên thủy",
        ),
    ),
)
_TOAN_TH: tuple[Topic, ...] = (
    (
        "Bảng nhân, bảng chia",
        (
            "Bảng nhân 3, bảng chia 3",
            "Bảng nhân 4, bảng chia 4",
            "Bảng nhân 6, bảng chia 6",
            "Bảng nhân 7, bảng chia 7",
            "Luyện tập chung",
        ),
    ),
    (
        "Phép cộng, phép trừ trong phạm vi 1000",
        (
            "Phép cộng có nhớ trong phạm vi 1000",
            "Phép trừ có nhớ trong phạm vi 1000",
            "Tìm số hạng, tìm số bị trừ",
            "Luyện tập",
        ),
    ),
    (
        "Hình phẳng và hình khối",
        (
            "Điểm, đoạn thẳng, đường thẳng",
            "Hình tứ giác, hình chữ nhật, hình vuông",
            "Khối lập phương, khối hộp chữ nhật",
        ),
    ),
)
_TIENG_VIET: tuple[Topic, ...] = (
    (
        "Em lớn lên từng ngày",
        (
            "Tôi là học sinh lớp 2",
            "Ngày hôm qua đâu rồi",
            "Niềm vui của Bi và Bống",
            "Làm việc thật là vui",
        ),
    ),
    (
        "Mái ấm gia đình",
        ("Sự tích hoa tỉ muội", "Em mang về yêu thương", "Mẹ của Oanh", "Cánh cửa nhớ bà"),
    ),
    (
        "Những sắc màu thiên nhiên",
        ("Bầu trời", "Mưa", "Cầu vồng", "Viết đoạn văn tả một hiện tượng tự nhiên"),
    ),
)
_TNXH: tuple[Topic, ...] = (
    (
        "Gia đình",
        ("Họ nội, họ ngoại", "Phòng tránh hỏa hoạn khi ở nhà", "Giữ vệ sinh xung quanh nhà"),
    ),
    (
        "Thực vật và động vật",
        (
            "Chức năng một số bộ phận của thực vật",
            "Chức năng một số bộ phận của động vật",
            "Phân loại thực vật, động vật",
        ),
    ),
)

COURSES: dict[str, tuple[Course, ...]] = {
    "gv-toan-01": (Course("Toán", ("6A1", "6A2", "8A1", "8A2"), _TOAN_THCS),),
    "gv-toan-02": (Course("Toán", ("6A1", "7A1", "7A2", "9A1"), _TOAN_THCS),),
    "gv-toan-03": (
        Course("Toán", ("7A3", "9A2"), _TOAN_THCS),
        Course("Khoa học tự nhiên", ("6A1", "6A2", "6A3"), _KHTN),
    ),
    "gv-van-01": (Course("Ngữ văn", ("6A1", "6A2", "7A1", "8A1"), _VAN),),
    "gv-van-02": (
        Course("Ngữ văn", ("7A2", "9A1"), _VAN),
        Course("Lịch sử và Địa lí", ("6A1", "6A2", "6A3", "7A1"), _SU_DIA),
    ),
    "gv-th-01": (
        Course("Tiếng Việt", ("2A",), _TIENG_VIET),
        Course("Toán", ("2A",), _TOAN_TH),
        Course("Tự nhiên và Xã hội", ("2A",), _TNXH),
    ),
    "gv-th-02": (
        Course("Tiếng Việt", ("3A",), _TIENG_VIET),
        Course("Toán", ("3A", "3B"), _TOAN_TH),
        Course("Tự nhiên và Xã hội", ("3A",), _TNXH),
    ),
    "gv-th-03": (Course("Tiếng Việt", ("2B",), _TIENG_VIET), Course("Toán", ("2B",), _TOAN_TH)),
}
"""Who teaches what (teachers of the demo profile only)."""

_NANG_LUC_CHUNG = (
    "tự chủ và tự học khi chuẩn bị bài ở nhà; giao tiếp và hợp tác khi thảo luận nhóm",
    "giao tiếp và hợp tác trong hoạt động nhóm; giải quyết vấn đề và sáng tạo",
    "tự chủ và tự học; giải quyết vấn đề và sáng tạo khi làm bài tập vận dụng",
)
_PHAM_CHAT = (
    "Chăm chỉ, trung thực, trách nhiệm khi làm việc nhóm.",
    "Chăm chỉ học tập, có ý thức hoàn thành nhiệm vụ được giao.",
    "Trung thực khi tự đánh giá và đánh giá bạn; trách nhiệm với sản phẩm chung của nhóm.",
)
_THIET_BI = (
    "máy chiếu, phiếu học tập, bảng phụ ghi câu hỏi thảo luận",
    "ti vi kết nối máy tính, phiếu học tập in màu, tranh ảnh minh họa",
    "máy chiếu, bài trình chiếu, bộ thẻ câu hỏi cho trò chơi khởi động",
)
_TO_CHUC = (
    "Giáo viên giao nhiệm vụ; học sinh thảo luận cặp đôi trong {phut} phút; đại diện một vài "
    "cặp trình bày, các bạn khác nhận xét, bổ sung; giáo viên chốt lại.",
    "Học sinh làm việc nhóm bốn người theo phiếu học tập trong {phut} phút; các nhóm trưng bày "
    "sản phẩm, nhận xét chéo; giáo viên nhận xét và kết luận.",
    "Học sinh làm việc cá nhân {phut} phút, sau đó trao đổi với bạn bên cạnh; giáo viên gọi ngẫu "
    "nhiên hai em trình bày, cả lớp nhận xét, giáo viên chuẩn hóa kiến thức.",
)
_DIEU_CHINH = (
    "Không.",
    "Tăng thời gian cho hoạt động luyện tập.",
    "Bổ sung bài tập cho học sinh hoàn thành sớm.",
)
_DO_DUNG = ("Máy chiếu", "Phiếu học tập", "Tranh ảnh", "Bảng phụ")
_SAN_PHAM = (
    "Câu trả lời của học sinh, được ghi lại trên bảng phụ.",
    "Phiếu học tập đã hoàn thành của các nhóm.",
    "Lời giải trình bày trong vở và trên bảng lớp.",
    "Sơ đồ tư duy của nhóm về nội dung bài học.",
)


def bench_calendar(school: School) -> Calendar:
    """The benchmark year: the profile's first (2025-2026)."""
    return school.calendars[0]


def teaching_days(school: School) -> list[date]:
    """Monday to Friday of every teaching week, inside the school year and outside holidays."""
    calendar = bench_calendar(school)
    last = calendar.week_of(calendar.end) or 1
    out: list[date] = []
    for week in range(1, last + 1):
        monday = calendar.week_monday(week)
        for offset in range(5):
            day = monday + timedelta(days=offset)
            if calendar.start <= day <= calendar.end and calendar.holiday_on(day) is None:
                out.append(day)
    return out


def _teachers(school: School) -> list[tuple[str, str, str]]:
    """(teacher, group, lesson-plan type) for every teacher of the demo school with courses."""
    out: list[tuple[str, str, str]] = []
    for group in school.groups.values():
        type_id = "khbd-tieu-hoc" if "tieu_hoc" in group.levels else "khbd-trung-hoc"
        out.extend((m, group.id, type_id) for m in group.members if m in COURSES)
    return out


def _trung_hoc_body(rng: random.Random, title: str, topic: str, course: Course, klass: str) -> str:
    phut = rng.choice((3, 5, 7))
    bai = title.lower()
    parts = [
        "## I. Mục tiêu\n",
        "### 1. Về kiến thức\n",
        f"- Nêu được nội dung chính của bài «{title}» trong chủ đề {topic}.",
        f"- Vận dụng được kiến thức về {bai} để giải quyết các bài tập trong sách giáo khoa.\n",
        "### 2. Về năng lực\n",
        f"- Năng lực chung: {rng.choice(_NANG_LUC_CHUNG)}.",
        f"- Năng lực đặc thù: vận dụng kiến thức môn {course.subject} vào tình huống thực tế"
        f" của lớp {klass}.\n",
        "### 3. Về phẩm chất\n",
        f"- {rng.choice(_PHAM_CHAT)}\n",
        "## II. Thiết bị dạy học và học liệu\n",
        f"- Giáo viên: {rng.choice(_THIET_BI)}.",
        f"- Học sinh: sách giáo khoa {course.subject} {klass[0]}, vở ghi, bảng nhóm, bút dạ.\n",
        "## III. Tiến trình dạy học\n",
    ]
    activities = (
        (
            "Hoạt động 1: Mở đầu (Xác định vấn đề)",
            f"Tạo hứng thú và gợi nhu cầu tìm hiểu {bai}.",
            "Giáo viên nêu một tình huống gần gũi với học sinh và đặt câu hỏi mở.",
        ),
        (
            "Hoạt động 2: Hình thành kiến thức mới",
            f"Học sinh phát biểu được kiến thức trọng tâm của bài «{title}».",
            "Học sinh đọc sách giáo khoa, trả lời các câu hỏi gợi ý trong phiếu học tập số 1.",
        ),
        (
            "Hoạt động 3: Luyện tập",
            "Củng cố kiến thức vừa học qua hệ thống bài tập từ dễ đến khó.",
            f"Bài tập {rng.randint(1, 4)}, {rng.randint(5, 9)} trang {rng.randint(8, 120)} sách "
            "giáo khoa và phiếu học tập số 2.",
        ),
        (
            "Hoạt động 4: Vận dụng",
            f"Liên hệ kiến thức về {bai} với đời sống hằng ngày.",
            "Học sinh tìm một ví dụ trong thực tế, trình bày ngắn gọn vào vở và nộp vào buổi sau.",
        ),
    )
    for heading, goal, content in activities:
        parts += [
            f"### {heading}\n",
            "#### a) Mục tiêu\n",
            f"{goal}\n",
            "#### b) Nội dung\n",
            f"{content}\n",
            "#### c) Sản phẩm\n",
            f"{rng.choice(_SAN_PHAM)}\n",
            "#### d) Tổ chức thực hiện\n",
            f"{rng.choice(_TO_CHUC).format(phut=phut)}\n",
        ]
    return "\n".join(parts)


def _tieu_hoc_body(rng: random.Random, title: str, topic: str, course: Course, klass: str) -> str:
    phut = rng.choice((3, 5, 7))
    bai = title.lower()
    steps = (
        (
            "1. Khởi động",
            "tạo hứng thú, kết nối với bài học",
            "Cả lớp hát một bài hát ngắn; giáo viên giới thiệu bài qua tranh minh họa.",
        ),
        (
            "2. Khám phá",
            f"hình thành kiến thức, kĩ năng mới của bài «{title}»",
            rng.choice(_TO_CHUC).format(phut=phut),
        ),
        (
            "3. Luyện tập",
            "củng cố kiến thức, kĩ năng vừa học",
            "Học sinh làm bài trong vở bài tập; giáo viên quan sát, giúp đỡ học sinh còn "
            "lúng túng.",
        ),
        (
            "4. Vận dụng",
            "vận dụng vào thực tiễn, chuẩn bị cho bài sau",
            f"Học sinh kể cho người thân nghe điều em đã học về {bai}.",
        ),
    )
    parts = [
        "## I. Yêu cầu cần đạt\n",
        f"- Năng lực đặc thù: học sinh lớp {klass} hiểu và thực hiện được yêu cầu của bài «{title}»"
        f" (chủ đề {topic}, môn {course.subject}).",
        f"- Năng lực chung: {rng.choice(_NANG_LUC_CHUNG)}.",
        f"- Phẩm chất: {rng.choice(_PHAM_CHAT).lower()}\n",
        "## II. Đồ dùng dạy học\n",
        f"- Giáo viên: {rng.choice(_THIET_BI)}.",
        f"- Học sinh: sách giáo khoa {course.subject} {klass[0]}, vở bài tập, bảng con.\n",
        "## III. Các hoạt động dạy học chủ yếu\n",
    ]
    for heading, goal, how in steps:
        parts += [
            f"### {heading}\n",
            f"- Mục tiêu: {goal}.",
            f"- Cách tiến hành: {how}\n",
            f"- Sản phẩm: {rng.choice(_SAN_PHAM).lower()}\n",
        ]
    parts += [
        "## IV. Điều chỉnh sau bài dạy (nếu có)\n",
        f"- {rng.choice(_DIEU_CHINH)}",
    ]
    return "\n".join(parts)


class _Names:
    """File names already taken, with ``-2``, ``-3``… for clashes (as ``hsdt new`` does)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def place(self, folder: str, stem: str) -> str:
        rel = f"{folder}/{stem}.md"
        counter = 2
        while rel in self.taken:
            rel = f"{folder}/{stem}-{counter}.md"
            counter += 1
        self.taken.add(rel)
        return rel


def _lesson(
    school: School,
    rng: random.Random,
    names: _Names,
    teacher: str,
    group: str,
    type_id: str,
    day: date,
    week: int | None,
    course: Course,
    klass: str,
    index: int,
) -> PlannedRecord:
    flat = [(topic, title) for topic, titles in course.topics for title in titles]
    topic, title = flat[index % len(flat)]
    values: dict[str, object] = {
        "loai": type_id,
        "nam_hoc": bench_calendar(school).year,
        "tieu_de": title,
        "to": group,
        "giao_vien": teacher,
        "mon": course.subject,
        "lop": klass,
        "ngay_day": day.isoformat(),
        "so_tiet": rng.choice((1, 1, 1, 2)),
        "tuan": week,
        "chu_de": topic,
    }
    build = _tieu_hoc_body if type_id == "khbd-tieu-hoc" else _trung_hoc_body
    body = build(rng, title, topic, course, klass)
    folder = f"records/{bench_calendar(school).year}/{group}/{teacher}/{type_id}"
    rel = names.place(folder, f"{day.isoformat()}-{slugify(title)}")
    text = front_matter_text(school.types[type_id], values) + "\n" + body + "\n"
    return PlannedRecord(rel, text, teacher, day, type_id)


def _schedule(
    school: School, rng: random.Random, teacher: str, group: str, week: int
) -> PlannedRecord:
    calendar = bench_calendar(school)
    monday = calendar.week_monday(week)
    saturday = min(monday + timedelta(days=5), calendar.end)
    values: dict[str, object] = {
        "loai": "bao-giang",
        "nam_hoc": calendar.year,
        "tieu_de": f"Lịch báo giảng tuần {week} ({monday:%d/%m} - {saturday:%d/%m/%Y})",
        "to": group,
        "giao_vien": teacher,
        "tuan": week,
        "tu_ngay": monday.isoformat(),
        "den_ngay": saturday.isoformat(),
    }
    rows = [
        "## Lịch báo giảng\n",
        "| Thứ/ngày | Buổi | Tiết | Môn | Lớp | Tên bài dạy | Đồ dùng dạy học |",
        "|---|---|---|---|---|---|---|",
    ]
    names = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu")
    for offset, name in enumerate(names):
        day = monday + timedelta(days=offset)
        for period in range(1, 4):
            course = rng.choice(COURSES[teacher])
            topic, titles = rng.choice(course.topics)
            shown = f"{name} ({day:%d/%m})" if period == 1 else ""
            rows.append(
                f"| {shown} | {'Sáng' if period < 3 else 'Chiều'} | {period} | "
                f"{course.subject} | {rng.choice(course.classes)} | {rng.choice(titles)} "
                f"({topic}) | {rng.choice(_DO_DUNG)} |"
            )
    rows += [
        "",
        "## Ghi chú\n",
        rng.choice(
            (
                "- Không có thay đổi thời khóa biểu trong tuần.",
                "- Dạy bù tiết Toán lớp chiều thứ Sáu do nghỉ họp chuyên môn.",
                "- Dạy thay đồng chí cùng tổ đi tập huấn ngày thứ Tư.",
            )
        ),
    ]
    folder = f"records/{calendar.year}/{group}/{teacher}/bao-giang"
    text = front_matter_text(school.types["bao-giang"], values) + "\n" + "\n".join(rows) + "\n"
    return PlannedRecord(f"{folder}/tuan-{week:02d}.md", text, teacher, monday, "bao-giang")


def _minutes(school: School, rng: random.Random, group_id: str, week: int) -> PlannedRecord:
    group = school.groups[group_id]
    day = bench_calendar(school).week_monday(week) + timedelta(days=2)  # Wednesday afternoon
    secretary = next((m for m in group.members if m != group.head), group.members[0])
    head = group.head or group.members[0]
    absent = rng.random() < 0.2 and len(group.members) > 2
    present = group.members[:-1] if absent else group.members
    title = f"Sinh hoạt chuyên môn tuần {week}"
    values: dict[str, object] = {
        "loai": "bien-ban-hop-to",
        "nam_hoc": bench_calendar(school).year,
        "tieu_de": title,
        "to": group_id,
        "nguoi_lap": secretary,
        "ngay_hop": day.isoformat(),
        "gio_bat_dau": "14:00",
        "gio_ket_thuc": "16:30",
        "dia_diem": "Phòng họp tầng 2",
        "chu_tri": head,
        "thu_ky": secretary,
        "thanh_phan": tuple(present),
        "vang": (group.members[-1],) if absent else None,
    }
    members = ", ".join(school.staff[m].name for m in present)
    body = "\n".join(
        (
            "## I. Thời gian và địa điểm\n",
            f"- Thời gian bắt đầu: 14 giờ 00, ngày {day.day} tháng {day.month} năm {day.year}",
            "- Địa điểm: Phòng họp tầng 2\n",
            "## II. Thành phần tham dự\n",
            f"- Chủ trì: {school.staff[head].name}, tổ trưởng",
            f"- Thư ký: {school.staff[secretary].name}",
            f"- Thành viên có mặt: {members}",
            f"- Vắng mặt: {school.staff[group.members[-1]].name} (có lý do)\n"
            if absent
            else "- Vắng mặt: không\n",
            "## III. Nội dung\n",
            f"1. Đánh giá việc thực hiện kế hoạch dạy học tuần {week - 1} của {group.name}.",
            f"2. Thống nhất nội dung, phương pháp các bài dạy tuần {week + 1}; góp ý kế hoạch "
            "bài dạy.",
            "3. Ý kiến của các thành viên: đề nghị tăng cường hoạt động nhóm, bổ sung phiếu học "
            "tập.\n",
            "## IV. Kết luận\n",
            "- Các thành viên nộp kế hoạch bài dạy đúng hạn; tổ trưởng kiểm tra và duyệt trước khi "
            "lên lớp.\n",
            "## V. Kết thúc cuộc họp\n",
            "- Cuộc họp kết thúc vào 16 giờ 30 cùng ngày; biên bản đã được thông qua trước các "
            "thành viên dự họp và nhất trí.",
        )
    )
    folder = f"records/{bench_calendar(school).year}/{group_id}/bien-ban-hop-to"
    text = front_matter_text(school.types["bien-ban-hop-to"], values) + "\n" + body + "\n"
    rel = f"{folder}/{day.isoformat()}-{slugify(title)}.md"
    return PlannedRecord(rel, text, secretary, day, "bien-ban-hop-to")


def _shares(count: int, cap: int, share: float) -> int:
    """How many records of a minor type a year of ``count`` records holds."""
    wanted = max(1 if count >= 20 else 0, round(count * share))
    return min(cap, wanted, count)


def plan_year(
    school: School, count: int = DEFAULT_RECORDS, seed: int = DEFAULT_SEED
) -> list[PlannedRecord]:
    """``count`` valid records over the school's teachers, weeks and types (deterministic)."""
    rng = random.Random(seed)
    teachers = _teachers(school)
    days = teaching_days(school)
    week_of = {d: bench_calendar(school).week_of(d) for d in days}
    weeks = sorted({w for w in week_of.values() if w is not None})
    groups = sorted(school.groups)
    n_schedules = _shares(count, len(teachers) * len(weeks), SCHEDULE_SHARE)
    n_minutes = _shares(count - n_schedules, len(groups) * (len(weeks) // 2), MINUTES_SHARE)
    n_lessons = count - n_schedules - n_minutes
    out: list[PlannedRecord] = []
    slots = [(w, t) for w in weeks for t in range(len(teachers))]
    for week, t in _spread(slots, n_schedules):
        teacher, group, _ = teachers[t]
        out.append(_schedule(school, rng, teacher, group, week))
    meetings = [(w, g) for w in weeks[1::2] for g in groups]
    for week, group_id in _spread(meetings, n_minutes):
        out.append(_minutes(school, rng, group_id, week))
    names = _Names()
    for t, (teacher, group, type_id) in enumerate(teachers):
        mine = n_lessons // len(teachers) + (1 if t < n_lessons % len(teachers) else 0)
        lessons = [(c, k) for c in COURSES[teacher] for k in c.classes]
        progress: Counter[tuple[str, str]] = Counter()
        for m in range(mine):
            day = days[m * len(days) // mine]
            slot = m % len(lessons)
            course, klass = lessons[slot]
            # classes of one course stand at different lessons, as timetables go
            index = progress[(course.subject, klass)] + 3 * slot
            progress[(course.subject, klass)] += 1
            lesson = _lesson(
                school, rng, names, teacher, group, type_id, day, week_of[day], course, klass, index
            )
            out.append(lesson)
    return out


def _spread(items: Sequence[T], count: int) -> Iterator[T]:
    """``count`` of ``items``, evenly spaced."""
    for i in range(count):
        yield items[i * len(items) // count]


def plan_submission(
    school: School,
    teacher: str = "gv-toan-02",
    week: int = 26,
    count: int = 5,
    seed: int = DEFAULT_SEED,
) -> tuple[list[PlannedRecord], datetime]:
    """One teacher's lesson plans for one week on one topic, and a moment before every deadline
    (Monday of the week before, 08:00) at which ``hsdt check --at`` accepts them all."""
    rng = random.Random(seed)
    group, type_id = next((g, ty) for t, g, ty in _teachers(school) if t == teacher)
    course = COURSES[teacher][0]
    monday = bench_calendar(school).week_monday(week)
    names = _Names()
    records: list[PlannedRecord] = []
    for i in range(count):
        day = monday + timedelta(days=i % 5)
        # the lessons of one topic: the same topic index, successive lessons
        records.append(
            _lesson(
                school,
                rng,
                names,
                teacher,
                group,
                type_id,
                day,
                week,
                course,
                course.classes[i % len(course.classes)],
                i % len(course.topics[0][1]),
            )
        )
    moment = datetime.combine(monday - timedelta(days=7), datetime.min.time(), VN_TZ).replace(
        hour=8
    )
    return records, moment


def write_records(root: Path, records: Sequence[PlannedRecord]) -> None:
    """Write the files (folders made once each)."""
    for folder in {r.rel.rpartition("/")[0] for r in records}:
        (root / folder).mkdir(parents=True, exist_ok=True)
    base = str(root)
    for record in records:
        with open(f"{base}/{record.rel}", "wb") as handle:
            handle.write(record.text.encode("utf-8"))


def import_history(
    root: Path, school: School, base: Sequence[str], records: Sequence[PlannedRecord], commits: int
) -> int:
    """Commit ``records`` in date order as ``commits`` commits (the first also holds the
    ``base`` files) with one ``git fast-import``, then reset the index to the new HEAD.
    Returns the number of commits made."""
    ordered = sorted(records, key=lambda r: (r.day, r.rel))
    chunks = [list(c) for c in _chunks(ordered, max(commits, 1)) if c] or [[]]
    # The server hooks hsdt init writes are executable: commit them so.
    executable = frozenset(rel for rel in base if os.access(root / rel, os.X_OK))
    stream = bytearray()
    for mark, chunk in enumerate(chunks, start=1):
        files = [(r.rel, r.text.encode("utf-8")) for r in chunk]
        if mark == 1:
            files = [(rel, (root / rel).read_bytes()) for rel in base] + files
        if chunk:
            author = Counter(r.author for r in chunk).most_common(1)[0][0]
            who = (school.staff[author].name, school.staff[author].email)
            day = chunk[-1].day - timedelta(days=3)
            message = (
                f"Nộp {len(chunk)} hồ sơ ({chunk[0].day.isoformat()} - {chunk[-1].day.isoformat()})"
            )
        else:
            who, day, message = (
                ("Ban quản trị", "admin@truong.example"),
                bench_calendar(school).start,
                "",
            )
        if mark == 1:
            message = "Khởi tạo kho hồ sơ" + (f"; {message}" if message else "")
        when = datetime.combine(day, datetime.min.time(), VN_TZ).replace(hour=20)
        stream += _commit(mark, mark - 1 or None, who, when, message, files, executable)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=bytes(stream), check=True)
    subprocess.run(["git", "reset", "-q"], cwd=root, check=True)
    return len(chunks)


def _chunks(items: Sequence[T], parts: int) -> Iterator[Sequence[T]]:
    for i in range(parts):
        yield items[i * len(items) // parts : (i + 1) * len(items) // parts]


def _commit(
    mark: int,
    parent: int | None,
    who: tuple[str, str],
    when: datetime,
    message: str,
    files: Sequence[tuple[str, bytes]],
    executable: frozenset[str] = frozenset(),
) -> bytes:
    stamp = f"{int(when.timestamp())} +0700"
    person = f"{who[0]} <{who[1]}> {stamp}"
    text = message.encode("utf-8")
    out = bytearray(
        f"commit refs/heads/main\nmark :{mark}\nauthor {person}\ncommitter {person}\n".encode()
    )
    out += b"data %d\n%s\n" % (len(text), text)
    if parent is not None:
        out += b"from :%d\n" % parent
    for rel, data in files:
        mode = b"100755" if rel in executable else b"100644"
        out += b"M %s inline %s\ndata %d\n%s\n" % (mode, rel.encode("utf-8"), len(data), data)
    return bytes(out)


def generate_year(
    dest: Path,
    count: int = DEFAULT_RECORDS,
    *,
    seed: int = DEFAULT_SEED,
    commits: int = 0,
    hooks_repo: str = HOOKS_REPO,
) -> GeneratedYear:
    """Make ``dest`` a demo school repository holding a year of ``count`` valid records."""
    made = init_school(dest, PROFILE, hooks_repo=hooks_repo)
    records = plan_year(made.school, count, seed)
    write_records(dest, records)
    made_commits = (
        import_history(dest, made.school, made.written, records, commits) if commits else 0
    )
    return GeneratedYear(
        dest,
        tuple(sorted(r.rel for r in records)),
        dict(Counter(r.type_id for r in records)),
        made_commits,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python benchmarks/generate_year.py DEST [--records N] [--seed S] [--commits N]``"""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="folder for the new school repository")
    parser.add_argument("--records", type=int, default=DEFAULT_RECORDS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--commits",
        type=int,
        default=0,
        help="also commit the year as this many commits (git fast-import)",
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    year = generate_year(args.dest, args.records, seed=args.seed, commits=args.commits)
    took = time.perf_counter() - began
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(year.by_type.items()))
    print(
        f"{len(year.records)} records in {year.root} ({kinds}); {year.commits} commits; "
        f"{took:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
