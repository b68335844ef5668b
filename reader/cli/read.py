"""``lateral [PATH]``: open the reader, or print the article with ``--plain``.

The only command that imports Textual. Kept apart from the other commands: how the reader
opens its document is its own concern. Where it can, a loading process opens the document
while this process imports the interface (:mod:`reader.preload`); otherwise it is opened here
(:class:`reader.open.LocalSource`). Either way the reader gets a document source.
"""

from __future__ import annotations

__all__ = ["run_reader_command"]

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import print_problems
from reader.problems import ReaderError, has_errors

if TYPE_CHECKING:
    from reader.open import DocumentSource


def run_reader_command(args: argparse.Namespace) -> int:
    """Open the document (or the library) in the reader, or print it as plain text."""
    from reader.resources import default_pack

    if args.library and args.path is None and not args.plain:
        from reader.ui.app import run_reader

        return run_reader(None, quiz=args.quiz)
    target: Path = args.path if args.path is not None else default_pack()
    if args.plain:
        return _print_plain(target)
    source = _loading_process(target)
    try:
        if source is not None:
            # The document is opened in a second process while this one imports the interface.
            import reader.ui.app  # noqa: F401
        else:
            from reader.open import LocalSource
            from reader.storage import cache_dir

            source = LocalSource(target, cache=cache_dir(), defer_anchoring=True)
        try:
            opened = source.opened()
        except ReaderError as exc:
            print_problems(exc.problems, sys.stderr)
            return 1
        from reader.ui.app import run_reader

        return run_reader(source, opened, quiz=args.quiz)
    finally:
        if source is not None:
            source.finish()


def _loading_process(target: Path) -> DocumentSource | None:
    """A loading process opening ``target``, where one can be used. A mistyped path is not
    handed to one: it is reported at once, without importing the interface."""
    from reader import preload

    return preload.start(target) if target.exists() else None


def _print_plain(target: Path) -> int:
    """The article and its fact checks as linear text; the problems on standard error."""
    from reader.export.plain import render_plain
    from reader.open import open_for_reading

    try:
        opened = open_for_reading(target)
    except ReaderError as exc:
        print_problems(exc.problems, sys.stderr)
        return 1
    sys.stdout.write(render_plain(opened.pack))
    if has_errors(opened.problems):
        # The article is printed all the same; the problems go where a pipe keeps them apart.
        print_problems(opened.problems, sys.stderr)
        return 1
    return 0
