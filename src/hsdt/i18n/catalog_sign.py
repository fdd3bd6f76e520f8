"""Messages of signing and verification (hsdt.sign, hsdt sign/verify)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # reading PDFs
    "pdf.not_pdf": (
        "không phải tệp PDF (không bắt đầu bằng %PDF-)",
        "not a PDF file (does not start with %PDF-)",
    ),
    "pdf.damaged": (
        "tệp PDF bị hỏng hoặc không đầy đủ (có thể tải về bị lỗi): {error}",
        "the PDF is damaged or incomplete (perhaps a failed download): {error}",
    ),
    "pdf.unreadable": ("không đọc được tệp ({error})", "cannot read the file ({error})"),
    "pdf.no_manifest": (
        "tệp PDF không có phần mô tả '{name}': không phải hồ sơ do hsdt tạo ra",
        "the PDF has no '{name}' attachment: it is not a record rendered by hsdt",
    ),
    "pdf.bad_manifest": (
        "phần mô tả '{name}' trong tệp PDF không đúng định dạng",
        "the '{name}' attachment of the PDF is not in the expected format",
    ),
    # signers
    "sign.missing_extra": (
        "chưa cài phần ký số; chạy: pip install 'hsdt[sign]'",
        "the signing extra is not installed; run: pip install 'hsdt[sign]'",
    ),
    "sign.no_font": (
        "không tìm thấy phông Liberation Serif (cài gói fonts-liberation2; đường dẫn thường là {path})",
        "Liberation Serif not found (install fonts-liberation2; usually at {path})",
    ),
    "sign.remote_unsupported": (
        "ký số từ xa (SmartCA, MySign…) chưa được hỗ trợ trong phiên bản này",
        "remote signing (SmartCA, MySign…) is not supported in this version",
    ),
    "sign.p12_unreadable": (
        "không đọc được tệp khóa PKCS#12 ({error})",
        "cannot read the PKCS#12 key file ({error})",
    ),
    "sign.p12_bad": (
        "không mở được tệp khóa PKCS#12: sai mật khẩu hoặc tệp không phải .p12/.pfx",
        "cannot open the PKCS#12 key file: wrong passphrase or not a .p12/.pfx file",
    ),
    "sign.p11_no_module": (
        "không có thư viện PKCS#11 '{module}' (thư viện đi kèm phần mềm của USB token, xem docs/ky-so.md)",
        "no PKCS#11 library at '{module}' (the library installed with the USB token's software, see docs/ky-so.md)",
    ),
    "sign.p11_bad_pin": (
        "mã PIN của USB token không đúng (nhập sai nhiều lần sẽ khóa token)",
        "wrong token PIN (too many wrong attempts lock the token)",
    ),
    "sign.p11_no_token": (
        "không mở được USB token '{token}' qua '{module}' ({error}); kiểm tra token đã cắm và đúng tên",
        "cannot open token '{token}' through '{module}' ({error}); check it is plugged in and named right",
    ),
    "sign.p11_no_key": (
        "không tìm thấy khóa ký '{key}' (và chứng thư số cùng tên) trên USB token",
        "no signing key '{key}' (with a certificate of the same label) on the token",
    ),
    "sign.bad_image": (
        "không đọc được ảnh chữ ký/con dấu (cần tệp PNG)",
        "cannot read the signature/seal image (a PNG file is needed)",
    ),
    # signing
    "sign.unknown_role": (
        "hồ sơ này không có vị trí ký '{role}'; các vị trí ký: {known}",
        "this record has no signature place '{role}'; its places: {known}",
    ),
    "sign.already_signed": (
        "vị trí '{role}' đã được ký rồi",
        "place '{role}' is already signed",
    ),
    "sign.no_field": (
        "tệp PDF không có ô chữ ký '{field}' (được ký lần đầu bằng công cụ khác?)",
        "the PDF has no signature field '{field}' (first signed with another tool?)",
    ),
    "sign.out_of_order": (
        "chưa thể ký ở vị trí '{role}': còn thiếu chữ ký trước đó của {missing}",
        "cannot sign place '{role}' yet: the earlier signatures of {missing} are missing",
    ),
    "sign.level_needs_tsa": (
        "mức {level} cần máy chủ dấu thời gian: thêm --tsa URL",
        "level {level} needs a timestamp authority: add --tsa URL",
    ),
    "sign.level_needs_trust": (
        "mức {level} cần chứng thư gốc tin cậy để lấy dữ liệu kiểm tra: thêm --trust",
        "level {level} needs trust roots to collect validation data: add --trust",
    ),
    "sign.tsa_failed": (
        "không lấy được dấu thời gian từ máy chủ dấu thời gian ({error})",
        "could not get a timestamp from the timestamp authority ({error})",
    ),
    "sign.failed": ("ký số không thành công: {error}", "signing failed: {error}"),
    "sign.done": ("Đã ký {path} (vị trí {role}, {level})", "Signed {path} (place {role}, {level})"),
    "sign.extended": (
        "Đã bổ sung dữ liệu kiểm tra và dấu thời gian tài liệu: {path}",
        "Added validation data and a document timestamp: {path}",
    ),
    "sign.need_output": (
        "cần -o TỆP_RA khi ký một tệp, hoặc --output-dir THƯ_MỤC khi ký nhiều tệp",
        "give -o OUT when signing one file, or --output-dir DIR for several",
    ),
    "sign.need_role": (
        "cần --role VỊ_TRÍ (ví dụ nguoi_lap, to_truong, con_dau)",
        "--role PLACE is required (e.g. nguoi_lap, to_truong, con_dau)",
    ),
    "sign.bad_signer": (
        "--signer phải có dạng pkcs12:TỆP hoặc pkcs11:ĐƯỜNG_DẪN_THƯ_VIỆN, nhận được '{value}'",
        "--signer must read pkcs12:FILE or pkcs11:LIBRARY_PATH, got '{value}'",
    ),
    "sign.extend_needs_tsa": (
        "--extend cần máy chủ dấu thời gian: thêm --tsa URL",
        "--extend needs a timestamp authority: add --tsa URL",
    ),
    "sign.passphrase_prompt": ("Mật khẩu tệp khóa", "Key file passphrase"),
    "sign.pin_prompt": ("Mã PIN của USB token", "Token PIN"),
    # trust
    "trust.missing": (
        "không có tệp hoặc thư mục chứng thư tin cậy này",
        "no such trust certificate file or folder",
    ),
    "trust.bad_file": (
        "tệp chứng thư không đọc được (cần PEM hoặc DER)",
        "unreadable certificate file (PEM or DER needed)",
    ),
    "trust.empty": (
        "không có chứng thư số nào để tin cậy ở đây (cần tệp .pem/.crt)",
        "no certificate to trust here (.pem/.crt files needed)",
    ),
    # verification
    "verify.yes": ("có", "yes"),
    "verify.no": ("KHÔNG", "NO"),
    "verify.doc_head": ("== {path} (hồ sơ: {record})", "== {path} (record: {record})"),
    "verify.sig_head": (
        "Chữ ký ô {field}: {signer}, vai trò {role}",
        "Signature in {field}: {signer}, role {role}",
    ),
    "verify.sig_subject": ("  chứng thư số: {subject}", "  certificate: {subject}"),
    "verify.sig_time": (
        "  thời điểm ký (máy người ký khai): {signed_at}; dấu thời gian: {timestamp}",
        "  signing time (claimed): {signed_at}; timestamp: {timestamp}",
    ),
    "verify.no_timestamp": ("không có", "none"),
    "verify.sig_state": (
        "  nguyên vẹn: {intact}; hợp lệ: {valid}; tin cậy: {trusted}",
        "  intact: {intact}; valid: {valid}; trusted: {trusted}",
    ),
    "verify.sig_cover": (
        "  phạm vi: {what}; thay đổi sau khi ký: {changes}",
        "  covers: {what}; changes after signing: {changes}",
    ),
    "verify.cover_file": ("toàn bộ tệp", "the whole file"),
    "verify.cover_revision": (
        "bản {revision}/{revisions} của tệp",
        "revision {revision} of {revisions}",
    ),
    "verify.changes.NONE": ("không có", "none"),
    "verify.changes.LTA_UPDATES": (
        "chỉ thêm dữ liệu kiểm tra, dấu thời gian",
        "validation data and timestamps only",
    ),
    "verify.changes.FORM_FILLING": (
        "chỉ thêm các chữ ký tiếp theo vào ô đã định",
        "later signatures in their fields only",
    ),
    "verify.changes.ANNOTATIONS": ("thêm ghi chú", "annotations added"),
    "verify.changes.OTHER": ("SỬA NỘI DUNG", "CONTENT CHANGED"),
    "verify.changes.UNKNOWN": ("không xác định", "unknown"),
    "verify.problem": ("  ✗ {text}", "  ✗ {text}"),
    "verify.sig_problem": ("chữ ký ô {field}: {text}", "signature in {field}: {text}"),
    "verify.not_intact": (
        "nội dung đã bị thay đổi sau khi ký (chữ ký không còn khớp với tệp)",
        "the content changed after signing (the signature no longer matches the file)",
    ),
    "verify.invalid": (
        "chữ ký không hợp lệ về mặt mật mã",
        "the signature is cryptographically invalid",
    ),
    "verify.revoked": (
        "chứng thư số của người ký đã bị thu hồi (lúc {when})",
        "the signer's certificate has been revoked (at {when})",
    ),
    "verify.expired": (
        "chứng thư số của người ký không còn hiệu lực lúc kiểm tra (hiệu lực từ {start} đến {end})",
        "the signer's certificate is not valid at the time checked (valid from {start} to {end})",
    ),
    "verify.untrusted": (
        "chứng thư số không do nhà cung cấp dịch vụ chứng thực mà trường tin cậy cấp",
        "the certificate was not issued by a certificate authority the school trusts",
    ),
    "verify.trust_other": (
        "chứng thư số không được tin cậy ({code})",
        "the certificate is not trusted ({code})",
    ),
    "verify.modified": (
        "tệp bị sửa sau khi ký (không chỉ thêm chữ ký hay dữ liệu kiểm tra)",
        "the file was modified after signing (beyond adding signatures or validation data)",
    ),
    "verify.sig_timestamp_bad": (
        "dấu thời gian của chữ ký không hợp lệ hoặc không được tin cậy",
        "the signature's timestamp is invalid or untrusted",
    ),
    "verify.timestamp_bad": (
        "dấu thời gian tài liệu lúc {time} không hợp lệ hoặc không được tin cậy",
        "the document timestamp of {time} is invalid or untrusted",
    ),
    "verify.doc_ts_ok": (
        "Dấu thời gian tài liệu: {time} (hợp lệ, tin cậy)",
        "Document timestamp: {time} (valid, trusted)",
    ),
    "verify.no_signatures": (
        "tệp PDF không có chữ ký số nào",
        "the PDF carries no digital signature",
    ),
    "verify.no_source": (
        "tệp PDF không còn đính kèm bản gốc '{name}'",
        "the PDF no longer carries the source '{name}'",
    ),
    "verify.source_mismatch": (
        "bản gốc '{name}' đính kèm đã bị thay đổi (không khớp mã băm đã ghi khi tạo)",
        "the attached source '{name}' was changed (it does not match the recorded hash)",
    ),
    "verify.source_ok": (
        "Bản gốc Markdown đính kèm khớp mã băm đã ghi.",
        "The attached Markdown source matches its recorded hash.",
    ),
    "verify.verdict_ok": (
        "KẾT LUẬN: hợp lệ ({count} chữ ký nguyên vẹn, hợp lệ, tin cậy).",
        "RESULT: valid ({count:signature|signatures} intact, valid and trusted).",
    ),
    "verify.verdict_bad": ("KẾT LUẬN: KHÔNG hợp lệ.", "RESULT: NOT valid."),
    "verify.summary_bad": (
        "{bad}/{count} tệp không hợp lệ",
        "{bad} of {count:file|files} are not valid",
    ),
    "sign.no_key_file": (
        "không có tệp khóa '{path}' (--signer pkcs12:TỆP)",
        "no key file '{path}' (--signer pkcs12:FILE)",
    ),
    "sign.no_input": ("không có tệp PDF '{path}'", "no PDF file '{path}'"),
    "sign.output_is_folder": (
        "'{path}' là một thư mục, không ghi tệp đã ký đè lên được (dùng --output-dir cho thư mục)",
        "'{path}' is a folder; the signed file cannot be written there (use --output-dir for a folder)",
    ),
    "sign.output_not_writable": (
        "không ghi được tệp đã ký '{path}': không tạo được hoặc không có quyền ghi vào thư mục chứa tệp",
        "cannot write the signed file '{path}': its folder cannot be created or written to",
    ),
    "sign.no_passphrase": (
        "chưa có mật khẩu tệp khóa và không có terminal để nhập: đặt biến môi trường {variable} (ví dụ trong secret của CI), hoặc chạy lệnh trong terminal",
        "no key file passphrase and no terminal to type it: set the {variable} environment variable (a CI secret, for instance), or run the command in a terminal",
    ),
    "sign.no_pin": (
        "chưa có mã PIN của USB token và không có terminal để nhập: đặt biến môi trường {variable}, hoặc chạy lệnh trong terminal",
        "no token PIN and no terminal to type it: set the {variable} environment variable, or run the command in a terminal",
    ),
    # who signed: the certificate's holder against the roster (hsdt.sign.holder)
    "verify.warning": ("  ⚠ {text}", "  ⚠ {text}"),
    "verify.no_roster": (
        "không kiểm tra được người ký: không có danh sách cán bộ (chạy hsdt verify trong kho hồ sơ của trường để kiểm tra chứng thư số có đúng của người phải ký không)",
        "the signers were not checked: no staff roster (run hsdt verify inside the school's repository to check each certificate belongs to the person who must sign)",
    ),
    "verify.no_roster_school": (
        "không kiểm tra được người ký: không có danh sách cán bộ của trường '{school}' trong kho này",
        "the signers were not checked: this repository has no staff roster of school '{school}'",
    ),
    "verify.warning_line": ("{path}: cảnh báo: {text}", "{path}: warning: {text}"),
    "holder.wrong_person": (
        "vị trí ký {place} phải do {expected} ký, nhưng chứng thư số là của {holder}",
        "place {place} must be signed by {expected}, but the certificate belongs to {holder}",
    ),
    "holder.not_seal": (
        "vị trí {place} phải ký bằng chứng thư số của tổ chức '{school}', nhưng chứng thư số là của {holder}",
        "place {place} must be signed with the organisation certificate of '{school}', but the certificate belongs to {holder}",
    ),
    "holder.no_expected": (
        "vị trí ký {place} không ghi người phải ký, nên không xác nhận được người ký",
        "place {place} does not name who must sign it, so the signer cannot be confirmed",
    ),
    "holder.unknown_staff": (
        "vị trí ký {place} dành cho '{id}', người không có trong danh sách cán bộ của trường, nên không xác nhận được người ký",
        "place {place} is for '{id}', who is not in the school's staff roster, so the signer cannot be confirmed",
    ),
    "holder.no_place": (
        "chữ ký nằm ở ô '{field}' không thuộc khối chữ ký của hồ sơ",
        "the signature is in field '{field}', which is not a place of the record's signature block",
    ),
    "verify.trailing_bytes": (
        "tệp có thêm dữ liệu sau phần được ký cuối cùng (không thuộc phần ghi thêm nào của PDF): nội dung đó không do ai ký",
        "the file has data after the last signed part (in no PDF update): nobody signed it",
    ),
    "verify.unsigned_revision": (
        "tệp có {count} phần ghi thêm sau chữ ký cuối cùng mà không phải chữ ký hay dữ liệu kiểm tra: nội dung thêm vào không do ai ký",
        "the file has {count} update(s) after the last signature that are neither a signature nor validation data: what they add is signed by nobody",
    ),
    "roster.fingerprint": (
        "# {holder}\nvan_tay_chung_thu: '{fingerprint}'",
        "# {holder}\nvan_tay_chung_thu: '{fingerprint}'",
    ),
    "profile.bad_fingerprint": (
        "'{key}' phải là vân tay SHA-256 của chứng thư số (64 chữ số hệ 16, có thể có dấu ':'), nhận được '{value}'",
        "'{key}' must be a certificate's SHA-256 fingerprint (64 hex digits, colons allowed), got '{value}'",
    ),
}
"""Every message of signing and verification, as (Vietnamese, English)."""
