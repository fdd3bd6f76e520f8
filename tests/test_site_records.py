"""A published record's page model and its HTML: personal and undeclared fields never shown,
a filled personal field withholds the PDF, the body goes through the PDF's sanitiser, and a
hostile file name is escaped and percent-encoded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.load.profile import load_school
from hsdt.model.school import Role
from hsdt.model.timeutil import VN_TZ
from hsdt.render.markup import to_html
from hsdt.site.html import record_html
from hsdt.site.records import NotPublishable, record_page
from hsdt.site.shell import SLOT_MARK, TITLE_MARK, Shell
from hsdt.workflow.evidence import ApprovalEvidence, Source
from hsdt.workflow.status import RecordStatus, State
from tests.samples import LESSON_REL, lesson_text, lesson_with
from tests.test_site_build import Elements

AT = datetime(2025, 10, 13, 9, 0, tzinfo=VN_TZ)


def status(path: str = LESSON_REL) -> RecordStatus:
    evidence = ApprovalEvidence(
        path, "gv-toan-01", Role.GROUP_HEAD, AT, "c0ffee", Source.SSH_MERGE, "c0ffee"
    )
    return RecordStatus(path, State.PUBLISHED, approvals=(evidence,), signed_pdf="signatures/x.pdf")


def shell(depth: int = 6) -> Shell:
    url = "ho-so/" + "_mau/" * (depth - 1)
    text = (
        f'<html><head><meta charset="utf-8"><title>{TITLE_MARK} - Trường</title>'
        f'<link rel="canonical" href="https://truong.example/{url}"></head>'
        f"<body><h2>{TITLE_MARK}</h2>{SLOT_MARK}</body></html>"
    )
    return Shell.from_html(depth, text)


@pytest.fixture
def school_root(make_school: Callable[..., Path]) -> Path:
    return make_school()


def test_personal_and_undeclared_fields_are_never_shown(school_root: Path) -> None:
    school = load_school(school_root)
    text = lesson_with(hoc_sinh_can_ho_tro="[Lò Văn Riêng]", ma_so_bi_mat="KHONGKHAIBAO")
    page = record_page(status(), text.encode(), school, "blob")
    assert not page.pdf_published
    labels = [f.label for f in page.fields]
    assert "ngày dạy" in labels
    assert not [label for label in labels if "học sinh" in label]
    html = record_html(page, None, school)
    assert "Lò Văn Riêng" not in html
    assert "KHONGKHAIBAO" not in html
    assert 'href="ban-ky.pdf"' not in html
    assert "dữ liệu cá nhân của học sinh" in html


def test_a_record_without_personal_data_offers_its_pdf(school_root: Path) -> None:
    school = load_school(school_root)
    page = record_page(status(), lesson_text().encode(), school, "blob")
    assert page.pdf_published
    assert page.owner_name == "Đỗ Thị Tạm"
    assert page.week == 6
    assert [(a.name, a.role) for a in page.approvals] == [("Hoàng Văn Giả Định", "tổ trưởng")]
    assert 'href="ban-ky.pdf" download' in record_html(page, None, school)


def test_body_is_sanitised_like_the_pdf(school_root: Path) -> None:
    school = load_school(school_root)
    body = (
        "\n\n<script>alert(1)</script><iframe src='https://x'></iframe><b onclick='x()'>đậm</b>\n"
    )
    page = record_page(status(), (lesson_text() + body).encode(), school, "blob")
    assert page.body_html == to_html(lesson_text().split("\n---\n", 1)[1] + body)
    assert "<script" not in page.body_html
    assert "<iframe" not in page.body_html
    assert "<b>đậm</b>" in page.body_html


def test_hostile_file_name_is_escaped_and_encoded(school_root: Path) -> None:
    school = load_school(school_root)
    name = 'x"><script>alert(1)<img src=y onerror=alert(2)>'
    rel = f"records/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/{name}.md"
    text = lesson_with(tieu_de="''")  # an empty title: the file name is shown instead
    page = record_page(status(rel), text.encode(), school, "blob")
    assert page.title == name
    out = shell().fill(page.parts, page.title, record_html(page, None, school))
    parsed = Elements()
    parsed.feed(out)
    assert [t for t, _ in parsed.tags if t in ("script", "img")] == []
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
    assert "x%22%3E%3Cscript%3Ealert%281%29%3Cimg%20src%3Dy" in out  # the canonical URL
    assert "<title>x&quot;&gt;&lt;script&gt;" in out


@pytest.mark.parametrize(
    "rel",
    [
        "records/2025-2026/to-khtn/../khbd-trung-hoc/x.md",
        "records/2025-2026/.git/gv-toan-02/khbd-trung-hoc/x.md",
        "notes/x.md",
    ],
)
def test_unsafe_paths_are_not_published(school_root: Path, rel: str) -> None:
    with pytest.raises(NotPublishable):
        record_page(status(rel), lesson_text().encode(), load_school(school_root), "blob")


def test_the_page_names_the_state_in_the_school_words(school_root: Path) -> None:
    """The site shows the state through :func:`hsdt.workflow.labels.status_label`: the
    neutral "đã công bố", or the school's own word for it (``ten_trang_thai``)."""
    school = load_school(school_root)
    page = record_page(status(), lesson_text().encode(), school, "blob")
    assert page.state_label == "đã công bố"
    assert "<dt>Trạng thái</dt><dd>đã công bố</dd>" in record_html(page, None, school)
    rules = school_root / "schools" / "le-khac-can" / "quy-che.yml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(
        text.replace("buoc_1: đã kiểm tra,", "buoc_1: đã kiểm tra, da_cong_bo: đã đăng,", 1),
        encoding="utf-8",
    )
    renamed = load_school(school_root)
    page = record_page(status(), lesson_text().encode(), renamed, "blob")
    assert "<dt>Trạng thái</dt><dd>đã đăng</dd>" in record_html(page, None, renamed)
