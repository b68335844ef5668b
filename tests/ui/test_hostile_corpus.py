"""The hostile corpus (tests/hostile.py) in every field, walked through every screen.

While the app runs, the markup parsers of Textual and Rich are guarded: if text from the
corpus reaches one, the test fails. On every screen, every rendered segment is checked: no
control character, no bidi control, no action (``@click``) and no link. Each payload must
also be shown literally where its field appears.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import rich.markup
import textual.markup
from rich.text import Text
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, TextArea

from reader.notes import NotesStore
from reader.pack.load import load_pack
from reader.tomlwrite import toml_string
from reader.ui.app import LateralApp, make_app
from reader.ui.internals import compositor

from .. import hostile
from .conftest import reader, settle

FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Corpus text that must never reach a markup parser (each is in at least one payload).
MARKERS = ("@click", "bold?", "stray close", "never closed", "Claim number", "Summary ",
           "pwned", "evil.example", "isolate")


def squash(text: str) -> str:
    """Text without whitespace: wrapping moves line breaks, never the characters."""
    return "".join(text.split())


@pytest.fixture
def markup_guard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail whenever corpus text is handed to a markup parser; returns what was caught."""
    caught: list[str] = []

    def check(markup: object) -> None:
        if isinstance(markup, (Content, Text)):
            return  # already parsed: from_markup hands it back unchanged
        text = str(markup)
        if any(marker in text for marker in MARKERS):
            caught.append(text)
            raise AssertionError(f"data reached a markup parser: {text[:80]!r}")

    def guard_classmethod(owner: type, name: str) -> None:
        original = getattr(owner, name).__func__

        def guarded(cls: type, markup: object, *args: Any, **kwargs: Any) -> Any:
            check(markup)
            return original(cls, markup, *args, **kwargs)

        monkeypatch.setattr(owner, name, classmethod(guarded))

    def guard_function(module: Any, name: str) -> None:
        original = getattr(module, name)

        def guarded(markup: object, *args: Any, **kwargs: Any) -> Any:
            check(markup)
            return original(markup, *args, **kwargs)

        monkeypatch.setattr(module, name, guarded)

    guard_classmethod(Content, "from_markup")
    guard_classmethod(Text, "from_markup")
    guard_function(textual.markup, "to_content")
    guard_function(rich.markup, "render")
    return caught


class Seen:
    """What the walk saw: screens, widget classes, and every rendered line's text."""

    def __init__(self) -> None:
        self.screens: list[str] = []
        self.widgets: Counter[str] = Counter()
        self.segments = 0

    def check(self, app: LateralApp) -> str:
        """Check every segment on screen now; returns the screen's text, one row per line."""
        screen = app.screen
        self.screens.append(type(screen).__name__)
        for widget in screen.walk_children():
            self.widgets[type(widget).__name__] += 1
        rows = []
        for strip in compositor(screen).render_strips():
            for segment in strip:
                self.segments += 1
                bad = FORBIDDEN.search(segment.text)
                assert bad is None, (type(screen).__name__, segment.text)
                style = segment.style
                if style is not None:
                    assert "@click" not in (style.meta or {}), (type(screen).__name__, segment)
                    assert not style.link, (type(screen).__name__, segment)
            rows.append(strip.text)
        return "\n".join(rows)


def literally_shown(payload: str, shown: str, limit: int = 300) -> bool:
    want = squash(hostile.expected(payload))[:limit]
    return want in squash(shown)


@pytest.fixture
def hostile_app(tmp_path: Path) -> Iterator[tuple[LateralApp, Path]]:
    folder = hostile.write_pack(tmp_path / "data" / "packs" / "hostile")
    # One more claim whose bad values (not the scale, not a kind) end up in problem messages.
    extra = (
        "\n[[claims]]\nid = \"broken\"\nquote = \"Claim number 3 is stated here.\"\n"
        f"kind = {toml_string(hostile.SHORT[4][1])}\n"
        f"verdict = {toml_string(hostile.SHORT[12][1])}\n"
    )
    with (folder / "pack.toml").open("a", encoding="utf-8") as file:
        file.write(extra)
    result = load_pack(folder)
    assert result.pack is not None
    # A claim with a bad kind and verdict is still shown (without them), with the problems.
    assert len(result.pack.claims) == len(hostile.PAYLOADS) + 1
    data = tmp_path / "data"
    hostile.write_notes(NotesStore.for_pack(result.pack, data))
    yield make_app(result.pack, result.problems, state_dir=data), data
    shutil.rmtree(tmp_path / "data", ignore_errors=True)


@pytest.mark.slow
async def test_hostile_corpus_on_every_screen(
    hostile_app: tuple[LateralApp, Path], markup_guard: list[str]
) -> None:
    app, _data = hostile_app
    seen = Seen()
    async with app.run_test(size=(200, 60), notifications=True, tooltips=True) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "ProblemsScreen"  # the pack has an error
        problems_text = seen.check(app)
        assert literally_shown(hostile.SHORT[4][1], problems_text)
        assert literally_shown(hostile.SHORT[12][1], problems_text)
        await pilot.press("escape")
        await settle(pilot)

        screen = reader(app)
        first = seen.check(app)
        title = hostile.expected("Hostile " + hostile.SHORT[4][1] + " " + hostile.SHORT[8][1])
        assert squash(title) in squash(first)

        # The article: every payload appears literally in the rendered lines.
        view = screen.article_view
        layout = view.layout_
        assert layout is not None
        article = []
        for line in range(layout.line_count):
            strip = view.line_strip(line)
            for segment in strip:
                assert FORBIDDEN.search(segment.text) is None, segment
                assert segment.style is None or not segment.style.link
                assert segment.style is None or "@click" not in (segment.style.meta or {})
            article.append(strip.text[1 + view.gutter_width :])
        article_text = "\n".join(article)
        for name, payload in hostile.PAYLOADS:
            # An article's line endings (CRLF, lone CR) are read as line breaks.
            as_read = payload.replace("\r\n", "\n").replace("\r", "\n")
            assert literally_shown(as_read, article_text, limit=10_000), name

        # The panel, sentence by sentence: each payload shows in each of its claim's fields.
        panels = []
        for _ in range(len(screen.pack.article.sentences)):
            panels.append(screen.panel.plain_text)
            seen.check(app)
            await pilot.press("j")
            await settle(pilot)
        panel_text = "\n\n".join(dict.fromkeys(panels))
        squashed_panels = squash(panel_text)
        for index, (name, payload) in enumerate(hostile.PAYLOADS):
            want = squash(hostile.expected(payload))[:300]
            # summary, account says and quote, reviewer note, question, source title,
            # publisher and perspective, footnote card: at least five of them on screen.
            assert squashed_panels.count(want) >= 5, (name, squashed_panels.count(want))
            assert squash(f"Summary {index}: " + hostile.expected(payload))[:300] in (
                squashed_panels
            ), name
        await pilot.press("g")
        await settle(pilot)
        seen.check(app)

        # A search typed by the student that looks like markup: shown literally in a toast.
        await pilot.press("slash")
        await settle(pilot)
        seen.check(app)
        app.screen.query_one(Input).value = "[@click=app.quit]no such[/]"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)  # the toast is mounted after the message is posted
        toast_text = seen.check(app)
        assert squash("No match for “[@click=app.quit]no such[/]”") in squash(toast_text)
        assert app.is_running

        # Every other screen the reader opens.
        for key, check in _SCREENS:
            await pilot.press(key)
            await settle(pilot)
            check(app, seen.check(app))
            await pilot.press("escape")
            await settle(pilot)
            assert app.is_running

        # The note editor on the claim whose note is the OSC title payload.
        await _go_to_claim(pilot, app, 12)
        await pilot.press("a")
        await settle(pilot)
        editor = app.screen.query_one(TextArea)
        assert editor.text == hostile.expected(hostile.PAYLOADS[12][1], one_line=False)
        seen.check(app)
        await pilot.press("escape")
        await settle(pilot)

        # The guess dialog (quiz on): the pack's prompt and the earlier reason, literally.
        await _go_to_claim(pilot, app, 5)
        await pilot.press("Q")
        await pilot.press("v")
        await settle(pilot)
        guess_text = seen.check(app)
        assert literally_shown(hostile.PAYLOADS[5][1], guess_text)
        reason = app.screen.query_one("#guess-reason", Input).value
        assert reason == hostile.expected(hostile.PAYLOADS[5][1])
        await pilot.press("escape")
        await settle(pilot)

        # Summary, then hand-in: the student's name as it was saved.
        await pilot.press("s")
        await settle(pilot)
        seen.check(app)
        await pilot.press("h")
        await settle(pilot)
        seen.check(app)
        name = app.screen.query_one("#handin-name", Input).value
        assert name == hostile.expected(hostile.SHORT[4][1] + " " + hostile.SHORT[8][1])
        await pilot.press("escape")
        await pilot.press("escape")
        await settle(pilot)

        # The command palette, searching claims.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"claim")
        await pilot.pause(0.3)
        await settle(pilot)
        seen.check(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running

        await _walk_author_mode(pilot, app, seen, _data / "packs" / "hostile")

    assert markup_guard == []
    # Every screen of the app was walked, and the widget classes that show text with them.
    assert {*_defined_in("reader.ui.screens", Screen), "CommandPalette"} <= set(seen.screens)
    # The teacher's view's own widgets are walked with hostile students below.
    assert _defined_in("reader.ui.widgets", Widget) - TEACHER_WIDGETS <= set(seen.widgets)
    assert {
        "ArticleView", "SidePanel", "Static", "OptionList", "Input", "TextArea", "RadioButton",
        "Label", "Footer",
    } <= set(seen.widgets), seen.widgets
    assert seen.segments > 50_000
    print(f"hostile corpus: {len(hostile.PAYLOADS)} payloads, {len(seen.screens)} screens "
          f"checked, {seen.segments} segments, {len(set(seen.widgets))} widget classes")


async def _walk_author_mode(pilot: Any, app: LateralApp, seen: Seen, folder: Path) -> None:
    """Author mode's forms show the pack's text literally, and write nothing unasked."""
    from reader.ui.screens.copy_pack import CopyPackScreen
    from reader.ui.screens.source_editor import SourceEditor

    before = (folder / "pack.toml").read_bytes()
    await pilot.press("e")
    await settle(pilot)
    author = app.session.author
    assert author is not None and author.pack is not None
    seen.check(app)

    await _go_to_claim(pilot, app, 3)
    await pilot.press("c")
    await settle(pilot)
    shown = seen.check(app)
    summary = squash("Summary 3: " + hostile.expected(hostile.PAYLOADS[3][1]))[:40]
    assert summary in squash(shown), hostile.PAYLOADS[3][0]
    app.screen.query_one("#claim-accounts", OptionList).focus()
    await pilot.press("enter")  # the first account
    await settle(pilot)
    assert type(app.screen).__name__ == "AccountEditor"
    says = app.screen.query_one("#account-says", TextArea).text
    assert not FORBIDDEN.search(says)
    seen.check(app)
    card = next(iter(author.pack.sources.values()))
    app.push_screen(SourceEditor(app.session, author, card))
    await settle(pilot)
    seen.check(app)
    for _ in range(3):  # the source card, the account, the claim: nothing changed
        await pilot.press("escape")
        await settle(pilot)
    assert type(app.screen).__name__ == "ReaderScreen"

    article = author.pack.article
    noted = next(i for i in range(len(article.sentences)) if article.footnote_labels(i))
    reader(app).go_to_sentence(noted)
    await settle(pilot)
    for key in ("F", "A", "S", "R", "x"):
        await pilot.press(key)
        await settle(pilot)
        seen.check(app)
        await pilot.press("escape")
        await settle(pilot)
    app.push_screen(CopyPackScreen(folder / "pack.toml", app.session.data_folder))
    await settle(pilot)
    seen.check(app)
    await pilot.press("escape")
    await settle(pilot)
    assert (folder / "pack.toml").read_bytes() == before


def _defined_in(package: str, base: type) -> set[str]:
    """The names of the classes of ``base`` defined in the modules of ``package`` that are
    shown as they are (a class that another of them extends is only shown through it)."""
    classes: set[type] = set()
    for module_info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        module = importlib.import_module(f"{package}.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, base) and (
                value.__module__ == module.__name__
            ):
                classes.add(value)
    names = {cls.__name__ for cls in classes
             if not any(other is not cls and issubclass(other, cls) for other in classes)}
    assert names
    return names


async def _go_to_claim(pilot: Any, app: LateralApp, index: int) -> None:
    screen = reader(app)
    claim = next(c for c in screen.pack.claims if c.id == f"c{index}")
    screen.article_view.move_to(claim.sentences[0])
    await settle(pilot)
    assert screen.cursor == claim.sentences[0]


def _outline(app: LateralApp, shown: str) -> None:
    # The custom verdict's label, with its markup-looking text, is a filter heading.
    assert literally_shown(hostile.SHORT[0][1], shown)


def _my_notes(app: LateralApp, shown: str) -> None:
    prompts = [
        str(option.prompt) for option in app.screen.query_one(OptionList).options
    ]
    everything = "\n".join(prompts)
    for name, payload in hostile.SHORT:
        want = squash(hostile.expected(payload))[:20]
        assert want in squash(everything), name
    assert squash(hostile.expected(hostile.SHORT[13][1]))[:20] in squash(everything)


def _library(app: LateralApp, shown: str) -> None:
    assert literally_shown("Hostile " + hostile.SHORT[4][1], shown)


def _nothing(app: LateralApp, shown: str) -> None:
    assert shown.strip()


_SCREENS: list[tuple[str, Callable[[LateralApp, str], None]]] = [
    ("o", _outline),
    ("question_mark", _nothing),
    ("m", _my_notes),
    ("L", _library),
]


TEACHER_WIDGETS = {"GuessChart"}


async def test_hostile_students_in_the_teachers_view(tmp_path: Path, markup_guard: list[str]
                                                    ) -> None:
    """What students type (their names, their reasons) reaches the teacher's view literally."""
    from reader.notes import Guess
    from reader.ui.teacher import TeacherApp
    from reader.work import StudentWork

    from ..test_live_lesson import _pack, _Quiet

    pack = _pack()
    sessions = tmp_path / "sessions"
    payloads = hostile.SHORT[:12]
    claim = pack.claims[0]
    for number, (_label, text) in enumerate(payloads):
        folder = sessions / f"s{number}"
        work, _ = StudentWork.open(pack, folder)
        work.put_guess(Guess(claim.id, pack.scale.verdicts[0].id, "low", f"r{number} {text}"))
        work.hand_in(tmp_path, f"n{number} {text}")
    app = TeacherApp(_Quiet(sessions), pack, "http://127.0.0.1:8000/")
    seen = Seen()
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.pause()
        await pilot.press("n")  # reasons with names
        await pilot.pause()
        shown = seen.check(app)  # type: ignore[arg-type]
        await pilot.press("q", "q")
    assert markup_guard == []
    assert set(seen.widgets) >= TEACHER_WIDGETS
    for number, (_label, text) in enumerate(payloads):
        assert f"r{number} " in shown, text
