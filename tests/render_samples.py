"""Realistic records of every built-in type, written into a school repository.

Used by the rendering tests, the docs pictures (scripts/gen_render_docs.py) and the benchmarks:
each type's own template with its placeholders replaced by the kind of text a teacher writes,
front matter valid for the school, the preschool weekly table filled in.
"""

from __future__ import annotations

import re
from pathlib import Path

from hsdt.load.profile import load_school
from hsdt.model.record_type import FieldKind, PathKind, RecordType
from hsdt.model.school import School
from hsdt.scaffold import new_record

PROFILE_OF_LEVEL = {"mam_non": "mam-non-hm", "tieu_hoc": "le-khac-can", "thcs": "le-khac-can"}
"""A demo school for each level."""

SENTENCES = (
    "Học sinh nhận biết được hai phân số bằng nhau, vận dụng tính chất cơ bản của phân số để "
    "rút gọn và quy đồng mẫu số; trình bày lời giải rõ ràng, mạch lạc.",
    "Phát triển năng lực tự chủ và tự học, giao tiếp và hợp tác, giải quyết vấn đề và sáng tạo "
    "thông qua hoạt động nhóm đôi, nhóm bốn người.",
    "Bồi dưỡng phẩm chất chăm chỉ, trung thực, trách nhiệm; biết lắng nghe ý kiến của bạn và "
    "tôn trọng sự khác biệt.",
    "Giáo viên chuẩn bị máy chiếu, phiếu học tập số 1 và số 2, bảng phụ; học sinh chuẩn bị sách "
    "giáo khoa, vở ghi, bút dạ và thước kẻ.",
    "Trẻ biết tên, công việc của bố mẹ và các thành viên trong gia đình; mạnh dạn kể về ngôi "
    "nhà của bé, sử dụng câu đầy đủ, rõ ràng.",
    "Tổ chức cho trẻ hát, vận động theo nhạc bài “Cả nhà thương nhau”; quan sát tranh và trò "
    "chuyện về những việc bé làm giúp đỡ ông bà, cha mẹ.",
    "Rà soát kết quả thực hiện chương trình tháng trước; thống nhất lịch dự giờ, thao giảng và "
    "kiểm tra hồ sơ chuyên môn của các thành viên trong tổ.",
    "Đổi mới phương pháp dạy học theo hướng phát triển phẩm chất, năng lực người học; tăng cường "
    "ứng dụng công nghệ thông tin, khai thác hiệu quả học liệu số.",
    "Ý kiến thảo luận: cô Đỗ Thị Tạm đề nghị bổ sung tiết ôn tập cuối chương; thầy Vũ Văn Nháp "
    "nhất trí và xin nhận chuẩn bị đề kiểm tra giữa kỳ.",
    "Nguyên nhân: nhập nhầm ngày dạy của tiết 2; đã đối chiếu sổ đầu bài, xác nhận nội dung "
    "đúng là bài “So sánh phân số”, ngày dạy thứ Năm 16/10/2025.",
)

WEEK_ROWS = (
    ("Đón trẻ", "Cô đón trẻ, trao đổi với phụ huynh về tình hình sức khỏe của trẻ"),
    ("Thể dục sáng", "Hô hấp: gà gáy; tay: đưa ra trước, lên cao; chân: ngồi xổm, đứng lên"),
    ("Hoạt động học", "Khám phá: gia đình của bé; Tạo hình: vẽ chân dung người thân"),
    ("Hoạt động ngoài trời", "Quan sát vườn rau; trò chơi vận động “Mèo đuổi chuột”"),
    ("Hoạt động góc", "Góc phân vai: bán hàng, nấu ăn; góc xây dựng: xây ngôi nhà của bé"),
    ("Hoạt động chiều", "Ôn bài hát “Cả nhà thương nhau”; làm quen chữ cái o, ô, ơ"),
    ("Trả trẻ", "Nêu gương bé ngoan; vệ sinh, chuẩn bị đồ dùng cá nhân, trả trẻ tận tay phụ huynh"),
)

_TEXT_VALUES = {
    "mon": "Toán",
    "lop": "6A1",
    "chu_de": "Gia đình thân yêu của bé",
    "nhom_lop": "Lớp Mẫu giáo lớn A1",
    "do_tuoi": "5 - 6 tuổi",
    "khoi": "Khối 6",
    "dia_diem": "Phòng họp tổ, tầng 2 nhà A",
}


def sample_values(record_type: RecordType, school: School) -> dict[str, str]:
    """``--set`` pairs giving a valid record of ``record_type`` at ``school``."""
    levels = set(record_type.levels) & set(school.levels)
    group = next(
        g for g in school.groups.values() if set(g.levels) & levels and len(g.members) >= 2
    )
    head = group.head or group.members[0]
    teacher = next((m for m in group.members if m != head), head)
    values: dict[str, str] = {"tieu_de": _title(record_type)}
    if record_type.path_kind is not PathKind.SCHOOL:
        values["to"] = group.id
    policy = school.policy.types[record_type.id]
    candidates = [teacher, head, school.principal, *(v.staff_id for v in school.vice_principals)]
    values[record_type.author_key] = next(
        c for c in candidates if set(school.roles_of(c, group.id)) & set(policy.submitters)
    )
    for spec in record_type.fields:
        if spec.key in values or spec.key in ("loai", "nam_hoc", "so", "ghi_chu"):
            continue
        if not spec.required and spec.kind is FieldKind.STAFF_LIST:
            continue
        kind = spec.kind
        if kind is FieldKind.DATE:
            values[spec.key] = "2026-03-19" if spec.key != "den_ngay" else "2026-03-21"
        elif kind is FieldKind.TIME:
            values[spec.key] = "14:00" if "bat_dau" in spec.key else "16:30"
        elif kind is FieldKind.INT:
            wanted = 2 if "tiet" in spec.key else 4 if "so_" in spec.key else 27
            values[spec.key] = str(min(spec.maximum or wanted, max(spec.minimum or 1, wanted)))
        elif kind is FieldKind.STAFF:
            values[spec.key] = head if spec.key in ("chu_tri", "nguoi_cho_phep") else teacher
        elif kind is FieldKind.STAFF_LIST:
            values[spec.key] = ",".join(group.members[:3])
        elif kind is FieldKind.TEXT_LIST:
            values[spec.key] = "records/2025-2026/mau/ho-so-mau.md"
        elif kind is FieldKind.CHOICE:
            values[spec.key] = spec.choices[0]
        elif kind is FieldKind.LONG_TEXT:
            values[spec.key] = SENTENCES[9]
        else:
            values[spec.key] = _TEXT_VALUES.get(spec.key, "Nội dung mẫu")
    if "nguoi_cho_phep" in values:
        values["nguoi_cho_phep"] = school.principal
        witnesses = [school.principal, *school.admins[:1], values["nguoi_de_nghi"]]
        values["nguoi_chung_kien"] = ",".join(dict.fromkeys(witnesses))
    return values


def _title(record_type: RecordType) -> str:
    name = record_type.name.split(" (")[0]
    return f"{name} — Phân số bằng nhau" if "bài dạy" in name else f"{name} tháng 3"


def sample_body(record_type: RecordType) -> str:
    """The type's template with realistic text in place of its placeholders."""
    lines: list[str] = []
    counter = 0
    for line in record_type.template.splitlines():
        if re.match(r"^\s*-\s*\(.*\)\s*$", line) or re.match(r"^\s*\(.*\)\s*$", line):
            lines.append(f"- {SENTENCES[counter % len(SENTENCES)]}")
            counter += 1
        elif line.startswith("|") and "Hoạt động" in line and "Thứ Hai" in line:
            lines.append(line)
        elif line.startswith("| ") and line.count("|") > 3 and not line.startswith("|---"):
            label = line.split("|")[1].strip()
            text = dict(WEEK_ROWS).get(label, SENTENCES[counter % len(SENTENCES)])
            lines.append(f"| {label} | " + " | ".join([text] * (line.count("|") - 2)) + " |")
        else:
            lines.append(re.sub(r"\([^()]*…[^()]*\)", "theo kế hoạch của tổ", line))
            if line.startswith("#"):
                lines.append("")
                lines.append(SENTENCES[counter % len(SENTENCES)])
                counter += 1
    return "\n".join(lines).rstrip() + "\n"


def write_samples(root: Path, type_ids: list[str] | None = None) -> dict[str, str]:
    """Write one sample of each type the school at ``root`` uses; type id → record path."""
    school = load_school(root)
    out: dict[str, str] = {}
    for type_id in type_ids or sorted(school.policy.types):
        record_type = school.types[type_id]
        values = sample_values(record_type, school)
        path = new_record(root, school, type_id, values, body=sample_body(record_type))
        out[type_id] = path.relative_to(root).as_posix()
    return out
