"""How fast ``hsdt render`` is, beside raw WeasyPrint measured in the same run.

Prints one line per figure with its target and OK or SLOW; exits 0 either way (timings belong
in a report, never in a test's assertion).

1. Warm render of a 4-page lesson plan in one process: hsdt (layout, slots, PDF/A-3u,
   attachments, XMP) against raw WeasyPrint on the same HTML (``HTML(...).write_pdf()``, same
   fonts and fetcher). Median of N runs each. Target: hsdt ≤ 1.1× raw.
2. A batch of N documents (200 by default), cache off: 1 worker vs 2 workers. Target: 2 workers
   ≥ 1.7× the throughput of 1.
3. The same batch again with the cache on: time per record. Target: ≤ 5 ms.
4. ``hsdt render <one record>`` as a fresh process (``--no-cache``). Target: ≤ 1.5 s.

    .venv/bin/python benchmarks/bench_render.py [--quick] [--docs N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from tests.render_samples import SENTENCES, sample_body, sample_values  # noqa: E402

from hsdt.load.profile import load_school  # noqa: E402
from hsdt.render.api import render_paths  # noqa: E402
from hsdt.render.job import build_job, document_moment, read_source  # noqa: E402
from hsdt.render.pdf import write_pdf  # noqa: E402
from hsdt.scaffold import init_school, new_record  # noqa: E402

WARM_RATIO = 1.1
SCALING = 1.7
CACHE_HIT_S = 0.005
FRESH_S = 1.5


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls after one warm-up call."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def verdict(ok: bool) -> str:
    return "OK" if ok else "SLOW"


def make_school(base: Path, docs: int) -> tuple[Path, list[str]]:
    """A school with ``docs`` four-page lesson plans."""
    root = base / "school"
    init_school(root, "le-khac-can")
    school = load_school(root)
    record_type = school.types["khbd-trung-hoc"]
    body = sample_body(record_type) + "\n## Phụ lục\n\n" + "\n\n".join(SENTENCES) + "\n"
    rels = []
    for index in range(docs):
        values = sample_values(record_type, school)
        values["tieu_de"] = f"Bài {index + 1}: phân số bằng nhau"
        path = new_record(root, school, "khbd-trung-hoc", values, body=body)
        rels.append(path.relative_to(root).as_posix())
    return root, rels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    docs, runs = (6, 3) if args.quick else (args.docs, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        root, rels = make_school(Path(tmp), docs)
        school = load_school(root)
        source = read_source(root, rels[0], school)
        job, _ = build_job(root, source, school, document_moment(source, school, None), None)
        import weasyprint

        from hsdt.render.fetcher import SafeFetcher
        from hsdt.render.fonts import find_fonts
        from hsdt.render.pdf import _font_config

        fonts = find_fonts()
        fetcher = SafeFetcher(root, fonts, fonts.css() + "\n" + job.stylesheet)
        pages = write_pdf(job).pages

        def raw() -> bytes:
            html = weasyprint.HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
            data: bytes = html.write_pdf(font_config=_font_config())
            return data

        raw_s = median_time(raw, runs)
        ours_s = median_time(lambda: write_pdf(job), runs)
        print(f"document: lesson plan, {pages} pages")
        print(
            f"warm render: hsdt {ours_s * 1000:.0f} ms, raw WeasyPrint {raw_s * 1000:.0f} ms, "
            f"ratio {ours_s / raw_s:.2f}× (target ≤ {WARM_RATIO}×) "
            f"{verdict(ours_s <= WARM_RATIO * raw_s)}"
        )
        timings = {}
        for workers in (1, 2):
            start = time.perf_counter()
            report = render_paths(
                root, rels, school, jobs=workers, use_cache=False, out_dir=Path(tmp) / "out"
            )
            timings[workers] = time.perf_counter() - start
            assert not report.failed, report.failed[0].error
        speedup = timings[1] / timings[2]
        print(
            f"batch of {docs}: 1 worker {timings[1]:.1f} s ({docs / timings[1]:.1f} doc/s), "
            f"2 workers {timings[2]:.1f} s ({docs / timings[2]:.1f} doc/s), "
            f"speed-up {speedup:.2f}× (target ≥ {SCALING}×) {verdict(speedup >= SCALING)}"
        )
        render_paths(root, rels, school, jobs=2, out_dir=Path(tmp) / "out")
        start = time.perf_counter()
        report = render_paths(root, rels, school, jobs=2, out_dir=Path(tmp) / "out")
        hit = (time.perf_counter() - start) / docs
        assert all(o.cached for o in report.outcomes)
        print(
            f"cache hit: {hit * 1000:.2f} ms per record (target ≤ {CACHE_HIT_S * 1000:.0f} ms) "
            f"{verdict(hit <= CACHE_HIT_S)}"
        )
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        command = [sys.executable, "-m", "hsdt", "render", rels[0], "--no-cache"]
        command += ["-o", str(Path(tmp) / "fresh")]
        subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
        fresh = []
        for _ in range(max(3, runs // 3)):
            start = time.perf_counter()
            subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
            fresh.append(time.perf_counter() - start)
        fresh_s = statistics.median(fresh)
        print(
            f"fresh process, one record: {fresh_s:.2f} s (target ≤ {FRESH_S} s) "
            f"{verdict(fresh_s <= FRESH_S)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
