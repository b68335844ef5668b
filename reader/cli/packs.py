"""``lateral check``, ``list`` and ``install-pack``: packs as a teacher sees them."""

from __future__ import annotations

__all__ = [
    "check_parser",
    "install_pack_parser",
    "list_parser",
    "run_check",
    "run_install_pack",
    "run_list",
]

import argparse
import sys
from pathlib import Path

from reader.cli.common import Parser, out, print_problems
from reader.problems import errors
from reader.words import counted


def check_parser() -> argparse.ArgumentParser:
    parser = Parser(
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
    parser.add_argument("--skip-stubs", action="store_true",
                        help="leave claims not reviewed yet (the importer's stubs) out of the "
                        "problems and the count; the summary line says how many there are")
    return parser


def run_check(args: argparse.Namespace) -> int:
    """Load each pack and report its problems; 1 if any pack failed to load or has errors."""
    import json

    from reader.pack.load import load_pack
    from reader.resources import bundled_packs

    targets: list[Path] = list(args.packs) or bundled_packs()
    if not targets:
        out(sys.stderr, "lateral check: no packs given and no bundled packs found")
        return 2
    report: list[dict[str, object]] = []
    failed = False
    for target in targets:
        result = load_pack(target)
        stubs = 0
        if args.skip_stubs:
            stubs = sum(1 for p in result.problems if p.code == "not-reviewed")
            result.problems = [p for p in result.problems if p.code != "not-reviewed"]
        error_count = len(errors(result.problems))
        warning_count = len(result.problems) - error_count
        failed = failed or error_count > 0 or result.pack is None
        if args.json:
            pack = result.pack
            report.append(
                {
                    "pack": str(result.pack_file),
                    "ok": error_count == 0 and pack is not None,
                    "errors": error_count,
                    "warnings": warning_count,
                    "stubs_not_listed": stubs,
                    "claims": len(pack.claims) if pack else 0,
                    "problems": [p.as_dict() for p in result.problems],
                }
            )
            continue
        print_problems(result.problems, sys.stdout)
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
            out(
                sys.stdout,
                f"{result.pack_file}: {detail}; {error_count} error(s), "
                f"{warning_count} warning(s)"
                + (f"; {stubs} claim(s) not reviewed yet, not listed" if stubs else ""),
            )
    if args.json:
        sys.stdout.write(json.dumps({"packs": report}, ensure_ascii=False, indent=2) + "\n")
    return 1 if failed else 0


def list_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="lateral list",
        description="List the bundled packs and the packs in your packs folder, with your "
        "progress in each.",
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    return parser


def run_list(args: argparse.Namespace) -> int:
    """Print the library: every pack found, with the student's progress in it."""
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
                        "recent": e.recent,
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
        out(sys.stdout, "No packs found.")
        return 0
    for entry in entries:
        progress = f"{entry.progress}% read" if entry.progress is not None else "not opened"
        work = f"{entry.guesses} guessed, {counted(entry.notes, 'note')}"
        origin = "bundled" if entry.bundled else ("opened before" if entry.recent else "yours")
        out(sys.stdout, f"{entry.title}")
        out(
            sys.stdout,
            f"    {counted(entry.claims, 'claim')} · {progress} · {work} · {origin} · "
            f"{entry.folder}",
        )
        if entry.problem:
            out(sys.stdout, f"    problem: {entry.problem}")
    return 0


def install_pack_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="lateral install-pack",
        description="Check a pack (a folder, its pack.toml, or a .zip) and copy it into your "
        "packs folder, where the library and `lateral list` find it.",
    )
    parser.add_argument("source", type=Path, metavar="PATH_OR_ZIP")
    parser.add_argument("--force", action="store_true",
                        help="replace an installed pack of the same name")
    return parser


def run_install_pack(args: argparse.Namespace) -> int:
    """Check a pack and copy it into the packs folder; nothing changes if it has errors."""
    from reader.install import InstallError, install_pack
    from reader.library import packs_folder

    try:
        where, pack = install_pack(args.source, packs_folder(), force=args.force)
    except InstallError as exc:
        print_problems(exc.problems, sys.stderr)
        out(sys.stderr, "Not installed; nothing was changed.")
        return 1
    out(sys.stdout,
        f"Installed “{pack.meta.title}” ({counted(len(pack.claims), 'claim')}) in {where}.")
    return 0
