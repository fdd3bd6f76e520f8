"""The picture of the Word import report in docs/nhap-word.md: a primary lesson plan in the
shape teachers type (bold section lines, its "Đồ dùng dạy học" section forgotten) is written
with python-docx, imported by the real ``hsdt import --account`` into the sample school as the
``nhap-word`` job runs it, and its report is turned into the pull-request comment by
``hsdt.hosts.comments.report_comment`` (what ``hsdt ci import-report`` posts); that comment's
Markdown, rendered by python-markdown, is captured in Debian's Chromium (tests/browser.py).

The frame around the comment is plain: the picture shows hsdt's report, not a host's page.

    .venv/bin/python scripts/screenshot_import.py [OUT.png]
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from tests.browser import serve_directory, start_chrome  # noqa: E402

from hsdt.hosts.comments import report_comment  # noqa: E402
from hsdt.i18n import tr  # noqa: E402
from hsdt.scaffold import init_school  # noqa: E402

MONO = Path("/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf")
"""Debian's fonts-liberation2, which scripts/setup.sh installs."""

LINES = [
    ("KẾ HOẠCH BÀI DẠY", True),
    ("Môn: Tiếng Việt        Lớp: 2A        Tuần: 7", False),
    ("Giáo viên: Đặng Thị Minh Chứng", False),
    ("Ngày dạy: 20/10/2026", False),
    ("BÀI 12: ĐỌC – NGÔI TRƯỜNG MỚI", True),
    ("I. YÊU CẦU CẦN ĐẠT", True),
    ("Đọc đúng, rõ ràng bài Ngôi trường mới; hiểu nội dung bài.", False),
    ("III. CÁC HOẠT ĐỘNG DẠY HỌC CHỦ YẾU", True),
    ("1. Khởi động: học sinh hát bài Em yêu trường em.", False),
    ("2. Khám phá: giáo viên đọc mẫu, học sinh luyện đọc theo nhóm.", False),
    ("IV. ĐIỀU CHỈNH SAU BÀI DẠY (NẾU CÓ)", True),
    ("Ghi chú của cô: nhớ mang tranh ngôi trường.", False),
]

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<style>
@font-face {{ font-family: "hsdt-mono"; src: url("mono.ttf"); }}
body {{ font: 15px/1.5 "Liberation Sans", sans-serif; margin: 16px; color: #1f2328; }}
.box {{ border: 1px solid #d0d7de; border-radius: 6px; max-width: 860px; }}
.head {{ background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 14px; }}
.body {{ padding: 4px 14px 10px; }}
h2 {{ font-size: 18px; margin: 10px 0; }}
pre code {{ font: inherit; }}
pre {{ background: #f6f8fa; padding: 10px; border-radius: 6px; white-space: pre-wrap;
      font: 13px/1.45 "hsdt-mono", monospace; }}
</style></head><body><div class="box"><div class="head">{title}</div>
<div class="body">{comment}</div></div></body></html>
"""


def _docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    for text, bold in LINES:
        document.add_paragraph().add_run(text).bold = bold
    document.save(str(path))
    return path


def main(argv: list[str]) -> int:
    import markdown

    out = Path(argv[0]) if argv else PROJECT / "docs" / "img" / "nhap-word-bao-cao.png"
    with tempfile.TemporaryDirectory(prefix="hsdt-shot-") as tmp:
        base = Path(tmp)
        root = init_school(base / "school", "le-khac-can", hooks_repo=str(PROJECT)).root
        folder = root / "records" / "2026-2027" / "to-tieu-hoc" / "gv-th-01"
        folder.mkdir(parents=True)
        upload = _docx(folder / "bai-12-ngoi-truong-moi.docx")
        env = {**os.environ, "HSDT_LANG": "vi", "GIT_CONFIG_NOSYSTEM": "1"}
        done = subprocess.run(
            [sys.executable, "-m", "hsdt", "import", "--account", "lkc-th01", str(upload)],
            cwd=root,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        report = (done.stdout + done.stderr).replace(str(root) + "/", "")
        print(report)
        comment = report_comment(report, "3f2a9c1d7e5b" + "0" * 28, tr("ci.import_title"), "")
        page = base / "page"
        page.mkdir()
        # Liberation Mono 2 has every Vietnamese letter (the older Liberation of the same name,
        # which Chromium may pick, has not): the page carries it.
        shutil.copyfile(MONO, page / "mono.ttf")
        (page / "index.html").write_text(
            PAGE.format(
                title=html.escape("Bình luận của lượt kiểm tra, việc nhap-word"),
                comment=markdown.markdown(comment, extensions=["fenced_code"]),
            ),
            encoding="utf-8",
        )
        with serve_directory(page) as url, start_chrome(900, 400) as browser:
            browser.get(url)
            height = browser.execute_script("return document.body.scrollHeight")
            browser.set_window_size(900, int(height) + 140)
            out.parent.mkdir(parents=True, exist_ok=True)
            browser.save_screenshot(str(out))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
