"""Messages of the generated files (hsdt init's workflows, hsdt upgrade)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "init.bad_source": (
        "'{value}' không phải một hsdt cố định: ghi số phiên bản (0.1.0 hoặc hsdt==0.1.0), git+https://…@<mã commit đủ 40 ký tự>, hoặc '.' (chỉ cho kho của chính hsdt)",
        "'{value}' is not a pinned hsdt: give a version (0.1.0 or hsdt==0.1.0), git+https://…@<full 40-character commit id>, or '.' (hsdt's own repository only)",
    ),
    "upgrade.bad_manifest": (
        "{path} hỏng ({error}); xóa tệp rồi chạy lại hsdt upgrade (mọi tệp khác bản mới sẽ được giữ và ghi bản mới bên cạnh)",
        "{path} is damaged ({error}); delete it and run hsdt upgrade again (every file that differs is then kept, the new version written beside it)",
    ),
    "upgrade.added": ("thêm       {path}", "added      {path}"),
    "upgrade.updated": ("cập nhật   {path}", "updated    {path}"),
    "upgrade.kept": (
        "giữ nguyên {path} (trường đã sửa; bản mới ở {path}.hsdt-new)",
        "kept       {path} (edited by the school; the new version is {path}.hsdt-new)",
    ),
    "upgrade.deleted_by_school": (
        "bỏ qua     {path} (trường đã xóa; xóa dòng của nó trong .hsdt/generated.json để tạo lại)",
        "skipped    {path} (deleted by the school; remove its line from .hsdt/generated.json to recreate it)",
    ),
    "upgrade.removed": (
        "xóa        {path} (hsdt không còn sinh tệp này)",
        "removed    {path} (hsdt no longer generates it)",
    ),
    "upgrade.done": (
        "Đã cập nhật các tệp sinh tự động lên hsdt {version}: {changed} tệp thay đổi, {kept} tệp trường đã sửa được giữ nguyên. Xem lại rồi commit.",
        "Generated files refreshed to hsdt {version}: {changed} changed, {kept} edited by the school kept. Review, then commit.",
    ),
    "upgrade.nothing": (
        "Các tệp sinh tự động đã đúng bản hsdt {version}: không có gì thay đổi.",
        "The generated files are already those of hsdt {version}: nothing changed.",
    ),
}
