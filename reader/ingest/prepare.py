"""From a raw article to the text of ``article.md``: each layout's rules applied in turn.

1. front matter (YAML or TOML) gives the details and is cut;
2. a Project Gutenberg header and licence, or a Wikipedia export's trailing sections, are cut;
3. Markdown footnote definitions are read (by a Markdown parser) and cut;
4. the site's furniture above and below the article is cut, its byline and dateline read;
5. a numbered notes list is read, and the body's markers for it written ``[n]``;
6. one-paragraph-per-line text is split into paragraphs, plain-text titles marked as headings;
7. the notes are written back after the body, one per paragraph, under a "Notes" heading.

The body's words are never changed; what was cut is listed in the report.
"""

from __future__ import annotations

__all__ = ["Prepared", "prepare"]

import re
from dataclasses import dataclass

from reader.import_report import ImportReport
from reader.ingest.chrome import strip_chrome
from reader.ingest.layouts import (
    drop_contents,
    drop_images,
    fence_tables,
    gutenberg,
    mark_headings,
    one_paragraph_per_line,
    wikipedia,
)
from reader.ingest.markdown import is_markdown, markdown_body
from reader.ingest.markers import confirm_markers
from reader.ingest.mdnotes import find_markdown_notes
from reader.ingest.notes import Note, NotesList, find_numbered_notes
from reader.problems import Problem
from reader.text.front_matter import read_front_matter

UNTITLED = "Untitled article"
# A list under one of these titles is the article's notes even when the body cites none.
_NOTES_WORDS = re.compile(r"(?:foot|end)?notes?|notes and references|references and notes",
                          re.IGNORECASE)
_TRAILING_RULE = re.compile(r"\n[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*\s*$")


@dataclass
class Prepared:
    title: str
    body: str  # article.md after its "# title" line
    details: dict[str, str]  # author, published, publisher, url, language
    report: ImportReport


def prepare(
    raw: str,
    *,
    source_name: str,
    title: str | None,
    given: dict[str, str] | None = None,
    layout: str | None = None,
) -> Prepared:
    report = ImportReport(title="", publisher=None)
    if layout:
        report.layouts.append(layout)
    front = read_front_matter(raw)
    details = dict(front.fields)
    for key, value in (given or {}).items():
        details.setdefault(key, value)
    text = raw[front.end :]
    report.front_matter = front.kind
    if front.kind:
        report.layouts.append(f"{front.kind} front matter")
    if front.problem:
        report.problems.append(Problem("warning", front.problem, source_name, code="front-matter"))
    title_source = "--title" if title else None
    if title is None and details.get("title"):
        title = details["title"]
        title_source = f"{front.kind} front matter" if "title" in front.fields else "the page"
    markdown = layout is None and is_markdown(source_name, text, front.kind is not None)
    for rules in (gutenberg, wikipedia):
        cut = rules(text)
        if cut.layout is None:
            continue
        text, markdown = cut.text, False
        report.layouts.append(cut.layout)
        report.removed += cut.removed
        for key, value in cut.details.items():
            details.setdefault(key, value)
        if title is None and cut.details.get("title"):
            title, title_source = cut.details["title"], f"the {cut.layout} header"
    notes, text = _markdown_notes(text, report)
    chrome = strip_chrome(text, title)
    body = text[chrome.start : chrome.end]
    report.removed += chrome.removed
    found = {"author": chrome.author, "published": chrome.date, "url": chrome.url,
             "publisher": chrome.site}
    for key, found_value in found.items():
        if found_value:
            details.setdefault(key, found_value)
    if title is None and chrome.title:
        title, title_source = chrome.title, "the first line"
    if notes is None:
        notes, body = _numbered_notes(body, chrome.site, report)
    body = _paragraphs(body, report, markdown)
    title, title_source = _final_title(title, title_source, source_name)
    report.title, report.title_source = title, title_source
    report.publisher = details.get("publisher")
    return Prepared(title, body + _notes_section(notes), details, report)


def _markdown_notes(text: str, report: ImportReport) -> tuple[list[Note] | None, str]:
    found = find_markdown_notes(text)
    if found is None:
        return None, text
    report.layouts.append("Markdown footnotes")
    report.notes_style = "Markdown footnotes ([^1]: …)"
    report.notes_title = found.title
    report.multi_paragraph_notes = found.multi_paragraph
    return found.notes, found.text


def _numbered_notes(
    body: str, site: str | None, report: ImportReport
) -> tuple[list[Note] | None, str]:
    found = find_numbered_notes(body, site)
    if found is None:
        return None, body
    before, after = body[: found.start], body[found.end :]
    scan = confirm_markers(before, [note.label for note in found.notes])
    titled = found.title is not None and _NOTES_WORDS.fullmatch(found.title)
    if not titled and len(scan.cited) * 2 < len(found.notes):
        where = f"under “{found.title}”" if found.title else "at the end"
        report.unsure.append(
            f"a numbered list {where} looks like notes, but the text cites few of them; "
            "it is kept as text"
        )
        return None, body
    _describe(found, report)
    report.marker_forms = {form: n for form, n in scan.found.items() if form != "[n]"}
    return found.notes, scan.text.rstrip() + ("\n\n" + after.strip() if after.strip() else "")


def _describe(found: NotesList, report: ImportReport) -> None:
    names = {"[n]": "[1] …", "n.": "1. …", "^": "^ … (numbered in order)", "¹": "¹ …"}
    report.notes_style = f"numbered list ({names[found.style]})"
    report.notes_title = found.title
    report.split_notes = list(found.joined)
    report.repeated_notes = found.repeated
    if found.run_on:
        report.unsure.append("some notes were run together on one line and were split at "
                             "their numbers: check them")


def _paragraphs(body: str, report: ImportReport, markdown: bool) -> str:
    if markdown:
        report.layouts.append("Markdown")
        body, cut = markdown_body(body)
        report.removed += cut
        return _TRAILING_RULE.sub("", body.strip("\n")).rstrip()
    body, images = drop_images(body)
    report.removed += images
    body, contents = drop_contents(body)
    if contents:
        report.removed.append("the table of contents")
    body, tables = fence_tables(body)
    if tables:
        report.unsure.append(f"{tables} block(s) laid out in columns kept as preformatted text")
    body, split = one_paragraph_per_line(body, always="Wikipedia export" in report.layouts)
    if split:
        report.layouts.append("one paragraph per line")
    body, marked = mark_headings(body)
    report.headings_marked = marked
    return _TRAILING_RULE.sub("", body.strip("\n")).rstrip()


def _final_title(title: str | None, source: str | None, source_name: str) -> tuple[str, str]:
    if title:
        return " ".join(title.split()), source or "the first line"
    named = _title_from_name(source_name)
    if named:
        return named, "the file name"
    return UNTITLED, "none found"


def _title_from_name(source_name: str) -> str:
    """A title guessed from the file's name ("History_of_rivers.txt": "History of rivers")."""
    stem = source_name.rsplit("/", 1)[-1].split(".")[0]
    words = " ".join(re.split(r"[_\s-]+", stem)).strip()
    # "Artificial intelligence - Wikipedia.html", as a browser saves a page
    words = re.sub(r"^(?:wikipedia )|(?: wikipedia)$", "", words, flags=re.IGNORECASE).strip()
    if not words or words.lower() in ("article", "-", "stdin"):
        return ""
    return words[0].upper() + words[1:]


def _notes_section(notes: list[Note] | None) -> str:
    if not notes:
        return ""
    lines = ["", "", "## Notes"]
    for note in notes:
        label = note.label
        head = f"[^{label[1:]}]:" if label.startswith("^") else f"[{label}]"
        lines += ["", f"{head} {note.text}".rstrip()]
    return "\n".join(lines)
