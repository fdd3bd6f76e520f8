"""Building the site's search index (hsdt.site.search.index_site) on a small written site, read
back with hsdt.site.search.bundle.Bundle: which pages hold which terms, what each file holds,
and what is never in it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from hsdt.errors import SearchError
from hsdt.site.search import BUNDLE_DIR, asset_files, index_site, mkdocs_config
from hsdt.site.search.bundle import MANIFEST, Bundle
from hsdt.site.search.terms import shard_of
from tests.search_site import PAGES, Page, write_site

PUBLISHED = sorted(p.path for p in PAGES if p.indexed)


def every_byte(bundle: Path) -> bytes:
    """Every file of the index, decompressed."""
    out = []
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        data = path.read_bytes()
        out.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    return b"\n".join(out)


def addresses(bundle: Bundle, term: str) -> list[str]:
    return [bundle.page(n)[0] for n in bundle.pages_of(term)]


def test_index_has_the_published_pages_only(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    before = {p: p.read_bytes() for p in site.rglob("*.html")}
    stats = index_site(site)
    assert (stats.pages, stats.skipped) == (len(PUBLISHED), len(PAGES) - len(PUBLISHED))
    assert stats.words > 20
    assert stats.terms > stats.words
    bundle = Bundle(site / BUNDLE_DIR)
    assert bundle.manifest["pages"] == len(PUBLISHED)
    assert sorted(bundle.page(n)[0] for n in range(len(PUBLISHED))) == PUBLISHED
    data = every_byte(site / BUNDLE_DIR)
    for never in ("bimatnoibo", "noi-bo", "nội bộ", "Trang chủ", "Tìm kiếm"):
        assert never.encode() not in data, never
    assert b"kyhieulathuong" in data
    # the site's pages are left unchanged; no path of the build machine in the index
    assert {p: p.read_bytes() for p in site.rglob("*.html") if BUNDLE_DIR not in p.parts} == (
        before
    )
    assert str(tmp_path).encode() not in data
    assert b"/tmp" not in data


def test_each_term_kind_names_the_right_pages(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    index_site(site)
    bundle = Bundle(site / BUNDLE_DIR)
    do_dung = "2025-2026/toan/tran-thi-binh/khbd/tuan-08/"
    phan_so = "2025-2026/toan/le-van-cuong/khbd/tuan-09/"
    phan_so_other = "2025-2026/toan/le-van-cuong/khbd/tuan-10/"
    assert addresses(bundle, "w:do") == [do_dung]  # đồ, đội: folded, đ included
    assert addresses(bundle, "e:đồ") == [do_dung]
    assert addresses(bundle, "e:đội") == [do_dung]
    assert addresses(bundle, "b:do dung") == [do_dung]
    assert addresses(bundle, "p:dun") == [do_dung]
    assert addresses(bundle, "t:dung") == [do_dung]
    assert sorted(addresses(bundle, "b:phan so")) == [phan_so, phan_so_other]
    assert addresses(bundle, "e:phân") == [phan_so]
    assert addresses(bundle, "e:phần") == [phan_so_other]
    assert bundle.pages_of("w:zzzz") == []
    # a term is in the file its FNV-1a hash names, and in no other
    shards = int(bundle.manifest["shards"])
    holding = [n for n in range(shards) if "w:do" in bundle.shard(n)]
    assert holding == [shard_of("w:do", shards)]


def test_the_whole_text_and_title_are_kept_for_the_results(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    index_site(site)
    bundle = Bundle(site / BUNDLE_DIR)
    number = bundle.pages_of("e:đồ")[0]
    _address, title, text = bundle.page(number)
    assert title == "Đồ dùng dạy học môn Toán"
    assert bundle.text(text) == (
        "Đồ dùng dạy học môn Toán Chuẩn bị đồ dùng: thước kẻ, bảng phụ. "
        "Đội tuyển học sinh giỏi tham gia."
    )
    odd = bundle.page(bundle.pages_of("w:kyhieulathuong")[0])
    assert odd[1] == "Bài có <i>ký tự</i> lạ"  # text, as the page shows it
    assert "<img src=x onerror=alert(1)>" in bundle.text(odd[2])


def test_the_bundle_holds_its_files_only(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    stats = index_site(site)
    bundle = site / BUNDLE_DIR
    assert sorted(p.name for p in bundle.iterdir()) == [MANIFEST, "p", "t", "v"]
    manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {
        "format": 1,
        "pages": len(PUBLISHED),
        "shards": stats.shards,
        "block": 32,
        "prefix_min": 2,
        "max_word": 40,
    }
    assert sorted(p.name for p in (bundle / "t").iterdir()) == sorted(
        f"{n}.gz" for n in range(stats.shards)
    )
    assert len(list((bundle / "v").iterdir())) == len(PUBLISHED)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    assert stats.bundle_files == len(files)
    assert stats.bundle_bytes == sum(p.stat().st_size for p in files)
    # the same site gives the same bytes (no time in any file)
    first = {p.relative_to(bundle): p.read_bytes() for p in files}
    index_site(site)
    assert {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == (
        first
    )


def test_reindexing_drops_a_withdrawn_page(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    index_site(site)
    assert b"kyhieulathuong" in every_byte(site / BUNDLE_DIR)
    (site / "2025-2026/van/pham-thi-dung/khbd/tuan-07/index.html").unlink()
    stats = index_site(site)
    assert b"kyhieulathuong" not in every_byte(site / BUNDLE_DIR)
    assert stats.pages == len(PUBLISHED) - 1


def test_site_without_any_body_indexes_nothing(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    index_site(site)
    for page in PAGES:
        if page.indexed:
            (site / page.path / "index.html").unlink()
    stats = index_site(site)
    assert (stats.pages, stats.skipped, stats.bundle_files) == (0, len(PAGES) - len(PUBLISHED), 0)
    assert not (site / BUNDLE_DIR).exists()  # the search box says nothing is published


def test_a_foreign_folder_of_that_name_is_not_deleted(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    (site / BUNDLE_DIR).mkdir()
    (site / BUNDLE_DIR / "ghi-chu.txt").write_text("của nhà trường", encoding="utf-8")
    with pytest.raises(SearchError) as caught:
        index_site(site)
    assert caught.value.render("vi") == (
        "thư mục 'chi-muc' của trang web không phải chỉ mục tìm kiếm của hsdt: đổi tên nó, hsdt"
        " không xóa thư mục lạ"
    )
    assert (site / BUNDLE_DIR / "ghi-chu.txt").exists()


def test_what_an_interrupted_run_left_is_cleared_and_the_old_index_kept(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    index_site(site)
    left = site / f".{BUNDLE_DIR}.tmp-99999" / "v" / "cut.gz"
    left.parent.mkdir(parents=True)
    left.write_bytes(b"cut short")
    assert index_site(site).pages == len(PUBLISHED)
    assert not left.parent.parent.exists()
    assert (site / BUNDLE_DIR / MANIFEST).is_file()


def test_a_failed_run_leaves_the_previous_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = write_site(tmp_path / "site")
    index_site(site)
    before = every_byte(site / BUNDLE_DIR)

    def broken(*_args: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr("hsdt.site.search.index._write_terms", broken)
    with pytest.raises(OSError, match="disk full"):
        index_site(site)
    assert every_byte(site / BUNDLE_DIR) == before
    assert not list(site.glob(f".{BUNDLE_DIR}.tmp-*"))


def test_many_pages_are_read_in_workers_in_page_order(tmp_path: Path) -> None:
    pages = tuple(
        Page(f"2025-2026/toan/gv/khbd/bai-{n:04d}/", f"Bài {n}", f"Phân số bài số{n} giáo án")
        for n in range(1100)
    )
    site = write_site(tmp_path / "site", pages)
    stats = index_site(site)
    assert stats.pages == 1100
    bundle = Bundle(site / BUNDLE_DIR)
    everywhere = bundle.pages_of("b:phan so")
    assert everywhere == list(range(1100))
    assert bundle.page(1099)[0] == "2025-2026/toan/gv/khbd/bai-1099/"
    assert addresses(bundle, "w:so1099") == ["2025-2026/toan/gv/khbd/bai-1099/"]


def test_mkdocs_config_names_the_packaged_assets() -> None:
    files = asset_files()
    assert all(path.is_file() for path in files.values())
    added = mkdocs_config()
    scripts = [entry["path"] for entry in added["extra_javascript"]]
    assert set(scripts + added["extra_css"]) == set(files)
    script = next(p for uri, p in files.items() if uri.endswith(".js"))
    # The strict CSP allows no inline script and no eval: the script builds DOM from text.
    source = script.read_text(encoding="utf-8")
    for forbidden in ("innerHTML", "eval(", "new Function", "insertAdjacentHTML", "document.write"):
        assert forbidden not in source


def test_the_pagefind_index_of_an_older_hsdt_is_removed(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    old = site / "pagefind"
    (old / "fragment").mkdir(parents=True)
    (old / "hsdt-parts.json").write_text('{"parts": [], "hidden": []}', encoding="utf-8")
    (old / "fragment" / "x.pf_fragment").write_bytes(b"withdrawn record")
    foreign = site / "tai-lieu" / "pagefind"
    foreign.mkdir(parents=True)
    index_site(site)
    assert not old.exists()
    assert foreign.is_dir()  # only the older hsdt's own, at the site's root
