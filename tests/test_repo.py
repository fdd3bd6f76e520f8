"""Which paths of a school repository are records, and which are a record's pictures."""

from __future__ import annotations

import pytest

from hsdt.repo import is_record_path, record_of_image

REC = "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/bai-1"


def test_a_record_is_markdown_under_records() -> None:
    assert is_record_path(f"{REC}.md")
    assert not is_record_path("docs/bai-1.md")
    assert not is_record_path(f"{REC}.pdf")
    assert not is_record_path("records.md")
    assert not is_record_path("xrecords/a.md")
    assert is_record_path("records/a.md")
    assert not is_record_path("records/2025-2026/README.md")  # a folder's guide, not a record


@pytest.mark.parametrize("name", ["hinh-01.png", "hinh-02.JPG", "a.jpeg", "b.gif", "c.webp"])
def test_a_picture_in_the_records_own_folder_belongs_to_it(name: str) -> None:
    assert record_of_image(f"{REC}-hinh/{name}") == f"{REC}.md"


@pytest.mark.parametrize(
    "rel",
    [
        f"{REC}-hinh/hinh-01.svg",  # may carry scripts
        f"{REC}-hinh/.png",  # no name
        f"{REC}-hinh/hinh-01",  # no suffix
        f"{REC}/hinh-01.png",  # not a pictures folder
        "records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/-hinh/hinh-01.png",  # no record
        "docs/bai-1-hinh/hinh-01.png",  # outside records/
        f"{REC}-hinh/sub/hinh-01.png",  # nested deeper
        "hinh-01.png",
    ],
)
def test_anything_else_is_no_records_picture(rel: str) -> None:
    assert record_of_image(rel) is None
