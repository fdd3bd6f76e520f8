"""The school's site: hsdt's build at 1,000, 5,000 and 20,000 published records beside plain
MkDocs Material (default navigation, built-in search) on the same records at 1,000 pages, all
in the same run. Each build is a fresh ``mkdocs build`` process; printed: wall time, peak RSS
and peak PSS of its whole process tree (sampled every 0.1 s from /proc; the memory target is
judged on PSS, which counts the pages forked workers share with the build once), bytes of HTML
per record page.
Targets (issue 11): 20,000 records in ≤ 120 s on 2 cores, ≤ 2 GB, ≤ 60 kB per record page.
The search index is part of the build (the plugin's ``on_post_build``), so each hsdt figure is
one run: site build and indexing; the line says how many pages the index holds.

What the generated repositories hold (printed with the figures): the demo school Lê Khắc Cẩn
with records planned like benchmarks/generate_year.py (lesson plans, weekly schedules, group
minutes), every type made public in the benchmark's profile; history written with one
``git fast-import``: one approval merge per group, approver and batch of at most 500 records,
carrying hsdt's approval trailers (not SSH-signed and without server receive notes: the site
reads main's history, which the server guarded), then one publication commit adding each
record's evidence JSON and signed PDF. The PDFs are real: one record rendered by WeasyPrint,
then sealed and signed by the group head (demo PKI, PAdES B-B) ``--distinct`` times, each
signing giving a distinct file; records share these files round-robin, so a build verifies
``min(records, distinct)`` PDFs cold and takes the rest from the verification cache (keyed by
blob). The cost of verifying every PDF cold is printed too, extrapolated from the measured
per-PDF time. A second build at the largest size shows a rebuild (cache warm).

    python benchmarks/bench_site.py [--sizes 1000,5000,20000] [--baseline 1000]
        [--distinct 200] [--jobs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from benchmarks.generate_year import PROFILE, PlannedRecord, plan_year  # noqa: E402

from hsdt.load.profile import load_school  # noqa: E402
from hsdt.model.school import Role, School  # noqa: E402
from hsdt.model.timeutil import VN_TZ  # noqa: E402
from hsdt.scaffold import init_school  # noqa: E402
from hsdt.workflow.paths import evidence_path, signed_pdf_path  # noqa: E402

TARGET_S = 120.0
TARGET_MB = 2048
TARGET_PAGE_KB = 60
BATCH = 500
TYPES = ("khbd-trung-hoc", "khbd-tieu-hoc", "bao-giang", "bien-ban-hop-to")


@dataclass(frozen=True)
class Run:
    """One measured build."""

    label: str
    seconds: float
    peak_mb: float
    """Peak RSS of the tree (pages shared by forked workers counted in each)."""
    pss_mb: float
    """Peak PSS of the tree (shared pages counted once): what the memory target is judged on."""
    pss_by_program: dict[str, float]
    """Program → its processes' peak PSS together (where the memory goes)."""
    pages: int
    page_bytes_avg: float
    page_bytes_max: int
    html_mb: float
    load: float


class TreeRss:
    """Peak memory of a process and all its descendants, sampled from /proc: the sum of their
    resident sets (RSS), and the sum of their proportional sets (PSS, ``smaps_rollup``), which
    counts a page shared by several processes (the workers forked from the build share the
    parent's pages until they write them) once in all, split among them: the tree's real use."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.peak_pss = 0
        self.by_program: dict[str, int] = {}
        """Program name → the largest PSS its processes reached together in one sample."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            rss, pss = self._sample()
            self.peak = max(self.peak, rss)
            self.peak_pss = max(self.peak_pss, pss)
            time.sleep(0.1)

    def _sample(self) -> tuple[int, int]:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as handle:
                        fields = handle.read().rsplit(b")", 1)[1].split()
                    parents[int(entry)] = int(fields[1])
                except (OSError, IndexError, ValueError):
                    continue
        tree = {self.pid}
        grew = True
        while grew:
            grew = False
            for pid, parent in parents.items():
                if parent in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        total = 0
        shared = 0
        programs: dict[str, int] = defaultdict(int)
        for pid in tree:
            total += _field(f"/proc/{pid}/status", "VmRSS:")
            pss = _field(f"/proc/{pid}/smaps_rollup", "Pss:")
            shared += pss
            programs[_program(pid)] += pss
        for name, pss in programs.items():
            self.by_program[name] = max(self.by_program.get(name, 0), pss)
        return total, shared


def _program(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as handle:
            return handle.read().strip()
    except OSError:
        return "?"


def _field(path: str, name: str) -> int:
    """A ``name: N kB`` line of a /proc file, in bytes (0 when the process is gone)."""
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(name):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return 0
    return 0


def timed_build(cwd: Path, out: Path, label: str, record_depth: int | None) -> Run:
    """``mkdocs build`` in a fresh process: wall time, peak tree RSS, HTML per page."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with TreeRss(process.pid) as rss:
        _out, err = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{label}: mkdocs build failed:\n{err.decode(errors='replace')}")
    if record_depth is None:  # the baseline: every page is a record page
        pages = [p for p in out.rglob("index.html") if p.parent != out]
    else:
        pages = [
            p
            for p in (out / "ho-so").rglob("index.html")
            if len(p.relative_to(out).parts) == record_depth + 1
        ]
    sizes = [p.stat().st_size for p in pages]
    html = sum(p.stat().st_size for p in out.rglob("*.html"))
    return Run(
        label,
        seconds,
        rss.peak / 2**20,
        rss.peak_pss / 2**20,
        {name: pss / 2**20 for name, pss in sorted(rss.by_program.items())},
        len(pages),
        sum(sizes) / max(len(sizes), 1),
        max(sizes, default=0),
        html / 2**20,
        os.getloadavg()[0],
    )


# --- the benchmark school -------------------------------------------------------------------


def edit_profile(root: Path, seal_fp: str, head_fp: str) -> None:
    """Public types approved by the group's head, deputy or team lead, sealed and signed by
    the group head; a deputy in every group (a head's own records need one); the demo PKI's
    seal and head certificates in the roster and its root trusted."""
    folder = root / "schools" / PROFILE
    rules = (folder / "quy-che.yml").read_text(encoding="utf-8")
    for type_id in TYPES:
        rules = re.sub(
            rf"(\n  {type_id}:\n(?:    .*\n|      .*\n)*?)    duyet:\n      - \[[^\]]*\]\n",
            r"\1    duyet:\n      - [to_truong, to_pho, nhom_truong]\n",
            rules,
        )
        rules = re.sub(
            rf"(\n  {type_id}:\n(?:    .*\n)*?)    cong_khai: \w+\n    chu_ky: \[[^\]]*\]",
            r"\1    cong_khai: cong_khai\n    chu_ky: [to_truong, con_dau]",
            rules,
        )
    (folder / "quy-che.yml").write_text(rules, encoding="utf-8")
    roster = (folder / "truong.yml").read_text(encoding="utf-8")
    roster = roster.replace(
        "    to_truong: gv-van-01\n", "    to_truong: gv-van-01\n    to_pho: [gv-van-02]\n"
    )
    roster = roster.replace(f"ma: {PROFILE}\n", f"ma: {PROFILE}\nvan_tay_con_dau: '{seal_fp}'\n", 1)
    for head in ("gv-toan-01", "gv-van-01", "gv-th-01", "gv-toan-02", "gv-van-02", "gv-th-02"):
        roster = roster.replace(
            f"{{ma: {head}, ", f"{{ma: {head}, van_tay_chung_thu: '{head_fp}', "
        )
    (folder / "truong.yml").write_text(roster, encoding="utf-8")


def approver(school: School, record: PlannedRecord) -> str:
    """Who approves ``record``: its group's head, or a deputy/team lead for the head's own."""
    group = school.groups[record.rel.split("/")[2]]
    for candidate in (group.head, *group.deputies, *group.team_leads):
        if candidate and candidate != record.author:
            return candidate
    raise SystemExit(f"nobody can approve {record.rel}")


def _person(school: School, staff_id: str, when: datetime) -> str:
    staff = school.staff[staff_id]
    return f"{staff.name} <{staff.email}> {int(when.timestamp())} +0700"


def _commit(
    ref: str,
    mark: int,
    parents: Sequence[int],
    who: str,
    message: str,
    files: Sequence[tuple[str, bytes | int]],
) -> bytes:
    text = message.encode("utf-8")
    out = bytearray(f"commit {ref}\nmark :{mark}\nauthor {who}\ncommitter {who}\n".encode())
    out += b"data %d\n%s\n" % (len(text), text)
    if parents:
        out += b"from :%d\n" % parents[0]
    for parent in parents[1:]:
        out += b"merge :%d\n" % parent
    for rel, data in files:
        path = rel.encode("utf-8")
        if isinstance(data, int):
            out += b"M 100644 :%d %s\n" % (data, path)
        else:
            out += b"M 100644 inline %s\ndata %d\n%s\n" % (path, len(data), data)
    return bytes(out)


def write_history(
    root: Path, school: School, records: Sequence[PlannedRecord], pdfs: Sequence[bytes]
) -> int:
    """The school's history in one ``git fast-import``; returns the approval merges made."""
    base = [
        p
        for p in subprocess.run(
            ["git", "ls-files", "-o", "--exclude-standard", "-z"],
            cwd=root,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
        if p
    ]
    start = datetime(2025, 9, 1, 8, 0, tzinfo=VN_TZ)
    stream = bytearray()
    for index, data in enumerate(pdfs):
        stream += b"blob\nmark :%d\ndata %d\n%s\n" % (index + 1, len(data), data)
    mark = len(pdfs) + 1
    admin = school.admins[0] if school.admins else school.principal
    stream += _commit(
        "refs/heads/main",
        mark,
        [],
        _person(school, admin, start),
        "Kho hồ sơ của trường",
        [(p, (root / p).read_bytes()) for p in base],
    )
    main = mark
    batches: dict[tuple[str, str], list[PlannedRecord]] = defaultdict(list)
    for record in sorted(records, key=lambda r: (r.day, r.rel)):
        batches[(record.rel.split("/")[2], approver(school, record))].append(record)
    merges = 0
    when = start
    evidence_files: list[tuple[str, bytes | int]] = []
    for (_group, who), batch in sorted(batches.items()):
        for offset in range(0, len(batch), BATCH):
            chunk = batch[offset : offset + BATCH]
            when += timedelta(minutes=5)
            mark += 1
            side = mark
            author = chunk[0].author
            stream += _commit(
                "refs/bench/side",
                side,
                [main],
                _person(school, author, when),
                f"Nộp {len(chunk)} hồ sơ",
                [(r.rel, r.text.encode("utf-8")) for r in chunk],
            )
            mark += 1
            role = (
                Role.GROUP_HEAD
                if school.groups[_group].head == who
                else (
                    Role.GROUP_DEPUTY if who in school.groups[_group].deputies else Role.TEAM_LEAD
                )
            )
            message = (
                f"Duyệt {len(chunk)} hồ sơ\n\nHsdt-Approved-By: {who}\nHsdt-Role: {role.value}\n"
            )
            stream += _commit(
                "refs/heads/main",
                mark,
                [main, side],
                _person(school, who, when),
                message,
                [(r.rel, r.text.encode("utf-8")) for r in chunk],
            )
            main = mark
            merges += 1
            for number, record in enumerate(chunk):
                evidence = {
                    "ho_so": record.rel,
                    "bang_chung_duyet": [{"nguoi_duyet": who, "vai_tro": role.value}],
                    "chu_ky_con_thieu": [],
                }
                evidence_files.append(
                    (evidence_path(record.rel), json.dumps(evidence, ensure_ascii=False).encode())
                )
                evidence_files.append(
                    (signed_pdf_path(record.rel), 1 + (offset + number + merges * 7) % len(pdfs))
                )
    mark += 1
    stream += _commit(
        "refs/heads/main",
        mark,
        [main],
        _person(school, admin, when + timedelta(hours=1)),
        f"Công bố {len(records)} hồ sơ đã duyệt\n\nHsdt-Published: {len(records)}\n",
        evidence_files,
    )
    stream += b"reset refs/bench/side\nfrom 0000000000000000000000000000000000000000\n\n"
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=bytes(stream), check=True)
    subprocess.run(["git", "update-ref", "-d", "refs/bench/side"], cwd=root, check=False)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)
    return merges


def signed_pool(tmp: Path, count: int) -> tuple[list[bytes], float, Path, str, str]:
    """``count`` distinct real signed PDFs of one rendered record, the seconds each took to
    sign, the demo PKI root, and the seal's and the head's certificate fingerprints."""
    from tests.sign_helpers import fingerprint

    from hsdt.render.api import render_record
    from hsdt.sign.demopki import generate_demo_pki
    from hsdt.sign.signers import load_pkcs12
    from hsdt.sign.signing import SignOptions, sign_pdf

    pki = generate_demo_pki(tmp / "pki", "http://127.0.0.1:9")
    seal_fp = fingerprint(pki.identity("con_dau").cert)
    head_fp = fingerprint(pki.identity("to_truong").cert)
    sample = tmp / "mau"
    init_school(sample, PROFILE, hooks_repo=str(PROJECT), hooks_rev="HEAD")
    edit_profile(sample, seal_fp, head_fp)
    school = load_school(sample)
    record = next(
        r
        for r in plan_year(school, 40)
        if r.type_id == "khbd-trung-hoc" and r.author != "gv-toan-01"
    )
    (sample / record.rel).parent.mkdir(parents=True, exist_ok=True)
    (sample / record.rel).write_text(record.text, encoding="utf-8")
    unsigned = render_record(sample, record.rel, school, approvals={"to_truong": "gv-toan-01"}).data
    out: list[bytes] = []
    start = time.perf_counter()
    with (
        load_pkcs12(pki.identity("con_dau").p12, pki.passphrase) as seal,
        load_pkcs12(pki.identity("to_truong").p12, pki.passphrase) as head,
    ):
        for _ in range(count):
            data = sign_pdf(unsigned, seal, SignOptions(role="con_dau"), path="mau.pdf")
            out.append(sign_pdf(data, head, SignOptions(role="to_truong"), path="mau.pdf"))
    each = (time.perf_counter() - start) / max(count, 1)
    return out, each, pki.root, seal_fp, head_fp


def verify_cost(root: Path, pdfs: Sequence[bytes], trust: Path, count: int) -> float:
    """Seconds one core takes to verify one of ``pdfs`` as the site does (offline, with the
    roster), measured on ``count`` of them."""
    from hsdt.sign.holder import repository_roster
    from hsdt.sign.trust import load_certificates
    from hsdt.sign.verify import verify_pdf

    roots = load_certificates(trust)
    roster = repository_roster(root)
    chosen = list(pdfs[:count])
    start = time.perf_counter()
    for data in chosen:
        report = verify_pdf(data, roots, fetch=False, roster=roster)
        if not report.ok:
            raise SystemExit(
                f"a pool PDF does not verify: {[m.render() for m in report.reasons()]}"
            )
    return (time.perf_counter() - start) / max(len(chosen), 1)


def make_school(
    dest: Path,
    count: int,
    pdfs: Sequence[bytes],
    trust: Path,
    seal_fp: str,
    head_fp: str,
    jobs: int | None,
) -> int:
    """The benchmark school with ``count`` published records; returns the merges made."""
    init_school(dest, PROFILE, hooks_repo=str(PROJECT), hooks_rev="HEAD")
    edit_profile(dest, seal_fp, head_fp)
    (dest / "signatures" / "tin-cay").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(trust, dest / "signatures" / "tin-cay" / "ca-demo.pem")
    if jobs is not None:
        config = dest / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace(
                "  - hsdt\n", f"  - hsdt:\n      jobs: {jobs}\n"
            ),
            encoding="utf-8",
        )
    school = load_school(dest)
    records = plan_year(school, count)
    return write_history(dest, school, records, pdfs)


def make_plain(dest: Path, school_root: Path, count: int) -> None:
    """Plain MkDocs Material over the same records: one page each, default navigation (every
    page in it) and the built-in search."""
    docs = dest / "docs"
    docs.mkdir(parents=True)
    paths = subprocess.run(
        ["git", "ls-files", "records"], cwd=school_root, capture_output=True, text=True, check=True
    ).stdout.split()
    (docs / "index.md").write_text("# Hồ sơ\n", encoding="utf-8")
    for rel in sorted(p for p in paths if p.endswith(".md") and not p.endswith("README.md"))[
        :count
    ]:
        text = (school_root / rel).read_text(encoding="utf-8")
        head, _sep, body = text.removeprefix("---\n").partition("\n---\n")
        title = next(
            (
                line.split(":", 1)[1].strip()
                for line in head.splitlines()
                if line.startswith("tieu_de:")
            ),
            rel,
        )
        target = docs / rel.removeprefix("records/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {title}\n\n{body}", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: Hồ sơ (MkDocs Material thuần)\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n",
        encoding="utf-8",
    )


def searched(tmp: Path, size: int) -> str:
    """Whether the build (one ``mkdocs build``) wrote the search index too, and its pages."""
    manifest = tmp / f"site-{size}" / "chi-muc" / "hsdt-index.json"
    if not manifest.is_file():
        return "; KHÔNG có chỉ mục tìm kiếm"
    listing = json.loads(manifest.read_text(encoding="utf-8"))
    return (
        f"; gồm cả lập chỉ mục tìm kiếm: {listing['pages']} trang, {listing['shards']} tệp từ khóa"
    )


def report(run: Run, note: str = "") -> str:
    """One printed line."""
    return (
        f"{run.label:<44} {run.seconds:7.1f} s {run.peak_mb:6.0f} MB RSS {run.pss_mb:6.0f} MB PSS"
        f" {run.pages:>6} trang"
        f" {run.page_bytes_avg / 1024:5.1f} kB/trang (max {run.page_bytes_max / 1024:.1f})"
        f" HTML {run.html_mb:6.1f} MB, tải máy {run.load:.1f}{note}"
        + "\n  PSS đỉnh theo chương trình: "
        + ", ".join(f"{name} {mb:.0f} MB" for name, mb in run.pss_by_program.items() if mb >= 1)
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--baseline", type=int, default=1000)
    parser.add_argument("--distinct", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="keep the repositories here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    jobs = args.jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("GIT_CONFIG_NOSYSTEM", "1")
        for key in ("GIT_AUTHOR", "GIT_COMMITTER"):
            os.environ.setdefault(f"{key}_NAME", "bench")
            os.environ.setdefault(f"{key}_EMAIL", "bench@truong.example")
        distinct = max(1, min(args.distinct, max(sizes)))
        pdfs, sign_each, trust, seal_fp, head_fp = signed_pool(tmp, distinct)
        print(f"hsdt site benchmark — {os.cpu_count()} cores, {jobs} worker processes")
        print(
            f"repository: demo school {PROFILE}, records planned like generate_year.py, every"
            f" type public; approvals: fast-imported merges with hsdt trailers (at most {BATCH}"
            " records each, not SSH-signed, no receive notes)"
        )
        print(
            f"PDFs: {distinct} distinct real signed PDFs (one WeasyPrint rendering, sealed and"
            f" signed by the group head, {sign_each * 1000:.0f} ms per PDF), shared round-robin"
        )
        print(
            "tải máy: load average over 1 minute when the build ended (other jobs share the cores)"
        )
        runs: list[Run] = []
        for size in sizes:
            root = tmp / f"truong-{size}"
            merges = make_school(root, size, pdfs, trust, seal_fp, head_fp, args.jobs)
            label = f"hsdt, {size} hồ sơ ({merges} merges), lần đầu"
            run = timed_build(root, tmp / f"site-{size}", label, 6)
            runs.append(run)
            print(
                report(run, f" [{min(size, distinct)} PDF kiểm tra lạnh{searched(tmp, size)}]"),
                flush=True,
            )
            if size == max(sizes):
                label = f"hsdt, {size} hồ sơ, dựng lại (cache ấm)"
                print(report(timed_build(root, tmp / f"site-{size}-2", label, 6)))
        if args.baseline:
            plain = tmp / "plain"
            make_plain(plain, tmp / f"truong-{sizes[0]}", args.baseline)
            label = f"MkDocs Material thuần, {args.baseline} trang"
            base = timed_build(plain, tmp / "site-plain", label, None)
            print(report(base))
            same = next((r for r in runs if r.pages >= base.pages), None)
            if same is not None:
                print(
                    f"  hsdt {same.pages} hồ sơ so với Material thuần {base.pages} trang:"
                    f" {same.seconds / base.seconds:.2f}× thời gian,"
                    f" {same.html_mb / max(base.html_mb, 0.001):.2f}× HTML"
                )
        largest = runs[-1]
        per_pdf = verify_cost(tmp / f"truong-{sizes[0]}", pdfs, trust, min(distinct, 20))
        extra = per_pdf * max(0, max(sizes) - distinct) / jobs
        print(
            f"kiểm tra một PDF (2 chữ ký, ngoại tuyến, đối chiếu danh sách cán bộ):"
            f" {per_pdf * 1000:.0f} ms trên một lõi; nếu cả {max(sizes)} PDF đều khác nhau,"
            f" lần dựng đầu thêm ≈ {extra:.0f} s ({jobs} tiến trình); các lần sau lấy từ cache"
        )
        verdict = (
            largest.seconds <= TARGET_S
            and largest.pss_mb <= TARGET_MB
            and largest.page_bytes_max <= TARGET_PAGE_KB * 1024
        )
        print(
            f"mục tiêu {max(sizes)} hồ sơ ≤ {TARGET_S:.0f} s, ≤ {TARGET_MB} MB (PSS),"
            f" ≤ {TARGET_PAGE_KB} kB/trang (lần đầu): {'ĐẠT' if verdict else 'CHƯA ĐẠT'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
