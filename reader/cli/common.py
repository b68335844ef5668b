"""What every ``lateral`` command shares: safe output, its argument parser, loading a pack.

Kept light (no pack loading or export code at import time) so that each command pays only
for what it uses.
"""

from __future__ import annotations

__all__ = [
    "CommandFailed",
    "Parser",
    "load_pack_or_fail",
    "out",
    "pack_path",
    "print_problems",
    "write_output",
]

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reader.problems import Problem, format_problem, has_errors
from reader.text.sanitize import sanitize_for_display

if TYPE_CHECKING:
    from reader.model import Pack


class CommandFailed(Exception):
    """A command stopped after telling the user why; ``main`` exits with ``status``."""

    def __init__(self, status: int) -> None:
        super().__init__(f"exit status {status}")
        self.status = status


def out(stream: TextIO, text: str) -> None:
    """Write untrusted text to a terminal or pipe with control characters made visible."""
    stream.write(sanitize_for_display(text) + "\n")


def print_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    """Write each problem as ``file:line:col: severity: message``, one a line."""
    for problem in problems:
        out(stream, format_problem(problem))


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors say what to do and exit with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        out(sys.stderr, f"{self.prog}: error: {message}")
        out(sys.stderr, f"Run `{self.prog} --help` for the options.")
        raise SystemExit(2)


def pack_path(path: Path) -> Path:
    """``path`` itself if it exists; else the installed or bundled pack with that name, as
    ``lateral list`` shows it (a teacher who installed with pip knows the name, not the
    folder); else ``path`` (for the loader to report as missing)."""
    if path.exists() or len(path.parts) != 1:
        return path
    from reader.library import find_pack

    return find_pack(str(path)) or path


def load_pack_or_fail(path: Path | None) -> Pack:
    """The pack at ``path``, or named ``path`` (the bundled article if None), for a command
    that needs one.

    A pack that cannot be loaded, or has errors, is no use to the command: its problems are
    printed and ``CommandFailed(1)`` is raised.
    """
    from reader.pack.load import load_pack
    from reader.resources import default_pack

    result = load_pack(pack_path(path) if path is not None else default_pack())
    if result.pack is None or has_errors(result.problems):
        print_problems(result.problems, sys.stderr)
        raise CommandFailed(1)
    return result.pack


def write_output(text: str, output: Path | None, force: bool) -> int:
    """Write ``text`` to ``output`` (atomically), or to stdout if None; the exit status."""
    if output is None:
        sys.stdout.write(text)
        return 0
    if output.exists() and not force:
        out(sys.stderr, f"{output}: error: already exists; use --force to replace it")
        return 1
    from reader.storage import atomic_write_bytes

    try:
        atomic_write_bytes(output, text.encode("utf-8"), backup=False, shared=True)
    except OSError as exc:
        out(sys.stderr, f"{output}: error: cannot write: {exc.strerror or exc}")
        return 1
    out(sys.stderr, f"Wrote {output}")
    return 0
