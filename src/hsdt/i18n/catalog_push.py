"""Messages of the server's push checks (hsdt.push) and of safe paths (hsdt.git.safepath)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "git.unsafe_path": (
        "đường dẫn '{path}' không an toàn nên không được ghi ra đĩa",
        "the path '{path}' is unsafe and is not written to disk",
    ),
    "safepath.length": ("đường dẫn rỗng hoặc dài quá 1024 byte", "empty or longer than 1024 bytes"),
    "safepath.utf8": ("tên không phải UTF-8", "the name is not UTF-8"),
    "safepath.absolute": ("đường dẫn tuyệt đối", "an absolute path"),
    "safepath.dots": (
        "có thành phần rỗng, '.' hoặc '..'",
        "a component is empty, '.' or '..'",
    ),
    "safepath.long": ("một thành phần dài quá 255 byte", "a component is longer than 255 bytes"),
    "safepath.chars": (
        'có ký tự điều khiển hoặc ký tự cấm (\\ : * ? " < > |)',
        'it holds a control or forbidden character (\\ : * ? " < > |)',
    ),
    "safepath.git": (
        "có thành phần '.git' (hoặc tên tương đương trên Windows/macOS), hay kết thúc bằng dấu chấm/dấu cách",
        "a component is '.git' (or a Windows/macOS equivalent), or ends in a dot or a space",
    ),
    "push.unsafe_path": (
        "đường dẫn không an toàn: {why}; máy chủ từ chối trước khi ghi bất cứ tệp nào",
        "unsafe path: {why}; the server refuses it before writing any file",
    ),
    "push.link_entry": (
        "không nhận liên kết tượng trưng (symlink) hay submodule trong kho hồ sơ",
        "symbolic links and submodules are not accepted in the records repository",
    ),
    "push.not_commit": (
        "nhánh phải trỏ tới một commit",
        "a branch must point to a commit",
    ),
    "push.branch_unrelated": (
        "nhánh nộp phải được tạo từ main (không có lịch sử chung với main)",
        "a submission branch must start from main (it shares no history with main)",
    ),
    "push.unknown_owner": (
        "nhánh nộp mang mã '{id}' không có trong danh sách nhân sự",
        "the submission branch names '{id}', who is not on the roster",
    ),
    "push.too_many_commits": (
        "lần đẩy mang quá {limit} commit mới (gioi_han.so_commit_moi_lan_day); hãy đẩy từng phần",
        "the push brings more than {limit:new commit|new commits} (gioi_han.so_commit_moi_lan_day); push in parts",
    ),
    "push.unreadable_commit": (
        "commit quá lớn hoặc phần đầu không đúng dạng git ghi (tác giả/cây trùng lặp hay sai dạng)",
        "the commit is too large or its headers are not what git writes (duplicate or malformed author/tree)",
    ),
    "push.too_many_files": (
        "lần đẩy thay đổi {count} tệp, quá giới hạn {limit} (gioi_han.so_tep_moi_lan_day)",
        "the push changes {count:file|files}, over the limit of {limit} (gioi_han.so_tep_moi_lan_day)",
    ),
    "push.too_many_records": (
        "lần đẩy thay đổi {count} hồ sơ, quá giới hạn {limit} (gioi_han.so_ho_so_moi_lan_day)",
        "the push changes {count:record|records}, over the limit of {limit} (gioi_han.so_ho_so_moi_lan_day)",
    ),
    "push.too_many_bytes": (
        "lần đẩy mang {size} dữ liệu mới, quá giới hạn {limit} MB (gioi_han.dung_luong_moi_lan_day_mb)",
        "the push brings {size} of new data, over the limit of {limit} MB (gioi_han.dung_luong_moi_lan_day_mb)",
    ),
    "push.file_too_big": (
        "tệp {size} lớn hơn giới hạn {limit}",
        "the file of {size} is larger than the limit of {limit}",
    ),
    "push.branch_delete": (
        "{id} không được xóa nhánh nộp của {owner}: chỉ người nộp, người duyệt hồ sơ đó hoặc ban quản trị",
        "{id} cannot delete {owner}'s submission branch: only its owner, a reviewer of it or an administrator may",
    ),
    "push.branch_delete_unknown": (
        "máy chủ không biết ai đang đẩy (chưa cấu hình HSDT_PUSHER) nên chỉ cho xóa nhánh nộp đã gộp vào main",
        "the server does not know who is pushing (no HSDT_PUSHER) and deletes only submission branches already merged into main",
    ),
    "push.octopus": (
        "main không nhận commit gộp nhiều hơn hai nhánh",
        "main takes no merge of more than two branches",
    ),
    "push.publish_signer": (
        "commit thêm bản PDF đã ký phải được văn thư, hiệu trưởng hoặc ban quản trị ký SSH (hsdt publish)",
        "a commit adding signed PDFs must be SSH-signed by the clerk, the principal or an administrator (hsdt publish)",
    ),
    "push.merge_unrelated": (
        "commit gộp nối hai lịch sử không liên quan",
        "the merge joins two unrelated histories",
    ),
    "push.merge_reviewed_other": (
        "commit gộp ghi đã duyệt một commit khác với nhánh nó gộp (Hsdt-Reviewed-Commit)",
        "the merge says it approved a commit other than the branch it merges (Hsdt-Reviewed-Commit)",
    ),
    "push.merge_stale": (
        "tệp này đã đổi trên main sau khi nhánh được tạo; hãy nộp lại trên nhánh mới từ main",
        "this file changed on main after the branch was made; resubmit on a new branch from main",
    ),
    "push.merge_tree": (
        "commit gộp không đúng nội dung nhánh đã duyệt: main chỉ nhận đúng những thay đổi của nhánh",
        "the merge does not hold what the approved branch holds: main takes exactly the branch's changes",
    ),
    "push.bootstrap_main_only": (
        "kho chưa có main: lần đẩy đầu tiên chỉ tạo nhánh main (ban quản trị)",
        "the repository has no main yet: the first push only creates main (administrator)",
    ),
    "push.tag_name": (
        "tên thẻ '{name}' không đúng quy ước: chữ thường không dấu, số, nối bằng '-' (ví dụ tuan-06-2025-2026, hk1-2025-2026, nam-hoc-2025-2026)",
        "tag name '{name}' breaks the convention: lower-case ASCII letters and digits joined by '-' (e.g. tuan-06-2025-2026, hk1-2025-2026, nam-hoc-2025-2026)",
    ),
    "push.too_many_tags": (
        "lần đẩy này tạo {count} thẻ; mỗi lần đẩy tạo tối đa {limit} thẻ (mỗi kỳ lưu trữ một thẻ): hãy đẩy từng thẻ (git push origin refs/tags/TÊN)",
        "this push creates {count} tags; a push may create at most {limit} (one tag per archive period): push them one at a time (git push origin refs/tags/NAME)",
    ),
    "push.tag_name_hex": (
        "tên thẻ '{name}' chỉ gồm chữ số và chữ a–f nên git cũng đọc được như mã một commit; hãy đặt tên theo quy ước (ví dụ tuan-06-2025-2026, hk1-2025-2026)",
        "tag name '{name}' is only hexadecimal digits, which git also reads as a commit id; name it by the convention (e.g. tuan-06-2025-2026, hk1-2025-2026)",
    ),
    "push.tag_malformed": (
        "đối tượng thẻ không đúng dạng git viết (một dòng tiêu đề lặp lại, thiếu dòng object, hoặc lớn hơn 1 MiB); hãy tạo lại thẻ bằng hsdt tag",
        "the tag object is not what git writes (a header line repeated, no object line, or over 1 MiB); make the tag again with hsdt tag",
    ),
    "push.tag_renamed": (
        "thẻ đẩy lên với tên '{name}' nhưng trong thẻ đã ký ghi tên '{inner}': tên đã ký phải đúng tên thẻ (không đổi tên thẻ của người khác); hãy tạo thẻ mới bằng hsdt tag {name}",
        "the tag is pushed as '{name}' but the signed tag object names itself '{inner}': the signed name must be the tag's name (no renaming someone else's tag); make a new tag with hsdt tag {name}",
    ),
    "push.tag_tagger": (
        "người gắn thẻ ghi trong thẻ ({email}) không phải người đã ký thẻ ({id}, {wanted}); hãy tạo thẻ bằng hsdt tag trên máy của chính người ký",
        "the tagger written in the tag ({email}) is not who signed it ({id}, {wanted}); make the tag with hsdt tag on the signer's own computer",
    ),
    "push.tag_future": (
        "thẻ ghi thời điểm {at}, muộn hơn giờ máy chủ ({now}): đồng hồ máy tính của bạn đang chạy nhanh; hãy chỉnh lại giờ, xóa thẻ trên máy (git tag -d TÊN) rồi tạo lại bằng hsdt tag",
        "the tag is dated {at}, later than the server's clock ({now}): your computer's clock is fast; set it right, delete the tag locally (git tag -d NAME) and make it again with hsdt tag",
    ),
    "push.tag_backdated": (
        "thẻ ghi thời điểm {at}, sớm hơn lúc máy chủ nhận commit được gắn thẻ ({received}): thẻ không được lùi ngày; hãy chỉnh lại giờ, xóa thẻ trên máy (git tag -d TÊN) rồi tạo lại bằng hsdt tag",
        "the tag is dated {at}, before the server received the commit it tags ({received}): a tag may not be backdated; set the clock right, delete the tag locally (git tag -d NAME) and make it again with hsdt tag",
    ),
    "push.tag_not_pusher": (
        "thẻ do {signer} ký nhưng người đẩy là {pusher}: mỗi người chỉ đẩy thẻ của chính mình",
        "the tag is signed by {signer} but {pusher} is pushing it: everyone pushes only their own tags",
    ),
    "push.tag_reserved": (
        "không dùng được tên thẻ '{name}': tên này dành riêng (main, head, nop là tên nhánh; verify là lệnh con của hsdt export verify)",
        "tag name '{name}' is reserved (main, head, nop are branch names; verify is the subcommand of hsdt export verify)",
    ),
    "push.tag_collides": (
        "thẻ '{name}' trùng tên một nhánh; hãy chọn tên khác",
        "tag '{name}' has the name of a branch; choose another name",
    ),
    "push.tag_lightweight": (
        "chỉ nhận thẻ có chú thích và chữ ký SSH (git tag -s -m …), không nhận thẻ nhẹ",
        "only annotated tags signed with SSH are accepted (git tag -s -m …), not lightweight tags",
    ),
    "push.tag_target": (
        "thẻ phải trỏ tới một commit",
        "a tag must point to a commit",
    ),
    "push.tag_not_on_main": (
        "thẻ phải trỏ tới một commit đã có trên main",
        "a tag must point to a commit on main",
    ),
    "push.tag_unsigned": (
        "thẻ chưa ký SSH, hoặc chữ ký không khớp khóa SSH nào trong danh sách nhân sự của main",
        "the tag is not SSH-signed, or its signature matches no SSH key on main's roster",
    ),
    "push.tag_not_archivist": (
        "{id} không được gắn thẻ lưu trữ: chỉ văn thư, hiệu trưởng hoặc ban quản trị",
        "{id} may not tag the archive: only the clerk, the principal or an administrator",
    ),
    "hooks.config_set": ("đã đặt {key} = {value}", "set {key} = {value}"),
    "hooks.pusher_warning": (
        "CẢNH BÁO: nếu máy chủ SSH không cho hook biết ai đang đẩy (HSDT_PUSHER trong lệnh bắt buộc của authorized_keys, hoặc GL_USER của gitolite), hook đành tin email tác giả commit — ai cũng đặt được email đó. Duyệt và ký vẫn được kiểm tra bằng chữ ký SSH, nhưng quyền nộp và quyền xóa nhánh thì yếu đi. Xem docs/may-chu.md.",
        "WARNING: unless the SSH server tells the hook who is pushing (HSDT_PUSHER in the forced command of authorized_keys, or gitolite's GL_USER), the hook has to trust the commit author's e-mail, which anyone can set. Approvals and signatures are still checked by SSH signature, but submission and branch-deletion rights are weaker. See docs/may-chu.md.",
    ),
    "push.not_submitted": (
        "commit này chưa từng được nộp lên máy chủ trên một nhánh nộp: chỉ duyệt được nội dung giáo viên đã nộp",
        "this commit was never received on a submission branch: only what a teacher submitted can be approved",
    ),
    "push.review_other_commit": (
        "commit duyệt / trả về ghi đã xem một commit khác với commit ngay trước nó (Hsdt-Reviewed-Commit)",
        "the approval or send-back names a reviewed commit other than its parent (Hsdt-Reviewed-Commit)",
    ),
    "push.review_both": (
        "một commit không thể vừa duyệt vừa yêu cầu chỉnh sửa",
        "one commit cannot both approve and send back",
    ),
    "push.merge_empty": (
        "commit gộp không mang thay đổi nào: không có gì để duyệt",
        "the merge brings no change: there is nothing to approve",
    ),
}
