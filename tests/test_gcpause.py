"""hsdt.gcpause: the cyclic collector is off inside a bulk pass and as it was after."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from hsdt.gcpause import paused


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_off_inside_and_on_after() -> None:
    gc.enable()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_blocks_keep_it_off_until_the_outermost_ends() -> None:
    gc.enable()
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_switches_it_back_on() -> None:
    gc.enable()
    with pytest.raises(ValueError, match="hỏng"), paused():
        raise ValueError("hỏng")
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def _young_cycle_after_allocations() -> weakref.ref[_Node]:
    """A cycle made garbage, then ten times the youngest generation's threshold of new
    containers (enough for the collector to run several times when it is on)."""
    node = _Node()
    gone = weakref.ref(node)
    del node
    kept = [[] for _ in range(10 * gc.get_threshold()[0])]
    assert kept
    return gone


def test_the_collector_does_not_run_inside_and_collects_the_pass_cycles_after() -> None:
    gc.enable()
    control = _young_cycle_after_allocations()
    assert control() is None  # on: the allocations ran it and it freed the cycle
    with paused():
        gone = _young_cycle_after_allocations()
        assert gone() is not None  # paused: the same allocations did not run it
    gc.collect()
    assert gone() is None
