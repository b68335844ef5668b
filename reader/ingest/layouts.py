"""Layouts with rules of their own: Project Gutenberg files, Wikipedia exports, and text with
one paragraph per line; and plain-text headings written as Markdown ones."""

from __future__ import annotations

__all__ = [
    "Cut",
    "drop_contents",
    "drop_images",
    "fence_tables",
    "gutenberg",
    "mark_headings",
    "one_paragraph_per_line",
    "wikipedia",
]

import re
from dataclasses import dataclass, field
from itertools import pairwise

_GB_START = re.compile(
    r"^\*{3}[ \t]*START OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)(?:[^*\n]|\n(?!\n))"
    r"{0,200}\*{3}[^\n]*$|^\*{3}[ \t]*START OF (?:THE|THIS) PROJECT GUTENBERG[^\n]*$",
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
    r"transcribed from|updated editions will replace|note: project gutenberg|"
    r"transcriber'?s note)", re.IGNORECASE
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
    r"jump to (?:navigation|search).*|\(redirected from .*\)|(?:\[icon\][ \t]*)?this (?:article|"
    r"section|list)(?:'s)? (?:needs|requires|may|has|is|relies|contains|does not|possibly)\b.*|"
    r"please help improve this (?:article|section)\b.*)",
    re.IGNORECASE,
)
_IMAGE = re.compile(
    r"(?:\[\[)?(?:(?:File|Image):)?[^\n|\]]{1,120}?\.(?:jpe?g|png|svg|gif|tiff?|webp)"
    r"(?:\|[^\n\]]*)?(?:\]\])?",
    re.IGNORECASE,
)
_CONTENTS = re.compile(r"contents(?:[ \t]+\[(?:hide|show)\])?", re.IGNORECASE)
_TOC_LINE = re.compile(r"\d{1,2}(?:\.\d{1,2})*[ \t]+\S.{0,80}")
_EDIT = re.compile(r"\[edit\][ \t]*$", re.MULTILINE)
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•][ \t]|\d{1,3}[.)][ \t])")
_MD_HEADING_LINE = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_RUNS_ON = frozenset(
    re.findall(
        r"\w+",
        "a an the of to in on at by for from with and or but as is are was were be been like "
        "that this these than then so if into about",
    )
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
    cut.text = _without_title_page(body.strip("\n"), cut) + "\n"
    return cut


def _is_prose(block: str) -> bool:
    if _GB_CREDITS.match(block.strip()):
        return False
    lines = [line for line in block.strip().split("\n") if line.strip()]
    if sum(1 for line in lines if line[:1] in " \t") * 2 > len(lines):
        return False
    if len(lines) == 1:
        return len(lines[0]) > 100
    return len(lines) >= 3 and sum(len(line) for line in lines) / len(lines) >= 45


def _without_title_page(body: str, cut: Cut) -> str:
    """The book without what comes before its text: credits, notes on the file, the title
    page (a section title right before the text is kept)."""
    blocks = [b for b in re.split(r"\n[ \t]*\n", body) if b.strip()]
    first = next((i for i, block in enumerate(blocks) if _is_prose(block)), None)
    if first is None:  # no paragraph of prose: cut only the credits
        kept = [b for b in blocks if not _GB_CREDITS.match(b.strip())]
        cut.removed += [_first_words(b) for b in blocks if _GB_CREDITS.match(b.strip())]
        return "\n\n".join(kept)
    start = first
    if first > 0 and "\n" not in blocks[first - 1].strip() and len(blocks[first - 1]) < 120:
        start = first - 1  # the first section's title
    for block in blocks[:start]:
        if _GB_CREDITS.match(block.strip()):
            cut.removed.append(_first_words(block))
    if start > 0:
        words = sum(len(b.split()) for b in blocks[:start])
        cut.removed.append(f"the title page and notes before the text ({words} words)")
    return "\n\n".join(blocks[start:])


def wikipedia(text: str) -> Cut:
    """A Wikipedia export without its contents box, image captions, trailing sections,
    category lines and image names; its "Title[edit]" lines made headings."""
    lines = text.split("\n")
    signs = sum(1 for line in lines if _WP_JUNK_LINE.fullmatch(line.strip()))
    signs += len(_EDIT.findall(text))
    trailing = [i for i, line in enumerate(lines) if _WP_TRAILING.fullmatch(line.strip())]
    if not signs and not (trailing and _IMAGE.search(text)):
        return Cut(text)
    cut = Cut(text, "Wikipedia export")
    kept: list[str] = []
    dropping = False
    contents = False
    for index, line in enumerate(lines):
        stripped = _EDIT.sub("", line).strip()
        if _WP_TRAILING.fullmatch(stripped):
            dropping = True
            cut.removed.append(f"the “{stripped}” section")
            continue
        if dropping and _is_notes_title(stripped):
            dropping = False
        if contents and _TOC_LINE.fullmatch(stripped):
            continue
        contents = _CONTENTS.fullmatch(stripped) is not None
        if contents:
            cut.removed.append("the contents box")
            continue
        if dropping or _WP_JUNK_LINE.fullmatch(stripped):
            if not dropping and stripped:
                cut.removed.append(_first_words(stripped))
            continue
        if _is_caption(lines, index):
            cut.removed.append(f"caption: {_first_words(stripped)}")
            continue
        if _EDIT.search(line) and stripped:
            kept.append("## " + stripped)
            continue
        kept.append(_without_image(line, cut))
    cut.text = "\n".join(kept)
    return cut


def _is_caption(lines: list[str], index: int) -> bool:
    """An image's caption in a Wikipedia export: a short line with no note marker, after a
    blank line (the export leaves one where the image was)."""
    line = lines[index].strip()
    if not line or len(line) > 200 or re.search(r"\[\d+\]", line) or _EDIT.search(line):
        return False
    if index == 0 or lines[index - 1].strip():
        return False
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return not _EDIT.search(following)


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


def one_paragraph_per_line(text: str, always: bool = False) -> tuple[str, int]:
    """Text whose paragraphs are one long line each, with no blank line between them, split
    into blocks; the number of blocks split is returned with it. Hard-wrapped text (short
    lines, sentences running on from line to line) is left as it is, and so is text whose
    paragraphs are already apart; a run of short lines with no sentence ending (a list) stays
    one block."""
    parts = re.split(r"(\n[ \t]*\n)", text)
    if not always and not _long_lines_run_together(parts[0::2]):
        return text, 0
    split = 0
    for index in range(0, len(parts), 2):
        lines = parts[index].split("\n")
        if len(lines) < 2 or not (always or _one_per_line(lines)):
            continue
        parts[index] = "\n\n".join(_grouped(lines))
        split += 1
    return "".join(parts), split


def _long_lines_run_together(blocks: list[str]) -> bool:
    """Whether most long lines share a block with another line (no blank lines between
    paragraphs), rather than standing in blocks of their own."""
    together = alone = 0
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        long_lines = sum(1 for line in lines if len(line.strip()) > 100)
        if len(lines) > 1:
            together += long_lines
        else:
            alone += long_lines
    return together > 0 and together >= 2 * alone


def _grouped(lines: list[str]) -> list[str]:
    """Lines as blocks: each line its own, except runs of short list-like lines."""
    blocks: list[list[str]] = []
    for line in (line.rstrip() for line in lines):
        if not line.strip():
            continue
        short = _is_list_like(line)
        if short and blocks and _is_list_like(blocks[-1][-1]) and not line.startswith("#"):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return ["\n".join(block) for block in blocks]


def _is_list_like(line: str) -> bool:
    """A list's item: short, with no sentence ending (a line ending ':' leads into a list)."""
    line = line.strip()
    if line.startswith("#"):
        return False
    return bool(_LIST_ITEM.match(line)) or (len(line) < 60 and line.rstrip(")]\"”’")[-1:] not in (
        ".", "!", "?", ":", ";"
    ))


def _one_per_line(lines: list[str]) -> bool:
    filled = [line.strip() for line in lines if line.strip()]
    if len(filled) < 2 or (filled[0].startswith("#") and len(filled) == 2):
        return False
    if any(line.startswith(("```", "~~~", "    ", "\t", "|")) for line in lines):
        return False
    long_lines = sum(1 for line in filled if len(line) > 100)
    if (long_lines < 2 and long_lines * 2 < len(filled)) or long_lines * 4 < len(filled):
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


_CONTENTS_TITLE = re.compile(r"(?:table of )?contents\.?", re.IGNORECASE)
_FAR_INDENT = re.compile(r"[ \t]{12,}\S")
_TABLE_GAP = re.compile(r"\S[ \t]{3,}\S|\S \.{3,} ?\S|\S[ \t]+-[ \t]+\S.*[ \t]+-[ \t]+\S")


def drop_contents(text: str) -> tuple[str, bool]:
    """A book's table of contents (a "CONTENTS" title, then short entries) cut: it ends
    where its first entry appears again as the first section's title, or at the last short
    block before the text."""
    parts = re.split(r"(\n[ \t]*\n)", text)
    blocks = parts[0::2]
    for index, block in enumerate(blocks):
        if not _CONTENTS_TITLE.fullmatch(block.strip()):
            continue
        entries = index + 1
        while entries < len(blocks) and _is_entry(blocks[entries]):
            entries += 1
        first = " ".join(blocks[index + 1].split()) if index + 1 < len(blocks) else ""
        end = entries - 1  # the last short block is the first section's title
        for at in range(index + 2, entries):
            if " ".join(blocks[at].split()) == first:
                end = at
                break
        if end <= index + 1:
            return text, False
        kept = blocks[:index] + blocks[end:]
        return "\n\n".join(kept), True
    return text, False


def _is_entry(block: str) -> bool:
    lines = [line.strip() for line in block.strip().split("\n")]
    return 0 < len(lines) <= 4 and all(len(line) < 90 for line in lines) and not any(
        line.endswith((".", "!", "?")) and not line.isupper() for line in lines
    )


def fence_tables(text: str) -> tuple[str, int]:
    """Blocks laid out in columns (runs of spaces between cells, dotted leaders) kept as
    preformatted text, so their columns survive and they are not read as sentences."""
    parts = re.split(r"(\n[ \t]*\n)", text)
    fenced = 0
    for index in range(0, len(parts), 2):
        lines = [line for line in parts[index].split("\n") if line.strip()]
        gapped = sum(
            1 for line in lines if _TABLE_GAP.search(line.strip()) or _FAR_INDENT.match(line)
        )
        fenced_already = parts[index].lstrip().startswith(("```", "["))
        if len(lines) >= 2 and gapped >= 2 and gapped * 2 >= len(lines) and not fenced_already:
            parts[index] = "```\n" + parts[index].strip("\n") + "\n```"
            fenced += 1
    return "".join(parts), fenced


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
        if _is_caps_title(block) and following:
            parts[index] = "## " + " ".join(block.split())
            marked += 1
            continue
        if (
            _is_section_title(block)
            and following
            and not _is_section_title(following)
            and not _LIST_ITEM.match(following)
        ):
            parts[index] = parts[index].replace(block, "## " + block, 1)
            marked += 1
    return "".join(parts), marked


def _is_caps_title(block: str) -> bool:
    """A title in capitals over up to three lines ("OF THE ORIGIN AND DESIGN OF GOVERNMENT,
    / WITH CONCISE REMARKS")."""
    lines = block.split("\n")
    letters = [c for c in block if c.isalpha()]
    return (
        1 < len(lines) <= 3
        and len(block) < 200
        and bool(letters)
        and sum(c.isupper() for c in letters) >= 0.9 * len(letters)
        and not block.startswith(("[", "```"))
    )


def _is_section_title(block: str) -> bool:
    if not block or "\n" in block or len(block) > 160 or block.startswith(("#", "[", "^", ">")):
        return False
    if block[-1] in ",;:-–—" or block.endswith(("--", ":--")):
        return False
    if block.isupper() and any(c.isalpha() for c in block) and len(block.split()) <= 24:
        return True
    if len(block.split()) > 12 or block[:1].islower() or (block[:1].isdigit() and "." in block):
        return False
    if len(block) > 80:
        return False
    if _LIST_ITEM.match(block) or block.split()[-1].lower() in _RUNS_ON:
        return False
    return not _SENTENCE_END.search(block) and any(c.isalpha() for c in block)
