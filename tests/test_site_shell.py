"""Page shells, the Content Security Policy and the site's URLs."""

from __future__ import annotations

import base64
import hashlib

import pytest

from hsdt.errors import SiteError
from hsdt.site.csp import inline_hashes, with_policy
from hsdt.site.shell import SLOT_MARK, TITLE_MARK, Shell, shell_markdown
from hsdt.site.urls import relative, url_of
from tests.test_site_records import shell


def test_shell_fills_title_content_and_url() -> None:
    parts = ("ho-so", "2025-2026", "to-khtn", "gv-toan-02", "khbd-trung-hoc", "bai-1")
    out = shell().fill(parts, 'A & B <i>"c"</i>', "<p>nội dung</p>")
    assert "<title>A &amp; B &lt;i&gt;&quot;c&quot;&lt;/i&gt; - Trường</title>" in out
    assert "<h2>A &amp; B &lt;i&gt;&quot;c&quot;&lt;/i&gt;</h2><p>nội dung</p>" in out
    assert (
        'href="https://truong.example/ho-so/2025-2026/to-khtn/gv-toan-02/khbd-trung-hoc/bai-1/"'
        in out
    )
    assert "_mau" not in out
    assert TITLE_MARK in shell_markdown()
    assert SLOT_MARK in shell_markdown()


def test_shell_refuses_a_page_of_another_depth_or_a_broken_template() -> None:
    with pytest.raises(SiteError):
        shell(6).fill(("ho-so", "2025-2026"), "t", "c")
    with pytest.raises(SiteError):
        Shell.from_html(3, f"<title>{TITLE_MARK}</title><body>no slot</body>")
    with pytest.raises(SiteError):
        Shell.from_html(3, f"<body>{SLOT_MARK}{SLOT_MARK}</body>")


def test_policy_lists_exactly_the_inline_scripts() -> None:
    page = (
        '<html><head><meta charset="utf-8"><script>var a=1</script></head><body>'
        '<script src="x.js"></script><script id="c" type="application/json">{"a":1}</script>'
        "<script>var a=1</script><script>\nvar b=2\n</script></body></html>"
    )
    digest = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    hashes = inline_hashes(page)
    assert hashes[0] == f"'sha256-{digest}'"
    assert len(hashes) == 2
    out = with_policy(page)
    assert out.startswith(
        '<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"'
    )
    policy = out.split('content="', 1)[1].split('"', 1)[0]
    script_src = policy.split("script-src ", 1)[1].split(";", 1)[0]
    assert script_src.split() == ["'self'", *hashes]
    assert "object-src 'none'" in policy
    assert "'unsafe-inline'" not in script_src


def test_links_are_relative_and_encoded() -> None:
    here = ("ho-so", "2025-2026", "to-khtn")
    assert relative(here, ("ho-so",)) == "../../"
    assert relative(here, (*here, "gv a")) == "gv%20a/"
    assert relative(here, here, "ban ký.pdf") == "ban%20k%C3%BD.pdf"
    assert relative(here, here) == "./"
    assert relative((), ("ho-so", "loai")) == "ho-so/loai/"
    assert url_of(("a/b", "c")) == "a%2Fb/c/"
