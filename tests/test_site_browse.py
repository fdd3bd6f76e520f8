"""The archive's browsing pages from page models: weeks dated from the school calendar, a
group's records under its shared folder, types linking to teachers' lists, the latest first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from hsdt.load.profile import load_school
from hsdt.model.timeutil import VN_TZ
from hsdt.site.browse import LATEST, home, listings
from hsdt.site.html import listing_html
from hsdt.site.model import RecordPage
from hsdt.site.urls import NO_OWNER


def page(
    n: int,
    *,
    owner: str | None = "gv-toan-02",
    type_id: str = "khbd-trung-hoc",
    week: int | None = 6,
) -> RecordPage:
    parts = ("ho-so", "2025-2026", "to-khtn", owner or NO_OWNER, type_id, f"bai-{n:03d}")
    return RecordPage(
        path=f"records/2025-2026/to-khtn/{owner + '/' if owner else ''}{type_id}/bai-{n:03d}.md",
        parts=parts,
        title=f"Bài {n}",
        year="2025-2026",
        group="to-khtn",
        group_name="Tổ KHTN",
        owner=owner,
        owner_name="Đỗ Thị Tạm" if owner else "Tổ KHTN",
        type_id=type_id,
        type_name="Kế hoạch bài dạy" if type_id.startswith("khbd") else "Kế hoạch dạy học",
        week=week,
        day=date(2025, 10, 16),
        fields=(),
        body_html="",
        approvals=(),
        approved_at=datetime(2025, 10, 1, tzinfo=VN_TZ) + timedelta(hours=n),
        pdf="",
        pdf_blob="",
        pdf_published=True,
    )


def test_pages_for_year_group_teacher_type_week_and_type(make_school: Callable[..., Path]) -> None:
    school = load_school(make_school())
    pages = [page(1), page(2), page(3, owner=None, type_id="kh-day-hoc-to", week=None)]
    made = {"/".join(x.parts): x for x in listings(pages, school)}
    assert set(made) == {
        "ho-so/2025-2026",
        "ho-so/2025-2026/to-khtn",
        "ho-so/2025-2026/to-khtn/gv-toan-02",
        "ho-so/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc",
        "ho-so/2025-2026/to-khtn/_chung",
        "ho-so/2025-2026/to-khtn/_chung/kh-day-hoc-to",
        "ho-so/tuan/2025-2026",
        "ho-so/tuan/2025-2026/06",
        "ho-so/loai",
        "ho-so/loai/khbd-trung-hoc",
        "ho-so/loai/kh-day-hoc-to",
    }
    monday = school.calendar_for("2025-2026").week_monday(6)  # type: ignore[union-attr]
    week = made["ho-so/tuan/2025-2026/06"]
    assert week.title == f"Tuần 6 ({monday:%d/%m/%Y} – {monday + timedelta(days=6):%d/%m/%Y})"
    assert [r.title for r in week.records] == ["Bài 1", "Bài 2"]
    group = made["ho-so/2025-2026/to-khtn"]
    assert [(li.text, li.note) for li in group.links] == [
        ("Hồ sơ chung của Tổ KHTN", "1 hồ sơ"),
        ("Đỗ Thị Tạm", "2 hồ sơ"),
    ]
    by_type = made["ho-so/loai/khbd-trung-hoc"]
    assert by_type.records == ()
    html = listing_html(by_type)
    assert 'href="../../2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/"' in html
    lesson_list = listing_html(made["ho-so/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc"])
    assert 'href="bai-001/">Bài 1</a>' in lesson_list


def test_home_shows_the_latest_first(make_school: Callable[..., Path]) -> None:
    school = load_school(make_school())
    pages = [page(n) for n in range(LATEST + 5)]
    shown = home(pages, school)
    assert len(shown.records) == LATEST
    assert shown.records[0].title == f"Bài {LATEST + 4}"
    assert shown.title == school.name
    assert shown.intro == f"Thực hiện theo {school.policy.regulation}"
    assert [heading for heading, _links in shown.sections] == ["Theo tuần", "Theo loại hồ sơ"]


def test_posts_get_their_own_page_and_a_home_section(make_school: Callable[..., Path]) -> None:
    school = load_school(make_school())
    posts = [page(n, owner=None, type_id="bai-viet-website", week=None) for n in range(8)]
    lessons = [page(n) for n in range(20, 23)]
    shown = home([*lessons, *posts], school)
    # posts are among the latest publications like any other record
    assert [r.title for r in shown.records[:5]] == ["Bài 22", "Bài 21", "Bài 20", "Bài 7", "Bài 6"]
    headings = [heading for heading, _links in shown.sections]
    assert headings == ["Bài viết", "Theo tuần", "Theo loại hồ sơ"]
    section = dict(shown.sections)["Bài viết"]
    # the five newest posts, newest first, then the way to all eight
    assert [li.text for li in section] == [
        *(f"Bài {n}" for n in (7, 6, 5, 4, 3)),
        "Tất cả bài viết",
    ]
    assert (section[-1].parts, section[-1].note) == (("ho-so", "bai-viet"), "8 bài viết")
    assert section[0].note == "16/10/2025"
    made = {"/".join(x.parts): x for x in listings([*lessons, *posts], school)}
    every = made["ho-so/bai-viet"]
    assert every.title == "Bài viết"
    assert [r.title for r in every.records] == [f"Bài {n}" for n in range(7, -1, -1)]
    assert 'href="../2025-2026/to-khtn/_chung/bai-viet-website/bai-007/">Bài 7</a>' in (
        listing_html(every)
    )
    # a site without posts has neither
    assert "ho-so/bai-viet" not in {"/".join(x.parts) for x in listings(lessons, school)}
