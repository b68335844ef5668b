"""The student's work on one pack, notes and guesses, changed only through :class:`StudentWork`.

The reader, the exports and ``lateral class`` all go through it. Every change is saved at
once (see :class:`~reader.notes.NotesStore` for how a save never loses anything); a change that
cannot be saved is undone in memory too, so what the reader shows is always what is on disk,
and the error says why. Whoever shows the work passes ``on_change`` to hear of each change
(and of the rare save that went to a conflict file, because another program changed the notes
file meanwhile).
"""

from __future__ import annotations

__all__ = [
    "NotesPlacement",
    "StudentWork",
    "default_hand_in_folder",
    "hand_in_path",
    "name_part",
    "place_notes",
    "write_note",
]

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from reader.environment import getenv
from reader.model import Article, Pack
from reader.notes import (
    Guess,
    NotesError,
    NotesFile,
    NotesStore,
    StudentNote,
    anchor_notes,
    context_around,
    new_note_id,
    now,
)

OnChange = Callable[[Path | None], None]  # called after each change: the conflict file, if any


class NotesPlacement(NamedTuple):
    """Where a student's notes stand in the article now."""

    by_sentence: dict[int, list[StudentNote]]
    unanchored: list[StudentNote]  # notes whose text is no longer in the article


def place_notes(article: Article, notes: Iterable[StudentNote]) -> NotesPlacement:
    """Find each note's sentence; a note whose text is gone is kept apart, never moved."""
    notes = list(notes)
    by_sentence: dict[int, list[StudentNote]] = {}
    unanchored: list[StudentNote] = []
    if not notes:
        return NotesPlacement(by_sentence, unanchored)
    anchors = anchor_notes(article, notes)
    for note in notes:
        anchor = anchors[note.id]
        sentence = article.sentence_at(anchor.start) if anchor.found else None
        if sentence is None:
            unanchored.append(note)
        else:
            by_sentence.setdefault(sentence, []).append(note)
    return NotesPlacement(by_sentence, unanchored)


def write_note(
    article: Article, sentence: int, text: str, existing: StudentNote | None = None
) -> StudentNote:
    """The note ``text`` on ``sentence`` of ``article``: ``existing`` with its text changed,
    or a new note that keeps the sentence's words and context to be found again later."""
    when = now()
    if existing is not None:
        return existing._replace(text=text, updated=when)
    span = article.sentences[sentence]
    prefix, suffix = context_around(article.text, span.start, span.end)
    quote = article.text[span.start : span.end]
    return StudentNote(new_note_id(), quote, text, span.start, prefix, suffix, when, when)


def default_hand_in_folder() -> Path:
    """Where work is handed in: the folder the reader was started in (where a student looks
    for it, and where a class's shared folder is usually opened), or the class's folder under
    `lateral serve`."""
    return Path(getenv("LATERAL_HANDIN_DIR") or Path.cwd())


def name_part(text: str) -> str:
    """``text`` as part of a file name: letters of any alphabet stay (a student named Արմեն
    or Ayşe gets their own name), everything else becomes single dashes (never two in a
    row), at most 40 characters."""
    text = unicodedata.normalize("NFC", text.lower())
    return re.sub(r"[\W_]+", "-", text).strip("-")[:40] or "work"


def hand_in_path(folder: Path, pack_title: str, student: str, session: str | None = None) -> Path:
    """The file a student's work on a pack is handed in as, in ``folder``. Under ``lateral
    serve`` the session's code comes first, so that a name typed in one browser can never
    lead to another student's file (neither part ever holds two dashes in a row)."""
    if session is not None:
        return folder / f"{name_part(pack_title)}--{session}--{name_part(student)}.toml"
    return folder / f"{name_part(pack_title)}--{name_part(student)}.toml"


class StudentWork:
    """One student's notes and guesses on one pack, and (unless read-only) where they are saved.

    Each change method saves at once, then calls ``on_change``; it raises
    :class:`~reader.notes.NotesError` when the change could not be saved, and then the change
    is undone.
    """

    __slots__ = ("_file", "_on_change", "_store", "source")

    def __init__(
        self,
        notes: NotesFile,
        store: NotesStore | None = None,
        *,
        source: Path | None = None,
        on_change: OnChange | None = None,
    ) -> None:
        self._file = notes
        self._store = store
        self._on_change = on_change
        self.source = source  # the file this work was read from (for a handed-in file)

    @classmethod
    def open(
        cls, pack: Pack, folder: Path | None = None, on_change: OnChange | None = None
    ) -> tuple[StudentWork, str | None]:
        """The student's work on ``pack`` from the data folder, and a message for the student
        if their notes file had to be set aside."""
        store = NotesStore.for_pack(pack, folder)
        notes, message = store.load()
        return cls(notes, store, on_change=on_change), message

    @classmethod
    def empty(cls) -> StudentWork:
        """No work, saved nowhere (before a pack is open)."""
        return cls(NotesFile("", ""))

    @classmethod
    def read(cls, path: Path) -> StudentWork:
        """A handed-in notes file, read-only. Raises :class:`NotesError` or :class:`OSError`."""
        import tomli

        try:
            data = tomli.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError) as exc:
            raise NotesError(str(exc)) from None
        return cls(NotesFile.from_toml(data), source=path)

    # -- what there is ------------------------------------------------------------------------

    @property
    def notes(self) -> Sequence[StudentNote]:
        return tuple(self._file.notes)

    @property
    def guesses(self) -> Mapping[str, Guess]:
        return self._file.guesses

    @property
    def student(self) -> str:
        return self._file.student

    @property
    def pack_title(self) -> str:
        return self._file.pack_title

    @property
    def path(self) -> Path | None:
        """The notes file it is saved to (None: not saved)."""
        return self._store.path if self._store is not None else None

    def named(self, student: str) -> StudentWork:
        """The same work under ``student``'s name, saved nowhere (for an export)."""
        copy = NotesFile(self._file.pack_key, self._file.pack_title, student,
                         list(self._file.notes), dict(self._file.guesses))
        return StudentWork(copy, source=self.source)

    def placed(self, article: Article) -> NotesPlacement:
        return place_notes(article, self._file.notes)

    def to_bytes(self) -> bytes:
        """The work as a notes file (what is handed in). Raises :class:`NotesError`."""
        return self._file.to_bytes()

    # -- changes ------------------------------------------------------------------------------

    def put_note(self, note: StudentNote) -> None:
        """Add ``note``, or replace the note with its id."""
        before = list(self._file.notes)

        def undo() -> None:
            self._file.notes = before

        self._file.put_note(note)
        self._save(undo)

    def add_notes(self, notes: Iterable[StudentNote]) -> list[StudentNote]:
        """Add the notes whose ids are not here yet, in one save; the notes added."""
        before = list(self._file.notes)

        def undo() -> None:
            self._file.notes = before

        known = {note.id for note in before}
        added = [note for note in notes if note.id not in known]
        self._file.notes = [*before, *added]
        self._save(undo)
        return added

    def delete_note(self, note_id: str) -> None:
        before = list(self._file.notes)

        def undo() -> None:
            self._file.notes = before

        self._file.delete_note(note_id)
        self._save(undo)

    def put_guess(self, guess: Guess) -> None:
        """Record ``guess``, replacing an earlier guess on the same claim."""
        before = self._file.guesses.get(guess.claim)

        def undo() -> None:
            if before is None:
                del self._file.guesses[guess.claim]
            else:
                self._file.guesses[guess.claim] = before

        self._file.put_guess(guess)
        self._save(undo)

    def hand_in(self, folder: Path, student: str, session: str | None = None) -> Path:
        """Write the work, under ``student``'s name, to a file in ``folder`` to hand in; the
        name is remembered for next time. Raises :class:`NotesError` saying why not.

        With ``session`` (a served reader's code) the file is named by the code too, and an
        earlier hand-in of the same session under another name is kept as its ``.bak`` and
        replaced: a session hands in one file, and never touches another session's."""
        from reader.storage import atomic_write_bytes

        if not folder.is_dir():
            # A mistyped folder is not created: the work would be somewhere no one looks.
            raise NotesError(f"there is no folder {folder}; type a folder that exists.")
        before = self._file.student
        self._file.student = student
        target = hand_in_path(folder, self._file.pack_title, student, session)
        if session is not None:
            self._set_earlier_aside(target, session)
        try:
            atomic_write_bytes(target, self._file.to_bytes(), backup=True, shared=True)
        except NotesError:
            self._file.student = before
            raise
        except OSError as exc:
            self._file.student = before
            raise NotesError(f"{target}: {exc.strerror or exc}") from None
        try:
            self._save(lambda: None)  # the handed-in file is written; the name is a nicety
        except NotesError as exc:
            from reader import debuglog

            debuglog.record("the student's name could not be kept with their notes", exc)
        return target

    def _set_earlier_aside(self, target: Path, session: str) -> None:
        """This session's earlier hand-ins under other names become their ``.bak``."""
        prefix = f"{name_part(self._file.pack_title)}--{session}--"
        for earlier in target.parent.glob(f"{prefix}*.toml"):
            if earlier != target and "--" not in earlier.name[len(prefix):]:
                with contextlib.suppress(OSError):
                    earlier.replace(earlier.with_name(earlier.name + ".bak"))

    def _save(self, undo: Callable[[], None]) -> None:
        elsewhere = None
        if self._store is not None:
            try:
                written = self._store.save(self._file)
            except NotesError:
                undo()
                raise
            elsewhere = written if written != self._store.path else None
        if self._on_change is not None:
            self._on_change(elsewhere)
