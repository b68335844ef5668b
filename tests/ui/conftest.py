"""Fixtures for the interface tests: the tutorial pack and a way to let the app settle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from reader.model import Pack
from reader.pack.load import load_pack
from reader.ui.app import LateralApp, make_app
from reader.ui.screens.reader_screen import ReaderScreen

TUTORIAL = Path(__file__).resolve().parents[2] / "data" / "articles" / "tutorial"


@pytest.fixture(scope="session")
def tutorial() -> Pack:
    pack = load_pack(TUTORIAL).pack
    assert pack is not None
    return pack


@pytest.fixture
def app(tutorial: Pack) -> LateralApp:
    return make_app(tutorial, use_state=False)


def reader(app: LateralApp) -> ReaderScreen:
    for screen in app.screen_stack:
        if isinstance(screen, ReaderScreen):
            return screen
    raise AssertionError("no reader screen")


def on_top(app: LateralApp) -> Screen[Any]:
    """The screen on top now. A call, not ``app.screen``: a type checker would otherwise
    carry what an earlier ``assert app.screen is ...`` told it past the keys pressed since."""
    return app.screen


async def settle(pilot: Pilot[None]) -> None:
    """Let pending messages (a click's move, the session's changes) run, and what they
    change be drawn."""
    await pilot.pause()
    await pilot.pause()
