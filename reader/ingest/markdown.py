"""Markdown articles read as a Markdown renderer reads them (``markdown-it-py``).

A static site's post is more than prose: images, figure and template tags (``{% figure %}``,
``{{ figure(...) }}``), raw HTML (tables, ``<style>``, ``<!--more-->``), link reference
definitions (``[name]: https://…``). None of that is article text, and a parser knows exactly
which lines each takes. What is left is kept line for line as it was written; a paragraph
that is only bold text ("**Why now?**") is a section title and becomes a heading.
"""

from __future__ import annotations

__all__ = ["is_markdown", "markdown_body"]

import re
from pathlib import PurePath

from reader.ingest.chrome import is_bottom_chrome

_SUFFIXES = {".md", ".markdown", ".mdx", ".mdown", ".mkd"}
_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_TEMPLATE = re.compile(r"[ \t]*(?:\{%.*?%\}|\{\{.*?\}\}|<!--.*?-->)[ \t]*", re.DOTALL)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_EMAIL_HEADER = re.compile(
    r"(?:\*\*)?from:?(?:\*\*)?:?[ \t].{0,200}\bto:", re.IGNORECASE | re.DOTALL
)
_BOLD_TITLE = re.compile(
    r"(?:\*\*\*?|___?|\*\*_|__\*)([^*_\n]{2,160}?)(?:\*\*\*?|___?|_\*\*|\*__)[ \t]*"
)


def is_markdown(source_name: str, text: str, front_matter: bool) -> bool:
    """Whether to read ``text`` as Markdown: by its file name, its front matter, or its
    ``#`` headings."""
    return (
        PurePath(source_name).suffix.lower() in _SUFFIXES
        or front_matter
        or bool(_HEADING.search(text))
    )


def markdown_body(text: str) -> tuple[str, list[str]]:
    """The blocks of ``text`` that are article text, and a description of each one cut."""
    from markdown_it import MarkdownIt

    lines = text.split("\n")
    removed: list[str] = []
    kept: list[str] = []
    tokens = MarkdownIt("commonmark").enable("table").disable("inline").parse(text)
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        start, end = token.map
        block = "\n".join(lines[start:end]).rstrip()
        if not block.strip():
            continue
        if token.type == "html_block":
            removed.append(_describe_html(block))
            continue
        if token.type == "table_open":
            removed.append(f"table: {_words(lines[start], 8)}")
            continue
        if token.type == "paragraph_open":
            inline = tokens[index + 1].content if index + 1 < len(tokens) else block
            if _only_furniture(inline):
                removed.append(_describe_furniture(inline))
                continue
            title = _BOLD_TITLE.fullmatch(inline.strip())
            if title and "\n" not in inline.strip():
                kept.append("### " + title.group(1).strip())
                continue
        kept.append(block)
    while kept and is_bottom_chrome(kept[-1].replace("\n", " ")):
        removed.append(_words(kept.pop()))
    return "\n\n".join(kept), removed


def _only_furniture(inline: str) -> bool:
    stripped = inline.strip()
    if stripped.startswith("{%"):
        return True  # a figure or image tag, with its caption
    if _EMAIL_HEADER.match(stripped):
        return True
    rest = _IMAGE.sub("", _TEMPLATE.sub("", inline))
    rest = re.sub(r"\[\s*\]\([^)]*\)", "", rest)  # a link around an image
    return not rest.strip()


def _words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _describe_furniture(inline: str) -> str:
    if _EMAIL_HEADER.match(inline.strip()):
        return f"e-mail header: {_words(inline.strip(), 6)}"
    image = _IMAGE.search(inline)
    if image:
        return f"image: {_words(image.group(1)) or 'no description'}"
    return f"template tag: {_words(inline.strip(), 4)}"


def _describe_html(block: str) -> str:
    text = re.sub(r"<[^>]*>", " ", block)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text)
    if not text.strip() or block.lstrip().lower().startswith(("<style", "<script")):
        tag = re.match(r"\s*<\s*([!A-Za-z-]+)", block)
        return f"HTML {tag.group(1) if tag else 'markup'}"
    return f"HTML: {_words(text)}"
