"""The reader at 80×24 and below: the panel survives resizes, gets room, shows what `f` marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model import Pack
from reader.notes import StudentNote
from reader.ui.app import make_app
from reader.ui.internals import compositor
from reader.ui.screens.reader_screen import ReaderScreen

from .conftest import reader, settle


def panel_rows(screen: ReaderScreen) -> list[str]:
    panel = screen.panel
    return [panel.render_line(y).text for y in range(panel.size.height)]


async def test_every_resize_redraws_the_panel_whole(bundled: Pack) -> None:
    app = make_app(bundled, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        for size in [(60, 20), (80, 24), (120, 40), (80, 24)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            panel = screen.panel
            rows = panel_rows(screen)
            assert all(len(row) == panel.size.width for row in rows), size
            shown = "\n".join(rows)
            assert "FOOTNOTES" in shown and "CLAIM C1" in shown, (size, shown)


async def test_below_the_article_the_panel_gets_half_the_height(bundled: Pack) -> None:
    app = make_app(bundled, use_state=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = reader(app)
        await settle(pilot)
        assert screen.panel.has_class("-below")
        assert screen.panel.region.height >= screen.article_view.region.height


async def test_my_notes_come_first_in_the_panel(bundled: Pack, tmp_path: Path) -> None:
    app = make_app(bundled, state_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        sentence = bundled.article.sentences[screen.cursor]
        quote = bundled.article.text[sentence.start:sentence.end]
        app.session.work.put_note(StudentNote("n1", quote, "check this one"))
        await settle(pilot)
        text = screen.panel.plain_text
        assert text.startswith("MY NOTES\ncheck this one"), text[:80]


async def test_f_scrolls_the_panel_to_the_footnote_it_marks(bundled: Pack) -> None:
    navigator_sentences = [s.index for s in bundled.article.sentences if len(s.footnotes) >= 2]
    app = make_app(bundled, use_state=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = reader(app)
        await settle(pilot)
        if navigator_sentences:
            screen.go_to_sentence(navigator_sentences[0])
        else:  # one footnote: pressing f still must bring it into view
            screen.go_to_sentence(next(s.index for s in bundled.article.sentences if s.footnotes))
        await settle(pilot)
        presses = 2 if navigator_sentences else 1
        for _ in range(presses):
            await pilot.press("f")
            await settle(pilot)
        panel = screen.panel
        marked = next(n for n, line in enumerate(panel.lines)
                      if any(role == "focus" for _, role in line))
        assert panel.top_line <= marked < panel.top_line + panel.text_height


@pytest.mark.parametrize("width", [60, 80, 99])
async def test_help_and_quit_stay_in_the_footer_on_a_narrow_screen(
    bundled: Pack, width: int
) -> None:
    app = make_app(bundled, use_state=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        bottom = "".join(seg.text for seg in compositor(app.screen).render_strips()[-1])
        assert "? help" in bottom and "q quit" in bottom, bottom


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_panels_focus_shows_without_colour(bundled: Pack, size: tuple[int, int]) -> None:
    app = make_app(bundled, use_state=False)
    async with app.run_test(size=size) as pilot:
        screen = reader(app)
        await settle(pilot)
        before = "".join(panel_rows(screen))
        await pilot.press("tab")
        await settle(pilot)
        assert screen.panel.has_focus
        after = "".join(panel_rows(screen))
        assert ("┃" in after or "━" in after) and "┃" not in before and "━" not in before


async def test_the_outlines_selected_row_has_a_pointer(bundled: Pack) -> None:
    from textual.widgets import OptionList

    app = make_app(bundled, use_state=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        rows = app.screen.query_one(OptionList)
        assert str(rows.get_option_at_index(0).prompt).startswith("▸ C1")
        await pilot.press("j")
        await settle(pilot)
        assert str(rows.get_option_at_index(0).prompt).startswith("  C1")
        assert str(rows.get_option_at_index(1).prompt).startswith("▸ C2")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_terminal_cursor_follows_the_sentence(
    bundled: Pack, size: tuple[int, int]
) -> None:
    """Screen readers that follow the terminal's cursor read what the student is on."""
    app = make_app(bundled, use_state=False)
    async with app.run_test(size=size) as pilot:
        screen = reader(app)
        await settle(pilot)
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            sentence = bundled.article.sentence_text(screen.cursor)
            x, y = app.cursor_position
            row = "".join(seg.text for seg in compositor(app.screen).render_strips()[y])
            assert row[x:].startswith(sentence.split()[0]), (row, x)
        # In a dialog, the cursor is in the field being typed in, or on the chosen row.
        await pilot.press("a")
        await settle(pilot)
        x, y = app.cursor_position
        focused = app.screen.focused
        assert focused is not None and focused.region.contains(x, y)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("o", "down")
        await settle(pilot)
        x, y = app.cursor_position
        row = "".join(seg.text for seg in compositor(app.screen).render_strips()[y])
        assert row[x:].startswith("▸ C"), row


async def test_the_match_shows_inside_the_current_sentence_and_esc_clears_it(
    bundled: Pack,
) -> None:
    from reader.ui.screens.outline import OutlineScreen

    app = make_app(bundled, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        for char in "ceasefire":
            await pilot.press(char)
        await pilot.press("enter")
        await settle(pilot)
        status = str(screen.query_one("#status-position").render())
        assert "match 1 of " in status
        # The match itself is marked, on top of the sentence's highlight, in reverse video.
        view = screen.article_view
        start = screen.search.current_start
        assert start is not None
        assert view.cursor == bundled.article.sentence_at(start)
        assert view.layout_ is not None
        line = view.layout_.line_of(start) - view.scroll_offset.y
        strip = view.render_line(line)
        marked = "".join(seg.text for seg in strip if seg.style is not None and seg.style.reverse)
        assert "ceasefire" in marked.lower(), marked
        # A jump from the outline leaves the match: the count stays, the position goes.
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OutlineScreen)
        await pilot.press("end", "enter")
        await settle(pilot)
        status = str(screen.query_one("#status-position").render())
        assert "matches (n: next, Esc: clear)" in status and "match 1 of" not in status
        await pilot.press("escape")
        await settle(pilot)
        assert "match" not in str(screen.query_one("#status-position").render())


async def test_after_a_guess_the_panel_shows_it_on_a_small_screen(
    bundled: Pack, tmp_path: Path
) -> None:
    from textual.widgets import Input

    app = make_app(bundled, state_dir=tmp_path, quiz=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket", "right_square_bracket")  # C2 has a footnote
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        app.screen.query_one(Input).value = "one side's reading"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        panel = screen.panel
        top = panel.lines[panel.top_line]
        assert top and top[0] == ("YOUR GUESS", "title"), top
