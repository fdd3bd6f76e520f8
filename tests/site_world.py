"""A school whose website has something to show and much to hide, built once per session.

The demo school (le-khac-can) with lesson plans made public and sealed on publication (so the
seal alone completes their signatures), on a real bare repository with the hooks installed:

- two published lesson plans (one carrying script, event-handler, ``javascript:`` and
  CSS-expression payloads in its title and body), and one whose personal field
  (``hoc_sinh_can_ho_tro``) names a pupil;
- an internal group plan (``kh-day-hoc-to`` made ``noi_bo``) and a private one
  (``kh-hoat-dong-to`` made ``rieng_tu``), both approved, sealed and signed;
- a lesson plan submitted and never approved, one sent back;
- a website post (``bai-viet-website``, public, vetted by the group head and approved by the
  vice-principal, signed by the group head and sealed).

Each hidden record carries a word found nowhere else, so a test can grep the whole built
site for it. The site is built with the real plugin through ``mkdocs build --strict``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hsdt.load.profile import load_school
from hsdt.sign.demopki import DemoPki
from hsdt.sign.signers import load_pkcs12
from hsdt.workflow.approve import approve
from hsdt.workflow.publish import SealOptions, publish
from tests.conftest import GIT_ENV
from tests.gitworld import Person, World
from tests.render_samples import sample_body
from tests.samples import LESSON_REL, lesson_text
from tests.sign_helpers import roster_knows_pki

LESSONS = "records/2025-2026/to-khtn/{who}/khbd-trung-hoc/{name}.md"
PAYLOAD_REL = LESSONS.format(who="gv-toan-02", name="2025-10-16-tiet-thu-nghiem")
PERSONAL_REL = LESSONS.format(who="gv-toan-03", name="2025-10-16-on-tap-phan-so")
UNAPPROVED_REL = LESSONS.format(who="gv-toan-02", name="2025-10-16-so-sanh-phan-so")
SENT_BACK_REL = LESSONS.format(who="gv-toan-03", name="2025-10-16-quy-dong-mau-so")
INTERNAL_REL = "records/2025-2026/to-khtn/kh-day-hoc-to/toan-khoi-6.md"
PRIVATE_REL = "records/2025-2026/to-khtn/kh-hoat-dong-to/khoi-6.md"
POST_REL = "records/2025-2026/to-khtn/bai-viet-website/2025-10-10-hoi-giang-cap-to.md"
POST_TITLE = "Hội giảng cấp tổ chào mừng ngày 20-11"
POST_POLICY = """  bai-viet-website:
    nguoi_nop: [giao_vien, to_truong, to_pho, nhom_truong]
    duyet:
      - [to_truong, to_pho, nhom_truong]
      - [pho_hieu_truong]
    cong_khai: cong_khai
    chu_ky: [to_truong, con_dau]
"""
"""The demo school gains website posts, approved as Vĩnh Hào's rules have them (the group head
vets, the vice-principal approves); the group head signs, the seal completes."""

PUPIL = "Lò Thị Bímật"
"""The pupil named in a personal field: must appear in no output file."""
SECRETS = {
    INTERNAL_REL: "NOIBOKHONGDANG",
    PRIVATE_REL: "RIENGTUKHONGDANG",
    UNAPPROVED_REL: "CHUADUYETKHONGDANG",
    SENT_BACK_REL: "TRAVEKHONGDANG",
}
"""A word only each hidden record holds."""

TITLE_PAYLOAD = 'Tiết thử nghiệm <script>alert("tieu-de")</script><img src=x onerror=alert(2)>'
BODY_PAYLOAD = (
    "\n\n<script>alert('than')</script>\n\n"
    '<p onclick="alert(3)" style="width: expression(alert(4))">Đoạn có sự kiện</p>\n\n'
    '<a href="javascript:alert(5)">liên kết độc</a> '
    "[liên kết markdown](javascript:alert(6)) "
    '<img src="//evil.example/x.png" onerror="alert(7)">\n\n'
    '<div style="background:url(javascript:alert(8))">nền</div>\n'
)
SIGNERS = {"gv-toan-01": "to_truong", "ht-01": "hieu_truong"}
"""Who signs in person (staff id → demo identity): the group head, the principal."""
SUNDAY = "2025-10-12T20:00:00+07:00"
MONDAY = "2025-10-13T09:00:00+07:00"


@dataclass(frozen=True)
class SiteWorld:
    """The school, its server and its built site."""

    world: World
    root: Path
    """The clerk's clone, up to date with main (where the site is built)."""
    site: Path
    """The built site."""
    build: subprocess.CompletedProcess[str]
    """The ``mkdocs build --strict`` run."""


def _edit_profile(folder: Path) -> None:
    rules = folder / "quy-che.yml"
    text = rules.read_text(encoding="utf-8")
    text = text.replace(
        "    cong_khai: noi_bo\n    chu_ky: [nguoi_lap, to_truong]",
        "    cong_khai: cong_khai\n    chu_ky: [to_truong, con_dau]",
        1,
    )
    for type_id, visibility in (("kh-day-hoc-to", "noi_bo"), ("kh-hoat-dong-to", "rieng_tu")):
        text = re.sub(
            rf"(  {type_id}:\n(?:    .*\n)*?)    cong_khai: cong_khai\n    chu_ky: \[[^\]]*\]",
            rf"\1    cong_khai: {visibility}\n    chu_ky: [hieu_truong, con_dau]",
            text,
        )
    # This world seals on publication (issue 14 made "the seal after the people" the default).
    text += "\nky_so:\n  dong_dau: khi_cong_bo\n"
    text = text.replace("loai_ho_so:\n", "loai_ho_so:\n" + POST_POLICY, 1)
    rules.write_text(text, encoding="utf-8")


def _post(world: World) -> str:
    author = world.person("gv-toan-03")
    record_type = load_school(author.root).types["bai-viet-website"]
    text = (
        f"---\nloai: bai-viet-website\nnam_hoc: 2025-2026\ntieu_de: {POST_TITLE}\n"
        "to: to-khtn\nnguoi_lap: gv-toan-03\nchuyen_muc: Hoạt động giáo dục\n"
        "ngay_su_kien: 2025-10-10\n---\n\n" + sample_body(record_type)
    )
    return _submit(world, "gv-toan-03", POST_REL, text, "2025-10-10T17:00:00+07:00")


def _lesson(who: str, title: str, extra: str = "", body_tail: str = "") -> str:
    head, body = lesson_text().split("\n---\n", 1)
    head = head.replace("tieu_de: Phân số bằng nhau", f"tieu_de: '{title}'")
    head = head.replace("giao_vien: gv-toan-02", f"giao_vien: {who}")
    return head + extra + "\n---\n" + body + body_tail


def _submit(world: World, who: str, rel: str, text: str, when: str = SUNDAY) -> str:
    person = world.person(who)
    person.write(rel, text)
    type_id = rel.split("/")[-2]
    branch = f"nop/{who}/{type_id}/{rel.rsplit('/', 1)[-1].removesuffix('.md')}"
    done = person.commit_push(branch, [rel], when=when, received=when)
    assert done.returncode == 0, done.stderr
    person.git("switch", "-q", "--detach", "origin/main")
    return branch


def _review(world: World, who: str, branch: str, at: str, reason: str | None = None) -> None:
    person = world.person(who)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HSDT_RECEIVE_TIME", at)
        approve(person.root, load_school(person.root), who, branch, reason=reason)


def _group_plan(world: World, rel: str, type_id: str, title: str, secret: str) -> str:
    head = world.person("gv-toan-01")
    record_type = load_school(head.root).types[type_id]
    text = (
        f"---\nloai: {type_id}\nnam_hoc: 2025-2026\ntieu_de: {title}\nto: to-khtn\n"
        f"nguoi_lap: gv-toan-01\n"
        + ("mon: Toán\n" if type_id == "kh-day-hoc-to" else "")
        + f"khoi: Khối 6\n---\n\n{secret}\n\n"
        + sample_body(record_type)
    )
    return _submit(world, "gv-toan-01", rel, text, "2025-09-01T09:00:00+07:00")


def _sign(world: World, pki: DemoPki, who: str, pdf_rel: str, pending: tuple[str, ...]) -> None:
    """``who`` adds their signature to a published PDF through a signed commit on main."""
    from tests.sign_helpers import sign_as

    assert len(pending) == 1, pending
    person = world.person(who)
    person.git("fetch", "-q", "origin")
    person.git("checkout", "-q", "-B", "main", "origin/main")
    pdf = person.root / pdf_rel
    pdf.write_bytes(sign_as(pdf.read_bytes(), pki, SIGNERS[who], pending[0]))
    person.git("add", pdf_rel)
    person.git("commit", "-q", "-S", "-m", f"Ký {pending[0]}")
    pushed = person.push("HEAD:main", received="2025-10-13T16:00:00+07:00")
    assert pushed.returncode == 0, pushed.stderr


def make_site_world(tmp: Path, pki: DemoPki) -> SiteWorld:
    """Build the school, its history and its site under ``tmp``."""

    def prepare(root: Path) -> None:
        roster_knows_pki(root, pki, people=SIGNERS, seal="con_dau")
        trust = root / "signatures" / "tin-cay" / "ca-thu-nghiem.pem"
        trust.parent.mkdir(parents=True, exist_ok=True)
        trust.write_bytes(pki.root.read_bytes())

    world = World(tmp, prepare=prepare, profile_edit=_edit_profile)
    plans = [
        _group_plan(
            world, INTERNAL_REL, "kh-day-hoc-to", "Kế hoạch dạy học Toán 6", SECRETS[INTERNAL_REL]
        ),
        _group_plan(
            world, PRIVATE_REL, "kh-hoat-dong-to", "Kế hoạch hoạt động khối 6", SECRETS[PRIVATE_REL]
        ),
    ]
    for number, branch in enumerate(plans):
        _review(world, "ht-01", branch, f"2025-09-02T0{8 + number}:00:00+07:00")
    lessons = [
        _submit(world, "gv-toan-02", LESSON_REL, lesson_text()),
        _submit(
            world,
            "gv-toan-02",
            PAYLOAD_REL,
            _lesson("gv-toan-02", TITLE_PAYLOAD, body_tail=BODY_PAYLOAD),
        ),
        _submit(
            world,
            "gv-toan-03",
            PERSONAL_REL,
            _lesson("gv-toan-03", "Ôn tập phân số", extra=f"\nhoc_sinh_can_ho_tro: [{PUPIL}]"),
        ),
    ]
    for number, branch in enumerate(lessons):
        _review(world, "gv-toan-01", branch, f"2025-10-13T{9 + number:02d}:00:00+07:00")
    _submit(
        world,
        "gv-toan-02",
        UNAPPROVED_REL,
        _lesson("gv-toan-02", f"So sánh phân số {SECRETS[UNAPPROVED_REL]}"),
    )
    sent_back = _submit(
        world,
        "gv-toan-03",
        SENT_BACK_REL,
        _lesson("gv-toan-03", f"Quy đồng mẫu số {SECRETS[SENT_BACK_REL]}"),
    )
    _review(world, "gv-toan-01", sent_back, MONDAY, reason="Cần bổ sung phần vận dụng")
    post = _post(world)
    _review(world, "gv-toan-01", post, "2025-10-11T08:00:00+07:00")
    _review(world, "pht-02", post, "2025-10-11T10:00:00+07:00")
    clerk: Person = world.admin
    clerk.git("pull", "-q", "--ff-only", "origin", "main")
    school = load_school(clerk.root)
    with load_pkcs12(pki.identity("con_dau").p12, pki.passphrase) as seal:
        report = publish(clerk.root, school, seal=SealOptions(seal))
    assert not report.failed, [f.error.render() for f in report.failed]
    done = clerk.push("main", received="2025-10-13T15:00:00+07:00")
    assert done.returncode == 0, done.stderr
    for item in report.items:
        who = "ht-01" if "/kh-" in item.record else "gv-toan-01"
        _sign(world, pki, who, item.pdf, item.pending)
    clerk.git("pull", "-q", "--ff-only", "origin", "main")
    # the site job reads the server's receive times (approval moments) from its notes
    clerk.git("fetch", "-q", "origin", "+refs/notes/*:refs/notes/*")
    clerk.git("fetch", "-q", "origin")  # the submission branches too: never on the site
    site = tmp / "site"
    build = build_site(clerk.root, site)
    return SiteWorld(world, clerk.root, site, build)


def build_site(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``root`` into ``out``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def site_world(tmp_path_factory: pytest.TempPathFactory, pki: DemoPki) -> Iterator[SiteWorld]:
    """The school and its built site (once per session)."""
    tmp = tmp_path_factory.mktemp("site-world")
    with pytest.MonkeyPatch.context() as mp:
        home = tmp / "home"
        home.mkdir()
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_CONFIG_HOME", str(home / ".config"))
        for key, value in GIT_ENV.items():
            mp.setenv(key, value)
        for key in list(os.environ):
            if key.startswith("HSDT_"):
                mp.delenv(key)
        made = make_site_world(tmp, pki)
        assert made.build.returncode == 0, made.build.stderr
        yield made
