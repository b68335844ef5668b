"""Layouts with rules of their own: Project Gutenberg files, Wikipedia exports, and text with
one paragraph per line; and plain-text headings written as Markdown ones."""

from __future__ import annotations

__all__ = [
    "Cut",
    "drop_images",
    "gutenberg",
    "mark_headings",
    "one_paragraph_per_line",
    "wikipedia",
]

import re
from dataclasses import dataclass, field
from itertools import pairwise

_GB_START = re.compile(
    r"^\*{3}[ \t]*START OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
_GB_END = re.compile(
    r"^(?:\*{3}[ \t]*END OF (?:THE|THIS) PROJECT GUTENBERG|End of (?:the )?Project "
    r"Gutenberg'?s?|End of this Project Gutenberg)[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
_GB_FIELD = re.compile(r"^(Title|Author|Language|Release Date|Editor|Translator)"
                       r":[ \t]*(.+(?:\n[ \t]{4,}\S.*)*)", re.MULTILINE)
_GB_NUMBER = re.compile(r"\[E(?:-)?(?:Book|Text) #(\d+)\]", re.IGNORECASE)
_GB_CREDITS = re.compile(
    r"(?:produced by|e-?text prepared by|this e-?(?:text|book) was (?:produced|prepared)|"
    r"transcribed from|updated editions will replace)", re.IGNORECASE
)
_LANGUAGES = {"english": "en", "french": "fr", "german": "de", "spanish": "es",
              "italian": "it", "dutch": "nl", "portuguese": "pt", "latin": "la"}

_WP_TRAILING = re.compile(
    r"(?:see also|further reading|external links|bibliography|sources|works cited|"
    r"navigation menu|related articles)(?:\[edit\])?",
    re.IGNORECASE,
)
_WP_JUNK_LINE = re.compile(
    r"(?:categor(?:y|ies)[ \t]*:.*|hidden categories:.*|retrieved from[ \t].*|"
    r"this page was last edited.*|from wikipedia, the free encyclopedia|"
    r"jump to (?:navigation|search).*|\(redirected from .*\))",
    re.IGNORECASE,
)
_IMAGE = re.compile(
    r"(?:\[\[)?(?:(?:File|Image):)?[^\n|\]]{1,120}?\.(?:jpe?g|png|svg|gif|tiff?|webp)"
    r"(?:\|[^\n\]]*)?(?:\]\])?",
    re.IGNORECASE,
)
_EDIT = re.compile(r"\[edit\][ \t]*$", re.MULTILINE)
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•][ \t]|\d{1,3}[.)][ \t])")
_MD_HEADING_LINE = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_RUNS_ON = frozenset(
    "a an the of to in on at by for from with and or but as is are was were be been like "
    "that this these than then so if into about".split()
)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]…]$|\[\^?\w+\]$")


@dataclass
class Cut:
    """A layout's result: the text left, and what was found and removed."""

    text: str
    layout: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)


def _first_words(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def gutenberg(text: str) -> Cut:
    """A Project Gutenberg file without its header and licence; title and author kept."""
    start = _GB_START.search(text)
    if start is None:
        return Cut(text)
    cut = Cut(text, "Project Gutenberg")
    header = text[: start.start()]
    for name, value in _GB_FIELD.findall(header):
        value = " ".join(value.split())
        key = {"Title": "title", "Author": "author", "Language": "language"}.get(name)
        if key == "language":
            value = _LANGUAGES.get(value.lower(), "")
        if key and value:
            cut.details[key] = value
    number = _GB_NUMBER.search(header)
    if number:
        cut.details["url"] = f"https://www.gutenberg.org/ebooks/{number.group(1)}"
    cut.details["publisher"] = "Project Gutenberg"
    end = _GB_END.search(text, start.end())
    body = text[start.end() : end.start() if end else len(text)]
    size = len(header) + len(start.group())
    cut.removed.append(f"Project Gutenberg header ({size:,} characters)")
    if end:
        footer = len(text) - end.start()
        cut.removed.append(f"Project Gutenberg licence and end matter ({footer:,} characters)")
    blocks = re.split(r"(\n[ \t]*\n)", body)
    kept = []
    for block in blocks:
        if _GB_CREDITS.match(block.strip()) and len(block) < 800:
            cut.removed.append(_first_words(block))
            continue
        kept.append(block)
    cut.text = "".join(kept).strip("\n") + "\n"
    return cut


def wikipedia(text: str) -> Cut:
    """A Wikipedia export without its trailing sections, category lines and image names."""
    lines = text.split("\n")
    signs = sum(1 for line in lines if _WP_JUNK_LINE.fullmatch(line.strip()))
    signs += len(_EDIT.findall(text))
    trailing = [i for i, line in enumerate(lines) if _WP_TRAILING.fullmatch(line.strip())]
    if not signs and not (trailing and _IMAGE.search(text)):
        return Cut(text)
    cut = Cut(text, "Wikipedia export")
    kept: list[str] = []
    dropping = False
    for line in lines:
        stripped = _EDIT.sub("", line).strip()
        if _WP_TRAILING.fullmatch(stripped):
            dropping = True
            cut.removed.append(f"the “{stripped}” section")
            continue
        if dropping and _is_notes_title(stripped):
            dropping = False
        if dropping or _WP_JUNK_LINE.fullmatch(stripped):
            if not dropping and stripped:
                cut.removed.append(_first_words(stripped))
            continue
        kept.append(_without_image(_EDIT.sub("", line), cut))
    cut.text = "\n".join(kept)
    return cut


def _is_notes_title(line: str) -> bool:
    from reader.text.footnotes import NOTES_TITLE

    return bool(line) and NOTES_TITLE.fullmatch(line) is not None and not _WP_TRAILING.fullmatch(
        line
    )


def _without_image(line: str, cut: Cut) -> str:
    """``line`` without an image's file name at its start (and without the line if that was
    all of it)."""
    match = _IMAGE.match(line.strip())
    if match is None:
        return line
    cut.removed.append(f"image {match.group().strip()}")
    return line.strip()[match.end() :].lstrip(" |")


def one_paragraph_per_line(text: str) -> tuple[str, int]:
    """Text whose paragraphs are one long line each, with no blank line between them, split
    into blocks; the number of blocks split is returned with it. Hard-wrapped text (short
    lines, sentences running on from line to line) is left as it is."""
    parts = re.split(r"(\n[ \t]*\n)", text)
    split = 0
    for index in range(0, len(parts), 2):
        lines = parts[index].split("\n")
        if len(lines) < 2 or not _one_per_line(lines):
            continue
        parts[index] = "\n\n".join(line.rstrip() for line in lines)
        split += 1
    return "".join(parts), split


def _one_per_line(lines: list[str]) -> bool:
    filled = [line.strip() for line in lines if line.strip()]
    if len(filled) < 2 or filled[0].startswith("#"):
        return False
    if any(line.startswith(("```", "~~~", "    ", "\t", "|")) or _LIST_ITEM.match(line)
           for line in lines):
        return False
    long_lines = sum(1 for line in filled if len(line) > 100)
    if long_lines * 2 < len(filled):
        return False
    for line, following in pairwise(filled):
        if not _SENTENCE_END.search(line) and following[:1].islower():
            return False  # a sentence runs on to the next line: the text is wrapped
    return True


_MD_IMAGE = re.compile(
    r"[ \t]*(?:\[[ \t]*)?!\[(?P<alt>[^\]\n]*)\]\([^)\n]*\)(?:[ \t]*\]\([^)\n]*\))?"
    r"(?:\{[^}\n]*\})?[ \t]*|[ \t]*<img\b[^>]*>[ \t]*",
    re.IGNORECASE,
)


def drop_images(text: str) -> tuple[str, list[str]]:
    """Blocks that are only an image (``![alt](src)``, ``<img …>``) cut; their alt texts are
    returned for the report."""
    parts = re.split(r"(\n[ \t]*\n)", text)
    removed: list[str] = []
    for index in range(0, len(parts), 2):
        lines = [line for line in parts[index].split("\n") if line.strip()]
        if lines and all(_MD_IMAGE.fullmatch(line) for line in lines):
            for line in lines:
                match = _MD_IMAGE.fullmatch(line)
                alt = match.group("alt") if match and match.group("alt") else "no description"
                removed.append(f"image: {_first_words(alt)}")
            parts[index] = ""
    return "".join(parts), removed


def mark_headings(text: str) -> tuple[str, int]:
    """Plain-text section titles (a short line standing alone, with no sentence ending, before
    a paragraph) written as ``##`` headings; returns the text and how many were marked."""
    if _MD_HEADING_LINE.search(text):
        return text, 0  # Markdown: its titles are marked already
    parts = re.split(r"(\n[ \t]*\n)", text)
    marked = 0
    for index in range(0, len(parts) - 2, 2):
        block = parts[index].strip()
        following = parts[index + 2].strip()
        if (
            _is_section_title(block)
            and following
            and not _is_section_title(following)
            and not _LIST_ITEM.match(following)
        ):
            parts[index] = parts[index].replace(block, "## " + block, 1)
            marked += 1
    return "".join(parts), marked


def _is_section_title(block: str) -> bool:
    if not block or "\n" in block or len(block) > 80 or block.startswith(("#", "[", "^", ">")):
        return False
    if len(block.split()) > 12 or block[:1].islower() or (block[:1].isdigit() and "." in block):
        return False
    if block.isupper() and any(c.isalpha() for c in block):
        return True
    if _LIST_ITEM.match(block) or block.split()[-1].lower() in _RUNS_ON:
        return False
    return not _SENTENCE_END.search(block) and any(c.isalpha() for c in block)
