"""Extract an article's main text and metadata from a saved web page (``.html``).

The page is untrusted: it is parsed here, from the string given, with a parser that never
touches the network (no DTD, no entity, no URL is ever loaded) and then handed to
`trafilatura <https://trafilatura.readthedocs.io>`_ as a tree, so the library never sees a
string it could take for a URL or a file name. Nothing is fetched: ``url`` only says where the
page came from.

The text comes back as paragraphs separated by one blank line. Footnote markers (a numbered
``<sup>`` that links into the page, or stands right after punctuation) become ``[n]``; the notes
they point to, whether the library kept the page's notes list or it is found by the markers'
link targets, end the text as ``[n] note`` lines under a ``Notes`` line, the form the importer
reads.

trafilatura is an optional dependency (the ``html`` extra) and is imported on first use only.
"""

from __future__ import annotations

__all__ = ["MAX_HTML_CHARS", "HtmlArticle", "html_to_text"]

import copy
import datetime as dt
import importlib
import re
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from reader.ingest.html.clean import EXTRA_MESSAGE, RUN, STRIP, clean, clean_source, error
from reader.ingest.html.markers import sup_links
from reader.ingest.html.notes import (
    DOUBLE_BRACKETS,
    GLUED_MARKER,
    notes_from_targets,
    split_notes,
)
from reader.ingest.html.walker import Block, Walker

MAX_HTML_CHARS = 30_000_000  # far above any saved article (the largest test page is 1.6 MB)


@dataclass(frozen=True)
class HtmlArticle:
    title: str | None
    author: str | None
    date: str | None  # ISO 8601 (YYYY-MM-DD), or None
    site: str | None
    url: str | None
    language: str | None  # BCP 47 tag as the page gives it ("en", "de-CH"), or None
    text: str
    extractor: str  # library name and version, e.g. "trafilatura 2.3.1"




# Accessibility links that some pages (MediaWiki, WordPress themes) leave in the article.
_SKIP_LINKS = re.compile(
    r"(jump to (navigation|search|content|main content)|skip to "
    r"(main )?content|skip to navigation)",
    re.I,
)
# MediaWiki's "History[edit]"; the permalink signs that blog themes put after a heading.
_EDIT_LINK = re.compile(r"(?:\s*\[edit(?: source)?\]|\s+[#¶§])$")


def _render(blocks: list[Block], title: str | None) -> list[str]:
    if blocks and blocks[0].kind == "heading" and title and _same(blocks[0].text, title):
        blocks = blocks[1:]  # the page's <h1> is the title, given apart
    out: list[str] = []
    numbers: dict[int, int] = {}
    previous = ""
    for block in blocks:
        text = block.text
        if _SKIP_LINKS.fullmatch(text):
            continue
        if block.kind == "heading":
            text = _EDIT_LINK.sub("", text)
        if block.kind == "item":
            if block.ordered:
                numbers[block.list_id] = numbers.get(block.list_id, 0) + 1
                text = f"{numbers[block.list_id]}. {text}"
            else:
                text = f"- {text}"
        if block.kind == "row" and previous == "row":
            out[-1] += "\n" + text  # the rows of a table are the lines of one block
        else:
            out.append(text)
        previous = block.kind
    return out


def _same(a: str, b: str) -> bool:
    return RUN.sub(" ", a).strip().casefold() == RUN.sub(" ", b).strip().casefold()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def _iso_date(value: str | None) -> str | None:
    if not value or not _ISO_DATE.fullmatch(value.strip()):
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def _language(doc_language: str | None, tree: Any) -> str | None:
    candidates = [
        doc_language,
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
    ]
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for candidate in candidates:
        candidate = (candidate or "").strip().split(",")[0].strip()
        if candidate and _LANGUAGE.fullmatch(candidate):
            return candidate.replace("_", "-")
    return None


def _http_url(value: str | None) -> str | None:
    value = clean(value)
    if (
        value
        and re.match(r"https?://[^\s/]+", value, re.I)
        and not any(c in value for c in "<>\"'` ")
    ):
        return value
    return None


def _parse(html: str) -> Any:
    lxml_html = importlib.import_module("lxml.html")
    etree = importlib.import_module("lxml.etree")
    parser = lxml_html.HTMLParser(
        encoding="utf-8",  # the page is already text: a <meta charset> must not re-decode it
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        default_doctype=False,
        huge_tree=False,
    )
    data = html.encode("utf-8")
    try:
        tree = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise error(f"the page could not be read as HTML: {exc}", "html-unreadable") from None
    if tree is None or len(tree) == 0:
        raise error("the page could not be read as HTML: it is empty", "html-unreadable")
    return tree


_TITLE_PARTS = re.compile(r"\s+(?:»|«|\||–|—|::|·|-)\s+|\s*&raquo;\s*")


def _title_and_site(
    title: str | None, site: str | None, tree: Any
) -> tuple[str | None, str | None]:
    """The article's title and the site's name. A page's ``<title>`` often joins the two
    ("Global Voices Online » Iran: To Vote or not to Vote"); where the library took the site's
    half for the title, the longest other half is the article's title."""
    element = tree.find(".//title")
    whole = clean("".join(element.itertext())) if element is not None else None
    if not whole or not title:
        return title, site
    parts = [part for part in _TITLE_PARTS.split(whole) if part.strip()]
    if len(parts) < 2 or title not in parts:
        return title, site
    longest = max(parts, key=len)
    if longest != title and (site is None or title == site or len(title) < len(longest) / 2):
        return longest, site or title
    return title, site


def _checked(html: str) -> str:
    """The page, cleaned, or an error saying why it cannot be read."""
    if not isinstance(html, str):
        raise TypeError("html_to_text takes the page as str; decode bytes first")
    if len(html) > MAX_HTML_CHARS:
        raise error(
            f"the page is too large ({len(html):,} characters; at most {MAX_HTML_CHARS:,})",
            "html-too-large",
        )
    source = clean_source(html)
    if not source.strip():
        raise error("the page is empty", "html-empty")
    if "<" not in source[:100_000]:
        raise error(
            "the file holds no HTML markup (import a .txt file instead)", "html-unreadable"
        )
    return source


def _extract(trafilatura: Any, tree: Any, page_url: str | None) -> Any:
    """trafilatura's reading of the page: its main text as a tree, and its metadata."""
    try:
        document = trafilatura.bare_extraction(
            copy.deepcopy(tree),  # it edits the tree; the original serves note look-ups
            url=page_url,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_formatting=True,  # keeps <sup> as <hi rend="#sup">
            include_links=True,  # keeps a marker's link target (#fn-1) to find its note
            with_metadata=True,
            deduplicate=False,
        )
    except RecursionError:
        raise error("the page is nested too deeply to read", "html-unreadable") from None
    except Exception as exc:  # the library's own failure on a hostile page: never a traceback
        raise error(
            f"the main text could not be extracted: {type(exc).__name__}: {exc}", "html-unreadable"
        ) from None
    if document is None or getattr(document, "body", None) is None:
        raise error("no main text was found in the page", "html-no-text")
    return document


def html_to_text(html: str, *, url: str | None = None) -> HtmlArticle:
    """The main text and metadata of a saved page; raises ReaderError when there is none.

    Pure: reads nothing but ``html``, writes nothing, fetches nothing (``url`` is only
    recorded, and resolves nothing)."""
    # Imported by name: no import cost until a page is read, and no stubs needed for mypy.
    try:
        trafilatura = importlib.import_module("trafilatura")
        importlib.import_module("lxml.html")
    except ImportError:
        raise error(EXTRA_MESSAGE, "html-extra") from None
    try:
        extractor = f"trafilatura {metadata.version('trafilatura')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - a vendored copy
        extractor = "trafilatura"

    source = _checked(html)
    tree = _parse(source)
    page_url = _http_url(url)

    document = _extract(trafilatura, tree, page_url)

    walker = Walker(sup_links(tree))
    try:
        blocks = walker.run(document.body)
    except RecursionError:  # pragma: no cover - the walker is iterative
        raise error("the page is nested too deeply to read", "html-unreadable") from None
    title, site = _title_and_site(clean(document.title), clean(document.sitename), tree)
    body, notes = split_notes(blocks, walker.markers)
    # Where a marker links to its note, the page says which note it is: that wins over the
    # order of a list the library kept.
    found = notes_from_targets(tree, walker.markers)
    notes = found | {n: note for n, note in notes.items() if n not in found}
    paragraphs = _render(body, title)
    if not paragraphs:
        raise error("no main text was found in the page", "html-no-text")
    text = "\n\n".join(paragraphs)
    if walker.markers:  # with links kept, the library drops the space after a linked <sup>
        text = GLUED_MARKER.sub(r"\1 ", text)
    used = set(re.findall(r"\[(\d{1,3})\]", text))
    kept = {n: note for n, note in notes.items() if note and (n in used or n in walker.markers)}
    if kept:
        lines = [f"[{n}] {RUN.sub(' ', kept[n])}" for n in sorted(kept, key=int)]
        text += "\n\nNotes\n\n" + "\n".join(lines)
    text = DOUBLE_BRACKETS.sub(r"[\1]", STRIP.sub("", text))  # "[<sup>1</sup>]" made "[[1]]"

    return HtmlArticle(
        title=title,
        author=clean(document.author),
        date=_iso_date(document.date),
        site=site,
        url=page_url or _http_url(document.url),
        language=_language(document.language, tree),
        text=text,
        extractor=extractor,
    )
