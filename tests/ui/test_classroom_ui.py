"""The student's work in the app: notes, predict-then-reveal, the summary, hand-in, library."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli
from textual.widgets import Input, OptionList, RadioButton, RadioSet, TextArea

from reader.model import Pack
from reader.notes import Guess, NotesError, NotesStore, StudentNote, now
from reader.ui.app import LateralApp, make_app
from reader.ui.screens.guess import GuessScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.my_notes import MyNotesScreen
from reader.ui.screens.note_editor import NoteEditor
from reader.ui.screens.reader_screen import ReaderScreen
from reader.ui.screens.summary import HandInScreen, SummaryScreen

from .conftest import on_top, reader, settle


def shown_line(screen: ReaderScreen, sentence: int) -> str:
    """The text the article view draws on the first line of ``sentence``."""
    view = screen.article_view
    assert view.layout_ is not None
    line = view.layout_.sentence_first[sentence]
    return "".join(segment.text for segment in view.render_line(line - view.scroll_offset.y))


def saved(app: LateralApp) -> dict[str, object]:
    path = app.session.work.path
    assert path is not None
    return tomli.loads(path.read_text("utf-8"))


async def write_note(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, NoteEditor)
    editor.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_write_edit_and_delete_a_note(tutorial: Pack, tmp_path: Path) -> None:
    app = make_app(tutorial, state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket")
        sentence = screen.cursor
        assert "✎" not in shown_line(screen, sentence)
        await write_note(pilot, "First thought.\nSecond line with [bold]markup[/bold].")
        assert app.screen is screen
        assert "MY NOTES" in screen.panel.plain_text
        assert "Second line with [bold]markup[/bold]." in screen.panel.plain_text
        assert "✎" in shown_line(screen, sentence)
        notes = saved(app)["notes"]
        assert isinstance(notes, list) and len(notes) == 1
        assert notes[0]["text"] == "First thought.\nSecond line with [bold]markup[/bold]."
        assert notes[0]["quote"] == tutorial.article.text[
            tutorial.article.sentences[sentence].start : tutorial.article.sentences[sentence].end
        ]

        # Edit: the editor opens with the note, and saving replaces it.
        await pilot.press("a")
        await pilot.pause()
        editor = on_top(app)
        assert isinstance(editor, NoteEditor) and editor.note is not None
        area = editor.query_one(TextArea)
        assert area.text.startswith("First thought.")
        area.text = "Changed my mind."
        await pilot.press("ctrl+s")
        await settle(pilot)
        notes = saved(app)["notes"]
        assert isinstance(notes, list) and [n["text"] for n in notes] == ["Changed my mind."]
        assert "Changed my mind." in screen.panel.plain_text

        # Delete: Ctrl+D asks once, then deletes.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(on_top(app), NoteEditor)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert app.screen is screen
        assert saved(app).get("notes", []) == []
        assert "MY NOTES" not in screen.panel.plain_text.split("CLAIM")[0]
        assert "✎" not in shown_line(screen, sentence)


async def test_a_failed_save_keeps_the_note_in_the_editor(
    tutorial: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(self: NotesStore, notes: object) -> Path:
        raise NotesError(f"{self.path}: No space left on device")

    monkeypatch.setattr(NotesStore, "save", disk_full)
    app = make_app(tutorial, state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket", "a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one(TextArea).insert("Do not lose me.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one(TextArea).text == "Do not lose me."
        assert "Not saved" in str(editor.query_one("#note-status").render())
        assert "No space left on device" in str(editor.query_one("#note-status").render())
        assert list(app.session.work.notes) == []
        # Escape asks before throwing away what is written.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor


async def test_quitting_with_the_editor_open_saves_the_note(
    tutorial: Pack, tmp_path: Path
) -> None:
    app = make_app(tutorial, state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket", "a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one(TextArea).insert("Written, then the window closed.")
        await pilot.press("ctrl+q")
    store = NotesStore.for_pack(tutorial, tmp_path)
    notes, message = store.load()
    assert message is None
    assert [n.text for n in notes.notes] == ["Written, then the window closed."]
    assert app.unsaved_text == []


async def test_notes_whose_sentence_is_gone_are_listed_not_dropped(
    tutorial: Pack, tmp_path: Path
) -> None:
    store = NotesStore.for_pack(tutorial, tmp_path)
    notes, _ = store.load()
    when = now()
    notes.put_note(StudentNote("n-gone", "A sentence that was edited out of the article.",
                               "My note on the lost sentence.", 5, "", "", when, when))
    first = tutorial.article.sentences[1]
    notes.put_note(StudentNote("n-here", tutorial.article.text[first.start : first.end],
                               "My note that still fits.", first.start, "", "", when, when))
    store.save(notes)
    app = make_app(tutorial, state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        assert [n.id for n in screen.notes.unanchored] == ["n-gone"]
        assert list(screen.notes.by_sentence) == [1]
        await pilot.press("m")
        await pilot.pause()
        listing = app.screen
        assert isinstance(listing, MyNotesScreen)
        options = listing.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("no longer in the article" in p and "lost sentence" in p for p in prompts)
        assert any("still fits" in p for p in prompts)
        # Enter on the note that fits goes to its sentence.
        options.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.cursor == 1
    # Still in the file after the app closed.
    notes, _ = store.load()
    assert {n.id for n in notes.notes} == {"n-gone", "n-here"}


async def test_quiz_hides_verdicts_until_a_guess_then_reveals(
    tutorial: Pack, tmp_path: Path
) -> None:
    app = make_app(tutorial, state_dir=tmp_path, quiz=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        claim = screen.navigator.claims_on(screen.cursor)[0]
        verdict = tutorial.scale.get(claim.verdict)
        assert verdict is not None
        panel = screen.panel.plain_text
        assert f"CLAIM C{screen.navigator.number(claim)}: YOUR CALL" in panel
        assert "BEFORE YOU GUESS" in panel
        assert verdict.label not in panel and "ACCOUNTS" not in panel
        for account in claim.accounts:
            assert account.says[:40] not in panel
        assert "Your call" in shown_line(screen, screen.cursor)
        assert verdict.label not in shown_line(screen, screen.cursor)
        for prompt in claim.prompts:
            assert prompt in panel.replace("\n", " ") or prompt[:30] in panel

        await pilot.press("v")
        await pilot.pause()
        guess = app.screen
        assert isinstance(guess, GuessScreen)
        # Choosing a verdict without a reason is refused: the reason is part of the exercise.
        guess.query_one(OptionList).highlighted = tutorial.scale.ids.index(claim.verdict)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is guess
        guess.query_one("#confidence-high").value = True  # type: ignore[attr-defined]
        guess.query_one(Input).value = "the next sentence warns about this"
        guess.query_one(Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert on_top(app) is screen

        panel = screen.panel.plain_text
        assert "YOUR GUESS" in panel and "high confidence" in panel
        assert "You agree with the reviewer." in panel
        assert verdict.label in panel and "ACCOUNTS" in panel
        assert verdict.label in shown_line(screen, screen.cursor)
        guesses = saved(app)["guesses"]
        assert isinstance(guesses, list)
        assert guesses[0]["claim"] == claim.id and guesses[0]["verdict"] == claim.verdict
        assert guesses[0]["confidence"] == "high"

        # Q turns the quiz off for every claim, and on again.
        def quiz() -> bool:  # read afresh each time (see conftest.on_top)
            return app.session.quiz

        await pilot.press("Q")
        await settle(pilot)
        assert not quiz()
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert ": YOUR CALL" not in screen.panel.plain_text
        await pilot.press("Q")
        await settle(pilot)
        assert quiz() and ": YOUR CALL" in screen.panel.plain_text


async def test_footnotes_stay_visible_in_a_quiz(tutorial: Pack, tmp_path: Path) -> None:
    app = make_app(tutorial, state_dir=tmp_path, quiz=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        for _ in range(len(tutorial.article.sentences)):
            if tutorial.article.sentences[screen.cursor].footnotes:
                break
            await pilot.press("j")
        await settle(pilot)
        assert tutorial.article.sentences[screen.cursor].footnotes
        assert "No footnote on this sentence." not in screen.panel.plain_text
        assert "FOOTNOTE" in screen.panel.plain_text


async def test_summary_and_hand_in(tutorial: Pack, tmp_path: Path) -> None:
    app = make_app(tutorial, state_dir=tmp_path, quiz=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket")
        claim = screen.navigator.claims_on(screen.cursor)[0]
        wrong = next(v for v in tutorial.scale.ids if v != claim.verdict)
        await pilot.press("v")
        await pilot.pause()
        guess = app.screen
        assert isinstance(guess, GuessScreen)
        guess.query_one(OptionList).highlighted = tutorial.scale.ids.index(wrong)
        guess.query_one(RadioSet)  # medium is chosen by default
        guess.query_one(Input).value = "a guess"
        await pilot.press("ctrl+s")
        await settle(pilot)

        await pilot.press("s")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        text = str(summary.query_one("#summary-text").render())
        claims = sum(1 for c in tutorial.claims if c.verdict is not None)
        assert f"Claims judged: 1 of {claims}" in text
        assert "Agreed with the reviewer: 0 (0%)" in text

        await pilot.press("h")
        await pilot.pause()
        hand_in = app.screen
        assert isinstance(hand_in, HandInScreen)
        hand_in.query_one("#handin-name", Input).value = "Ayşe Yılmaz"
        folder = tmp_path / "handed in"
        folder.mkdir()
        hand_in.query_one("#handin-folder", Input).value = str(folder)
        hand_in.query_one("#handin-folder", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        files = list(folder.iterdir())
        assert len(files) == 1 and "ayşe-yılmaz" in files[0].name
        handed = tomli.loads(files[0].read_text("utf-8"))
        assert handed["student"] == "Ayşe Yılmaz"
        assert handed["guesses"][0]["verdict"] == wrong
    assert saved(app)["student"] == "Ayşe Yılmaz"


async def test_hand_in_to_a_missing_folder_says_so(tutorial: Pack, tmp_path: Path) -> None:
    app = make_app(tutorial, state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        hand_in = app.screen
        assert isinstance(hand_in, HandInScreen)
        hand_in.query_one("#handin-name", Input).value = "Sam"
        hand_in.query_one("#handin-folder", Input).value = str(tmp_path / "no" / "such")
        hand_in.query_one("#handin-folder", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is hand_in
        assert "Not saved" in str(hand_in.query_one("#handin-status").render())


@pytest.mark.slow
async def test_library_opens_packs_and_keeps_each_position(tmp_path: Path) -> None:
    app = make_app(None, state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        titles = [e.title for e in library.entries]
        assert "How to read with lateral" in titles
        assert "Closing the circle: starting from scratch" in titles

        async def open_titled(title: str) -> ReaderScreen:
            screen = app.screen
            assert isinstance(screen, LibraryScreen)
            options = screen.query_one(OptionList)
            options.highlighted = [e.title for e in screen.entries].index(title)
            await pilot.press("enter")
            await settle(pilot)
            return reader(app)

        tutorial_screen = await open_titled("How to read with lateral")
        await pilot.press("j", "j", "j")
        tutorial_at = tutorial_screen.cursor
        assert tutorial_at == 3

        await pilot.press("L")
        await pilot.pause()
        bundled_screen = await open_titled("Closing the circle: starting from scratch")
        assert bundled_screen.pack.meta.title.startswith("Closing the circle")
        assert bundled_screen.cursor == 0
        await pilot.press("right_square_bracket", "right_square_bracket")
        bundled_at = bundled_screen.cursor

        await pilot.press("L")
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        entry = next(e for e in library.entries if e.title.startswith("Closing"))
        assert entry.progress is not None and entry.progress > 0
        again = await open_titled("How to read with lateral")
        assert again.cursor == tutorial_at
        await pilot.press("L")
        await pilot.pause()
        back = await open_titled("Closing the circle: starting from scratch")
        assert back.cursor == bundled_at
        assert app.screen is back and len(app.screen_stack) == 1  # the earlier reader was replaced


async def test_a_quiz_shows_no_verdict_before_its_guess_in_outline_or_palette(
    tutorial: Pack, tmp_path: Path
) -> None:
    from reader.ui.screens.outline import OutlineScreen

    labels = [v.label for v in tutorial.scale.verdicts]
    app = make_app(tutorial, state_dir=tmp_path, quiz=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = reader(app)
        await settle(pilot)
        claims = screen.navigator.placed_claims
        # The palette names every claim, but none by its verdict.
        titles = [text for text, _, _ in screen.palette_commands() if text.startswith("Claim:")]
        assert len(titles) == len(claims)
        assert all("? not guessed" in t and not any(v in t for v in labels) for t in titles)

        await pilot.press("o")
        await settle(pilot)
        outline = app.screen
        assert isinstance(outline, OutlineScreen)
        shown = str(outline.query_one("#outline-filter").render()) + " ".join(
            str(option.prompt) for option in outline.query_one(OptionList).options
        )
        assert not any(label in shown for label in labels)
        assert f"Not guessed ({len(claims)})" in shown and "Guessed (0)" in shown
        await pilot.press("escape")
        await settle(pilot)

        # Once guessed, that claim (and only that one) shows its verdict.
        first = claims[0]
        verdict = tutorial.scale.get(first.verdict)
        assert verdict is not None
        app.session.work.put_guess(Guess(first.id, first.verdict or "", "medium", "a reason"))
        titles = [text for text, _, _ in screen.palette_commands() if text.startswith("Claim:")]
        assert verdict.label in titles[0]
        assert all("? not guessed" in t for t in titles[1:])
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("1")  # guessed
        await settle(pilot)
        options = app.screen.query_one(OptionList).options
        assert len(options) == 1 and verdict.label in str(options[0].prompt)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_guess_dialog_fits_says_what_is_missing_and_keeps_what_is_typed(
    tutorial: Pack, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(tutorial, state_dir=tmp_path, quiz=True)
    async with app.run_test(size=size) as pilot:
        screen = reader(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        claim = screen.navigator.claims_on(screen.cursor)[0]
        await pilot.press("v")
        await settle(pilot)
        guess = app.screen
        assert isinstance(guess, GuessScreen)
        # Everything is on screen, nothing scrolled: the title says which claim is judged.
        title = guess.query_one("#guess-title")
        assert f"claim C{screen.navigator.number(claim)}" in str(title.render())
        for widget in ("#guess-title", "#guess-quote", "#guess-verdicts", "#guess-confidence",
                       "#guess-reason", "#guess-help"):
            region = guess.query_one(widget).region
            assert region.height > 0 and region.bottom <= size[1], widget
        # The chosen verdict and confidence are marked in words and signs, not colour alone.
        assert "▸" in str(guess.query_one(OptionList).get_option_at_index(0).prompt)
        assert any("(chosen)" in str(b.label) for b in guess.query(RadioButton))
        # Enter on a verdict with no reason: the message is where the student is typing.
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        status = guess.query_one("#guess-status")
        assert "reason" in str(status.render()) and status.region.height > 0
        assert status.region.bottom <= size[1]
        assert isinstance(guess.focused, Input)
        # Letters typed while the list has focus go into the reason, not nowhere.
        guess.query_one(OptionList).focus()
        await pilot.press("n", "o", "t", "space", "s", "u", "r", "e")
        await settle(pilot)
        assert guess.query_one(Input).value == "not sure"
        await pilot.press("enter")
        await settle(pilot)
        assert on_top(app) is screen
        recorded = app.session.work.guesses[claim.id]
        assert recorded.reason == "not sure" and recorded.verdict == tutorial.scale.ids[1]
