"""Hostile packages and bundles that ``hsdt export verify`` and ``hsdt backup verify`` refuse,
beyond tests/test_archive_export.py and tests/test_archive_backup.py (those re-bag after one
edit; these forge every derived file with hsdt's own functions, tests/pkgforge.py)."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import socket
import stat
import subprocess
import uuid
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from hsdt.archive.package import write_zip
from hsdt.model.timeutil import VN_TZ
from tests.conftest import Result
from tests.pkgforge import MD7, PDF6, PDF7, TAG, forge, rebag, retag
from tests.test_archive_export import Archive, build_archive

Cli = Callable[..., Result]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, pki: Any) -> Archive:
    return build_archive(tmp_path_factory.mktemp("archive"), pki)


@pytest.fixture
def bag(archive: Archive, tmp_path: Path) -> Path:
    copy = tmp_path / TAG
    shutil.copytree(archive.package, copy, symlinks=True)
    return copy


@pytest.fixture
def package_zip(archive: Archive, tmp_path: Path) -> Path:
    target = tmp_path / f"{TAG}.zip"
    write_zip(archive.package, target, TAG, datetime(2025, 12, 31, 17, 0, tzinfo=VN_TZ))
    return target


def verify(cli: Cli, path: Path) -> Result:
    done = cli("export", "verify", str(path))
    assert "lỗi không mong đợi" not in done.err
    return done


def test_the_fixture_package_and_an_identity_forgery_verify(bag: Path, cli: Cli) -> None:
    """The forger's tools (every derived file recomputed) change nothing on their own: what the
    other tests catch is their edit, not the tools."""
    forge(bag)
    done = verify(cli, bag)
    assert done.code == 0, done.err


# --- Consistent tampering of a signed PDF or its source: still caught -----------------------------


def test_a_changed_pdf_byte_with_everything_recomputed_is_caught(bag: Path, cli: Cli) -> None:
    pdf = bag / "data" / PDF7
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    forge(bag)
    done = verify(cli, bag)
    assert done.code == 1
    assert f"{PDF7}: " in done.err


def test_a_swapped_pdf_with_everything_recomputed_is_caught(bag: Path, cli: Cli) -> None:
    """Stronger than the existing swap test: the report and the row recomputed too."""
    (bag / "data" / PDF7).write_bytes((bag / "data" / PDF6).read_bytes())
    forge(bag)
    done = verify(cli, bag)
    assert done.code == 1
    assert "tệp PDF là bản ký của hồ sơ" in done.err


def test_an_edited_source_with_everything_recomputed_is_caught(bag: Path, cli: Cli) -> None:
    source = bag / "data" / MD7
    source.write_text(source.read_text("utf-8").replace("khối 7", "khối 8"), encoding="utf-8")
    forge(bag)
    done = verify(cli, bag)
    assert done.code == 1
    assert "toan-khoi-7.md" in done.err


@pytest.mark.parametrize("kind", ["truncated", "garbage", "empty"])
def test_a_broken_pdf_with_everything_recomputed_is_named(bag: Path, cli: Cli, kind: str) -> None:
    pdf = bag / "data" / PDF7
    data = pdf.read_bytes()
    pdf.write_bytes(
        {
            "truncated": data[: len(data) // 2],
            "garbage": b"%PDF-1.7\n" + os.urandom(2000),
            "empty": b"",
        }[kind]
    )
    forge(bag)
    done = verify(cli, bag)
    assert done.code == 1
    assert f"{PDF7}: " in done.err
    assert "PDF" in done.err


@pytest.mark.parametrize("kind", ["new-root", "orphan-object"])
def test_an_incremental_update_after_the_signature_is_caught(
    bag: Path, cli: Cli, kind: str
) -> None:
    """A shadow-attack-style incremental update (a changed catalog, or only an orphan object,
    which pyHanko calls harmless), every hash recomputed: the unsigned revision is named."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    pdf = bag / "data" / PDF7
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()))
    if kind == "new-root":
        writer.root["/PageMode"] = generic.NameObject("/UseOutlines")
        writer.update_root()
    else:
        writer.add_object(generic.TextStringObject("thêm"))
    out = io.BytesIO()
    writer.write(out)
    pdf.write_bytes(out.getvalue())
    forge(bag)
    done = verify(cli, bag)
    assert done.code == 1
    assert "phần ghi thêm sau chữ ký cuối cùng" in done.err


# --- Bag files -------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["../../etc/passwd", "/etc/passwd", "~/x"])
def test_a_manifest_entry_outside_the_bag_is_unsafe(bag: Path, cli: Cli, line: str) -> None:
    manifest = bag / "manifest-sha256.txt"
    manifest.write_text(manifest.read_text("utf-8") + f"{'0' * 64}  {line}\n", encoding="utf-8")
    retag(bag)
    done = verify(cli, bag)
    assert done.code == 1
    assert f"manifest-sha256.txt dòng 17: đường dẫn '{line}' không nằm trong data/" in done.err


def test_a_manifest_listing_a_file_twice_with_two_hashes_is_caught(bag: Path, cli: Cli) -> None:
    manifest = bag / "manifest-sha256.txt"
    manifest.write_text(
        manifest.read_text("utf-8") + f"{'0' * 64}  data/{PDF7}\n", encoding="utf-8"
    )
    retag(bag)
    done = verify(cli, bag)
    assert done.code == 1
    assert "multiple times with conflicting values" in done.err


@pytest.mark.parametrize("version", ["9.9", "abc"])
def test_an_unsupported_bagit_version_is_caught(bag: Path, cli: Cli, version: str) -> None:
    (bag / "bagit.txt").write_text(
        f"BagIt-Version: {version}\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8"
    )
    retag(bag)
    done = verify(cli, bag)
    assert done.code == 1
    assert "gói BagIt không hợp lệ" in done.err


def test_a_fetch_txt_is_refused_and_never_fetched(bag: Path, cli: Cli) -> None:
    """BagIt's fetch.txt names remote files to download: verify flags it and connects nowhere."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.setblocking(False)
        port = server.getsockname()[1]
        (bag / "fetch.txt").write_text(
            f"http://127.0.0.1:{port}/x.pdf 10 data/x.pdf\n", encoding="utf-8"
        )
        rebag(bag)
        done = verify(cli, bag)
        with pytest.raises(BlockingIOError):
            server.accept()
    assert done.code == 1
    assert "có tệp lạ ở gốc gói: fetch.txt" in done.err


def test_a_symlinked_payload_folder_is_caught(bag: Path, cli: Cli) -> None:
    """data/signatures moved out and replaced by a symlink: bagit does not walk into it."""
    outside = bag.parent / "ngoai-signatures"
    shutil.move(str(bag / "data" / "signatures"), outside)
    os.symlink(outside, bag / "data" / "signatures")
    done = verify(cli, bag)
    assert done.code == 1
    assert "gói có liên kết tượng trưng (symlink): data/signatures" in done.err


def test_a_symlink_to_etc_passwd_is_refused_unread(bag: Path, cli: Cli) -> None:
    os.symlink("/etc/passwd", bag / "data" / "signatures" / "passwd.txt")
    manifest = bag / "manifest-sha256.txt"
    digest = hashlib.sha256(Path("/etc/passwd").read_bytes()).hexdigest()
    manifest.write_text(
        manifest.read_text("utf-8") + f"{digest}  data/signatures/passwd.txt\n", encoding="utf-8"
    )
    retag(bag)
    done = verify(cli, bag)
    assert done.code == 1
    assert "gói có liên kết tượng trưng (symlink): data/signatures/passwd.txt" in done.err


# --- Zip packages ---------------------------------------------------------------------------------


def _with(package_zip: Path, target: Path, extra: list[tuple[str, bytes, int | None]]) -> Path:
    with zipfile.ZipFile(package_zip) as src, zipfile.ZipFile(target, "w") as z:
        for info in src.infolist():
            z.writestr(info, src.read(info))
        for name, data, mode in extra:
            info = zipfile.ZipInfo(name)
            if mode is not None:
                info.create_system = 3
                info.external_attr = mode << 16
            z.writestr(info, data)
    return target


@pytest.mark.parametrize(
    "entry",
    [
        "{top}/../../{name}",
        "/tmp/{name}",
        "{top}/a/../../../{name}",
        "{top}\\..\\..\\{name}",
        "other/{name}",
    ],
    ids=["dotdot", "absolute", "nested-dotdot", "backslash", "two-tops"],
)
def test_a_zip_entry_outside_the_package_is_refused(
    package_zip: Path, tmp_path: Path, cli: Cli, entry: str
) -> None:
    name = f"pkg-escaped-{uuid.uuid4().hex}"
    hostile = _with(
        package_zip, tmp_path / "hostile.zip", [(entry.format(top=TAG, name=name), b"x", None)]
    )
    done = verify(cli, hostile)
    assert done.code == 2
    assert "không phải gói lưu trữ .zip của hsdt" in done.err
    assert not Path(f"/tmp/{name}").exists()
    assert not (tmp_path / name).exists()


def test_a_symlink_zip_entry_is_written_as_a_plain_file(
    package_zip: Path, tmp_path: Path, cli: Cli
) -> None:
    hostile = _with(
        package_zip,
        tmp_path / "link.zip",
        [(f"{TAG}/data/signatures/link.pdf", b"/etc/passwd", stat.S_IFLNK | 0o777)],
    )
    done = verify(cli, hostile)
    assert done.code == 1
    assert "signatures/link.pdf có trong gói nhưng không có trong danh mục hồ sơ" in done.err


@pytest.mark.parametrize("kind", ["half", "tail-cut", "not-zip", "empty", "no-entries"])
def test_a_broken_zip_is_refused(package_zip: Path, tmp_path: Path, cli: Cli, kind: str) -> None:
    data = package_zip.read_bytes()
    target = tmp_path / "broken.zip"
    if kind == "no-entries":
        zipfile.ZipFile(target, "w").close()
    else:
        target.write_bytes(
            {
                "half": data[: len(data) // 2],
                "tail-cut": data[:-10],
                "not-zip": b"hello",
                "empty": b"",
            }[kind]
        )
    done = verify(cli, target)
    assert done.code == 2
    assert f"tệp '{target}' không phải gói lưu trữ .zip của hsdt" in done.err


# --- Backups --------------------------------------------------------------------------------------


def _with_sum(target: Path, data: bytes) -> Path:
    target.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    target.with_name(target.name + ".sha256").write_text(f"{digest}  {target.name}\n")
    return target


def test_a_file_that_is_not_a_bundle_is_bad(tmp_path: Path, cli: Cli) -> None:
    target = _with_sum(tmp_path / "khong-phai.bundle", b"hello\n")
    done = cli("backup", "verify", str(target), cwd=tmp_path)
    assert done.code == 1
    assert "HỎNG" in done.out
    assert "does not look like a v2 or v3 bundle" in done.out


def test_an_incremental_bundle_is_bad(archive: Archive, tmp_path: Path, cli: Cli) -> None:
    """A bundle with prerequisites (restorable only onto a repository that has them)."""
    target = tmp_path / "tang-dan.bundle"
    subprocess.run(
        ["git", "bundle", "create", "-q", str(target), "main~1..main"],
        cwd=archive.clerk.root,
        check=True,
        capture_output=True,
    )
    _with_sum(target, target.read_bytes())
    done = cli("backup", "verify", str(target), cwd=tmp_path)
    assert done.code == 1
    assert "HỎNG" in done.out


def test_a_folder_is_not_a_backup(tmp_path: Path, cli: Cli) -> None:
    done = cli("backup", "verify", str(tmp_path), cwd=tmp_path)
    assert done.code == 2
    assert "không có tệp sao lưu" in done.err
