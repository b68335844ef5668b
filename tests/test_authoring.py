"""Editing a pack in place: each change touches only its own table, the pack is checked at
every change, undo and redo, saving, and choosing a quote word by word."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from reader.authoring import tables
from reader.authoring.document import PackDocument, Refused
from reader.authoring.quote import QuoteSelection
from reader.importer import import_text, write_pack
from reader.pack.anchor import Anchorer
from reader.pack.load import load_pack
from reader.problems import errors
from reader.resources import bundled_packs


def _copy(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def _changed_lines(before: str, after: str) -> list[str]:
    """The lines removed or added, without the diff's own headers."""
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    text = (
        "A test article\n\n"
        "The war ended in 2020, according to officials.[1] Forty people died that day.\n\n"
        "The river rose by two metres in 2021, the council said. The river rose by two "
        "metres in 2021, the council said.\n\n"
        "Notes\n\n[1] A report, 2021.\n"
    )
    folder = tmp_path / "imported"
    write_pack(import_text(text, source_name="test.txt"), folder)
    return folder


@pytest.mark.parametrize("folder", bundled_packs(), ids=lambda p: p.name)
def test_opening_and_saving_without_a_change_leaves_the_file_as_it_was(
    folder: Path, tmp_path: Path
) -> None:
    pack = _copy(folder, tmp_path)
    before = (pack / "pack.toml").read_bytes()
    document = PackDocument.open(pack)
    assert document.checked.result.pack is not None
    assert document.text == before.decode("utf-8")
    assert document.save() is False
    assert (pack / "pack.toml").read_bytes() == before
    assert not (pack / "pack.toml.bak").exists()


def test_a_verdict_on_a_stub_is_written_where_the_importer_left_its_placeholder(
    imported: Path,
) -> None:
    document = PackDocument.open(imported)
    before = document.text
    claim_id = str(tables.aot(document.doc, "claims")[0]["id"])  # type: ignore[index]
    document.edit("verdict", lambda doc: tables.set_claim(
        doc, claim_id, {"verdict": "supported", "summary": "Officials and the record agree."}))
    changed = _changed_lines(before, document.text)
    assert changed[0].startswith('-# verdict = ""')
    assert '+verdict = "supported"' in changed
    assert '+summary = "Officials and the record agree."' in changed
    assert len(changed) == 4  # two placeholders out, two keys in, nothing else
    claim = next(c for c in document.checked.result.pack.claims if c.id == claim_id)  # type: ignore[union-attr]
    assert claim.verdict == "supported"


def test_an_account_added_on_the_bundled_pack_changes_only_its_own_lines(tmp_path: Path) -> None:
    pack = _copy(bundled_packs()[0], tmp_path)
    document = PackDocument.open(pack)
    before = document.text
    loaded = document.checked.result.pack
    assert loaded is not None
    claim = loaded.claims[3]
    source = next(iter(loaded.sources))
    account = {"source": source, "stance": "context", "says": 'A new "account", in our words.'}
    document.edit("account", lambda doc: tables.put_account(doc, claim.id, account))
    changed = _changed_lines(before, document.text)
    assert all(line.startswith("+") for line in changed), changed
    assert '+says = "A new \\"account\\", in our words."' in changed
    assert len(changed) <= 6  # header, three keys, a blank line or two
    after = document.checked.result.pack
    assert after is not None
    new_claim = next(c for c in after.claims if c.id == claim.id)
    assert len(new_claim.accounts) == len(claim.accounts) + 1
    assert new_claim.accounts[-1].says == 'A new "account", in our words.'
    assert document.checked.error_count == 0
    # Every comment the teacher wrote is still there.
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in document.text.splitlines()
                        if line.lstrip().startswith("#")]


def test_accounts_move_and_go(tmp_path: Path) -> None:
    pack = _copy(bundled_packs()[0], tmp_path)
    document = PackDocument.open(pack)
    loaded = document.checked.result.pack
    assert loaded is not None
    claim = next(c for c in loaded.claims if len(c.accounts) >= 3)
    first, second = claim.accounts[0], claim.accounts[1]
    assert document.edit("move", lambda doc: tables.move_account(doc, claim.id, 0, 1)) == 1
    moved = next(c for c in document.checked.result.pack.claims if c.id == claim.id)  # type: ignore[union-attr]
    assert moved.accounts[:2] == (second, first)
    last = len(claim.accounts) - 1
    document.edit("move", lambda doc: tables.move_account(doc, claim.id, last - 1, 1))
    reloaded = tables.aot(tables.claim_table(document.doc, claim.id), "accounts")
    assert reloaded is not None and len(reloaded) == len(claim.accounts)
    document.edit("delete", lambda doc: tables.delete_account(doc, claim.id, 0))
    gone = next(c for c in document.checked.result.pack.claims if c.id == claim.id)  # type: ignore[union-attr]
    assert len(gone.accounts) == len(claim.accounts) - 1
    assert document.checked.error_count == 0
    assert document.text.count("\n\n\n") == document.saved_text.count("\n\n\n")


def test_a_source_in_use_is_not_deleted_and_its_users_are_named(tmp_path: Path) -> None:
    pack = _copy(bundled_packs()[0], tmp_path)
    document = PackDocument.open(pack)
    loaded = document.checked.result.pack
    assert loaded is not None
    used = loaded.claims[0].accounts[0].source
    with pytest.raises(tables.SourceInUse) as refused:
        document.edit("delete source", lambda doc: tables.delete_source(doc, used))
    assert any(loaded.claims[0].id in user for user in refused.value.users)
    assert document.text == document.saved_text and not document.can_undo
    document.edit("new", lambda doc: tables.put_source(
        doc, {"id": "spare-card", "title": "A spare card", "kind": "news"}))
    assert "spare-card" in document.checked.result.pack.sources  # type: ignore[union-attr]
    # A new card goes above the heading comment that introduces the footnote cards.
    heading = "# -- The article's own notes"
    assert document.text.index('id = "spare-card"') < document.text.index(heading)
    assert document.text.count(heading) == 1
    document.edit("delete source", lambda doc: tables.delete_source(doc, "spare-card"))
    assert document.text == document.saved_text


def test_a_change_that_would_stop_the_pack_loading_is_refused(imported: Path) -> None:
    document = PackDocument.open(imported)
    with pytest.raises(Refused) as refused:
        document.edit("file", lambda doc: tables.set_article(doc, {"file": "missing.md"}))
    assert "missing.md" in refused.value.reason
    assert document.text == document.saved_text
    assert document.doc["article"]["file"] == "article.md"
    assert not document.can_undo


def test_undo_and_redo_every_change(imported: Path) -> None:
    document = PackDocument.open(imported)
    texts = [document.text]
    document.edit("title", lambda doc: tables.set_article(doc, {"title": "A new title"}))
    texts.append(document.text)
    document.edit("date", lambda doc: tables.set_article(doc, {"published": "2024-03-12"}))
    texts.append(document.text)
    assert "published = 2024-03-12" in document.text
    assert document.checked.result.pack.meta.published is not None  # type: ignore[union-attr]
    assert document.undo() == "date" and document.text == texts[1]
    assert document.undo() == "title" and document.text == texts[0]
    assert document.undo() is None
    assert document.redo() == "title" and document.text == texts[1]
    assert document.checked.result.pack.meta.title == "A new title"  # type: ignore[union-attr]
    document.edit("author", lambda doc: tables.set_article(doc, {"author": "Jane Doe"}))
    assert document.redo() is None  # a new change forgets what was undone


def test_saving_is_atomic_and_keeps_the_previous_file(imported: Path) -> None:
    document = PackDocument.open(imported)
    first = (imported / "pack.toml").read_text(encoding="utf-8")
    document.edit("title", lambda doc: tables.set_article(doc, {"title": "Saved"}))
    assert document.save() is True
    assert (imported / "pack.toml.bak").read_text(encoding="utf-8") == first
    assert load_pack(imported).pack.meta.title == "Saved"  # type: ignore[union-attr]
    assert not document.dirty and document.save() is False


def test_items_keep_the_form_they_were_written_in(tmp_path: Path) -> None:
    pack = _copy(bundled_packs()[0], tmp_path)
    document = PackDocument.open(pack)
    loaded = document.checked.result.pack
    assert loaded is not None
    inline = next(c for c in loaded.claims if c.prompts)
    tables_form = next(c for c in loaded.claims if c.notes)
    document.edit("prompts", lambda doc: tables.set_items(doc, inline.id, "prompts",
                                                          ["One?", "Two?"]))
    document.edit("notes", lambda doc: tables.set_items(doc, tables_form.id, "notes",
                                                        ["Only this note."]))
    assert '{ text = "One?" }' in document.text or '{text = "One?"}' in document.text
    assert '[[claims.notes]]\ntext = "Only this note."' in document.text
    assert document.text.count("\n\n\n") == document.saved_text.count("\n\n\n")
    after = document.checked.result.pack
    assert after is not None
    assert [p for p in next(c for c in after.claims if c.id == inline.id).prompts] == [
        "One?", "Two?"]
    assert list(next(c for c in after.claims if c.id == tables_form.id).notes) == [
        "Only this note."]
    assert document.checked.error_count == 0


def test_footnote_cards_are_written_and_changed(imported: Path) -> None:
    document = PackDocument.open(imported)
    document.edit("card", lambda doc: tables.put_footnote(
        doc, "1", {"note": "The report exists and says so."}))
    card = document.checked.result.pack.footnote_cards["1"]  # type: ignore[union-attr]
    assert card.note == "The report exists and says so."
    assert '# note = "What is the cited item?' not in document.text


def test_a_claim_added_and_deleted_leaves_the_pack_as_it_was(imported: Path) -> None:
    document = PackDocument.open(imported)
    loaded = document.checked.result.pack
    assert loaded is not None
    sentence = next(i for i, s in enumerate(loaded.article.sentences)
                    if "Forty people" in loaded.article.text[s.start:s.end])
    choice = QuoteSelection(loaded.article, sentence).choice()
    values = {"id": "forty-died", "quote": choice.quote, "kind": "statistic",
              "verdict": "unverifiable", "summary": "No record of the toll was found."}
    document.edit("claim", lambda doc: tables.insert_claim(doc, values))
    assert document.checked.error_count == 0
    assert any(c.id == "forty-died" for c in document.checked.result.pack.claims)  # type: ignore[union-attr]
    document.edit("delete", lambda doc: tables.delete_claim(doc, "forty-died"))
    assert document.text.rstrip("\n") == document.saved_text.rstrip("\n")


def test_a_repeated_sentence_gets_the_context_that_places_it(imported: Path) -> None:
    loaded = load_pack(imported).pack
    assert loaded is not None
    article = loaded.article
    repeated = [i for i, s in enumerate(article.sentences)
                if article.text[s.start:s.end].startswith("The river rose")]
    assert len(repeated) == 2
    anchorer = Anchorer(article.text)
    for sentence in repeated:
        choice = QuoteSelection(article, sentence, anchorer).choice()
        assert choice.placed and (choice.prefix or choice.suffix)
        anchor = anchorer.anchor(choice.quote, choice.prefix or None, choice.suffix or None)
        assert anchor.status == "exact" and anchor.start == choice.start


def test_the_quote_grows_and_shrinks_a_word_at_a_time_within_its_paragraph(
    imported: Path,
) -> None:
    loaded = load_pack(imported).pack
    assert loaded is not None
    article = loaded.article
    sentence = next(i for i, s in enumerate(article.sentences)
                    if "Forty people" in article.text[s.start:s.end])
    selection = QuoteSelection(article, sentence)
    assert selection.choice().quote == "Forty people died that day."
    assert selection.move_end(-1) and selection.choice().quote == "Forty people died that"
    assert selection.move_start(1) and selection.choice().quote == "people died that"
    assert selection.move_start(-1) and selection.move_start(-1)
    assert selection.choice().quote == "officials.[1] Forty people died that"
    assert selection.choice().words == 5
    while selection.move_start(-1):
        pass
    assert selection.choice().quote.startswith("The war ended")
    assert not selection.move_start(-1)  # the paragraph's first word
    while selection.move_start(1):
        pass
    assert selection.first == selection.last  # never less than a word
    assert errors(load_pack(imported).problems) == []


def test_a_card_added_to_a_skeleton_goes_above_the_heading_of_the_footnote_cards(
    imported: Path,
) -> None:
    document = PackDocument.open(imported)
    heading = "# The reviewer's card for each of the article's own notes."
    document.edit("new", lambda doc: tables.put_source(
        doc, {"id": "gauge-records", "title": "Gauge records"}))
    text = document.text
    assert text.index('id = "gauge-records"') < text.index(heading) < text.index("[footnotes.1]")
    assert text.count('# kind = "news"') == document.saved_text.count('# kind = "news"')
    document.edit("delete", lambda doc: tables.delete_source(doc, "gauge-records"))
    assert document.text == document.saved_text
