"""Markdown footnotes (``[^1]`` and ``[^1]: …``) found by a real Markdown parser.

``markdown-it-py`` with the footnote plugin of ``mdit-py-plugins`` reads the definitions as a
Markdown renderer would: anywhere in the text, with or without blank lines between them, right
under a heading, with indented continuation paragraphs, and never inside a code block. Its line
maps say which lines each definition takes, so they are cut from the text exactly.
"""

from __future__ import annotations

__all__ = ["MarkdownNotes", "find_markdown_notes"]

import re
from dataclasses import dataclass, field

from reader.ingest.notes import Note, note_lines
from reader.text.footnotes import NOTES_TITLE

_DEFINITION_LINE = re.compile(r"^[ \t]{0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+\S")


@dataclass
class MarkdownNotes:
    text: str  # the text with the definitions (and a "Notes" title left empty) cut out
    notes: list[Note] = field(default_factory=list)
    title: str | None = None
    multi_paragraph: list[str] = field(default_factory=list)


def find_markdown_notes(text: str) -> MarkdownNotes | None:
    """The Markdown footnote definitions in ``text``, or ``None`` if it has none."""
    if not _DEFINITION_LINE.search(text):
        return None
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    tokens = MarkdownIt("commonmark").use(footnote_plugin).parse(text, {})
    spans: list[tuple[str, int, int, int]] = []  # label, first line, end line, paragraphs
    label: str | None = None
    for token in tokens:
        if token.type == "footnote_open":
            label, first, last, paragraphs = token.meta["label"], -1, -1, 0
        elif token.type == "footnote_close" and label is not None:
            if first >= 0:
                spans.append((label, first, last, paragraphs))
            label = None
        elif label is not None and token.map:
            first = token.map[0] if first < 0 else min(first, token.map[0])
            last = max(last, token.map[1])
            paragraphs += token.type == "paragraph_open"
    if not spans:
        return None
    return _cut(text, sorted(spans, key=lambda span: span[1]))


def _cut(text: str, spans: list[tuple[str, int, int, int]]) -> MarkdownNotes:
    lines = text.split("\n")
    found = MarkdownNotes(text)
    dropped: set[int] = set()
    for label, first, last, paragraphs in spans:
        body = "\n".join(lines[first:last])
        body = re.sub(r"^[ \t]{0,3}\[\^[^\]\s]+\]:[ \t]*", "", body)
        found.notes.append(Note("^" + label, " ".join(body.split())))
        if paragraphs > 1:
            found.multi_paragraph.append("^" + label)
        dropped.update(range(first, last))
    kept = [line for number, line in enumerate(lines) if number not in dropped]
    found.text, found.title = _drop_empty_title("\n".join(kept))
    return found


def _drop_empty_title(text: str) -> tuple[str, str | None]:
    """Cut a "Notes" title whose section the definitions left empty."""
    spans = note_lines(text)
    for index, (start, end) in enumerate(spans):
        line = text[start:end].strip()
        if not NOTES_TITLE.fullmatch(line):
            continue
        rest = [text[slice(*s)].strip() for s in spans[index + 1 :]]
        following = next((r for r in rest if r), None)
        if following is None or _HEADING.match(following):
            title = line.lstrip("#").strip().strip("*_").rstrip(":").strip()
            return text[:start] + text[end + 1 :], title
    return text, None
