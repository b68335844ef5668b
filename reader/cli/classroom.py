"""The teacher's commands: ``lateral class`` (a debrief) and ``kit`` (``serve`` is in
:mod:`reader.cli.serving`)."""

from __future__ import annotations

__all__ = ["class_parser", "kit_parser", "run_class", "run_kit"]

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import Parser, load_pack_or_fail, out, write_output

if TYPE_CHECKING:
    from reader.classroom import ClassReport, HandedIn
    from reader.model import Pack


def class_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="lateral class",
        description="Merge students' handed-in notes files into one debrief: how the class's "
        "guesses split on each claim, their reasons, the most-missed claims, and who has not "
        "finished.",
    )
    parser.add_argument(
        "pack",
        type=Path,
        metavar="PACK",
        help="the pack the class read: its folder, or its name as `lateral list` shows it. "
        "May be left out: the notes files name their pack",
    )
    parser.add_argument(
        "files",
        type=Path,
        nargs="*",
        metavar="NOTES",
        help="students' handed-in notes files, or folders of them (s then h in the reader, "
        "or `lateral export --format notes`)",
    )
    parser.add_argument("--markdown", action="store_true", help="print the report as Markdown")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the Markdown report to FILE"
    )
    parser.add_argument("--names", action="store_true",
                        help="put students' names to their reasons (left off by default, for "
                        "showing to the class)")
    parser.add_argument("--all", action="store_true",
                        help="list every claim, those nobody guessed too")
    return parser


def run_class(args: argparse.Namespace) -> int:
    """Print (or write as Markdown) how the class guessed on each claim of a pack."""
    from reader.classroom import class_report, read_handed_in, report_markdown

    pack_arg, files = _pack_and_files(args.pack, list(args.files))
    works, problems = read_handed_in(files)
    if pack_arg is None:
        pack_arg = _pack_named_by(works)
        if pack_arg is None:
            for problem in problems:
                out(sys.stderr, f"warning: {problem}")
            out(sys.stderr, "error: name the pack the class read (its folder, or its name as "
                "`lateral list` shows it): the notes files name no installed pack")
            return 1
    pack = load_pack_or_fail(pack_arg)
    report = class_report(pack, works, problems)
    for problem in report.problems:
        out(sys.stderr, f"warning: {problem}")
    if not report.students:
        out(sys.stderr, f"error: no handed-in work on “{pack.meta.title}” was read: give the "
            "students' notes files, or the folder they are in")
        return 1
    markdown = report_markdown(report, pack, names=args.names, every_claim=args.all)
    status = 1 if report.problems else 0
    if args.output is not None:
        return write_output(markdown, args.output, force=True) or status
    if args.markdown:
        sys.stdout.write(markdown)
    else:
        _print_report(report, pack, every_claim=args.all)
        _print_reasons(report, pack, names=args.names)
    return status


def _print_reasons(report: ClassReport, pack: Pack, *, names: bool) -> None:
    """The students' one-line reasons, claim by claim (names only with --names)."""
    from reader.classroom import short_quote, verdict_words

    lines = [line for line in report.claims if line.reasons]
    if not lines:
        return
    out(sys.stdout, "")
    out(sys.stdout, "Reasons given:")
    for line in lines:
        out(sys.stdout, f"  C{line.number}: “{short_quote(line.quote, 70)}”")
        for reason in line.reasons:
            who = f"{reason.student}, " if names else ""
            out(sys.stdout, f"    ({who}{verdict_words(pack, reason.verdict)}, "
                f"{reason.confidence} confidence) {reason.reason}")


def _pack_and_files(pack: Path, files: list[Path]) -> tuple[Path | None, list[Path]]:
    """The pack named (None: to be read from the notes files) and the notes files."""
    from reader.cli.common import pack_path

    found = pack_path(pack)
    is_pack = (found.is_dir() and (found / "pack.toml").is_file()) or found.name == "pack.toml"
    if is_pack or not found.exists():
        return found, files
    return None, [pack, *files]  # the first "pack" is a notes file or a folder of them


def _pack_named_by(works: list[HandedIn]) -> Path | None:
    from reader.library import find_pack

    titles = {each.work.pack_title for each in works if each.work.pack_title}
    for title in sorted(titles):
        found = find_pack(title)
        if found is not None:
            return found
    return None


def _print_report(report: ClassReport, pack: Pack, *, every_claim: bool) -> None:
    from reader.classroom import short_quote, students_count, verdict_words

    out(sys.stdout, f"{report.title}: {students_count(len(report.students))}")
    out(sys.stdout, "")
    out(sys.stdout, "Most missed:")
    if not report.most_missed():
        out(sys.stdout, "  none: every guess agreed with the reviewer")
    for line in report.most_missed():
        out(sys.stdout, f"  C{line.number:<4} {line.agreed}/{line.guessed} agreed with "
            f"{verdict_words(pack, line.reviewer)}: “{short_quote(line.quote, 70)}”")
    out(sys.stdout, "")
    shown = [line for line in report.claims if line.guessed or every_claim]
    out(sys.stdout, f"{'claim':<7}{'reviewer':<16}{'agreed':<10}class's guesses")
    for line in shown:
        split = ", ".join(f"{verdict_words(pack, v)} {n}"
                          for v, n in sorted(line.split.items(), key=lambda item: -item[1]))
        agreed = f"{line.agreed}/{line.guessed}" if line.guessed else "-"
        reviewer = verdict_words(pack, line.reviewer) if line.reviewer else "-"
        out(sys.stdout, f"C{line.number:<6}{reviewer:<16}{agreed:<10}{split or 'no guesses'}")
    hidden = len(report.claims) - len(shown)
    if hidden:
        out(sys.stdout, f"({hidden} claims nobody guessed are left out; --all lists them)")
    out(sys.stdout, "")
    if report.unfinished:
        out(sys.stdout, "Not finished: "
            + ", ".join(f"{name} ({left} left)" for name, left in report.unfinished))
    else:
        out(sys.stdout, "Everyone has guessed every claim.")


def kit_parser() -> argparse.ArgumentParser:
    from reader.kit import PYTHONS, TARGETS

    parser = Parser(
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


def run_kit(args: argparse.Namespace) -> int:
    """Download the wheels and write the offline install kit."""
    from reader.kit import PYTHONS, TARGETS, KitError, make_kit

    targets = args.platform or list(TARGETS)
    pythons = args.python or PYTHONS
    out(sys.stdout, f"Making the kit in {args.out} (this downloads wheels; it takes a while)…")
    sys.stdout.flush()
    try:
        report = make_kit(args.out, targets, pythons, args.pack)
    except KitError as exc:
        out(sys.stderr, f"lateral kit: error: {exc}")
        return 1
    out(sys.stdout, f"{len(report.wheels)} wheels; complete for "
        f"{len(report.combinations)} platform and Python combinations.")
    for label in report.without_sentencex:
        out(sys.stdout, f"  {label}: no sentencex wheel; INSTALL.txt says how to install "
            "without it")
    for label in report.missing:
        out(sys.stdout, f"  {label}: no wheels could be found")
    out(sys.stdout, f"Copy {args.out} to a USB stick; {args.out / 'INSTALL.txt'} says what "
        "to run on each computer.")
    return 1 if report.missing and not report.combinations else 0
