"""The printed record as a principal would sign it, read back from real PDFs with poppler:
the signature block never alone on a page, no page left nearly empty, the landscape weekly
plan without a half-empty portrait page, formulas drawn (not their TeX), the font named, and
the render templates shipped in the wheel."""

from __future__ import annotations

import re
import subprocess
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from hsdt.load.profile import load_school
from hsdt.render.api import render_paths
from hsdt.render.fonts import TIMES, find_fonts
from hsdt.scaffold import init_school
from tests.conftest import PROJECT, Result
from tests.render_samples import write_samples
from tests.test_render import Word, bbox_words, run

PROFILES = ("le-khac-can", "mam-non-hm")
MM = 72 / 25.4

FORMULAS = (
    "\nHai phân số $\\frac{a}{b}$ và $\\frac{c}{d}$ bằng nhau khi $a \\cdot d = b \\cdot c$; "
    "giá vé 50.000$ một em.\n\n$$\n\\frac{1}{2} = \\frac{2}{4} = \\sqrt{x^2+1}\n$$\n\n"
    "Công thức sai: $\\frac{a}{$ cần sửa.\n\nKết thúc bài dạy.\n"
)


@dataclass(frozen=True)
class Printed:
    root: Path
    rel: str
    pdf: Path


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Printed]:
    """Every built-in type of both demo schools, printed; the secondary lesson plan (the one
    whose signature block fell alone on its last page) also carries formulas."""
    base = tmp_path_factory.mktemp("print")
    out: dict[tuple[str, str], Printed] = {}
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
            out[(profile, type_id)] = Printed(root, rel, outcome.output)
    root = base / "le-khac-can"
    rel = out[("le-khac-can", "khbd-trung-hoc")].rel
    formula_rel = rel.replace(".md", "-cong-thuc.md")
    text = (root / rel).read_text(encoding="utf-8") + FORMULAS
    (root / formula_rel).write_text(text, encoding="utf-8")
    report = render_paths(root, [formula_rel], load_school(root), jobs=1)
    assert report.failed == []
    output = report.outcomes[0].output
    assert output is not None
    out[("le-khac-can", "formula")] = Printed(root, formula_rel, output)
    return out


def _cases() -> list[tuple[str, str]]:
    cases = []
    for profile in PROFILES:
        rules = (PROJECT / "src/hsdt/data/profiles" / profile / "quy-che.yml").read_text("utf-8")
        for type_id in sorted(set(re.findall(r"^  ([a-z][a-z0-9-]+):$", rules, re.M))):
            cases.append((profile, type_id))
    return [*cases, ("le-khac-can", "formula")]


def _pages(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) of each page, in points."""
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-l", "99", pdf))
    return [(float(w), float(h)) for w, h in sizes]


def _last_body_word(root: Path, rel: str) -> str:
    body = (root / rel).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    lines = [line for line in body.splitlines() if re.search(r"\w", line)]
    return [t.strip("|.;,") for t in lines[-1].split() if t.strip("|.;,")][-1]


def _first_body_word(root: Path, rel: str) -> str:
    body = (root / rel).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    lines = [line for line in body.splitlines() if re.search(r"\w", line)]
    return lines[0].lstrip("#").split()[0]


def _signature_words(words: list[Word]) -> list[Word]:
    titles = ("TRƯỞNG", "VIÊN", "SOẠN", "LẬP", "KÝ", "TỌA", "CHỦ", "CHỨNG")
    return [w for w in words if w.text in titles]


@pytest.mark.parametrize(("profile", "type_id"), _cases())
def test_signature_block_stays_with_the_end_of_the_body(
    printed: dict[tuple[str, str], Printed], profile: str, type_id: str
) -> None:
    sample = printed[(profile, type_id)]
    words = bbox_words(sample.pdf)
    last_page = max(w.page for w in words)
    last_word = _last_body_word(sample.root, sample.rel)
    body_end = [w for w in words if w.text.strip(".;,") == last_word]
    assert body_end, last_word
    # below the body's start: a title such as "BẢN TỔNG HỢP KÝ DUYỆT" holds a signature word too
    start = _first_body_word(sample.root, sample.rel)
    first_page = min(w.page for w in words)
    top = min((w.y for w in words if w.page == first_page and w.text == start), default=0.0)
    signatures = _signature_words(
        [w for w in words if w.page == last_page and (last_page > first_page or w.y > top)]
    )
    assert signatures, "the signature titles are on the last page"
    assert max(w.page for w in body_end) == last_page
    assert min(w.y for w in signatures) > max(w.y for w in body_end if w.page == last_page)


@pytest.mark.parametrize(("profile", "type_id"), _cases())
def test_no_page_under_a_fifth_full_but_the_last(
    printed: dict[tuple[str, str], Printed], profile: str, type_id: str
) -> None:
    sample = printed[(profile, type_id)]
    words = bbox_words(sample.pdf)
    pages = _pages(sample.pdf)
    for index, size in enumerate(pages[:-1]):
        filled = _filled(words, index, size)
        assert filled > 0.2, f"page {index + 1} is {filled:.0%} full"


def test_weekly_preschool_plan_prints_landscape_without_a_half_empty_page(
    printed: dict[tuple[str, str], Printed],
) -> None:
    sample = printed[("mam-non-hm", "kh-tuan-mn")]
    pages = _pages(sample.pdf)
    assert all(w > h for w, h in pages), pages
    words = bbox_words(sample.pdf)
    # Before, page 1 was portrait and half empty, the table alone on landscape page 2. Now the
    # first page, landscape, is filled down to where the table's first row no longer fits.
    assert _filled(words, 0, pages[0]) > 0.6
    assert any(w.text == "Thứ" for w in words if w.page == 1)


def _filled(words: list[Word], index: int, size: tuple[float, float]) -> float:
    """How far down its writing area page ``index`` is written (0 to 1)."""
    width, height = size
    top = 30 * MM if width > height else 20 * MM
    on_page = [w for w in words if w.page == index]
    assert on_page, f"page {index + 1} is empty"
    return (max(w.y for w in on_page) - top) / (height - top - 20 * MM)


def test_formulas_are_drawn_not_their_source(printed: dict[tuple[str, str], Printed]) -> None:
    sample = printed[("le-khac-can", "formula")]
    text = run("pdftotext", "-layout", sample.pdf, "-")
    assert "Hai phân số" in text
    assert "\\frac{a}{b}" not in text
    assert "\\cdot" not in text
    assert "sqrt" not in text
    assert "giá vé 50.000$ một em" in text
    assert "Công thức lỗi: \\frac{a}{" in text
    # The drawn formulas are paths: the page holding them has more ink where the text left
    # gaps. Compare against the same page with the formulas' sentence removed.
    words = bbox_words(sample.pdf)
    hai = next(w for i, w in enumerate(words) if w.text == "Hai" and words[i + 1].text == "phân")
    row = sorted((w for w in words if w.page == hai.page and abs(w.y - hai.y) < 3), key=_x)
    texts = [w.text for w in row]
    # The fraction is drawn between "số" and "và": the words leave room for it, and that
    # room holds ink.
    so, va = row[texts.index("số")], row[texts.index("và")]
    assert va.x - so.x > 25
    assert _ink(sample.pdf, hai.page, so.x + 14, va.x - 2, hai.y) > 0.05


def _x(word: Word) -> float:
    return word.x


def _ink(pdf: Path, page: int, x1: float, x2: float, y: float) -> float:
    """Share of dark pixels between ``x1`` and ``x2`` on the line at ``y`` (points; 72 dpi)."""
    crop = [
        *("-f", str(page + 1), "-l", str(page + 1), "-r", "72", "-gray"),
        *("-x", str(int(x1)), "-y", str(int(y) - 6), "-W", str(int(x2 - x1)), "-H", "24"),
    ]
    pgm = subprocess.run(["pdftoppm", *crop, str(pdf)], check=True, capture_output=True).stdout
    pixels = pgm.split(maxsplit=4)[4]
    return sum(1 for p in pixels if p < 128) / max(1, len(pixels))


def test_render_reports_the_broken_formula_with_file_and_line(
    cli: Callable[..., Result], printed: dict[tuple[str, str], Printed]
) -> None:
    sample = printed[("le-khac-can", "formula")]
    lines = (sample.root / sample.rel).read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(lines, 1) if t.startswith("Công thức sai"))
    done = cli("render", sample.rel, "--jobs", "1", cwd=sample.root)
    assert done.code == 1
    assert f"{sample.rel}:{line}: [cong-thuc] công thức $\\frac{{a}}{{$ không dịch được" in done.err
    assert "Phông chữ: Liberation Serif" in done.err


def test_liberation_serif_is_named_when_times_new_roman_is_absent(
    printed: dict[tuple[str, str], Printed],
) -> None:
    sample = printed[("le-khac-can", "khbd-tieu-hoc")]
    assert re.search(r"^HsdtFont:\s+Liberation Serif$", run("pdfinfo", "-custom", sample.pdf), re.M)
    names = [line.split()[0] for line in run("pdffonts", sample.pdf).splitlines()[2:]]
    assert names
    assert all("LiberationSerif2" in n for n in names)


def _times_copy(folder: Path) -> None:
    """A "Times New Roman" family: Liberation Serif 2 (same metrics, OFL) renamed, made at
    test time so that no font file is committed."""
    from fontTools.ttLib import TTFont

    folder.mkdir(parents=True, exist_ok=True)
    styles = {
        "regular": "Regular",
        "bold": "Bold",
        "italic": "Italic",
        "bold-italic": "Bold Italic",
    }
    for face, path in find_fonts().files:
        font = TTFont(path)
        style = styles[face]
        table = font["name"]
        for record in list(table.names):
            if record.nameID in (1, 4, 6, 16, 17):
                table.removeNames(nameID=record.nameID)
        table.setName(TIMES, 1, 3, 1, 0x409)
        table.setName(style, 2, 3, 1, 0x409)
        table.setName(f"{TIMES} {style}".replace(" Regular", ""), 4, 3, 1, 0x409)
        table.setName(f"TimesNewRomanPS-{style.replace(' ', '')}", 6, 3, 1, 0x409)
        font.save(folder / f"times-{face}.ttf")
        font.close()


def test_times_new_roman_from_the_profile_font_folder(
    cli: Callable[..., Result], tmp_path: Path, make_school: Callable[..., Path]
) -> None:
    root = make_school()
    _times_copy(root / "fonts")
    profile = root / "schools" / "le-khac-can" / "truong.yml"
    if not profile.is_file():
        profile = next(root.glob("schools/*/truong.yml"))
    profile.write_text(
        profile.read_text(encoding="utf-8") + "in_an:\n  thu_muc_phong: fonts/\n", "utf-8"
    )
    samples = write_samples(root, ["khbd-tieu-hoc"])
    rel = samples["khbd-tieu-hoc"]
    find_fonts.cache_clear()
    try:
        done = cli("render", rel, "--jobs", "1", "-o", str(tmp_path / "out"), cwd=root)
        assert done.code == 0, done.err
        assert "Phông chữ: Times New Roman" in done.err
        pdf = next((tmp_path / "out").rglob("*.pdf"))
        names = [line.split()[0] for line in run("pdffonts", pdf).splitlines()[2:]]
        assert names
        assert all("TimesNewRoman" in n for n in names)
        assert re.search(r"^HsdtFont:\s+Times New Roman$", run("pdfinfo", "-custom", pdf), re.M)
        words = set(re.findall(r"\w+", run("pdftotext", pdf, "-")))
        assert {"Trường", "Họ", "tên", "giáo", "viên"} <= words
    finally:
        find_fonts.cache_clear()


def test_times_new_roman_found_by_fontconfig(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fonts = tmp_path / "fonts"
    _times_copy(fonts)
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    find_fonts.cache_clear()
    try:
        found = find_fonts()
        assert found.name == TIMES
        assert [p.parent for _, p in found.files] == [fonts] * 4
        assert [face for face, _ in found.files] == ["regular", "bold", "italic", "bold-italic"]
        assert "TimesNewRoman" in found.stylesheet('html { font-family: "LiberationSerif2"; }')
    finally:
        monkeypatch.delenv("FONTCONFIG_FILE")
        find_fonts.cache_clear()
    assert find_fonts().name == "Liberation Serif"


def test_a_font_folder_outside_the_repository_is_refused(
    cli: Callable[..., Result], make_school: Callable[..., Path]
) -> None:
    root = make_school()
    profile = next(root.glob("schools/*/truong.yml"))
    profile.write_text(
        profile.read_text(encoding="utf-8") + "in_an:\n  thu_muc_phong: ../fonts\n", "utf-8"
    )
    done = cli("types", cwd=root)
    assert done.code != 0
    assert "in_an.thu_muc_phong phải là một thư mục trong kho" in done.err


def test_render_templates_are_package_data() -> None:
    # An installed (non-editable) hsdt must carry its page templates and stylesheet.
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["hsdt"]
    package = PROJECT / "src" / "hsdt"
    shipped = {p for pattern in globs for p in package.glob(pattern) if p.is_file()}
    data = {
        p
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }
    assert data - shipped == set()
    assert package / "render" / "templates" / "record.css" in shipped


def test_demo_lesson_plan_no_longer_leaves_its_signatures_alone(
    make_school: Callable[..., Path],
) -> None:
    # The demo week's lesson plan used to print its signature block alone on page 3.
    from tests.conftest import write
    from tests.samples import LESSON_REL, lesson_text

    root = make_school()
    write(root, LESSON_REL, lesson_text())
    report = render_paths(root, [LESSON_REL], load_school(root), jobs=1)
    pdf = report.outcomes[0].output
    assert pdf is not None
    words = bbox_words(pdf)
    last = max(w.page for w in words)
    on_last = [w.text for w in words if w.page == last]
    assert "TRƯỞNG" in on_last
    assert "SOẠN" in on_last
    assert "thực" in on_last
    assert "sau." in on_last
