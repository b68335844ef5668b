"""Turn an article's canonical text into blocks, sentences, markers and footnotes."""

from __future__ import annotations

__all__ = ["MAX_ARTICLE_BYTES", "parse_article", "read_text_file"]

from pathlib import Path

from reader.model import Article, Block, FootnoteDefinition, FootnoteMarker, Sentence
from reader.problems import Problem
from reader.text.canonical import MAX_ARTICLE_BYTES, LineIndex, read_text_file
from reader.text.footnotes import (
    BlockSpan,
    ParsedLayout,
    definition_text,
    find_markers,
    parse_layout,
    urls_in,
)
from reader.text.sanitize import sanitize_line
from reader.text.segment import segment


def parse_article(
    text: str, path: Path | None = None, lang: str = "en", shown_path: str | None = None
) -> tuple[Article, list[Problem]]:
    """Parse canonical ``text``. Problems (orphan markers and notes) name ``shown_path``."""
    layout = parse_layout(text)
    where = shown_path if shown_path is not None else (str(path) if path else None)
    problems = _Problems(text, where)
    footnotes = _footnotes(text, layout)
    if layout.repeated_list_at is not None:
        duplicates = sum(1 for d in layout.definitions if d.duplicate_of is not None)
        problems.warn(
            layout.repeated_list_at,
            f"the notes list is repeated here ({duplicates} notes defined again); "
            "the first copy is used",
            "notes-repeated",
        )
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    markers: list[FootnoteMarker] = []
    defined = set(footnotes)
    for block_index, span in enumerate(layout.blocks):
        blocks.append(_block(block_index, span))
        _split_block(text, span, block_index, lang, defined, sentences, markers)
    _report_orphans(markers, footnotes, problems)
    article = Article.build(text, tuple(blocks), tuple(sentences), tuple(markers), footnotes, path)
    return article, problems.found


class _Problems:
    """Warnings about the article, placed by line and column."""

    def __init__(self, text: str, where: str | None) -> None:
        self.found: list[Problem] = []
        self._where = where
        self._lines = LineIndex(text)

    def warn(self, offset: int, message: str, code: str) -> None:
        line, col = self._lines.line_col(offset)
        self.found.append(Problem("warning", message, self._where, line, col, code))


def _footnotes(text: str, layout: ParsedLayout) -> dict[str, FootnoteDefinition]:
    """Each note's first definition by label (a repeated list's copies are left out)."""
    footnotes: dict[str, FootnoteDefinition] = {}
    for definition in layout.definitions:
        if definition.duplicate_of is not None:
            continue
        end = definition.end
        body_text = text[definition.start : end]
        if body_text.lower().startswith("[footnote") and body_text.endswith("]"):
            end -= 1
        note_text = definition_text(text, definition.content_start, end)
        footnotes[definition.label] = FootnoteDefinition(
            definition.label, note_text, definition.start, definition.end, urls_in(note_text)
        )
    return footnotes


def _block(index: int, span: BlockSpan) -> Block:
    return Block(
        index,
        span.kind,  # type: ignore[arg-type]
        span.start,
        span.end,
        span.content_start,
        span.level,
        span.label,
    )


def _split_block(
    text: str,
    span: BlockSpan,
    block_index: int,
    lang: str,
    defined: set[str],
    sentences: list[Sentence],
    markers: list[FootnoteMarker],
) -> None:
    """Append the block's sentences and footnote markers; a marker after the last sentence
    belongs to it."""
    if span.kind != "paragraph":  # a heading, a note or a code block is one unit
        spans = [(span.content_start, span.end)]
    else:
        spans = segment(text, span.content_start, span.end, lang) or [
            (span.content_start, span.end)
        ]
    block_markers = (
        find_markers(text, span.content_start, span.end, defined)
        if span.kind in ("paragraph", "heading")
        else []
    )
    marker_index = 0
    for s_start, s_end in spans:
        labels: list[str] = []
        sentence_index = len(sentences)
        while marker_index < len(block_markers) and block_markers[marker_index][1] < s_end:
            label, m_start, m_end = block_markers[marker_index]
            labels.append(label)
            markers.append(FootnoteMarker(label, m_start, m_end, sentence_index))
            marker_index += 1
        sentences.append(Sentence(sentence_index, block_index, s_start, s_end, tuple(labels)))
    while marker_index < len(block_markers):  # past the last sentence: attach to it
        label, m_start, m_end = block_markers[marker_index]
        markers.append(FootnoteMarker(label, m_start, m_end, len(sentences) - 1))
        marker_index += 1


def _report_orphans(
    markers: list[FootnoteMarker], footnotes: dict[str, FootnoteDefinition], problems: _Problems
) -> None:
    """Warn about markers with no note, then about notes that no marker refers to."""
    used: set[str] = set()
    for marker in markers:
        used.add(marker.label)
        if marker.label not in footnotes:
            problems.warn(
                marker.start,
                f"footnote marker [{sanitize_line(marker.label)}] has no definition "
                "in the notes list",
                "marker-undefined",
            )
    for label, note in footnotes.items():
        if label not in used:
            problems.warn(
                note.start,
                f"note [{sanitize_line(label)}] is never referred to in the text",
                "note-unused",
            )
