"""Pausing the cyclic collector while a pack is built, and always resuming it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from reader.gcpolicy import paused_gc


@pytest.fixture(autouse=True)
def collector_running() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_paused_inside_and_running_after() -> None:
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_runs_again_after_an_error() -> None:
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("a pack that fails half-way")
    assert gc.isenabled()


def test_overlapping_pauses_never_leave_it_paused() -> None:
    first, second = paused_gc(), paused_gc()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the one that paused it ends first
    assert gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_collector_paused_by_its_owner_stays_paused() -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()
