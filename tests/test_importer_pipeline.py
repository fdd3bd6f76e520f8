"""``hsdt import`` end to end on generated Word documents: records that pass ``hsdt check``
(or reports saying exactly what is missing), never an overwrite, nothing written by a dry run,
bad input reported without a traceback."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hsdt.check import check_paths
from hsdt.importer.pipeline import (
    UNMAPPED_HEADING,
    ImportOptions,
    ImportReport,
    Status,
    import_file,
    import_paths,
)
from hsdt.load.frontmatter import parse_front_matter
from hsdt.load.profile import load_school
from hsdt.model.timeutil import VN_TZ
from tests import docx_corpus as corpus
from tests.conftest import Result

# a Tuesday: the lessons of Monday 13 October are due by the Wednesday batch before it
AT = datetime(2025, 10, 7, 20, 0, tzinfo=VN_TZ)
TOAN02 = "toan02@lkc.truong-mau.example"


def _import(root: Path, file: Path, **options: object) -> ImportReport:
    opts = ImportOptions(at=AT, **options)  # type: ignore[arg-type]
    return import_file(root, load_school(root), file, opts)


def _meta(root: Path, report: ImportReport) -> dict[str, object]:
    assert report.path is not None
    text = (root / report.path).read_text(encoding="utf-8")
    return dict(parse_front_matter(text, report.path).meta)


def _passes_check(root: Path, report: ImportReport, at: datetime = AT) -> None:
    """The record rules in the report found nothing, and neither does ``hsdt check`` of the
    record submitted at ``at`` (the submission rules too)."""
    assert report.path is not None
    assert report.problems == ()
    assert check_paths(root, [root / report.path], at=at).problems == ()


def test_a_5512_lesson_plan_with_bold_headings(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    report = _import(root, corpus.lesson_5512(tmp_path / "giao-an.docx").path)
    assert report.status is Status.CREATED
    assert report.guess is not None
    assert report.type_id == "khbd-trung-hoc"
    assert (report.guess.matched, report.guess.total) == (26, 26)
    assert report.path == (
        "records/2025-2026/to-khtn/gv-toan-01/khbd-trung-hoc/"
        "2025-10-13-phan-so-voi-tu-va-mau-la-so-nguyen.md"
    )
    meta = _meta(root, report)
    assert {k: str(v) for k, v in meta.items()} == {
        "loai": "khbd-trung-hoc",
        "nam_hoc": "2025-2026",
        "tieu_de": "Phân số với tử và mẫu là số nguyên",
        "to": "to-khtn",
        "giao_vien": "gv-toan-01",
        "mon": "Toán",
        "lop": "6A",
        "ngay_day": "2025-10-13",
        "so_tiet": "2",
        "tuan": "6",
    }
    assert report.missing_sections == ()
    assert report.missing_fields == ()
    assert report.unmapped == ()
    assert report.unread == ()
    _passes_check(root, report)
    text = report.text
    assert "### Hoạt động 1: Mở đầu (Xác định vấn đề)\n\n#### a) Mục tiêu\n\nHọc sinh đạt" in text
    assert "**Năng lực chung:** tự chủ" in text  # bold kept
    assert "1.  Giáo viên: máy chiếu" in text  # numbered list kept
    assert "| Hoạt động của giáo viên và học sinh | Sản phẩm dự kiến |" in text


def test_a_2345_primary_lesson_plan_with_upper_case_headings(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    report = _import(root, corpus.lesson_2345(tmp_path / "tv2.docx").path)
    assert report.type_id == "khbd-tieu-hoc"
    assert [h.section for h in report.headings] == [
        "I. Yêu cầu cần đạt",
        "II. Đồ dùng dạy học",
        "III. Các hoạt động dạy học chủ yếu",
        "IV. Điều chỉnh sau bài dạy (nếu có)",
    ]
    meta = _meta(root, report)
    assert meta["giao_vien"] == "gv-th-01"
    assert meta["to"] == "to-tieu-hoc"
    assert meta["tieu_de"] == "Bài 12: đọc – ngôi trường mới"
    assert (meta["tuan"], meta["so_tiet"], str(meta["ngay_day"])) == (7, 2, "2025-10-20")
    assert [n.key for n in report.notes] == ["import.layout_line"]  # "KẾ HOẠCH BÀI DẠY"
    _passes_check(root, report)


def test_a_preschool_weekly_plan_as_a_weekday_by_activity_table(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("mam-non-hm")
    report = _import(root, corpus.week_plan_preschool(tmp_path / "tuan6.docx").path)
    assert report.type_id == "kh-tuan-mn"
    meta = _meta(root, report)
    assert meta["tieu_de"] == meta["chu_de"] == "Trường mầm non của bé"
    assert (str(meta["tu_ngay"]), str(meta["den_ngay"])) == ("2025-10-13", "2025-10-17")
    assert meta["nhom_lop"] == "Mẫu giáo lớn 5-6 tuổi A1"
    assert meta["tuan"] == 6
    assert "| Hoạt động | Thứ Hai | Thứ Ba | Thứ Tư | Thứ Năm | Thứ Sáu |" in report.text
    assert "| Trả trẻ | Trả trẻ thứ hai |" in report.text
    # the school's rule: weekly plans are submitted on Saturday or Sunday
    _passes_check(root, report, at=datetime(2025, 10, 11, 20, 0, tzinfo=VN_TZ))


def test_group_meeting_minutes(make_school: Callable[..., Path], tmp_path: Path) -> None:
    root = make_school("le-khac-can")
    report = _import(root, corpus.minutes(tmp_path / "bb.docx").path, author_email=TOAN02)
    assert report.type_id == "bien-ban-hop-to"
    meta = _meta(root, report)
    assert {k: str(v) for k, v in meta.items() if k != "thanh_phan"} == {
        "loai": "bien-ban-hop-to",
        "nam_hoc": "2025-2026",
        "tieu_de": "Họp tổ chuyên môn tháng 10",
        "to": "to-khtn",
        "nguoi_lap": "gv-toan-02",
        "ngay_hop": "2025-10-15",
        "gio_bat_dau": "14:00",
        "dia_diem": "Phòng họp tổ Khoa học tự nhiên",
        "chu_tri": "gv-toan-01",
        "thu_ky": "gv-toan-02",
    }
    assert meta["thanh_phan"] == ["gv-toan-01", "gv-toan-02", "gv-toan-03"]
    assert [n.render("vi") for n in report.notes] == [
        "bỏ dòng 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM': mẫu in của hồ sơ tự in dòng này",
        "bỏ dòng 'Độc lập - Tự do - Hạnh phúc': mẫu in của hồ sơ tự in dòng này",
        "bỏ dòng 'BIÊN BẢN': mẫu in của hồ sơ tự in dòng này",
    ]
    # minutes are submitted after the meeting
    _passes_check(root, report, at=datetime(2025, 10, 16, 20, 0, tzinfo=VN_TZ))


def test_merged_cells_become_a_sanitised_html_table(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    report = _import(root, corpus.lesson_5512(tmp_path / "m.docx", merged=True).path)
    text = report.text
    assert '<th colspan="2">Tiết 1</th>' in text
    assert '<td rowspan="2">Khái niệm phân số</td>' in text
    table = text[text.index("<table>") : text.index("</table>")]
    assert "style" not in table
    assert "colgroup" not in table
    assert "\n\n" not in table
    _passes_check(root, report)


def test_an_image_beside_the_record_and_a_formula_as_tex(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    report = _import(root, corpus.lesson_5512(tmp_path / "f.docx", figure=True).path)
    assert report.path is not None
    stem = Path(report.path).stem
    assert report.images == (f"{Path(report.path).parent.as_posix()}/{stem}-hinh/hinh-01.png",)
    assert (root / report.images[0]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"![]({stem}-hinh/hinh-01.png)" in report.text
    assert "Công thức tổng quát: $\\frac{a}{b}$" in report.text
    _passes_check(root, report)


def test_a_second_import_of_the_same_file_says_it_is_already_there(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    file = corpus.lesson_5512(tmp_path / "a.docx").path
    first = _import(root, file)
    copy = tmp_path / "renamed" / "ban-sao.docx"
    copy.parent.mkdir()
    copy.write_bytes(file.read_bytes())
    again = _import(root, copy)
    assert (again.status, again.path) == (Status.EXISTS, first.path)
    folder = root / Path(first.path or "").parent
    assert [p.name for p in folder.iterdir()] == [Path(first.path or "").name]


def test_a_different_document_never_overwrites_a_record_at_the_same_place(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    first = _import(root, corpus.lesson_5512(tmp_path / "a.docx").path)
    other = corpus.lesson_5512(tmp_path / "b.docx", paragraphs=1).path
    second = _import(root, other)
    assert second.status is Status.CREATED
    assert first.path is not None
    assert second.path == first.path.replace(".md", "-2.md")
    assert (root / first.path).read_text(encoding="utf-8") == first.text


def test_dry_run_writes_nothing_and_still_reports_the_check(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    report = _import(root, corpus.lesson_5512(tmp_path / "a.docx", figure=True).path, dry_run=True)
    assert report.status is Status.PLANNED
    assert report.problems == ()
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before


def test_missing_sections_and_values_are_reported_exactly(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    w = corpus._Writer()
    w.line("Giáo viên: Hoàng Văn Giả Định", keep=False)
    w.line("Ghi chú đầu bài: soạn lại từ năm trước.")
    w.bold("I. MỤC TIÊU")
    w.bold("1. Về kiến thức")
    w.line("Biết cộng phân số.")
    w.bold("II. THIẾT BỊ DẠY HỌC VÀ HỌC LIỆU")
    w.line("Phiếu học tập.")
    report = _import(root, w.save(tmp_path / "thieu.docx").path, type_id="khbd-trung-hoc")
    assert report.guess is None
    assert report.missing_sections[:3] == (
        "2. Về năng lực",
        "3. Về phẩm chất",
        "III. Tiến trình dạy học",
    )
    assert report.missing_fields == (
        "mon (môn học / hoạt động giáo dục)",
        "lop (lớp)",
        "ngay_day (ngày dạy)",
        "so_tiet (thời gian thực hiện (số tiết))",
    )
    assert report.unmapped == ("Ghi chú đầu bài: soạn lại từ năm trước.",)
    assert f"## {UNMAPPED_HEADING}" in report.text
    assert report.text.index("Ghi chú đầu bài") > report.text.index("Phiếu học tập")
    assert [p.rule for p in report.problems[:4]] == ["mon", "lop", "ngay-day", "so-tiet"]
    missing = [p.msg.args.get("heading") for p in report.problems if p.rule == "muc"]
    assert missing[:3] == ["2. Về năng lực", "3. Về phẩm chất", "III. Tiến trình dạy học"]
    assert not report.ok


def test_set_wins_over_what_the_document_says(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    file = corpus.lesson_5512(tmp_path / "a.docx").path
    report = _import(root, file, pairs={"lop": "6B", "tieu_de": "Phân số (tiết 1)"})
    meta = _meta(root, report)
    assert (meta["lop"], meta["tieu_de"]) == ("6B", "Phân số (tiết 1)")


def test_no_teacher_anywhere_says_which_keys_to_give(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    file = corpus.lesson_5512(tmp_path / "a.docx", teacher="Người Ngoài Danh Sách").path
    report = _import(root, file)
    assert report.status is Status.FAILED
    assert report.error is not None
    assert report.error.render("vi") == (
        f"{file}: chưa xác định được giao_vien; thêm --set khoa=giá_trị (người soạn lấy "
        "từ email git nếu có trong danh sách nhân sự)"
    )


def test_a_renamed_pdf_is_refused_with_a_message_naming_the_file(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    fake = tmp_path / "giao-an.docx"
    fake.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    report = _import(root, fake)
    assert report.status is Status.FAILED
    assert report.error is not None
    assert report.error.render("vi") == (
        f"{fake}: đây là tệp PDF được đặt tên .docx, không phải tài liệu Word; hãy nhập tệp "
        ".docx gốc (tệp PDF không chuyển ngược thành Word được)"
    )


def test_a_folder_imports_in_one_call(make_school: Callable[..., Path], tmp_path: Path) -> None:
    root = make_school("le-khac-can")
    folder = tmp_path / "hoc-ky-1"
    for n in range(3):
        corpus.lesson_5512(
            folder / f"tuan-{n}.docx", title=f"BÀI {n}", day=f"{13 + n}/10/2025", figure=n == 1
        )
    (folder / "~$tuan-0.docx").write_bytes(b"lock")  # Word's lock file: skipped
    seen: list[str] = []
    reports = import_paths(
        root,
        load_school(root),
        [folder],
        ImportOptions(at=AT),
        lambda r: seen.append(r.source),
    )
    assert [r.status for r in reports] == [Status.CREATED] * 3
    assert seen == [str(folder / f"tuan-{n}.docx") for n in range(3)]
    # converted together (one pandoc run for the Markdown), each record is what importing
    # the file alone gives
    other = make_school("le-khac-can", name="other")
    for n, report in enumerate(reports):
        alone = _import(other, folder / f"tuan-{n}.docx", dry_run=True)
        assert alone.text == report.text
    again = import_paths(root, load_school(root), [folder], ImportOptions(at=AT))
    assert [r.status for r in again] == [Status.EXISTS] * 3


def test_cli_reports_each_file_and_a_summary(
    make_school: Callable[..., Path], tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = make_school("le-khac-can")
    folder = tmp_path / "word"
    corpus.lesson_2345(folder / "a.docx")
    (folder / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    done = cli("import", str(folder), "--dry-run", cwd=root)
    assert done.code == 1, done.err
    lines = done.out.splitlines()
    rel = "records/2025-2026/to-tieu-hoc/gv-th-01/khbd-tieu-hoc/2025-10-20-bai-12-doc-ngoi-truong-moi.md"
    assert lines[0] == f"{folder / 'a.docx'} → {rel} (chạy thử, chưa ghi)"
    assert lines[1] == (
        "  loại hồ sơ: khbd-tieu-hoc (đoán từ nội dung: có 4/4 mục của loại này; "
        "chọn khác bằng --type)"
    )
    assert "  hsdt check: đạt" in lines
    assert lines[-2].startswith(f"{folder / 'cu.doc'}: không nhập được: đây là tài liệu Word cũ")
    assert lines[-1] == (
        "Tổng cộng 2 tệp: 0 đã tạo, 1 chạy thử, 0 đã có, 1 không nhập được; 1 hồ sơ đạt kiểm tra"
    )
    assert "Traceback" not in done.err
    assert not (root / rel).exists()
    done = cli("import", str(folder / "a.docx"), cwd=root)
    assert done.code == 0
    assert (root / rel).is_file()
    done = cli("import", str(folder / "a.docx"), cwd=root)
    assert done.out == f"{folder / 'a.docx'}: đã nhập trước đây, là {rel}; không nhập lại\n"


def test_cli_without_a_teacher_says_what_to_set(
    make_school: Callable[..., Path], tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = make_school("le-khac-can")
    file = corpus.lesson_5512(tmp_path / "a.docx", teacher="Người Ngoài Danh Sách").path
    done = cli("import", str(file), cwd=root)
    assert done.code == 1
    assert done.out == (
        f"{file}: không nhập được: chưa xác định được giao_vien; thêm --set "
        "khoa=giá_trị (người soạn lấy từ email git nếu có trong danh sách nhân sự)\n"
    )
    done = cli("import", str(file), "--set", "giao_vien=gv-toan-03", cwd=root)
    assert done.code == 0, done.out
    assert "/gv-toan-03/khbd-trung-hoc/" in done.out.splitlines()[0]
    other = corpus.lesson_5512(tmp_path / "b.docx", teacher="Ai Đó", title="BÀI KHÁC").path
    done = cli("import", str(other), "--account", "lkc-toan02", cwd=root)  # the PR's author
    assert done.code == 0, done.out
    assert "/gv-toan-02/khbd-trung-hoc/" in done.out.splitlines()[0]


@pytest.mark.parametrize("bad", ["--type", "--set"])
def test_cli_usage_errors(
    make_school: Callable[..., Path], tmp_path: Path, cli: Callable[..., Result], bad: str
) -> None:
    root = make_school("le-khac-can")
    file = corpus.lesson_2345(tmp_path / "a.docx").path
    value = "khong-co" if bad == "--type" else "khong-dau-bang"
    done = cli("import", str(file), bad, value, cwd=root)
    assert done.code == 2
    assert done.out == ""
    assert done.err.startswith("hsdt: ")
    assert "Traceback" not in done.err


def test_a_document_with_no_section_keeps_everything_under_the_marked_section(
    make_school: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_school("le-khac-can")
    w = corpus._Writer()
    w.line("Giáo viên: Hoàng Văn Giả Định", keep=False)
    w.bold("Ôn tập cuối tuần")
    w.line("Học sinh làm lại các bài tập sai trong tuần.")
    w.bullet("Bài 1: rút gọn phân số.")
    untyped = w.save(tmp_path / "on-tap.docx").path
    guessed = _import(root, untyped)
    assert guessed.status is Status.FAILED
    assert guessed.error is not None
    assert guessed.error.msg.key == "import.no_type"
    report = _import(root, untyped, type_id="khbd-trung-hoc")
    assert report.headings == ()
    assert report.unmapped == (
        "Học sinh làm lại các bài tập sai trong tuần.",
        "(BulletList)",
    )
    assert report.text.split("## " + UNMAPPED_HEADING)[1].count("Bài 1: rút gọn phân số.") == 1
    meta = _meta(root, report)
    assert meta["tieu_de"] == "Ôn tập cuối tuần"  # the first bold line names the record


def test_headings_numbered_by_word_itself(make_school: Callable[..., Path], tmp_path: Path) -> None:
    root = make_school("le-khac-can")
    report = _import(root, corpus.lesson_2345_numbered(tmp_path / "nhan6.docx").path)
    assert report.type_id == "khbd-tieu-hoc"
    assert [h.found for h in report.headings] == [
        "1. Yêu cầu cần đạt",
        "2. Đồ dùng dạy học",
        "3. Các hoạt động dạy học chủ yếu",
        "4. Điều chỉnh sau bài dạy",
    ]
    assert "## II. Đồ dùng dạy học\n\nCác tấm bìa có 6 chấm tròn.\n" in report.text
    _passes_check(root, report)


def test_header_lines_laid_out_in_a_table(make_school: Callable[..., Path], tmp_path: Path) -> None:
    root = make_school("le-khac-can")
    file = corpus.lesson_5512(tmp_path / "bang.docx", header_table=True).path
    report = _import(root, file)
    meta = _meta(root, report)
    assert (meta["giao_vien"], meta["to"]) == ("gv-toan-01", "to-khtn")
    # the table itself is kept, under the marked section, for the teacher to delete
    assert report.unmapped == ("(Table)",)
    assert "Trường: THCS Lê Khắc Cẩn" in report.text.split(UNMAPPED_HEADING)[1]
    _passes_check(root, report)


def test_an_image_node_met_twice_is_placed_once() -> None:
    """The tree is re-pointed in place (no copy of a whole plan): a node the mapping put in two
    places keeps its one picture and never turns into an external reference."""
    from hsdt.i18n import Msg
    from hsdt.importer.pipeline import _IMAGE_DIR, _place_images

    image = {"t": "Image", "c": [["", [], []], [], ["m/media/image1.png", ""]]}
    body = [{"t": "Para", "c": [image]}, {"t": "Plain", "c": [image]}]
    notes: list[Msg] = []
    placed = _place_images(body, {"m/media/image1.png": b"\x89PNG"}, notes)
    assert placed == {"hinh-01.png": b"\x89PNG"}
    assert notes == []
    assert image["c"][2] == [f"{_IMAGE_DIR}/hinh-01.png", ""]
    assert image["t"] == "Image"


def test_a_tree_without_images_is_not_walked_for_them(tmp_path: Path) -> None:
    from hsdt.importer.convert import read_docx

    plain = corpus.lesson_5512(tmp_path / "a.docx", title="BÀI 1", day="13/10/2025")
    figure = corpus.lesson_5512(tmp_path / "b.docx", title="BÀI 2", day="14/10/2025", figure=True)
    assert read_docx(plain.path.read_bytes(), "a.docx").has_images is False
    assert read_docx(figure.path.read_bytes(), "b.docx").has_images is True


def test_the_pipeline_keeps_order_and_imports_a_copy_once(
    make_school: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small chunks, so that conversions run ahead of the writes across several chunks: the
    reports stay in the folder's order and a copy met chunks later is reported where the first
    went, not imported twice."""
    import shutil

    from hsdt.importer import pipeline

    monkeypatch.setattr(pipeline, "CHUNK", 2)
    monkeypatch.setattr(pipeline, "LOOKAHEAD", 1)
    root = make_school("le-khac-can")
    folder = tmp_path / "hoc-ky-1"
    for n in range(6):
        corpus.lesson_5512(folder / f"tuan-{n}.docx", title=f"BÀI {n}", day=f"{13 + n}/10/2025")
    shutil.copyfile(folder / "tuan-0.docx", folder / "tuan-9-ban-sao.docx")
    reports = import_paths(root, load_school(root), [folder], ImportOptions(at=AT))
    assert [Path(r.source).name for r in reports] == [
        *(f"tuan-{n}.docx" for n in range(6)),
        "tuan-9-ban-sao.docx",
    ]
    assert [r.status for r in reports] == [Status.CREATED] * 6 + [Status.EXISTS]
    assert reports[-1].path == reports[0].path
    assert len({r.path for r in reports}) == 6
