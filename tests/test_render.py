"""Rendering every record type of every level to PDF/A, checked with poppler-utils.

The PDFs are real WeasyPrint output; the checks read them back the way an office would look at
them: the words with their diacritics (pdftotext), where the header and page numbers sit
(pdftotext -bbox), embedded fonts (pdffonts), the attached source (pdfdetach) and the metadata
(pdfinfo).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from hsdt.load.profile import load_school
from hsdt.model.manifest import MANIFEST_NAME, Manifest
from hsdt.render.api import render_paths
from hsdt.scaffold import init_school
from tests.conftest import PROJECT
from tests.render_samples import write_samples

PROFILES = ("le-khac-can", "mam-non-hm")
MM = 72 / 25.4


@dataclass(frozen=True)
class Rendered:
    root: Path
    rel: str
    pdf: Path
    source: str


def _render_all(base: Path) -> dict[tuple[str, str], Rendered]:
    out: dict[tuple[str, str], Rendered] = {}
    for profile in PROFILES:
        root = base / profile
        init_school(root, profile, hooks_repo=str(PROJECT), hooks_rev="HEAD")
        samples = write_samples(root)
        school = load_school(root)
        report = render_paths(root, sorted(samples.values()), school, jobs=2)
        assert report.failed == []
        for type_id, rel in samples.items():
            outcome = next(o for o in report.outcomes if o.path == rel)
            assert outcome.output is not None
            text = (root / rel).read_text(encoding="utf-8")
            out[(profile, type_id)] = Rendered(root, rel, outcome.output, text)
    return out


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Rendered]:
    return _render_all(tmp_path_factory.mktemp("render"))


def _cases() -> Iterator[tuple[str, str]]:
    for profile in PROFILES:
        rules = (PROJECT / "src/hsdt/data/profiles" / profile / "quy-che.yml").read_text("utf-8")
        for type_id in sorted(set(re.findall(r"^  ([a-z][a-z0-9-]+):$", rules, re.M))):
            yield profile, type_id


CASES = list(_cases())


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


@dataclass(frozen=True)
class Word:
    page: int
    x: float
    y: float
    text: str
    page_width: float


def bbox_words(pdf: Path) -> list[Word]:
    """Every word with its page and position (points from the top left)."""
    xhtml = run("pdftotext", "-bbox", pdf, "-")
    xhtml = re.sub(r"<!DOCTYPE[^>]*>", "", xhtml)
    tree = ET.fromstring(xhtml)
    words = []
    for index, page in enumerate(tree.iter("{http://www.w3.org/1999/xhtml}page")):
        width = float(page.get("width", "0"))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            words.append(
                Word(
                    index,
                    float(word.get("xMin", "0")),
                    float(word.get("yMin", "0")),
                    word.text or "",
                    width,
                )
            )
    return words


def body_words(source: str) -> set[str]:
    """The words of the Markdown body (front matter and Markdown syntax left out)."""
    body = source.split("\n---\n", 1)[1]
    return {w for w in re.findall(r"\w+", body) if not w.isdigit() or len(w) > 1}


@pytest.mark.parametrize(("profile", "type_id"), CASES)
def test_every_word_is_printed_with_its_diacritics(
    rendered: dict[tuple[str, str], Rendered], profile: str, type_id: str
) -> None:
    sample = rendered[(profile, type_id)]
    printed = set(re.findall(r"\w+", run("pdftotext", "-layout", sample.pdf, "-")))
    missing = body_words(sample.source) - printed
    assert missing == set()
    assert any(
        re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", w) for w in printed
    )


@pytest.mark.parametrize(("profile", "type_id"), CASES)
def test_header_places_and_page_numbers(
    rendered: dict[tuple[str, str], Rendered], profile: str, type_id: str
) -> None:
    sample = rendered[(profile, type_id)]
    words = bbox_words(sample.pdf)
    first = [w for w in words if w.page == 0]
    width = first[0].page_width
    top = min(w.y for w in first)
    if type_id.startswith("khbd") or type_id == "bao-giang":
        # Công văn 5512 Phụ lục IV / 2345: school and group left, the teacher right.
        school_word = next(w for w in first if w.text == "Trường:")
        teacher_word = next(w for w in first if w.text == "Họ")
        assert school_word.x < width / 3
        assert teacher_word.x > width / 2
        assert abs(school_word.y - teacher_word.y) < 2
    else:
        national = next(w for w in first if w.text == "CỘNG")
        motto = next(w for w in first if w.text == "Độc")
        school_word = min((w for w in first if w.text == "TRƯỜNG"), key=lambda w: w.y)
        last = next(w for w in first if w.text == "NAM" and abs(w.y - national.y) < 2)
        assert national.x > width * 0.4
        assert last.x > width * 0.75
        assert national.y - top < 5
        assert motto.x > width / 2
        assert motto.y > national.y
        assert school_word.x < width / 2
        assert school_word.y - top < 20
    # No page number on page 1: nothing in the top margin (20 mm) of the first page.
    assert [w.text for w in first if w.y < 20 * MM] == []
    pages = {w.page for w in words}
    if len(pages) > 1:
        # Landscape pages bind on the top edge: their top margin is 30 mm (Nghị định 30/2020).
        numbers = [
            w for w in words if w.page == 1 and w.y < (30 if w.page_width > 700 else 20) * MM
        ]
        assert [w.text for w in numbers] == ["2"]
        assert abs(numbers[0].x - numbers[0].page_width / 2) < 40


@pytest.mark.parametrize(("profile", "type_id"), CASES)
def test_fonts_embedded_source_attached_metadata(
    rendered: dict[tuple[str, str], Rendered],
    profile: str,
    type_id: str,
    tmp_path: Path,
) -> None:
    sample = rendered[(profile, type_id)]
    fonts = run("pdffonts", sample.pdf).splitlines()[2:]
    assert fonts
    for line in fonts:
        columns = line.split()
        assert "LiberationSerif2" in columns[0]
        assert columns[-5] == "yes"  # emb
    run("pdfdetach", "-saveall", "-o", tmp_path, sample.pdf)
    name = sample.rel.rsplit("/", 1)[1]
    assert (tmp_path / name).read_bytes() == (sample.root / sample.rel).read_bytes()
    manifest = Manifest.from_json((tmp_path / MANIFEST_NAME).read_bytes())
    assert manifest.record_id == sample.rel
    assert manifest.type_id == type_id
    import hashlib

    assert manifest.source_sha256 == hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
    school = load_school(sample.root)
    expected = school.policy.types[type_id].signatures
    assert [s.key for s in manifest.slots] == [k for k in expected if k != "con_dau"] + (
        ["con_dau"] if "con_dau" in expected else []
    )
    for slot in manifest.slots:
        x1, y1, x2, y2 = slot.box
        assert 0 < y1 < y2 < 842
        assert x2 - x1 > 20
    info = run("pdfinfo", sample.pdf)
    assert "Custom Metadata: yes" in info
    assert f"Keywords:        hsdt, {type_id}, {profile}" in info
    xmp = run("pdfinfo", "-meta", sample.pdf)
    assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp
    assert manifest.source_sha256 in xmp
    assert "pdfaExtension:schemas" in xmp


def test_signature_titles_follow_the_approval(
    rendered: dict[tuple[str, str], Rendered],
) -> None:
    sample = rendered[("le-khac-can", "kh-giao-vien")]
    text = run("pdftotext", "-layout", sample.pdf, "-")
    assert "HIỆU TRƯỞNG" in text
    assert "TỔ TRƯỞNG" in text
    assert "GIÁO VIÊN" in text
    minutes = run("pdftotext", "-layout", rendered[("le-khac-can", "bien-ban-hop-to")].pdf, "-")
    assert "THƯ KÝ" in minutes
    assert "CHỦ TỌA" in minutes
    plan = run("pdftotext", "-layout", rendered[("le-khac-can", "kh-nha-truong")].pdf, "-")
    assert "Nơi nhận:" in plan


def test_weekly_preschool_table_is_landscape(rendered: dict[tuple[str, str], Rendered]) -> None:
    sample = rendered[("mam-non-hm", "kh-tuan-mn")]
    sizes = re.findall(
        r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-f", "1", "-l", "9", sample.pdf)
    )
    shapes = ["landscape" if float(w) > float(h) else "portrait" for w, h in sizes]
    # Landscape throughout (Nghị định 30/2020 allows a document with tables to be printed
    # along the page's width): a portrait first page would end half empty before the table.
    assert set(shapes) == {"landscape"}
    words = bbox_words(sample.pdf)
    assert any(w.text == "Thứ" for w in words)
