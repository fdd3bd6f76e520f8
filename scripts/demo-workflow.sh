#!/usr/bin/env bash
# A school week through a local bare repository with hsdt's hooks: submissions, one sent back
# and resubmitted, one refused as late (by the server's receive time, although its commit date
# was set earlier), approvals by SSH-signed merges, and each record's state.
#
#   bash scripts/demo-workflow.sh DEMO_REPO_DIR
#
# DEMO_REPO_DIR is emptied and receives: server.git (the school's bare repository), keys/ (SSH
# keys generated for the demo, never committed) and one clone per person. The server's clock is
# fixed per push (HSDT_RECEIVE_TIME, honoured only because this demo's server allows it), each
# time an offset from the demo's week: a teaching week of the school year holding today
# (scripts/demo_week.py; HSDT_DEMO_TODAY=YYYY-MM-DD replaces today).
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 1 ] || { echo "cách dùng: $0 THƯ_MỤC_DEMO" >&2; exit 2; }
demo="$1"
hsdt="${HSDT:-$project/.venv/bin/hsdt}"
python="$(dirname "$hsdt")/python"
export PATH="$(dirname "$hsdt"):$PATH"  # the printed `hsdt nam-hoc them` lines call hsdt
rm -rf "$demo" && mkdir -p "$demo/keys" "$demo/clones"
demo="$(cd "$demo" && pwd)"
export GIT_CONFIG_NOSYSTEM=1 HOME="$demo/home" && mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. Máy chủ của trường: kho trần + móc pre-receive/post-receive (hsdt hooks install)"
git init -q --bare "$demo/server.git"
git -C "$demo/server.git" config hsdt.allowClockOverride true
"$hsdt" hooks install --bare "$demo/server.git"

step "2. Khóa SSH của người duyệt và giáo viên (sinh riêng cho demo, không đưa vào kho)"
people="vt-01 ht-01 gv-toan-01 gv-toan-02 gv-th-01 gv-th-03"
for id in $people; do ssh-keygen -q -t ed25519 -N "" -C "$id" -f "$demo/keys/$id"; done
ls "$demo/keys"

email() { grep -o "{ma: $1, [^}]*" "$demo/clones/vt-01/schools/le-khac-can/truong.yml" \
  | sed -E 's/.*email: ([^,]+),.*/\1/'; }
as() {  # as ID DATE: the person's identity and the server's receive time for the next commands
  local id=$1 when=$2 mail
  mail=$(email "$id")
  export GIT_AUTHOR_NAME="$id" GIT_AUTHOR_EMAIL="$mail" GIT_COMMITTER_NAME="$id"
  export GIT_COMMITTER_EMAIL="$mail" GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when"
  export HSDT_RECEIVE_TIME="$when"
}
clone() {
  local id=$1
  [ -d "$demo/clones/$id" ] || {
    git clone -q "$demo/server.git" "$demo/clones/$id"
    git -C "$demo/clones/$id" config gpg.format ssh
    git -C "$demo/clones/$id" config user.signingkey "$demo/keys/$id"
  }
  cd "$demo/clones/$id"
}

step "3. Ban quản trị (vt-01) khởi tạo kho: hồ sơ nhà trường, khóa SSH, allowed_signers"
git clone -q "$demo/server.git" "$demo/clones/vt-01" 2>/dev/null
"$hsdt" init "$demo/clones/vt-01" --profile le-khac-can --hooks-repo "$project" >/dev/null
cd "$demo/clones/vt-01"
eval "$("$python" "$project/scripts/demo_week.py" env)"
for i in "${!DEMO_THEM_NAM_HOC[@]}"; do
  echo "${DEMO_THEM_GHI_CHU[$i]}"
  echo "\$ ${DEMO_THEM_NAM_HOC[$i]}"
  eval "${DEMO_THEM_NAM_HOC[$i]}"
done
echo "$DEMO_GHI_CHU"
# the week's records, written once from the templates; each teacher copies theirs in
week="$demo/tuan-demo"
"$python" "$project/scripts/demo_week.py" ghi "$demo/clones/vt-01" --nam-hoc "$DEMO_NAM_HOC" \
  --tuan "$DEMO_TUAN" >/dev/null
mv records/"$DEMO_NAM_HOC" "$week"
for id in $people; do
  key=$(cut -d' ' -f1-2 "$demo/keys/$id.pub")
  sed -i -E "s|(\{ma: $id, ho_ten:[^}]*)\}|\1, khoa_ssh: $key}|" schools/le-khac-can/truong.yml
done
"$hsdt" roster allowed-signers
as vt-01 "${DEMO_KHOI_TAO}T08:00:00+07:00"
git add -A && git commit -qm "Kho hồ sơ của trường" && git push -q origin main
git -C "$demo/clones/vt-01" config gpg.format ssh
git -C "$demo/clones/vt-01" config user.signingkey "$demo/keys/vt-01"

step "4. Cô Đỗ Thị Tạm (gv-toan-02) nộp giáo án dạy $DEMO_DM_THU_NAM lúc CN $DEMO_DM_CN_TRUOC 20:00 (hsdt submit)"
clone gv-toan-02
lesson=to-khtn/gv-toan-02/khbd-trung-hoc/$DEMO_THU_NAM-phan-so-bang-nhau.md
mkdir -p "records/$DEMO_NAM_HOC/$(dirname "$lesson")"
cp "$week/$lesson" "records/$DEMO_NAM_HOC/$lesson"
as gv-toan-02 "${DEMO_CN_TRUOC}T20:00:00+07:00"
"$hsdt" submit "records/$DEMO_NAM_HOC/$lesson"

step "5. Thầy Mai (gv-th-03) nộp giáo án dạy $DEMO_DM_THU_TU lúc thứ Hai $DEMO_DM_THU_HAI 07:30, ngày commit sửa lùi về $DEMO_DM_THU_SAU_TRUOC"
clone gv-th-03
late=to-tieu-hoc/gv-th-03/khbd-tieu-hoc/$DEMO_THU_TU-bai-doc-ngay-hoi-doc-sach.md
mkdir -p "records/$DEMO_NAM_HOC/$(dirname "$late")"
cp "$week/$late" "records/$DEMO_NAM_HOC/$late"
as gv-th-03 "${DEMO_THU_HAI}T07:30:00+07:00"
export GIT_AUTHOR_DATE="${DEMO_THU_SAU_TRUOC}T08:00:00+07:00"
export GIT_COMMITTER_DATE="${DEMO_THU_SAU_TRUOC}T08:00:00+07:00"
if "$hsdt" submit "records/$DEMO_NAM_HOC/$late"; then
  echo "LỖI DEMO: bản nộp muộn lẽ ra phải bị máy chủ từ chối" >&2; exit 1
else
  echo "→ Máy chủ từ chối: hạn tính theo thời điểm máy chủ nhận, không theo ngày commit."
fi

step "6. Tổ trưởng (gv-toan-01) trả giáo án về: yêu cầu chỉnh sửa (commit ký SSH)"
clone gv-toan-01
as gv-toan-01 "${DEMO_THU_HAI}T09:00:00+07:00"
branch=nop/gv-toan-02/khbd-trung-hoc/$DEMO_THU_NAM-phan-so-bang-nhau
"$hsdt" approve "$branch" --request-changes "Bổ sung phần Vận dụng cho học sinh khá"
"$hsdt" status --all

step "7. Cô Tạm bổ sung và nộp lại thứ Ba $DEMO_DM_THU_BA (sau hạn CN $DEMO_DM_CN_TRUOC, nhưng tính theo lần nộp đầu)"
clone gv-toan-02
as gv-toan-02 "${DEMO_THU_BA}T08:00:00+07:00"
git pull -q --ff-only origin "$branch"
printf '\n## Bổ sung\n\n- Bài tập vận dụng cho học sinh khá.\n' >> "records/$DEMO_NAM_HOC/$lesson"
"$hsdt" submit

step "8. Tổ trưởng duyệt: gộp vào main bằng commit ký SSH (hsdt approve)"
clone gv-toan-01
as gv-toan-01 "${DEMO_THU_BA}T09:00:00+07:00"
"$hsdt" approve "$branch"

step "8b. Tổ trưởng nộp kế hoạch dạy học của tổ; hiệu trưởng (ht-01) duyệt"
clone gv-toan-01
git pull -q --ff-only origin main
as gv-toan-01 "${DEMO_THU_BA}T10:00:00+07:00"
# A year plan has no date of its own: the demo's year is given (hsdt new would otherwise file it
# in the newest year the profile describes).
plan=$("$hsdt" new kh-day-hoc-to --print-path --set "nam_hoc=$DEMO_NAM_HOC" --set nguoi_lap=gv-toan-01 \
  --set to=to-khtn --set mon=Toán --set "khoi=Khối 6" --set "tieu_de=Kế hoạch dạy học môn Toán khối 6")
"$hsdt" submit "$plan"
plan_branch=$(git branch --show-current)
clone ht-01
as ht-01 "${DEMO_THU_BA}T11:00:00+07:00"
"$hsdt" approve "$plan_branch"

step "9. Giáo viên thử đẩy thẳng lên main (không qua duyệt): bị từ chối"
clone gv-toan-02
as gv-toan-02 "${DEMO_THU_BA}T10:00:00+07:00"
git fetch -q origin
git checkout -q -B thu-gop origin/main
git commit -q --allow-empty -m "Tự duyệt"
git push origin thu-gop:main 2>&1 | grep 'remote:' || true

step "10. Trạng thái từng hồ sơ (hsdt status --all)"
clone gv-toan-01
git fetch -q origin 'refs/notes/*:refs/notes/*'
"$hsdt" status --all

step "11. Văn thư công bố (hsdt publish): in PDF, đóng dấu số nếu có khóa con dấu, commit ký SSH"
# HSDT_SEAL_SIGNER (pkcs12:TỆP) và HSDT_SIGNER_PASSPHRASE: khóa con dấu; không có thì chỉ in.
clone vt-01
as vt-01 "${DEMO_THU_BA}T12:00:00+07:00"
git pull -q --ff-only origin main
"$hsdt" publish
git push -q origin main
echo "Chạy lại lần nữa: không làm gì hai lần."
"$hsdt" publish
find signatures -name '*.pdf' | sort

step "12. Trạng thái sau khi công bố (hsdt status --all)"
"$hsdt" status --all

if [ -n "${HSDT_DEMO_PKI:-}" ]; then
  step "13. Cô Tạm, tổ trưởng và hiệu trưởng thêm chữ ký của mình (hsdt sign, commit ký SSH, đẩy lên main)"
  pdf=signatures/$DEMO_NAM_HOC/to-khtn/gv-toan-02/khbd-trung-hoc/$DEMO_THU_NAM-phan-so-bang-nhau.pdf
  clone vt-01
  as vt-01 "${DEMO_THU_BA}T13:00:00+07:00"
  mkdir -p signatures/tin-cay && cp "$HSDT_DEMO_PKI/root.pem" signatures/tin-cay/ca-thu-nghiem.pem
  git add signatures/tin-cay && git commit -qS -m "Chứng thư gốc (THỬ NGHIỆM)" && git push -q origin main
  plan_pdf=signatures/$DEMO_NAM_HOC/to-khtn/kh-day-hoc-to/toan-khoi-6.pdf
  # The lesson plan (internal) and the group's plan (public: the school's site shows it once
  # everyone has signed).
  for who in "gv-toan-02 nguoi_lap $pdf" "gv-toan-01 to_truong $pdf" \
      "gv-toan-01 to_truong $plan_pdf" "ht-01 hieu_truong $plan_pdf"; do
    set -- $who
    clone "$1"
    as "$1" "${DEMO_THU_BA}T14:00:00+07:00"
    git fetch -q origin && git checkout -q -B main origin/main
    HSDT_SIGNER_PASSPHRASE=demo "$hsdt" sign "$3" --signer "pkcs12:$HSDT_DEMO_PKI/$1.p12" \
      --role "$2" -o "$3"
    git commit -qS -m "Ký ($2)" "$3" && git push -q origin main
  done
  "$hsdt" status --all

  step "14. Văn thư gắn thẻ tuần $DEMO_TUAN, xuất gói lưu trữ và kiểm tra lại gói (hsdt tag, hsdt export)"
  clone vt-01
  as vt-01 "${DEMO_CHU_NHAT}T17:00:00+07:00"
  git fetch -q origin 'refs/notes/*:refs/notes/*' && git checkout -q -B main origin/main
  "$hsdt" tag "$DEMO_THE_TUAN" -m "Lưu trữ tuần $DEMO_TUAN ($DEMO_KHOANG)"
  "$hsdt" export "$DEMO_THE_TUAN" --out "$demo/luu-tru" --zip
  "$hsdt" export verify "$demo/luu-tru/$DEMO_THE_TUAN.zip"
fi

step "15. Sao lưu cả kho ra hai nơi và kiểm tra bản sao lưu (hsdt backup)"
"$hsdt" backup --repo "$demo/server.git" --name ho-so "$demo/sao-luu/o-ngoai" "$demo/sao-luu/may-khac"
"$hsdt" backup verify "$demo"/sao-luu/*/ho-so-*.bundle

step "Kết quả"
echo "Máy chủ (kho trần có móc): $demo/server.git"
echo "Thời điểm nhận: git -C $demo/server.git log --notes=hsdt/received --format='%h %s%n%N' --all"
[ -d "$demo/luu-tru" ] && echo "Gói lưu trữ tuần $DEMO_TUAN: $demo/luu-tru/$DEMO_THE_TUAN.zip"
echo "Bản sao lưu: $demo/sao-luu/"
