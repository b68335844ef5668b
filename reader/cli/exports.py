"""``lateral export``: a pack written out as Markdown, HTML, JSON-LD or the notes to hand in."""

from __future__ import annotations

__all__ = ["export_parser", "run_export"]

import argparse
import sys
from pathlib import Path

from reader.cli.common import Parser, load_pack_or_fail, out, write_output


def export_parser() -> argparse.ArgumentParser:
    parser = Parser(
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
    parser.add_argument(
        "--quiz", action="store_true",
        help="a worksheet to print: the verdicts, accounts and notes left out, with room for the "
        "student's verdict and reason (markdown or html; with --notes, only claims not yet "
        "guessed)",
    )
    parser.add_argument("--student", help="the student's name to put on the work")
    parser.add_argument("--reviewer", help="who reviewed the claims (ClaimReview author)")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here instead of to the terminal"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    return parser


def run_export(args: argparse.Namespace) -> int:
    """Render the pack (with the student's notes if asked) in one format, to stdout or a file."""
    import json

    from reader.export.common import ExportContext
    from reader.work import StudentWork

    if args.quiz and args.format not in ("markdown", "html"):
        out(sys.stderr, f"lateral export: error: --quiz makes a worksheet, in markdown or html; "
            f"{args.format} is the reviewer's verdicts themselves")
        return 2
    pack = load_pack_or_fail(args.pack)
    work = None
    if args.notes or args.format == "notes":
        work, message = StudentWork.open(pack)
        if message:
            out(sys.stderr, f"warning: {message}")
        if args.student:
            work = work.named(args.student)
    ctx = ExportContext.build(pack, work, quiz=args.quiz)
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
        assert work is not None
        text = work.to_bytes().decode("utf-8")
    return write_output(text, args.output, args.force)
