"""Footnote markers in an article's body, in the forms pages print them, written as ``[n]``.

A numbered notes list confirms which numbers are notes; the body may cite them as ``[3]``,
``³``, ``^3``, ``<sup>3</sup>``, or (in text copied from a page that printed them raised) as a
number stuck to the end of a word or sentence: "two years late.3". Only numbers of notes that
exist, met in reading order, are taken for markers, so "£3.2 million", "COVID-19" and "[143]"
stay text.
"""

from __future__ import annotations

__all__ = ["MarkerScan", "confirm_markers"]

import re
from dataclasses import dataclass, field

from reader.ingest.notes import SUPERSCRIPTS

_SUPER_VALUE = str.maketrans(SUPERSCRIPTS, "0123456789")
_FORMS = {
    "[n]": re.compile(r"\[(\d{1,3})\](?![(:])"),
    "¹": re.compile(rf"(?<=[^\s{SUPERSCRIPTS}])([{SUPERSCRIPTS}]{{1,3}})(?![{SUPERSCRIPTS}])"),
    "^n": re.compile(r"(?<=\S)\^(\d{1,3})\b"),
    "<sup>": re.compile(r"<sup>\s*\[?(\d{1,3})\]?\s*</sup>", re.IGNORECASE),
    "glued": re.compile(
        r"(?:(?<=[a-z\"”’)])|(?<=[A-Za-z\"”’)][.,;:!?]))(\d{1,3})(?=[\s,;:]|$)"
    ),
}


@dataclass
class MarkerScan:
    """Markers of a numbered list found in a body, and the body with each written ``[n]``."""

    text: str
    found: dict[str, int] = field(default_factory=dict)  # form -> how many
    cited: set[str] = field(default_factory=set)  # the note numbers cited

    @property
    def count(self) -> int:
        return sum(self.found.values())


def confirm_markers(body: str, labels: list[str]) -> MarkerScan:
    """Find markers of ``labels`` in ``body`` and write the raised and stuck ones as ``[n]``.

    Bracketed markers are taken as they are; the other forms only in reading order (a number
    may repeat an earlier note, or be the next one)."""
    numbers = {int(label) for label in labels if label.isdigit()}
    scan = MarkerScan(body)
    if not numbers:
        return scan
    bracketed = [m for m in _FORMS["[n]"].finditer(body) if int(m.group(1)) in numbers]
    if bracketed:
        scan.found["[n]"] = len(bracketed)
        scan.cited = {m.group(1) for m in bracketed}
        return scan
    for form in ("<sup>", "¹", "^n", "glued"):
        replaced = _in_order(body, _FORMS[form], numbers)
        if replaced:
            scan.found[form] = len(replaced)
            scan.cited = {str(n) for _, _, n in replaced}
            scan.text = _rewrite(body, replaced)
            return scan
    return scan


def _in_order(body: str, pattern: re.Pattern[str], numbers: set[int]) -> list[tuple[int, int, int]]:
    """Matches of ``pattern`` read as note numbers, kept while they follow the notes' order."""
    taken: list[tuple[int, int, int]] = []
    highest = 0
    for match in pattern.finditer(body):
        number = int(match.group(1).translate(_SUPER_VALUE))
        if number in numbers and number <= highest + 1:
            taken.append((match.start(), match.end(), number))
            highest = max(highest, number)
    # Stuck numbers are weak evidence: take them only when most notes are cited that way.
    if pattern is _FORMS["glued"] and len({n for _, _, n in taken}) * 2 < len(numbers):
        return []
    return taken


def _rewrite(body: str, replaced: list[tuple[int, int, int]]) -> str:
    out: list[str] = []
    pos = 0
    for start, end, number in replaced:
        out.append(body[pos:start])
        out.append(f"[{number}]")
        pos = end
    out.append(body[pos:])
    return "".join(out)
