"""``lateral [PATH]``: open the reader, or print the article with ``--plain``.

The only command that imports Textual. Kept apart from the other commands: how the reader
opens its document is its own concern.
"""

from __future__ import annotations

__all__ = ["run_reader_command"]

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import print_problems
from reader.problems import ReaderError

if TYPE_CHECKING:
    from reader.open import Opened


def run_reader_command(args: argparse.Namespace) -> int:
    """Open the document (or the library) in the reader, or print it as plain text."""
    from reader.resources import default_pack

    if args.library and args.path is None and not args.plain:
        from reader.ui.app import run_reader

        return run_reader(None, quiz=args.quiz)
    target: Path = args.path if args.path is not None else default_pack()
    loading = None
    if not args.plain and target.exists():  # (a mistyped path is reported without waiting)
        from reader import preload

        loading = preload.start(target)
    try:
        if loading is not None:
            # The document is opened in a second process while this one imports the interface.
            import reader.ui.app  # noqa: F401
        try:
            opened = loading.opened() if loading is not None else _open_here(target, args.plain)
        except ReaderError as exc:
            print_problems(exc.problems, sys.stderr)
            return 1
        if args.plain:
            from reader.export.plain import render_plain

            sys.stdout.write(render_plain(opened.pack))
            errors = [p for p in opened.problems if p.severity == "error"]
            if errors:
                # The article is printed all the same; the problems go where a pipe keeps them
                # apart.
                print_problems(opened.problems, sys.stderr)
                return 1
            return 0
        from reader.ui.app import run_reader

        return run_reader(opened, quiz=args.quiz)
    finally:
        if loading is not None:
            loading.finish()


def _open_here(target: Path, plain: bool) -> Opened:
    from reader.open import open_for_reading
    from reader.storage import cache_dir

    return open_for_reading(target, defer_anchoring=not plain, cache=None if plain else cache_dir())
