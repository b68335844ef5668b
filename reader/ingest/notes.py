"""An article's notes list, in whatever form it was printed, read into numbered notes.

Numbered lists come as ``[1] …``, ``1. …``, ``1) …``, ``^ …`` (Wikipedia, numbered in order),
``1. ^ …`` or ``¹ …``; after a "Notes" title of any kind ("### Notes", "NOTES", "Endnotes:",
"**References**") or, with no title, as a run at the end of the text that the body's markers
confirm. Scrapes spoil them in known ways, all undone here: the whole list run together on one
line, the list printed twice (run on, then one note a line), a note split by a stray blank
line. A note ends where the next begins, at a heading, or at a site's furniture ("Share this",
"© 2024 …", "Return to …").
"""

from __future__ import annotations

__all__ = ["Note", "NotesList", "find_numbered_notes", "note_lines"]

import re
from dataclasses import dataclass, field

from reader.ingest.chrome import is_bottom_chrome
from reader.text.footnotes import NOTES_TITLE

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_VALUE = str.maketrans(SUPERSCRIPTS, "0123456789")
_INDENT = re.compile(r"[ \t]{0,4}")
_HEADS = {
    "[n]": re.compile(r"\[(\d{1,3})\][ \t]*[:.]?[ \t]*"),
    "n.": re.compile(r"(\d{1,3})[.)][ \t]+(?:\^[ \t]*(?:[a-z][ \t]+(?:[a-z][ \t]+)+)?)?(?=\S)"),
    "^": re.compile(
        r"(?:\^[ \t]*(?:Jump up(?: to:)?[ \t]*)?|Jump up(?: to:)?[ \t]*\^[ \t]*)(\d{0,3})[ \t]*"
        r"(?:[a-z][ \t]+(?:[a-z][ \t]+)+)?(?=\S)"
    ),
    "¹": re.compile(rf"([{SUPERSCRIPTS}]{{1,3}})[ \t.:)]*(?=\S)"),
}
_MD_HEADING = re.compile(r"#{1,6}[ \t]+\S")


@dataclass
class Note:
    label: str
    text: str


@dataclass
class NotesList:
    """A notes list found in a text: the lines it took, and its notes in order."""

    start: int  # offset of the list's title (or first note)
    end: int  # offset just past its last note
    title: str | None  # the title line's words ("Notes", "References"), if it had one
    style: str  # "[n]", "n.", "^" or "¹"
    notes: list[Note] = field(default_factory=list)
    repeated: int = 0  # notes printed a second time and left out
    joined: list[str] = field(default_factory=list)  # labels continued over a blank line
    run_on: bool = False  # some notes were run together on one line


def note_lines(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _head(line: str, style: str | None = None) -> tuple[str, str, int] | None:
    """(style, number, content start) of a note starting ``line``, if one does."""
    indent = _INDENT.match(line)
    at = indent.end() if indent else 0
    for name, pattern in _HEADS.items():
        if style is not None and name != style and not (style == "n." and name == "^"):
            continue
        match = pattern.match(line, at)
        if match:
            number = match.group(1).translate(_SUPER_VALUE)
            return name, number, match.end()
    return None


def _notes_title(line: str) -> str | None:
    stripped = line.strip()
    if NOTES_TITLE.fullmatch(stripped) is None:
        return None
    return stripped.lstrip("#").strip().strip("*_").rstrip(":").strip()


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return bool(_MD_HEADING.match(stripped)) or (
        stripped.isupper() and len(stripped) < 60 and not _head(stripped)
    )


def _same_style(found: str, expected: str) -> bool:
    return found == expected or {found, expected} == {"n.", "^"}


def _run_on_pattern(style: str, following: int) -> str:
    """Where note ``following`` begins inside a line of ``style`` notes run together."""
    if style == "[n]":
        return rf"\[{following}\][ \t]*[:.]?[ \t]*"
    if style == "n.":
        return rf"(?<=[.;)\]]) {following}[.)][ \t]+(?=[A-Z\"“'‘(\[^])"
    if style == "¹":
        sup = str(following).translate(str.maketrans("0123456789", SUPERSCRIPTS))
        return rf"(?<=\s){sup}[ \t]*"
    return r"(?<=\s)\^[ \t]+(?=\S)"


class _Reader:
    """Reads notes from a starting line; each head must carry the next number."""

    def __init__(self, text: str, lines: list[tuple[int, int]], style: str, site: str | None):
        self.text = text
        self.lines = lines
        self.style = style
        self.site = site
        self.notes: list[Note] = []
        self.seen: dict[str, int] = {}
        self.repeated = 0
        self.joined: list[str] = []
        self.run_on = False
        self.end = 0
        self._copy = False  # reading a second printing of the list

    def _add(self, number: str, content: str) -> None:
        if self._copy or number in self.seen:
            self._copy = True
            self.repeated += 1
            return
        self.seen[number] = len(self.notes)
        self.notes.append(Note(number, content))

    def _continue(self, content: str, after_gap: bool) -> None:
        if self._copy or not self.notes:
            return
        note = self.notes[-1]
        note.text = f"{note.text} {content}".strip()
        if after_gap and note.label not in self.joined:
            self.joined.append(note.label)

    def _split_run_on(self, style: str, number: int, content: str) -> list[tuple[str, str]]:
        """``content`` cut where the following numbers begin ("… 2. … 3. …")."""
        parts: list[tuple[str, str]] = []
        label = str(number)
        while True:
            following = number + 1
            match = re.search(_run_on_pattern(style, following), content)
            if match is None:
                parts.append((label, content.strip()))
                return parts
            parts.append((label, content[: match.start()].strip()))
            self.run_on = True
            content = content[match.end() :]
            number, label = following, str(following)

    def _take(self, line: str) -> bool:
        """Take ``line`` if it starts a note (or a second printing of the list)."""
        head = _head(line)
        if head is None:
            return False
        style, number, content_at = head
        if not number:  # "^ …": numbered in order
            number = str(len(self.notes) + 1) if not self._copy else "1"
        if self._copy or (int(number) == 1 and self.notes):
            if number not in self.seen:
                return False
            self._copy = True
        elif int(number) != len(self.notes) + 1 or not _same_style(style, self.style):
            return False
        for label, content in self._split_run_on(style, int(number), line[content_at:]):
            self._add(label, content)
        return True

    def read(self, first: int) -> None:
        """Read notes from line ``first`` until the list ends."""
        gap = False
        for index in range(first, len(self.lines)):
            start, end = self.lines[index]
            line = self.text[start:end]
            if not line.strip():
                gap = True
                continue
            if self._take(line):
                self.end, gap = end, False
                continue
            if self._ends_here(line, gap):
                return
            self._continue(line.strip(), gap)
            self.end, gap = end, False

    def _ends_here(self, line: str, gap: bool) -> bool:
        """Whether ``line`` (not a note's head) ends the list rather than continuing a note."""
        if is_bottom_chrome(line, self.site) or _is_heading(line) or _notes_title(line):
            return True
        if not self.notes:
            return True
        if not gap:
            return False
        last = self.notes[-1].text.rstrip()
        return bool(last) and last[-1] in ".!?)]\"”" and not line.lstrip()[:1].islower()


def find_numbered_notes(text: str, site: str | None = None) -> NotesList | None:
    """The text's numbered notes list: after the last "Notes" title followed by a note, or a
    run of notes numbered from 1 that reaches the end of the text."""
    lines = note_lines(text)
    for index in range(len(lines) - 1, -1, -1):
        title = _notes_title(text[slice(*lines[index])])
        if title is None:
            continue
        following = _first_filled(text, lines, index + 1)
        head = _head(text[slice(*lines[following])]) if following is not None else None
        if following is None or head is None or head[1] not in ("1", ""):
            continue
        found = _read_from(text, lines, following, head[0], site)
        if found is not None:
            found.start, found.title = lines[index][0], title
            return found
    for index, (start, end) in enumerate(lines):
        head = _head(text[start:end])
        if head is None or head[1] not in ("1", ""):
            continue
        found = _read_from(text, lines, index, head[0], site)
        if found is not None and _only_furniture_after(text, lines, found.end, site):
            return found
    return None


def _first_filled(text: str, lines: list[tuple[int, int]], index: int) -> int | None:
    for at in range(index, len(lines)):
        if text[slice(*lines[at])].strip():
            return at
    return None


def _read_from(
    text: str, lines: list[tuple[int, int]], first: int, style: str, site: str | None
) -> NotesList | None:
    reader = _Reader(text, lines, style, site)
    reader.read(first)
    if not reader.notes:
        return None
    found = NotesList(lines[first][0], reader.end, None, style, reader.notes)
    found.repeated, found.joined, found.run_on = reader.repeated, reader.joined, reader.run_on
    return found


def _only_furniture_after(
    text: str, lines: list[tuple[int, int]], end: int, site: str | None
) -> bool:
    for start, stop in lines:
        if start <= end:
            continue
        line = text[start:stop]
        if line.strip() and not is_bottom_chrome(line, site):
            return False
    return True
