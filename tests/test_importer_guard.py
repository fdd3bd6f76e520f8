"""The Word import guard on a corpus made at test time (tests/docx_bad_corpus.py): each bad
input is refused with its own message and the source left as it was; each cleanable one comes
out as a .docx that python-docx and pandoc read, with a note for every change."""

from __future__ import annotations

import hashlib
import io
import os
import sys
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hsdt.errors import ImportDocxError
from hsdt.importer.bounded import run_bounded
from hsdt.importer.guard import Limits, PreparedDocx, prepare_docx
from tests import docx_bad_corpus as corpus

MB = 1024 * 1024

REFUSED: list[tuple[str, Callable[[Path], Path], str]] = [
    ("renamed pdf", corpus.renamed_pdf, "guard.pdf"),
    ("legacy .doc", corpus.legacy_doc, "guard.legacy_doc"),
    ("password", corpus.encrypted_docx, "guard.encrypted"),
    ("password, large file", lambda f: corpus.encrypted_docx(f, difat=True), "guard.encrypted"),
    ("plain text", corpus.plain_text, "guard.not_docx"),
    ("spreadsheet", corpus.xlsx_renamed, "guard.other_office"),
    ("excel 97-2003", corpus.other_compound_file, "guard.other_office"),
    ("broken ole", corpus.broken_compound_file, "guard.legacy_doc"),
    ("truncated", corpus.truncated, "guard.corrupt"),
    ("duplicate part", corpus.duplicate_part, "guard.corrupt"),
    ("zip password", lambda f: corpus.zip_flagged(f, "mk.docx", flag=1), "guard.zip_password"),
    ("implode method", lambda f: corpus.zip_flagged(f, "nen.docx", method=6), "guard.corrupt"),
    ("broken xml", corpus.broken_xml, "guard.xml_bad"),
    ("word counts 900 pages", lambda f: corpus.word_says_pages(f, 900), "guard.too_many_pages"),
    ("corrupt data", corpus.corrupt, "guard.corrupt"),
    ("zip bomb", corpus.zip_bomb, "guard.bomb_ratio"),
    # Python's zipfile stops at the declared size, so the extra data never unpacks and the
    # part's checksum fails.
    ("size smaller than data", corpus.lying_sizes, "guard.corrupt"),
    ("declared 300 MB", corpus.declared_huge, "guard.bomb_total"),
    ("100 MB picture", lambda f: corpus.with_picture(f, "anh.docx", 100 * MB), "guard.too_large"),
    ("500 pages", corpus.long_document, "guard.too_many_pages"),
    (
        "billion laughs",
        lambda f: corpus.hostile_xml(f, "bl.docx", corpus.BILLION_LAUGHS),
        "guard.xml_dtd",
    ),
    (
        "external entity",
        lambda f: corpus.hostile_xml(f, "xxe.docx", corpus.EXTERNAL_ENTITY),
        "guard.xml_dtd",
    ),
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("build", "key"), [(b, k) for _, b, k in REFUSED], ids=[i for i, _, _ in REFUSED]
)
def test_bad_input_is_refused_naming_the_file_and_left_untouched(
    tmp_path: Path, build: Callable[[Path], Path], key: str
) -> None:
    source = build(tmp_path)
    before = _digest(source)
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(source)
    assert caught.value.msg.key == key
    assert caught.value.path == str(source)
    assert caught.value.render("vi").startswith(f"{source}: ")
    assert _digest(source) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(tmp_path / "khong-co.docx")
    assert caught.value.msg.key == "guard.missing"
    empty = tmp_path / "rong.docx"
    empty.write_bytes(b"")
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(empty)
    assert caught.value.msg.key == "guard.empty"


def _parts(prepared: PreparedDocx) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(prepared.data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _texts(prepared: PreparedDocx) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(prepared.data)).paragraphs]


def test_an_ordinary_document_passes_with_its_text_and_no_note(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.write_docx(tmp_path, "giao-an.docx"))
    assert prepared.notes == ()
    assert _texts(prepared) == list(corpus.LESSON)


def test_a_document_of_fifty_pages_passes(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.long_document(tmp_path, pages=50))
    assert prepared.notes == ()
    assert _texts(prepared)[:2] == ["Tiết 1. Ôn tập", "Nội dung của tiết học."]


def test_the_page_bound_is_a_limit(tmp_path: Path) -> None:
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(corpus.long_document(tmp_path, pages=50), Limits(max_pages=20))
    assert caught.value.msg.args == {"pages": 51, "limit": 20}


def test_too_many_paragraphs(tmp_path: Path) -> None:
    source = corpus.write_docx(tmp_path, "dai.docx", tuple(f"Dòng {i}" for i in range(60)))
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(source, Limits(max_paragraphs=50))
    assert caught.value.msg.key == "guard.too_many_paragraphs"


def test_too_many_parts(tmp_path: Path) -> None:
    extra = {f"customXml/extra{i}.xml": b"<a/>" for i in range(30)}
    source = tmp_path / "nhieu.docx"
    source.write_bytes(corpus.rezip(corpus.docx_bytes(), add=extra))
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(source, Limits(max_entries=20))
    assert caught.value.msg.key == "guard.too_many_parts"


def test_the_declared_total_is_bounded(tmp_path: Path) -> None:
    # Every part is small and compresses little: only their sum is over the bound.
    source = corpus.write_docx(tmp_path, "giao-an.docx")
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(source, Limits(max_total_bytes=4000, ratio_floor_bytes=10**9))
    assert caught.value.msg.key == "guard.bomb_total"


def test_the_main_part_typed_by_a_default_content_type(tmp_path: Path) -> None:
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

    def edit(name: str, body: bytes) -> bytes:
        if name != "[Content_Types].xml":
            return body
        body = body.replace(
            b'<Override PartName="/word/document.xml" ContentType="' + main + b'"/>', b""
        )
        return body.replace(
            b'Extension="xml" ContentType="application/xml"',
            b'Extension="xml" ContentType="' + main + b'"',
        )

    source = tmp_path / "default.docx"
    source.write_bytes(corpus.rezip(corpus.docx_bytes(), edit))
    with zipfile.ZipFile(source) as archive:
        assert b"/word/document.xml" not in archive.read("[Content_Types].xml")
    assert _texts(prepare_docx(source)) == list(corpus.LESSON)


def test_a_too_large_picture_is_dropped_with_a_note(tmp_path: Path) -> None:
    source = corpus.with_picture(tmp_path, "anh.docx", 20 * MB)
    prepared = prepare_docx(source)
    assert [(n.key, n.args) for n in prepared.notes] == [
        ("guard.note_image", {"part": "word/media/image1.png", "size": "20", "limit": "16"})
    ]
    parts = _parts(prepared)
    assert not any(name.startswith("word/media/") for name in parts)
    assert b"image1.png" not in parts["word/_rels/document.xml.rels"]
    assert b"<w:drawing" not in parts["word/document.xml"]
    assert _texts(prepared) == ["Hình 1. Mô hình phân số", "", "Đồ dùng dạy học"]


def test_a_100_mb_picture_in_a_small_file_is_dropped_not_taken_for_a_bomb(tmp_path: Path) -> None:
    source = corpus.with_picture(tmp_path, "bmp.docx", 100 * MB, flat=True)
    assert source.stat().st_size < MB
    prepared = prepare_docx(source)
    assert [(n.key, n.args["size"]) for n in prepared.notes] == [("guard.note_image", "100")]
    assert _texts(prepared) == ["Hình 1. Mô hình phân số", "", "Đồ dùng dạy học"]


def test_a_small_picture_is_kept(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.with_picture(tmp_path, "anh.docx", None))
    assert prepared.notes == ()
    assert len(docx.Document(io.BytesIO(prepared.data)).inline_shapes) == 1


def test_macros_are_dropped_and_the_document_made_plain(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.macro_docm(tmp_path))
    assert [(n.key, n.args) for n in prepared.notes] == [
        ("guard.note_macros", {"parts": "word/vbaData.xml, word/vbaProject.bin"})
    ]
    parts = _parts(prepared)
    assert not [n for n in parts if "vba" in n.lower()]
    types = parts["[Content_Types].xml"]
    assert b"macroEnabled" not in types
    assert b"vbaData" not in types
    assert b"vbaProject" not in parts["word/_rels/document.xml.rels"]
    assert _texts(prepared) == list(corpus.LESSON)


def test_external_links_are_dropped_and_named_hyperlinks_kept(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.external_links(tmp_path))
    assert [(n.key, n.args) for n in prepared.notes] == [
        ("guard.note_external", {"target": corpus.LINKED_PICTURE, "kind": "image"}),
        ("guard.note_external", {"target": corpus.LOCAL_FILE, "kind": "hyperlink"}),
        ("guard.note_external", {"target": corpus.TEMPLATE, "kind": "attachedTemplate"}),
    ]
    parts = _parts(prepared)
    assert corpus.LINKED_PICTURE.encode() not in b"".join(parts.values())
    assert corpus.TEMPLATE.encode() not in b"".join(parts.values())
    assert b"attachedTemplate" not in parts["word/settings.xml"]
    assert b"<w:drawing" not in parts["word/document.xml"]
    assert corpus.HYPERLINK.encode() in parts["word/_rels/document.xml.rels"]
    assert corpus.LOCAL_FILE.encode() not in b"".join(parts.values())
    # The dropped hyperlink keeps its text.
    assert _texts(prepared)[-3:] == ["Hình minh họa", "Bài giảng mẫu", "Bài cũ"]


def test_embedded_objects_are_dropped_with_a_note(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.embedded_object(tmp_path))
    assert [(n.key, n.args) for n in prepared.notes] == [
        ("guard.note_object", {"part": "word/embeddings/oleObject1.bin"})
    ]
    parts = _parts(prepared)
    assert not [n for n in parts if n.startswith("word/embeddings/")]
    assert b"<w:object" not in parts["word/document.xml"]
    assert _texts(prepared)[-2:] == ["Bảng điểm", ""]


def test_activex_controls_and_imported_chunks_are_dropped(tmp_path: Path) -> None:
    prepared = prepare_docx(corpus.active_content(tmp_path))
    assert [n.args["part"] for n in prepared.notes] == [
        "word/activeX/activeX1.xml",
        "word/chunk.html",
    ]
    parts = _parts(prepared)
    assert not [n for n in parts if n.startswith("word/activeX/") or n == "word/chunk.html"]
    document = parts["word/document.xml"]
    assert b"<w:object" not in document
    assert b"altChunk" not in document
    assert _texts(prepared)[-1] == "Trả lời:"


def test_the_xml_size_bound(tmp_path: Path) -> None:
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(corpus.write_docx(tmp_path, "a.docx"), Limits(max_xml_bytes=10_000))
    assert caught.value.msg.key == "guard.xml_too_large"


def test_a_zip_without_the_package_parts(tmp_path: Path) -> None:
    source = tmp_path / "thieu.docx"
    source.write_bytes(
        corpus.rezip(corpus.docx_bytes(), lambda n, b: None if n == "_rels/.rels" else b)
    )
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(source)
    assert (caught.value.msg.key, caught.value.msg.args) == (
        "guard.no_document",
        {"part": "_rels/.rels"},
    )


def test_no_entity_of_a_hostile_part_is_read(tmp_path: Path) -> None:
    source = corpus.hostile_xml(tmp_path, "xxe.docx", corpus.EXTERNAL_ENTITY)
    with pytest.raises(ImportDocxError) as caught:
        prepare_docx(source)
    assert caught.value.msg.args == {"part": "word/document.xml"}
    assert "root:" not in caught.value.render("en")


def test_the_cleaned_document_converts_with_pandoc_under_bounds(tmp_path: Path) -> None:
    pypandoc = pytest.importorskip("pypandoc")
    prepared = prepare_docx(corpus.macro_docm(tmp_path))
    limits = Limits()
    done = run_bounded(
        [pypandoc.get_pandoc_path(), "-f", "docx", "-t", "plain"],
        prepared.data,
        limits.convert_timeout_s,
        limits.convert_memory_mb,
    )
    assert done.stdout.decode().split() == " ".join(corpus.LESSON).split()


@pytest.fixture(params=["prlimit", "preexec"])
def launch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways the limits are set: util-linux's prlimit, and the child itself where that
    program is missing."""
    from hsdt.importer import bounded

    if request.param == "preexec":
        monkeypatch.setattr(bounded, "_prlimit", lambda: None)
    else:
        assert bounded._prlimit() is not None, "util-linux prlimit is on every Debian system"
    return str(request.param)


def test_run_bounded_returns_the_output(launch: str) -> None:
    done = run_bounded(
        [sys.executable, "-c", "import sys; sys.stdout.write(sys.stdin.read()[::-1])"],
        b"abc",
        30,
        512,
    )
    assert done.stdout == b"cba"


def test_a_runaway_child_is_stopped_at_the_time_bound(launch: str) -> None:
    with pytest.raises(ImportDocxError) as caught:
        run_bounded([sys.executable, "-c", "while True: pass"], b"", 1, 512, path="bai.docx")
    assert caught.value.msg.key == "guard.timeout"
    assert caught.value.render("vi") == (
        "bai.docx: chuyển đổi bằng " + Path(sys.executable).name + " chạy quá 1 giây nên đã bị "
        "dừng; tài liệu quá lớn hoặc quá phức tạp: hãy tách nhỏ"
    )


def test_a_child_that_sleeps_is_stopped_with_what_it_started(tmp_path: Path, launch: str) -> None:
    marker = tmp_path / "grandchild-ran"
    grandchild = tmp_path / "grandchild.py"
    grandchild.write_text(f"import time\ntime.sleep(2)\nopen({str(marker)!r}, 'w').close()\n")
    child = tmp_path / "child.py"
    child.write_text(
        "import subprocess, sys, time\n"
        f"subprocess.Popen([sys.executable, {str(grandchild)!r}])\n"
        "time.sleep(60)\n"
    )
    with pytest.raises(ImportDocxError) as caught:
        run_bounded([sys.executable, str(child)], b"", 1, 512)
    assert caught.value.msg.key == "guard.timeout"
    # The grandchild would write its marker 2 s after it started; the whole group was killed.
    time.sleep(2.5)
    assert not marker.exists()


def test_a_child_that_eats_memory_is_stopped_at_the_memory_bound(launch: str) -> None:
    with pytest.raises(ImportDocxError) as caught:
        run_bounded([sys.executable, "-c", "x = bytearray(2 * 1024**3)"], b"", 30, 256)
    assert caught.value.msg.key == "guard.memory"
    assert caught.value.msg.args["memory"] == 256


def test_a_missing_or_failing_converter(launch: str) -> None:
    with pytest.raises(ImportDocxError) as caught:
        run_bounded(["/nonexistent/pandoc"], b"", 5, 256)
    assert caught.value.msg.key == "guard.converter_missing"
    with pytest.raises(ImportDocxError) as caught:
        run_bounded([sys.executable, "-c", "import sys; sys.exit('hỏng rồi')"], b"", 5, 256)
    assert caught.value.msg.key == "guard.converter_failed"
    assert caught.value.msg.args["detail"] == "hỏng rồi"


def test_without_the_import_extra_the_guard_says_what_to_install(tmp_path: Path) -> None:
    import subprocess

    from tests.test_core_install import core_env

    source = corpus.write_docx(tmp_path, "giao-an.docx")
    blocker = tmp_path / "no-lxml"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\nfrom importlib.abc import MetaPathFinder\n"
        "class NoLxml(MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'lxml':\n"
        "            raise ModuleNotFoundError(name, name=name)\n"
        "sys.meta_path.insert(0, NoLxml())\n",
        encoding="utf-8",
    )
    env = {**os.environ, **core_env(tmp_path)}
    env["PYTHONPATH"] = os.pathsep.join([str(blocker), env["PYTHONPATH"]])
    script = (
        "import sys; from pathlib import Path; from hsdt.errors import ImportDocxError\n"
        "from hsdt.importer.guard import prepare_docx\n"
        "try:\n    prepare_docx(Path(sys.argv[1]))\n"
        "except ImportDocxError as e:\n    print(e.render('vi'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(source)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert (
        done.stdout.strip() == "chưa cài phần nhập Word của hsdt; chạy: pip install 'hsdt[import]'"
    )


def _stored_seed() -> bytes:
    """A small lesson plan with every part stored uncompressed, so that damage lands in the
    XML itself."""
    data = corpus.docx_bytes(("Giáo án", "Hoạt động 1"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = tuple(archive.namelist())
    return corpus.rezip(data, stored=names)


_SEED_DOCX = _stored_seed()


def _repack(data: bytes) -> bytes | None:
    """The damaged stored parts packed again with correct checksums, if the zip still opens,
    so that the damage reaches past the zip layer into the parts."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {}
            for info in archive.infolist():
                start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
                parts[info.filename] = data[start : start + info.compress_size]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a damaged name may now repeat another
        with zipfile.ZipFile(out, "w") as archive:
            for name, body in parts.items():
                archive.writestr(name, body)
    return out.getvalue()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=8
    ),
    st.one_of(st.none(), st.integers(min_value=0)),
)
def test_any_damage_gives_a_message_never_a_traceback(
    tmp_path: Path, flips: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(_SEED_DOCX)
    for at, value in flips:
        data[at % len(data)] = value
    # Half the time the parts are packed again with valid checksums: damage inside the XML.
    if flips and flips[0][1] % 2 == 0:
        data = bytearray(_repack(bytes(data)) or data)
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    source = tmp_path / "hong.docx"
    source.write_bytes(bytes(data))
    refusal: ImportDocxError | None = None
    try:
        prepare_docx(source)
    except ImportDocxError as e:
        refusal = e
    assert refusal is None or refusal.render("vi").startswith(f"{source}: ")
