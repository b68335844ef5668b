"""The ``lateral`` command: open the reader, or check, import, export and list packs.

``main`` looks the first word up in ``COMMANDS``; any other first word (or none) is the
reader's. A command's module is imported only when that command runs, so ``--version`` and
``--help`` stay instant, and only the reader imports Textual.
"""

from __future__ import annotations

__all__ = ["COMMANDS", "Command", "main"]

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from reader import __version__
from reader.cli.common import CommandFailed, Parser

ParserBuilder = Callable[[], argparse.ArgumentParser]
Runner = Callable[[argparse.Namespace], int]


class Command(NamedTuple):
    """Where a command lives: its module, and the names there of its parser builder and runner.

    Named rather than referenced so that a command's imports are paid for only when it runs.
    """

    module: str
    parser: str
    runner: str

    def load(self) -> tuple[ParserBuilder, Runner]:
        """Import the command's module; its parser builder and its runner."""
        import importlib

        module = importlib.import_module(self.module)
        build_parser: ParserBuilder = getattr(module, self.parser)
        run: Runner = getattr(module, self.runner)
        return build_parser, run


# In the order `lateral --help` lists them.
COMMANDS: dict[str, Command] = {
    "check": Command("reader.cli.packs", "check_parser", "run_check"),
    "import": Command("reader.cli.importing", "import_parser", "run_import"),
    "author": Command("reader.cli.authoring", "author_parser", "run_author"),
    "export": Command("reader.cli.exports", "export_parser", "run_export"),
    "list": Command("reader.cli.packs", "list_parser", "run_list"),
    "class": Command("reader.cli.classroom", "class_parser", "run_class"),
    "serve": Command("reader.cli.serving", "serve_parser", "run_serve"),
    "kit": Command("reader.cli.classroom", "kit_parser", "run_kit"),
    "install-pack": Command("reader.cli.packs", "install_pack_parser", "run_install_pack"),
    "schema": Command("reader.cli.authoring", "schema_parser", "run_schema"),
}


def _reader_parser() -> argparse.ArgumentParser:
    """``lateral`` itself: the reader's options, ``--version``, and the list of commands."""
    parser = Parser(
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
    parser.add_argument("--interactive", "-i", action="store_true",
                        help="with --plain: read and work line by line, for screen readers and "
                        "braille displays (type help once it starts)")
    parser.add_argument("--notes", action="store_true",
                        help="with --plain: include your own notes and guesses")
    parser.add_argument("--quiz", action="store_true",
                        help="predict, then reveal: verdicts stay hidden until you guess")
    parser.add_argument("--library", action="store_true",
                        help="start in the library of packs")
    parser.add_argument("--version", action="version", version=f"lateral-reader {__version__}")
    return parser


def _run(args_list: list[str]) -> int:
    """Parse the arguments for the command named by the first word (or the reader) and run it."""
    command = COMMANDS.get(args_list[0]) if args_list else None
    if command is not None:
        build_parser, run = command.load()
        return run(build_parser().parse_args(args_list[1:]))
    args = _reader_parser().parse_args(args_list)
    from reader.cli.read import run_reader_command

    return run_reader_command(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``lateral``; returns the exit status (0 ok, 1 problems found, 2 usage error)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args_list)
    except CommandFailed as failed:  # the command has already said why
        return failed.status
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: exit quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
