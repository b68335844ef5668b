"""Resizing, resuming, colour settings, and the throttled panel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events

from reader.model import Pack
from reader.open import LocalSource
from reader.state import load_state
from reader.ui.app import make_app
from reader.ui.internals import compositor

from .conftest import on_top, reader, settle


async def test_resize_keeps_position_and_layout(tutorial: Pack) -> None:
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        cursor = screen.cursor
        for width, height in [(80, 24), (40, 12), (20, 6), (200, 60), (99, 30), (120, 40)]:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            assert screen.cursor == cursor
            assert screen.has_class("-narrow") == (width < 100)
            view = screen.article_view
            first, last = view.cursor_lines
            top = view.scroll_offset.y
            height_lines = view.scrollable_content_region.height
            if height_lines >= last - first + 1:
                assert top <= first and last < top + height_lines, (width, height)


async def test_nothing_is_cut_off_at_80_by_24(tutorial: Pack) -> None:
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = reader(app)
        await settle(pilot)
        view = screen.article_view
        layout = view.layout_
        assert layout is not None
        text_cells = view.scrollable_content_region.width - view.gutter_width
        assert layout.width <= text_cells
        for line in range(layout.line_count):
            shown = view.display_text[layout.line_start[line] : layout.line_end[line]]
            assert len(shown) <= text_cells
        assert screen.panel.region.width == 80 and screen.panel.region.height >= 5


async def test_resume_returns_to_last_sentence(tutorial: Pack, tmp_path: Path) -> None:
    app = make_app(tutorial, state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket", "j")
        left_at = reader(app).cursor
        await pilot.press("q")
    state = load_state(tmp_path)
    assert len(state.positions) == 1
    again = make_app(tutorial, state_dir=tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert reader(again).cursor == left_at


async def test_unreadable_state_file_is_not_overwritten(tutorial: Pack, tmp_path: Path) -> None:
    (tmp_path / "state.toml").write_text("this is [not toml", encoding="utf-8")
    app = make_app(tutorial, state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "q")
    assert (tmp_path / "state.toml").read_text(encoding="utf-8") == "this is [not toml"


async def test_theme_is_remembered(tutorial: Pack, tmp_path: Path) -> None:
    app = make_app(tutorial, state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "lateral-high-contrast"
        await pilot.pause()
        assert app.has_class("-high-contrast")
        await pilot.press("q")
    again = make_app(tutorial, state_dir=tmp_path)
    assert again.theme == "lateral-high-contrast"


async def test_no_color_switches_to_monochrome_cursor(
    tutorial: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.has_class("-monochrome")
        style = reader(app).article_view.get_component_rich_style("article-view--cursor")
        assert style.reverse


async def test_holding_a_key_does_not_queue_frames(tutorial: Pack) -> None:
    # A held key's repeats can outrun the screen: they are all handled, the panel follows
    # each one (it is cheap to build), and the screen is drawn once per frame, not per press.
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await settle(pilot)
        frames: list[int] = []
        drawing = compositor(screen)
        original = drawing.render_update

        def counting_update(*args: Any, **kwargs: Any) -> Any:
            frames.append(screen.cursor)
            return original(*args, **kwargs)

        drawing.render_update = counting_update  # type: ignore[method-assign]
        for _ in range(30):
            app.post_message(events.Key("j", "j"))
        await pilot.pause(0.4)
        assert screen.cursor == min(30, len(tutorial.article.sentences) - 1)
        assert 1 <= len(frames) <= 15, frames
        assert frames[-1] == screen.cursor
        assert screen.panel.subject == screen.cursor  # the last update shows where it stopped
        assert "FOOTNOTES" in screen.panel.plain_text


async def test_raw_article_opens_with_footnotes_and_no_claims(tmp_path: Path) -> None:
    from reader.open import open_for_reading

    raw = tmp_path / "piece.txt"
    raw.write_text(
        "Site icon Example\n\nA piece\n\nIt rose in 2020.[1] It fell.\n\n[1] A report, 2021.\n",
        encoding="utf-8",
    )
    opened = open_for_reading(raw)
    pack = opened.pack
    assert pack.claims == () and opened.problems == [] and not opened.pending
    app = make_app(pack, use_state=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = reader(app)
        await pilot.press("j")
        await settle(pilot)
        assert "A report, 2021." in screen.panel.plain_text
        assert "No claim on this sentence." in screen.panel.plain_text
        assert str(screen.query_one("#status-position").render()).startswith("no claims")


async def test_claims_placed_in_the_background(river_deferred: LocalSource) -> None:
    app = make_app(source=river_deferred, use_state=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = reader(app)
        assert app.session.placing_claims

        def placing() -> bool:  # read afresh each time (see conftest.on_top)
            return app.session.placing_claims

        for _ in range(50):
            await pilot.pause(0.02)
            if not placing():
                break
        assert not placing()
        assert screen.navigator.claim_count == 2
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "✘ False" in screen.panel.plain_text
        assert str(screen.query_one("#status-position").render()).startswith("claim C1 of 2")


async def test_a_book_is_kept_once_its_claims_are_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.pack import load as load_module

    monkeypatch.setattr(load_module, "DEFER_ANCHORING_ABOVE", 0)
    river = Path(__file__).resolve().parents[1] / "fixtures" / "river"
    source = LocalSource(river, cache=tmp_path / "cache", defer_anchoring=True)
    opened = source.opened()
    assert opened.pending
    app = make_app(source=source, opened=opened, state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(50):
            await pilot.pause(0.02)
            if not app.session.placing_claims:
                break
        assert not app.session.placing_claims
        await app.workers.wait_for_complete()
        again = LocalSource(river, cache=tmp_path / "cache", defer_anchoring=True)
        reopened = again.opened()
        assert again.from_cache and not reopened.pending
        assert reopened.pack == app.session.pack
        assert [c.anchor.status for c in reopened.pack.claims] == ["exact", "exact"]


async def test_the_library_opens_a_kept_pack(tmp_path: Path) -> None:
    from reader.ui.screens.library import LibraryScreen

    tutorial = Path(__file__).resolve().parents[2] / "data" / "articles" / "tutorial"
    bundled = tutorial.parent / "closing-the-circle"
    app = make_app(source=LocalSource(tutorial, cache=tmp_path / "cache"), state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.post_message(LibraryScreen.Chosen(bundled))  # as choosing it in the library does
        await settle(pilot)
        assert reader(app).pack.meta.title.startswith("Closing the circle")
        await pilot.pause()
        await app.workers.wait_for_complete()
    kept = sorted(p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.pack-cache"))
    assert kept == ["closing", "tutorial"]


@pytest.fixture
def river_deferred(monkeypatch: pytest.MonkeyPatch) -> LocalSource:
    """The river pack, its claims to be placed after its first screen."""
    from reader.pack import load as load_module

    monkeypatch.setattr(load_module, "DEFER_ANCHORING_ABOVE", 0)
    river = Path(__file__).resolve().parents[1] / "fixtures" / "river"
    return LocalSource(river, defer_anchoring=True)


async def test_broken_pack_opens_its_article_and_lists_the_problems() -> None:
    from reader.open import open_for_reading
    from reader.ui.screens.problems import ProblemsScreen

    folder = Path(__file__).resolve().parents[1] / "corpus" / "bad" / "toml-unclosed-string"
    opened = open_for_reading(folder)
    app = make_app(opened.pack, opened.problems, use_state=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        listed = " ".join(str(s.render()) for s in app.screen.query(".problem"))
        assert "pack.toml:" in listed and "TOML syntax error" in listed
        assert "shown on its own" in str(app.screen.query_one("#problems-lead").render())
        await pilot.press("enter")
        await settle(pilot)
        screen = reader(app)
        assert on_top(app) is screen
        assert screen.pack.claims == () and screen.pack.article.text.strip()
        await pilot.press("j", "j")  # reading works as usual
        await settle(pilot)
        assert screen.cursor == 2
        # The footer keeps a reminder, and ! lists the problems again.
        footer = " ".join(str(k.render()) for k in screen.query("FooterKey"))
        assert "problems" in footer
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)


async def test_problems_key_is_hidden_for_a_sound_pack(tutorial: Pack) -> None:
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        footer = " ".join(str(k.render()) for k in screen.query("FooterKey"))
        assert "problems" not in footer and "quit" in footer
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert app.screen is screen
