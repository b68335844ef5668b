"""The student's own work on a pack: notes on sentences and guessed verdicts.

One notes file per pack, ``<data dir>/notes/<pack key>.toml``. It is machine-owned (written
with ``tomli-w``) and also what a student hands in. Rules that keep work from being lost:

* every save is atomic and keeps the previous version as ``.bak`` (see :mod:`reader.storage`);
* the data is serialised, encoded and read back *before* the disk is touched, so a value that
  cannot be saved raises before anything is overwritten;
* a file that cannot be read is never saved over: it is moved aside to
  ``<name>.corrupt-<time>`` and the user is told, with the backup's name;
* if another program changed the file since it was read, the save goes to a conflict file
  next to it instead of overwriting those changes.

Notes are anchored by quote like claims, with a position hint, so they survive an edited
article; a note whose text is gone is kept and shown as unanchored, never moved to a
lookalike sentence.
"""

from __future__ import annotations

__all__ = [
    "CONFIDENCE",
    "Guess",
    "NotesError",
    "NotesFile",
    "NotesStore",
    "StudentNote",
    "anchor_notes",
    "context_around",
    "new_note_id",
    "notes_path",
]

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import tomli

from reader.model import Anchor, Article, Pack
from reader.pack.anchor import Anchorer
from reader.problems import TOML_TOO_DEEP, toml_error_parts
from reader.storage import atomic_write_bytes, clean_stray_temp_files, data_dir, pack_key
from reader.text.canonical import Utf8Error, decode_utf8

NOTES_FORMAT = 1
CONFIDENCE = ("low", "medium", "high")
MAX_NOTES_BYTES = 5 * 1024 * 1024
CONTEXT = 32  # characters of prefix and suffix kept with a note's quote


class StudentNote(NamedTuple):
    id: str
    quote: str  # the sentence (or passage) the note is on, as it read when written
    text: str  # the note itself
    start: int = -1  # where the quote was, as a hint for finding it again
    prefix: str = ""
    suffix: str = ""
    created: dt.datetime | None = None
    updated: dt.datetime | None = None


class Guess(NamedTuple):
    claim: str  # the claim's id
    verdict: str
    confidence: str  # low | medium | high
    reason: str
    created: dt.datetime | None = None


class NotesError(Exception):
    """A notes file could not be read or saved; ``message`` says what and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotesFile:
    """Everything a student wrote for one pack."""

    __slots__ = ("guesses", "notes", "pack_key", "pack_title", "student")

    def __init__(
        self,
        pack_key: str,
        pack_title: str,
        student: str = "",
        notes: list[StudentNote] | None = None,
        guesses: dict[str, Guess] | None = None,
    ) -> None:
        self.pack_key = pack_key
        self.pack_title = pack_title
        self.student = student
        self.notes: list[StudentNote] = notes if notes is not None else []
        self.guesses: dict[str, Guess] = guesses if guesses is not None else {}

    # -- editing -----------------------------------------------------------------------------

    def put_note(self, note: StudentNote) -> None:
        for index, existing in enumerate(self.notes):
            if existing.id == note.id:
                self.notes[index] = note
                return
        self.notes.append(note)

    def delete_note(self, note_id: str) -> None:
        self.notes = [note for note in self.notes if note.id != note_id]

    def put_guess(self, guess: Guess) -> None:
        self.guesses[guess.claim] = guess

    # -- serialising ---------------------------------------------------------------------------

    def as_toml(self) -> dict[str, Any]:
        def clean(values: dict[str, Any]) -> dict[str, Any]:
            return {key: value for key, value in values.items() if value is not None}

        return {
            "format": NOTES_FORMAT,
            "pack": clean({"key": self.pack_key, "title": self.pack_title}),
            "student": self.student,
            "notes": [clean(note._asdict()) for note in self.notes],
            "guesses": [clean(guess._asdict()) for guess in self.guesses.values()],
        }

    def to_bytes(self) -> bytes:
        """Serialise and check the result reads back the same, before any file is opened."""
        import tomli_w

        data = self.as_toml()
        try:
            encoded = tomli_w.dumps(data).encode("utf-8")
        except (TypeError, ValueError, UnicodeEncodeError) as exc:
            raise NotesError(f"the notes could not be written as a file ({exc})") from None
        if NotesFile.from_toml(tomli.loads(encoded.decode("utf-8"))).as_toml() != data:
            raise NotesError("the notes did not read back the same; nothing was saved")
        return encoded

    @classmethod
    def from_toml(cls, data: Mapping[str, Any]) -> NotesFile:
        """Build from parsed TOML; raises :class:`NotesError` when the shape is wrong."""
        version = data.get("format")
        if version is None:
            raise NotesError("there is no `format = 1` line, so this is not a notes file "
                             "of this reader")
        if version != NOTES_FORMAT:
            newer = isinstance(version, int) and version > NOTES_FORMAT
            raise NotesError(
                f"format {version!r} is "
                + ("newer than this reader understands; update lateral-reader" if newer
                   else f"not a notes format (this reader writes format {NOTES_FORMAT})")
            )
        pack = data.get("pack", {})
        if not isinstance(pack, dict):
            raise NotesError("[pack] must be a table")
        notes: list[StudentNote] = []
        for index, entry in enumerate(_tables(data.get("notes", []), "notes")):
            try:
                notes.append(
                    StudentNote(
                        id=_text(entry, "id", "note", index),
                        quote=_text(entry, "quote", "note", index),
                        text=_text(entry, "text", "note", index, allow_empty=True),
                        start=_whole(entry, "start", "note", index),
                        prefix=str(entry.get("prefix", "")),
                        suffix=str(entry.get("suffix", "")),
                        created=_when(entry, "created", "note", index),
                        updated=_when(entry, "updated", "note", index),
                    )
                )
            except (TypeError, ValueError) as exc:  # pragma: no cover - the checks above cover it
                raise NotesError(f"note {index + 1}: {exc}") from None
        guesses: dict[str, Guess] = {}
        for index, entry in enumerate(_tables(data.get("guesses", []), "guesses")):
            confidence = entry.get("confidence")
            if confidence not in CONFIDENCE:
                raise NotesError(f"guess {index + 1}: confidence must be low, medium or high")
            guess = Guess(
                claim=_text(entry, "claim", "guess", index),
                verdict=_text(entry, "verdict", "guess", index),
                confidence=str(confidence),
                reason=str(entry.get("reason", "")),
                created=_when(entry, "created", "guess", index),
            )
            guesses[guess.claim] = guess
        return cls(
            pack_key=str(pack.get("key", "")),
            pack_title=str(pack.get("title", "")),
            student=str(data.get("student", "")),
            notes=notes,
            guesses=guesses,
        )


def _tables(value: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise NotesError(f"{name} must be an array of tables")
    return value


def _text(entry: Mapping[str, Any], key: str, kind: str, index: int,
          allow_empty: bool = False) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or (not allow_empty and not value):
        what = "a string" if allow_empty else "a non-empty string"
        raise NotesError(f"{kind} {index + 1}: {key} must be {what}")
    return value


def _whole(entry: Mapping[str, Any], key: str, kind: str, index: int) -> int:
    value = entry.get(key, -1)
    if isinstance(value, bool) or not isinstance(value, int):
        raise NotesError(f"{kind} {index + 1}: {key} must be a whole number")
    return value


def _when(entry: Mapping[str, Any], key: str, kind: str, index: int) -> dt.datetime | None:
    value = entry.get(key)
    if value is None or isinstance(value, dt.datetime):
        return value
    raise NotesError(f"{kind} {index + 1}: {key} must be a TOML date-time "
                     "(like 2026-03-01T10:00:00Z)")


def toml_error_detail(exc: Exception) -> str:
    """"line L, column C: TOML syntax error: …" from a tomli error (or nesting too deep)."""
    if isinstance(exc, RecursionError):
        return f"TOML syntax error: {TOML_TOO_DEEP}"
    message, line, col = toml_error_parts(exc)
    where = f"line {line}, column {col}: " if line is not None else ""
    return f"{where}TOML syntax error: {message}"


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def new_note_id() -> str:
    # os.urandom, not the secrets module: the same bytes, without 2 ms of imports at start.
    return f"n-{now():%Y%m%d%H%M%S}-{os.urandom(3).hex()}"


def context_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix kept with a quote, to tell repeated copies apart later."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def notes_path(pack: Pack, folder: Path | None = None) -> Path:
    key = pack_key(pack.path or pack.article.path, pack.meta.title)
    return (folder or data_dir()) / "notes" / f"{key}.toml"


def anchor_notes(article: Article, notes: Iterable[StudentNote]) -> dict[str, Anchor]:
    """Where each note's quote is now; a note whose text is gone is ``not_found``."""
    anchorer = Anchorer(article.text)
    return {
        note.id: anchorer.anchor(
            note.quote,
            note.prefix or None,
            note.suffix or None,
            hint=note.start if note.start >= 0 else None,
        )
        for note in notes
    }


class NotesStore:
    """Reads and writes one notes file, never losing what was there."""

    def __init__(self, path: Path, pack_key: str, pack_title: str) -> None:
        self.path = path
        self.pack_key = pack_key
        self.pack_title = pack_title
        self._seen: tuple[int, int] | None = None  # (mtime_ns, size) when last read or written
        self.readonly_reason: str | None = None  # set when the file must not be saved over

    @classmethod
    def for_pack(cls, pack: Pack, folder: Path | None = None) -> NotesStore:
        key = pack_key(pack.path or pack.article.path, pack.meta.title)
        return cls(notes_path(pack, folder), key, pack.meta.title)

    def _stat(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return None
        return info.st_mtime_ns, info.st_size

    def load(self) -> tuple[NotesFile, str | None]:
        """The notes, and a message for the user if the file had to be set aside."""
        empty = NotesFile(self.pack_key, self.pack_title)
        clean_stray_temp_files(self.path.parent)
        try:
            if self.path.exists() and self.path.stat().st_size > MAX_NOTES_BYTES:
                self.readonly_reason = (
                    f"{self.path} is larger than {MAX_NOTES_BYTES // 1_048_576} MB; it was left "
                    "as it is and new notes will not be saved over it"
                )
                return empty, self.readonly_reason
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self._seen = None
            return empty, None
        except OSError as exc:
            self.readonly_reason = (
                f"cannot read {self.path}: {exc.strerror or exc}; your notes there are left "
                "untouched and new notes will not be saved over them"
            )
            return empty, self.readonly_reason
        try:
            notes = NotesFile.from_toml(tomli.loads(decode_utf8(raw)))
        except Utf8Error as exc:
            return empty, self._set_aside(f"line {exc.line}, column {exc.col}: {exc.message}")
        except (tomli.TOMLDecodeError, RecursionError, NotesError) as exc:
            detail = exc.message if isinstance(exc, NotesError) else toml_error_detail(exc)
            return empty, self._set_aside(detail)
        self._seen = self._stat()
        if not notes.pack_key:
            notes.pack_key = self.pack_key
        if not notes.pack_title:
            notes.pack_title = self.pack_title
        return notes, None

    def _set_aside(self, detail: str) -> str:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            self.path.replace(aside)
        except OSError as exc:
            self.readonly_reason = (
                f"{self.path} could not be read ({detail}) nor moved aside "
                f"({exc.strerror or exc}); it is left untouched and new notes are not saved"
            )
            return self.readonly_reason
        self._seen = None
        backup = self.path.with_name(self.path.name + ".bak")
        hint = f"; the previous version is {backup}" if backup.exists() else ""
        return f"{self.path} could not be read ({detail}); it was kept as {aside}{hint}"

    def save(self, notes: NotesFile) -> Path:
        """Save atomically; returns the file written (a conflict file if the notes changed on
        disk since they were read). Raises :class:`NotesError` with a message on failure."""
        if self.readonly_reason is not None:
            raise NotesError(self.readonly_reason)
        data = notes.to_bytes()
        target = self.path
        current = self._stat()
        if current is not None and current != self._seen:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            target = self.path.with_name(f"{self.path.stem}.conflict-{stamp}.toml")
        try:
            atomic_write_bytes(target, data)
        except OSError as exc:
            raise NotesError(
                f"could not save your notes to {target}: {exc.strerror or exc}. "
                "They are still open here; free some space or fix the folder and save again."
            ) from None
        if target == self.path:
            self._seen = self._stat()
        return target
