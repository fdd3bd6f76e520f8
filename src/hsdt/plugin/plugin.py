"""The thin MkDocs plugin: options in, :mod:`hsdt.site` called, files out.

- ``on_config``: no web fonts (``theme.font: false``), so the build fetches nothing;
- ``on_files``: :func:`hsdt.site.build.prepare`, then the archive's home and the page shells
  (one per depth, outside the navigation) added as generated pages;
- ``on_page_markdown``: the school's home put on top of ``index.md``;
- ``on_post_page``, ``on_post_template``: a Content Security Policy on every page (404 too);
  the shells are kept, not written;
- ``on_post_build``: :func:`hsdt.site.build.write` (record and browsing pages, PDFs), the
  shells taken out of the sitemap, then :func:`_index_search`, the one call point of the
  search index.
"""

from __future__ import annotations

import gzip
import logging
import re
import time
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from hsdt.errors import HsdtError
from hsdt.plugin.config import HsdtConfig
from hsdt.site.csp import with_policy
from hsdt.site.shell import DEPTHS, Shell, shell_markdown
from hsdt.site.urls import PREFIX, SHELL, shell_parts

log = logging.getLogger("mkdocs.plugins.hsdt")


def _index_search(site_dir: Path) -> None:
    """The search index over the built site (:func:`hsdt.site.search.index_site`): every record
    page's indexable content is in one ``data-pagefind-body`` element; listings carry none."""
    from hsdt.i18n import tr
    from hsdt.site.search import index_site

    stats = index_site(site_dir)
    log.info(tr("site.indexed", pages=stats.pages))


class HsdtPlugin(BasePlugin[HsdtConfig]):  # type: ignore[no-untyped-call]
    """``plugins: [hsdt]``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._prepared: Any = None
        self._shells: dict[int, Shell] = {}
        self._shell_files: dict[str, int] = {}
        self._root = Path(".")
        self._config_dir = Path(".")

    def on_config(self, config: Any) -> Any:
        if not self.config.enabled:
            return config
        self._config_dir = Path(config.config_file_path or ".").resolve().parent
        self._root = (self._config_dir / self.config.repository).resolve()
        config.theme["font"] = False  # no Google Fonts: nothing is fetched at build or view
        _add_search_box(config)
        return config

    def _options(self) -> Any:
        from hsdt.site.build import SiteOptions

        trust = self._root / self.config.trust if self.config.trust else None
        return SiteOptions(
            root=self._root,
            school_id=self.config.school,
            rev=self.config.rev,
            trust=trust,
            cache=self._config_dir / self.config.cache_dir,
            jobs=self.config.jobs,
        )

    def on_files(self, files: Files, config: Any) -> Files:
        if not self.config.enabled:
            return files
        from hsdt.site.build import prepare
        from hsdt.site.html import listing_html

        started = time.perf_counter()
        try:
            self._prepared = prepare(self._options())
        except HsdtError as e:
            raise PluginError(e.render()) from e
        log.debug(f"hsdt: prepare {time.perf_counter() - started:.2f} s")
        for path, reason in self._prepared.skipped:
            log.warning(f"{path}: {reason.render()}")
        home = self._prepared.home()
        content = (
            f"---\ntitle: {_plain(home.title)}\n---\n\n"
            f'<div class="hsdt-home">\n{listing_html(home)}</div>\n'
        )
        files.append(File.generated(config, f"{PREFIX}/index.md", content=content))
        from hsdt.site.search import asset_files

        for uri, path in asset_files().items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        self._shell_files = {}
        for depth in DEPTHS:
            src = "/".join(shell_parts(depth)) + ".md"
            files.append(
                File.generated(
                    config, src, content=shell_markdown(), inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
            self._shell_files[src] = depth
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        if not self.config.enabled or not self.config.home or page.file.src_uri != "index.md":
            return markdown
        from dataclasses import replace

        from hsdt.site.html import listing_html

        home = replace(self._prepared.home(), parts=())
        return f'<div class="hsdt-home">\n{listing_html(home)}</div>\n\n{markdown}'

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if not self.config.enabled:
            return output
        output = with_policy(output)
        depth = self._shell_files.get(page.file.src_uri)
        if depth is not None:
            try:
                self._shells[depth] = Shell.from_html(depth, output)
            except HsdtError as e:
                raise PluginError(e.render()) from e
            return ""  # a shell is a template, not a page
        return output

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        return with_policy(output_content)  # 404.html

    def on_post_build(self, config: Any) -> None:
        if not self.config.enabled or self._prepared is None:
            return
        from hsdt.site.build import write

        site_dir = Path(config.site_dir)
        try:
            done = write(self._prepared, self._shells, site_dir)
        except HsdtError as e:
            raise PluginError(e.render()) from e
        from hsdt.i18n import tr

        log.debug("hsdt: " + ", ".join(f"{name} {sec:.2f} s" for name, sec in done.seconds))
        for path in done.bad:
            log.warning(tr("site.bad_pdf", path=path))
        log.info(
            tr(
                "site.built",
                records=done.record_pages,
                listings=done.listing_pages,
                pdfs=done.pdfs,
                verified=done.verified,
                out=config.site_dir,
            )
        )
        _drop_shells_from_sitemap(site_dir)
        try:
            _index_search(site_dir)
        except HsdtError as e:
            raise PluginError(e.render()) from e


def _add_search_box(config: Any) -> None:
    """The Vietnamese search box's script and style, as MkDocs' own entries (a validated
    config holds ``ExtraScriptValue`` objects, not the dicts a user writes)."""
    from mkdocs.config.config_options import ExtraScriptValue

    from hsdt.site.search import mkdocs_config

    wanted = mkdocs_config()
    present = {str(s) for s in config["extra_javascript"]}
    for entry in wanted["extra_javascript"]:
        if entry["path"] not in present:
            script = ExtraScriptValue(entry["path"])
            script.defer = bool(entry.get("defer", False))
            config["extra_javascript"].append(script)
    for sheet in wanted["extra_css"]:
        if sheet not in config["extra_css"]:
            config["extra_css"].append(sheet)


def _plain(title: str) -> str:
    """A title safe as a YAML scalar and in templates that do not escape (no markup)."""
    cleaned = re.sub(r"[<>&\"'\\\n\r]", "", title)
    return '"' + cleaned + '"'


def _drop_shells_from_sitemap(site_dir: Path) -> None:
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    kept = re.sub(
        r"\s*<url>(?:(?!</url>).)*?/" + SHELL + r"/(?:(?!</url>).)*?</url>", "", text, flags=re.S
    )
    sitemap.write_text(kept, encoding="utf-8")
    packed = site_dir / "sitemap.xml.gz"
    if packed.is_file():
        packed.write_bytes(gzip.compress(kept.encode("utf-8"), mtime=0))
