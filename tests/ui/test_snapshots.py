"""SVG snapshots of the reader's main states, wide and narrow.

Review the report (``pytest --snapshot-report``) before accepting a changed snapshot with
``pytest --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reader.importer import import_text, write_pack
from reader.model import Pack
from reader.open import LocalSource
from reader.ui.app import LateralApp, make_app

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


# -- author mode ------------------------------------------------------------------------------

AUTHOR_ARTICLE = (
    "Floods in the valley\n\n"
    "The river rose by two metres in 2021, the council said.[1] Nobody was hurt that night. "
    "Repairs cost four million euros.[2]\n\n"
    "Some residents left the valley for good.\n\n"
    "Notes\n\n[1] Valley Council, flood report, 2021.\n\n[2] Regional budget, 2022.\n"
)


def _author_app(tmp_path: Path) -> LateralApp:
    import datetime as dt

    folder = tmp_path / "floods"
    write_pack(import_text(AUTHOR_ARTICLE, source_name="floods.txt", today=dt.date(2026, 1, 5)),
               folder)
    return make_app(source=LocalSource(folder), state_dir=tmp_path / "data", author=True)


def author_steps(*keys: str, sentence: str | None = None, focus: str | None = None,
                 after: tuple[str, ...] = ()) -> Steps:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app = pilot.app
        app.clear_notifications()
        if sentence is not None:
            screen = reader(app)  # type: ignore[arg-type]
            article = screen.pack.article
            screen.go_to_sentence(next(i for i, s in enumerate(article.sentences)
                                       if sentence in article.text[s.start : s.end]))
        await pilot.press(*keys)
        await settle(pilot)
        if focus is not None:
            app.screen.query_one(focus).focus()
        await pilot.press(*after)
        for field in app.query(Input):
            field.cursor_blink = False
        for area in app.query(TextArea):
            area.cursor_blink = False
        await settle(pilot)

    return run


@SIZES
def test_author_choosing_a_quote(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_author_app(tmp_path), terminal_size=size,
                        run_before=author_steps("c", "shift+left", sentence="Nobody was hurt"))


@SIZES
def test_author_claim_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_author_app(tmp_path), terminal_size=size,
                        run_before=author_steps("c", sentence="Repairs cost"))


@SIZES
def test_author_account_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_author_app(tmp_path), terminal_size=size,
                        run_before=author_steps("c", sentence="Repairs cost",
                                                focus="#claim-accounts", after=("a", *"bud")))


@SIZES
def test_author_stub_review(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_author_app(tmp_path), terminal_size=size,
                        run_before=author_steps("R"))
