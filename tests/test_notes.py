"""The student's notes: round trips, anchoring, and never losing what was saved."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.model import Pack
from reader.notes import (
    Guess,
    NotesError,
    NotesFile,
    NotesStore,
    StudentNote,
    anchor_notes,
    context_around,
    new_note_id,
)
from reader.pack.load import load_pack
from reader.text.article import parse_article

from .conftest import FIXTURES, examples

WHEN = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def river_pack() -> Pack:
    pack = load_pack(FIXTURES / "river").pack
    assert pack is not None
    return pack


def sample() -> NotesFile:
    notes = NotesFile("river-1234", "River levels", student="Ana")
    notes.put_note(
        StudentNote(
            "n-1", "The river rose", "Check the gauge.\nAnd the date.", 0, "", " to 9.1", WHEN, WHEN
        )
    )
    notes.put_guess(Guess("highest-in-100-years", "false", "high", "1953 was higher", WHEN))
    return notes


def test_round_trip_through_bytes() -> None:
    notes = sample()
    again = NotesFile.from_toml(__import__("tomli").loads(notes.to_bytes().decode()))
    assert again.as_toml() == notes.as_toml()
    assert again.notes[0].text == "Check the gauge.\nAnd the date."


TEXT = st.text(st.characters(codec="utf-8"), max_size=60)


@examples(10000)
@given(TEXT, TEXT, TEXT, st.sampled_from(["low", "medium", "high"]))
def test_any_text_round_trips(quote: str, text: str, reason: str, confidence: str) -> None:
    notes = NotesFile("k", "t", student=text)
    notes.put_note(StudentNote("n-1", quote or "q", text, 3, quote, text, WHEN, None))
    notes.put_guess(Guess("c", "false", confidence, reason, WHEN))
    again = NotesFile.from_toml(__import__("tomli").loads(notes.to_bytes().decode()))
    assert again.as_toml() == notes.as_toml()


def test_unsaveable_text_is_refused_before_writing(tmp_path: Path) -> None:
    store = NotesStore(tmp_path / "n.toml", "k", "t")
    good = sample()
    store.save(good)
    before = (tmp_path / "n.toml").read_bytes()
    bad = sample()
    bad.put_note(StudentNote("n-2", "q", "lone surrogate \ud800 here"))
    with pytest.raises(NotesError):
        store.save(bad)
    assert (tmp_path / "n.toml").read_bytes() == before


def test_save_load_and_backup(tmp_path: Path) -> None:
    store = NotesStore(tmp_path / "notes" / "n.toml", "k", "t")
    first = sample()
    assert store.save(first) == tmp_path / "notes" / "n.toml"
    loaded, message = store.load()
    assert message is None and loaded.as_toml() == first.as_toml()
    loaded.put_note(StudentNote("n-2", "Older residents", "Which flood?"))
    store.save(loaded)
    assert (tmp_path / "notes" / "n.toml.bak").exists()
    assert len(NotesStore(store.path, "k", "t").load()[0].notes) == 2


def test_unreadable_file_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "n.toml"
    path.write_text("format = 1\nthis is not = = toml", encoding="utf-8")
    store = NotesStore(path, "k", "t")
    notes, message = store.load()
    assert notes.notes == [] and message is not None
    kept = list(tmp_path.glob("n.toml.corrupt-*"))
    assert len(kept) == 1 and "this is not" in kept[0].read_text(encoding="utf-8")
    assert str(kept[0]) in message
    store.save(sample())  # a new file; the corrupt one stays as it was
    assert kept[0].exists()


def test_changed_on_disk_goes_to_a_conflict_file(tmp_path: Path) -> None:
    path = tmp_path / "n.toml"
    mine = NotesStore(path, "k", "t")
    theirs = NotesStore(path, "k", "t")
    mine.load()
    theirs.load()
    theirs.save(sample())
    written = mine.save(NotesFile("k", "t", student="Ben"))
    assert written != path and "conflict" in written.name
    assert NotesStore(path, "k", "t").load()[0].student == "Ana"


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "n.toml"
    store = NotesStore(path, "k", "t")
    store.save(sample())
    before = path.read_bytes()

    def full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(NotesError, match="No space left"):
        store.save(NotesFile("k", "t", student="Ben"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".n.toml.*"))


def test_notes_anchor_and_survive_edits(river_pack: Pack) -> None:
    article = river_pack.article
    sentence = article.sentences[1]
    quote = article.text[sentence.start : sentence.end]
    prefix, suffix = context_around(article.text, sentence.start, sentence.end)
    note = StudentNote(new_note_id(), quote, "mine", sentence.start, prefix, suffix)
    gone = StudentNote("n-gone", "This sentence was never in the article.", "orphan")
    anchors = anchor_notes(article, [note, gone])
    assert anchors[note.id].status == "exact" and anchors[note.id].start == sentence.start
    assert anchors["n-gone"].status == "not_found"
    edited_text = "# River\n\nA new opening sentence. " + article.text.split("\n\n", 1)[1]
    edited, _ = parse_article(edited_text)
    moved = anchor_notes(edited, [note])[note.id]
    assert moved.found and edited.text[moved.start : moved.end] == quote


def test_a_bundled_packs_notes_do_not_depend_on_where_it_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import reader.resources
    from reader.storage import pack_key

    here = reader.resources.default_pack() / "pack.toml"
    checkout_key = pack_key(here, "any title")
    installed = tmp_path / "site-packages" / "reader" / "data"
    shutil.copytree(reader.resources.data_root() / "articles" / "tutorial",
                    installed / "articles" / "closing-the-circle")
    monkeypatch.setattr(reader.resources, "data_root", lambda: installed)
    moved = installed / "articles" / "closing-the-circle" / "pack.toml"
    assert pack_key(moved, "any title") == checkout_key
    # A teacher's own pack is still told apart by where it is.
    own = tmp_path / "mine" / "closing-the-circle" / "pack.toml"
    assert pack_key(own, "any title") != checkout_key


BAD_NOTES = Path(__file__).resolve().parent / "corpus" / "bad-notes"


def _expected_notes_errors() -> dict[str, str]:
    pairs = {}
    for line in (BAD_NOTES / "expected.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, detail = line.partition(": ")
            pairs[name] = detail
    return pairs


@pytest.mark.parametrize("name", sorted(_expected_notes_errors()))
def test_broken_notes_file_is_set_aside_with_its_reason(name: str, tmp_path: Path) -> None:
    original = (BAD_NOTES / name).read_bytes()
    path = tmp_path / "notes.toml"
    path.write_bytes(original)
    store = NotesStore(path, "k", "t")
    notes, message = store.load()
    assert notes.notes == [] and notes.guesses == {}
    assert message is not None
    asides = list(tmp_path.glob("notes.toml.corrupt-*"))
    assert len(asides) == 1 and asides[0].read_bytes() == original
    assert message == (
        f"{path} could not be read ({_expected_notes_errors()[name]}); "
        f"it was kept as {asides[0]}"
    )
    # New work is saved beside it; the set-aside file is never touched.
    fresh = sample()
    store.save(fresh)
    assert asides[0].read_bytes() == original
    assert NotesStore(path, "k", "t").load()[0].notes == fresh.notes


def test_bad_notes_corpus_covers_every_case() -> None:
    files = {p.name for p in BAD_NOTES.glob("*.toml")}
    assert files == set(_expected_notes_errors()) and len(files) >= 18


def test_oversized_notes_file_is_left_alone(tmp_path: Path) -> None:
    from reader.notes import MAX_NOTES_BYTES

    path = tmp_path / "notes.toml"
    with path.open("wb") as file:
        file.truncate(MAX_NOTES_BYTES + 1)
    store = NotesStore(path, "k", "t")
    _notes, message = store.load()
    assert message is not None and "larger than 5 MB" in message and "left as it is" in message
    with pytest.raises(NotesError, match="larger than 5 MB"):
        store.save(sample())
    assert path.stat().st_size == MAX_NOTES_BYTES + 1


@st.composite
def damaged_notes(draw: st.DrawFn) -> bytes:
    data = bytearray(sample().to_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "insert", "delete", "cut"]))
        chunk = draw(st.binary(min_size=1, max_size=4) | st.sampled_from(
            [b'"', b"[", b"]", b"=", b"\n", b"[[notes]]\n", b"\x00", b"\xff", b"format = 2\n"]))
        if action == "replace":
            data[at:at + len(chunk)] = chunk
        elif action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at:at + len(chunk)]
        else:
            del data[at:]
    return bytes(data)


@examples(5_000)
@given(damaged_notes())
def test_a_damaged_notes_file_loads_or_is_set_aside_never_lost(raw: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.toml"
        path.write_bytes(raw)
        notes, message = NotesStore(path, "k", "t").load()
        if message is None:
            assert path.read_bytes() == raw  # it loaded: the file is as it was
            assert isinstance(notes.notes, list)
        else:
            asides = list(Path(folder).glob("notes.toml.corrupt-*"))
            assert len(asides) == 1 and asides[0].read_bytes() == raw
            assert "\x1b" not in message and str(asides[0]) in message
