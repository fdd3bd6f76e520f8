"""Building the site's Pagefind index (hsdt.site.search.index_site) on a small written site."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from hsdt.errors import SearchError
from hsdt.site.search import (
    D_MARK,
    asset_files,
    index_site,
    mkdocs_config,
)
from tests.search_site import PAGES, write_site


def decoded_bundle(bundle: Path) -> str:
    """Every index, fragment, filter and meta file of the bundle, decompressed, as one text."""
    parts = []
    for path in sorted(bundle.rglob("*")):
        if path.suffix in {".pf_index", ".pf_fragment", ".pf_filter", ".pf_meta"}:
            parts.append(gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
    return "\n".join(parts)


def test_index_has_the_published_pages_only(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    before = {p: p.read_bytes() for p in site.rglob("*.html")}
    stats = index_site(site)
    published = sum(p.indexed for p in PAGES)
    assert (stats.pages, stats.skipped) == (published, len(PAGES) - published)
    assert stats.words > 20
    data = decoded_bundle(site / "pagefind")
    assert "bimatnoibo" not in data
    assert "noi-bo" not in data
    assert "Trang chủ" not in data  # the home page has no data-pagefind-body
    assert "kyhieulathuong" in data
    # đ is spelt with the mark in the index, never as đ; the site's pages are left unchanged.
    assert f"D{D_MARK}ồ dùng dạy học" in data
    assert "đ" not in data.lower()
    assert {p: p.read_bytes() for p in site.rglob("*.html") if "pagefind" not in p.parts} == before
    # No path of the build machine in the bundle.
    assert str(tmp_path) not in data
    assert "/tmp" not in data


def test_bundle_keeps_only_what_the_search_script_loads(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    stats = index_site(site)
    bundle = site / "pagefind"
    top = sorted(p.name for p in bundle.iterdir())
    assert "pagefind.js" in top
    assert "pagefind-entry.json" in top
    assert {"index", "fragment"} <= set(top)
    assert not [n for n in top if "ui" in n or "worker" in n or "highlight" in n]
    files = [p for p in bundle.rglob("*") if p.is_file()]
    assert stats.bundle_files == len(files)
    assert stats.bundle_bytes == sum(p.stat().st_size for p in files)


def test_reindexing_drops_a_withdrawn_page(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    index_site(site)
    assert "kyhieulathuong" in decoded_bundle(site / "pagefind")
    (site / "2025-2026/van/pham-thi-dung/khbd/tuan-07/index.html").unlink()
    stats = index_site(site)
    assert "kyhieulathuong" not in decoded_bundle(site / "pagefind")
    assert stats.pages == sum(p.indexed for p in PAGES) - 1


def test_site_without_any_body_indexes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<html lang='vi'><body><p>bimatnoibo</p></body></html>", encoding="utf-8"
    )
    stats = index_site(site)
    assert (stats.pages, stats.skipped, stats.bundle_files) == (0, 1, 0)
    assert not (site / "pagefind").exists()


def test_a_foreign_pagefind_folder_is_not_deleted(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    (site / "pagefind").mkdir()
    (site / "pagefind" / "ghi-chu.txt").write_text("của nhà trường", encoding="utf-8")
    with pytest.raises(SearchError) as caught:
        index_site(site)
    assert caught.value.render("vi") == (
        "thư mục 'pagefind' của trang web không phải chỉ mục Pagefind: đổi tên nó, hsdt không xóa"
        " thư mục lạ"
    )
    assert (site / "pagefind" / "ghi-chu.txt").exists()


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


def test_each_word_is_indexed_once_and_the_whole_text_kept_beside(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    index_site(site)
    bundle = site / "pagefind"
    fragments = [
        gzip.decompress(p.read_bytes()).decode("utf-8") for p in (bundle / "fragment").iterdir()
    ]
    page = next(f for f in fragments if "/tran-thi-binh/" in f)
    content = page.split('"content":"', 1)[1].split('","', 1)[0]
    # "đồ dùng" is in the title and again in the body: the index holds it once
    assert content.lower().count(f"d{D_MARK}ồ dùng") == 1
    assert "Chuẩn bị thước kẻ" in content
    text = bundle / "hsdt-text/2025-2026/toan/tran-thi-binh/khbd/tuan-08/van-ban.gz"
    assert gzip.decompress(text.read_bytes()).decode("utf-8") == (
        "Đồ dùng dạy học môn Toán Chuẩn bị đồ dùng: thước kẻ, bảng phụ. "
        "Đội tuyển học sinh giỏi tham gia."
    )
    texts = sorted(
        p.parent.relative_to(bundle / "hsdt-text").as_posix()
        for p in (bundle / "hsdt-text").rglob("van-ban.gz")
    )
    assert texts == sorted(p.path.rstrip("/") for p in PAGES if p.indexed)
    # the whole index as before, for comparison: every occurrence kept, no texts beside
    index_site(site, compact=False)
    assert not (bundle / "hsdt-text").exists()


def fragments_of(folder: Path) -> dict[str, str]:
    """Page id → URL of every fragment in one bundle folder."""
    import json

    found = {}
    for path in (folder / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :]
        found[path.stem] = json.loads(data)["url"]
    return found


def test_a_big_site_is_indexed_in_parts_that_hold_every_word(tmp_path: Path) -> None:
    import json

    site = write_site(tmp_path / "site")
    published = sorted("/" + p.path for p in PAGES if p.indexed)
    # 9 HTML files in parts of at most 3: the third part has no indexable page, so two runs
    stats = index_site(site, part_pages=3)
    assert (stats.parts, stats.pages) == (2, len(published))
    bundle = site / "pagefind"
    part = bundle / "part-2"
    assert sorted(p.name for p in part.iterdir()) == sorted(
        ["fragment", "index", "pagefind-entry.json", *[p.name for p in part.glob("*.pf_meta")]]
    )
    assert not list(part.glob("wasm.*"))
    assert not (part / "pagefind.js").exists()
    listing = json.loads((bundle / "hsdt-parts.json").read_text(encoding="utf-8"))
    assert listing["parts"] == ["part-2/"]
    first, second = fragments_of(bundle), fragments_of(part)
    # each part has one page of the site's every word, named in "hidden" for the script to drop
    # (the same words in both parts: the same page id)
    assert [i for i, url in first.items() if url == "/hsdt-tu-vung/"] == listing["hidden"]
    assert [i for i, url in second.items() if url == "/hsdt-tu-vung/"] == listing["hidden"]
    pages = sorted(url for url in [*first.values(), *second.values()] if url != "/hsdt-tu-vung/")
    assert pages == published  # every published page in exactly one part
    vocabulary = [
        gzip.decompress((folder / "fragment" / f"{i}.pf_fragment").read_bytes()).decode()
        for folder in (bundle, part)
        for i in listing["hidden"]
    ]
    for words in vocabulary:
        # words of pages of both parts, spelt as the index spells them; nothing unpublished
        assert "kyhieulathuong" in words
        assert "Hình" in words
        assert f"d{D_MARK}ồ" in words.lower()
        assert "bimatnoibo" not in words
    assert "bimatnoibo" not in decoded_bundle(bundle)
    # indexed again as one part: the further part and the hidden pages are gone
    assert index_site(site).parts == 1
    assert not part.exists()
    assert json.loads((bundle / "hsdt-parts.json").read_text(encoding="utf-8")) == {
        "parts": [],
        "hidden": [],
    }
    assert "/hsdt-tu-vung/" not in fragments_of(bundle).values()


def test_the_vocabulary_page_never_takes_a_page_name(tmp_path: Path) -> None:
    from hsdt.site.search.index import _write_vocabulary

    (tmp_path / "hsdt-tu-vung").mkdir()
    assert _write_vocabulary(tmp_path, ["<b>", "đồ"]) == "/hsdt-tu-vung-/"
    page = (tmp_path / "hsdt-tu-vung-" / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;" in page
    assert f"d{D_MARK}ồ" in page
    assert not list((tmp_path / "hsdt-tu-vung").iterdir())


def test_what_an_interrupted_run_left_is_cleared(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    left = site / "pagefind" / "hsdt-text" / "2025-2026" / "van-ban.gz"
    left.parent.mkdir(parents=True)
    left.write_bytes(b"cut short")
    assert index_site(site).pages == sum(p.indexed for p in PAGES)
    assert not left.exists()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


def test_copies_go_to_memory_only_when_it_has_room() -> None:
    import os
    import shutil

    from hsdt.site.search.index import _scratch

    assert _scratch(10**12) is None  # no machine has room for that many pages
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 10**8:
        assert _scratch(100) == "/dev/shm"
    else:
        assert _scratch(100) is None
