"""Claim stubs for an imported article: every footnoted sentence, and every sentence with a
number, a date, a quotation or an attribution.

Each stub's quote is the whole sentence; where the sentence occurs more than once, the fewest
words before it (or after it) that tell the places apart are written as its ``prefix`` (or
``suffix``), so the stub is placed where it was found and the pack always checks.
"""

from __future__ import annotations

__all__ = ["claim_kind", "claim_stubs", "slug"]

import re

from reader.import_report import ImportReport
from reader.ingest.dates import parse_date
from reader.ingest.skeleton import Skeleton
from reader.model import Article
from reader.pack.anchor import Anchorer
from reader.pack.context import unique_context

_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_DATE = re.compile(
    rf"\b(?:{_MONTHS})\b|\b(?:1[5-9]\d\d|20\d\d)s?\b|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b"
)
_NUMBER = re.compile(
    r"\d|\b(?:hundred|thousand|million|billion|trillion|dozens?|percent|per cent|half|"
    r"one[- ]third|one[- ]fifth|one[- ]quarter|two[- ]thirds|majority)\b|%",
    re.IGNORECASE,
)
_QUOTATION = re.compile(r"[“\"][^”\"]{12,}[”\"]")
_ATTRIBUTION = re.compile(
    r"\baccording to\b|\b(?:said|says|stated|reported|announced|claimed|alleged|confirmed|"
    r"declared|denied|insisted|warned)\b",
    re.IGNORECASE,
)
_MARKER_TEXT = re.compile(r"\[(?:\d{1,3}|\^[^\]\s]+)\]")
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "but",
        "by",
        "with",
        "from",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "are",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "they",
        "he",
        "she",
        "we",
        "our",
        "also",
        "thus",
        "however",
    ]
)


def slug(sentence: str, taken: set[str], fallback: str) -> str:
    """An id made of the first words of ``sentence`` that mean something, not in ``taken``
    (and added to it); ``fallback`` when it has no such words."""
    words = [w for w in _SLUG_WORD.findall(sentence.lower()) if w not in _STOP_WORDS]
    base = "-".join(words[:4]) or fallback
    base = base[:48].strip("-") or fallback
    found = base
    counter = 2
    while found in taken:
        found = f"{base}-{counter}"
        counter += 1
    taken.add(found)
    return found


def claim_kind(sentence: str) -> str:
    """The kind of claim ``sentence`` most likely makes (quotation, statistic, event, …)."""
    plain = _MARKER_TEXT.sub("", sentence)
    if _QUOTATION.search(plain):
        return "quotation"
    numbers = _NUMBER.findall(_DATE.sub("", plain))
    if numbers:
        return "statistic"
    if _DATE.search(plain):
        return "event"
    if _ATTRIBUTION.search(plain):
        return "attribution"
    return "characterisation"


def _check_worthy(sentence: str) -> bool:
    plain = _MARKER_TEXT.sub("", sentence)
    return bool(
        _NUMBER.search(plain)
        or _DATE.search(plain)
        or _QUOTATION.search(plain)
        or _ATTRIBUTION.search(plain)
    )


_BACK_MATTER = re.compile(
    r"(?:bibliography|works cited|further reading|sources|see also|external links|"
    r"acknowl?edge?ments?|about the authors?)",
    re.IGNORECASE,
)
_RULE = re.compile(r"(?:-{3,}|\*{3,}|_{3,}|(?:\*[ \t]*){3,}|(?:-[ \t]+){2,}-)")
_ILLUSTRATION = re.compile(r"\[(?:[A-Z][a-z]+ )?illustration\b", re.IGNORECASE)


_PLACE = re.compile(r"[A-Z][\w.' -]{1,40},[ \t]+")


def _is_dateline(text: str) -> bool:
    """A line that only places and dates the text ("Philadelphia, February 14, 1776")."""
    if "\n" in text or len(text) > 80:
        return False
    place = _PLACE.match(text)
    return parse_date(text[place.end() :] if place else text) is not None


def body_blocks(article: Article) -> set[int]:
    """The indexes of the article's body paragraphs: not a horizontal rule, and not under a
    back-matter heading ("Bibliography", "Further reading", …)."""
    body: set[int] = set()
    back = False
    illustration = False  # inside "[Illustration: …]", which may run over blank lines
    for block in article.blocks:
        text = article.text[block.content_start : block.end].strip()
        if illustration or (block.kind == "paragraph" and _ILLUSTRATION.match(text)):
            illustration = not text.endswith("]")
            continue
        if block.kind == "heading":
            back = bool(_BACK_MATTER.fullmatch(text.strip("*_: ")))
        elif (
            block.kind == "paragraph"
            and not back
            and not _RULE.fullmatch(text)
            and not _is_dateline(text)
        ):
            body.add(block.index)
    return body


def claim_stubs(article: Article, report: ImportReport, skeleton: Skeleton, *,
                footnoted_only: bool = False) -> None:
    """A ``[[claims]]`` stub, written into ``skeleton``, for every footnoted or check-worthy
    sentence of a body paragraph (counted in ``report``); with ``footnoted_only``, for
    footnoted sentences alone."""
    anchorer = Anchorer(article.text)
    taken: set[str] = set()
    body = body_blocks(article)
    repeated: list[str] = []  # sentences that no context of reasonable length places
    for sentence in article.sentences:
        if sentence.block not in body:
            continue
        text = article.text[sentence.start : sentence.end]
        footnoted = bool(sentence.footnotes)
        if footnoted_only and not footnoted:
            continue
        if not footnoted and (len(text.split()) < _FEWEST_WORDS or not _check_worthy(text)):
            continue  # "16." or "Sect. 2." is no claim
        context = unique_context(anchorer, article.text, sentence.start, sentence.end)
        if context is None:
            repeated.append(text)
            continue
        if footnoted:
            report.footnoted_stubs += 1
        else:
            report.other_stubs += 1
        stubs = report.footnoted_stubs + report.other_stubs
        claim_id = slug(_MARKER_TEXT.sub("", text), taken, f"claim-{stubs}")
        skeleton.blank()
        skeleton.array_table("claims")
        skeleton.string("id", claim_id)
        skeleton.string("quote", text)
        prefix, suffix = context
        if prefix:
            skeleton.string("prefix", prefix)
        if suffix:
            skeleton.string("suffix", suffix)
        skeleton.string("kind", claim_kind(text))
        for line in _cites(article, sentence.footnotes):
            skeleton.comment(line)
        skeleton.comment(
            'verdict = ""   # supported | needs-context | misleading | disputed | '
            "false | unverifiable | opinion"
        )
        skeleton.comment('summary = ""')
    if repeated:
        example = " ".join(repeated[0].split())[:60]
        report.unsure.append(
            f"{len(repeated)} sentence(s) repeated word for word got no stub "
            f"(the first: “{example}”)"
        )


def _cites(article: Article, labels: tuple[str, ...]) -> list[str]:
    if not labels:
        return []
    lines = ["cites " + ", ".join(f"[{label}]" for label in labels)]
    missing = [label for label in labels if label not in article.footnotes]
    if missing:
        lines.append(
            "the notes list has no "
            + ", ".join(f"[{label}]" for label in missing)
            + ": find what the article cites there"
        )
    return lines


_FEWEST_WORDS = 4  # in a sentence worth a stub when no note marks it
