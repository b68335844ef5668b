"""``lateral [PATH]``: open the reader, or print the article with ``--plain``.

The only command that imports Textual. Kept apart from the other commands: how the reader
opens its document is its own concern. Where it can, a loading process opens the document
while this process imports the interface (:mod:`reader.preload`); otherwise it is opened here
(:class:`reader.open.LocalSource`). Either way the reader gets a document source.
"""

from __future__ import annotations

__all__ = ["can_show_full_screen", "run_reader_command"]

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import print_problems
from reader.problems import ReaderError, has_errors

if TYPE_CHECKING:
    from reader.open import DocumentSource, Opened


def run_reader_command(args: argparse.Namespace) -> int:
    """Open the document (or the library) in the reader, or print it as plain text."""
    from reader.resources import default_pack

    if args.library and args.path is None and not args.plain:
        if not can_show_full_screen():
            from reader.cli.packs import run_list

            return run_list(argparse.Namespace(json=False))
        from reader.ui.app import run_reader

        return run_reader(None, quiz=args.quiz)
    from reader.cli.common import pack_path

    target: Path = pack_path(args.path) if args.path is not None else default_pack()
    if args.interactive:
        return _line_by_line(target, quiz=args.quiz)
    if args.plain or not can_show_full_screen():
        return _print_plain(target, notes=args.notes, quiz=args.quiz)
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


def can_show_full_screen() -> bool:
    """Whether the full-screen reader can run here: standard output is a terminal that can
    move its cursor. Piped, redirected or on ``TERM=dumb`` (Emacs shells, some screen-reader
    set-ups), the reader prints its plain text instead of escape codes nobody can read. Under
    ``lateral serve`` the browser is the terminal (Textual's driver is named in the
    environment), whatever standard output is."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM", "") != "dumb"


def _loading_process(target: Path) -> DocumentSource | None:
    """A loading process opening ``target``, where one can be used. A mistyped path is not
    handed to one: it is reported at once, without importing the interface."""
    from reader import preload

    return preload.start(target) if target.exists() else None


def _open_here(target: Path) -> Opened | None:
    """``target`` opened in this process, or None once its problems are printed."""
    from reader.open import open_for_reading

    try:
        return open_for_reading(target)
    except ReaderError as exc:
        print_problems(exc.problems, sys.stderr)
        return None


def _line_by_line(target: Path, *, quiz: bool) -> int:
    """The reader one line at a time, commands from standard input (:mod:`reader.interactive`)."""
    from reader.interactive import run_interactive

    opened = _open_here(target)
    if opened is None:
        return 1
    if has_errors(opened.problems):
        print_problems(opened.problems, sys.stderr)
    return run_interactive(opened.pack, sys.stdin, sys.stdout, quiz=quiz)


def _print_plain(target: Path, *, notes: bool = False, quiz: bool = False) -> int:
    """The article and its fact checks as linear text; the problems on standard error.
    ``notes``: with the student's notes and guesses; ``quiz``: verdicts not yet guessed
    hidden (the guesses are read from the student's work either way)."""
    from reader.export.plain import render_plain

    opened = _open_here(target)
    if opened is None:
        return 1
    guesses, my_notes = None, None
    if notes or quiz:
        from reader.work import StudentWork

        work, message = StudentWork.open(opened.pack)
        if message:
            sys.stderr.write(f"warning: {message}\n")
        guesses = dict(work.guesses)
        my_notes = list(work.notes) if notes else None
    sys.stdout.write(render_plain(opened.pack, guesses=guesses, notes=my_notes, quiz=quiz))
    if has_errors(opened.problems):
        # The article is printed all the same; the problems go where a pipe keeps them apart.
        print_problems(opened.problems, sys.stderr)
        return 1
    return 0
