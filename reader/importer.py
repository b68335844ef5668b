"""Turn a raw article (a page saved as text, Markdown, a Project Gutenberg file) into a pack:
``article.md`` and a ``pack.toml`` skeleton.

:mod:`reader.ingest.prepare` finds the article in the raw text (front matter, site furniture,
licences, notes lists in their many forms); this module writes what was found: the metadata,
one source card and footnote card per note, and a claim stub for every footnoted sentence and
every sentence with a number, a date, a quotation or an attribution. The skeleton passes
``lateral check`` with warnings only (the warnings are the work left to do).
"""

from __future__ import annotations

__all__ = [
    "ImportError_",
    "ImportReport",
    "ImportedPack",
    "import_raw",
    "import_text",
    "write_pack",
]

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from reader.import_report import ImportReport
from reader.ingest.prepare import prepare
from reader.ingest.skeleton import Skeleton
from reader.ingest.source import RawArticle
from reader.ingest.stubs import body_blocks, claim_stubs
from reader.model import Article
from reader.pack.json_schema import SCHEMA_FILE, SCHEMA_LINE, schema_text
from reader.problems import Problem, ReaderError
from reader.text.article import parse_article
from reader.text.footnotes import URL_RE


class ImportError_(ReaderError):
    """The raw file could not be imported (missing, not text, or the target exists)."""


@dataclass
class ImportedPack:
    article_md: str
    pack_toml: str
    report: ImportReport
    article: Article


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
    details: dict[str, str] | None = None,
    layout: str | None = None,
    stubs: str = "all",
) -> ImportedPack:
    """Import canonical ``raw`` text; the result is returned, nothing is written.

    A title or language given here wins over what the text says; ``details`` (what a web page
    says of itself) give way to it. ``layout`` names where the text came from, for the report.
    ``stubs``: which sentences get a claim stub ("all", "footnoted" or "none")."""
    prepared = prepare(raw, source_name=source_name, title=title, given=details, layout=layout)
    details = prepared.details
    language = language or details.get("language") or "en"
    heading = prepared.title
    article_md = f"# {heading}\n\n{prepared.body}\n" if prepared.body else f"# {heading}\n"
    article, problems = parse_article(article_md, None, language, shown_path="article.md")
    report = prepared.report
    report.details = {k: v for k, v in details.items() if k != "title"}
    _count(report, article, problems)
    stamp = (today or dt.date.today()).isoformat()
    skeleton = Skeleton()
    _pack_header(skeleton, source_name, stamp, heading, report.publisher, language, details)
    _note_cards(skeleton, article)
    if stubs != "none":
        claim_stubs(article, report, skeleton, footnoted_only=stubs == "footnoted")
    return ImportedPack(article_md, skeleton.text(), report, article)


def import_raw(raw: RawArticle, *, title: str | None = None,
               language: str | None = None, stubs: str = "all") -> ImportedPack:
    """Import a raw article as :func:`reader.ingest.source.read_raw` read it."""
    return import_text(raw.text, source_name=raw.name, title=title, language=language,
                       details=raw.details, layout=raw.layout, stubs=stubs)


def _count(report: ImportReport, article: Article, problems: list[Problem]) -> None:
    """What the article holds once parsed as the reader will parse it."""
    body = body_blocks(article)
    report.paragraphs = len(body)
    report.sentences = sum(1 for s in article.sentences if s.block in body)
    report.markers = len(article.markers)
    report.definitions = len(article.footnotes)
    report.orphan_markers = [
        p.message.split("[")[1].split("]")[0] for p in problems if p.code == "marker-undefined"
    ]
    report.orphan_notes = [
        p.message.split("[")[1].split("]")[0] for p in problems if p.code == "note-unused"
    ]
    report.problems += problems


def _pack_header(
    skeleton: Skeleton,
    source_name: str,
    stamp: str,
    heading: str,
    site: str | None,
    language: str,
    details: dict[str, str],
) -> None:
    """The opening comments, the format and the ``[article]`` table of the skeleton."""
    skeleton.directive(SCHEMA_LINE)
    for line in (
        f"Pack made by `lateral import` from {_comment(source_name)} on {stamp}.",
        "Next: `lateral author` on this folder writes claims, accounts and notes in the",
        "reader; or give each claim a verdict, a summary and accounts here, write a note",
        "on each footnote card, then run `lateral check` on this folder.",
        "The format is described in docs/pack-format.md; pack.schema.json lets TOML",
        "editors (Taplo, Even Better TOML) complete and check it as you type.",
    ):
        skeleton.comment(line)
    skeleton.raw("format", "1")
    skeleton.blank()
    skeleton.table("article")
    skeleton.string("title", heading)
    skeleton.string("file", "article.md")
    if site:
        skeleton.string("publisher", site)
    else:
        skeleton.comment('publisher = ""')
    if "author" in details:
        skeleton.string("author", details["author"])
    else:
        skeleton.comment('author = ""')
    if "published" in details:
        skeleton.raw("published", details["published"])
    else:
        skeleton.comment("published = 2023-10-05")
    if "url" in details:
        skeleton.string("url", details["url"])
    else:
        skeleton.comment('url = "https://…"')
    skeleton.string("language", language)


def _note_cards(skeleton: Skeleton, article: Article) -> None:
    """A source card and a footnote card for each note in the article's notes list."""
    if not article.footnotes:
        return
    skeleton.blank()
    skeleton.comment("One source card per note in the article's notes list.")
    for label, definition in article.footnotes.items():
        skeleton.blank()
        skeleton.array_table("sources")
        skeleton.string("id", _note_source_id(label))
        skeleton.string("title", _source_title(definition.text))
        if definition.urls:
            skeleton.string("url", definition.urls[0])
        skeleton.comment('publisher = ""')
        skeleton.comment(
            'kind = "news"   # court | intergovernmental | government | '
            "state-media | news | ngo | academic | think-tank | advocacy | opinion | other"
        )
    skeleton.blank()
    skeleton.comment("The reviewer's card for each of the article's own notes.")
    for label in article.footnotes:
        skeleton.blank()
        skeleton.sub_table("footnotes", label)
        skeleton.string("source", _note_source_id(label))
        skeleton.comment(
            'note = "What is the cited item? Does it exist as cited? '
            'Does it support the sentence?"'
        )


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
        (out_dir / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
    except OSError as exc:
        raise ImportError_(
            [Problem("error", f"cannot write the pack: {exc.strerror or exc}", str(out_dir))]
        ) from None
