"""trafilatura's XML tree (``p``, ``head``, ``list/item``, ``table/row/cell``, ``hi``, ``ref``,
``lb``) turned into the page's blocks of text, with its footnote markers written ``[n]``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reader.ingest.html.clean import RUN, SPACES
from reader.ingest.html.markers import ref_marker, sup_marker

_BLOCKS = {
    "p",
    "head",
    "item",
    "quote",
    "code",
    "row",
    "list",
    "table",
    "div",
    "ab",
    "body",
    "doc",
    "main",
    "cell",
    "note",
}
_SKIP = {"graphic", "fw"}


@dataclass
class Block:
    kind: str  # heading | paragraph | item | code | row
    text: str
    list_id: int = -1  # the list an item belongs to
    ordered: bool = False


class Walker:
    """Turn trafilatura's XML (``p``, ``head``, ``list/item``, ``table/row/cell``, ``hi``,
    ``ref``, ``lb``) into blocks, iteratively: a page nested 10,000 deep costs no recursion."""

    def __init__(self, note_links: set[str]) -> None:
        self.note_links = note_links  # in-page ids that a <sup> link of the page points to
        self.blocks: list[Block] = []
        self.markers: dict[str, str | None] = {}  # number -> the in-page id it links to
        self._parts: list[str] = []
        self._kinds: list[str] = ["paragraph"]  # the block kind of each open block element
        self._lists: list[tuple[int, bool]] = []
        self._list_count = 0

    def _flush(self) -> None:
        raw = "".join(self._parts)
        self._parts.clear()
        kind = self._kinds[-1]
        if kind == "code":  # indentation kept, trailing spaces and blank-line runs not
            text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in raw.split("\n")))
            text = text.strip("\n")
        else:
            lines = (SPACES.sub(" ", RUN.sub(" ", line)).strip() for line in raw.split("\n"))
            text = "\n".join(line for line in lines if line)
        if text.strip():
            list_id, ordered = self._lists[-1] if self._lists else (-1, False)
            if kind != "item":
                list_id = -1
            self.blocks.append(Block(kind, text, list_id, ordered))

    def run(self, root: Any) -> list[Block]:
        # A stack of (element, entering): on leaving, close the block and add the tail.
        stack: list[tuple[Any, bool]] = [(root, True)]
        while stack:
            element, entering = stack.pop()
            tag = element.tag if isinstance(element.tag, str) else ""
            if not entering:
                if tag in _BLOCKS:
                    self._flush()
                    self._kinds.pop()
                    if tag == "list" and self._lists:
                        self._lists.pop()
                if element.tail and element is not root:
                    self._parts.append(element.tail)
                continue
            if not tag or tag in _SKIP:  # comments, processing instructions, images
                if element.tail:
                    self._parts.append(element.tail)
                continue
            stack.append((element, False))
            if tag in _BLOCKS:
                self._flush()
                inherited = self._kinds[-1] if self._kinds[-1] in ("item", "code") else "paragraph"
                self._kinds.append(_KINDS.get(tag, inherited))
                if tag == "list":
                    self._list_count += 1
                    self._lists.append((self._list_count, element.get("rend") == "ol"))
            if tag == "lb":
                self._parts.append("\n")
                continue
            if tag == "hi" and element.get("rend") == "#sup":
                marker = sup_marker(element)
                if marker:
                    number, fragment = marker
                    self.markers.setdefault(number, fragment)
                    self._parts.append(f"[{number}]")
                    continue
            if (
                tag == "ref"
                and len(element) == 0
                and (marker := ref_marker(element, self.note_links))
            ):
                number, fragment = marker  # a <sup> the library flattened to its link
                self.markers.setdefault(number, fragment)
                self._parts.append(f"[{number}]")
                continue
            if element.text:
                self._parts.append(element.text)
            if tag == "row":  # a table row is one line, " | " between its cells
                for line_break in element.iter("lb"):
                    line_break.tail = " " + (line_break.tail or "")
                cells = [RUN.sub(" ", "".join(cell.itertext())).strip() for cell in element]
                self._parts.append(" | ".join(cell for cell in cells if cell))
                continue
            stack.extend((child, True) for child in reversed(element))
        self._flush()
        return self.blocks


_KINDS = {
    "head": "heading",
    "item": "item",
    "code": "code",
    "row": "row",
    "list": "paragraph",
    "table": "paragraph",
}
