"""A pack being written: its ``pack.toml`` edited in place, checked at every change, with
undo, redo and atomic saving.

Every change goes through :meth:`PackDocument.edit`: the change is made on the ``tomlkit``
document, the new text is checked with the same rules as ``lateral check``, and the change
is kept only if the pack still loads; otherwise it is undone at once and :class:`Refused`
says why (what the teacher typed stays with the caller, which shows the reason). Kept
changes can be undone and redone, each by the text it replaced. Saving writes only when the
text changed, atomically, keeping the previous file as ``pack.toml.bak``; a pack opened and
saved without a change is left byte for byte as it was.
"""

from __future__ import annotations

__all__ = ["Checked", "PackDocument", "Refused", "writable"]

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.toml_document import TOMLDocument

from reader.model import Article
from reader.pack import find_pack_file
from reader.pack.article_table import load_article
from reader.pack.load import LoadResult, load_pack_text
from reader.pack.toml_file import parse_toml, read_pack_source
from reader.problems import Problem, ReaderError, errors
from reader.storage import atomic_write_bytes

T = TypeVar("T")
MAX_UNDO = 200  # changes kept for undo


class Refused(Exception):
    """A change that would stop the pack loading; ``reason`` says why, in the check's words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Checked(NamedTuple):
    """The pack as the check read it: loaded (or None), with every problem."""

    result: LoadResult

    @property
    def problems(self) -> list[Problem]:
        return self.result.problems

    @property
    def error_count(self) -> int:
        return len(errors(self.result.problems))

    @property
    def warning_count(self) -> int:
        return len(self.result.problems) - self.error_count


class _ArticleMemo:
    """The article, parsed once while its file is unchanged (the check runs at every edit)."""

    def __init__(self) -> None:
        self._key: tuple[Path, str, int, int] | None = None
        self._value: tuple[Article, list[Problem]] | None = None

    def __call__(self, path: Path, language: str, shown: str) -> tuple[Article, list[Problem]]:
        try:
            stat = path.stat()
            key = (path, language, stat.st_mtime_ns, stat.st_size)
        except OSError:
            return load_article(path, language, shown)  # raises what the check reports
        if key != self._key or self._value is None:
            self._value = load_article(path, language, shown)
            self._key = key
        return self._value


def writable(pack_file: Path) -> bool:
    """Whether the user may change ``pack_file`` in place (it and its folder are writable)."""
    return os.access(pack_file, os.W_OK) and os.access(pack_file.parent, os.W_OK)


class PackDocument:
    """``pack.toml`` as the teacher wrote it, being edited. See the module's notes."""

    def __init__(self, pack_file: Path, text: str) -> None:
        self.pack_file = pack_file
        self.saved_text = text
        self._text = text
        self._doc = self._parse(text)
        self._undo: list[tuple[str, str]] = []  # (the text before, what the change did)
        self._redo: list[tuple[str, str]] = []
        self._articles = _ArticleMemo()
        self.checked = self._check(text)

    @classmethod
    def open(cls, path: Path) -> PackDocument:
        """The pack at ``path`` (a folder or its ``pack.toml``); :class:`ReaderError` if its
        file cannot be read or is not TOML."""
        pack_file = find_pack_file(path)
        text = read_pack_source(pack_file, str(pack_file))
        try:
            return cls(pack_file, text)
        except ReaderError:
            parse_toml(text, str(pack_file))  # raises with the check's own words for the slip
            raise

    @staticmethod
    def _parse(text: str) -> TOMLDocument:
        try:
            return tomlkit.parse(text)
        except TOMLKitError as exc:
            problem = Problem("error", f"TOML syntax error: {exc}", code="toml")
            raise ReaderError([problem]) from None

    def _check(self, text: str) -> Checked:
        return Checked(load_pack_text(text, self.pack_file, article_loader=self._articles))

    # -- the text -----------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    @property
    def doc(self) -> TOMLDocument:
        """The document, to read. Change it only through :meth:`edit`."""
        return self._doc

    @property
    def dirty(self) -> bool:
        return self._text != self.saved_text

    # -- changing it ----------------------------------------------------------------------------

    def edit(self, what: str, change: Callable[[TOMLDocument], T]) -> T:
        """Make ``change`` (described as ``what``, for undo) and check the result.

        Raises :class:`Refused` if the pack would no longer load, and whatever ``change``
        raises (the document is put back as it was in both cases).
        """
        before = self._text
        try:
            outcome = change(self._doc)
            after = tomlkit.dumps(self._doc)
        except BaseException:
            self._doc = self._parse(before)
            raise
        if after == before:
            return outcome
        checked = self._check(after)
        if checked.result.pack is None:
            self._doc = self._parse(before)
            first = errors(checked.problems)
            raise Refused(first[0].message if first else "the pack would not load")
        self._undo.append((before, what))
        del self._undo[:-MAX_UNDO]
        self._redo.clear()
        self._text = after
        self.checked = checked
        return outcome

    def undo(self) -> str | None:
        """Undo the last change; what it was (None: nothing to undo)."""
        return self._step(self._undo, self._redo)

    def redo(self) -> str | None:
        return self._step(self._redo, self._undo)

    def _step(self, take: list[tuple[str, str]], give: list[tuple[str, str]]) -> str | None:
        if not take:
            return None
        text, what = take.pop()
        give.append((self._text, what))
        self._set_text(text)
        return what

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _set_text(self, text: str) -> None:
        self._doc = self._parse(text)
        self._text = text
        self.checked = self._check(text)

    # -- the file -----------------------------------------------------------------------------

    def save(self) -> bool:
        """Write the text if it changed since it was read or saved; whether it wrote."""
        if not self.dirty:
            return False
        atomic_write_bytes(self.pack_file, self._text.encode("utf-8"), backup=True, shared=True)
        self.saved_text = self._text
        return True

    def changed_on_disk(self) -> bool:
        """Whether ``pack.toml`` on disk differs from what was last read or saved."""
        try:
            return read_pack_source(self.pack_file, str(self.pack_file)) != self.saved_text
        except ReaderError:
            return True

    def recheck(self) -> None:
        """Check the text again (the article changed on disk)."""
        self.checked = self._check(self._text)

    def reload(self) -> None:
        """Read ``pack.toml`` again (changed by another program); the change can be undone."""
        text = read_pack_source(self.pack_file, str(self.pack_file))
        if text != self._text:
            before = self._text
            try:
                self._set_text(text)
            except ReaderError:
                parse_toml(text, str(self.pack_file))  # the check's own words for the slip
                raise
            self._undo.append((before, "the change made outside the reader"))
            self._redo.clear()
        self.saved_text = text
