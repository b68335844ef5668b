"""Find an article's blocks, its footnote markers and its notes list.

Articles come in several styles a teacher will paste, and all of them are handled here:

* scraped pages with ``[n]`` markers and a trailing numbered list (``[3] …`` lines), with or
  without a "Notes"/"References" heading, with a note split by a stray blank line, or with the
  whole list repeated;
* Markdown footnotes: ``[^id]`` markers and ``[^id]: …`` definitions (anywhere);
* Wikipedia-style reference lists after a "References" heading: ``^ …`` entries (numbered in
  order) or ``1. ^ …`` / ``1. …`` entries;
* Project Gutenberg ``[Footnote 1: …]`` blocks, which may stand anywhere in the text.

Definitions are removed from the body but stay in the text as ``note`` blocks, so claims may
quote them (a citation can be wrong too).
"""

from __future__ import annotations

__all__ = [
    "NOTES_TITLE",
    "URL_RE",
    "BlockSpan",
    "DefinitionSpan",
    "ParsedLayout",
    "find_markers",
    "parse_layout",
]

import re
from typing import NamedTuple

URL_RE = re.compile(r"""(?:https?://|www\.)[^\s<>"'”’\]]+""")

_HEADING = re.compile(r"(#{1,6})[ \t]+(?=\S)")
NOTES_TITLE = re.compile(
    r"(?:#{1,6}[ \t]+)?(?:\*\*|__)?(notes?|footnotes?|endnotes?|references?|sources?|citations?|"
    r"bibliography|works cited|notes and references|references and notes|sources and notes)"
    r"(?:\*\*|__)?[ \t]*:?[ \t]*",
    re.IGNORECASE,
)
_BRACKET_DEF = re.compile(r"\[(\d{1,3})\][ \t]*[:.]?[ \t]*")
_MD_DEF = re.compile(r"\[\^([^\]\s]+)\]:[ \t]*")
_GUTENBERG_DEF = re.compile(r"\[Footnote[ \t]+([0-9A-Za-z]{1,4})[ \t]*:[ \t]*", re.IGNORECASE)
_CARET_DEF = re.compile(r"(?:(\d{1,3})[.)][ \t]+)?\^[ \t]*(?:(?:[a-z]{1,2}[ \t]+)+(?=\S))?")
_NUMBERED_DEF = re.compile(r"(\d{1,3})[.)][ \t]+")
_MARKER = re.compile(r"\[(\d{1,3}|\^[^\]\s]+|[A-Za-z])\]")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_PREVIOUS_MARKER = re.compile(r"\[(?:\d{1,3}|\^[^\]\s]+|[A-Za-z]{1,3})\]$")


class BlockSpan:
    __slots__ = ("content_start", "end", "kind", "label", "level", "start")

    def __init__(
        self,
        kind: str,  # heading | paragraph | note | code
        start: int,
        end: int,
        content_start: int,
        level: int = 0,
        label: str | None = None,
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.content_start = content_start
        self.level = level
        self.label = label


class DefinitionSpan:
    __slots__ = ("content_start", "duplicate_of", "end", "label", "start")

    def __init__(self, label: str, start: int, content_start: int, end: int) -> None:
        self.label = label
        self.start = start  # where the definition's source starts (its label)
        self.content_start = content_start  # where the note text starts
        self.end = end
        self.duplicate_of: int | None = None  # index of the first definition with this label


class ParsedLayout:
    __slots__ = ("blocks", "definitions", "notes_heading", "repeated_list_at", "split_notes")

    def __init__(self) -> None:
        self.blocks: list[BlockSpan] = []
        self.definitions: list[DefinitionSpan] = []
        self.notes_heading: int | None = None  # block index of a "Notes" heading, if any
        self.split_notes: list[str] = []  # labels continued over a blank line
        self.repeated_list_at: int | None = None  # where a repeated notes list starts


_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")


def _raw_blocks(text: str) -> list[tuple[int, int, bool]]:
    """Runs of non-blank lines as (start, end, is_code), the end's trailing spaces trimmed.

    A fenced code block (```` ``` ```` or ``~~~``) is one block even across blank lines.
    """
    blocks: list[tuple[int, int, bool]] = []
    pos = 0
    length = len(text)
    start: int | None = None
    last_end = 0
    fence: str | None = None
    while pos <= length:
        nl = text.find("\n", pos)
        line_end = length if nl == -1 else nl
        line = text[pos:line_end]
        fence_match = _FENCE.match(line)
        if fence is not None:
            last_end = pos + len(line.rstrip())
            if fence_match and fence_match.group(1).startswith(fence) and not line.strip(" \t`~"):
                blocks.append((start if start is not None else pos, last_end, True))
                start, fence = None, None
        elif fence_match:
            if start is not None:
                blocks.append((start, last_end, False))
            start = pos + (len(line) - len(line.lstrip()))
            last_end = pos + len(line.rstrip())
            fence = fence_match.group(1)
        elif line.strip():
            if start is None:
                start = pos + (len(line) - len(line.lstrip()))
            last_end = pos + len(line.rstrip())
        elif start is not None:
            blocks.append((start, last_end, False))
            start = None
        if nl == -1:
            break
        pos = nl + 1
    if start is not None:
        blocks.append((start, last_end, fence is not None))
    return blocks


def _is_notes_title(text: str, start: int, end: int) -> bool:
    return "\n" not in text[start:end] and NOTES_TITLE.fullmatch(text, start, end) is not None


def _definition_heads(text: str, start: int, end: int, style: str) -> list[tuple[str, int, int]]:
    """Definitions starting at line starts inside a block: (label, start, content_start)."""
    heads: list[tuple[str, int, int]] = []
    pos = start
    counter = 0
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        while pos < line_end and text[pos] in " \t":
            pos += 1
        if style == "bracket":
            match = _BRACKET_DEF.match(text, pos, line_end)
            if match:
                heads.append((match.group(1), pos, match.end()))
        elif style == "list":
            caret = _CARET_DEF.match(text, pos, line_end)
            numbered = _NUMBERED_DEF.match(text, pos, line_end)
            if caret and caret.end() > pos and "^" in caret.group(0):
                counter = int(caret.group(1)) if caret.group(1) else counter + 1
                heads.append((str(counter), pos, caret.end()))
            elif numbered:
                counter = int(numbered.group(1))
                heads.append((str(counter), pos, numbered.end()))
            else:
                bracket = _BRACKET_DEF.match(text, pos, line_end)
                if bracket:
                    counter = int(bracket.group(1))
                    heads.append((bracket.group(1), pos, bracket.end()))
        if nl == -1:
            break
        pos = nl + 1
    # A run-on list: "[1] … [2] … [3] …" on one line. Split at the next expected label.
    if style == "bracket" and heads:
        expanded: list[tuple[str, int, int]] = []
        for i, (label, head_start, content_start) in enumerate(heads):
            expanded.append((label, head_start, content_start))
            stop = heads[i + 1][1] if i + 1 < len(heads) else end
            expected = int(label) + 1
            search = content_start
            while True:
                found = text.find(f"[{expected}]", search, stop)
                if found == -1:
                    break
                match = _BRACKET_DEF.match(text, found)
                if match is None:
                    break
                expanded.append((str(expected), found, match.end()))
                expected += 1
                search = match.end()
        heads = expanded
    return heads


def _zone_start(blocks: list[tuple[int, int]], kinds: list[str], is_def: list[bool]) -> int | None:
    """First block of a trailing notes zone: definitions with at most two-block continuations."""
    count = len(blocks)
    for first in range(count):
        if not is_def[first]:
            continue
        run = 0
        valid = True
        for j in range(first, count):
            if is_def[j]:
                run = 0
            elif kinds[j] == "heading":
                valid = False
                break
            else:
                run += 1
                if run > 2:
                    valid = False
                    break
        if valid:
            return first
    return None


class _Blocks(NamedTuple):
    """The text's blocks before notes are found: spans, and each one's kind ("heading",
    "paragraph" or "code"), heading level and where its content starts (parallel lists)."""

    spans: list[tuple[int, int]]
    kinds: list[str]
    levels: list[int]
    content_starts: list[int]


# For each block that holds notes, the (label, start, content_start) of each definition in it;
# an empty list for a block that continues the definition before it.
_NoteHeads = dict[int, list[tuple[str, int, int]]]


def parse_layout(text: str) -> ParsedLayout:
    """Split canonical text into blocks and find every footnote definition."""
    layout = ParsedLayout()
    blocks = _classify(text, _raw_blocks(text))
    note_of_block = _definitions_anywhere(text, blocks)
    _find_notes_list(text, blocks, note_of_block, layout)
    _build_blocks(text, blocks, note_of_block, layout)
    return layout


def _split_headings(
    text: str, raw_with_code: list[tuple[int, int, bool]]
) -> list[tuple[int, int, bool]]:
    """A ``#`` heading is one line, as in Markdown: lines under it with no blank line between
    ("### Notes" then "[^1]: …") are a block of their own."""
    out: list[tuple[int, int, bool]] = []
    for start, end, is_code in raw_with_code:
        newline = text.find("\n", start, end)
        if not is_code and newline != -1 and _HEADING.match(text, start, newline):
            rest = newline + 1
            while rest < end and text[rest] in " \t\r\n":
                rest += 1
            out.append((start, len(text[:newline].rstrip()), False))
            if rest < end:
                out.append((rest, end, False))
            continue
        out.append((start, end, is_code))
    return out


def _classify(text: str, raw_with_code: list[tuple[int, int, bool]]) -> _Blocks:
    """Each block as a code block, a one-line ``#`` heading, or a paragraph."""
    blocks = _Blocks([], [], [], [])
    spans, kinds, levels, content_starts = blocks
    for start, end, is_code in _split_headings(text, raw_with_code):
        spans.append((start, end))
        heading = _HEADING.match(text, start, end)
        if is_code:
            kinds.append("code")
            levels.append(0)
            content_starts.append(start)
        elif heading and "\n" not in text[start:end]:
            kinds.append("heading")
            levels.append(len(heading.group(1)))
            content_starts.append(heading.end())
        else:
            kinds.append("paragraph")
            levels.append(0)
            content_starts.append(start)
    return blocks


def _definitions_anywhere(text: str, blocks: _Blocks) -> _NoteHeads:
    """Markdown ``[^id]:`` and Gutenberg ``[Footnote n: …]`` definitions, which may stand
    anywhere; a Gutenberg note runs on to the block that closes its bracket."""
    note_of_block: _NoteHeads = {}
    gutenberg_open: int | None = None
    for index, (start, end) in enumerate(blocks.spans):
        if blocks.kinds[index] == "code":
            continue
        if gutenberg_open is not None:
            note_of_block[index] = []
            if text[start:end].rstrip().endswith("]"):
                gutenberg_open = None
            continue
        md = _MD_DEF.match(text, start, end)
        if md:
            heads = [(md.group(1), start, md.end())]
            pos = text.find("\n", start, end)
            while pos != -1:
                more = _MD_DEF.match(text, pos + 1, end)
                if more:
                    heads.append((more.group(1), pos + 1, more.end()))
                pos = text.find("\n", pos + 1, end)
            note_of_block[index] = [("^" + label, s, c) for label, s, c in heads]
            continue
        gb = _GUTENBERG_DEF.match(text, start, end)
        if gb:
            note_of_block[index] = [(gb.group(1), start, gb.end())]
            if not text[start:end].rstrip().endswith("]"):
                gutenberg_open = index
    return note_of_block


def _find_notes_list(
    text: str, blocks: _Blocks, note_of_block: _NoteHeads, layout: ParsedLayout
) -> None:
    """The trailing notes list: after a "Notes" heading, or a run of "[n]" definitions.

    Each of its blocks gets its definitions in ``note_of_block``; a "Notes" title becomes a
    heading (it may have been written as a plain line).
    """
    spans, kinds = blocks.spans, blocks.kinds
    heading_index = _notes_heading(text, blocks)
    zone: int | None
    style = "bracket"
    if heading_index is not None:
        zone = heading_index + 1
        style = "list"
        layout.notes_heading = heading_index
        _make_heading(text, blocks, heading_index)
    else:
        is_def = [
            index not in note_of_block
            and kinds[index] != "code"
            and _BRACKET_DEF.match(text, start, end) is not None
            for index, (start, end) in enumerate(spans)
        ]
        zone = _zone_start(spans, kinds, is_def)
    if zone is None:
        return
    for index in range(zone, len(spans)):
        if index in note_of_block or kinds[index] == "code":
            continue
        heads = _definition_heads(text, *spans[index], style)
        if heads and heads[0][1] == spans[index][0]:
            note_of_block[index] = heads
        else:
            note_of_block[index] = []  # a continuation of the previous definition


def _notes_heading(text: str, blocks: _Blocks) -> int | None:
    """The block index of the last section's "Notes" title, if list entries follow it."""
    spans, kinds = blocks.spans, blocks.kinds
    for index in range(len(spans) - 1, -1, -1):
        start, end = spans[index]
        if _is_notes_title(text, start, end):
            following = range(index + 1, len(spans))
            if (
                following
                and all(kinds[j] != "heading" for j in following)
                and any(_definition_heads(text, *spans[j], "list") for j in following)
            ):
                return index
            return None
        if kinds[index] == "heading":
            return None
    return None


def _make_heading(text: str, blocks: _Blocks, index: int) -> None:
    """Treat block ``index`` as a heading (level 2 if it has no ``#``)."""
    start = blocks.spans[index][0]
    heading_match = _HEADING.match(text, *blocks.spans[index])
    blocks.kinds[index] = "heading"
    blocks.levels[index] = len(heading_match.group(1)) if heading_match else 2
    blocks.content_starts[index] = heading_match.end() if heading_match else start


def _build_blocks(
    text: str, blocks: _Blocks, note_of_block: _NoteHeads, layout: ParsedLayout
) -> None:
    """Fill ``layout``: each definition becomes one note block (continuations merged in)."""
    seen: dict[str, int] = {}
    for index, (start, end) in enumerate(blocks.spans):
        heads = note_of_block.get(index)
        if heads is None:
            layout.blocks.append(
                BlockSpan(
                    blocks.kinds[index],
                    start,
                    end,
                    blocks.content_starts[index],
                    blocks.levels[index],
                )
            )
        elif not heads:
            _continue_note(layout, start, end)
        else:
            _add_definitions(text, heads, end, seen, layout)


def _continue_note(layout: ParsedLayout, start: int, end: int) -> None:
    """Merge a continuation block into the note before it; with none, keep it a paragraph."""
    previous = layout.blocks[-1] if layout.blocks else None
    if previous is not None and previous.kind == "note":
        previous.end = end
        layout.definitions[-1].end = end
        if previous.label is not None and previous.label not in layout.split_notes:
            layout.split_notes.append(previous.label)
    else:
        layout.blocks.append(BlockSpan("paragraph", start, end, start))


def _add_definitions(
    text: str,
    heads: list[tuple[str, int, int]],
    end: int,
    seen: dict[str, int],
    layout: ParsedLayout,
) -> None:
    """One note block and definition per head in a block that ends at ``end``; a label seen
    before marks a repeated list."""
    for i, (label, head_start, content_start) in enumerate(heads):
        def_end = heads[i + 1][1] if i + 1 < len(heads) else end
        def_end = head_start + len(text[head_start:def_end].rstrip())
        definition = DefinitionSpan(label, head_start, content_start, def_end)
        if label in seen:
            definition.duplicate_of = seen[label]
            if layout.repeated_list_at is None:
                layout.repeated_list_at = head_start
        else:
            seen[label] = len(layout.definitions)
        layout.definitions.append(definition)
        layout.blocks.append(BlockSpan("note", head_start, def_end, head_start, label=label))


def find_markers(text: str, start: int, end: int, defined: set[str]) -> list[tuple[str, int, int]]:
    """Footnote markers in ``text[start:end]``: ``[3]``, ``[^id]``, and ``[a]`` where defined."""
    markers: list[tuple[str, int, int]] = []
    code_spans = [m.span() for m in _INLINE_CODE.finditer(text, start, end)]
    for match in _MARKER.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in code_spans):
            continue  # inside `inline code`
        label = match.group(1)
        after = text[match.end() : match.end() + 1]
        before = text[match.start() - 1 : match.start()] if match.start() > 0 else ""
        if after in ("(", ":"):
            continue  # a Markdown link or reference definition, not a footnote
        if before == "]" and not _PREVIOUS_MARKER.search(
            text, max(0, match.start() - 64), match.start()
        ):
            continue  # the second half of a Markdown reference link: [text][2]
        if label.isalpha() and label not in defined:
            continue
        if label.isdigit() and label not in defined and not _in_sequence(int(label), defined):
            continue  # a page number such as [143] among notes 1 to 20: not a marker
        markers.append((label, match.start(), match.end()))
    return markers


def _in_sequence(number: int, defined: set[str]) -> bool:
    """Whether an undefined ``[number]`` still reads as a note marker: the notes are not
    numbered at all (so every bracketed number is reported as a marker with no note), or it
    falls within, or just after, the numbers of the notes there are."""
    numbers = [int(label) for label in defined if label.isdigit()]
    return not numbers or number <= max(numbers) + 2


def definition_text(text: str, content_start: int, end: int) -> str:
    """A definition's text with whitespace runs (and a Gutenberg closing bracket) tidied."""
    body = " ".join(text[content_start:end].split())
    return body


def urls_in(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in URL_RE.finditer(text):
        url = match.group(0).rstrip(".,;:)")
        if url.startswith("www."):
            url = "https://" + url
        if url not in found:
            found.append(url)
    return tuple(found)
