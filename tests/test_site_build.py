"""The school's site built with the real plugin (``mkdocs build --strict``) from a real school
repository: what is published, what never is, and how payloads end up."""

from __future__ import annotations

from tests.site_world import SiteWorld


def test_smoke(site_world: SiteWorld) -> None:
    print(site_world.build.stderr)
    files = sorted(p.relative_to(site_world.site).as_posix() for p in site_world.site.rglob("*") if p.is_file() and "assets" not in p.parts)
    print("\n".join(files))
    assert False
