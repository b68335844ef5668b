"""The ``lateral`` command: open the reader, or check, import, export and list packs.

Only the reader imports Textual; ``check``, ``import``, ``export`` and ``list`` stay light.
"""

from __future__ import annotations

__all__ = ["main"]

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reader import __version__
from reader.problems import Problem, ReaderError, format_problem
from reader.text.sanitize import sanitize_for_display

if TYPE_CHECKING:
    from reader.open import Opened

COMMANDS = ("check", "import", "export", "list", "class", "serve", "kit", "install-pack")


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
    parser.add_argument("--quiz", action="store_true",
                        help="predict, then reveal: verdicts stay hidden until you guess")
    parser.add_argument("--library", action="store_true",
                        help="start in the library of packs")
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
    parser.add_argument("--language", default="en", help="language code (default: en)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace article.md and pack.toml if DIR already has them",
    )
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lateral export",
        description="Write a pack out: a Markdown fact-check journal, a self-contained HTML "
        "page, schema.org ClaimReview JSON-LD, W3C Web Annotation JSON-LD, or the student's "
        "notes file to hand in.",
    )
    parser.add_argument(
        "pack",
        type=Path,
        metavar="PATH",
        nargs="?",
        help="a pack folder or pack.toml (default: the bundled article)",
    )
    parser.add_argument(
        "--format",
        "-f",
        required=True,
        choices=["markdown", "html", "claimreview", "annotations", "notes"],
    )
    parser.add_argument(
        "--notes", action="store_true", help="include the student's notes and guesses"
    )
    parser.add_argument("--student", help="the student's name to put on the work")
    parser.add_argument("--reviewer", help="who reviewed the claims (ClaimReview author)")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here instead of to the terminal"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    return parser


def _list_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lateral list",
        description="List the bundled packs and the packs in your packs folder, with your "
        "progress in each.",
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    return parser


def _class_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lateral class",
        description="Merge students' handed-in notes files into one debrief: how the class's "
        "guesses split on each claim, the most-missed claims, and who has not finished.",
    )
    parser.add_argument("pack", type=Path, metavar="PACK", help="the pack the class read")
    parser.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="NOTES_FILE",
        help="students' handed-in notes files (s then h in the reader, or "
        "`lateral export --format notes`)",
    )
    parser.add_argument("--markdown", action="store_true", help="print the report as Markdown")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the Markdown report to FILE"
    )
    return parser


def _serve_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    return parser


def _run_serve(args: argparse.Namespace) -> int:
    from reader.export.plain import render_plain
    from reader.open import open_for_reading
    from reader.resources import default_pack
    from reader.serve import ServeError, build_server, is_loopback, share_address
    from reader.storage import data_dir

    target: Path = args.path if args.path is not None else default_pack()
    try:
        opened = open_for_reading(target)
    except ReaderError as exc:
        _print_problems(exc.problems, sys.stderr)
        return 1
    if not 0 < args.port < 65536:
        _out(sys.stderr, f"lateral serve: error: --port {args.port} is not a port (1-65535)")
        return 2
    sessions = data_dir() / "sessions"
    try:
        server = build_server(args.path.resolve() if args.path is not None else None,
                              opened.pack.meta.title, render_plain(opened.pack), args.host,
                              args.port, sessions)
    except ServeError as exc:
        _out(sys.stderr, f"lateral serve: error: {exc}")
        return 1
    address = share_address(args.host, args.port)
    _out(sys.stdout, f"Serving “{opened.pack.meta.title}”.")
    if is_loopback(args.host):
        _out(sys.stdout, f"Open {address} in a browser on this computer.")
        _out(sys.stdout, "To serve the classroom network, run again with --host 0.0.0.0.")
    else:
        _out(sys.stdout, f"Listening on {args.host}, port {args.port}: anyone on this network "
             "can open the reader.")
        _out(sys.stdout, f"Students open: {address}")
    _out(sys.stdout, f"Each student's notes are kept in {sessions}, one folder per code;")
    _out(sys.stdout, f"work handed in (s, then h) goes to {sessions.parent / 'handed-in'}.")
    _out(sys.stdout, "Press Ctrl+C to stop.")
    sys.stdout.flush()
    try:
        server.serve()
    except OSError as exc:
        _out(sys.stderr, f"lateral serve: error: cannot listen on {args.host}:{args.port}: "
             f"{exc.strerror or exc}")
        return 1
    return 0


def _kit_parser() -> argparse.ArgumentParser:
    from reader.kit import PYTHONS, TARGETS

    parser = _Parser(
        prog="lateral kit",
        description="Make a folder that installs the reader with no internet (from a USB "
        "stick): the reader's wheel, its dependencies' wheels for each platform and Python "
        "version, extra packs, and INSTALL.txt. Needs the package index while it runs.",
    )
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="a new or empty folder")
    parser.add_argument("--platform", action="append", metavar="P",
                        choices=["current", *TARGETS],
                        help="a platform to include (repeat it; default: all of "
                        + ", ".join(TARGETS) + "); `current` is this machine only")
    parser.add_argument("--python", action="append", metavar="X.Y", choices=PYTHONS,
                        help="a Python version to include (repeat it; default: "
                        + ", ".join(PYTHONS) + ")")
    parser.add_argument("--pack", action="append", type=Path, default=[], metavar="PATH",
                        help="an extra pack to put in the kit (checked first)")
    return parser


def _run_kit(args: argparse.Namespace) -> int:
    from reader.kit import PYTHONS, TARGETS, KitError, make_kit

    targets = args.platform or list(TARGETS)
    pythons = args.python or PYTHONS
    _out(sys.stdout, f"Making the kit in {args.out} (this downloads wheels; it takes a while)…")
    sys.stdout.flush()
    try:
        report = make_kit(args.out, targets, pythons, args.pack)
    except KitError as exc:
        _out(sys.stderr, f"lateral kit: error: {exc}")
        return 1
    _out(sys.stdout, f"{len(report.wheels)} wheels; complete for "
         f"{len(report.combinations)} platform and Python combinations.")
    for label in report.without_sentencex:
        _out(sys.stdout, f"  {label}: no sentencex wheel; INSTALL.txt says how to install "
             "without it")
    for label in report.missing:
        _out(sys.stdout, f"  {label}: no wheels could be found")
    _out(sys.stdout, f"Copy {args.out} to a USB stick; {args.out / 'INSTALL.txt'} says what "
         "to run on each computer.")
    return 1 if report.missing and not report.combinations else 0


def _install_pack_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lateral install-pack",
        description="Check a pack (a folder, its pack.toml, or a .zip) and copy it into your "
        "packs folder, where the library and `lateral list` find it.",
    )
    parser.add_argument("source", type=Path, metavar="PATH_OR_ZIP")
    parser.add_argument("--force", action="store_true",
                        help="replace an installed pack of the same name")
    return parser


def _run_install_pack(args: argparse.Namespace) -> int:
    from reader.install import InstallError, install_pack
    from reader.library import packs_folder

    try:
        where, pack = install_pack(args.source, packs_folder(), force=args.force)
    except InstallError as exc:
        _print_problems(exc.problems, sys.stderr)
        _out(sys.stderr, "Not installed; nothing was changed.")
        return 1
    _out(sys.stdout, f"Installed “{pack.meta.title}” ({len(pack.claims)} claims) in {where}.")
    return 0


def _load_for_command(path: Path | None) -> tuple[object, int]:
    """A pack for export/class: (pack, 0), or (None, exit status) after printing problems."""
    from reader.pack.load import load_pack
    from reader.resources import default_pack

    result = load_pack(path if path is not None else default_pack())
    errors = [p for p in result.problems if p.severity == "error"]
    if result.pack is None or errors:
        _print_problems(result.problems, sys.stderr)
        return None, 1
    return result.pack, 0


def _write_output(text: str, output: Path | None, force: bool) -> int:
    if output is None:
        sys.stdout.write(text)
        return 0
    if output.exists() and not force:
        _out(sys.stderr, f"{output}: error: already exists; use --force to replace it")
        return 1
    from reader.storage import atomic_write_bytes

    try:
        atomic_write_bytes(output, text.encode("utf-8"), backup=False)
    except OSError as exc:
        _out(sys.stderr, f"{output}: error: cannot write: {exc.strerror or exc}")
        return 1
    _out(sys.stderr, f"Wrote {output}")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    import json

    from reader.export.common import ExportContext
    from reader.model import Pack
    from reader.notes import NotesStore

    pack, status = _load_for_command(args.pack)
    if not isinstance(pack, Pack):
        return status
    notes = None
    if args.notes or args.format == "notes":
        store = NotesStore.for_pack(pack)
        notes, message = store.load()
        if message:
            _out(sys.stderr, f"warning: {message}")
        if args.student:
            notes.student = args.student
    ctx = ExportContext.build(pack, notes)
    if args.format == "markdown":
        from reader.export.markdown import render_markdown

        text = render_markdown(ctx)
    elif args.format == "html":
        from reader.export.html import render_html

        text = render_html(ctx)
    elif args.format == "claimreview":
        from reader.export.jsonld import claimreview

        text = json.dumps(claimreview(ctx, args.reviewer), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "annotations":
        from reader.export.jsonld import web_annotations

        text = (
            json.dumps(
                web_annotations(ctx, include_student=args.notes), ensure_ascii=False, indent=2
            )
            + "\n"
        )
    else:
        assert notes is not None
        text = notes.to_bytes().decode("utf-8")
    return _write_output(text, args.output, args.force)


def _run_list(args: argparse.Namespace) -> int:
    import json

    from reader.library import library
    from reader.state import load_state

    entries = library(load_state())
    if args.json:
        sys.stdout.write(
            json.dumps(
                [
                    {
                        "folder": str(e.folder),
                        "title": e.title,
                        "claims": e.claims,
                        "bundled": e.bundled,
                        "progress": e.progress,
                        "guesses": e.guesses,
                        "notes": e.notes,
                        "problem": e.problem,
                    }
                    for e in entries
                ],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return 0
    if not entries:
        _out(sys.stdout, "No packs found.")
        return 0
    for entry in entries:
        progress = f"{entry.progress}% read" if entry.progress is not None else "not opened"
        work = f"{entry.guesses} guessed, {entry.notes} notes"
        origin = "bundled" if entry.bundled else "yours"
        _out(sys.stdout, f"{entry.title}")
        _out(
            sys.stdout,
            f"    {entry.claims} claims · {progress} · {work} · {origin} · {entry.folder}",
        )
        if entry.problem:
            _out(sys.stdout, f"    problem: {entry.problem}")
    return 0


def _run_class(args: argparse.Namespace) -> int:
    from reader.classroom import class_report, read_handed_in, report_markdown, students_count
    from reader.model import Pack

    pack, status = _load_for_command(args.pack)
    if not isinstance(pack, Pack):
        return status
    works, problems = read_handed_in(list(args.files))
    report = class_report(pack, works, problems)
    markdown = report_markdown(report, pack)
    if args.output is not None:
        return _write_output(markdown, args.output, force=True)
    if args.markdown:
        sys.stdout.write(markdown)
        return 0
    for problem in report.problems:
        _out(sys.stderr, f"warning: {problem}")
    _out(sys.stdout, f"{report.title}: {students_count(len(report.students))}")
    _out(sys.stdout, "")
    _out(sys.stdout, "Most missed:")
    if not report.most_missed():
        _out(sys.stdout, "  none: every guess agreed with the reviewer")
    for line in report.most_missed():
        _out(
            sys.stdout,
            f"  C{line.number:<4} {line.agreed}/{line.guessed} agreed with "
            f"{line.reviewer}: {' '.join(line.quote.split())[:70]}",
        )
    _out(sys.stdout, "")
    _out(sys.stdout, f"{'claim':<7}{'reviewer':<16}{'agreed':<10}class's guesses")
    for line in report.claims:
        split = ", ".join(
            f"{v} {n}" for v, n in sorted(line.split.items(), key=lambda item: -item[1])
        )
        agreed = f"{line.agreed}/{line.guessed}" if line.guessed else "-"
        _out(
            sys.stdout,
            f"C{line.number:<6}{line.reviewer or '-':<16}{agreed:<10}{split or 'no guesses'}",
        )
    _out(sys.stdout, "")
    if report.unfinished:
        _out(
            sys.stdout,
            "Not finished: "
            + ", ".join(f"{name} ({left} left)" for name, left in report.unfinished),
        )
    else:
        _out(sys.stdout, "Everyone has guessed every claim.")
    return 0


def _run_check(args: argparse.Namespace) -> int:
    import json

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


def _run_import_notes(args: argparse.Namespace) -> int:
    import json

    from reader.export.jsonld import AnnotationImportError, notes_from_annotations
    from reader.model import Pack
    from reader.notes import NotesError, NotesStore

    pack, status = _load_for_command(args.notes_for)
    if not isinstance(pack, Pack):
        return status
    try:
        data = json.loads(args.raw.read_text(encoding="utf-8-sig"))
        imported = notes_from_annotations(data)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AnnotationImportError) as exc:
        _out(sys.stderr, f"{args.raw}: error: cannot read the annotations: {exc}")
        return 1
    store = NotesStore.for_pack(pack)
    notes, message = store.load()
    if message:
        _out(sys.stderr, f"warning: {message}")
    known = {note.id for note in notes.notes}
    added = [note for note in imported if note.id not in known]
    for note in added:
        notes.put_note(note)
    try:
        written = store.save(notes)
    except NotesError as exc:
        _out(sys.stderr, f"error: {exc.message}")
        return 1
    _out(
        sys.stdout,
        f"Added {len(added)} note(s) ({len(imported) - len(added)} already there) to {written}",
    )
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from reader.importer import import_text, write_pack
    from reader.text.article import read_text_file

    if args.notes_for is not None:
        return _run_import_notes(args)
    if args.out is None:
        _out(sys.stderr, "lateral import: error: --out DIR is required (the pack folder to make)")
        return 2

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
            _print_problems(exc.problems, sys.stderr)
            return 1
        if args.plain:
            from reader.export.plain import render_plain

            sys.stdout.write(render_plain(opened.pack))
            errors = [p for p in opened.problems if p.severity == "error"]
            if errors:
                # The article is printed all the same; the problems go where a pipe keeps them
                # apart.
                _print_problems(opened.problems, sys.stderr)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``lateral``; returns the exit status (0 ok, 1 problems found, 2 usage error)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] == "check":
            return _run_check(_check_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "import":
            return _run_import(_import_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "export":
            return _run_export(_export_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "list":
            return _run_list(_list_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "class":
            return _run_class(_class_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "kit":
            return _run_kit(_kit_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "install-pack":
            return _run_install_pack(_install_pack_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "serve":
            return _run_serve(_serve_parser().parse_args(args_list[1:]))
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
