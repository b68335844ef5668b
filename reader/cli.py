"""The ``lateral`` command: open the reader, or check, import, export and list packs.

Only the reader imports Textual; ``check``, ``import``, ``export`` and ``list`` stay light.
"""

from __future__ import annotations

__all__ = ["main"]

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from reader import __version__
from reader.problems import Problem, ReaderError, format_problem
from reader.text.sanitize import sanitize_for_display

COMMANDS = ("check", "import")


def _out(stream: TextIO, text: str) -> None:
    """Write untrusted text to a terminal or pipe with control characters made visible."""
    stream.write(sanitize_for_display(text) + "\n")


def _print_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    for problem in problems:
        _out(stream, format_problem(problem))


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors say what to do and exit with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        _out(sys.stderr, f"{self.prog}: error: {message}")
        _out(sys.stderr, f"Run `{self.prog} --help` for the options.")
        raise SystemExit(2)


def _reader_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lateral",
        description=(
            "Read an article beside its fact-check panel. With no PATH, opens the bundled "
            "article. Other commands: " + ", ".join(COMMANDS) + " (run `lateral COMMAND --help`)."
        ),
    )
    parser.add_argument(
        "path", nargs="?", type=Path, help="a pack folder, a pack.toml, or a .txt/.md article"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="print the article and its fact checks as linear text (for screen "
        "readers and pipes) instead of opening the reader",
    )
    parser.add_argument("--version", action="version", version=f"lateral-reader {__version__}")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lateral check",
        description="Check packs: TOML syntax, keys and types, references between sources, "
        "footnotes and claims, and that every claim's quote is found exactly once in the "
        "article. With no PACK, checks the bundled packs.",
    )
    parser.add_argument(
        "packs", nargs="*", type=Path, metavar="PACK", help="a pack folder or its pack.toml"
    )
    parser.add_argument("--json", action="store_true", help="print the problems as JSON")
    parser.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    return parser


def _import_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lateral import",
        description="Turn a raw article (a web page saved as text, Markdown with footnotes, a "
        "Project Gutenberg text) into a pack folder: article.md and a pack.toml skeleton with "
        "footnote cards and claim stubs.",
    )
    parser.add_argument("raw", type=Path, metavar="RAW", help="the raw article file")
    parser.add_argument(
        "--out", "-o", type=Path, required=True, metavar="DIR", help="the pack folder to create"
    )
    parser.add_argument("--title", help="the article's title (found automatically otherwise)")
    parser.add_argument("--language", default="en", help="language code (default: en)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace article.md and pack.toml if DIR already has them",
    )
    return parser


def _run_check(args: argparse.Namespace) -> int:
    from reader.pack.load import load_pack
    from reader.resources import bundled_packs

    targets: list[Path] = list(args.packs) or bundled_packs()
    if not targets:
        _out(sys.stderr, "lateral check: no packs given and no bundled packs found")
        return 2
    report: list[dict[str, object]] = []
    failed = False
    for target in targets:
        result = load_pack(target)
        errors = sum(1 for p in result.problems if p.severity == "error")
        warnings = len(result.problems) - errors
        failed = failed or errors > 0 or result.pack is None
        if args.json:
            pack = result.pack
            report.append(
                {
                    "pack": str(result.pack_file),
                    "ok": errors == 0 and pack is not None,
                    "errors": errors,
                    "warnings": warnings,
                    "claims": len(pack.claims) if pack else 0,
                    "problems": [p.as_dict() for p in result.problems],
                }
            )
            continue
        _print_problems(result.problems, sys.stdout)
        if not args.quiet:
            pack = result.pack
            if pack is not None:
                accounts = sum(len(c.accounts) for c in pack.claims)
                detail = (
                    f"{len(pack.claims)} claims, {accounts} accounts, {len(pack.sources)} "
                    f"sources, {len(pack.footnote_cards)} of {len(pack.article.footnotes)} "
                    "footnotes carded"
                )
            else:
                detail = "not loaded"
            _out(
                sys.stdout,
                f"{result.pack_file}: {detail}; {errors} error(s), {warnings} warning(s)",
            )
    if args.json:
        sys.stdout.write(json.dumps({"packs": report}, ensure_ascii=False, indent=2) + "\n")
    return 1 if failed else 0


def _run_import(args: argparse.Namespace) -> int:
    from reader.importer import import_text, write_pack
    from reader.text.article import read_text_file

    try:
        raw = read_text_file(args.raw)
        imported = import_text(
            raw, source_name=args.raw.name, title=args.title, language=args.language
        )
        write_pack(imported, args.out, force=args.force)
    except ReaderError as exc:
        _print_problems(exc.problems, sys.stderr)
        return 1
    _out(sys.stdout, f"Imported {args.raw} into {args.out}/")
    for line in imported.report.lines():
        _out(sys.stdout, "  " + line)
    _out(sys.stdout, f"Next: edit {args.out / 'pack.toml'}, then run `lateral check {args.out}`.")
    return 0


def _run_reader(args: argparse.Namespace) -> int:
    from reader.open import open_for_reading
    from reader.resources import default_pack

    target: Path = args.path if args.path is not None else default_pack()
    try:
        opened = open_for_reading(target, defer_anchoring=not args.plain)
    except ReaderError as exc:
        _print_problems(exc.problems, sys.stderr)
        return 1
    if args.plain:
        from reader.export.plain import render_plain

        sys.stdout.write(render_plain(opened.pack))
        return 0
    from reader.ui.app import run_reader

    return run_reader(opened)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``lateral``; returns the exit status (0 ok, 1 problems found, 2 usage error)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] == "check":
            return _run_check(_check_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "import":
            return _run_import(_import_parser().parse_args(args_list[1:]))
        return _run_reader(_reader_parser().parse_args(args_list))
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: exit quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
