"""Time `lateral import` on large texts: the 5 MB book the harness builds (Markdown footnotes)
and a real Project Gutenberg book (benchmarks/data, header, licence and notes included).

    python -m benchmarks.importing                   # 5 rounds
    python -m benchmarks.importing --rounds 9 --baseline ../old --timeout 120

Each round runs `python -m reader import DOC --out DIR --force` in a fresh process and times it
to its exit (what a teacher waits for), and times ``import_text`` alone in this process (the
importer's own work, without the interpreter's start-up and the writing). With ``--baseline``,
another checkout's importer runs in the same rounds, each pair back to back, the baseline first
in every other round; a command still running after ``--timeout`` seconds is stopped and
reported as over it. Medians are printed with a JSON line; nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.make_docs import build_book

TOP = Path(__file__).resolve().parent.parent
BOOK = TOP / "benchmarks" / "data" / "anatomy-of-melancholy.txt.gz"


def _inputs(work: Path) -> dict[str, Path]:
    book = build_book(work / "book-5mb", 5 * 1024 * 1024, 5000)
    gutenberg = work / "anatomy-of-melancholy.txt"
    gutenberg.write_bytes(gzip.decompress(BOOK.read_bytes()))
    return {"5 MB book (Markdown footnotes)": book.folder / "article.md",
            "Gutenberg book (3.5 MB)": gutenberg}


def _cli(root: Path, doc: Path, out: Path, timeout: float) -> float:
    """Seconds the command took; infinity when it ran past ``timeout`` and was stopped."""
    env = dict(os.environ, PYTHONPATH=str(root))
    start = time.perf_counter()
    try:
        subprocess.run(
            [sys.executable, "-m", "reader", "import", str(doc), "--out", str(out), "--force"],
            cwd=root, env=env, check=True, stdout=subprocess.DEVNULL, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return float("inf")
    return time.perf_counter() - start


def _in_process(doc: Path) -> float:
    from reader.importer import import_text
    from reader.text.canonical import read_text_file

    raw = read_text_file(doc)
    start = time.perf_counter()
    import_text(raw, source_name=doc.name)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.importing")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout, measured alongside")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="stop a command after this many seconds (reported as 'over')")
    args = parser.parse_args(argv)
    trees = {"current": TOP} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="lateral-import-bench-") as tmp:
        work = Path(tmp)
        docs = _inputs(work)
        for round_ in range(args.rounds):
            order = list(trees.items())
            if round_ % 2:
                order.reverse()
            for name, doc in docs.items():
                for tree, root in order:
                    wall = _cli(root, doc, work / f"out-{tree}", args.timeout)
                    results.setdefault(f"{tree}: {name}, whole command", {}).setdefault(
                        "s", []).append(wall)
                results.setdefault(f"current: {name}, import_text", {}).setdefault(
                    "s", []).append(_in_process(doc))
            print(f"round {round_ + 1} of {args.rounds} done", file=sys.stderr)
    medians = {label: statistics.median(v["s"]) for label, v in results.items()}
    for label, seconds in medians.items():
        shown = f"{seconds:6.2f} s" if seconds != float("inf") else f"over {args.timeout:.0f} s"
        print(f"{label:<70} {shown} (median of {args.rounds})")
    summary = {k: round(v, 3) if v != float("inf") else None for k, v in medians.items()}
    print(json.dumps({"import_seconds": summary, "rounds": args.rounds,
                      "timeout_seconds": args.timeout}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
