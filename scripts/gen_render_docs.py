"""Regenerate docs/img/mau/<type>.png: page 1 of a realistic record of every built-in type, as
hsdt prints it, so schools see what they get; and docs/img/cong-thuc.png, the formulas of a
lesson plan as printed. Run after changing a template or the CSS:

    .venv/bin/python scripts/gen_render_docs.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from tests.render_samples import write_samples  # noqa: E402

from hsdt.load.profile import load_school  # noqa: E402
from hsdt.render.api import render_paths  # noqa: E402
from hsdt.scaffold import init_school  # noqa: E402

OUT = PROJECT / "docs" / "img" / "mau"
FORMULA_PICTURE = PROJECT / "docs" / "img" / "cong-thuc.png"
FORMULAS = (
    "\nHai phân số $\\frac{a}{b}$ và $\\frac{c}{d}$ bằng nhau khi $a \\cdot d = b \\cdot c$; "
    "giá vé 50.000$ một em.\n\n$$\n\\frac{1}{2} = \\frac{2}{4} = \\frac{3}{6}, \\quad "
    "x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\n$$\n\n"
    "Công thức viết sai: $\\frac{a}{$ được in thành ô đỏ.\n\n"
    "Học sinh ghi vở các ví dụ trên và làm bài tập 1, 2 trang 12 sách giáo khoa.\n\n"
    "Giáo viên nhận xét, đánh giá tiết học và dặn dò học sinh chuẩn bị bài sau.\n"
)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    done: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for profile in ("le-khac-can", "mam-non-hm"):
            root = Path(tmp) / profile
            init_school(root, profile)
            samples = {t: r for t, r in write_samples(root).items() if t not in done}
            report = render_paths(root, sorted(samples.values()), load_school(root), jobs=2)
            for type_id, rel in samples.items():
                outcome = next(o for o in report.outcomes if o.path == rel)
                if outcome.output is None:
                    print(f"{type_id}: {outcome.error}", file=sys.stderr)
                    return 1
                prefix = OUT / type_id
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                     str(outcome.output), str(prefix)],
                    check=True,
                )  # fmt: skip
                done.add(type_id)
                print(f"{prefix.relative_to(PROJECT)}.png")
            if profile == "le-khac-can":
                _formula_picture(root, samples["khbd-trung-hoc"])
    return 0


def _formula_picture(root: Path, lesson: str) -> None:
    """The lines of a lesson plan holding formulas, cropped from its printed page."""
    import re

    rel = lesson.replace(".md", "-cong-thuc.md")
    text = (root / lesson).read_text(encoding="utf-8") + FORMULAS
    (root / rel).write_text(text, encoding="utf-8")
    report = render_paths(root, [rel], load_school(root), jobs=1)
    pdf = report.outcomes[0].output
    assert pdf is not None
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = bbox.split("<page ")[1:]
    index = next(i for i, page in enumerate(pages) if ">Hai</word>" in page)
    top = float(re.findall(r'yMin="([\d.]+)"[^>]*>Hai</word>', pages[index])[0])
    bottom = float(re.findall(r'yMax="([\d.]+)"[^>]*>đỏ.</word>', pages[index])[-1])
    scale = 110 / 72
    subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-f", str(index + 1), "-l", str(index + 1),
         "-x", str(int(70 * scale)), "-y", str(int((top - 8) * scale)),
         "-W", str(int(480 * scale)), "-H", str(int((bottom - top + 16) * scale)),
         "-singlefile", str(pdf), str(FORMULA_PICTURE.with_suffix(""))],
        check=True,
    )  # fmt: skip
    print(FORMULA_PICTURE.relative_to(PROJECT))


if __name__ == "__main__":
    raise SystemExit(main())
