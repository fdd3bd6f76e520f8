"""Messages of submission, approval, hooks and publishing (hsdt.git, hsdt.workflow)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # profile
    "profile.bad_ssh_key": (
        "khóa SSH '{value}…' không hợp lệ; dán nguyên dòng khóa công khai, ví dụ 'ssh-ed25519 AAAA…'",
        "invalid SSH key '{value}…'; paste the whole public key line, e.g. 'ssh-ed25519 AAAA…'",
    ),
    # approval chain
    "chain.self": (
        "{id} không được tự duyệt hồ sơ của chính mình",
        "{id} may not approve their own record",
    ),
    "chain.wrong_role": (
        "{id} không giữ vai trò {roles} của tổ '{group}' nên lần duyệt này không được tính",
        "{id} does not hold the role {roles} in group '{group}', so this approval does not count",
    ),
    "chain.not_responsible": (
        "{id} là phó hiệu trưởng nhưng không phụ trách {need} (phụ trách: {has}) nên lần duyệt"
        " này không được tính",
        "{id} is a vice-principal but not responsible for {need} (responsible for: {has}), so"
        " this approval does not count",
    ),
    "chain.weekday": (
        "duyệt lúc {at} không được tính: quy chế chỉ cho duyệt vào {weekdays}",
        "the approval at {at} does not count: the rules allow approvals only on {weekdays}",
    ),
    "chain.late_extended": (
        "duyệt lúc {at} là quá hạn duyệt đã gia hạn đến {due} ({id})",
        "the approval at {at} is after the extended approval deadline {due} ({id})",
    ),
    "chain.late": (
        "duyệt lúc {at} là quá hạn duyệt {due}",
        "the approval at {at} is after the approval deadline {due}",
    ),
    # push (pre-receive)
    "push.notes_ref": (
        "không được đẩy ghi chú (refs/notes/*): thời điểm nhận do máy chủ ghi",
        "notes (refs/notes/*) cannot be pushed: receive times are the server's to record",
    ),
    "push.bad_pusher": (
        "người đẩy '{id}' (HSDT_PUSHER) không có trong danh sách nhân sự",
        "pusher '{id}' (HSDT_PUSHER) is not on the roster",
    ),
    "push.unknown_ref": (
        "chỉ nhận nhánh main (qua duyệt) và nhánh nộp dạng nop/<mã-gv>/<loại>/<tên>",
        "only main (through approval) and submission branches nop/<staff-id>/<type>/<name> are accepted",
    ),
    "push.tag_moved": (
        "không được xóa hay di chuyển thẻ (tag) đã có",
        "existing tags cannot be deleted or moved",
    ),
    "push.branch_rewrite": (
        "không được viết lại lịch sử nhánh nộp (force-push); hãy thêm commit mới",
        "a submission branch's history cannot be rewritten (force-push); add a new commit",
    ),
    "push.branch_merge": (
        "nhánh nộp không nhận commit gộp (merge); hãy nộp trên một nhánh mới tạo từ main",
        "submission branches take no merge commits; submit on a new branch made from main",
    ),
    "push.unknown_author": (
        "email tác giả '{email}' không có trong danh sách nhân sự; đặt git config user.email đúng email ở truong.yml",
        "author e-mail '{email}' is not on the roster; set git config user.email to your e-mail in truong.yml",
    ),
    "push.not_pusher": (
        "commit của {author} nhưng người đẩy là {pusher}: mỗi người chỉ đẩy commit của chính mình",
        "the commit is by {author} but {pusher} is pushing: everyone pushes only their own commits",
    ),
    "push.not_owner": (
        "nhánh nộp này của {owner}; {author} không được thêm hồ sơ vào đó",
        "this submission branch belongs to {owner}; {author} cannot add records to it",
    ),
    "push.delete": (
        "không được xóa '{path}': hồ sơ và bản PDF đã ký được lưu trữ vĩnh viễn",
        "'{path}' cannot be deleted: records and signed PDFs are kept permanently",
    ),
    "push.other_teacher": (
        "{id} không được sửa hồ sơ của giáo viên {owner}",
        "{id} cannot change teacher {owner}'s record",
    ),
    "push.other_group": (
        "{id} không thuộc tổ '{group}' nên không được sửa hồ sơ của tổ",
        "{id} is not a member of group '{group}' and cannot change its records",
    ),
    "push.not_records": (
        "'{path}' nằm ngoài records/: chỉ hiệu trưởng hoặc ban quản trị được đề xuất thay đổi này",
        "'{path}' is outside records/: only the principal or an administrator may propose it",
    ),
    "push.review_not_empty": (
        "commit duyệt / yêu cầu chỉnh sửa không được thay đổi tệp nào",
        "an approval or send-back commit must not change any file",
    ),
    "push.unknown_reviewer": (
        "người duyệt '{id}' không có trong danh sách nhân sự",
        "reviewer '{id}' is not on the roster",
    ),
    "push.unsigned": (
        "commit duyệt của {id} chưa ký SSH; dùng 'hsdt approve' với khóa SSH đã khai ở truong.yml (khoa_ssh)",
        "{id}'s approval commit is not SSH-signed; use 'hsdt approve' with the key in truong.yml (khoa_ssh)",
    ),
    "push.bad_signature": (
        "chữ ký SSH trên commit của {id} không xác minh được (mã {status}) với khóa SSH của {id} trong danh sách nhân sự (khoa_ssh) của main",
        "the SSH signature on {id}'s commit does not verify (status {status}) against {id}'s SSH key in main's roster (khoa_ssh)",
    ),
    "push.signer_mismatch": (
        "commit ghi người duyệt {id} nhưng được ký bằng khóa của {signer}",
        "the commit names approver {id} but is signed with {signer}'s key",
    ),
    "push.no_resubmission": (
        "quy chế không cho nộp lại loại hồ sơ này sau khi bị trả về (nop_lai: false); hãy gặp tổ trưởng",
        "the rules do not allow resubmitting this record type after a send-back (nop_lai: false); see the group head",
    ),
    "push.main_delete": ("không được xóa nhánh main", "main cannot be deleted"),
    "push.main_rewrite": (
        "không được viết lại lịch sử main (force-push): hồ sơ đã duyệt là vĩnh viễn",
        "main's history cannot be rewritten (force-push): approved records are permanent",
    ),
    "push.main_not_merge": (
        "main chỉ nhận commit gộp duyệt có chữ ký SSH (hsdt approve), không nhận commit trực tiếp",
        "main accepts only SSH-signed approval merges (hsdt approve), not direct commits",
    ),
    "push.merge_no_trailer": (
        "commit gộp thiếu dòng 'Hsdt-Approved-By:'; hãy duyệt bằng 'hsdt approve NHÁNH'",
        "the merge lacks an 'Hsdt-Approved-By:' trailer; approve with 'hsdt approve BRANCH'",
    ),
    "push.approved_change": (
        "hồ sơ đã duyệt chỉ được sửa kèm biên bản sửa dữ liệu ({type}) nêu tên nó và được hiệu trưởng duyệt",
        "an approved record changes only with a correction record ({type}) naming it, approved by the principal",
    ),
    "push.chain_incomplete": (
        "chưa đủ chuỗi duyệt ({done}/{steps} bước); còn thiếu: {roles}; lý do: {why}",
        "the approval chain is incomplete ({done}/{steps:step|steps}); next: {roles}; why: {why}",
    ),
    "ci.witness_wait": (
        "chờ người chứng kiến xác nhận (mỗi người bấm Approve trên pull request): {ids}",
        "waiting for the witnesses to confirm (each approves the pull request): {ids}",
    ),
    "push.witness_unconfirmed": (
        "biên bản sửa dữ liệu chưa được người chứng kiến xác nhận: {ids} (mỗi người chạy 'hsdt"
        " approve' trên nhánh nộp, ký bằng khóa của mình)",
        "the correction record is not yet confirmed by its witnesses: {ids} (each runs 'hsdt"
        " approve' on the submission branch, signed with their own key)",
    ),
    "signoff.empty": (
        "không có hồ sơ nào của tuần {week} năm học {year} trên {rev} để ký duyệt",
        "no records of week {week} of school year {year} on {rev} to sign off",
    ),
    "signoff.bad_entry": (
        "dòng '{entry}' của ho_so_ky phải có dạng '<mã băm SHA-256> <đường dẫn records/…>'",
        "entry '{entry}' of ho_so_ky must read '<SHA-256> <records/… path>'",
    ),
    "signoff.missing": (
        "bản tổng hợp ghi hồ sơ {path} nhưng hồ sơ này không có trong kho",
        "the summary lists {path}, which is not in the repository",
    ),
    "signoff.changed": (
        "hồ sơ {path} đã khác với mã băm ghi trong bản tổng hợp (lập lại bằng hsdt ky-duyet-ky)",
        "{path} no longer matches the hash in the summary (make it again with hsdt ky-duyet-ky)",
    ),
    "signoff.nothing": (
        "bản tổng hợp ký duyệt không ghi hồ sơ nào (ho_so_ky)",
        "the sign-off summary lists no records (ho_so_ky)",
    ),
    "signoff.written": (
        "đã lập {path}: {count} hồ sơ của tuần {week}; nộp bản này để hiệu trưởng duyệt và ký một"
        " lần",
        "wrote {path}: {count} records of week {week}; submit it for the principal to approve and"
        " sign once",
    ),
    "push.leader_needed": (
        "thay đổi ngoài records/ (hồ sơ nhà trường, khóa sổ…) cần {roles} duyệt",
        "changes outside records/ (school profile, locks…) need approval by {roles}",
    ),
    # hooks
    "hooks.not_bare": (
        "'{path}' không phải kho trần (bare) của git; tạo bằng 'git init --bare'",
        "'{path}' is not a bare git repository; create one with 'git init --bare'",
    ),
    "hooks.installed": ("đã cài {path}", "installed {path}"),
    "hooks.noted": (
        "hsdt: đã ghi thời điểm nhận cho {count} commit",
        "hsdt: recorded the receive time of {count:commit|commits}",
    ),
    "hooks.refused": (
        "hsdt: máy chủ từ chối lần đẩy này ({count} lỗi). Sửa rồi đẩy lại.",
        "hsdt: the server refused this push ({count:problem|problems}). Fix them and push again.",
    ),
    # approve
    "approve.not_reviewer": (
        "{id} không giữ vai trò duyệt bước tiếp theo ({roles}) của hồ sơ {path}",
        "{id} does not hold a role of the next approval step ({roles}) of {path}",
    ),
    "approve.not_responsible": (
        "{id} là phó hiệu trưởng nhưng không phụ trách {need}, nên không duyệt được hồ sơ {path}",
        "{id} is a vice-principal but not responsible for {need}, so cannot approve {path}",
    ),
    "approve.nothing": (
        "nhánh không có hồ sơ nào cần {id} duyệt",
        "the branch holds no record awaiting {id}'s approval",
    ),
    "approve.cannot": ("{detail}", "{detail}"),
    "approve.no_branch": (
        "không tìm thấy nhánh '{branch}' (hoặc main) trên kho '{remote}'",
        "branch '{branch}' (or main) not found on remote '{remote}'",
    ),
    "approve.who": (
        "email '{email}' (git config user.email) không có trong danh sách nhân sự",
        "e-mail '{email}' (git config user.email) is not on the roster",
    ),
    "approve.done_merge": (
        "{id} ({role}) đã duyệt {branch}: gộp vào main bằng commit ký SSH {commit} ({count} hồ sơ)",
        "{id} ({role}) approved {branch}: merged into main with SSH-signed commit {commit} ({count:record|records})",
    ),
    "approve.done_review": (
        "{id} ({role}) đã duyệt một bước của {branch} (commit ký {commit}); chờ bước duyệt tiếp theo",
        "{id} ({role}) approved one step of {branch} (signed commit {commit}); the next approval step is pending",
    ),
    "approve.done_witness": (
        "{id} đã xác nhận chứng kiến biên bản sửa dữ liệu trên {branch} (commit ký {commit})",
        "{id} confirmed as witness the correction record on {branch} (signed commit {commit})",
    ),
    "approve.witness_first": (
        "chưa duyệt được: người chứng kiến chưa xác nhận biên bản sửa dữ liệu: {ids} (mỗi người"
        " chạy 'hsdt approve' trên nhánh này trước)",
        "cannot approve yet: the witnesses have not confirmed the correction record: {ids} (each"
        " runs 'hsdt approve' on this branch first)",
    ),
    "approve.done_changes": (
        "{id} ({role}) đã trả {branch} về để chỉnh sửa (commit ký {commit})",
        "{id} ({role}) sent {branch} back for changes (signed commit {commit})",
    ),
    # roster
    "roster.signers_written": (
        "đã ghi {path} ({count} khóa SSH)",
        "wrote {path} ({count:SSH key|SSH keys})",
    ),
    # status
    "state.nhap": ("nháp", "draft"),
    "state.da_gui_kiem_tra": ("đã gửi kiểm tra", "submitted"),
    "state.yeu_cau_chinh_sua": ("yêu cầu chỉnh sửa", "changes requested"),
    "state.da_kiem_tra": ("đã duyệt một số bước", "partly approved"),
    "state.da_duyet": ("đã duyệt", "approved"),
    "state.da_ky": ("đã ký", "signed"),
    "state.da_cong_bo": ("đã công bố", "published"),
    "status.branch": ("nhánh {branch}", "branch {branch}"),
    "status.reason": ("lý do: {reason}", "reason: {reason}"),
    # submit
    "submit.nothing": (
        "không có hồ sơ nào để nộp (hãy nêu tệp, hoặc sửa/tạo hồ sơ trong records/)",
        "no record to submit (name the files, or add or change records under records/)",
    ),
    "submit.host_config": (
        "HSDT_GIT_HOST cần github hoặc gitea, cùng HSDT_GIT_REPO (chủ/tên), HSDT_GIT_TOKEN và (Gitea) HSDT_GIT_URL",
        "HSDT_GIT_HOST needs github or gitea, with HSDT_GIT_REPO (owner/name), HSDT_GIT_TOKEN and (Gitea) HSDT_GIT_URL",
    ),
    "submit.done": (
        "đã nộp {count} hồ sơ trên nhánh {branch}",
        "submitted {count:record|records} on branch {branch}",
    ),
    "submit.pull": ("pull request: {url}", "pull request: {url}"),
    # hosts
    "host.unreachable": ("không kết nối được {url}: {detail}", "cannot reach {url}: {detail}"),
    "host.http_error": (
        "{method} {url} trả về {status}: {detail}",
        "{method} {url} returned {status}: {detail}",
    ),
    "host.no_pull": (
        "commit {commit} trên main thay đổi hồ sơ nhưng không phải lần gộp đã duyệt (không có "
        "commit gộp có chữ ký của hsdt, máy chủ Git cũng không có pull request đã gộp vào nó)",
        "commit {commit} on main changes records but is no approval merge (no hsdt-signed merge, "
        "and the Git host has no pull request merged into it)",
    ),
    "host.head_missing": (
        "pull request #{number}: không lấy được commit đầu {head} (refs/pull/{number}/head)",
        "pull request #{number}: cannot fetch its head commit {head} (refs/pull/{number}/head)",
    ),
    "host.not_reviewed_content": (
        "pull request #{number}: nội dung đã gộp khác nội dung đã được duyệt (đầu pull "
        "request): {paths}",
        "pull request #{number}: the merged content is not the reviewed content (the pull "
        "request's head): {paths}",
    ),
    "host.chain_short": (
        "pull request #{number} được gộp khi chưa duyệt đủ chuỗi duyệt ({url})",
        "pull request #{number} was merged before its approval chain was complete ({url})",
    ),
    "host.not_published": (
        "commit {commit}: gộp bằng nút của máy chủ Git, chưa được hsdt publish --host kiểm chứng "
        "và ghi bằng chứng",
        "commit {commit}: merged with the Git host's button, not yet verified and recorded by "
        "hsdt publish --host",
    ),
    "host.merge_unreadable": (
        "không hỏi được máy chủ Git về lần gộp: {detail}",
        "cannot ask the Git host about the merge: {detail}",
    ),
    # ci
    "ci.no_event": (
        "không có GITHUB_EVENT_PATH: lệnh này chạy trong workflow của pull request",
        "no GITHUB_EVENT_PATH: this command runs in a pull request workflow",
    ),
    "ci.unknown_login": (
        "tài khoản '{login}' không có trong danh sách nhân sự (tai_khoan)",
        "account '{login}' is not on the roster (tai_khoan)",
    ),
    "ci.chain_done": (
        "{path}: đã duyệt đủ {done}/{steps} bước",
        "{path}: approved, {done}/{steps:step|steps}",
    ),
    "ci.chain_wait": (
        "{path}: mới duyệt {done}/{steps} bước; chờ {roles}",
        "{path}: {done}/{steps:step|steps} approved; waiting for {roles}",
    ),
    "codeowners.written": ("đã ghi {path}", "wrote {path}"),
    # publish
    "publish.commit_failed": (
        "không commit được các bản đã ký: {detail}",
        "cannot commit the signed files: {detail}",
    ),
    "publish.skipped": (
        "{record}: đã công bố trước đó, không làm lại",
        "{record}: already published, nothing redone",
    ),
    "publish.none": ("không", "none"),
    "publish.refused": (
        "commit {commit} không được tính là đã duyệt, không công bố {records}: {why}",
        "commit {commit} does not count as an approval, {records} not published: {why}",
    ),
    "publish.sealed": (
        "{pdf}: đã in và đóng dấu số; chữ ký cá nhân còn chờ: {pending}",
        "{pdf}: rendered and sealed; personal signatures still to come: {pending}",
    ),
    "publish.rendered": (
        "{pdf}: đã in; chữ ký còn chờ: {pending}",
        "{pdf}: rendered; signatures still to come: {pending}",
    ),
    "publish.summary": (
        "Công bố {fresh} hồ sơ mới ({total} hồ sơ đã duyệt được xét); commit: {commit}",
        "Published {fresh:new record|new records} ({total:approved record|approved records} considered); commit: {commit}",
    ),
    # a person's signature added to a published PDF
    "sigupdate.seal_too_early": (
        "con dấu chỉ được đóng sau khi mọi người đã ký (quy chế: ky_so.dong_dau: sau_khi_ky);"
        " còn chờ: {keys}",
        "the seal comes only after everyone has signed (rules: ky_so.dong_dau: sau_khi_ky);"
        " still waiting for: {keys}",
    ),
    "sigupdate.unsigned_commit": (
        "commit thêm chữ ký vào bản PDF phải được ký SSH bởi chính người ký (git commit -S)",
        "a commit adding a signature to a PDF must be SSH-signed by the signer (git commit -S)",
    ),
    "sigupdate.not_incremental": (
        "bản PDF mới không giữ nguyên bản cũ rồi ghi nối chữ ký: chỉ được thêm chữ ký (hsdt sign), không được sửa tệp",
        "the new PDF does not keep the old one and append a signature: only adding a signature (hsdt sign) is allowed",
    ),
    "sigupdate.no_trust": (
        "chưa có chứng thư gốc tin cậy trong signatures/ trên main, máy chủ không kiểm tra được chữ ký",
        "there is no trusted root certificate under signatures/ on main, so the server cannot check the signature",
    ),
    "sigupdate.one_signature": (
        "mỗi lần đẩy chỉ thêm đúng một chữ ký vào một bản PDF",
        "each push adds exactly one signature to a PDF",
    ),
    "sigupdate.invalid": (
        "chữ ký không hợp lệ: {reasons}",
        "the signatures are not valid: {reasons}",
    ),
    "sigupdate.no_place": (
        "chữ ký mới nằm ở ô '{field}' không có trong khối chữ ký của hồ sơ",
        "the new signature is in field '{field}', which is not a place of the record's signature block",
    ),
    "sigupdate.wrong_person": (
        "ô ký '{place}' dành cho {expected}, nhưng commit được ký bởi {signer}",
        "place '{place}' is for {expected}, but the commit is signed by {signer}",
    ),
    "status.pending": ("chờ ký: {keys}", "signatures pending: {keys}"),
    "status.sign_due": ("chưa ký đủ, hạn ký {due}", "not fully signed, signatures due {due}"),
    "status.sign_late": ("QUÁ HẠN KÝ (hạn {due})", "SIGNATURES LATE (due {due})"),
    "status.extension": (
        "gia hạn đến {until} ({id}: {reason})",
        "deadline extended to {until} ({id}: {reason})",
    ),
    "publish.failed": (
        "{where}: chưa công bố được: {error}",
        "{where}: not published: {error}",
    ),
    "publish.failed_summary": (
        "{count} hồ sơ chưa công bố được (xem lỗi ở trên); các hồ sơ khác đã được công bố",
        "{count:record|records} could not be published (see above); the others were published",
    ),
    "publish.leftover_removed": (
        "đã xóa tệp tạm do lần công bố trước bị dừng giữa chừng để lại: {path}",
        "removed a temporary file left by an earlier run that was stopped half-way: {path}",
    ),
    "submit.refused_undone": (
        "máy chủ không nhận bản nộp:\n{detail}\nBản nộp đã được gỡ khỏi máy (không còn commit nộp), các thay đổi vẫn còn nguyên chưa commit: sửa hồ sơ rồi chạy lại hsdt submit.",
        "the server refused the submission:\n{detail}\nThe submission was undone on this machine (no submission commit is left), the changes are still there, uncommitted: fix the record and run hsdt submit again.",
    ),
    "submit.undo_failed": (
        "không hoàn tác được bản nộp trên nhánh {branch}: {detail} (xem git status, git log; có thể cần người quản trị giúp)",
        "could not undo the submission on branch {branch}: {detail} (see git status, git log; an administrator may need to help)",
    ),
    "ci.submitted_at": (
        "{path}: nộp lúc {at} (giờ máy chủ nhận nội dung)",
        "{path}: submitted at {at} (the server's receive time of the content)",
    ),
    "ci.no_push_times": (
        "máy chủ Gitea này không có API dòng thời gian của pull request: nội dung được tính là nộp lúc lần kiểm tra này chạy ({at})",
        "this Gitea server has no pull request timeline API: the content counts as submitted when this check runs ({at})",
    ),
    "ci.import_title": (
        "Báo cáo nhập tệp Word (hsdt import)",
        "Word import report (hsdt import)",
    ),
    "ci.import_cut": (
        "(báo cáo dài, phần còn lại nằm trong nhật ký của việc nhap-word)",
        "(a long report: the rest is in the log of the nhap-word job)",
    ),
    "ci.comment_posted": (
        "đã đăng báo cáo nhập lên pull request #{number}",
        "posted the import report on pull request #{number}",
    ),
    "ci.comment_there": (
        "báo cáo nhập này đã có trên pull request #{number}: không đăng lại",
        "this import report is already on pull request #{number}: not posted again",
    ),
    "ci.comment_failed": (
        "không đăng được báo cáo nhập lên pull request #{number} ({detail}); báo cáo vẫn nằm trong nhật ký của việc nhap-word",
        "could not post the import report on pull request #{number} ({detail}); the report is still in the log of the nhap-word job",
    ),
}
