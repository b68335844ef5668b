"""Properties of the importer on generated articles, one family per layout: it finds exactly
the notes written into the article, and every word of the body reaches ``article.md``."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer import import_text, write_pack
from reader.pack.load import load_pack
from reader.problems import errors

WORDS = re.findall(
    r"\w+",
    "harbour wall parish county quarry stone council ferry river bridge survey record "
    "minutes ledger winter storm boats trade market school road village mill tide coast",
)
TOP = ["Home | News | Opinion | Sport", "Skip to content", "Menu", "By Jane Doe | 12 March 2024",
       "Published 4 April 2023"]
BOTTOM = ["Share this: Facebook | X | Email", "© 2024 The Courier. All rights reserved.",
          "Return to the front page", "Related posts: more from the coast"]
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

sentence = st.lists(st.sampled_from(WORDS), min_size=6, max_size=14).map(
    lambda words: " ".join(words).capitalize() + "."
)


@st.composite
def articles(draw: st.DrawFn) -> tuple[list[list[str]], int, list[str]]:
    """Paragraphs (lists of sentences), the number of notes, and each note's text."""
    paragraphs = draw(st.lists(st.lists(sentence, min_size=2, max_size=5), min_size=1,
                               max_size=8))
    sentences = sum(len(p) for p in paragraphs)
    notes = draw(st.integers(min_value=1, max_value=min(sentences, 30)))
    texts = [draw(sentence) for _ in range(notes)]
    return paragraphs, notes, texts


def _with_markers(paragraphs: list[list[str]], notes: int, marker: str) -> list[str]:
    """Each paragraph as text, the first ``notes`` sentences cited in order."""
    out = []
    number = 0
    for paragraph in paragraphs:
        parts = []
        for text in paragraph:
            if number < notes:
                number += 1
                text += marker.format(n=number, sup=str(number).translate(SUPERSCRIPT))
            parts.append(text)
        out.append(" ".join(parts))
    return out


def _body_words(paragraphs: list[list[str]]) -> set[str]:
    return {w.strip(".").lower() for p in paragraphs for s in p for w in s.split()}


def _check(raw: str, paragraphs: list[list[str]], notes: list[str], labels: list[str]) -> None:
    imported = import_text(raw, source_name="generated.txt")
    with tempfile.TemporaryDirectory() as folder:  # what it writes always checks
        write_pack(imported, Path(folder) / "pack")
        result = load_pack(Path(folder) / "pack")
        assert result.pack is not None and not errors(result.problems), result.problems
    found = imported.article.footnotes
    assert list(found) == labels
    assert [found[label].text for label in labels] == notes
    md_words = {w.lower() for w in re.findall(r"[A-Za-z]+", imported.article_md)}
    assert _body_words(paragraphs) <= md_words
    assert imported.report.paragraphs == len(paragraphs)
    for line in BOTTOM:
        assert line not in imported.article_md


chrome = st.tuples(st.lists(st.sampled_from(TOP), max_size=3, unique=True),
                   st.lists(st.sampled_from(BOTTOM), max_size=3, unique=True))


@settings(max_examples=40, deadline=None)
@given(articles(), chrome, st.sampled_from(["#", "##", "###"]), st.booleans())
def test_markdown_footnotes(article, edges, level, blank_between) -> None:  # type: ignore[no-untyped-def]
    paragraphs, count, notes = article
    body = _with_markers(paragraphs, count, "[^{n}]")
    gap = "\n\n" if blank_between else "\n"
    definitions = gap.join(f"[^{n}]: {text}" for n, text in enumerate(notes, 1))
    top, bottom = edges
    raw = "\n".join(["# The title", *top, ""]) + "\n\n".join(body)
    raw += f"\n\n{level} Notes\n{definitions}\n\n" + "\n".join(bottom) + "\n"
    _check(raw, paragraphs, notes, [f"^{n}" for n in range(1, count + 1)])


@settings(max_examples=40, deadline=None)
@given(articles(), chrome, st.sampled_from(["[{n}] ", "{n}. ", "{n}) ", "{sup} "]),
       st.sampled_from(["Notes", "NOTES", "Endnotes:", "## References", "**Footnotes**"]),
       st.booleans())
def test_numbered_notes(article, edges, head, title, run_on) -> None:  # type: ignore[no-untyped-def]
    paragraphs, count, notes = article
    marker = "{sup}" if head == "{sup} " else "[{n}]"
    body = _with_markers(paragraphs, count, marker)
    entries = [
        head.format(n=n, sup=str(n).translate(SUPERSCRIPT)) + text
        for n, text in enumerate(notes, 1)
    ]
    listing = "\n".join(entries)
    if run_on:  # printed run together, then again one a line
        listing = " ".join(entries) + "\n" + listing
    top, bottom = edges
    raw = "\n\n".join(["The title", *top, *body, title]) + "\n" + listing + "\n"
    raw += "\n".join(bottom) + "\n"
    _check(raw, paragraphs, notes, [str(n) for n in range(1, count + 1)])


@settings(max_examples=40, deadline=None)
@given(articles(), chrome)
def test_one_paragraph_per_line(article, edges) -> None:  # type: ignore[no-untyped-def]
    paragraphs, count, notes = article
    # Long paragraphs, one a line, no blank lines anywhere.
    paragraphs = [p * 3 if len(" ".join(p)) <= 100 else p for p in paragraphs]
    body = _with_markers(paragraphs, count, "[{n}]")
    top, bottom = edges
    listing = "\n".join(f"[{n}] {text}" for n, text in enumerate(notes, 1))
    raw = "\n".join(["The title", *top, *body, "Notes", listing, *bottom]) + "\n"
    _check(raw, paragraphs, notes, [str(n) for n in range(1, count + 1)])


@settings(max_examples=30, deadline=None)
@given(articles())
def test_hard_wrapped_gutenberg(article) -> None:  # type: ignore[no-untyped-def]
    import textwrap

    paragraphs, count, notes = article
    body = _with_markers(paragraphs, count, "[{n}]")
    blocks = [textwrap.fill(text, 70) for text in body]
    listing = "\n\n".join(
        textwrap.fill(f"[Footnote {n}: {text}]", 70) for n, text in enumerate(notes, 1)
    )
    raw = (
        "Title: The Title\r\nAuthor: A. Writer\r\n\r\n*** START OF THE PROJECT GUTENBERG EBOOK "
        "THE TITLE ***\r\n\r\n" + "\r\n\r\n".join(blocks).replace("\n", "\r\n") + "\r\n\r\n"
        + listing + "\r\n\r\n*** END OF THE PROJECT GUTENBERG EBOOK THE TITLE ***\r\nLicence.\r\n"
    ).replace("\r\n", "\n")
    _check(raw, paragraphs, notes, [str(n) for n in range(1, count + 1)])
