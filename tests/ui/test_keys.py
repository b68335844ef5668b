"""Every key and the mouse, checked against the cursor and what the panel shows."""

from __future__ import annotations

from textual import events

from reader.model import Pack
from reader.ui.app import LateralApp
from reader.ui.internals import notifications
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.outline import OutlineScreen
from reader.ui.screens.search import SearchScreen

from .conftest import reader, settle


def sentence_text(pack: Pack, index: int) -> str:
    return pack.article.sentence_text(index)


async def test_start_state(app: LateralApp, tutorial: Pack) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.cursor == 0
        assert "No footnote on this sentence." in screen.panel.plain_text
        assert "No claim on this sentence." in screen.panel.plain_text
        position = screen.query_one("#status-position").render()
        assert str(position) == f"next claim C1 of {len(tutorial.claims)} · 0%"


async def test_sentence_keys(app: LateralApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        for key, expected in [("j", 1), ("down", 2), ("k", 1), ("up", 0), ("up", 0)]:
            await pilot.press(key)
            assert screen.cursor == expected, key


async def test_claim_keys_update_panel(app: LateralApp, tutorial: Pack) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        first_claim = screen.navigator.placed_claims[0]
        assert screen.cursor == first_claim.sentences[0]
        text = screen.panel.plain_text
        assert "◐ Needs context" in text
        assert "The pack format describes a verdict" in text
        assert "REVIEWER NOTES" in text and "DISCUSSION QUESTIONS" in text
        status = str(screen.query_one("#status-position").render())
        assert status.startswith(f"claim C1 of {len(tutorial.claims)}")
        claims = screen.navigator.placed_claims
        false = next(i for i, c in enumerate(claims) if c.verdict == "false")
        await pilot.press(*["right_square_bracket"] * false)
        await settle(pilot)
        assert "✘ False" in screen.panel.plain_text
        assert "quit (your place is remembered)" in screen.panel.plain_text
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.cursor == screen.navigator.placed_claims[false - 1].sentences[0]
        assert screen.navigator.placed_claims[false - 1].verdict == "supported"
        assert "✔ Supported" in screen.panel.plain_text


async def test_paragraph_and_end_keys(app: LateralApp, tutorial: Pack) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("right_curly_bracket")
        assert sentence_text(tutorial, screen.cursor).startswith("This short article")
        await pilot.press("right_curly_bracket")
        assert sentence_text(tutorial, screen.cursor).startswith("The article is on the left")
        await pilot.press("left_curly_bracket")
        assert sentence_text(tutorial, screen.cursor).startswith("This short article")
        last = len(tutorial.article.sentences) - 1
        for key, expected in [("G", last), ("g", 0), ("end", last), ("home", 0)]:
            await pilot.press(key)
            assert screen.cursor == expected, key


async def test_page_keys(tutorial: Pack) -> None:
    from reader.ui.app import make_app

    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(80, 20)) as pilot:
        screen = reader(app)
        await pilot.press("pagedown")
        assert screen.cursor > 1
        after_one_page = screen.cursor
        await pilot.press("space")
        assert screen.cursor > after_one_page
        await pilot.press("pageup", "b")
        assert screen.cursor < after_one_page


async def test_footnote_key_cycles_and_says_when_there_is_none(
    app: LateralApp, tutorial: Pack
) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = reader(app)
        await pilot.press("f")
        assert screen.footnote_focus is None
        assert [n.message for n in notifications(app)] == ["This sentence has no footnote."]
        with_note = next(s.index for s in tutorial.article.sentences if s.footnotes)
        screen.go_to_sentence(with_note)
        await settle(pilot)
        panel = screen.panel.plain_text
        assert "[1] in the article's footnotes" in panel
        assert "data/articles/tutorial/pack.toml" in panel

        def focus() -> int | None:  # read afresh each time (see conftest.on_top)
            return screen.footnote_focus

        await pilot.press("f")
        assert focus() == 0
        await pilot.press("f")
        assert focus() == 1


async def test_note_sentence_shows_its_own_card(app: LateralApp, tutorial: Pack) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("G")
        await settle(pilot)
        assert "The reader's help screen" in screen.panel.plain_text
        assert "press ? and look for the f key" in screen.panel.plain_text


async def test_search_and_matches(app: LateralApp, tutorial: Pack) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        assert screen.check_action("next_match", ()) is None
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"outline", "enter")
        await settle(pilot)
        assert len(screen.search.matches) == 2
        first = screen.cursor
        assert "outline" in sentence_text(tutorial, first).lower()
        await pilot.press("n")
        assert screen.cursor != first
        assert "outline" in sentence_text(tutorial, screen.cursor).lower()
        await pilot.press("N")
        assert screen.cursor == first
        assert "match 1 of 2" in str(screen.query_one("#status-position").render())


async def test_search_without_match_and_cancel(app: LateralApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = reader(app)
        await pilot.press("slash", *"zebra", "enter")
        await settle(pilot)
        assert screen.search.matches == [] and screen.cursor == 0
        await pilot.press("slash", "x", "escape")
        assert app.screen is screen and screen.search.query == "zebra"


async def test_outline_filters_and_jumps(app: LateralApp, tutorial: Pack) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("o")
        outline = app.screen
        assert isinstance(outline, OutlineScreen)
        assert outline.filters[0] is None and len(outline.filters) == 6
        await pilot.press("v")
        assert outline.filter_index == 1
        await pilot.press("0", "j", "j", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.cursor == screen.navigator.placed_claims[2].sentences[0]


async def test_outline_filter_by_verdict_number(app: LateralApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("o")
        outline = app.screen
        assert isinstance(outline, OutlineScreen)
        false_index = outline.filters.index("false")
        await pilot.press(str(false_index), "enter")
        await settle(pilot)
        assert "✘ False" in screen.panel.plain_text


async def test_panel_toggle_and_focus(app: LateralApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        assert screen.article_view.has_focus
        await pilot.press("tab")
        assert screen.panel.has_focus
        await pilot.press("j")  # keys still move the sentence from the panel
        assert screen.cursor == 1
        await pilot.press("tab")
        assert screen.article_view.has_focus
        await pilot.press("p")
        await pilot.pause()
        assert screen.has_class("-panel-hidden") and screen.panel.display is False
        await pilot.press("tab")
        assert screen.article_view.has_focus
        await pilot.press("p")
        assert not screen.has_class("-panel-hidden")


async def test_panel_scroll_keys(app: LateralApp) -> None:
    async with app.run_test(size=(120, 12)) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.panel.max_top_line > 0
        await pilot.press("J")
        assert screen.panel.top_line == 3
        await pilot.press("K")
        assert screen.panel.top_line == 0
        await pilot.press("tab", "space")
        assert screen.panel.top_line > 0
        before = screen.panel.top_line
        screen.panel.post_message(
            events.MouseScrollUp(screen.panel, 1, 1, 0, -1, 0, False, False, False)
        )
        await pilot.pause()
        assert screen.panel.top_line < before


async def test_help_screen(app: LateralApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for phrase in [
            "next claim",
            "outline of claims",
            "quit (your place is remembered)",
            "Mouse: click a sentence",
        ]:
            assert phrase in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_quit_key(app: LateralApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_click_selects_sentence(app: LateralApp, tutorial: Pack) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        view = screen.article_view
        layout = view.layout_
        assert layout is not None
        target = next(
            s
            for s in tutorial.article.sentences
            if sentence_text(tutorial, s.index).startswith("Press ]")
        )
        line = layout.sentence_first[target.index]
        # one cell of padding, the margin, then the sentence's column on its first line
        column = 1 + view.gutter_width + (target.start - layout.line_start[line]) + 2
        await pilot.click(view, offset=(column, line - view.scroll_offset.y))
        assert screen.cursor == target.index
        await pilot.click(view, offset=(1 + view.gutter_width, 0))  # the heading
        assert screen.cursor == 0


async def test_mouse_wheel_scrolls(tutorial: Pack) -> None:
    from reader.ui.app import make_app

    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(80, 14)) as pilot:
        await pilot.pause()
        view = reader(app).article_view
        before = view.scroll_offset.y
        view.post_message(events.MouseScrollDown(view, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert view.scroll_offset.y > before
        assert reader(app).cursor == 0  # scrolling does not move the cursor


async def test_command_palette_goes_to_claim(app: LateralApp, tutorial: Pack) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"claim c3", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.cursor == screen.navigator.placed_claims[2].sentences[0]
