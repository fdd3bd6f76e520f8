"""The school's site built with the real plugin (``mkdocs build --strict``) from a real school
repository (tests/site_world.py): what is published, what never is, how payloads end up, and
that the pages lead to the record and its PDF verifies."""

from __future__ import annotations

import gzip
import os
import posixpath
import re
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

from hsdt.site.csp import inline_hashes
from hsdt.site.search import BUNDLE_DIR
from hsdt.site.search.bundle import Bundle
from hsdt.site.search.terms import query_terms
from hsdt.workflow.paths import signed_pdf_path
from tests.conftest import git, run_hsdt
from tests.samples import LESSON_REL
from tests.site_world import (
    INTERNAL_REL,
    PAYLOAD_REL,
    PERSONAL_REL,
    POST_REL,
    POST_TITLE,
    PRIVATE_REL,
    PUPIL,
    SECRETS,
    SENT_BACK_REL,
    UNAPPROVED_REL,
    SiteWorld,
    build_site,
)


def page_of(site: Path, rel: str) -> Path:
    """The output file of a record's page."""
    parts = rel.removesuffix(".md").split("/")[1:]
    if len(parts) == 4:  # a group's record: no teacher folder
        parts.insert(2, "_chung")
    return site.joinpath("ho-so", *parts, "index.html")


def every_file(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def pdf_text_streams(data: bytes) -> bytes:
    """Every stream of a PDF, inflated where it is Flate-compressed (attachments included)."""
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


class Elements(HTMLParser):
    """Every start tag with its attributes, and each script's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def links(path: Path, site: Path) -> set[str]:
    """The site paths (``…/index.html`` or files) the page links to."""
    out = set()
    base = path.parent.relative_to(site).as_posix()
    for tag, attrs in parse(path).tags:
        href = attrs.get("href") if tag == "a" else None
        if not href or "://" in href or href.startswith("#"):
            continue
        target = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
        out.add(target + "/index.html" if href.endswith("/") else target)
    return {p.removeprefix("./") for p in out}


def test_published_records_have_pages_and_nothing_else_does(site_world: SiteWorld) -> None:
    site = site_world.site
    for rel in (LESSON_REL, PAYLOAD_REL, PERSONAL_REL, POST_REL):
        assert page_of(site, rel).is_file(), rel
    for rel in (INTERNAL_REL, PRIVATE_REL, UNAPPROVED_REL, SENT_BACK_REL):
        assert not page_of(site, rel).exists(), rel
    pdfs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.pdf"))
    assert pdfs == sorted(
        page_of(site, rel).parent.relative_to(site).as_posix() + "/ban-ky.pdf"
        for rel in (LESSON_REL, PAYLOAD_REL, POST_REL)
    )


def test_a_website_post_is_published_as_a_post(site_world: SiteWorld) -> None:
    site = site_world.site
    post = page_of(site, POST_REL).relative_to(site).as_posix()
    posts = site / "ho-so/bai-viet/index.html"
    assert post in links(posts, site)
    assert "<h1>Bài viết</h1>" in posts.read_text(encoding="utf-8")
    home = site / "ho-so/index.html"
    assert post in links(home, site)  # in the home's "Bài viết" section and latest list
    assert "ho-so/bai-viet/index.html" in links(home, site)
    text = (site / post).read_text(encoding="utf-8")
    assert POST_TITLE in text
    assert "<dt>Chuyên mục</dt><dd>Hoạt động giáo dục</dd>" in text
    assert "<td>Trần Văn Ví Dụ</td><td>phó hiệu trưởng</td><td>10:00 11/10/2025</td>" in text
    assert "Mọi chữ ký còn nguyên vẹn, hợp lệ, tin cậy, đúng người ký" in text


def test_hidden_records_and_personal_data_are_in_no_output_file(site_world: SiteWorld) -> None:
    words = [w.encode() for w in SECRETS.values()]
    pupil = [PUPIL.encode(), PUPIL.split()[-1].encode(), b"B\\u00edm"]
    # the index holds words in lower case and folded too (its terms): none of those either
    unique = [*SECRETS.values(), PUPIL.split()[-1]]
    folded = [form.encode() for w in unique for pair in query_terms(w) for form in pair]
    for file in every_file(site_world.site):
        data = file.read_bytes()
        if file.suffix == ".pdf":
            data = pdf_text_streams(data)
        elif data[:2] == b"\x1f\x8b":  # the search index's files, gzip-compressed
            data = gzip.decompress(data)
        for word in [*words, *pupil, *folded]:
            assert word not in data, (file, word)
    # the records themselves do hold those words: the test would see them
    sources = (site_world.root / PERSONAL_REL).read_text(encoding="utf-8")
    assert PUPIL in sources
    assert SECRETS[INTERNAL_REL] in (site_world.root / INTERNAL_REL).read_text(encoding="utf-8")


def test_the_build_indexes_the_published_records_for_search(site_world: SiteWorld) -> None:
    site = site_world.site
    bundle = Bundle(site / BUNDLE_DIR)
    index = [bundle.page(n)[0] for n in range(int(bundle.manifest["pages"]))]
    for rel in (LESSON_REL, PAYLOAD_REL, PERSONAL_REL):
        url = page_of(site, rel).parent.relative_to(site).as_posix() + "/"
        assert url in index, rel
    for rel in (INTERNAL_REL, PRIVATE_REL, UNAPPROVED_REL, SENT_BACK_REL):
        assert not [u for u in index if "/" + Path(rel).stem + "/" in "/" + u], rel

    record_page = page_of(site, LESSON_REL).read_text(encoding="utf-8")
    assert "assets/hsdt/hsdt-search.js" in record_page
    assert (site / "assets" / "hsdt" / "hsdt-search.js").is_file()


def test_personal_record_is_shown_without_its_field_or_pdf(site_world: SiteWorld) -> None:
    page = page_of(site_world.site, PERSONAL_REL)
    text = page.read_text(encoding="utf-8")
    assert "Ôn tập phân số" in text
    assert "học sinh cần hỗ trợ" not in text
    assert not (page.parent / "ban-ky.pdf").exists()
    assert "vì hồ sơ có dữ liệu cá nhân của học sinh" in text
    assert 'href="ban-ky.pdf"' not in text


def test_payloads_in_title_and_body_are_neutralised(site_world: SiteWorld) -> None:
    page = page_of(site_world.site, PAYLOAD_REL)
    text = page.read_text(encoding="utf-8")
    found = parse(page)
    allowed = re.search(r"script-src ([^;]*);", text)
    assert allowed is not None
    assert "'unsafe-inline'" not in allowed.group(1)
    for attrs, body in found.scripts:
        if attrs.get("src"):
            assert not re.match(r"^[a-z]+:|^//", str(attrs["src"]))  # the site's own files
        elif attrs.get("type") != "application/json":
            assert "alert" not in body
            assert inline_hashes(f"<script>{body}</script>")[0] in allowed.group(1)
    for tag, attrs in found.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action"):
            assert not str(attrs.get(name) or "").strip().lower().startswith("javascript:")
        assert "expression" not in str(attrs.get("style") or "")
        assert "javascript" not in str(attrs.get("style") or "")
    # the title is shown as text, escaped, in the heading and the window title
    assert "&lt;script&gt;alert(&#34;tieu-de&#34;)&lt;/script&gt;" in text
    assert "<title>Tiết thử nghiệm &lt;script&gt;alert(&quot;tieu-de&quot;)" in text
    assert "Đoạn có sự kiện" in text
    assert "alert('than')" not in text


def test_no_page_carries_a_payload(site_world: SiteWorld) -> None:
    # the payload record's title is listed on the home, the archive, its week and type lists
    listed = 0
    for page in (p for p in every_file(site_world.site) if p.suffix == ".html"):
        found = parse(page)
        for _attrs, body in found.scripts:
            assert "alert" not in body, page
        for tag, attrs in found.tags:
            assert not [a for a in attrs if a.startswith("on")], (page, tag, attrs)
            assert not str(attrs.get("href") or "").lower().startswith("javascript:"), page
        listed += "Tiết thử nghiệm &lt;script&gt;" in page.read_text(encoding="utf-8")
    assert listed >= 5


def test_browsing_leads_to_the_record_and_its_pdf_verifies(site_world: SiteWorld) -> None:
    site = site_world.site
    record = page_of(site, LESSON_REL).relative_to(site).as_posix()
    folders = record.split("/")
    path = ["ho-so/index.html"] + ["/".join(folders[:n]) + "/index.html" for n in range(2, 6)]
    for here, there in zip(path, [*path[1:], record], strict=True):
        assert there in links(site / here, site), (here, there)
    week = site / "ho-so/tuan/2025-2026/06/index.html"
    assert record in links(week, site)
    assert "Tuần 6 (13/10/2025 – 19/10/2025)" in week.read_text(encoding="utf-8")
    by_type = site / "ho-so/loai/khbd-trung-hoc/index.html"
    assert "/".join(folders[:5]) + "/index.html" in links(by_type, site)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Quyết định 309/QĐ-TH&amp;THCS-LKC" in home
    assert record in links(site / "index.html", site)  # latest publications
    pdf = [p for p in links(site / record, site) if p.endswith(".pdf")]
    assert pdf == [record.removesuffix("index.html") + "ban-ky.pdf"]
    done = run_hsdt("verify", "--offline", str(site / pdf[0]), cwd=site_world.root)
    assert done.code == 0, done.out + done.err


def test_record_page_shows_chain_and_verified_signatures(site_world: SiteWorld) -> None:
    text = page_of(site_world.site, LESSON_REL).read_text(encoding="utf-8")
    assert "<td>Hoàng Văn Giả Định</td><td>tổ trưởng</td><td>09:00 13/10/2025</td>" in text
    assert "Mọi chữ ký còn nguyên vẹn, hợp lệ, tin cậy, đúng người ký" in text
    assert "<td>Trần Văn Bình</td><td>tổ trưởng</td>" in text
    assert "<td>con dấu của trường</td>" in text
    assert text.count("data-pagefind-body") == 1
    # the title once (the theme adds no heading of its own), labels as headings are written
    assert text.count("<h1") == 1
    assert '<dt><span class="hsdt-vi" lang="vi">Giáo viên</span>' in text
    assert '<dt><span class="hsdt-vi" lang="vi">Tổ chuyên môn</span>' in text
    # each catalog label in English too, kept out of the search index
    assert '<span class="hsdt-en" lang="en" data-pagefind-ignore>Teacher</span>' in text
    assert '<span class="hsdt-en" lang="en" data-pagefind-ignore>Approval chain</span>' in text
    assert "<dt>Ngày dạy</dt><dd>16/10/2025</dd>" in text
    assert 'data-pagefind-filter="giao_vien">Đỗ Thị Tạm<' in text
    assert len(text.encode("utf-8")) <= 60_000


def test_every_page_has_the_policy_and_no_outside_reference(site_world: SiteWorld) -> None:
    site = site_world.site
    pages = [p for p in every_file(site) if p.suffix == ".html"]
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy"' in text, page
        for tag, attrs in parse(page).tags:
            if tag in ("script", "link", "img"):
                target = str(attrs.get("src") or attrs.get("href") or "")
                assert not re.match(r"^(https?:)?//", target), (page, tag, target)
        assert "fonts.googleapis" not in text
    assert not list(site.rglob("_mau"))
    assert "_mau" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_no_path_of_the_build_machine_in_the_output(site_world: SiteWorld) -> None:
    machine = [str(site_world.root.parent.parent), str(Path.home()), "/tmp/"]
    for file in every_file(site_world.site):
        data = file.read_bytes()
        for path in machine:
            assert path.encode() not in data, (file, path)


def test_a_pdf_copied_to_another_records_place_is_not_shown_as_its_own(
    site_world: SiteWorld, tmp_path: Path
) -> None:
    # the lesson's signed PDF (intact, trusted) copied over the payload record's on main
    root = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(site_world.root), str(root))
    git(root, "fetch", "-q", "origin", "+refs/notes/*:refs/notes/*")
    pdfs = {rel: signed_pdf_path(rel) for rel in (LESSON_REL, PAYLOAD_REL)}
    (root / pdfs[PAYLOAD_REL]).write_bytes((root / pdfs[LESSON_REL]).read_bytes())
    git(root, "commit", "-q", "-am", "Chép nhầm bản PDF")
    site = tmp_path / "site"
    done = build_site(root, site)
    assert done.returncode != 0  # strict: the build warns that a PDF does not verify
    assert "2025-10-16-tiet-thu-nghiem" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page = page_of(site, PAYLOAD_REL)
    text = page.read_text(encoding="utf-8")
    assert not (page.parent / "ban-ky.pdf").exists()
    assert 'href="ban-ky.pdf"' not in text
    assert "là bản của hồ sơ khác" in text
    assert f"Bản PDF ở chỗ của hồ sơ này là bản của hồ sơ khác ({LESSON_REL})" in text
    assert 'class="hsdt-verdict hsdt-bad"' in text
    # the lesson itself keeps its PDF and its good verdict
    lesson = page_of(site, LESSON_REL)
    assert (lesson.parent / "ban-ky.pdf").is_file()
    assert 'class="hsdt-verdict hsdt-ok"' in lesson.read_text(encoding="utf-8")
