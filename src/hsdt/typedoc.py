"""The reference page of record types (docs/loai-ho-so.md), generated from the definitions so
that the documentation cannot drift from what ``hsdt check`` enforces."""

from __future__ import annotations

from collections.abc import Mapping

from hsdt.model.record_type import PathKind, RecordType

_KIND_VI = {
    "chuoi": "một dòng chữ",
    "van_ban": "đoạn văn bản",
    "so": "số nguyên",
    "ngay": "ngày YYYY-MM-DD",
    "gio": "giờ HH:MM",
    "nam_hoc": "năm học YYYY-YYYY",
    "nhan_su": "mã nhân sự",
    "ds_nhan_su": "danh sách mã nhân sự",
    "to": "mã tổ",
    "lua_chon": "một lựa chọn",
    "ds_chuoi": "danh sách dòng chữ",
    "ma": "mã",
}
_PLACE_VI = {
    PathKind.TEACHER: "records/<năm học>/<tổ>/<giáo viên>/{id}/",
    PathKind.GROUP: "records/<năm học>/<tổ>/{id}/",
    PathKind.SCHOOL: "records/<năm học>/truong/{id}/",
}
_LEVELS_VI = {"mam_non": "mầm non", "tieu_hoc": "tiểu học", "thcs": "THCS", "thpt": "THPT"}


def types_reference(types: Mapping[str, RecordType]) -> str:
    """Markdown describing every type: place, front-matter keys, required sections."""
    out = [
        "# Các loại hồ sơ",
        "",
        "<!-- Sinh tự động bởi scripts/gen_docs.py từ src/hsdt/data/types; không sửa tay. -->",
        "",
        "Mỗi trường chọn các loại mình dùng trong `quy-che.yml` (`loai_ho_so`) và có thể thêm loại",
        "riêng (`loai_rieng`). Các mục bắt buộc phải có đủ và đúng thứ tự; được thêm mục khác.",
        "",
    ]
    for type_id in sorted(types):
        record_type = types[type_id]
        levels = ", ".join(_LEVELS_VI[level] for level in record_type.levels)
        out += [
            f"## `{type_id}` — {record_type.name}",
            "",
            f"*{record_type.name_en}.* Cấp học: {levels}. "
            f"Vị trí: `{_PLACE_VI[record_type.path_kind].format(id=type_id)}`.",
            "",
            "| khóa | nội dung | kiểu | bắt buộc | dữ liệu cá nhân |",
            "|---|---|---|---|---|",
        ]
        for spec in record_type.fields:
            kind = _KIND_VI[spec.kind.value]
            if spec.choices:
                kind += ": " + ", ".join(spec.choices)
            if spec.minimum is not None or spec.maximum is not None:
                kind += f" ({spec.minimum if spec.minimum is not None else ''}–"
                kind += f"{spec.maximum if spec.maximum is not None else ''})"
            out.append(
                f"| `{spec.key}` | {spec.label} | {kind} | {'có' if spec.required else 'không'} "
                f"| {'có: không đăng lên trang web' if spec.personal else ''} |"
            )
        out += ["", "Các mục bắt buộc:", ""]
        out += [f"1. {section.shown}" for section in record_type.sections] or ["(không có)"]
        out.append("")
    return "\n".join(out)
