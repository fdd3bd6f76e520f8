"""Every message hsdt shows, as (Vietnamese, English). Keys are grouped by the module that
uses them; the heavy layers (render, sign, git workflow) keep theirs in sibling modules merged
here. A test checks that both languages use the same placeholders."""

from __future__ import annotations

from hsdt.i18n.catalog_archive import MESSAGES as _ARCHIVE
from hsdt.i18n.catalog_demo import MESSAGES as _DEMO
from hsdt.i18n.catalog_facts import MESSAGES as _FACTS
from hsdt.i18n.catalog_git import MESSAGES as _GIT
from hsdt.i18n.catalog_guard import MESSAGES as _GUARD
from hsdt.i18n.catalog_import import MESSAGES as _IMPORT
from hsdt.i18n.catalog_push import MESSAGES as _PUSH
from hsdt.i18n.catalog_queue import MESSAGES as _QUEUE
from hsdt.i18n.catalog_render import MESSAGES as _RENDER
from hsdt.i18n.catalog_report import MESSAGES as _REPORT
from hsdt.i18n.catalog_rules import MESSAGES as _RULES
from hsdt.i18n.catalog_scaffold import MESSAGES as _SCAFFOLD
from hsdt.i18n.catalog_search import MESSAGES as _SEARCH
from hsdt.i18n.catalog_sign import MESSAGES as _SIGN
from hsdt.i18n.catalog_site import MESSAGES as _SITE

_CORE: dict[str, tuple[str, str]] = {
    # problems
    "problem.warning_label": ("(cảnh báo)", "(warning)"),
    # yaml
    "yaml.tab": (
        "dòng này thụt lề bằng phím Tab; phần thông tin (YAML) chỉ chấp nhận dấu cách",
        "this line is indented with a Tab; the front matter (YAML) accepts spaces only",
    ),
    "yaml.colon": (
        "dấu ':' không đúng chỗ; nếu giá trị có dấu ':' hãy đặt nó trong dấu nháy \"…\"",
        "misplaced ':'; put a value that contains ':' in quotes \"…\"",
    ),
    "yaml.no_colon": (
        "thiếu dấu ':' sau tên khóa (mỗi dòng có dạng 'khoa: giá trị')",
        "missing ':' after the key (each line reads 'key: value')",
    ),
    "yaml.bad_char": (
        'ký tự không được phép ở đầu giá trị ({detail}); hãy đặt giá trị trong dấu nháy "…"',
        'a character that cannot start a value ({detail}); put the value in quotes "…"',
    ),
    "yaml.unclosed_quote": ("thiếu dấu nháy đóng", "a closing quote is missing"),
    "yaml.alias": ("bí danh YAML (*) không có neo tương ứng", "YAML alias (*) without an anchor"),
    "yaml.indent": (
        "thụt lề không đều: các khóa cùng cấp phải thẳng cột",
        "inconsistent indentation: keys of the same level must line up",
    ),
    "yaml.escape": (
        "ký tự thoát '\\' không hợp lệ trong dấu nháy kép; dùng dấu nháy đơn '…'",
        "invalid '\\' escape in double quotes; use single quotes '…'",
    ),
    "yaml.flow": (
        "danh sách [...] hoặc {{...}} chưa được đóng đúng",
        "a [...] or {{...}} list is not closed properly",
    ),
    "yaml.syntax": ("cú pháp YAML không hợp lệ ({detail})", "invalid YAML syntax ({detail})"),
    "yaml.tag": (
        "thẻ YAML '{tag}' không được hỗ trợ; chỉ dùng chữ, số, danh sách và bảng khóa",
        "YAML tag '{tag}' is not supported; use only text, numbers, lists and mappings",
    ),
    "yaml.key_not_text": ("tên khóa phải là chữ", "keys must be text"),
    "yaml.duplicate": (
        "khóa '{key}' bị lặp lại (đã có ở dòng {first})",
        "key '{key}' appears twice (first at line {first})",
    ),
    "yaml.too_big": (
        "tài liệu YAML quá lớn (quá {limit} giá trị)",
        "YAML document too large (more than {limit:value|values})",
    ),
    # text
    "text.utf16": (
        "tệp được lưu dạng UTF-16; hãy lưu lại dạng UTF-8",
        "the file is saved as UTF-16; save it as UTF-8",
    ),
    "text.binary": (
        "tệp nhị phân, không phải văn bản Markdown",
        "binary file, not Markdown text",
    ),
    "text.not_utf8": (
        "tệp không phải văn bản UTF-8 (byte {byte} không hợp lệ); hãy lưu lại dạng UTF-8",
        "the file is not UTF-8 text (invalid byte {byte}); save it as UTF-8",
    ),
    "text.nfd": (
        "chữ tiếng Việt ở dạng tổ hợp (NFD, ví dụ '{sample}'); chạy 'hsdt check --fix' để chuẩn hóa sang NFC",
        "Vietnamese letters are decomposed (NFD, e.g. '{sample}'); run 'hsdt check --fix' to normalise to NFC",
    ),
    # front matter
    "fm.empty": (
        "tệp rỗng; hồ sơ phải bắt đầu bằng dòng '---' và phần thông tin",
        "empty file; a record starts with a '---' line and its front matter",
    ),
    "fm.no_opening": (
        "dòng đầu phải là '---' (mở phần thông tin), nhận được '{found}'",
        "the first line must be '---' (opening the front matter), got '{found}'",
    ),
    "fm.no_closing": (
        "không tìm thấy dòng '---' đóng phần thông tin",
        "no '---' line closes the front matter",
    ),
    "fm.empty_meta": ("phần thông tin trống", "the front matter is empty"),
    "fm.not_mapping": (
        "phần thông tin phải gồm các dòng 'khoa: giá trị'",
        "the front matter must be 'key: value' lines",
    ),
    # schema
    "schema.missing": (
        "thiếu khóa bắt buộc '{key}' ({label}, {expected})",
        "required key '{key}' is missing ({label}, {expected})",
    ),
    "schema.wrong": (
        "'{key}' ({label}) phải là {expected}, nhận được '{value}'",
        "'{key}' ({label}) must be {expected}, got '{value}'",
    ),
    "schema.unknown_key_hint": (
        "khóa '{key}' không có trong mẫu '{type}'; có phải '{hint}'?",
        "key '{key}' is not part of type '{type}'; did you mean '{hint}'?",
    ),
    "schema.unknown_key": (
        "khóa '{key}' không có trong mẫu '{type}' (các khóa: {keys})",
        "key '{key}' is not part of type '{type}' (keys: {keys})",
    ),
    "schema.school_year": (
        "'{key}' phải là năm học dạng YYYY-YYYY (hai năm liền nhau), nhận được '{value}'",
        "'{key}' must be a school year YYYY-YYYY (consecutive years), got '{value}'",
    ),
    "schema.time": (
        "'{key}' phải là giờ dạng HH:MM, nhận được '{value}'",
        "'{key}' must be a time HH:MM, got '{value}'",
    ),
    "expect.chuoi": ("một dòng chữ", "a line of text"),
    "expect.van_ban": ("đoạn văn bản", "text"),
    "expect.so": ("một số nguyên", "a whole number"),
    "expect.int_range": ("số nguyên từ {low} đến {high}", "a whole number from {low} to {high}"),
    "expect.ngay": ("ngày dạng YYYY-MM-DD có thật", "a real date YYYY-MM-DD"),
    "expect.gio": ("giờ dạng HH:MM", "a time HH:MM"),
    "expect.nam_hoc": ("năm học dạng YYYY-YYYY", "a school year YYYY-YYYY"),
    "expect.nhan_su": (
        "mã nhân sự (chữ thường, số, dấu '-')",
        "a staff id (lowercase letters, digits, '-')",
    ),
    "expect.ds_nhan_su": ("danh sách mã nhân sự", "a list of staff ids"),
    "expect.to": ("mã tổ (chữ thường, số, dấu '-')", "a group id (lowercase letters, digits, '-')"),
    "expect.lua_chon": ("một trong các giá trị cho phép", "one of the allowed values"),
    "expect.choice": ("một trong: {choices}", "one of: {choices}"),
    "expect.ds_chuoi": ("danh sách các dòng chữ", "a list of text lines"),
    "expect.ma": (
        "mã gồm chữ thường không dấu, số và dấu '-'",
        "an id of lowercase ASCII letters, digits and '-'",
    ),
    # sections
    "sections.missing": (
        "thiếu mục '{heading}' theo mẫu '{type}' (hoặc mục không đúng thứ tự)",
        "section '{heading}' required by type '{type}' is missing (or out of order)",
    ),
    "sections.order": (
        "mục '{heading}' không đúng thứ tự theo mẫu",
        "section '{heading}' is out of the template's order",
    ),
    # roster
    "roster.unknown_group": (
        "không có tổ '{id}' trong hồ sơ nhà trường (các tổ: {known})",
        "no group '{id}' in the school profile (groups: {known})",
    ),
    "roster.unknown_staff": (
        "không có nhân sự mã '{id}' ({label}) trong danh sách của trường",
        "no staff member '{id}' ({label}) in the school roster",
    ),
    "roster.not_in_group": (
        "'{id}' ({name}) không thuộc {group}",
        "'{id}' ({name}) is not a member of {group}",
    ),
    "roster.not_submitter": (
        "'{id}' không có vai trò được nộp loại hồ sơ '{type}' (vai trò được nộp: {roles})",
        "'{id}' holds no role allowed to submit '{type}' (allowed: {roles})",
    ),
    # paths
    "paths.bad_name": (
        "tên tệp '{name}' chỉ được gồm chữ thường không dấu, số, dấu '-' và đuôi .md",
        "file name '{name}' may hold only lowercase ASCII letters, digits, '-' and end in .md",
    ),
    "paths.wrong_folder": (
        "hồ sơ nằm ở '{folder}' nhưng theo phần thông tin phải ở '{wanted}'",
        "the record is in '{folder}' but its front matter places it in '{wanted}'",
    ),
    # calendar
    "calendar.outside": (
        "{label} {value} nằm ngoài năm học {year} ({start} đến {end})",
        "{label} {value} is outside school year {year} ({start} to {end})",
    ),
    "calendar.holiday": (
        "{label} {value} rơi vào kỳ nghỉ ({reason})",
        "{label} {value} falls in a holiday ({reason})",
    ),
    "calendar.week_past": (
        "tuần {week} vượt quá số tuần của năm học {year} (tuần cuối: {last})",
        "week {week} is past the last week of school year {year} ({last})",
    ),
    # deadlines
    "deadline.too_early": (
        "nộp lúc {at}, trước thời điểm được nộp ({start})",
        "submitted at {at}, before it may be submitted ({start})",
    ),
    "deadline.late_extended": (
        "nộp muộn: nộp lúc {at}, hạn đã gia hạn đến {due} ({id})",
        "late: submitted at {at}, after the extended deadline {due} ({id})",
    ),
    "deadline.late_lead": (
        "nộp muộn: nộp lúc {at}, hạn là {due} (trước {days} ngày)",
        "late: submitted at {at}, due {due} ({days:day|days} ahead)",
    ),
    "deadline.late_cutoff": (
        "nộp muộn: nộp lúc {at}, hạn là {due} (mốc nộp hằng tuần: {weekdays})",
        "late: submitted at {at}, due {due} (weekly cut-offs: {weekdays})",
    ),
    "deadline.late_week": (
        "nộp muộn: nộp lúc {at}, hạn là {due} (trước thứ Hai của tuần)",
        "late: submitted at {at}, due {due} (before the week's Monday)",
    ),
    "deadline.late_fixed": (
        "nộp muộn: nộp lúc {at}, hạn là {due}",
        "late: submitted at {at}, due {due}",
    ),
    "deadline.late_after": (
        "nộp muộn: nộp lúc {at}, hạn là {due} ({days} ngày sau)",
        "late: submitted at {at}, due {due} ({days:day|days} after)",
    ),
    "deadline.near": ("sắp đến hạn nộp: {due}", "deadline near: {due}"),
    "deadline.weekday": (
        "nộp lúc {at}; nhà trường chỉ nhận loại hồ sơ này vào {weekdays}",
        "submitted at {at}; the school takes this type only on {weekdays}",
    ),
    # locks, topics
    "lock.locked": (
        "hồ sơ thuộc kỳ đã khóa sổ '{id}' (từ {since}); muốn sửa phải kèm biên bản sửa dữ liệu ('{type}') được hiệu trưởng cho phép",
        "the record is in locked period '{id}' (since {since}); changing it needs a correction record ('{type}') permitted by the principal",
    ),
    "topics.many": (
        "mỗi lần nộp '{type}' chỉ được một chủ đề, lần này có {count}: {topics}",
        "each '{type}' submission may hold one topic, this one holds {count}: {topics}",
    ),
    # correction records
    "correction.permitted_by": (
        "người cho phép '{id}' không có vai trò {roles} theo quy chế",
        "permitting person '{id}' does not hold role {roles} required by the rules",
    ),
    "correction.gvcn_no_class": (
        "ghi gvcn thì phải ghi lop: lớp có dữ liệu được sửa, mà gvcn là giáo viên chủ nhiệm",
        "with gvcn, give lop: the class whose data is corrected, which gvcn heads",
    ),
    "correction.gvcn_not_homeroom": (
        "'{id}' không phải giáo viên chủ nhiệm lớp '{cls}' (theo nhan_su.chu_nhiem; chủ nhiệm"
        " lớp này: {heads})",
        "'{id}' is not the class teacher of '{cls}' (by nhan_su.chu_nhiem; its class teachers:"
        " {heads})",
    ),
    "correction.witness": (
        "thiếu người chứng kiến có vai trò '{role}' theo quy chế",
        "no witness holding role '{role}' as the rules require",
    ),
    "correction.path": (
        "'{value}' không phải đường dẫn hồ sơ trong records/",
        "'{value}' is not a record path under records/",
    ),
    # secrets
    "secrets.private_key": (
        "tệp chứa khóa bí mật; khóa ký số chỉ được để trong token/USB ký số hoặc ngoài kho",
        "the file holds a private key; signing keys belong on a token or outside the repository",
    ),
    "secrets.pkcs12": (
        "tệp PKCS#12 (.p12/.pfx) chứa khóa bí mật; không được đưa vào kho",
        "a PKCS#12 (.p12/.pfx) file holds a private key; it must not enter the repository",
    ),
    "secrets.unreadable": ("không đọc được tệp ({error})", "cannot read the file ({error})"),
    # check
    "check.unreadable": ("không đọc được tệp ({error})", "cannot read the file ({error})"),
    "check.too_big": (
        "tệp quá lớn ({size}); giới hạn của trường là {limit}. Ảnh, video hãy để ngoài hồ sơ",
        "the file is too large ({size}); the school's limit is {limit}. Keep images and video out of records",
    ),
    "check.no_type": (
        "thiếu khóa 'loai' (loại hồ sơ); các loại của trường: {known}",
        "key 'loai' (record type) is missing; the school's types: {known}",
    ),
    "check.unknown_type": (
        "loại hồ sơ '{value}' không có trong quy chế của trường; các loại: {known}",
        "record type '{value}' is not in the school's rules; types: {known}",
    ),
    "check.nothing": (
        "hãy chỉ ra tệp hồ sơ cần kiểm tra, hoặc dùng --all để kiểm tra tất cả",
        "name the record files to check, or use --all to check them all",
    ),
    "check.no_such_file": ("không tìm thấy tệp '{path}'", "no such file '{path}'"),
    "check.summary_ok": (
        "Đã kiểm tra {count} hồ sơ: không có lỗi.",
        "Checked {count:record|records}: no problems.",
    ),
    "check.summary_bad": (
        "Đã kiểm tra {count} hồ sơ: {errors} lỗi, {warnings} cảnh báo.",
        "Checked {count:record|records}: {errors:error|errors}, {warnings:warning|warnings}.",
    ),
    "check.summary_warn": (
        "Đã kiểm tra {count} hồ sơ: không có lỗi, {warnings} cảnh báo.",
        "Checked {count:record|records}: no errors, {warnings:warning|warnings}.",
    ),
    "check.fixed": ("đã chuẩn hóa NFC: {path}", "normalised to NFC: {path}"),
    "check.bad_at": (
        "--at phải là thời điểm ISO 8601, ví dụ 2025-10-12T20:00 hoặc 2025-10-12T20:00+07:00; nhận được '{value}'",
        "--at must be an ISO 8601 moment such as 2025-10-12T20:00 or 2025-10-12T20:00+07:00; got '{value}'",
    ),
    "secrets.summary_ok": (
        "Không có khóa bí mật trong {count} tệp.",
        "No private key in {count:file|files}.",
    ),
    # repository and profile
    "repo.not_found": (
        "không tìm thấy kho hồ sơ của trường (thư mục có schools/<mã trường>/truong.yml) từ '{start}'; chạy 'hsdt init' để tạo",
        "no school repository (a folder with schools/<id>/truong.yml) at or above '{start}'; run 'hsdt init' to create one",
    ),
    "repo.outside": (
        "'{path}' nằm ngoài kho hồ sơ '{root}'",
        "'{path}' is outside the school repository '{root}'",
    ),
    "profile.none": (
        "kho '{root}' chưa có hồ sơ nhà trường (schools/<mã trường>/truong.yml)",
        "repository '{root}' has no school profile (schools/<id>/truong.yml)",
    ),
    "profile.not_found_id": (
        "không có hồ sơ trường '{id}' trong '{root}/schools'",
        "no school profile '{id}' in '{root}/schools'",
    ),
    "profile.several": (
        "kho có nhiều trường ({names}); chọn một bằng --school hoặc biến HSDT_SCHOOL",
        "the repository holds several schools ({names}); choose one with --school or HSDT_SCHOOL",
    ),
    "profile.missing_file": ("thiếu tệp '{file}'", "file '{file}' is missing"),
    "profile.id_mismatch": (
        "mã trường '{id}' phải trùng tên thư mục '{folder}'",
        "school id '{id}' must equal its folder name '{folder}'",
    ),
    "profile.unknown_staff": (
        "'{key}': không có nhân sự mã '{id}' trong nhan_su",
        "'{key}': no staff member '{id}' in nhan_su",
    ),
    "profile.bad_email": (
        "'{key}': email không hợp lệ '{value}'",
        "'{key}': invalid e-mail '{value}'",
    ),
    "profile.bad_username": (
        "tên tài khoản Git '{value}' không hợp lệ",
        "invalid Git account name '{value}'",
    ),
    "profile.level_not_taught": (
        "cấp học '{level}' không có trong cap_hoc của trường",
        "level '{level}' is not among the school's cap_hoc",
    ),
    "profile.end_before_start": (
        "ngày kết thúc phải sau ngày bắt đầu",
        "the end must come after the start",
    ),
    "profile.week1_not_monday": (
        "tuan_1 phải là một ngày thứ Hai, nhận được {value}",
        "tuan_1 must be a Monday, got {value}",
    ),
    "profile.week1_outside": (
        "tuan_1 phải nằm trong năm học",
        "tuan_1 must fall within the school year",
    ),
    "profile.tsa_url": (
        "ky_so.tsa_url phải là địa chỉ http:// hoặc https:// của máy chủ cấp dấu thời gian, nhận được '{value}'",
        "ky_so.tsa_url must be the http:// or https:// address of a timestamp authority, got '{value}'",
    ),
    "profile.semester_outside": (
        "hoc_ky_2 (ngày đầu học kỳ II) phải nằm sau bat_dau và không sau ket_thuc",
        "hoc_ky_2 (first day of semester 2) must fall after bat_dau and not after ket_thuc",
    ),
    "profile.unknown_type": (
        "không có loại hồ sơ '{id}' (xem 'hsdt types' hoặc khai báo trong loai_rieng)",
        "no record type '{id}' (see 'hsdt types' or declare it under loai_rieng)",
    ),
    "profile.type_level": (
        "loại hồ sơ '{id}' dành cho cấp {levels}, trường không dạy cấp này",
        "record type '{id}' is for {levels}, which the school does not teach",
    ),
    "profile.bad_anchor": (
        "mốc '{value}' không phải khóa ngày (hoặc số tuần) của loại '{type}'",
        "anchor '{value}' is not a date (or week number) key of type '{type}'",
    ),
    "profile.bad_day_month": (
        "ngày cố định phải có dạng NN/TT, ví dụ 05/09; nhận được '{value}'",
        "a fixed date must read DD/MM, e.g. 05/09; got '{value}'",
    ),
    "profile.bad_chain": (
        "'duyet' phải là danh sách các bước, mỗi bước là một vai trò hoặc danh sách vai trò",
        "'duyet' must be a list of steps, each a role or a list of roles",
    ),
    "profile.bad_chain_step": (
        "bước duyệt thứ {index} phải là vai trò hoặc danh sách vai trò trong: {roles}",
        "approval step {index} must be a role or a list of roles among: {roles}",
    ),
    "profile.responsibility_without_vice": (
        "'phu_trach' chỉ dùng cho bước duyệt có vai trò pho_hieu_truong",
        "'phu_trach' only applies to an approval step with the role pho_hieu_truong",
    ),
    "profile.unknown_responsibility": (
        "'phu_trach' nhận '{value}': không phải cấp học, cap_hoc hay việc một phó hiệu trưởng phụ trách; chọn trong: {choices}",
        "'phu_trach' got '{value}': not a level, cap_hoc or something a vice-principal is responsible for; choose among: {choices}",
    ),
    "profile.one_topic_field": (
        "mot_chu_de cần loại '{id}' có khóa 'chu_de'",
        "mot_chu_de needs type '{id}' to have a 'chu_de' key",
    ),
    "profile.extension_not_principal": (
        "chỉ hiệu trưởng được gia hạn; '{id}' không phải hiệu trưởng",
        "only the principal may grant an extension; '{id}' is not the principal",
    ),
    "profile.extension_bad_record": (
        "'ho_so' phải là đường dẫn hồ sơ dạng records/…/….md, nhận được '{value}'",
        "'ho_so' must be a record path records/…/….md, got '{value}'",
    ),
    "profile.extension_scope": (
        "mục gia hạn phải ghi ít nhất một trong: ho_so, giao_vien, tuan",
        "an extension must name at least one of: ho_so, giao_vien, tuan",
    ),
    "profile.lock_not_principal": (
        "chỉ hiệu trưởng được khóa sổ; '{id}' không phải hiệu trưởng",
        "only the principal may lock; '{id}' is not the principal",
    ),
    # profile field reading
    "cfg.not_mapping": (
        "'{key}' phải là bảng 'khoa: giá trị'",
        "'{key}' must be a 'key: value' mapping",
    ),
    "cfg.unknown_key": (
        "khóa '{key}' không được hỗ trợ; có phải '{hint}'?",
        "key '{key}' is not supported; did you mean '{hint}'?",
    ),
    "cfg.missing": ("thiếu khóa bắt buộc '{key}'", "required key '{key}' is missing"),
    "cfg.want_text": ("'{key}' phải là một dòng chữ", "'{key}' must be a line of text"),
    "cfg.want_id": (
        "'{key}': mã '{value}' chỉ được gồm chữ thường không dấu, số và dấu '-'",
        "'{key}': id '{value}' may hold only lowercase ASCII letters, digits and '-'",
    ),
    "cfg.want_int": (
        "'{key}' phải là số nguyên từ {low} đến {high}",
        "'{key}' must be a whole number from {low} to {high}",
    ),
    "cfg.want_bool": ("'{key}' phải là true hoặc false", "'{key}' must be true or false"),
    "cfg.want_date": (
        "'{key}' phải là ngày dạng YYYY-MM-DD có thật, nhận được '{value}'",
        "'{key}' must be a real date YYYY-MM-DD, got '{value}'",
    ),
    "cfg.want_moment": (
        "'{key}' phải là thời điểm dạng YYYY-MM-DDTHH:MM, nhận được '{value}'",
        "'{key}' must be a moment YYYY-MM-DDTHH:MM, got '{value}'",
    ),
    "cfg.want_choice": (
        "'{key}' phải là một trong: {choices}; nhận được '{value}'",
        "'{key}' must be one of: {choices}; got '{value}'",
    ),
    "cfg.want_list": ("'{key}' phải là danh sách", "'{key}' must be a list"),
    "cfg.want_list_of_maps": (
        "'{key}' phải là danh sách các bảng 'khoa: giá trị'",
        "'{key}' must be a list of 'key: value' mappings",
    ),
    "cfg.duplicate_item": ("'{key}': '{value}' bị lặp lại", "'{key}': '{value}' is repeated"),
    "cfg.bad_field_key": (
        "tên khóa '{key}' chỉ được gồm chữ thường không dấu, số và '_'",
        "key name '{key}' may hold only lowercase ASCII letters, digits and '_'",
    ),
    "cfg.unknown_field": (
        "'{key}' nhắc đến khóa '{value}' mà loại hồ sơ không có",
        "'{key}' names key '{value}' that the type does not have",
    ),
    "cfg.type_file_name": (
        "mã loại '{id}' phải trùng tên tệp",
        "type id '{id}' must equal the file name",
    ),
    # init, new, types
    "init.unknown_profile": (
        "không có hồ sơ trường mẫu '{name}' (có sẵn: {known}) và cũng không phải thư mục chứa truong.yml",
        "no built-in profile '{name}' (available: {known}) and no folder with truong.yml",
    ),
    "init.exists": (
        "'{path}' đã có hồ sơ nhà trường trong schools/; không ghi đè",
        "'{path}' already holds a school profile in schools/; not overwriting",
    ),
    "init.done": (
        "Đã tạo kho hồ sơ của {school} tại {path}.",
        "Created the records repository of {school} at {path}.",
    ),
    "init.next": (
        "Tiếp theo: cd {path} && pre-commit install && hsdt types",
        "Next: cd {path} && pre-commit install && hsdt types",
    ),
    "new.unknown_key": (
        "loại '{type}' không có khóa '{key}' (các khóa: {keys})",
        "type '{type}' has no key '{key}' (keys: {keys})",
    ),
    "new.bad_value": (
        "giá trị '{value}' không hợp lệ cho '{key}'",
        "invalid value '{value}' for '{key}'",
    ),
    "new.bad_pair": (
        "--set cần dạng khoa=giá_trị, nhận được '{value}'",
        "--set takes key=value, got '{value}'",
    ),
    "new.need_keys": (
        "chưa xác định được {keys}; thêm --set khoa=giá_trị (người soạn lấy từ email git nếu có trong danh sách nhân sự)",
        "cannot tell {keys}; add --set key=value (the author is taken from git's e-mail when it is in the roster)",
    ),
    "new.write_failed": ("không ghi được '{path}' ({error})", "cannot write '{path}' ({error})"),
    "new.created": ("Đã tạo {path}", "Created {path}"),
    # git
    "git.failed": ("lệnh '{command}' thất bại: {detail}", "'{command}' failed: {detail}"),
    # CLI edge
    "cli.internal": (
        "lỗi không mong đợi ({error}); chạy lại với --verbose để xem chi tiết và báo cho người quản trị",
        "unexpected error ({error}); run again with --verbose for details and tell the administrator",
    ),
    "cli.interrupted": ("đã dừng theo yêu cầu", "interrupted"),
    # check: folders
    "check.not_a_record": (
        "'{path}' không phải tệp hồ sơ (tệp .md trong records/) hay thư mục",
        "'{path}' is neither a record file (a .md file under records/) nor a folder",
    ),
    "check.empty_folder": (
        "cảnh báo: không có hồ sơ nào trong {path}",
        "warning: there is no record in {path}",
    ),
    # school years (issue 10)
    "calendar.year_missing_date": (
        "{label} {value} thuộc năm học {year}, nhưng {profile} chưa có năm học này: "
        "thêm bằng 'hsdt nam-hoc them {year} --bat-dau YYYY-MM-DD --ket-thuc YYYY-MM-DD "
        "--tuan-1 YYYY-MM-DD' (hoặc thêm mục '- ma: {year}' vào nam_hoc)",
        "{label} {value} falls in school year {year}, which {profile} does not describe: "
        "add it with 'hsdt nam-hoc them {year} --bat-dau YYYY-MM-DD --ket-thuc YYYY-MM-DD "
        "--tuan-1 YYYY-MM-DD' (or add an item '- ma: {year}' to nam_hoc)",
    ),
    "calendar.year_missing": (
        "năm học {year} chưa có trong {profile}: thêm bằng 'hsdt nam-hoc them {year} "
        "--bat-dau YYYY-MM-DD --ket-thuc YYYY-MM-DD --tuan-1 YYYY-MM-DD' "
        "(hoặc thêm mục '- ma: {year}' vào nam_hoc)",
        "school year {year} is not described in {profile}: add it with 'hsdt nam-hoc them "
        "{year} --bat-dau YYYY-MM-DD --ket-thuc YYYY-MM-DD --tuan-1 YYYY-MM-DD' "
        "(or add an item '- ma: {year}' to nam_hoc)",
    ),
    "calendar.wrong_year": (
        "'nam_hoc' là {declared} nhưng {label} {value} thuộc năm học {year}: sửa nam_hoc "
        "thành {year} và đặt tệp vào records/{year}/",
        "'nam_hoc' is {declared} but {label} {value} falls in school year {year}: set "
        "nam_hoc to {year} and move the file under records/{year}/",
    ),
    "profile.years_overlap": (
        "năm học {year} trùng thời gian với năm học {other} ({start} đến {end})",
        "school year {year} overlaps school year {other} ({start} to {end})",
    ),
    "new.year_missing": (
        "{label} {value} thuộc năm học {year}, nhưng {profile} chưa có năm học này: "
        "thêm bằng 'hsdt nam-hoc them {year} --bat-dau YYYY-MM-DD --ket-thuc YYYY-MM-DD "
        "--tuan-1 YYYY-MM-DD' rồi tạo lại hồ sơ",
        "{label} {value} falls in school year {year}, which {profile} does not describe: "
        "add it with 'hsdt nam-hoc them {year} --bat-dau YYYY-MM-DD --ket-thuc YYYY-MM-DD "
        "--tuan-1 YYYY-MM-DD', then create the record again",
    ),
    "year.bad_code": (
        "năm học phải có dạng YYYY-YYYY (hai năm liên tiếp), nhận được '{value}'",
        "a school year is written YYYY-YYYY (two consecutive years), got '{value}'",
    ),
    "year.bad_date": (
        "{option} phải là ngày dạng YYYY-MM-DD, nhận được '{value}'",
        "{option} must be a date YYYY-MM-DD, got '{value}'",
    ),
    "year.bad_holiday": (
        "{option} có dạng TU:DEN:LY_DO (ví dụ 2027-02-01:2027-02-14:Tết Nguyên đán), "
        "nhận được '{value}'",
        "{option} is written FROM:TO:REASON (e.g. 2027-02-01:2027-02-14:Tết Nguyên đán), "
        "got '{value}'",
    ),
    "year.exists": (
        "năm học {year} đã có trong {profile}",
        "school year {year} is already in {profile}",
    ),
    "year.overlap": (
        "năm học {year} ({start} đến {end}) trùng thời gian với năm học {other} "
        "({other_start} đến {other_end}) trong {profile}",
        "school year {year} ({start} to {end}) overlaps school year {other} "
        "({other_start} to {other_end}) in {profile}",
    ),
    "year.not_editable": (
        "không sửa tự động được khóa nam_hoc (chỉ sửa được dạng khối YAML, thụt lề bằng dấu "
        "cách); hãy thêm năm học bằng tay",
        "cannot edit key nam_hoc automatically (only block-style YAML indented with spaces); "
        "add the school year by hand",
    ),
    "year.added": (
        "Đã thêm năm học {year} ({start} đến {end}, tuần 1 bắt đầu {week1}) vào {profile}",
        "Added school year {year} ({start} to {end}, week 1 starts {week1}) to {profile}",
    ),
    "init.hooks_not_git": (
        "--hooks-repo '{path}' là một thư mục nhưng không phải kho git của hsdt (cần một commit "
        "để pre-commit dùng làm rev)",
        "--hooks-repo '{path}' is a folder but not a git checkout of hsdt (pre-commit needs a "
        "commit as its rev)",
    ),
    "year.listed": (
        "{year}: {start} đến {end}, tuần 1 bắt đầu {week1}, {weeks} tuần, {holidays} kỳ nghỉ",
        "{year}: {start} to {end}, week 1 starts {week1}, {weeks:week|weeks}, {holidays:holiday|holidays}",
    ),
}
"""Messages of the core (model, load, rules, check, scaffold, CLI edge)."""

CATALOG: dict[str, tuple[str, str]] = {
    **_CORE,
    **_RENDER,
    **_SIGN,
    **_GIT,
    **_PUSH,
    **_ARCHIVE,
    **_REPORT,
    **_FACTS,
    **_DEMO,
    **_SCAFFOLD,
    **_SITE,
    **_IMPORT,
    **_SEARCH,
    **_GUARD,
    **_RULES,
    **_QUEUE,
}
"""Every message: key → (Vietnamese, English)."""
