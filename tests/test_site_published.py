"""One function decides "đã công bố": the site publishes exactly what ``hsdt status`` shows
in that state, on the same real school (tests/site_world.py)."""

from __future__ import annotations

from hsdt.load.profile import load_school
from hsdt.site.build import SiteOptions, prepare
from hsdt.workflow.status import State, published, record_states
from tests.samples import LESSON_REL
from tests.site_world import (
    INTERNAL_REL,
    PAYLOAD_REL,
    PERSONAL_REL,
    POST_REL,
    PRIVATE_REL,
    SENT_BACK_REL,
    UNAPPROVED_REL,
    SiteWorld,
)
from tests.test_site_build import page_of


def test_site_and_status_agree_on_what_is_published(site_world: SiteWorld) -> None:
    root = site_world.root
    school = load_school(root)
    states = record_states(root, school)
    shown = {path for path, s in states.items() if s.state is State.PUBLISHED}
    assert shown == {LESSON_REL, PAYLOAD_REL, PERSONAL_REL, POST_REL}
    assert {s.path for s in published(root, school, "main")} == shown
    assert {p.path for p in prepare(SiteOptions(root)).pages} == shown
    on_site = {path for path in states if page_of(site_world.site, path).is_file()}
    assert on_site == shown


def test_what_keeps_the_others_off_the_site(site_world: SiteWorld) -> None:
    states = record_states(site_world.root, load_school(site_world.root))
    # approved and fully signed, but the type is internal or private
    assert states[INTERNAL_REL].state is State.SIGNED
    assert states[PRIVATE_REL].state is State.SIGNED
    assert states[UNAPPROVED_REL].state is State.SUBMITTED
    assert states[SENT_BACK_REL].state is State.CHANGES
    assert states[SENT_BACK_REL].reason == "Cần bổ sung phần vận dụng"


def test_a_commit_before_the_publication_publishes_nothing(site_world: SiteWorld) -> None:
    root = site_world.root
    school = load_school(root)
    # before the clerk's publication commit the PDFs were not there: approved, not published
    from tests.conftest import git

    first_publish = git(root, "log", "--format=%H", "--grep=Hsdt-Published", "main").split()[-1]
    assert published(root, school, f"{first_publish}~1") == []
    assert {p.path for p in prepare(SiteOptions(root, rev=f"{first_publish}~1")).pages} == set()
