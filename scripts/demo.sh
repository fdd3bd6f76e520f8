#!/usr/bin/env bash
# The main job on the built-in demo school (the README's first command): create the school's
# records repository, write a week of records into it, check them as the server would, print
# the result. Everything happens under build/demo/ (git ignores it); run again to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
project="$PWD"
export PATH="$project/.venv/bin:$PATH"
export GIT_AUTHOR_NAME="Trường mẫu" GIT_AUTHOR_EMAIL="demo@truong-mau.example"
export GIT_COMMITTER_NAME="Trường mẫu" GIT_COMMITTER_EMAIL="demo@truong-mau.example"

demo="$project/build/demo/le-khac-can"
rm -rf "$demo"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. Tạo kho hồ sơ của trường mẫu (hsdt init)"
hsdt init "$demo" --profile le-khac-can --hooks-repo "$project"
cd "$demo"

# The demo's week: a teaching week of the school year holding today (HSDT_DEMO_TODAY=YYYY-MM-DD
# replaces today); every date and simulated server time below is an offset from it.
eval "$(python "$project/scripts/demo_week.py" env)"
step "1b. Năm học hiện tại: $DEMO_NAM_HOC (hôm nay $DEMO_HOM_NAY)"
for i in "${!DEMO_THEM_NAM_HOC[@]}"; do
  echo "${DEMO_THEM_GHI_CHU[$i]}"
  echo "\$ ${DEMO_THEM_NAM_HOC[$i]}"
  eval "${DEMO_THEM_NAM_HOC[$i]}"
done
hsdt nam-hoc
echo "$DEMO_GHI_CHU"

step "2. Các loại hồ sơ của trường (hsdt types)"
hsdt types

step "3. Một tuần hồ sơ (tuần $DEMO_TUAN: $DEMO_KHOANG)"
python "$project/scripts/demo_week.py" ghi . --nam-hoc "$DEMO_NAM_HOC" --tuan "$DEMO_TUAN"
hsdt new bao-giang --print-path --set giao_vien=gv-toan-02 --set "tuan=$DEMO_TUAN" \
  --set "tu_ngay=$DEMO_THU_HAI" --set "den_ngay=$DEMO_THU_BAY" \
  --set "tieu_de=Lịch báo giảng tuần $DEMO_TUAN"
hsdt new bien-ban-hop-to --print-path --set nguoi_lap=gv-toan-03 --set to=to-khtn \
  --set "ngay_hop=$DEMO_THU_TU" --set gio_bat_dau=14:00 --set "dia_diem=Phòng họp tổ" \
  --set chu_tri=gv-toan-01 --set thu_ky=gv-toan-03 \
  --set thanh_phan=gv-toan-01,gv-toan-02,gv-toan-03 \
  --set "tieu_de=Họp tổ chuyên môn tháng $DEMO_THANG"
# A lesson plan the teacher wrote in Word (generated like the tests' corpus), imported as a record.
word="$project/build/demo/word/giao-an-thu-sau.docx"
PYTHONPATH="$project" python -c 'import sys; from datetime import date; from pathlib import Path
from tests.docx_corpus import lesson_5512
lesson_5512(Path(sys.argv[1]), title="Phân số bằng nhau", day=date.fromisoformat(sys.argv[2]).strftime("%d/%m/%Y"))' \
  "$word" "$DEMO_THU_SAU"
echo "\$ hsdt import $(basename "$word") --set tuan=$DEMO_TUAN"
hsdt import "$word" --set "tuan=$DEMO_TUAN" | grep -v "^    '"
git add -A && git commit -qm "Tuần $DEMO_TUAN: hồ sơ mẫu" && echo "(đã commit)"

step "4. Kiểm tra toàn bộ kho (hsdt check --all)"
hsdt check --all

lessons=(records/"$DEMO_NAM_HOC"/to-khtn/gv-toan-02/khbd-trung-hoc/*.md)
schedule=(records/"$DEMO_NAM_HOC"/to-khtn/gv-toan-02/bao-giang/*.md)
minutes=(records/"$DEMO_NAM_HOC"/to-khtn/bien-ban-hop-to/*.md)
late=(records/"$DEMO_NAM_HOC"/to-tieu-hoc/gv-th-03/khbd-tieu-hoc/*.md)

step "5. Cô Đỗ Thị Tạm nộp 2 giáo án và lịch báo giảng, máy chủ nhận lúc CN $DEMO_DM_CN_TRUOC 20:00"
hsdt check "${lessons[@]}" "${schedule[@]}" --at "${DEMO_CN_TRUOC}T20:00"

step "6. Biên bản họp tổ nộp sau cuộc họp, lúc $DEMO_DM_THU_TU 17:00"
hsdt check "${minutes[@]}" --at "${DEMO_THU_TU}T17:00"

step "7. Giáo án dạy thứ Tư $DEMO_DM_THU_TU nộp lúc thứ Hai $DEMO_DM_THU_HAI 07:30: quá hạn (mốc CN, mốc muộn nhất còn đủ 3 ngày)"
if hsdt check "${late[@]}" --at "${DEMO_THU_HAI}T07:30"; then
  echo "LỖI DEMO: hồ sơ nộp muộn lẽ ra phải bị từ chối" >&2
  exit 1
else
  echo "→ Bị từ chối đúng theo quy chế (mã thoát $?)."
fi

step "8. In hồ sơ ra PDF/A theo thể thức Nghị định 30/2020 (hsdt render)"
hsdt render --all

step "9. Ký số bằng PKI THỬ NGHIỆM (không dùng thật) và kiểm tra chữ ký (hsdt verify)"
python "$project/scripts/demo_sign.py" "$demo" | tail -n 25

step "10. Một tuần nộp – duyệt – công bố qua kho trần có móc của trường (con dấu: PKI thử nghiệm)"
pki="$demo/build/pki-demo"
week="$project/build/demo/tuan-nop-duyet"
HSDT_SEAL_SIGNER="pkcs12:$pki/con_dau_truong.p12" HSDT_SIGNER_PASSPHRASE=demo \
  HSDT_SEAL_IMAGE="$pki/images/con-dau-demo.png" HSDT_DEMO_PKI="$pki" \
  bash "$project/scripts/demo-workflow.sh" "$week"
sealed="$week/clones/vt-01/signatures/$DEMO_NAM_HOC/to-khtn/kh-day-hoc-to/toan-khoi-6.pdf"
echo "Kiểm tra bản đã đóng dấu: hsdt verify (gốc tin cậy: CA thử nghiệm)"
hsdt verify "$sealed" --trust "$pki/root.pem" | tail -n 4

step "10b. Việc chờ tổ trưởng Hoàng Văn Giả Định (gv-toan-01) cuối tuần (hsdt queue)"
head_clone="$week/clones/gv-toan-01"
git -C "$head_clone" fetch -q origin && git -C "$head_clone" fetch -q origin '+refs/notes/*:refs/notes/*'
(cd "$head_clone" && hsdt queue --as gv-toan-01 --at "${DEMO_CHU_NHAT}T18:00")

step "11. Báo cáo tuần $DEMO_TUAN cho hiệu trưởng (hsdt report): tài liệu nội bộ, không lên trang web"
clerk="$week/clones/vt-01"
git -C "$clerk" fetch -q origin '+refs/notes/*:refs/notes/*'
(cd "$clerk" && hsdt report --year "$DEMO_NAM_HOC" --week "$DEMO_TUAN" --at "${DEMO_CHU_NHAT}T23:59" \
  && hsdt report --year "$DEMO_NAM_HOC" --week "$DEMO_TUAN" --at "${DEMO_CHU_NHAT}T23:59" \
    --format html --out "$project/build/demo/bao-cao-tuan.html")

step "12. Trang web của trường: các hồ sơ đã công bố và hướng dẫn sử dụng (hsdt site build)"
site_repo="$week/clones/vt-01"  # the clerk's clone, brought up to the server's main and notes
git -C "$site_repo" checkout -q main && git -C "$site_repo" pull -q --ff-only origin main
git -C "$site_repo" fetch -q origin '+refs/notes/*:refs/notes/*'
NO_MKDOCS_2_WARNING=1 HSDT_SITE_REPOSITORY="$site_repo" mkdocs build --strict -q \
  -f "$project/mkdocs.yml" -d "$project/build/demo/site"
echo "Trang web: $project/build/demo/site/index.html (kho hồ sơ: $project/build/demo/site/ho-so/)"

step "Kết quả"
echo "Kho hồ sơ mẫu: $demo"
echo "Hồ sơ: $(find records -name '*.md' ! -name README.md | wc -l) tệp; nộp đúng hạn được nhận, nộp muộn bị từ chối."
echo "Bản PDF: $demo/build/pdf/ ($(find build/pdf -name '*.pdf' | wc -l) tệp)"
echo "Bản đã ký (PKI thử nghiệm): $demo/build/signed/ ($(find build/signed -name '*.pdf' | wc -l) tệp)"
echo "Kho trần của trường (có móc): $week/server.git; bản đã công bố: $week/clones/vt-01/signatures/"
echo "Báo cáo tuần (nội bộ): $project/build/demo/bao-cao-tuan.html"
echo "Trang web của trường: mở $project/build/demo/site/index.html, hoặc phục vụ bằng"
echo "  python3 -m http.server -d $project/build/demo/site 8000   rồi mở http://127.0.0.1:8000/"
