"""A site's furniture around an article saved as text: removed, and its details kept.

At the top of a saved page come the site's name, navigation, a "Source:" line, the headline, a
byline ("By Jane Doe | 12 March 2024") and a dateline ("Published 4 April 2023"); at the bottom,
share lines, "Return to …", related posts, copyright and cookie lines. The headline becomes the
title, the byline the author and the dateline the date; the rest is listed in the report.

Everything here works line by line, so it also finds furniture in a text with no blank lines.
"""

from __future__ import annotations

__all__ = ["Chrome", "is_bottom_chrome", "strip_chrome"]

import re
from dataclasses import dataclass, field

from reader.ingest.dates import parse_date

_SITE_ICON = re.compile(r"(?:site icon|site logo|logo)[ \t:–-]+(.+)", re.IGNORECASE)
_TOP = re.compile(
    r"(?:skip to (?:main )?content|menu|home|search|share|subscribe|advertisement|sign in|"
    r"log in|toggle navigation|open menu|close menu|main menu|breadcrumbs?|jump to "
    r"(?:navigation|search)(?: jump to (?:navigation|search))?|from wikipedia, the free "
    r"encyclopedia|listen to this article|print this (?:page|article)|"
    r"[_*]?(?:see also|not to be confused with|for other uses|this article is about)\b.{0,300}|"
    r"for (?:immediate )?release\b.{0,60}|embargoed until\b.{0,60})\s*",
    re.IGNORECASE,
)
_BOTTOM = re.compile(
    r"(?:source link|exit mobile version|back to top|"
    r"share(?: this(?: article| story| post| page)?| on \w+)?(?::.{0,80})?|"
    r"related(?: posts| articles| stories| content|:)(?:[: ].{0,200})?|tags?:.*|"
    r"categories:.*|filed under:?.*|advertisement|print|comments?(?: \(\d+\))?|"
    r"leave a (?:comment|reply)|read more.{0,80}|continue reading.{0,80}|view original|"
    r"originally published (?:at|on|in).{0,120}|like this:?|loading\.\.\.|"
    r"you may also like.{0,80}|more from .{1,60}|return to .{1,80}|back to .{1,60}|"
    r"©.{0,200}|(?:\(c\)|copyright)\s+(?:©\s*)?(?:\d{4}|by).{0,160}|"
    r"all rights reserved\.?.{0,100}|"
    r"(?:this (?:site|website) uses|we use) cookies.{0,300}|accept(?: all)? cookies.{0,80}|"
    r"cookie (?:policy|settings).{0,80}|privacy policy.{0,120}|terms of (?:use|service).{0,120}|"
    r"follow us(?: on)?.{0,120}|sign up for .{0,120}|subscribe to .{0,120}|"
    r"(?:<center>)?[ \t]*(?:###|-30-|- 30 -|ends)[ \t]*(?:</center>)?|[_*]thanks to\b.{0,400}[_*]|"
    r"(?:facebook|twitter|x|email|whatsapp|linkedin|reddit|print)"
    r"(?:\s*[|·•,]\s*(?:facebook|twitter|x|email|whatsapp|linkedin|reddit|print|pinterest))+)"
    r"\s*",
    re.IGNORECASE,
)
_NAV = re.compile(r"[^|•·]{1,30}(?:\s[|•·]\s[^|•·]{1,30}){2,}")
_SOURCE = re.compile(r">?[ \t]*(?:source|originally published at|url|link)[ \t]*:[ \t]*"
                     r"(https?://\S+)[ \t]*", re.IGNORECASE)
_BYLINE = re.compile(
    r"(?:by|written by|words by|story by|author:)[ \t]+"
    r"(?P<who>[^\d|•·,–—(]{2,80}?(?:,? (?:and|&) [^\d|•·,–—(]{2,60}?)?)"
    r"(?:[ \t]*(?:[|•·,–—-]|\bon\b|\bpublished\b)[ \t]*(?P<rest>.{0,80}))?[ \t]*",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"(?:(?P<word>published|posted|updated|last updated|first published|date)[ \t]*(?:on)?:?"
    r"[ \t]*)?(?P<when>.{4,60}?)[ \t]*",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"#{1,6}[ \t]+\S")
_BODY_STARTS = ("[^", "[Footnote", ">", "* ", "- ", "+ ", "|", "```", "~~~")
_TRAILING_MARKERS = re.compile(r"(?:\[\^?[\w-]{1,12}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3})+\s*$")
_SENTENCE_END = re.compile(r"[.!?:;,…\"”’)\]]\s*$")


@dataclass
class Chrome:
    """What was around the article: the body's span in the text and the details found."""

    start: int  # where the body starts in the text
    end: int  # where it ends
    title: str | None = None
    site: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None
    removed: list[str] = field(default_factory=list)  # each removed line, as it was


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _is_body_line(line: str) -> bool:
    """A line of article prose: long, or a sentence (not a headline, name or menu)."""
    if len(line) > 100:
        return True
    line = _TRAILING_MARKERS.sub("", line)
    return len(line) > 60 and bool(_SENTENCE_END.search(line)) and " " in line


def _byline(line: str, chrome: Chrome) -> bool:
    match = _BYLINE.fullmatch(line)
    if not match:
        return False
    who = match.group("who").strip(" .")
    if len(who.split()) > 8 or who[:1].islower():
        return False
    chrome.author = chrome.author or who
    rest = match.group("rest")
    if rest:
        chrome.date = chrome.date or parse_date(rest)
    return True


def _dateline(line: str, chrome: Chrome) -> bool:
    match = _DATELINE.fullmatch(line)
    if not match:
        return False
    when = parse_date(match.group("when"))
    if when is None:
        return False
    word = (match.group("word") or "").lower()
    if "updated" not in word or chrome.date is None:
        chrome.date = chrome.date or when
    return True


def strip_chrome(text: str, title: str | None) -> Chrome:
    """Find the article's body in ``text`` and the details in the lines around it.

    ``title`` is a title already known (front matter, ``--title``, a Gutenberg header): a
    line that repeats it is not kept."""
    lines = _lines(text)
    chrome = Chrome(0, len(text), title=title)
    first = _top(text, lines, chrome)
    last = _bottom(text, lines, first, chrome)
    chrome.start = lines[first][0] if first < len(lines) else len(text)
    chrome.end = lines[last - 1][1] if last > first else chrome.start
    return chrome


def _top(text: str, lines: list[tuple[int, int]], chrome: Chrome) -> int:
    """The index of the first body line; the lines above it are read for details."""
    candidates: list[int] = []  # short lines that could be the headline
    author_next = False  # a title page: "by" on a line of its own, the name on the next
    for index, (start, end) in enumerate(lines):
        line = text[start:end].strip()
        if not line:
            continue
        if author_next and len(line) < 80 and not _is_body_line(line):
            chrome.author, author_next = chrome.author or line.strip("_*. "), False
            chrome.removed.append(line)
            continue
        if line.casefold().strip("_*:") == "by":
            author_next = True
            chrome.removed.append(line)
            continue
        heading = line.lstrip("#").strip() if _MD_HEADING.match(line) else None
        if heading and chrome.title is None and not candidates:
            chrome.title = heading
            continue
        if chrome.title is not None and _same_title(heading or line, chrome.title):
            continue
        if _chrome_line(line, chrome):
            chrome.removed.append(line)
            continue
        if heading or _is_body_line(line) or line.startswith(_BODY_STARTS):
            break
        if chrome.title is not None or len(candidates) == 3:
            break  # a heading of the article, or a run of them
        candidates.append(index)
    else:
        index = len(lines)
    return _settle_title(text, lines, candidates, chrome, index)


def _same_title(line: str, title: str) -> bool:
    """Whether ``line`` repeats the title (or its first part, or the title is its first part)."""
    line = " ".join(line.strip("_*").casefold().split())
    title = " ".join(title.strip("_*").casefold().split())
    shorter, longer = sorted((line, title), key=len)
    return longer.startswith(shorter) and len(shorter) >= max(12, len(longer) // 2)


def _chrome_line(line: str, chrome: Chrome) -> bool:
    """Whether a short line above the article is furniture; details go into ``chrome``."""
    icon = _SITE_ICON.fullmatch(line)
    if icon:
        chrome.site = icon.group(1).strip()
        return True
    source = _SOURCE.fullmatch(line)
    if source:
        chrome.url = chrome.url or source.group(1)
        return True
    if _TOP.fullmatch(line) or _NAV.fullmatch(line) or _BOTTOM.fullmatch(line):
        return True
    if _byline(line, chrome) or _dateline(line, chrome):
        return True
    return bool(chrome.site and chrome.site.casefold() in line.casefold())


def _settle_title(
    text: str, lines: list[tuple[int, int]], candidates: list[int], chrome: Chrome, first: int
) -> int:
    """Of the short lines above the body, the last is the headline and those before it name
    the site; with more than two, the first is the headline and the rest are headings kept."""
    if not candidates:
        return first
    shown = [text[slice(*lines[i])].strip() for i in candidates]
    if len(candidates) <= 2:
        chrome.title = shown[-1]
        if len(shown) == 2:
            chrome.site = chrome.site or shown[0]
            chrome.removed.append(shown[0])
        return first
    chrome.title = shown[0]
    return candidates[1]


def is_bottom_chrome(line: str, site: str | None = None) -> bool:
    """Whether ``line`` is a site's furniture below an article (a notes list ends there)."""
    line = line.strip()
    if not line or len(line) > 320:
        return False
    return bool(_BOTTOM.fullmatch(line)) or bool(site and line.casefold() == site.casefold())


def _bottom(text: str, lines: list[tuple[int, int]], first: int, chrome: Chrome) -> int:
    """One past the last body line; furniture below it is removed."""
    last = len(lines)
    bottom: list[str] = []
    while last > first:
        line = text[slice(*lines[last - 1])].strip()
        if not line:
            last -= 1
            continue
        if is_bottom_chrome(line, chrome.site) or _NAV.fullmatch(line):
            bottom.insert(0, line)
            last -= 1
            continue
        break
    chrome.removed.extend(bottom)
    return last
