"""SVG snapshots of the reader's main states, wide and narrow.

Review the report (``pytest --snapshot-report``) before accepting a changed snapshot with
``pytest --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.model import Pack
from reader.ui.app import make_app

from .conftest import reader, settle

WIDE = (120, 40)
NARROW = (80, 24)
SIZES = pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])

Steps = Callable[[Pilot[None]], Awaitable[None]]


def steps(*keys: str, footnote_sentence: bool = False) -> Steps:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = reader(pilot.app)  # type: ignore[arg-type]
        if footnote_sentence:
            pack = screen.pack
            target = next(
                s.index
                for s in pack.article.sentences
                if s.footnotes and not screen.navigator.claims_at.get(s.index)
            )
            screen.go_to_sentence(target)
        await pilot.press(*keys)
        for field in pilot.app.query(Input):
            field.cursor_blink = False
        await settle(pilot)

    return run


@SIZES
def test_start(snap_compare, tutorial: Pack, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tutorial, use_state=False), terminal_size=size, run_before=steps())


@SIZES
def test_claim_with_accounts(snap_compare, tutorial: Pack, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False)
    assert snap_compare(app, terminal_size=size, run_before=steps("right_square_bracket"))


@SIZES
def test_footnote_without_claim(snap_compare, tutorial: Pack, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False)
    assert snap_compare(app, terminal_size=size, run_before=steps(footnote_sentence=True))


@SIZES
def test_outline(snap_compare, tutorial: Pack, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False)
    assert snap_compare(app, terminal_size=size, run_before=steps("o"))


@SIZES
def test_help(snap_compare, tutorial: Pack, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False)
    assert snap_compare(app, terminal_size=size, run_before=steps("question_mark"))


@SIZES
def test_search_prompt(snap_compare, tutorial: Pack, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False)
    assert snap_compare(app, terminal_size=size, run_before=steps("slash", *"margin"))


@SIZES
def test_search_results(snap_compare, tutorial: Pack, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False)
    assert snap_compare(app, terminal_size=size, run_before=steps("slash", *"claim", "enter", "n"))


def test_panel_hidden_narrow(snap_compare, tutorial: Pack) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False)
    assert snap_compare(app, terminal_size=NARROW, run_before=steps("right_square_bracket", "p"))


def test_high_contrast_theme(snap_compare, tutorial: Pack) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False)
    app.theme = "lateral-high-contrast"
    assert snap_compare(
        app, terminal_size=WIDE, run_before=steps("right_square_bracket", "right_square_bracket")
    )


@SIZES
def test_quiz_claim_hidden(snap_compare, tutorial: Pack, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False, quiz=True)
    assert snap_compare(app, terminal_size=size, run_before=steps("right_square_bracket"))


@SIZES
def test_guess(snap_compare, tutorial: Pack, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False, quiz=True)
    assert snap_compare(app, terminal_size=size, run_before=steps("right_square_bracket", "v"))


def test_note_editor_narrow(snap_compare, tutorial: Pack) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False)
    assert snap_compare(
        app, terminal_size=NARROW, run_before=steps("right_square_bracket", "a", *"Who wrote this?")
    )


def test_summary(snap_compare, tutorial: Pack) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tutorial, use_state=False)
    assert snap_compare(app, terminal_size=WIDE, run_before=steps("s"))


def test_panel_after_resizes(snap_compare, tutorial: Pack) -> None:  # type: ignore[no-untyped-def]
    """120×40, then 60×20, then 80×24 with the panel below: the panel is drawn whole."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("right_square_bracket")
        for size in [(60, 20), (80, 24)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)

    assert snap_compare(make_app(tutorial, use_state=False), terminal_size=WIDE, run_before=run)
