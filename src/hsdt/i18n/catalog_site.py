"""Messages of the school's website (hsdt.site, the MkDocs plugin, hsdt site)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # errors and build reports
    "site.no_rev": (
        "không tìm thấy '{rev}' trong kho: trang web được dựng từ nhánh main đã có hồ sơ công bố",
        "'{rev}' is not in the repository: the site is built from the main branch with its published records",
    ),
    "site.bad_shell": (
        "khung trang độ sâu {depth} không đúng (thiếu chỗ đặt tiêu đề hoặc nội dung); giao diện đã thay khuôn trang?",
        "the page shell of depth {depth} is wrong (its title or content mark is missing); has the theme changed its page template?",
    ),
    "site.bad_path": (
        "đường dẫn hồ sơ không theo quy ước records/<năm học>/<tổ>/…; không đăng lên trang web",
        "the record path breaks the records/<year>/<group>/… convention; not put on the site",
    ),
    "site.unknown_type": (
        "loại hồ sơ '{type}' không có trong quy chế của trường; không đăng lên trang web",
        "record type '{type}' is not in the school's rules; not put on the site",
    ),
    "site.skipped": ("{path}: không đăng: {reason}", "{path}: not published: {reason}"),
    "site.bad_pdf": (
        "{path}: bản PDF đã ký không kiểm tra được (trang hồ sơ ghi rõ lý do)",
        "{path}: the signed PDF did not verify (the record page says why)",
    ),
    "site.built": (
        "Đã dựng trang web: {records} trang hồ sơ, {listings} trang danh mục, {pdfs} bản PDF; kiểm tra chữ ký {verified} bản (còn lại lấy từ bộ nhớ đệm) → {out}",
        "Site built: {records:record page|record pages}, {listings:listing page|listing pages}, {pdfs:PDF|PDFs}; {verified:signature|signatures} verified (the rest from the cache) → {out}",
    ),
    "site.indexed": (
        "Đã lập chỉ mục tìm kiếm: {pages} trang hồ sơ",
        "Search index written: {pages:record page|record pages}",
    ),
    "site.no_mkdocs": (
        "chưa cài MkDocs Material: cài đặt hsdt[site] (pip install 'hsdt[site]')",
        "MkDocs Material is not installed: install hsdt[site] (pip install 'hsdt[site]')",
    ),
    "site.no_config": (
        "không thấy {file} trong kho; tạo bằng 'hsdt init' hoặc chỉ đường bằng --config",
        "no {file} in the repository; 'hsdt init' writes one, or point to it with --config",
    ),
    "site.build_failed": (
        "MkDocs dựng trang thất bại: {detail}",
        "MkDocs failed to build the site: {detail}",
    ),
    "site.bad_option": (
        "mkdocs.yml: plugins.hsdt.{key}: {detail}",
        "mkdocs.yml: plugins.hsdt.{key}: {detail}",
    ),
    # page text
    "site.archive": ("Kho hồ sơ", "Archive"),
    "site.crumbs": ("Đường dẫn", "Breadcrumbs"),
    "site.year": ("Năm học {year}", "School year {year}"),
    "site.types": ("Các loại hồ sơ", "Record types"),
    "site.by_week": ("Theo tuần", "By week"),
    "site.by_type": ("Theo loại hồ sơ", "By record type"),
    "site.weeks_of": ("Các tuần năm học {year}", "Weeks of school year {year}"),
    "site.week": ("Tuần {week}", "Week {week}"),
    "site.week_dates": ("Tuần {week} ({start} – {end})", "Week {week} ({start} – {end})"),
    "site.common": ("Hồ sơ chung của {name}", "Shared records of {name}"),
    "site.count": ("{count} hồ sơ", "{count:record|records}"),
    "site.regulation": ("Thực hiện theo {regulation}", "Following {regulation}"),
    "site.latest": ("Mới công bố", "Latest publications"),
    "site.manual": ("Hướng dẫn sử dụng", "User guide"),
    "site.f.type": ("Loại hồ sơ", "Record type"),
    "site.f.year": ("Năm học", "School year"),
    "site.f.group": ("Tổ chuyên môn", "Subject group"),
    "site.f.teacher": ("Giáo viên", "Teacher"),
    "site.f.week": ("Tuần", "Week"),
    "site.approvals": ("Quá trình duyệt", "Approval chain"),
    "site.no_chain": ("Loại hồ sơ này không cần duyệt.", "This record type needs no approval."),
    "site.signatures": (
        "Chữ ký số (kiểm tra khi dựng trang)",
        "Digital signatures (verified when the site was built)",
    ),
    "site.not_verified": ("Chưa kiểm tra được bản PDF.", "The PDF could not be verified."),
    "site.verdict_ok": (
        "Mọi chữ ký còn nguyên vẹn, hợp lệ, tin cậy, đúng người ký; bản PDF khớp bản gốc.",
        "Every signature is intact, valid, trusted and by the right person; the PDF matches its source.",
    ),
    "site.verdict_bad": (
        "Bản PDF chưa đạt khi kiểm tra chữ ký:",
        "The PDF did not pass the signature check:",
    ),
    "site.c.who": ("Người duyệt", "Approver"),
    "site.c.role": ("Vai trò", "Role"),
    "site.c.when": ("Thời điểm", "When"),
    "site.c.signer": ("Người ký", "Signer"),
    "site.c.place": ("Ký với tư cách", "Signs as"),
    "site.c.time": ("Thời điểm ký", "Signed at"),
    "site.c.valid": ("Hợp lệ", "Valid"),
    "site.c.trusted": ("Tin cậy", "Trusted"),
    "site.c.title": ("Hồ sơ", "Record"),
    "site.c.teacher": ("Người soạn", "Author"),
    "site.c.type": ("Loại", "Type"),
    "site.c.date": ("Ngày", "Date"),
    "site.yes": ("có", "yes"),
    "site.no": ("không", "no"),
    "site.download": ("Tải bản PDF đã ký", "Download the signed PDF"),
    "site.verify_hint": (
        "Kiểm tra lại bản tải về bằng lệnh: hsdt verify ban-ky.pdf",
        "Check the downloaded copy with: hsdt verify ban-ky.pdf",
    ),
    "site.withheld": (
        "Bản PDF đã ký không đăng lên trang web vì hồ sơ có dữ liệu cá nhân của học sinh; liên hệ văn thư nhà trường để xem bản gốc.",
        "The signed PDF is not on the website because the record holds pupils' personal data; ask the school office to see it.",
    ),
    "site.role.giao_vien": ("giáo viên", "teacher"),
    "site.role.to_truong": ("tổ trưởng", "group head"),
    "site.role.to_pho": ("tổ phó", "deputy group head"),
    "site.role.nhom_truong": ("nhóm trưởng", "team lead"),
    "site.role.hieu_truong": ("hiệu trưởng", "principal"),
    "site.role.pho_hieu_truong": ("phó hiệu trưởng", "vice-principal"),
    "site.role.van_thu": ("văn thư", "clerk"),
    "site.role.quan_tri": ("quản trị", "administrator"),
    "site.role.nguoi_lap": ("người lập", "author"),
    "site.role.con_dau": ("con dấu của trường", "the school's seal"),
}
