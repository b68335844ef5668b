"""A web page's notes: its own notes list taken out of the body, or the notes found where the
markers' links point."""

from __future__ import annotations

import re
from typing import Any

from reader.ingest.html.clean import RUN, STRIP
from reader.ingest.html.markers import BACKLINK, NOTES_HEADING, TRAILING_BACKLINK
from reader.ingest.html.walker import Block

MAX_NOTE_CHARS = 4000


GLUED_MARKER = re.compile(r"(\[\d{1,3}\])(?=[^\W\d_])")
DOUBLE_BRACKETS = re.compile(r"\[\[(\d{1,3})\]\]")
_LEADING_MARKER = re.compile(r"\[(\d{1,3})\]\s*")


def split_notes(
    blocks: list[Block], markers: dict[str, str | None]
) -> tuple[list[Block], dict[str, str]]:
    """Take the page's own notes list out of the body: returns the body and ``{n: note}``.

    Three forms are recognised: a list whose items start with a ``^`` backlink (Wikipedia) or
    end with a ``↩`` one (Markdown blogs), numbered in order, with the heading above it; and
    notes that start with their own marker (``[22]Sometimes…``, as O'Reilly books write them)
    when they end the text."""
    notes: dict[str, str] = {}
    body = list(blocks)
    # 1. Lists of notes with backlinks.
    for list_id in sorted({b.list_id for b in body if b.kind == "item"}):
        items = [i for i, b in enumerate(body) if b.kind == "item" and b.list_id == list_id]
        backlinked = sum(
            body[i].text.startswith(("^", "↑")) or bool(TRAILING_BACKLINK.search(body[i].text))
            for i in items
        )
        if not markers or backlinked * 2 <= len(items):
            continue
        for number, index in enumerate(items, start=1):
            note = TRAILING_BACKLINK.sub("", BACKLINK.sub("", body[index].text)).strip()
            notes.setdefault(str(number), note)
        drop = set(items)
        first = items[0]
        if (
            first > 0
            and body[first - 1].kind == "heading"
            and NOTES_HEADING.fullmatch(body[first - 1].text)
        ):
            drop.add(first - 1)
        body = [b for i, b in enumerate(body) if i not in drop]
    # 2. Trailing blocks that start with a marker used in the text.
    end = len(body)
    while (
        end > 0
        and (match := _LEADING_MARKER.match(body[end - 1].text))
        and (match.group(1) in markers)
    ):
        notes.setdefault(match.group(1), body[end - 1].text[match.end() :].strip())
        end -= 1
    body = body[:end]
    if (
        end < len(blocks)
        and body
        and body[-1].kind == "heading"
        and NOTES_HEADING.fullmatch(body[-1].text)
    ):
        body.pop()
    return body, notes


def notes_from_targets(tree: Any, markers: dict[str, str | None]) -> dict[str, str]:
    """The notes found where the markers' links point in the original page."""
    wanted = {number: fragment for number, fragment in markers.items() if fragment}
    if not wanted:
        return {}
    by_id: dict[str, Any] = {}
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for key in ("id", "name"):
            value = element.get(key)
            if value and value not in by_id:
                by_id[value] = element
    found: dict[str, str] = {}
    for number, fragment in wanted.items():
        target = by_id.get(fragment)
        if target is None:
            continue
        # an empty anchor marks the place: the note is the block around it
        while (
            target is not None
            and target.tag in ("a", "span", "sup")
            and len(RUN.sub(" ", "".join(target.itertext())).strip()) < 4
        ):
            target = target.getparent()
        if target is None or target.tag in ("body", "html"):
            continue
        note = _note_text(target)
        note = BACKLINK.sub("", note)
        note = re.sub(rf"^\[?{number}\]?[.:)]?\s+", "", note)
        note = TRAILING_BACKLINK.sub("", _EMPTY_BRACKETS.sub("", note)).strip()
        if note and len(note) <= MAX_NOTE_CHARS:
            found[number] = note
    return found


_BACKLINK_TEXT = re.compile(r"|.{1,2}|\d+(?:\.\d+)+|\W{1,3}|back|return")
_EMPTY_BRACKETS = re.compile(r"\s*(?:\[\s*\]|\(\s*\))")
_BACKLINK_CLASS = re.compile(
    r"backlink|backref|footnote-?back|reversefootnote|footnotereverse", re.I
)


def _is_backlink(node: Any) -> bool:
    """A note's link back to its marker: "^", "↩", "a", "b", or a class that says so."""
    if _BACKLINK_CLASS.search(node.get("class") or ""):
        return True
    if node.tag != "a" or not (node.get("href") or "").startswith("#"):
        return False
    return bool(_BACKLINK_TEXT.fullmatch("".join(node.itertext()).strip()))


def _note_text(element: Any) -> str:
    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(element, True)]
    while stack:
        node, entering = stack.pop()
        if not entering:
            if node.tail and node is not element:
                parts.append(node.tail)
            continue
        if (
            not isinstance(node.tag, str)
            or node.tag in ("script", "style", "template")
            or (node is not element and _is_backlink(node))
        ):
            if node.tail and node is not element:
                parts.append(node.tail)
            continue
        if node.tag in ("p", "div", "li", "br"):
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        stack.append((node, False))
        stack.extend((child, True) for child in reversed(node))
    return RUN.sub(" ", STRIP.sub("", "".join(parts))).strip()
