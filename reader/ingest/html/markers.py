"""Footnote markers in a web page: which ``<sup>`` and links are notes' numbers."""

from __future__ import annotations

import re
from typing import Any

MARKER_TEXT = re.compile(r"\[?\s*(\d{1,3})\s*\]?")
NOTE_HINT = re.compile(
    r"(?:^|[-_:\s])(?:cite|ref|reference|note|noteref|fn|footnote|endnote)", re.I
)
AFTER_PUNCT = (".", ",", ";", ":", "!", "?", '"', "'", "”", "’", ")", "»")
NOTES_HEADING = re.compile(
    r"(notes?|footnotes?|endnotes?|references?|citations?|notes and references)\s*"
    r"(\[edit(?: source)?\])?\s*:?",
    re.I,
)
# "^ a b Horn, Roger": Wikipedia's backlinks, one letter each when a note is cited twice or more.
BACKLINK = re.compile(r"^(?:\^|↑|↩︎?|⤴)\s*(?:(?:[a-z]\s+){2,}(?=\S))?")
TRAILING_BACKLINK = re.compile(r"\s*(?:↩︎?|⤴|↑|\^|Back to (?:text|top))\s*$", re.I)


def link_fragment(target: str) -> str | None:
    """The in-page id a link points to (``#fn-1``, or the page's own URL with ``#fn-1``)."""
    if "#" not in target:
        return None
    fragment = target.rsplit("#", 1)[1].strip()
    return fragment or None


def sup_marker(sup: Any) -> tuple[str, str | None] | None:
    """``(number, fragment)`` when a superscript is a footnote marker, else None.

    A number is a marker when it is bracketed (``[3]``), when it links into the page, when the
    element says so in its class or id, or when it stands right after punctuation (``end.3``).
    A bare ``m<sup>2</sup>`` or ``x<sup>n</sup>`` is a superscript, not a marker."""
    text = "".join(sup.itertext()).strip()
    match = MARKER_TEXT.fullmatch(text)
    if not match:
        return None
    fragment = None
    hinted = text.startswith("[")
    linked = [sup, *sup.iter()]
    parent = sup.getparent()
    if parent is not None and parent.tag in ("ref", "a"):
        linked.append(parent)
    for element in linked:
        target = element.get("target") or element.get("href") or ""
        found = link_fragment(target)
        if found:
            fragment = fragment or found
            hinted = True
        names = " ".join(element.get(key, "") for key in ("class", "id", "rend", "role"))
        if NOTE_HINT.search(names):
            hinted = True
    if not hinted:
        before = text_before(sup)
        hinted = before.rstrip().endswith(AFTER_PUNCT) and not before.endswith(" ")
    return (match.group(1), fragment) if hinted else None


def ref_marker(ref: Any, note_links: set[str]) -> tuple[str, str] | None:
    """A link ``<ref target="#fn-3">3</ref>`` that was a ``<sup>`` link in the page (the library
    sometimes flattens one), glued to the word or stop before it."""
    match = MARKER_TEXT.fullmatch((ref.text or "").strip())
    fragment = link_fragment(ref.get("target") or "")
    if not match or not fragment or fragment not in note_links:
        return None
    before = text_before(ref)
    if not before or before[-1].isspace():
        return None
    return match.group(1), fragment


def sup_links(tree: Any) -> set[str]:
    """The in-page ids that footnote markers link to: from inside a ``<sup>``, or from a link
    whose class says it is a note (not the page numbers of a table of contents)."""
    found: set[str] = set()
    for sup in tree.iter("sup"):
        for link in sup.iter("a"):
            fragment = link_fragment(link.get("href") or "")
            if fragment:
                found.add(fragment)
    for link in tree.iter("a"):
        fragment = link_fragment(link.get("href") or "")
        if not fragment:
            continue
        names = " ".join(link.get(key, "") for key in ("class", "id", "rel", "role"))
        # <a href="#fn1"><sup>1</sup></a>, <a class="footnote-ref">, SPIP's <a class="spip_note">
        if link.find(".//sup") is not None or NOTE_HINT.search(names):
            found.add(fragment)
    return found


def text_before(element: Any) -> str:
    previous = element.getprevious()
    if previous is not None:
        return previous.tail or "".join(previous.itertext())[-5:]
    parent = element.getparent()
    return (parent.text or "") if parent is not None else ""
