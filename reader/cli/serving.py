"""``lateral serve``: the reader for a classroom's browsers (:mod:`reader.serve`)."""

from __future__ import annotations

__all__ = ["run_serve", "serve_parser"]

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import Parser, out, print_problems
from reader.problems import ReaderError

if TYPE_CHECKING:
    from reader.model import Pack
    from reader.serve import ClassroomServer, ServeOptions
    from reader.serving.access import ClassAccess

STOPPED = "Stopped. Every reader was closed; notes and places are kept."


def serve_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="lateral serve",
        description="Serve the reader to the browsers of a classroom, with no internet: each "
        "student types a code once and keeps their own notes under it. Needs the serve extra "
        "(pip install 'lateral-reader[serve]').",
    )
    parser.add_argument("path", nargs="?", type=Path, metavar="PATH",
                        help="a pack folder, a pack.toml or an article (default: the bundled "
                        "article)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default 127.0.0.1, this computer only; "
                        "0.0.0.0 for every network it is on)")
    parser.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    parser.add_argument("--quiz", action="store_true",
                        help="every student's verdicts stay hidden until they guess")
    parser.add_argument("--join", metavar="WORD",
                        help="the join word students type (default: a new one each time, "
                        "needed only on an address other than this computer's)")
    parser.add_argument("--roster", type=Path, metavar="FILE",
                        help="a class list, one name a line: prints a code for each name, "
                        "and only those codes are accepted")
    parser.add_argument("--release", metavar="CODE",
                        help="let the next browser use CODE (a student on a new computer), "
                        "then exit")
    parser.add_argument("--max-students", type=int, default=60, metavar="N",
                        help="readers open at once (default 60)")
    parser.add_argument("--idle", type=float, default=30, metavar="MINUTES",
                        help="close a reader after this many minutes with nothing typed "
                        "(default 30; its place and notes are kept)")
    parser.add_argument("--log", action="store_true",
                        help="print a plain log instead of the teacher's view (for scripts; "
                        "also when standard output is not a terminal)")
    parser.add_argument("--per-process", type=int, default=8, metavar="N",
                        help="readers that share one process (default 8: each costs a third "
                        "as much memory; 1: every reader a process of its own)")
    parser.add_argument("--no-warm", dest="warm", action="store_false",
                        help="start each reader as a new process (slower; for comparison)")
    return parser


def _release(code_typed: str, sessions: Path) -> int:
    from reader.serving.access import release, session_code

    code = session_code(code_typed)
    if code is None:
        out(sys.stderr, f"lateral serve: error: {code_typed!r} is not a code (letters, digits "
            "and dashes)")
        return 2
    if release(sessions, code):
        out(sys.stdout, f"Released {code}: the next browser to type it may use it.")
    else:
        out(sys.stdout, f"{code} was not in use; nothing to release.")
    return 0


def _access(args: argparse.Namespace, sessions: Path) -> ClassAccess | None:
    """The class's join word and list, printed for the teacher; None once an error is said."""
    from reader.serve import is_loopback
    from reader.serving.access import ClassAccess, make_join_word, read_roster_names

    join = " ".join(args.join.split()) if args.join else None
    if join is None and not is_loopback(args.host):
        join = make_join_word()
    if args.roster is None:
        return ClassAccess(sessions, join)
    try:
        names = read_roster_names(args.roster)
    except (OSError, UnicodeDecodeError) as exc:
        out(sys.stderr, f"lateral serve: error: {args.roster}: cannot read the class list "
            f"({getattr(exc, 'strerror', None) or exc})")
        return None
    if not names:
        out(sys.stderr, f"lateral serve: error: {args.roster}: the class list has no names "
            "(one name a line)")
        return None
    return ClassAccess.with_roster(sessions, names, join)


def _limits_ok(args: argparse.Namespace) -> bool:
    if not 0 < args.port < 65536:
        out(sys.stderr, f"lateral serve: error: --port {args.port} is not a port (1-65535)")
        return False
    if args.max_students < 1:
        out(sys.stderr, "lateral serve: error: --max-students must be 1 or more")
        return False
    if args.per_process < 1:
        out(sys.stderr, "lateral serve: error: --per-process must be 1 or more")
        return False
    if not args.idle > 0:
        out(sys.stderr, "lateral serve: error: --idle must be a number of minutes above 0")
        return False
    return True


def run_serve(args: argparse.Namespace) -> int:
    """Serve the reader on the classroom network until Ctrl+C."""
    from reader.export.plain import render_plain
    from reader.open import open_for_reading
    from reader.resources import default_pack
    from reader.serve import ServeError, ServeOptions, build_server, share_address
    from reader.storage import data_dir

    sessions = data_dir() / "sessions"
    if args.release is not None:
        return _release(args.release, sessions)
    if not _limits_ok(args):
        return 2
    target: Path = args.path if args.path is not None else default_pack()
    try:
        opened = open_for_reading(target)
    except ReaderError as exc:
        print_problems(exc.problems, sys.stderr)
        return 1
    access = _access(args, sessions)
    if access is None:
        return 1
    options = ServeOptions(
        args.path.resolve() if args.path is not None else None, opened.pack.meta.title,
        render_plain(opened.pack, quiz=args.quiz), args.host, args.port, sessions, access,
        quiz=args.quiz, max_students=args.max_students, idle_minutes=args.idle, warm=args.warm,
        per_process=args.per_process,
        on_event=lambda line: out(sys.stdout, line), pack=opened.pack,
    )
    try:
        server = build_server(options)
    except ServeError as exc:
        out(sys.stderr, f"lateral serve: error: {exc}")
        return 1
    address = share_address(args.host, args.port)
    if not args.log and sys.stdout.isatty() and sys.stdin.isatty():
        return _teachers_view(server, opened.pack, address, args)
    _tell_the_teacher(args, options, access, address, server.handed_in)
    try:
        server.serve()
    except OSError as exc:
        return _cannot_listen(args, exc)
    out(sys.stdout, STOPPED)
    return 0


def _cannot_listen(args: argparse.Namespace, exc: OSError) -> int:
    out(sys.stderr, f"lateral serve: error: cannot listen on {args.host}:{args.port}: "
        f"{exc.strerror or exc}")
    return 1


def _tell_the_teacher(args: argparse.Namespace, options: ServeOptions, access: ClassAccess,
                      address: str, handed_in: Path) -> None:
    from reader.serve import is_loopback

    out(sys.stdout, f"Serving “{options.title}”{' as a quiz' if options.quiz else ''}.")
    if is_loopback(args.host):
        out(sys.stdout, f"Open {address} in a browser on this computer.")
        out(sys.stdout, "To serve the classroom network, run again with --host 0.0.0.0.")
    else:
        out(sys.stdout, f"Listening on {args.host}, port {args.port}: students on this network "
            "open the reader with the join word.")
        out(sys.stdout, f"Students open: {address}")
    if access.join_word is not None:
        out(sys.stdout, f"Join word: {access.join_word}")
    if access.roster:
        out(sys.stdout, "Codes (only these are accepted):")
        for code, name in access.roster.items():
            out(sys.stdout, f"  {name}: {code}")
    out(sys.stdout, f"Each student's notes are kept in {options.sessions}, one folder per code;")
    out(sys.stdout, f"work handed in (s, then h) goes to {handed_in}.")
    out(sys.stdout, f"At most {options.max_students} readers at once; a reader idle for "
        f"{options.idle_minutes:g} minutes is closed. A student on a new computer: "
        "lateral serve --release CODE.")
    out(sys.stdout, "Press Ctrl+C to stop.")
    sys.stdout.flush()


def _teachers_view(server: ClassroomServer, pack: Pack, address: str,
                   args: argparse.Namespace) -> int:
    """The teacher's view in this terminal (see :mod:`reader.ui.teacher`)."""
    from reader.ui.teacher import TeacherApp

    app = TeacherApp(server, pack, address)
    try:
        app.run()
    except OSError as exc:
        return _cannot_listen(args, exc)
    if app.debrief_written:
        out(sys.stdout, "Debrief: " + ", ".join(str(p) for p in app.debrief_written))
    out(sys.stdout, STOPPED)
    return 0
