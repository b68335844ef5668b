"""The benchmark harness: ``python -m benchmarks`` (``--quick`` for a one-minute run).

It builds its own inputs (the bundled article, and 1 MB and 5 MB books made from it with
claims spread through), then measures, interleaving configurations round by round so that
drift on a noisy machine hits all of them alike:

* process start to first screen (article and panel painted) in a real pseudo-terminal and
  headless, beside the floor ``python -c "import textual.app"`` measured in the same rounds;
  in the pseudo-terminal both reopening a document (its checked pack kept from an earlier
  run, as for a student coming back to it) and opening it for the first time (no pack kept);
* key press to a frame showing the moved cursor with the panel updated, for ``j``, ``]`` and
  ``G``, at each size (median, p99, CPU per key), and the 5 MB / 20 KB ratios;
* peak RSS at each size;
* ``lateral check`` on the 5 MB book with 5,000 claims;
* the 1 MB book opened in Textual's ``MarkdownViewer`` (the widget frogmouth uses), as the
  anchor ratio.

It prints one table and then one JSON line with every figure. Timings are reported, never
asserted: compare ratios measured in the same run, and see README.md for the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.make_docs import Doc, build_all
from benchmarks.ptyrun import run_floor, run_in_pty

PY = sys.executable
MARKERS = [b"theoretical", b"FOOTNOTES"]
TARGETS = {
    "startup_article_vs_floor": 1.3,
    "startup_article_vs_floor_first_open": 1.3,
    "startup_5MB_s": 1.5,
    "startup_5MB_first_open_s": 1.5,
    "key_p99_ms": 16.0,
    "key_ratio_5MB_20KB": 1.2,
    "rss_5MB_mb": 150.0,
    "check_5MB_s": 2.0,
}


def median(values: list[float]) -> float | None:
    clean = [v for v in values if v is not None and v == v]
    return statistics.median(clean) if clean else None


def p99(values: list[float]) -> float | None:
    clean = sorted(v for v in values if v == v)
    if not clean:
        return None
    return clean[min(len(clean) - 1, max(0, round(0.99 * len(clean)) - 1))]


def headless(mode: str, doc: Path, extra: list[str], env: dict[str, str]) -> Any:
    child_env = dict(env, BENCH_T0=repr(time.monotonic()))
    out = subprocess.run(
        [PY, "-m", "benchmarks.headless", mode, str(doc), *extra],
        capture_output=True,
        text=True,
        env=child_env,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import textual

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "textual": textual.__version__,
        "platform": platform.platform(),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    # Byte-code compiled, as a `pip install` leaves it (PYTHONDONTWRITEBYTECODE may be set).
    top = Path(__file__).resolve().parent.parent
    subprocess.run(
        [PY, "-m", "compileall", "-q", str(top / "reader"), str(top / "benchmarks")],
        check=False,
        capture_output=True,
    )
    work = Path(tempfile.mkdtemp(prefix="lateral-bench-"))
    env = dict(os.environ, LATERAL_DATA_DIR=str(work / "data"))
    env.pop("NO_COLOR", None)
    sizes = {"1MB": (1_000_000, 1_000), "5MB": (5_000_000, 5_000)}
    docs: dict[str, Doc] = build_all(work / "docs", sizes)
    results: dict[str, Any] = {
        "machine": machine(),
        "rounds": args.rounds,
        "presses": args.presses,
        "docs": {k: {"bytes": d.size, "claims": d.claims} for k, d in docs.items()},
    }

    def log(text: str) -> None:
        if args.verbose:
            print(text, file=sys.stderr, flush=True)

    # -- startup: pty and headless, interleaved round by round ------------------------------
    floor: list[float] = []
    pty_first: dict[str, list[float]] = {k: [] for k in docs}
    pty_fresh: dict[str, list[float]] = {k: [] for k in docs}
    pty_rss: dict[str, list[float]] = {k: [] for k in docs}
    head_first: dict[str, list[float]] = {k: [] for k in docs}
    ratios_article: list[float] = []
    ratios_fresh: list[float] = []
    for doc in docs.values():  # open each once, so that the reopening runs find it kept
        # A book is kept once its claims are placed, in the background: stay until then.
        run_in_pty([PY, "-m", "reader", str(doc.folder)], MARKERS, env=env, linger=5.0)
    for round_number in range(args.rounds):
        wall, _ = run_floor([PY, "-c", "import textual.app"])
        floor.append(wall)
        for name, doc in docs.items():
            result = run_in_pty([PY, "-m", "reader", str(doc.folder)], MARKERS, env=env)
            if result.first_screen is not None:
                pty_first[name].append(result.first_screen)
            pty_rss[name].append(result.peak_rss_mb)
            fresh_env = dict(env, LATERAL_DATA_DIR=tempfile.mkdtemp(dir=work))
            fresh = run_in_pty([PY, "-m", "reader", str(doc.folder)], MARKERS, env=fresh_env)
            if fresh.first_screen is not None:
                pty_fresh[name].append(fresh.first_screen)
            pty_rss[name].append(fresh.peak_rss_mb)
            timing = headless("startup", doc.folder, [], env)
            if timing["first_screen"] is not None:
                head_first[name].append(timing["first_screen"])
            log(
                f"round {round_number + 1} {name}: pty {result.first_screen} "
                f"(first open {fresh.first_screen}) headless {timing['first_screen']}"
            )
        if pty_first["20KB"]:
            ratios_article.append(pty_first["20KB"][-1] / wall)
        if pty_fresh["20KB"]:
            ratios_fresh.append(pty_fresh["20KB"][-1] / wall)
    results["startup"] = {
        "floor_import_textual_s": median(floor),
        "pty_first_screen_s": {k: median(v) for k, v in pty_first.items()},
        "pty_first_open_s": {k: median(v) for k, v in pty_fresh.items()},
        "article_vs_floor_ratio_first_open": median(ratios_fresh),
        "headless_first_screen_s": {k: median(v) for k, v in head_first.items()},
        "article_vs_floor_ratio": median(ratios_article),
        "peak_rss_mb": {k: max(v) if v else None for k, v in pty_rss.items()},
    }

    # -- keys --------------------------------------------------------------------------------
    keys: dict[str, Any] = {}
    for name, doc in docs.items():
        measured = headless("keys", doc.folder, ["--presses", str(args.presses)], env)
        keys[name] = {
            key: {
                "median_ms": 1000 * (median(v["latencies"]) or 0),
                "p99_ms": 1000 * (p99(v["latencies"]) or 0),
                "cpu_per_key_ms": 1000 * v["cpu_per_key"],
            }
            for key, v in measured.items()
        }
        log(f"keys {name}: {keys[name]}")
    ratio = {
        key: {
            "median": keys["5MB"][key]["median_ms"] / keys["20KB"][key]["median_ms"],
            "cpu": keys["5MB"][key]["cpu_per_key_ms"] / keys["20KB"][key]["cpu_per_key_ms"],
        }
        for key in keys["20KB"]
    }
    results["keys"] = keys
    results["keys_ratio_5MB_20KB"] = ratio

    # -- check -------------------------------------------------------------------------------
    check_times = []
    for _ in range(args.rounds):
        start = time.monotonic()
        subprocess.run(
            [PY, "-m", "reader", "check", "--quiet", str(docs["5MB"].folder)],
            capture_output=True,
            env=env,
            check=False,
        )
        check_times.append(time.monotonic() - start)
    results["check_5MB_s"] = median(check_times)

    # -- the anchor: MarkdownViewer on the 1 MB book ----------------------------------------
    md_first: list[float] = []
    ours_first: list[float] = []
    md_rss: list[float] = []
    for _ in range(args.anchor_rounds):
        md = run_in_pty(
            [PY, "-m", "benchmarks.markdown_viewer", str(docs["1MB"].folder / "article.md")],
            [b"theoretical"],
            env=env,
            timeout=600,
        )
        ours = run_in_pty([PY, "-m", "reader", str(docs["1MB"].folder)], MARKERS, env=env)
        if md.first_screen is not None and ours.first_screen is not None:
            md_first.append(md.first_screen)
            ours_first.append(ours.first_screen)
        md_rss.append(md.peak_rss_mb)
        log(f"anchor: markdown viewer {md.first_screen} ours {ours.first_screen}")
    results["anchor_markdown_viewer_1MB"] = {
        "first_screen_s": median(md_first),
        "ours_first_screen_s": median(ours_first),
        "ratio": (median(md_first) or 0) / (median(ours_first) or 1),
        "peak_rss_mb": max(md_rss) if md_rss else None,
    }
    results["targets"] = verdicts(results)
    return results


def verdicts(results: dict[str, Any]) -> dict[str, Any]:
    startup = results["startup"]
    keys = results["keys"]
    worst_p99 = max(v["p99_ms"] for size in keys.values() for v in size.values())
    worst_ratio = max(r["median"] for r in results["keys_ratio_5MB_20KB"].values())
    measured = {
        "startup_article_vs_floor": startup["article_vs_floor_ratio"],
        "startup_article_vs_floor_first_open": startup["article_vs_floor_ratio_first_open"],
        "startup_5MB_s": startup["pty_first_screen_s"]["5MB"],
        "startup_5MB_first_open_s": startup["pty_first_open_s"]["5MB"],
        "key_p99_ms": worst_p99,
        "key_ratio_5MB_20KB": worst_ratio,
        "rss_5MB_mb": startup["peak_rss_mb"]["5MB"],
        "check_5MB_s": results["check_5MB_s"],
    }
    return {
        name: {
            "target": TARGETS[name],
            "measured": value,
            "met": value is not None and value <= TARGETS[name],
        }
        for name, value in measured.items()
    }


def table(results: dict[str, Any]) -> str:
    def f(value: float | None, unit: str = "", digits: int = 2) -> str:
        return "—" if value is None else f"{value:.{digits}f}{unit}"

    startup = results["startup"]
    lines = [
        "lateral-reader benchmarks — "
        + ", ".join(f"{k}: {v}" for k, v in results["machine"].items()),
        f"rounds: {results['rounds']}, presses per key: {results['presses']}",
        "",
        f"{'':34}{'20KB':>10}{'1MB':>10}{'5MB':>10}",
    ]
    for label, values in [
        ("first screen, pty, reopened (s)", startup["pty_first_screen_s"]),
        ("first screen, pty, first open (s)", startup["pty_first_open_s"]),
        ("first screen, headless (s)", startup["headless_first_screen_s"]),
        ("peak RSS (MB)", startup["peak_rss_mb"]),
    ]:
        lines.append(
            f"{label:34}" + "".join(f"{f(values.get(k)):>10}" for k in ("20KB", "1MB", "5MB"))
        )
    for key in results["keys"]["20KB"]:
        for metric, label in (
            ("median_ms", "median"),
            ("p99_ms", "p99"),
            ("cpu_per_key_ms", "CPU/key"),
        ):
            row = f"key {key} {label} (ms)"
            lines.append(
                f"{row:34}"
                + "".join(
                    f"{f(results['keys'][k][key][metric], '', 1):>10}"
                    for k in ("20KB", "1MB", "5MB")
                )
            )
    lines.append("")
    lines.append(
        f"import floor, python -c 'import textual.app': "
        f"{f(startup['floor_import_textual_s'])} s; article / floor = "
        f"{f(startup['article_vs_floor_ratio'])} reopened, "
        f"{f(startup['article_vs_floor_ratio_first_open'])} first open"
    )
    ratio = results["keys_ratio_5MB_20KB"]
    lines.append(
        "5MB / 20KB key ratios (median): "
        + ", ".join(f"{k} {v['median']:.2f}" for k, v in ratio.items())
        + "; (CPU): "
        + ", ".join(f"{k} {v['cpu']:.2f}" for k, v in ratio.items())
    )
    lines.append(f"lateral check, 5 MB / 5,000 claims: {f(results['check_5MB_s'])} s")
    anchor = results["anchor_markdown_viewer_1MB"]
    lines.append(
        f"MarkdownViewer on the 1 MB book: {f(anchor['first_screen_s'])} s "
        f"(ours {f(anchor['ours_first_screen_s'])} s, ratio "
        f"{f(anchor['ratio'], '', 1)}x; RSS {f(anchor['peak_rss_mb'], '', 0)} MB)"
    )
    lines.append("")
    lines.append("targets:")
    for name, verdict in results["targets"].items():
        mark = "met" if verdict["met"] else "MISSED"
        lines.append(f"  {name:28} {f(verdict['measured'])} (target ≤ {verdict['target']}) {mark}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick", action="store_true", help="a one-minute run: 3 rounds, 100 presses, 1 anchor run"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--presses", type=int, default=500)
    parser.add_argument("--anchor-rounds", type=int, default=3)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.presses, args.anchor_rounds = 3, 100, 1
    results = run(args)
    print(table(results))
    print(json.dumps(results, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
