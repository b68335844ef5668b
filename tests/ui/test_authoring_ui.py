"""Author mode in the reader, driven by its keys: claims, accounts, source cards, footnote
cards, the article's details, the stub review, deleting, undo and redo; copying a pack that
may not be changed; never in a served reader; a pack changed on disk is read again."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TextArea

from reader.authoring.document import Refused
from reader.importer import import_text, write_pack
from reader.open import LocalSource
from reader.pack.load import load_pack
from reader.problems import errors
from reader.ui.app import LateralApp, make_app, served

from .conftest import TUTORIAL, on_top, reader, settle

ARTICLE = (
    "Floods in the valley\n\n"
    "The river rose by two metres in 2021, the council said.[1] Nobody was hurt that night. "
    "Repairs cost four million euros.[2]\n\n"
    "Some residents left the valley for good.\n\n"
    "Notes\n\n[1] Valley Council, flood report, 2021.\n\n[2] Regional budget, 2022.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "packs" / "floods"
    write_pack(import_text(ARTICLE, source_name="floods.txt"), target)
    return target


def authoring_app(folder: Path, tmp_path: Path, **kwargs: Any) -> LateralApp:
    return make_app(source=LocalSource(folder), state_dir=tmp_path / "data", author=True,
                    **kwargs)


def sentence_with(app: LateralApp, words: str) -> int:
    article = reader(app).pack.article
    return next(i for i, s in enumerate(article.sentences)
                if words in article.text[s.start : s.end])


async def go(pilot: Pilot[None], app: LateralApp, words: str) -> None:
    reader(app).go_to_sentence(sentence_with(app, words))
    await settle(pilot)


def claims_on_disk(folder: Path) -> dict[str, Any]:
    result = load_pack(folder)
    assert result.pack is not None
    return {claim.id: claim for claim in result.pack.claims}


def choosing(app: LateralApp) -> object:
    """The quote being chosen in the article (None: not choosing)."""
    return reader(app)._choosing


def bar(app: LateralApp) -> str:
    return str(reader(app).query_one("#author-bar", Static).render())


async def test_a_new_claim_is_chosen_in_the_article_written_undone_and_redone(
    folder: Path, tmp_path: Path
) -> None:
    app = authoring_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.session.author is not None
        assert "Author mode" in bar(app) and "stubs 0 of 2 reviewed" in bar(app)
        await go(pilot, app, "Nobody was hurt")
        await pilot.press("c")
        await settle(pilot)
        screen = reader(app)
        assert screen._choosing is not None
        assert "Quote: 5 words, found once" in bar(app)
        # The quote is marked in the article itself.
        assert screen.article_view._matches == [(screen._choosing.start, screen._choosing.end)]
        await pilot.press("shift+left", "shift+left")  # "Nobody was hurt"
        await pilot.press("left")  # "…said.[1] Nobody was hurt": a word earlier
        await pilot.press("right")
        assert screen._choosing.choice().quote == "Nobody was hurt"
        await pilot.press("escape")  # cancel: nothing written
        await settle(pilot)
        assert choosing(app) is None and not app.session.author.document.can_undo
        await pilot.press("c")
        await pilot.press("shift+left", "shift+left", "enter")
        await settle(pilot)
        editor = on_top(app)
        assert type(editor).__name__ == "ClaimEditor"
        editor.query_one("#claim-verdict", Select).value = "unverifiable"
        editor.query_one("#claim-summary", TextArea).text = "No record of injuries was found."
        editor.query_one("#claim-notes", TextArea).text = "First note.\n\nSecond\nnote."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved" in str(editor.query_one("#claim-status", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        on_disk = claims_on_disk(folder)
        new = next(c for c in on_disk.values() if c.quote == "Nobody was hurt")
        assert new.verdict == "unverifiable"
        assert new.summary == "No record of injuries was found."
        assert new.notes == ("First note.", "Second note.")
        assert new.kind is not None
        # The new claim sits in the file in the article's order: after the first stub.
        ids = list(on_disk)
        assert ids.index(new.id) == 1
        await pilot.press("u")
        await settle(pilot)
        assert all(c.quote != "Nobody was hurt" for c in claims_on_disk(folder).values())
        await pilot.press("U")
        await settle(pilot)
        assert any(c.quote == "Nobody was hurt" for c in claims_on_disk(folder).values())
        assert (folder / "pack.toml.bak").is_file()


async def test_accounts_with_a_new_source_card_are_added_moved_and_deleted(
    folder: Path, tmp_path: Path
) -> None:
    app = authoring_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go(pilot, app, "The river rose")
        claim_id = reader(app).navigator.claims_on(reader(app).cursor)[0].id
        await pilot.press("c")
        await settle(pilot)
        editor = on_top(app)
        for says, find, stance in (("The council's report gives the two metres.", "valley",
                                    "supports"),
                                   ("A gauge upstream read 1.6 metres.", "Gauge records",
                                    "contradicts")):
            editor.query_one("#claim-accounts", OptionList).focus()
            await pilot.press("a")
            await settle(pilot)
            accounts = on_top(app)
            assert type(accounts).__name__ == "AccountEditor"
            await pilot.press(*find)
            await settle(pilot)
            if find == "Gauge records":  # no such card: the last line makes one
                options = accounts.query_one(".picker-list", OptionList)
                options.highlighted = options.option_count - 1
                await pilot.press("enter")
                await settle(pilot)
                card_form = on_top(app)
                assert type(card_form).__name__ == "SourceEditor"
                assert card_form.query_one("#source-title", Input).value == "Gauge records"
                card_form.query_one("#source-date", Input).value = "2021-07"
                await pilot.press("ctrl+s")
                await settle(pilot)
                assert "YYYY-MM-DD" in str(card_form.query_one("#source-status",
                                                               Static).render())
                card_form.query_one("#source-date", Input).value = "2021-07-15"
                card_form.query_one("#source-kind", Select).value = "government"
                await pilot.press("ctrl+s")
                await settle(pilot)
            else:
                await pilot.press("enter")
                await settle(pilot)
            accounts.query_one("#account-stance", Select).value = stance
            accounts.query_one("#account-says", TextArea).text = says
            accounts.query_one("#account-quote", Input).value = " ".join(["word"] * 30)
            await settle(pilot)
            assert "30 words" in str(accounts.query_one("#account-status", Static).render())
            accounts.query_one("#account-quote", Input).value = ""
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert on_top(app) is editor
        claim = claims_on_disk(folder)[claim_id]
        assert [a.stance for a in claim.accounts] == ["supports", "contradicts"]
        gauge = claim.accounts[1].source
        assert load_pack(folder).pack.sources[gauge].kind == "government"  # type: ignore[union-attr]
        listing = editor.query_one("#claim-accounts", OptionList)
        listing.focus()
        listing.highlighted = 1
        await pilot.press("ctrl+up")
        await settle(pilot)
        assert [a.stance for a in claims_on_disk(folder)[claim_id].accounts] == [
            "contradicts", "supports"]
        listing.highlighted = 1
        await pilot.press("delete")
        await settle(pilot)
        assert len(claims_on_disk(folder)[claim_id].accounts) == 2  # not yet: press again
        await pilot.press("delete")
        await settle(pilot)
        assert [a.stance for a in claims_on_disk(folder)[claim_id].accounts] == ["contradicts"]
        assert not errors(load_pack(folder).problems)


async def test_footnote_card_article_details_and_source_cards(
    folder: Path, tmp_path: Path
) -> None:
    app = authoring_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go(pilot, app, "Repairs cost")
        await pilot.press("F")
        await settle(pilot)
        card = on_top(app)
        assert type(card).__name__ == "FootnoteEditor"
        card.query_one("#footnote-note", TextArea).text = "The 2022 budget has the line."
        await pilot.press("ctrl+s")
        await settle(pilot)
        pack = load_pack(folder).pack
        assert pack is not None and pack.footnote_cards["2"].note == (
            "The 2022 budget has the line.")

        await pilot.press("A")
        await settle(pilot)
        details = on_top(app)
        details.query_one("#article-published", Input).value = "2024-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert on_top(app) is details  # refused, with what to do
        assert "YYYY-MM-DD" in str(details.query_one("#article-status", Static).render())
        details.query_one("#article-published", Input).value = "2024-01-31"
        details.query_one("#article-author", Input).value = "Jane Doe"
        await pilot.press("ctrl+s")
        await settle(pilot)
        meta = load_pack(folder).pack.meta  # type: ignore[union-attr]
        assert (meta.author, str(meta.published)) == ("Jane Doe", "2024-01-31")
        assert "published = 2024-01-31" in (folder / "pack.toml").read_text(encoding="utf-8")

        await pilot.press("S")
        await settle(pilot)
        sources = on_top(app)
        listing = sources.query_one(OptionList)
        listing.highlighted = 0  # note-1: used by the footnote card
        await pilot.press("delete", "delete")
        await settle(pilot)
        status = str(sources.query_one("#sources-status", Static).render())
        assert "Not deleted" in status and "footnote [1]" in status
        await pilot.press("escape")
        await settle(pilot)


async def test_stub_review_keeps_skips_and_deletes_with_a_count(
    folder: Path, tmp_path: Path
) -> None:
    app = authoring_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert "R: review stubs (0 of 2 reviewed)" in str(
            on_top(app).query_one("#outline-help", Static).render())
        await pilot.press("R")
        await settle(pilot)
        review = on_top(app)
        assert type(review).__name__ == "StubReview"
        assert "Stub 1 of 2" in str(review.query_one("#stubs-count", Static).render())
        first = getattr(review, "stub", None)
        assert first is not None and reader(app).cursor == first.sentences[0]
        await pilot.press("s")
        await settle(pilot)
        assert "Stub 2 of 2 (1 reviewed)" in str(review.query_one("#stubs-count",
                                                                  Static).render())
        await pilot.press("enter")
        await settle(pilot)
        editor = on_top(app)
        editor.query_one("#claim-verdict", Select).value = "supported"
        editor.query_one("#claim-summary", TextArea).text = "The budget shows it."
        await pilot.press("ctrl+s", "escape")
        await settle(pilot)
        assert "none left" in str(review.query_one("#stubs-count", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert "stubs 2 of 2 reviewed" in bar(app)
        # The skipped stub is still in the pack; x deletes it, u brings it back.
        await go(pilot, app, "The river rose")
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert first.id not in claims_on_disk(folder)
        await pilot.press("u")
        await settle(pilot)
        assert first.id in claims_on_disk(folder)


async def test_a_refused_change_keeps_everything_typed(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = authoring_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go(pilot, app, "The river rose")
        await pilot.press("c")
        await settle(pilot)
        editor = on_top(app)
        editor.query_one("#claim-summary", TextArea).text = "Typed with care."
        author = app.session.author
        assert author is not None

        def refuse(*_args: object) -> None:
            raise Refused("article: file 'gone.md' cannot be read")

        monkeypatch.setattr(author, "change", refuse)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert on_top(app) is editor
        assert "Not saved: article: file 'gone.md'" in str(
            editor.query_one("#claim-status", Static).render())
        assert editor.query_one("#claim-summary", TextArea).text == "Typed with care."
        await pilot.press("escape")  # unsaved: asks first
        await settle(pilot)
        assert on_top(app) is editor


async def test_a_bundled_pack_is_copied_before_it_is_written(tmp_path: Path) -> None:
    app = make_app(source=LocalSource(TUTORIAL), state_dir=tmp_path / "data")
    before = (TUTORIAL / "pack.toml").read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        offer = on_top(app)
        assert type(offer).__name__ == "CopyPackScreen"
        assert str(tmp_path / "data" / "packs") in str(offer.query_one("#copy-text",
                                                                       Static).render())
        await pilot.press("y")
        await settle(pilot)
        await settle(pilot)
        author = app.session.author
        assert author is not None
        assert author.pack_file.is_relative_to(tmp_path / "data" / "packs")
        await pilot.press("A")
        await settle(pilot)
        on_top(app).query_one("#article-title", Input).value = "My tutorial"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert (TUTORIAL / "pack.toml").read_bytes() == before
    assert 'title = "My tutorial"' in author.pack_file.read_text(encoding="utf-8")


async def test_a_served_reader_has_no_author_mode(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LATERAL_SERVED", "1")
    assert served()
    app = make_app(source=LocalSource(folder), state_dir=tmp_path / "data", author=True)
    before = (folder / "pack.toml").read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.session.author is None and not app.session.may_author
        for key in ("e", "c", "E", "A", "S", "x", "u"):
            await pilot.press(key)
            await settle(pilot)
            assert app.session.author is None
            assert type(on_top(app)).__name__ == "ReaderScreen"
        reader(app).start_authoring_on(folder / "pack.toml")  # refused inside, not only hidden
        assert app.session.author is None
    assert (folder / "pack.toml").read_bytes() == before


async def test_a_pack_changed_on_disk_is_read_again_keeping_the_place(
    folder: Path, tmp_path: Path
) -> None:
    app = make_app(source=LocalSource(folder), state_dir=tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go(pilot, app, "Repairs cost")
        place = reader(app).cursor
        text = (folder / "pack.toml").read_text(encoding="utf-8")
        marker = 'quote = "Repairs cost four million euros.[2]"'
        assert marker in text
        (folder / "pack.toml").write_text(
            text.replace(marker, marker + '\nverdict = "supported"\nsummary = "Budget line 4."'),
            encoding="utf-8")
        for _ in range(30):
            await pilot.pause(0.1)
            if "Budget line 4." in reader(app).panel.plain_text:
                break
        assert "Budget line 4." in reader(app).panel.plain_text
        assert reader(app).cursor == place


async def test_the_editor_opens_at_the_claim_and_its_changes_are_read(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib
    import subprocess

    calls: list[list[str]] = []

    def fake_editor(argv: list[str], check: bool = False) -> None:
        calls.append(argv)
        path = Path(argv[-1])
        path.write_text(path.read_text(encoding="utf-8").replace(
            'title = "Floods in the valley"', 'title = "Floods, edited"'), encoding="utf-8")

    monkeypatch.setenv("EDITOR", "my-editor --wait")
    monkeypatch.setattr(subprocess, "run", fake_editor)
    app = authoring_app(folder, tmp_path)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go(pilot, app, "Repairs cost")
        await pilot.press("E")
        await settle(pilot)
        author = app.session.author
        assert author is not None
        line = author.line_of_claim(reader(app).navigator.claims_on(reader(app).cursor)[0].id)
        assert calls == [["my-editor", "--wait", f"+{line}", str(folder / "pack.toml")]]
        assert app.session.pack is not None and app.session.pack.meta.title == "Floods, edited"
        await pilot.press("u")  # the outside change can be undone too
        await settle(pilot)
        assert 'title = "Floods in the valley"' in (folder / "pack.toml").read_text(
            encoding="utf-8")


def test_copying_never_touches_the_original(tmp_path: Path) -> None:
    from reader.authoring.copying import copy_to_write

    source = tmp_path / "read-only"
    shutil.copytree(TUTORIAL, source)
    copy = copy_to_write(source / "pack.toml", "How to read with lateral", tmp_path / "packs")
    assert (copy / "pack.toml").read_bytes() == (source / "pack.toml").read_bytes()
    again = copy_to_write(source / "pack.toml", "How to read with lateral", tmp_path / "packs")
    assert again == copy  # the copy made before is used, not a second one


async def test_the_problems_list_is_live_and_goes_to_each_problem(
    folder: Path, tmp_path: Path
) -> None:
    app = authoring_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go(pilot, app, "Repairs cost")
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        listed = on_top(app)
        assert type(listed).__name__ == "ProblemsScreen"
        options = listed.query_one("#problems-places", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        index = next(i for i, p in enumerate(prompts) if "repairs-cost" in p)
        options.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert type(on_top(app)).__name__ == "ReaderScreen"
        assert reader(app).cursor == sentence_with(app, "Repairs cost")
        # A verdict given: its warning leaves the list.
        await pilot.press("c")
        await settle(pilot)
        on_top(app).query_one("#claim-verdict", Select).value = "supported"
        on_top(app).query_one("#claim-summary", TextArea).text = "The budget has it."
        await pilot.press("ctrl+s", "escape")
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        options = on_top(app).query_one("#problems-places", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any("repairs-cost" in p and "not reviewed" in p for p in prompts)


async def test_a_card_with_an_outlet_is_edited_as_written(folder: Path, tmp_path: Path) -> None:
    from reader.ui.screens.source_editor import SourceEditor

    path = folder / "pack.toml"
    text = path.read_text(encoding="utf-8").replace(
        'title = "Valley Council, flood report, 2021."',
        'title = "Flood report"\noutlet = "council"\nperspective = "quoting the engineer"')
    text = text.replace("\n[article]", '\n[[outlets]]\nid = "council"\nname = "Valley Council"\n'
                        'kind = "government"\nbehind = "the valley\'s local government"\n'
                        "\n[article]", 1)
    path.write_text(text, encoding="utf-8")
    app = authoring_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        author = app.session.author
        assert author is not None and author.pack is not None
        card = author.pack.sources["note-1"]
        assert card.perspective == "the valley's local government; quoting the engineer"
        app.push_screen(SourceEditor(app.session, author, card))
        await settle(pilot)
        form = on_top(app)
        assert form.query_one("#source-perspective", Input).value == "quoting the engineer"
        assert form.query_one("#source-publisher", Input).value == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert path.read_text(encoding="utf-8") == text  # saved as it was: nothing doubled
