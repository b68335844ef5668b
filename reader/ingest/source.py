"""A raw article as the importer takes it: text (``.txt``, ``.md``, standard input) or a saved
web page (``.html``, read by :mod:`reader.ingest.html`), with what the page says about itself."""

from __future__ import annotations

__all__ = ["HTML_SUFFIXES", "RawArticle", "raw_from_bytes", "read_raw"]

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.problems import Problem, ReaderError
from reader.text.canonical import MAX_ARTICLE_BYTES, read_text_file, text_from_bytes

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_LOOKS_HTML = re.compile(rb"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b|head\b)", re.I | re.S)


@dataclass
class RawArticle:
    text: str
    name: str  # the file's name ("stdin" for standard input)
    details: dict[str, str] = field(default_factory=dict)  # from a web page's own metadata
    layout: str | None = None  # "saved web page (trafilatura 2.3.1)"


def read_raw(path: Path) -> RawArticle:
    """Read the raw article at ``path``; a ``.html`` page has its main text extracted."""
    if path.suffix.lower() not in HTML_SUFFIXES:
        return RawArticle(read_text_file(path), path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = "no such file" if isinstance(exc, FileNotFoundError) else exc.strerror or exc
        raise ReaderError([Problem("error", f"cannot read the page: {reason}", str(path),
                                   code="read")]) from None
    return _from_html(data, str(path), path.name)


def raw_from_bytes(data: bytes, shown: str, name: str) -> RawArticle:
    """Standard input: a web page if it starts like one, else text."""
    if _LOOKS_HTML.match(data[:4096]):
        return _from_html(data, shown, name)
    return RawArticle(text_from_bytes(data, shown), name)


def _decode(data: bytes) -> str:
    """A page's text: UTF-8 if it is, else the charset its ``<meta>`` names, else
    Windows-1252 (what browsers assume for an undeclared Western page)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:8192])
    if declared:
        try:
            return data.decode(codecs.lookup(declared.group(1).decode("ascii")).name, "replace")
        except LookupError:
            pass
    return data.decode("cp1252", "replace")


def _from_html(data: bytes, shown: str, name: str) -> RawArticle:
    from reader.ingest.html import html_to_text

    if len(data) > 4 * MAX_ARTICLE_BYTES:
        raise ReaderError([Problem("error", "the page is larger than 32 MB", shown, code="read")])
    try:
        page = html_to_text(_decode(data))
    except ReaderError as exc:
        raise ReaderError(
            [Problem(p.severity, p.message, shown, p.line, p.col, p.code) for p in exc.problems]
        ) from None
    found = {
        "title": page.title,
        "author": page.author,
        "published": page.date,
        "publisher": page.site,
        "url": page.url,
        "language": page.language.split("-")[0].lower() if page.language else None,
    }
    details = {key: value for key, value in found.items() if value}
    return RawArticle(page.text, name, details, f"saved web page ({page.extractor})")
