"""Imported records print: every word of the Word document's content is in the PDF, and its
image is drawn."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.importer.pipeline import ImportOptions, Status, import_file
from hsdt.load.profile import load_school
from hsdt.model.timeutil import VN_TZ
from tests import docx_corpus as corpus

AT = datetime(2025, 10, 7, 20, 0, tzinfo=VN_TZ)

SAMPLES: dict[str, tuple[str, Callable[[Path], corpus.Sample]]] = {
    "5512": ("le-khac-can", corpus.lesson_5512),
    "2345": ("le-khac-can", corpus.lesson_2345),
    "mam-non-tuan": ("mam-non-hm", corpus.week_plan_preschool),
    "bien-ban": ("le-khac-can", corpus.minutes),
    "o-gop": ("le-khac-can", lambda p: corpus.lesson_5512(p, merged=True)),
    "hinh-cong-thuc": ("le-khac-can", lambda p: corpus.lesson_5512(p, figure=True)),
}


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold()))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_pdf_of_an_imported_record_keeps_the_documents_text(
    make_school: Callable[..., Path], tmp_path: Path, name: str
) -> None:
    from hsdt.render.api import render_record

    profile, make = SAMPLES[name]
    root = make_school(profile)
    sample = make(tmp_path / f"{name}.docx")
    school = load_school(root)
    options = ImportOptions(author_email="toan02@lkc.truong-mau.example", at=AT)
    report = import_file(root, school, sample.path, options)
    assert report.problems == ()
    assert report.status is Status.CREATED
    assert report.path is not None
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(render_record(root, report.path, school).data)
    printed = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    wanted = _words(" ".join(sample.body))
    assert wanted, "the sample has content"
    assert wanted - _words(printed) == Counter()
    if name == "hinh-cong-thuc":
        images = subprocess.run(
            ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
        ).stdout.splitlines()[2:]
        assert any(line.split()[3:5] == ["24", "12"] for line in images), images
