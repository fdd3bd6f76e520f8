"""Messages of the archive (hsdt tag, hsdt export, hsdt backup)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # tag
    "tag.bad_name": (
        "tên thẻ '{name}' không đúng quy ước: chữ thường không dấu và số, nối bằng '-' (ví dụ tuan-06-2025-2026, hk1-2025-2026, nam-hoc-2025-2026)",
        "tag name '{name}' breaks the convention: lower-case ASCII letters and digits joined by '-' (e.g. tuan-06-2025-2026, hk1-2025-2026, nam-hoc-2025-2026)",
    ),
    "tag.reserved": (
        "không dùng được tên thẻ '{name}': tên này dành riêng (main, head, nop là tên nhánh; verify là lệnh con của hsdt export verify, thẻ tên này sẽ không xuất được); chọn tên theo quy ước, ví dụ tuan-06-2025-2026",
        "tag name '{name}' is reserved (main, head, nop are branch names; verify is the subcommand of hsdt export verify, so such a tag could not be exported); choose a name by the convention, e.g. tuan-06-2025-2026",
    ),
    "tag.who": (
        "e-mail git '{email}' không có trong danh sách nhân sự; đặt: git config user.email <e-mail của bạn trong danh sách>",
        "git e-mail '{email}' is not in the roster; set: git config user.email <your roster e-mail>",
    ),
    "tag.not_archivist": (
        "{id} không được gắn thẻ lưu trữ: chỉ văn thư, hiệu trưởng hoặc ban quản trị",
        "{id} may not tag the archive: only the clerk, the principal or an administrator",
    ),
    "tag.no_key": (
        "chưa có khóa SSH để ký thẻ; đặt: git config user.signingkey <đường dẫn khóa SSH của bạn>",
        "no SSH key to sign the tag; set: git config user.signingkey <path to your SSH key>",
    ),
    "tag.collides": (
        "tên thẻ '{name}' trùng tên một nhánh; chọn tên khác",
        "tag name '{name}' is the name of a branch; choose another",
    ),
    "tag.no_target": (
        "không tìm thấy commit '{rev}' để gắn thẻ",
        "no commit '{rev}' to tag",
    ),
    "tag.exists_elsewhere": (
        "thẻ '{name}' đã có, trên commit {commit}; thẻ không bao giờ được di chuyển",
        "tag '{name}' exists already, on commit {commit}; tags are never moved",
    ),
    "tag.push_failed": (
        "máy chủ không nhận thẻ '{name}': {detail}",
        "the server refused tag '{name}': {detail}",
    ),
    "tag.done": (
        "đã gắn thẻ {name} trên commit {commit} (ký bởi {id}){pushed}",
        "tagged {name} on commit {commit} (signed by {id}){pushed}",
    ),
    "tag.done_again": (
        "thẻ {name} đã có trên commit {commit} (ký bởi {id}){pushed}",
        "tag {name} was already on commit {commit} (signed by {id}){pushed}",
    ),
    "tag.pushed": (", đã đẩy lên máy chủ", ", pushed to the server"),
    # export
    "export.no_tag": (
        "không có thẻ '{name}' trong kho này; lấy thẻ về bằng: git fetch origin --tags",
        "no tag '{name}' in this repository; fetch tags with: git fetch origin --tags",
    ),
    "export.lightweight": (
        "thẻ '{name}' không phải thẻ có chú thích và chữ ký (hsdt tag); không xuất được",
        "tag '{name}' is not an annotated, signed tag (hsdt tag); cannot export",
    ),
    "export.not_repository": (
        "thư mục này không phải kho git của trường; chạy lệnh trong kho hồ sơ",
        "this folder is not the school's git repository; run the command inside it",
    ),
    "export.missing_extra": (
        "chưa cài phần lưu trữ; chạy: pip install 'hsdt[archive]'",
        "the archive extra is not installed; run: pip install 'hsdt[archive]'",
    ),
    "export.bag_failed": (
        "không tạo được gói BagIt: {detail}",
        "could not make the BagIt package: {detail}",
    ),
    "export.wrong_record": (
        "tệp PDF là bản ký của hồ sơ {record}, nhưng được lưu như bản của {filed}",
        "the PDF is the signed copy of {record}, but it is filed as that of {filed}",
    ),
    "export.no_source_at_tag": (
        "không có bản gốc {record} tại thẻ",
        "the source {record} is not at the tag",
    ),
    "export.source_changed": (
        "bản gốc {record} tại thẻ khác bản gốc đính kèm trong PDF",
        "the source {record} at the tag differs from the one attached to the PDF",
    ),
    "export.no_evidence": (
        "không có tệp bằng chứng duyệt (JSON) bên cạnh PDF",
        "no approval evidence (JSON) beside the PDF",
    ),
    "export.bad_evidence": (
        "tệp bằng chứng duyệt không đúng định dạng",
        "the approval evidence is not in the expected format",
    ),
    "export.evidence_no_merge": (
        "bằng chứng duyệt nêu commit {commit}, nhưng lịch sử main đến thẻ không có lần duyệt hồ sơ này ở commit đó",
        "the evidence names commit {commit}, but main's history up to the tag has no approval of this record there",
    ),
    "export.evidence_differs": (
        "bằng chứng duyệt (người duyệt, vai trò, thời điểm) khác lịch sử của commit {commit}",
        "the evidence (approvers, roles, times) differs from the history of commit {commit}",
    ),
    "export.evidence_source": (
        "mã băm bản gốc trong bằng chứng duyệt khác bản gốc {record} tại thẻ",
        "the source hash in the evidence differs from {record} at the tag",
    ),
    "export.done": (
        "đã xuất gói lưu trữ {path}: {count} bản PDF đã ký, {failed} bản có vấn đề, {missing} hồ sơ đã duyệt chưa có bản ký; quy chế yêu cầu {expected} hồ sơ trong kỳ, {owed} còn thiếu, chưa duyệt hoặc chưa ký (xem báo cáo)",
        "exported the archive package {path}: {count:signed PDF|signed PDFs}, {failed} with problems, {missing:approved record|approved records} without a signed copy; the rules expect {expected:record|records} in the period, {owed} missing, unapproved or unsigned (see the report)",
    ),
    "export.see_report": (
        "xem chi tiết trong data/bao-cao-kiem-tra.html của gói",
        "see data/bao-cao-kiem-tra.html in the package for details",
    ),
    "export.usage": (
        "dùng: hsdt export THẺ [--out THƯ_MỤC] [--zip] hoặc hsdt export verify ĐƯỜNG_DẪN",
        "usage: hsdt export TAG [--out DIR] [--zip] or hsdt export verify PATH",
    ),
    # export verify
    "export.no_package": ("không tìm thấy gói lưu trữ '{path}'", "no archive package '{path}'"),
    "export.bad_zip": (
        "tệp '{path}' không phải gói lưu trữ .zip của hsdt: {reason}",
        "'{path}' is not an hsdt .zip package: {reason}",
    ),
    "export.zip_tops": (
        "gói .zip phải có đúng một thư mục gốc",
        "a .zip package has exactly one top folder",
    ),
    "export.zip_twice": (
        "mục '{entry}' có hai lần trong tệp .zip",
        "entry '{entry}' is in the .zip twice",
    ),
    "export.zip_unsafe": (
        "mục '{entry}' có đường dẫn không an toàn (ra ngoài thư mục gói)",
        "entry '{entry}' has an unsafe path (outside the package's folder)",
    ),
    "export.zip_entry": (
        "không đọc được mục '{entry}' ({detail})",
        "entry '{entry}' cannot be read ({detail})",
    ),
    "export.zip_too_big": (
        "các mục giải nén ra lớn hơn nhiều so với chính tệp .zip (hsdt lưu gói không nén): có thể là bom zip",
        "the entries unpack to far more than the .zip itself (hsdt stores packages uncompressed): perhaps a zip bomb",
    ),
    "export.symlink": (
        "gói có liên kết tượng trưng (symlink): {path}; gói của hsdt không có liên kết nào",
        "the package holds a symbolic link: {path}; hsdt's packages hold none",
    ),
    "export.manifest_path": (
        "{file} dòng {line}: đường dẫn '{path}' không nằm trong data/ của gói",
        "{file} line {line}: path '{path}' is not inside the package's data/",
    ),
    "export.tag_file_encoding": (
        "{file} không phải văn bản UTF-8 như hsdt ghi (Tag-File-Character-Encoding: UTF-8)",
        "{file} is not UTF-8 text as hsdt writes it (Tag-File-Character-Encoding: UTF-8)",
    ),
    "export.signers_unchecked": (
        "không kiểm tra được người ký theo danh sách nhân sự: gói thiếu hồ sơ nhà trường (schools/<mã trường>/) của trường ghi trong bản PDF",
        "the signers cannot be checked against the roster: the package lacks the profile (schools/<school id>/) of the school the PDF names",
    ),
    "export.bag_info_missing": (
        "gói thiếu bag-info.txt hoặc không đọc được (tên trường, thẻ, commit của thẻ)",
        "bag-info.txt is missing or unreadable (school, tag, the tag's commit)",
    ),
    "export.bag_info_differs": (
        "bag-info.txt: '{label}' không khớp với báo cáo kiểm tra",
        "bag-info.txt: '{label}' does not match the verification report",
    ),
    "export.extra_file": (
        "có tệp lạ ở gốc gói: {path}",
        "unexpected file at the package's top: {path}",
    ),
    "export.bag_invalid": (
        "gói BagIt không hợp lệ: {detail}",
        "the BagIt package is invalid: {detail}",
    ),
    "export.unreadable_manifest": (
        "không đọc được danh mục hồ sơ (data/ho-so.json) hoặc báo cáo (data/bao-cao-kiem-tra.json)",
        "cannot read the manifest (data/ho-so.json) or the report (data/bao-cao-kiem-tra.json)",
    ),
    "export.no_tsa": (
        "--lta cần máy chủ cấp dấu thời gian: khai ky_so.tsa_url trong truong.yml hoặc đặt biến môi trường HSDT_TSA_URL",
        "--lta needs a timestamp authority: set ky_so.tsa_url in truong.yml or the HSDT_TSA_URL environment variable",
    ),
    "export.report_pdf_unreadable": (
        "không đọc được bao-cao-kiem-tra.pdf (thiếu hoặc hỏng)",
        "bao-cao-kiem-tra.pdf cannot be read (missing or damaged)",
    ),
    "export.report_pdf_differs": (
        "bao-cao-kiem-tra.pdf không khớp bao-cao-kiem-tra.json (bản PDF của báo cáo đã bị sửa hoặc thay)",
        "bao-cao-kiem-tra.pdf does not match bao-cao-kiem-tra.json (the report's PDF was edited or replaced)",
    ),
    "export.html_differs": (
        "báo cáo HTML không khớp báo cáo JSON",
        "the HTML report does not match the JSON report",
    ),
    "export.pdf_not_listed": (
        "{pdf} có trong gói nhưng không có trong danh mục hồ sơ",
        "{pdf} is in the package but not in the manifest",
    ),
    "export.pdf_missing": (
        "{pdf} có trong danh mục hồ sơ nhưng không có trong gói",
        "{pdf} is in the manifest but not in the package",
    ),
    "export.report_other_pdfs": (
        "báo cáo kiểm tra không nói về đúng các tệp PDF của danh mục",
        "the report does not cover the manifest's PDFs",
    ),
    "export.csv_differs": (
        "danh mục CSV không khớp danh mục JSON",
        "the CSV manifest does not match the JSON manifest",
    ),
    "export.pdf_hash": (
        "{pdf}: mã băm khác mã băm trong danh mục hồ sơ",
        "{pdf}: hash differs from the manifest's",
    ),
    "export.source_missing": (
        "thiếu bản gốc {record} trong gói",
        "the source {record} is missing from the package",
    ),
    "export.source_hash": (
        "bản gốc {record} trong gói khác mã băm trong danh mục",
        "the source {record} in the package differs from the manifest's hash",
    ),
    "export.pdf_problem": ("{pdf}: {text}", "{pdf}: {text}"),
    "export.report_differs": (
        "{pdf}: báo cáo kiểm tra trong gói khác kết quả kiểm tra lại",
        "{pdf}: the package's report differs from the re-check",
    ),
    "export.row_differs": (
        "{pdf}: dòng của danh mục hồ sơ (số trang, chữ ký, mã băm bản gốc) khác tệp PDF",
        "{pdf}: the manifest's row (pages, signatures, source hash) differs from the PDF",
    ),
    "export.verify_root": (
        "gốc tin cậy trong gói: {subject} — SHA-256 {fingerprint} (hãy so với vân tay gốc của trường mà bạn biết từ nơi khác)",
        "trust root in the package: {subject} — SHA-256 {fingerprint} (compare it with the school's root fingerprint known from elsewhere)",
    ),
    "export.verify_ok": (
        "gói {path} toàn vẹn: {count} bản PDF đã ký, mọi chữ ký và bản gốc đều đúng",
        "package {path} is sound: {count:signed PDF|signed PDFs}, every signature and source checks out",
    ),
    "export.verify_bad": ("gói {path}: {count} vấn đề", "package {path}: {count:problem|problems}"),
    # backup (hsdt.archive.backup)
    "backup.keep": ("--keep phải ≥ 1, nhận được {keep}", "--keep must be ≥ 1, got {keep}"),
    "backup.name": (
        "tên tệp sao lưu '{name}' chỉ gồm chữ thường không dấu, số, '-' và '.'",
        "backup name '{name}' may hold only lower-case ASCII letters, digits, '-' and '.'",
    ),
    "backup.bad_bundle": (
        "tệp sao lưu {path} không qua được kiểm tra của git: {detail}",
        "backup {path} failed git's verification: {detail}",
    ),
    "backup.bad_checksum_file": (
        "tệp mã băm {file} đặt cạnh bản sao lưu rỗng hoặc không đọc được (phải là mã SHA-256 của bản sao lưu)",
        "the checksum file {file} beside the backup is empty or unreadable (it must hold the backup's SHA-256)",
    ),
    "backup.lost_refs": (
        "git không khôi phục được các ref sau từ bản sao lưu (tên ref không hợp lệ): {refs}",
        "git would not restore these refs from the backup (invalid ref names): {refs}",
    ),
    "backup.no_file": ("không có tệp sao lưu '{path}'", "no backup file '{path}'"),
    "backup.checksum": (
        "mã SHA-256 của tệp khác với mã ghi khi sao lưu: tệp đã bị thay đổi hoặc hỏng",
        "the file's SHA-256 differs from the one written at backup time: it was changed or damaged",
    ),
    "backup.no_checksum": (
        "thiếu tệp mã kiểm tra .sha256 ghi cạnh tệp sao lưu",
        "the .sha256 checksum file written beside the backup is missing",
    ),
    "backup.verify_usage": (
        "cách dùng: hsdt backup verify TỆP…",
        "usage: hsdt backup verify FILE…",
    ),
    "backup.verified": (
        "{path}: tốt ({refs} ref nhánh/thẻ/ghi chú, trong đó {notes} ref ghi chú giờ nhận)",
        "{path}: good ({refs:ref|refs} of branches/tags/notes, {notes} of them receive-time notes)",
    ),
    "backup.not_verified": ("{path}: HỎNG — {detail}", "{path}: BAD — {detail}"),
    "backup.one_place": (
        "cảnh báo: chỉ sao lưu ra một nơi; quy định lưu trữ yêu cầu ít nhất hai bản trên hai phương tiện độc lập",
        "warning: one destination only; archiving rules ask for at least two copies on independent media",
    ),
    "backup.written": (
        "đã sao lưu {path} ({refs} ref nhánh/thẻ/ghi chú, trong đó {notes} ref ghi chú giờ nhận; xóa {removed} bản cũ)",
        "backed up {path} ({refs:ref|refs} of branches/tags/notes, {notes} of them receive-time notes; {removed:old copy|old copies} removed)",
    ),
}
