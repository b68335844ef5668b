"""Extract an article's main text and metadata from a saved web page (``.html``).

The page is untrusted: it is parsed here, from the string given, with a parser that never
touches the network (no DTD, no entity, no URL is ever loaded) and then handed to
`trafilatura <https://trafilatura.readthedocs.io>`_ as a tree, so the library never sees a
string it could take for a URL or a file name. Nothing is fetched: ``url`` only says where the
page came from.

The text comes back as paragraphs separated by one blank line. Footnote markers (a numbered
``<sup>`` that links into the page, or stands right after punctuation) become ``[n]``; the notes
they point to, whether the library kept the page's notes list or it is found by the markers'
link targets, end the text as ``[n] note`` lines under a ``Notes`` line, the form that
:mod:`reader.text.footnotes` reads.

trafilatura is an optional dependency (the ``html`` extra) and is imported on first use only.
"""

from __future__ import annotations

__all__ = ["MAX_HTML_CHARS", "HtmlArticle", "html_to_text"]

import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from reader.problems import Problem, ReaderError

MAX_HTML_CHARS = 30_000_000  # far above any saved article (the largest test page is 1.6 MB)
MAX_NOTE_CHARS = 4000

EXTRA_MESSAGE = "reading .html needs the html extra: pip install 'lateral-reader[html]'"


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


def _error(message: str, code: str) -> ReaderError:
    return ReaderError([Problem("error", message, None, code=code)])


# --- text cleaning -----------------------------------------------------------------------------

# C0 controls but tab and newline, DEL, C1 controls, lone surrogates, and the invisible characters
# that only break words for search: soft hyphen, zero-width space, BOM.
_STRIP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u00ad\u200b\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_RUN = re.compile(r"\s+")


def _clean_source(html: str) -> str:
    """The page without characters no parser or terminal should see (CR kept for the parser)."""
    return _STRIP.sub("", html.replace("\r\n", "\n").replace("\r", "\n"))


def _clean(text: str | None) -> str | None:
    """One metadata value: no control characters, whitespace runs made one space."""
    if not text:
        return None
    text = _RUN.sub(" ", _STRIP.sub("", text)).strip()
    return text or None


# --- footnote markers --------------------------------------------------------------------------

_MARKER_TEXT = re.compile(r"\[?\s*(\d{1,3})\s*\]?")
_NOTE_HINT = re.compile(r"(?:^|[-_:\s])(?:cite|ref|reference|note|noteref|fn|footnote|endnote)", re.I)
_AFTER_PUNCT = (".", ",", ";", ":", "!", "?", '"', "'", "”", "’", ")", "»")
_NOTES_HEADING = re.compile(
    r"(notes?|footnotes?|endnotes?|references?|citations?|notes and references)\s*"
    r"(\[edit(?: source)?\])?\s*:?",
    re.I,
)
_BACKLINK = re.compile(r"^(?:\^|↑|↩︎?|⤴)\s*(?:(?:[a-z]{1,2})\s+(?=\S))*", re.U)
_TRAILING_BACKLINK = re.compile(r"\s*(?:↩︎?|⤴|↑|\^|Back to (?:text|top))\s*$", re.I)


def _fragment(target: str) -> str | None:
    """The in-page id a link points to (``#fn-1``, or the page's own URL with ``#fn-1``)."""
    if "#" not in target:
        return None
    fragment = target.rsplit("#", 1)[1].strip()
    return fragment or None


def _marker(sup: Any) -> tuple[str, str | None] | None:
    """``(number, fragment)`` when a superscript is a footnote marker, else None.

    A number is a marker when it is bracketed (``[3]``), when it links into the page, when the
    element says so in its class or id, or when it stands right after punctuation (``end.3``).
    A bare ``m<sup>2</sup>`` or ``x<sup>n</sup>`` is a superscript, not a marker."""
    text = "".join(sup.itertext()).strip()
    match = _MARKER_TEXT.fullmatch(text)
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
        found = _fragment(target)
        if found:
            fragment = fragment or found
            hinted = True
        names = " ".join(element.get(key, "") for key in ("class", "id", "rend", "role"))
        if _NOTE_HINT.search(names):
            hinted = True
    if not hinted:
        before = _text_before(sup)
        hinted = before.rstrip().endswith(_AFTER_PUNCT) and not before.endswith(" ")
    return (match.group(1), fragment) if hinted else None


def _ref_marker(ref: Any, note_links: set[str]) -> tuple[str, str] | None:
    """A link ``<ref target="#fn-3">3</ref>`` that was a ``<sup>`` link in the page (the library
    sometimes flattens one), glued to the word or stop before it."""
    match = _MARKER_TEXT.fullmatch((ref.text or "").strip())
    fragment = _fragment(ref.get("target") or "")
    if not match or not fragment or fragment not in note_links:
        return None
    before = _text_before(ref)
    if not before or before[-1].isspace():
        return None
    return match.group(1), fragment


def _sup_links(tree: Any) -> set[str]:
    """The in-page ids that footnote markers link to: from inside a ``<sup>``, or from a link
    whose class says it is a note (not the page numbers of a table of contents)."""
    found: set[str] = set()
    for sup in tree.iter("sup"):
        for link in sup.iter("a"):
            fragment = _fragment(link.get("href") or "")
            if fragment:
                found.add(fragment)
    for link in tree.iter("a"):
        fragment = _fragment(link.get("href") or "")
        if not fragment:
            continue
        names = " ".join(link.get(key, "") for key in ("class", "id", "rel", "role"))
        # <a href="#fn1"><sup>1</sup></a>, <a class="footnote-ref">, SPIP's <a class="spip_note">
        if link.find(".//sup") is not None or _NOTE_HINT.search(names):
            found.add(fragment)
    return found


def _text_before(element: Any) -> str:
    previous = element.getprevious()
    if previous is not None:
        return previous.tail or "".join(previous.itertext())[-5:]
    parent = element.getparent()
    return (parent.text or "") if parent is not None else ""


# --- trafilatura's tree to paragraphs ---------------------------------------------------------

_BLOCKS = {"p", "head", "item", "quote", "code", "row", "list", "table", "div", "ab", "body", "doc",
           "main", "cell", "note"}
_SKIP = {"graphic", "fw"}


@dataclass
class _Block:
    kind: str  # heading | paragraph | item | code | row
    text: str
    list_id: int = -1  # the list an item belongs to
    ordered: bool = False


class _Walker:
    """Turn trafilatura's XML (``p``, ``head``, ``list/item``, ``table/row/cell``, ``hi``,
    ``ref``, ``lb``) into blocks, iteratively: a page nested 10,000 deep costs no recursion."""

    def __init__(self, note_links: set[str]) -> None:
        self.note_links = note_links  # in-page ids that a <sup> link of the page points to
        self.blocks: list[_Block] = []
        self.markers: dict[str, str | None] = {}  # number -> the in-page id it links to
        self._parts: list[str] = []
        self._kinds: list[str] = ["paragraph"]  # the block kind of each open block element
        self._lists: list[tuple[int, bool]] = []
        self._list_count = 0

    def _flush(self) -> None:
        raw = "".join(self._parts)
        self._parts.clear()
        kind = self._kinds[-1]
        if kind == "code":
            text = raw.strip("\n")
        else:
            lines = (_SPACES.sub(" ", _RUN.sub(" ", line)).strip() for line in raw.split("\n"))
            text = "\n".join(line for line in lines if line)
        if text.strip():
            list_id, ordered = self._lists[-1] if self._lists else (-1, False)
            if kind != "item":
                list_id = -1
            self.blocks.append(_Block(kind, text, list_id, ordered))

    def run(self, root: Any) -> list[_Block]:
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
                marker = _marker(element)
                if marker:
                    number, fragment = marker
                    self.markers.setdefault(number, fragment)
                    self._parts.append(f"[{number}]")
                    continue
            if tag == "ref" and len(element) == 0 and (marker := _ref_marker(element, self.note_links)):
                number, fragment = marker  # a <sup> the library flattened to its link
                self.markers.setdefault(number, fragment)
                self._parts.append(f"[{number}]")
                continue
            if element.text:
                self._parts.append(element.text)
            if tag == "row":  # a table row is one line, " | " between its cells
                cells = [_RUN.sub(" ", "".join(cell.itertext())).strip() for cell in element]
                self._parts.append(" | ".join(cell for cell in cells if cell))
                continue
            stack.extend((child, True) for child in reversed(element))
        self._flush()
        return self.blocks


_KINDS = {"head": "heading", "item": "item", "code": "code", "row": "row", "list": "paragraph",
          "table": "paragraph"}


# --- notes -------------------------------------------------------------------------------------

_GLUED_MARKER = re.compile(r"(\[\d{1,3}\])(?=[^\W\d_])")
_DOUBLE_BRACKETS = re.compile(r"\[\[(\d{1,3})\]\]")
_LEADING_MARKER = re.compile(r"\[(\d{1,3})\]\s*")


def _split_notes(blocks: list[_Block], markers: dict[str, str | None]) -> tuple[
        list[_Block], dict[str, str]]:
    """Take the page's own notes list out of the body: returns the body and ``{n: note}``.

    Three forms are recognised: a list whose items start with a ``^`` backlink (Wikipedia) or
    end with a ``↩`` one (Markdown blogs), numbered in order, with the heading above it; and
    notes that start with their own marker (``[22]Sometimes…``, as O'Reilly books write them)
    when they end the text."""
    notes: dict[str, str] = {}
    body = list(blocks)
    # 1. Lists of notes with backlinks.
    for list_id in sorted({b.list_id for b in body if b.kind == "item"}):
        items = [i for i, b in enumerate(body) if b.kind == "item" and b.list_id == list_id]
        backlinked = sum(
            body[i].text.startswith(("^", "↑")) or bool(_TRAILING_BACKLINK.search(body[i].text))
            for i in items)
        if not markers or backlinked * 2 <= len(items):
            continue
        for number, index in enumerate(items, start=1):
            note = _TRAILING_BACKLINK.sub("", _BACKLINK.sub("", body[index].text)).strip()
            notes.setdefault(str(number), note)
        drop = set(items)
        first = items[0]
        if first > 0 and body[first - 1].kind == "heading" and _NOTES_HEADING.fullmatch(
                body[first - 1].text):
            drop.add(first - 1)
        body = [b for i, b in enumerate(body) if i not in drop]
    # 2. Trailing blocks that start with a marker used in the text.
    end = len(body)
    while end > 0 and (match := _LEADING_MARKER.match(body[end - 1].text)) and (
            match.group(1) in markers):
        notes.setdefault(match.group(1), body[end - 1].text[match.end():].strip())
        end -= 1
    body = body[:end]
    if end < len(blocks) and body and body[-1].kind == "heading" and _NOTES_HEADING.fullmatch(
            body[-1].text):
        body.pop()
    return body, notes


def _notes_from_targets(tree: Any, markers: dict[str, str | None], have: dict[str, str]
                        ) -> dict[str, str]:
    """Notes the library dropped, found where the markers' links point in the original page."""
    wanted = {number: fragment for number, fragment in markers.items()
              if number not in have and fragment}
    if not wanted:
        return {}
    by_id: dict[str, Any] = {}
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for key in ("id", "name"):
            value = element.get(key)
            if value and value not in by_id:
                by_id[value] = element
    found: dict[str, str] = {}
    for number, fragment in wanted.items():
        target = by_id.get(fragment)
        if target is None:
            continue
        # an empty anchor marks the place: the note is the block around it
        while target is not None and target.tag in ("a", "span", "sup") and len(
                _RUN.sub(" ", "".join(target.itertext())).strip()) < 4:
            target = target.getparent()
        if target is None or target.tag in ("body", "html"):
            continue
        note = _note_text(target)
        note = _BACKLINK.sub("", note)
        note = re.sub(rf"^\[?{number}\]?[.:)]?\s+", "", note)
        note = _TRAILING_BACKLINK.sub("", note).strip()
        if note and len(note) <= MAX_NOTE_CHARS:
            found[number] = note
    return found


def _note_text(element: Any) -> str:
    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(element, True)]
    while stack:
        node, entering = stack.pop()
        if not entering:
            if node.tail and node is not element:
                parts.append(node.tail)
            continue
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "template"):
            if node.tail and node is not element:
                parts.append(node.tail)
            continue
        if node.tag in ("p", "div", "li", "br"):
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        stack.append((node, False))
        stack.extend((child, True) for child in reversed(node))
    return _RUN.sub(" ", _STRIP.sub("", "".join(parts))).strip()


# --- assembling --------------------------------------------------------------------------------


# Accessibility links that some pages (MediaWiki, WordPress themes) leave in the article.
_SKIP_LINKS = re.compile(r"(jump to (navigation|search|content|main content)|skip to "
                         r"(main )?content|skip to navigation)", re.I)
_EDIT_LINK = re.compile(r"\s*\[edit(?: source)?\]$")


def _render(blocks: list[_Block], title: str | None) -> list[str]:
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
            text = _EDIT_LINK.sub("", text)  # MediaWiki's "History[edit]"
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
    return _RUN.sub(" ", a).strip().casefold() == _RUN.sub(" ", b).strip().casefold()


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
    candidates = [doc_language, tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
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
    value = _clean(value)
    if value and re.match(r"https?://[^\s/]+", value, re.I) and not any(c in value for c in "<>\"'` "):
        return value
    return None


def _parse(html: str) -> Any:
    from lxml import etree, html as lxml_html

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
        raise _error(f"the page could not be read as HTML: {exc}", "html-unreadable") from None
    if tree is None or len(tree) == 0:
        raise _error("the page could not be read as HTML: it is empty", "html-unreadable")
    return tree


def html_to_text(html: str, *, url: str | None = None) -> HtmlArticle:
    """The main text and metadata of a saved page; raises ReaderError when there is none.

    Pure: reads nothing but ``html``, writes nothing, fetches nothing (``url`` is only
    recorded, and resolves nothing)."""
    try:
        import trafilatura
        from trafilatura.settings import use_config
    except ImportError:
        raise _error(EXTRA_MESSAGE, "html-extra") from None
    from importlib.metadata import PackageNotFoundError, version

    try:
        extractor = f"trafilatura {version('trafilatura')}"
    except PackageNotFoundError:  # pragma: no cover - a vendored copy
        extractor = "trafilatura"

    if not isinstance(html, str):
        raise TypeError("html_to_text takes the page as str; decode bytes first")
    if len(html) > MAX_HTML_CHARS:
        raise _error(f"the page is too large ({len(html):,} characters; at most "
                     f"{MAX_HTML_CHARS:,})", "html-too-large")
    source = _clean_source(html)
    if not source.strip():
        raise _error("the page is empty", "html-empty")
    if "<" not in source[:100_000]:
        raise _error("the file holds no HTML markup (import a .txt file instead)", "html-unreadable")
    tree = _parse(source)
    page_url = _http_url(url)

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal handlers: callers may be threads
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")
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
            config=config,
        )
    except RecursionError:
        raise _error("the page is nested too deeply to read", "html-unreadable") from None
    except Exception as exc:  # the library's own failure on a hostile page: never a traceback
        raise _error(f"the main text could not be extracted: {type(exc).__name__}: {exc}",
                     "html-unreadable") from None
    if document is None or getattr(document, "body", None) is None:
        raise _error("no main text was found in the page", "html-no-text")

    walker = _Walker(_sup_links(tree))
    try:
        blocks = walker.run(document.body)
    except RecursionError:  # pragma: no cover - the walker is iterative
        raise _error("the page is nested too deeply to read", "html-unreadable") from None
    title = _clean(document.title)
    body, notes = _split_notes(blocks, walker.markers)
    notes.update(_notes_from_targets(tree, walker.markers, notes))
    paragraphs = _render(body, title)
    if not paragraphs:
        raise _error("no main text was found in the page", "html-no-text")
    text = "\n\n".join(paragraphs)
    if walker.markers:  # with links kept, the library drops the space after a linked <sup>
        text = _GLUED_MARKER.sub(r"\1 ", text)
    used = set(re.findall(r"\[(\d{1,3})\]", text))
    kept = {n: note for n, note in notes.items() if note and (n in used or n in walker.markers)}
    if kept:
        lines = [f"[{n}] {_RUN.sub(' ', kept[n])}" for n in sorted(kept, key=int)]
        text += "\n\nNotes\n\n" + "\n".join(lines)
    text = _DOUBLE_BRACKETS.sub(r"[\1]", _STRIP.sub("", text))  # "[<sup>1</sup>]" made "[[1]]"

    return HtmlArticle(
        title=title,
        author=_clean(document.author),
        date=_iso_date(document.date),
        site=_clean(document.sitename),
        url=page_url or _http_url(document.url),
        language=_language(document.language, tree),
        text=text,
        extractor=extractor,
    )
