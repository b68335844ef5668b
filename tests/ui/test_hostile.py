"""Text that looks like markup or terminal escapes is shown literally and never acts."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment

from reader.pack.load import load_pack
from reader.ui.app import make_app

from .conftest import reader, settle

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
FORBIDDEN = ("\x1b", "\x9b", "\x00", "\x07", "\x7f", "\u202e")


def check_segments(segments: list[Segment]) -> str:
    text = "".join(segment.text for segment in segments)
    for char in FORBIDDEN:
        assert char not in text, repr(char)
    for segment in segments:
        meta = segment.style.meta if segment.style is not None else {}
        assert "@click" not in meta, segment
        assert not (segment.style is not None and segment.style.link), segment
    return text


async def test_hostile_pack_renders_literally_and_safely() -> None:
    result = load_pack(HOSTILE)
    assert result.pack is not None
    app = make_app(result.pack, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await settle(pilot)
        view = screen.article_view
        layout = view.layout_
        assert layout is not None
        shown = "\n".join(
            check_segments(list(view.render_line(y))) for y in range(min(30, layout.line_count))
        )
        assert "[@click=app.quit]click me[/]" in shown
        assert "[bold]nothing[/]" in shown and "[link=file:///etc/passwd]link[/link]" in shown
        assert "␛[2J" in shown and "\ufffdgnp.exe" in shown

        title = str(screen.query_one("#status-title").render())
        assert "[bold]Hostile[/] ␛[2J title [@click=app.quit]q[/]" in title

        await pilot.press("right_square_bracket")
        await settle(pilot)
        panel = screen.panel.plain_text
        for literal in [
            "[@click=app.quit]Says[/] ␛]8;;file:///etc/passwd␛\\link␛]8;;␛\\",
            "[bold]Summary[/] with ␛[2J escape and [/] closing.",
            "[@click=app.screenshot('notes.toml','/tmp')]card[/] ␛[2J",
            "Note ␀ with NUL and ␡ DEL and \ufffd bidi",
            "[b]Question?[/b]",
            "\ufffd2J perspective",
            "“[/] quote”",
        ]:
            assert literal in panel, literal
        for y in range(screen.panel.size.height):
            check_segments(list(screen.panel.render_line(y)))

        # Clicking on the "click me" text must select the sentence, not run an action.
        line = layout.sentence_first[screen.cursor]
        await pilot.click(view, offset=(view.gutter_width + 6, line - view.scroll_offset.y))
        await pilot.pause()
        assert app.is_running
        victim = Path("/tmp/notes.toml")
        assert not victim.exists() or not victim.read_bytes().startswith(b"<svg")
