"""How much the Word import guard adds: ``prepare_docx`` beside pandoc on the same files.

Every Word import passes :func:`hsdt.importer.guard.prepare_docx` before pandoc converts it, so
the guard is part of the overhead issue 15 bounds (the whole import of a 6-page lesson plan
≤ 2 s; hsdt's own work ≤ 1.5× the bare converter). Prints, all measured in this run:

1. one typical 6-page lesson plan (bold headings, a table, ~2,500 words), Unicode and TCVN3:
   median of ``prepare_docx`` over N runs, beside the median of pandoc alone (``docx`` → JSON
   through :func:`~hsdt.importer.bounded.run_bounded`) and of a bare zip read of every part;
2. a folder of M such files: the guard's total, files per second, and pandoc's total.

Target: the guard ≤ 0.5× pandoc on the same file (it leaves room for the mapping inside the
1.5× budget). Exits 0 either way (timings belong in a report, never in a test's assertion).

    .venv/bin/python benchmarks/bench_guard.py [--quick] [--runs N] [--files M]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pypandoc

from hsdt.importer.bounded import run_bounded
from hsdt.importer.guard import Limits, prepare_docx
from hsdt.importer.legacy_fonts import encode_tcvn3

TARGET_RATIO = 0.5

SECTIONS = (
    "I. MỤC TIÊU",
    "1. Về kiến thức",
    "2. Về năng lực",
    "3. Về phẩm chất",
    "II. THIẾT BỊ DẠY HỌC VÀ HỌC LIỆU",
    "III. TIẾN TRÌNH DẠY HỌC",
    "Hoạt động 1: Mở đầu (Xác định vấn đề)",
    "Hoạt động 2: Hình thành kiến thức mới",
    "Hoạt động 3: Luyện tập",
    "Hoạt động 4: Vận dụng",
)
SENTENCE = (
    "Học sinh nhận biết được hai phân số bằng nhau, vận dụng tính chất cơ bản của phân số để "
    "rút gọn và quy đồng mẫu số, trình bày lời giải rõ ràng và hợp tác trong nhóm."
)


def lesson_plan(path: Path, *, tcvn3: bool = False) -> Path:
    """A 6-page CV 5512 lesson plan: bold headings, paragraphs, a 5×4 table."""
    document = docx.Document()

    def para(text: str, bold: bool = False) -> None:
        # A teacher with ABC types headings in the capitals font .VnTimeH, the rest in .VnTime.
        legacy = encode_tcvn3(text, upper=bold) if tcvn3 else text
        run = document.add_paragraph().add_run(legacy)
        run.bold = bold
        if tcvn3:
            run.font.name = ".VnTimeH" if bold else ".VnTime"

    para("KẾ HOẠCH BÀI DẠY", bold=True)
    for heading in SECTIONS:
        para(heading, bold=True)
        for _ in range(6):
            para(SENTENCE)
    table = document.add_table(rows=5, cols=4)
    for row in table.rows:
        for cell in row.cells:
            cell.text = encode_tcvn3("Nội dung") if tcvn3 else "Nội dung"
    document.save(str(path))
    return path


def median_time(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_read(path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        for name in archive.namelist():
            archive.read(name)


def pandoc(data: bytes) -> None:
    limits = Limits()
    run_bounded(
        [pypandoc.get_pandoc_path(), "-f", "docx", "-t", "json"],
        data,
        limits.convert_timeout_s,
        limits.convert_memory_mb,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs, 5 files")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args(argv)
    runs, files = (3, 5) if args.quick else (args.runs, args.files)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for label, tcvn3 in (("Unicode", False), ("TCVN3", True)):
            path = lesson_plan(folder / f"{label}.docx", tcvn3=tcvn3)
            prepared = prepare_docx(path)
            guard = median_time(lambda p=path: prepare_docx(p), runs)
            floor = median_time(lambda p=path: bare_read(p), runs)
            converter = median_time(lambda d=prepared.data: pandoc(d), runs)
            ratio = guard / converter
            verdict = "OK" if ratio <= TARGET_RATIO else "SLOW"
            print(
                f"6-page lesson plan ({label}, {path.stat().st_size // 1024} KB, "
                f"{len(prepared.notes)} notes): guard {guard * 1000:.1f} ms, "
                f"bare zip read {floor * 1000:.1f} ms, pandoc alone {converter * 1000:.1f} ms; "
                f"guard/pandoc {ratio:.2f} (target ≤ {TARGET_RATIO}) {verdict}"
            )
        batch = [lesson_plan(folder / f"bai-{i:03d}.docx") for i in range(files)]
        start = time.perf_counter()
        prepared_all = [prepare_docx(p).data for p in batch]
        guard_total = time.perf_counter() - start
        start = time.perf_counter()
        for data in prepared_all:
            pandoc(data)
        pandoc_total = time.perf_counter() - start
        print(
            f"folder of {files} files: guard {guard_total:.2f} s ({files / guard_total:.0f} "
            f"files/s), pandoc alone {pandoc_total:.2f} s; "
            f"guard/pandoc {guard_total / pandoc_total:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
