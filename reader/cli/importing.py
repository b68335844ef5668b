"""``lateral import``: a raw article into a pack folder, or Web Annotations into the notes."""

from __future__ import annotations

__all__ = ["import_parser", "run_import"]

import argparse
import sys
from pathlib import Path

from reader.cli.common import Parser, load_pack_or_fail, out, print_problems
from reader.problems import ReaderError


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
        help="the raw article file (or, with --notes-for, annotations)",
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
    parser.add_argument("--dry-run", action="store_true",
                        help="print what would be imported (the report and the first "
                        "paragraphs) and write nothing")
    parser.add_argument("--json", action="store_true",
                        help="print the report as JSON, for tools")
    return parser


def run_import(args: argparse.Namespace) -> int:
    """Write a pack skeleton from a raw article (or, with --notes-for, import annotations)."""
    from reader.importer import import_text, write_pack
    from reader.text.article import read_text_file

    if args.notes_for is not None:
        return _run_import_notes(args)
    if args.out is None and not args.dry_run:
        out(sys.stderr, "lateral import: error: --out DIR is required (the pack folder to make)")
        return 2

    try:
        raw = read_text_file(args.raw)
        imported = import_text(
            raw, source_name=args.raw.name, title=args.title, language=args.language
        )
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
        out(sys.stdout, f"Would import {args.raw} (nothing written):")
        for line in imported.report.lines():
            out(sys.stdout, "  " + line)
        out(sys.stdout, "The article would begin:")
        for paragraph in _first_paragraphs(imported.article_md):
            out(sys.stdout, "  " + paragraph)
        return 0
    out(sys.stdout, f"Imported {args.raw} into {args.out}/")
    for line in imported.report.lines():
        out(sys.stdout, "  " + line)
    out(sys.stdout, f"Next: edit {args.out / 'pack.toml'}, then run `lateral check {args.out}`.")
    return 0


def _first_paragraphs(article_md: str, count: int = 3, width: int = 300) -> list[str]:
    """The first ``count`` paragraphs after the title, each on one line, cut at ``width``."""
    blocks = [
        " ".join(b.split())
        for b in article_md.split("\n\n")
        if b.strip() and not b.lstrip().startswith("#")
    ]
    return [b if len(b) <= width else b[: width - 1] + "…" for b in blocks[:count]]


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
