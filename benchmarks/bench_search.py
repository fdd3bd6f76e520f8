"""How the website's Vietnamese search scales: index build, index size, and what one query costs
the browser, beside plain Pagefind and MkDocs Material's built-in (lunr) search on the same
pages, in the same run.

1. Writes N record pages (default 20,000) made from ``generate_year.plan_year`` (lesson plans in
   the official templates, weekly schedules, meeting minutes), each a page as the site shows it:
   the record's metadata and sanitised body inside one ``data-pagefind-body`` element.
2. ``hsdt.site.search.index_site`` over them, in a child process: wall time, peak memory of its
   largest process, bundle size. Beside it Pagefind's binary as it comes over the same site (no
   đ fix), the engine hsdt used before its own index: the same figures.
3. Baseline: the ``search_index.json`` MkDocs Material's search plugin would write for the same
   pages, computed with the plugin's own ``SearchIndex`` class on each page's body HTML (as
   the plugin does in ``on_page_context``; no site build needed). The built-in search downloads
   that whole file on the first search; its size is printed raw and gzip-compressed (what a web
   server that compresses would send).
4. In Debian's Chromium (fresh profile, empty cache, one browser per query), through the
   performance log: bytes transferred for the first query, the search code included (the search
   box's script and style, the index files a query fetches, the page list and texts of the ten
   results shown), and the time from the input event to results on screen (it includes the
   box's 150 ms typing debounce). The same for plain Pagefind through a minimal box
   (``pagefind.js`` on the page's thread, the ten results' data loaded, as its own UI does). The
   test server sends files uncompressed, as the worst case: both indexes' files are
   gzip-compressed by their indexer, the scripts are not.

Prints one line per figure with its target and OK or OVER; exits 0 either way.

    .venv/bin/python benchmarks/bench_search.py [--records N] [--quick] [--no-browser]
        [--no-pagefind] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from generate_year import PROFILE, PlannedRecord, plan_year

from hsdt.render.markup import to_html
from hsdt.scaffold import init_school
from hsdt.site.search import asset_files

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))  # tests.browser: the same harness as the browser tests

from tests.browser import bytes_transferred, chrome_available, start_chrome, transfers  # noqa: E402
from tests.search_site import CSP  # noqa: E402

CSP_WASM = {
    "Content-Security-Policy": CSP["Content-Security-Policy"].replace(
        "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"
    )
}
"""Pagefind's WebAssembly needs this; hsdt's search does not."""

QUERY_BYTES_TARGET = 300_000
QUERIES = ("giao an", "do dung", "phan so")
"""Typed without accents, as people type; each in a fresh browser with an empty cache."""
LABELS = {
    "loai": "Loại hồ sơ",
    "to": "Tổ chuyên môn",
    "giao_vien": "Giáo viên",
    "mon": "Môn",
    "lop": "Lớp",
    "tuan": "Tuần",
    "ngay_day": "Ngày dạy",
}

MEASURE_JS = """
const [query, done] = arguments;
const input = document.getElementById("hsdt-search-input");
const panel = document.querySelector(".hsdt-search__results");
const started = performance.now();
const seen = new MutationObserver(() => {
  if (panel.dataset.query === query) {
    seen.disconnect();
    done([performance.now() - started,
          panel.querySelectorAll(".hsdt-search__result").length,
          panel.querySelector(".hsdt-search__status").textContent]);
  }
});
seen.observe(panel, {attributes: true, childList: true, subtree: true});
input.value = query;
input.dispatchEvent(new Event("input"));
"""


@dataclass(frozen=True)
class Page:
    """A record page's searchable body, as the site and the lunr baseline see it."""

    url: str
    title: str
    body_html: str


def record_page(record: PlannedRecord, ignore_template: bool = False) -> Page:
    """The site-like page of a generated record (front matter as metadata, body as HTML).

    ``ignore_template``: the metadata labels and the body's headings (the record type's fixed
    template: "I. Mục tiêu", "Đồ dùng dạy học"…) carry ``data-pagefind-ignore``.
    """
    _, front, body = record.text.split("---\n", 2)
    meta = yaml.safe_load(front)
    title = str(meta.get("tieu_de", record.rel))
    ignore = " data-pagefind-ignore" if ignore_template else ""
    rows = " ".join(
        f"<dt{ignore}>{label}</dt> <dd>{html.escape(str(meta[key]))}</dd>"
        for key, label in LABELS.items()
        if key in meta
    )
    body_html = to_html(body)
    if ignore_template:
        body_html = re.sub(r"<(h[2-6])([ >])", rf"<\1{ignore}\2", body_html)
    content = f"<h1>{html.escape(title)}</h1><dl>{rows}</dl>{body_html}"
    return Page(record.rel.removeprefix("records/").removesuffix(".md") + "/", title, content)


def page_html(page: Page, depth: int) -> str:
    up = "../" * depth
    return (
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{html.escape(page.title)}</title>"
        '<link rel="icon" href="data:,">'
        f'<link rel="stylesheet" href="{up}assets/hsdt/hsdt-search.css">'
        f'<script src="{up}assets/hsdt/hsdt-search.js" defer></script></head><body>'
        f'<header class="md-header"><nav class="md-header__inner"><a href="{up or "./"}">'
        f"Trang chủ</a></nav></header><main data-pagefind-body>"
        f"{page.body_html}</main></body></html>\n"
    )


def write_site(site: Path, pages: Sequence[Page]) -> int:
    """Write the pages, a home page with the search box and its assets; total HTML bytes."""
    total = 0
    for page in pages:
        target = site / page.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page_html(page, page.url.count("/"))
        target.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    home = Page("", "Trường TH&THCS Lê Khắc Cẩn", "<h1>Trường TH&amp;THCS Lê Khắc Cẩn</h1>")
    (site / "index.html").write_text(
        page_html(home, 0).replace(" data-pagefind-body", ""), encoding="utf-8"
    )
    for uri, source in asset_files().items():
        (site / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site / uri)
    return total


class _MkdocsPage:
    """What Material's SearchIndex reads of a MkDocs page."""

    def __init__(self, page: Page) -> None:
        self.meta: dict[str, Any] = {}
        self.content = page.body_html
        self.toc: list[Any] = []
        self.url = page.url
        self.title = page.title


def lunr_index(pages: Sequence[Page]) -> bytes:
    """The search_index.json Material's search plugin writes for ``pages``."""
    from material.plugins.search.plugin import SearchIndex

    config = {
        "lang": ["vi"],
        "separator": r"[\s\-]+",
        "pipeline": ["stopWordFilter"],
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}},
    }
    index = SearchIndex(**config)
    for page in pages:
        index.add_entry_from_context(_MkdocsPage(page))
    return index.generate_search_index(None).encode("utf-8")


PLAIN = "pagefind-thuan"
"""Plain Pagefind's bundle and its test page, inside the benchmark's site."""

HARNESS_JS = """(() => {
  const BUNDLE = new URL("pagefind/", document.currentScript.src).href;
  const el = (tag, cls, text) => {
    const n = document.createElement(tag);
    n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const input = document.body.appendChild(el("input", ""));
  input.id = "hsdt-search-input";
  const panel = document.body.appendChild(el("div", "hsdt-search__results"));
  let engine = null;
  let typing = 0;
  const run = async () => {
    const q = input.value.trim();
    engine ??= import(`${BUNDLE}pagefind.js`).then(async (pf) => {
      await pf.options({ noWorker: true });
      return pf;
    });
    const pf = await engine;
    const { results } = await pf.search(q);
    const datas = await Promise.all(results.slice(0, 10).map((r) => r.data()));
    const list = el("ol", "");
    for (const d of datas) {
      const li = list.appendChild(el("li", "hsdt-search__result"));
      li.appendChild(el("a", "", d.meta.title || d.url)).href = d.url;
      li.appendChild(el("p", "", d.excerpt));
    }
    panel.replaceChildren(el("p", "hsdt-search__status", `${results.length} kết quả`), list);
    panel.dataset.query = q;
  };
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(run, 150);
  });
})();
"""
"""A minimal search box over plain Pagefind, with the elements the measurement waits on."""


def plain_pagefind(site: Path) -> tuple[float, int, float]:
    """Pagefind's binary as it comes, over the same site, into ``site/pagefind-thuan/pagefind``
    with a test page beside it: seconds, bundle bytes, peak memory (MB)."""
    from pagefind_bin import get_executable

    out = site / PLAIN / "pagefind"
    seconds, peak = run_measured(
        [str(get_executable()), "--site", str(site), "--output-path", str(out), "--quiet"]
    )
    harness = site / PLAIN / "index.html"
    harness.write_text(
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><title>Pagefind</title>'
        '<link rel="icon" href="data:,"><script src="harness.js" defer></script></head>'
        "<body></body></html>\n",
        encoding="utf-8",
    )
    (site / PLAIN / "harness.js").write_text(HARNESS_JS, encoding="utf-8")
    return seconds, sum(p.stat().st_size for p in out.rglob("*") if p.is_file()), peak


MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
"""Run a command from a fresh process that prints the peak memory (kB) of its largest child."""


def run_measured(command: list[str]) -> tuple[float, float]:
    """Run ``command``; its wall time and the peak memory (MB) of its largest process (its
    worker processes included)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], check=True, capture_output=True, text=True
    )
    return time.perf_counter() - started, int(done.stdout.split()[-1]) / 1024


def hsdt_index(site: Path) -> tuple[float, float, dict[str, int]]:
    """``index_site`` in a child process: seconds, peak memory (MB), its statistics."""
    out = site.parent / "index-stats.json"
    code = (
        "import json, sys, dataclasses; from pathlib import Path; "
        "from hsdt.site.search import index_site; "
        "s = index_site(Path(sys.argv[1])); "
        "Path(sys.argv[2]).write_text(json.dumps(dataclasses.asdict(s)))"
    )
    seconds, peak = run_measured([sys.executable, "-c", code, str(site), str(out)])
    return seconds, peak, json.loads(out.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class QueryCost:
    """One first query in a fresh browser."""

    query: str
    search_bytes: int
    """Bytes for the search: its code (box script and style; Pagefind's script and
    WebAssembly) and data."""
    page_bytes: int
    """Bytes of the page itself (the HTML), not counted in ``search_bytes``."""
    ms: float
    """Input event to results on screen (includes the 150 ms debounce)."""
    results: int
    status: str
    requests: int
    parts: dict[str, int]
    """``search_bytes`` by kind: code, meta (the index's description), index files, the results'
    list (page lists or Pagefind's fragments) and whole texts (their excerpts)."""


def kind(url: str) -> str:
    """What a request of the search is: code, the index's description, term files, the result
    list (page lists, Pagefind's fragments), result texts."""
    if "/chi-muc/v/" in url:
        return "texts"
    if "/chi-muc/p/" in url or url.endswith(".pf_fragment"):
        return "results"
    if "/chi-muc/t/" in url or url.endswith((".pf_index", ".pf_filter")):
        return "index"
    if url.endswith(("hsdt-index.json", ".pf_meta", "pagefind-entry.json")):
        return "meta"
    return "code"


def code_gzip_bytes(site: Path) -> tuple[int, int]:
    """The search code's size as served here (plain) and by a compressing server (gzip -6)."""
    files = list(site.glob("assets/hsdt/*"))
    plain = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    return plain, packed


QUERY_TIMEOUT_S = 120
"""How long one query may take in the browser before it is reported as not finished."""


def first_query(base: str, query: str) -> QueryCost | None:
    """The first query's cost, or None when its results took over :data:`QUERY_TIMEOUT_S`."""
    from selenium.common.exceptions import TimeoutException

    with start_chrome() as driver:
        driver.set_script_timeout(QUERY_TIMEOUT_S)
        driver.get(base)
        loaded = transfers(driver)
        code_marks = ("/assets/hsdt/", "/harness.js")
        page = [t for t in loaded if not any(m in t.url for m in code_marks)]
        code = [t for t in loaded if any(m in t.url for m in code_marks)]
        try:
            ms, results, status = driver.execute_async_script(MEASURE_JS, query)
        except TimeoutException:
            return None
        after = transfers(driver)
        for _ in range(20):  # the log may trail the last response by a moment
            time.sleep(0.05)
            more = transfers(driver)
            if not more:
                break
            after += more
        done = code + after
        parts = {"code": 0, "meta": 0, "index": 0, "results": 0, "texts": 0}
        for t in done:
            parts[kind(t.url)] += t.encoded_bytes
        return QueryCost(
            query,
            bytes_transferred(done),
            bytes_transferred(page),
            float(ms),
            int(results),
            str(status),
            len(done),
            parts,
        )


def measure_queries(site: Path, label: str, lunr_gz: int | None) -> None:
    """Each query first in a fresh browser over ``site`` (hsdt's box, or with ``label``
    "pagefind" plain Pagefind's test page); one line each."""
    from tests.browser import serve_directory

    name = f"first-query-{label}" if label else "first-query"
    with serve_directory(site, CSP_WASM if label else CSP) as base:
        for query in QUERIES:
            cost = first_query(base + (f"{PLAIN}/" if label else ""), query)
            if cost is None:
                print(
                    f"{name} {json.dumps(query)}: no results on screen after "
                    f"{QUERY_TIMEOUT_S} s (bytes not measured) OVER",
                    flush=True,
                )
                continue
            parts = ", ".join(f"{k} {v / 1e3:.0f}" for k, v in cost.parts.items())
            lunr = f"; lunr would fetch {lunr_gz / 1e3:.0f} kB gzip" if lunr_gz else ""
            print(
                f"{name} {json.dumps(cost.query)} {cost.search_bytes / 1e3:.1f} kB in "
                f"{cost.requests} requests ({parts} kB), "
                f"{cost.ms:.0f} ms to results ({cost.status}; "
                f"page HTML {cost.page_bytes / 1e3:.1f} kB apart; target ≤ "
                f"{QUERY_BYTES_TARGET // 1000} kB{lunr}) "
                f"{verdict(cost.search_bytes <= QUERY_BYTES_TARGET)}",
                flush=True,
            )


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER"


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print; always exit 0."""
    parser = argparse.ArgumentParser(description="Benchmark of the website's search.")
    parser.add_argument("--records", type=int, help="record pages (default 20,000)")
    parser.add_argument("--quick", action="store_true", help="200 pages (smoke)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    parser.add_argument("--keep", type=Path, help="write the site here and keep it")
    parser.add_argument(
        "--ignore-template",
        action="store_true",
        help="leave the metadata labels and template headings out of the index",
    )
    parser.add_argument(
        "--no-pagefind", action="store_true", help="skip plain Pagefind (the comparison)"
    )
    args = parser.parse_args(argv)
    count = args.records or (200 if args.quick else 20_000)
    notes = [f"{os.cpu_count()} CPUs", f"{count} record pages"]
    if args.ignore_template:
        notes.append("metadata labels and template headings not indexed")
    if args.quick or count < 20_000:
        notes.append("not the real figures")
    print(f"# hsdt search benchmark: {'; '.join(notes)}")
    with tempfile.TemporaryDirectory(prefix="hsdt-bench-search-") as tmp:
        root = Path(tmp) if args.keep is None else args.keep
        root.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        school = init_school(root / "school", PROFILE).school
        pages = [record_page(r, args.ignore_template) for r in plan_year(school, count)]
        html_bytes = write_site(root / "site", pages)
        took = time.perf_counter() - started
        print(
            f"generate-{count} {took:.1f} s, HTML {html_bytes / 1e6:.1f} MB "
            f"({html_bytes / count / 1e3:.1f} kB per page)"
        )

        if not args.no_pagefind:
            plain_s, plain_bytes, plain_mb = plain_pagefind(root / "site")
            print(
                f"index-pagefind-plain {plain_s:.1f} s, peak memory {plain_mb:.0f} MB, bundle "
                f"{plain_bytes / 1e6:.2f} MB (comparison: Pagefind as it comes, no đ fix, its "
                f"UIs included)",
                flush=True,
            )
        hsdt_s, hsdt_mb, stats = hsdt_index(root / "site")
        print(
            f"index-hsdt {hsdt_s:.1f} s, peak memory {hsdt_mb:.0f} MB (largest process), bundle "
            f"{stats['bundle_bytes'] / 1e6:.2f} MB in {stats['bundle_files']} files, "
            f"{stats['pages']} pages, {stats['words']} words, {stats['terms']} terms in "
            f"{stats['shards']} term files (whole process: Python start, reading the pages, "
            f"writing the index)",
            flush=True,
        )
        browser = not args.no_browser and chrome_available()

        started = time.perf_counter()
        lunr = lunr_index(pages)
        lunr_s = time.perf_counter() - started
        lunr_gz = len(gzip.compress(lunr, 6))
        print(
            f"baseline-lunr search_index.json {len(lunr) / 1e6:.2f} MB raw, "
            f"{lunr_gz / 1e6:.2f} MB gzip, computed in {lunr_s:.1f} s with Material's "
            f"SearchIndex (downloaded whole on the first search)"
        )

        if not browser:
            print("browser figures skipped (no Chromium, or --no-browser)")
            return 0
        plain, packed = code_gzip_bytes(root / "site")
        print(
            f"search-code {plain / 1e3:.0f} kB as served here, {packed / 1e3:.0f} kB from a server"
            f" that compresses (nginx gzip on, GitHub Pages): subtract "
            f"{(plain - packed) / 1e3:.0f} kB from each first query below for those"
        )
        measure_queries(root / "site", "", lunr_gz)
        if not args.no_pagefind:
            measure_queries(root / "site", "pagefind", None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
