"""How the article view and the panel draw: their own lines, scroll bars and repaints."""

from __future__ import annotations

from typing import Any

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from reader.model import Pack
from reader.panel import panel_sections
from reader.ui.app import make_app
from reader.ui.internals import clear_styles_cache
from reader.ui.widgets.side_panel import SidePanel

from .conftest import reader, settle


def cells(strips: list[Strip]) -> list[list[tuple[str, Any]]]:
    """Each line as (character, style) per cell, whatever the segments' boundaries."""
    return [[(ch, seg.style) for seg in strip for ch in seg.text] for strip in strips]


def record_panel_refreshes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Region, ...]]:
    """Every repaint the panel asks for from now on: the regions it names (none: all of it)."""
    requests: list[tuple[Region, ...]] = []
    original = SidePanel.refresh

    def recording(self: SidePanel, *regions: Region, **kwargs: Any) -> Any:
        requests.append(regions)
        return original(self, *regions, **kwargs)

    monkeypatch.setattr(SidePanel, "refresh", recording)
    return requests


@pytest.mark.parametrize("no_color", [False, True])
async def test_lines_drawn_directly_match_textual_own_path(
    tutorial: Pack, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    # The view and the panel hand Textual finished lines, skipping its styles cache; what
    # they hand over must be what the cache would have made, line filters (NO_COLOR) included.
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "j")
        await settle(pilot)
        screen = reader(app)
        assert app.get_line_filters() or not no_color
        for widget in (screen.article_view, screen.panel):
            width, height = widget.size
            for crop in (Region(0, 0, width, height), Region(3, 2, width - 7, 5)):
                direct = widget.render_lines(crop)
                clear_styles_cache(widget)
                through_cache = Widget.render_lines(widget, crop)
                assert len(direct) == crop.height
                assert cells(direct) == cells(through_cache), type(widget).__name__


async def test_a_border_or_padding_falls_back_to_textual_path(tutorial: Pack) -> None:
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        panel = reader(app).panel
        plain = panel.render_lines(Region(0, 0, panel.size.width, 3))
        panel.styles.padding = (0, 1)
        await pilot.pause()
        padded = panel.render_lines(Region(0, 0, panel.size.width, 3))
        assert padded[1].text.startswith(" ▏")  # Textual's padding, then the separator
        assert plain[1].text.startswith("▏")


async def test_article_scroll_bar_shows_the_position_and_can_be_dragged(tutorial: Pack) -> None:
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(100, 16)) as pilot:
        await settle(pilot)
        screen = reader(app)
        view = screen.article_view
        assert view.layout_ is not None
        height = view.size.height
        assert view.layout_.line_count > height  # the article does not fit: a bar is drawn
        bar_x = view.size.width - 1

        def bar() -> str:
            return "".join(view.render_line(y).text[-1] for y in range(height))

        assert bar().startswith("█") and bar().endswith("│")
        await pilot.press("G")
        await settle(pilot)
        assert bar().startswith("│") and bar().endswith("█")
        cursor = screen.cursor

        # Pressing the top of the bar scrolls to the top; dragging down scrolls down.
        await pilot.mouse_down(view, offset=(bar_x, 0))
        await pilot.pause()
        assert view.scroll_offset.y == 0
        await pilot.hover(view, offset=(bar_x, height // 2))
        await pilot.pause()
        middle = view.scroll_offset.y
        assert 0 < middle < view.layout_.line_count - height
        await pilot.hover(view, offset=(bar_x, height - 1))
        await pilot.pause()
        assert view.scroll_offset.y == view.layout_.line_count - height
        await pilot.mouse_up(view, offset=(bar_x, height - 1))
        await pilot.pause()
        assert screen.cursor == cursor  # the bar scrolls; it never moves the cursor
        assert bar().endswith("█")
        await pilot.hover(view, offset=(bar_x, 0))  # released: moving no longer scrolls
        await pilot.pause()
        assert view.scroll_offset.y == view.layout_.line_count - height


async def test_panel_repaints_only_rows_that_change(
    tutorial: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    sections = [panel_sections(tutorial, s, []) for s in range(len(tutorial.article.sentences))]
    same = next(s for s in range(len(sections) - 1) if sections[s] == sections[s + 1])
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        screen.go_to_sentence(same)
        await settle(pilot)
        requests = record_panel_refreshes(monkeypatch)
        await pilot.press("j")
        await settle(pilot)
        assert screen.cursor == same + 1
        assert requests == []  # the same panel: nothing repainted

        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert requests, "a new claim repaints the panel"
        assert all(regions for regions in requests)  # row by row, never the whole widget

        # One changed line of text repaints its own row and no other.
        panel = screen.panel
        requests.clear()
        shown = panel._sections
        first = shown[0]
        changed = [first._replace(lines=((("Changed.", "body"),), *first.lines[1:]))]
        panel.show(changed + shown[1:], scroll_home=False)
        repainted = [[(r.y, r.height) for r in regions] for regions in requests]
        assert repainted == [[(1, 1)]]  # row 0 is the section's title
        await pilot.pause()
        assert "Changed." in panel.render_line(1).text


@pytest.mark.parametrize("start", [0, "last"])
async def test_first_frame_already_shows_the_article_at_the_reading_position(
    tutorial: Pack, monkeypatch: pytest.MonkeyPatch, start: int | str
) -> None:
    # Textual draws a new widget before its Resize event arrives; the view lays itself out
    # for that first frame, so the article (at the remembered sentence) is never blank.
    from reader.ui.app import LateralApp
    from reader.ui.internals import APP_DISPLAY
    from reader.ui.screens.reader_screen import ReaderScreen
    from reader.ui.session import Session

    sentence = len(tutorial.article.sentences) - 1 if start == "last" else 0
    monkeypatch.setattr(Session, "start_sentence", lambda self: sentence)
    first: list[tuple[bool, bool]] = []
    original = getattr(LateralApp, APP_DISPLAY)

    def recording(self: LateralApp, screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if renderable is not None and isinstance(screen, ReaderScreen) and not first:
            view = screen.article_view
            first_line, last_line = view.cursor_lines
            top = view.scroll_offset.y
            on_view = top <= first_line and last_line < top + view.size.height
            first.append((view.layout_ is not None, on_view))

    monkeypatch.setattr(LateralApp, APP_DISPLAY, recording)
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        assert reader(app).cursor == sentence
    assert first == [(True, True)]


def test_finished_strips_are_freed_without_the_cycle_collector() -> None:
    # Textual's compositor divides each drawn line at widget edges; an uncut Strip caches
    # itself, so every dropped line waited for the cycle collector. Ours do not.
    import gc

    from rich.segment import Segment
    from rich.style import Style
    from textual.color import Color
    from textual.filter import Monochrome

    from reader.ui.internals import FinishedStrip

    red = Style(color="red")

    def draw(kind: type[Strip]) -> int:
        gc.collect()
        gc.disable()
        try:
            for _ in range(50):
                strip = kind([Segment("some text ", red), Segment("more", red)], 14)
                strip.divide([14])  # not cut: the whole line
                strip.divide([4, 14])  # cut in two
                filtered = strip.apply_filter(Monochrome(), Color(0, 0, 0))
                filtered.divide([14])
                del strip, filtered
            return gc.collect()
        finally:
            gc.enable()

    assert draw(Strip) > 0  # Textual's own strips leave cycles behind...
    assert draw(FinishedStrip) == 0  # ...ours are freed as soon as they are dropped
    line = FinishedStrip([Segment("abc", red)], 3)
    assert line.divide([3]) == [line]
    assert [s.text for s in line.divide([1, 3])] == ["a", "bc"]
    assert isinstance(line.apply_filter(Monochrome(), Color(0, 0, 0)), FinishedStrip)


async def test_panel_resized_to_the_size_it_was_drawn_at_repaints_nothing(
    tutorial: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual sends the first Resize after the first frame: redrawing the panel then would
    # draw it twice at start-up.
    from textual import events

    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = reader(app).panel
        calls = record_panel_refreshes(monkeypatch)
        size = panel.size
        panel.post_message(events.Resize(size, size))
        await pilot.pause()
        assert calls == []
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert calls and panel.size != size
        assert all(strip.cell_length == panel.size.width for strip in panel._frame.values())


async def test_panel_hidden_while_the_cursor_moves_shows_the_new_sentence(tutorial: Pack) -> None:
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        panel = screen.panel
        before = [panel.render_line(y).text for y in range(panel.size.height)]
        await pilot.press("p")  # hide the panel
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await pilot.press("p")  # and show it again
        await settle(pilot)
        after = [panel.render_line(y).text for y in range(panel.size.height)]
        assert after != before
        shown = "\n".join(after)
        assert "CLAIM" in shown and "No claim on this sentence." not in shown
