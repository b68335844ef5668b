"""``lateral author PATH``: open a pack in the reader with author mode on, importing a raw
article first (as ``lateral import`` would) into a folder named after it; and ``lateral
schema``, the JSON Schema of ``pack.toml`` for TOML editors."""

from __future__ import annotations

__all__ = ["author_parser", "run_author", "run_schema", "schema_parser"]

import argparse
import sys
from pathlib import Path

from reader.cli.common import Parser, out, print_problems
from reader.problems import ReaderError

_RAW_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".text")


def author_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="lateral author",
        description="Write a pack in the reader, without writing TOML: author mode's keys "
        "add claims, accounts, source cards and notes, each checked and saved at once (press "
        "? in the reader for the keys). PATH is a pack, or a raw article (.txt, .md, .html) "
        "to import first. A bundled pack, or one you cannot write, is copied first.",
    )
    parser.add_argument("path", type=Path, nargs="?", metavar="PATH",
                        help="a pack folder or pack.toml, or a raw article to import "
                        "(default: the bundled article, which is copied before it is changed)")
    parser.add_argument("--out", "-o", type=Path, metavar="DIR",
                        help="for a raw article: the pack folder to make (default: a folder "
                        "named after the file, beside it)")
    parser.add_argument("--title", help="for a raw article: its title (found otherwise)")
    return parser


def _is_raw(path: Path) -> bool:
    return path.is_file() and path.name != "pack.toml" and path.suffix.lower() in _RAW_SUFFIXES


def _imported(raw: Path, folder: Path, title: str | None) -> bool:
    """Import ``raw`` into ``folder`` (or use the pack already there); whether it worked."""
    from reader.importer import import_raw, write_pack
    from reader.ingest.source import read_raw

    if (folder / "pack.toml").is_file():
        out(sys.stdout, f"{folder} already holds a pack: opening it (nothing imported).")
        return True
    try:
        imported = import_raw(read_raw(raw), title=title)
        write_pack(imported, folder)
    except ReaderError as exc:
        print_problems(exc.problems, sys.stderr)
        return False
    out(sys.stdout, f"Imported {raw} into {folder}/")
    for line in imported.report.lines():
        out(sys.stdout, "  " + line)
    return True


def run_author(args: argparse.Namespace) -> int:
    from reader.cli.common import pack_path
    from reader.cli.read import can_show_full_screen
    from reader.resources import default_pack
    from reader.ui.app import served

    if served():
        out(sys.stderr, "lateral author: error: packs cannot be written in a served reader")
        return 2
    if not can_show_full_screen():
        out(sys.stderr, "lateral author: error: author mode needs a terminal (standard output "
            "is not one); edit pack.toml and run `lateral check` instead")
        return 2
    target = args.path if args.path is not None else default_pack()
    if _is_raw(target):
        folder = args.out if args.out is not None else target.with_suffix("")
        if folder == target:
            folder = target.with_name(target.name + "-pack")
        if not _imported(target, folder, args.title):
            return 1
        target = folder
    else:
        target = pack_path(target)
    from reader.open import LocalSource, open_for_reading

    try:
        opened = open_for_reading(target)
    except ReaderError as exc:
        print_problems(exc.problems, sys.stderr)
        return 1
    if opened.pack.path is None or opened.pack.path.name != "pack.toml":
        out(sys.stderr, f"lateral author: error: {target} is not a pack; give a pack folder, "
            "or a .txt, .md or .html article to import")
        return 2
    from reader.ui.app import run_reader

    return run_reader(LocalSource(target), opened, author=True)


def schema_parser() -> argparse.ArgumentParser:
    return Parser(
        prog="lateral schema",
        description="Print the JSON Schema of pack.toml, for TOML editors that check and "
        "complete as you type (Taplo, Even Better TOML). `lateral import` writes it beside "
        "each pack it makes, as pack.schema.json, named on the skeleton's first line.",
    )


def run_schema(args: argparse.Namespace) -> int:
    from reader.pack.json_schema import schema_text

    sys.stdout.write(schema_text())
    return 0
