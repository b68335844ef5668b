"""Turn a raw article (a page saved as text) into a pack: ``article.md`` and a ``pack.toml``.

The importer removes a site's navigation lines around the article, keeps everything else as it
was written (typos included), and writes a ``pack.toml`` skeleton: the metadata it can find,
one source card and footnote card per note, and a claim stub for every footnoted sentence and
every sentence with a number, a date, a quotation or an attribution. The skeleton passes
``lateral check`` with warnings only (the warnings are the work left to do).
"""

from __future__ import annotations

__all__ = ["ImportError_", "ImportReport", "ImportedPack", "import_text", "write_pack"]

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from reader.import_report import ImportReport
from reader.model import Article
from reader.pack.anchor import Anchorer
from reader.problems import Problem, ReaderError
from reader.text.article import parse_article
from reader.text.footnotes import URL_RE, parse_layout
from reader.text.front_matter import read_front_matter
from reader.tomlwrite import toml_key, toml_string

_SITE_ICON = re.compile(r"(?:site icon|site logo|logo)[ \t:–-]+(.+)", re.IGNORECASE)
_TOP_BOILERPLATE = re.compile(
    r"(?:skip to (?:main )?content|menu|home|search|share|subscribe|advertisement|sign in|"
    r"log in|toggle navigation|open menu|close menu|main menu|breadcrumbs?)\s*",
    re.IGNORECASE,
)
_BOTTOM_BOILERPLATE = re.compile(
    r"(?:source link|exit mobile version|back to top|share this:?|share|related(?: posts| "
    r"articles| stories)?:?|tags?:.*|categories:.*|advertisement|print|comments?|"
    r"leave a (?:comment|reply)|read more|continue reading|view original|originally "
    r"published (?:at|on).{0,80}|like this:?|loading\.\.\.|you may also like|more from .{1,40})\s*",
    re.IGNORECASE,
)
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


class ImportError_(ReaderError):
    """The raw file could not be imported (missing, not text, or the target exists)."""


@dataclass
class ImportedPack:
    article_md: str
    pack_toml: str
    report: ImportReport
    article: Article


def _blocks(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n[ \t]*\S[^\n]*)*", text):
        if match.group(0).strip():
            spans.append((match.start(), match.end()))
    return spans


def _is_short_line(text: str) -> bool:
    return "\n" not in text.strip() and len(text.strip()) <= 100


def _strip_site_chrome(text: str, title: str | None) -> tuple[str, str, str | None, list[str]]:
    """Return (title, body, site name, removed lines)."""
    blocks = _blocks(text)
    removed: list[str] = []
    site: str | None = None
    found_title: str | None = None
    first_body = 0
    for index, (start, end) in enumerate(blocks):
        line = text[start:end].strip()
        if not _is_short_line(line) or (re.search(r"[.!?:;,]\s*$", line) and len(line) > 60):
            first_body = index
            break
        icon = _SITE_ICON.fullmatch(line)
        if icon:
            site = icon.group(1).strip()
            removed.append(line)
            continue
        if _TOP_BOILERPLATE.fullmatch(line):
            removed.append(line)
            continue
        if site and site.lower() in line.lower() and found_title is not None:
            removed.append(line)
            continue
        if found_title is None and title is None:
            found_title = line.lstrip("#").strip()
            continue
        if title is not None and line.lstrip("#").strip() == title:
            continue
        if site and site.lower() in line.lower():
            removed.append(line)
            continue
        # A short line that is neither chrome nor the title starts the body (a heading).
        first_body = index
        break
    else:
        first_body = len(blocks)
    last_body = len(blocks)
    bottom: list[str] = []
    while last_body > first_body:
        start, end = blocks[last_body - 1]
        line = text[start:end].strip()
        if _is_short_line(line) and (
            _BOTTOM_BOILERPLATE.fullmatch(line) or (site and line.lower() == site.lower())
        ):
            bottom.insert(0, line)
            last_body -= 1
            continue
        break
    removed.extend(bottom)
    body = text[blocks[first_body][0] : blocks[last_body - 1][1]] if last_body > first_body else ""
    final_title = title or found_title or UNTITLED
    return final_title, body, site, removed


UNTITLED = "Untitled article"


def _title_from_name(source_name: str) -> str:
    """A title guessed from the file's name ("History_of_rivers.txt": "History of rivers")."""
    stem = source_name.rsplit("/", 1)[-1].split(".")[0]
    words = " ".join(re.split(r"[_\s-]+", stem)).strip()
    if not words or words.lower() in ("article", "-", "stdin"):
        return ""
    return words[0].upper() + words[1:]


def _slug(sentence: str, taken: set[str], fallback: str) -> str:
    words = [w for w in _SLUG_WORD.findall(sentence.lower()) if w not in _STOP_WORDS]
    base = "-".join(words[:4]) or fallback
    base = base[:48].strip("-") or fallback
    slug = base
    counter = 2
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    taken.add(slug)
    return slug


def _claim_kind(sentence: str) -> str:
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


def _source_title(note_text: str) -> str:
    title = URL_RE.sub("", note_text)
    title = re.sub(r"[\s–—-]+$", "", title).strip()
    title = " ".join(title.split())
    if len(title) > 160:
        title = title[:159].rstrip() + "…"
    return title or "Untitled source"


def import_text(
    raw: str,
    *,
    source_name: str = "article",
    title: str | None = None,
    language: str | None = None,
    today: dt.date | None = None,
) -> ImportedPack:
    """Import canonical ``raw`` text; the result is returned, nothing is written.

    Front matter (YAML or TOML) gives the article's details and is not article text; a title
    or language given here wins over it."""
    front = read_front_matter(raw)
    details = dict(front.fields)
    raw = raw[front.end:]
    title_source = "--title" if title else None
    if title is None and details.get("title"):
        title, title_source = details["title"], f"{front.kind} front matter"
    language = language or details.get("language") or "en"
    found_title, body, site, removed = _strip_site_chrome(raw, title)
    if title_source is None:
        title_source = "the first line" if found_title != UNTITLED else None
    if found_title == UNTITLED and _title_from_name(source_name):
        found_title, title_source = _title_from_name(source_name), "the file name"
    site = details.get("publisher") or site
    heading = found_title.replace("\n", " ")
    article_md = f"# {heading}\n\n{body}\n" if body else f"# {heading}\n"
    article, problems = parse_article(article_md, None, language, shown_path="article.md")
    report = _import_report(article_md, article, problems, heading, site, removed)
    report.title_source = title_source or "none found"
    report.front_matter = front.kind
    if front.problem:
        report.problems.append(Problem("warning", front.problem, source_name,
                                       code="front-matter"))
    stamp = (today or dt.date.today()).isoformat()
    out = _pack_header(source_name, stamp, heading, site, language, details)
    out += _note_cards(article)
    out += _claim_stubs(article, report)
    return ImportedPack(article_md, "\n".join(out) + "\n", report, article)


def _import_report(
    article_md: str,
    article: Article,
    problems: list[Problem],
    heading: str,
    site: str | None,
    removed: list[str],
) -> ImportReport:
    """What the import found; the claim stub counts are filled in as stubs are written."""
    report = ImportReport(title=heading, publisher=site, removed_lines=removed)
    report.paragraphs = article.paragraph_count
    report.sentences = sum(
        1 for s in article.sentences if article.blocks[s.block].kind == "paragraph"
    )
    report.markers = len(article.markers)
    report.definitions = len(article.footnotes)
    report.orphan_markers = [
        p.message.split("[")[1].split("]")[0] for p in problems if p.code == "marker-undefined"
    ]
    report.orphan_notes = [
        p.message.split("[")[1].split("]")[0] for p in problems if p.code == "note-unused"
    ]
    report.problems = problems
    layout = parse_layout(article_md)
    report.split_notes = layout.split_notes
    report.repeated_notes = sum(1 for d in layout.definitions if d.duplicate_of is not None)
    return report


def _pack_header(
    source_name: str,
    stamp: str,
    heading: str,
    site: str | None,
    language: str,
    details: dict[str, str],
) -> list[str]:
    """The opening comments, the format and the ``[article]`` table of the skeleton."""
    return [
        f"# Pack made by `lateral import` from {_comment(source_name)} on {stamp}.",
        "# Next: give each claim a verdict, a summary and accounts from sources,",
        "# write a note on each footnote card, then run `lateral check` on this folder.",
        "# The format is described in docs/pack-format.md.",
        "format = 1",
        "",
        "[article]",
        f"title = {toml_string(heading)}",
        'file = "article.md"',
        f"publisher = {toml_string(site)}" if site else '# publisher = ""',
        f"author = {toml_string(details['author'])}" if "author" in details else '# author = ""',
        f"published = {details['published']}" if "published" in details
        else "# published = 2023-10-05",
        f"url = {toml_string(details['url'])}" if "url" in details else '# url = "https://…"',
        f"language = {toml_string(language)}",
    ]


def _note_cards(article: Article) -> list[str]:
    """A source card and a footnote card for each note in the article's notes list."""
    if not article.footnotes:
        return []
    out = ["", "# One source card per note in the article's notes list."]
    for label, definition in article.footnotes.items():
        out += ["", "[[sources]]"]
        out.append(f"id = {toml_string(_note_source_id(label))}")
        out.append(f"title = {toml_string(_source_title(definition.text))}")
        if definition.urls:
            out.append(f"url = {toml_string(definition.urls[0])}")
        out.append('# publisher = ""')
        out.append(
            '# kind = "news"   # court | intergovernmental | government | '
            "state-media | news | ngo | academic | think-tank | advocacy | opinion | other"
        )
    out += ["", "# The reviewer's card for each of the article's own notes."]
    for label in article.footnotes:
        out += ["", f"[footnotes.{toml_key(label)}]"]
        out.append(f"source = {toml_string(_note_source_id(label))}")
        out.append(
            '# note = "What is the cited item? Does it exist as cited? '
            'Does it support the sentence?"'
        )
    return out


def _claim_stubs(article: Article, report: ImportReport) -> list[str]:
    """A ``[[claims]]`` stub for every footnoted or check-worthy sentence of a paragraph
    (counted in ``report``); a prefix is added where the quote alone is ambiguous."""
    out: list[str] = []
    anchorer = Anchorer(article.text)
    taken: set[str] = set()
    stubs = 0
    for sentence in article.sentences:
        if article.blocks[sentence.block].kind != "paragraph":
            continue
        text = article.text[sentence.start : sentence.end]
        footnoted = bool(sentence.footnotes)
        if not footnoted and not _check_worthy(text):
            continue
        if footnoted:
            report.footnoted_stubs += 1
        else:
            report.other_stubs += 1
        stubs += 1
        claim_id = _slug(_MARKER_TEXT.sub("", text), taken, f"claim-{stubs}")
        out += ["", "[[claims]]", f"id = {toml_string(claim_id)}", f"quote = {toml_string(text)}"]
        if anchorer.anchor(text).status != "exact":
            before = article.text[max(0, sentence.start - 40) : sentence.start]
            out.append(f"prefix = {toml_string(before)}")
        out.append(f"kind = {toml_string(_claim_kind(text))}")
        if footnoted:
            out.append("# cites " + ", ".join(f"[{label}]" for label in sentence.footnotes))
        out.append(
            '# verdict = ""   # supported | needs-context | misleading | disputed | '
            "false | unverifiable | opinion"
        )
        out.append('# summary = ""')
    return out


def _note_source_id(label: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "x"
    return f"note-{cleaned}"


def _comment(text: str) -> str:
    return " ".join(text.split()).replace("\x1b", "")


def write_pack(imported: ImportedPack, out_dir: Path, force: bool = False) -> None:
    """Write ``article.md`` and ``pack.toml`` into ``out_dir`` (refusing to overwrite)."""
    targets = [out_dir / "pack.toml", out_dir / "article.md"]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise ImportError_(
            [
                Problem(
                    "error",
                    f"{existing[0].name} already exists; use --force to replace it",
                    str(existing[0]),
                    code="exists",
                )
            ]
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise ImportError_([Problem("error", "exists and is not a folder", str(out_dir))])
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "article.md").write_text(imported.article_md, encoding="utf-8")
        (out_dir / "pack.toml").write_text(imported.pack_toml, encoding="utf-8")
    except OSError as exc:
        raise ImportError_(
            [Problem("error", f"cannot write the pack: {exc.strerror or exc}", str(out_dir))]
        ) from None
