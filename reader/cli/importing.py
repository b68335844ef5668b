"""``lateral import``: a raw article into a pack folder, or Web Annotations into the notes."""

from __future__ import annotations

__all__ = ["import_parser", "run_import"]

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import Parser, load_pack_or_fail, out, print_problems
from reader.problems import ReaderError

if TYPE_CHECKING:
    from reader.ingest.source import RawArticle
    from reader.model import Article


def import_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="lateral import",
        description="Turn a raw article (a web page saved as text, Markdown with footnotes, a "
        "Project Gutenberg text) into a pack folder: article.md and a pack.toml skeleton with "
        "footnote cards and claim stubs.",
    )
    parser.add_argument(
        "raw",
        type=Path,
        metavar="RAW",
        help="the raw article file: .txt, .md or a saved web page (.html); - reads standard "
        "input (or, with --notes-for, annotations)",
    )
    parser.add_argument("--out", "-o", type=Path, metavar="DIR", help="the pack folder to create")
    parser.add_argument(
        "--notes-for",
        type=Path,
        metavar="PACK",
        help="RAW is a Web Annotation file (from `lateral export --format "
        "annotations --notes`): add its notes to your notes on PACK",
    )
    parser.add_argument("--title", help="the article's title (found automatically otherwise)")
    parser.add_argument("--language", default=None,
                        help="language code (default: from the front matter, or en)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace article.md and pack.toml if DIR already has them",
    )
    parser.add_argument("--stubs", choices=("all", "footnoted", "none"), default="all",
                        help="which sentences get a claim stub: every footnoted or "
                        "check-worthy one (all, the default), only footnoted ones, or none")
    parser.add_argument("--dry-run", action="store_true",
                        help="print what would be imported (the report and the first "
                        "paragraphs) and write nothing")
    parser.add_argument("--json", action="store_true",
                        help="print the report as JSON, for tools")
    return parser


def run_import(args: argparse.Namespace) -> int:
    """Write a pack skeleton from a raw article (or, with --notes-for, import annotations)."""
    from reader.importer import import_raw, write_pack

    if args.notes_for is not None:
        return _run_import_notes(args)
    if args.out is None and not args.dry_run:
        out(sys.stderr, "lateral import: error: --out DIR is required (the pack folder to make)")
        return 2

    try:
        imported = import_raw(_read_raw(args.raw), title=args.title, language=args.language,
                              stubs=args.stubs)
        if not args.dry_run:
            write_pack(imported, args.out, force=args.force)
    except ReaderError as exc:
        print_problems(exc.problems, sys.stderr)
        return 1
    if args.json:
        import json

        sys.stdout.write(json.dumps(imported.report.as_json(), ensure_ascii=False, indent=2)
                         + "\n")
        return 0
    if args.dry_run:
        out(sys.stdout, f"Would import {_shown(args.raw)} (nothing written):")
        for line in imported.report.lines():
            out(sys.stdout, "  " + line)
        out(sys.stdout, "The article would begin:")
        for paragraph in _first_paragraphs(imported.article):
            out(sys.stdout, "  " + paragraph)
        return 0
    out(sys.stdout, f"Imported {_shown(args.raw)} into {args.out}/")
    for line in imported.report.lines():
        out(sys.stdout, "  " + line)
    out(sys.stdout, f"Next: `lateral author {args.out}` writes the fact checks in the reader; "
        f"or edit {args.out / 'pack.toml'}, then run `lateral check {args.out}`.")
    return 0


def _read_raw(path: Path) -> RawArticle:
    """The raw article (``-``: standard input, text or a web page)."""
    from reader.ingest.source import raw_from_bytes, read_raw
    from reader.text.canonical import MAX_ARTICLE_BYTES

    if str(path) == "-":
        data = sys.stdin.buffer.read(4 * MAX_ARTICLE_BYTES + 1)
        return raw_from_bytes(data, "standard input", "stdin")
    return read_raw(path)


def _shown(path: Path) -> str:
    return "standard input" if str(path) == "-" else str(path)


def _first_paragraphs(article: Article, count: int = 3, width: int = 300) -> list[str]:
    """The first ``count`` body paragraphs, each on one line, cut at ``width``."""
    from reader.ingest.stubs import body_blocks

    body = sorted(body_blocks(article))[:count]
    shown = [" ".join(article.text[article.blocks[i].start : article.blocks[i].end].split())
             for i in body]
    return [b if len(b) <= width else b[: width - 1] + "…" for b in shown]


def _run_import_notes(args: argparse.Namespace) -> int:
    """Add the notes in a Web Annotation file to the student's notes on a pack."""
    import json

    from reader.export.jsonld import AnnotationImportError, notes_from_annotations
    from reader.notes import NotesError
    from reader.work import StudentWork

    pack = load_pack_or_fail(args.notes_for)
    try:
        data = json.loads(args.raw.read_text(encoding="utf-8-sig"))
        imported = notes_from_annotations(data)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AnnotationImportError) as exc:
        out(sys.stderr, f"{args.raw}: error: cannot read the annotations: {exc}")
        return 1
    elsewhere: list[Path | None] = []  # a conflict file, if the notes changed meanwhile
    work, message = StudentWork.open(pack, on_change=elsewhere.append)
    if message:
        out(sys.stderr, f"warning: {message}")
    try:
        added = work.add_notes(imported)
    except NotesError as exc:
        out(sys.stderr, f"error: {exc.message}")
        return 1
    written = elsewhere[-1] or work.path
    out(
        sys.stdout,
        f"Added {len(added)} note(s) ({len(imported) - len(added)} already there) to {written}",
    )
    return 0
