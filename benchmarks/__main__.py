"""The benchmark harness: ``python -m benchmarks`` (``--quick`` for a run of about a minute).

It builds its own inputs (the bundled article, and 1 MB and 5 MB books made from it with
claims spread through), then measures, interleaving configurations round by round so that
drift on a noisy machine hits all of them alike:

* process start to first screen (article and panel painted) in a real pseudo-terminal and
  headless, beside two floors measured in the same rounds: ``python -c "import textual.app"``
  to its exit, and a bare Textual app showing one line (``benchmarks/bare_app.py``) to its
  first screen in the same pseudo-terminal; in the pseudo-terminal both reopening a document
  (its checked pack kept from an earlier run, as for a student coming back to it) and opening
  it for the first time (no pack kept);
* key press to a frame showing the moved cursor with the panel updated, for ``j``, ``]`` and
  ``G``, at each size (median, p99, CPU per key), and the 5 MB / 20 KB ratios;
* peak RSS at each size;
* ``lateral check`` on the 5 MB book with 5,000 claims;
* the 1 MB book opened in Textual's ``MarkdownViewer`` (the widget frogmouth uses), as the
  anchor ratio.

With ``--baseline DIR`` (another checkout of this project, e.g. a ``git worktree`` of an older
commit) the baseline's reader is measured too, in the same rounds and interleaved with this
one, and a before/after section gives each figure with the ratio current / baseline.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.bare_app import MARKER as BARE_APP_MARKER
from benchmarks.make_docs import Doc, build_all
from benchmarks.ptyrun import PtyResult, run_floor, run_in_pty

PY = sys.executable
TOP = Path(__file__).resolve().parent.parent
MARKERS = [b"theoretical", b"FOOTNOTES"]
TARGETS = {
    "startup_article_vs_floor": 1.3,
    "startup_article_vs_floor_first_open": 1.3,
    "startup_article_vs_bare_app": 1.2,
    "startup_article_vs_bare_app_first_open": 1.2,
    "startup_5MB_s": 1.5,
    "startup_5MB_first_open_s": 1.5,
    "key_p99_ms": 16.0,
    "key_ratio_5MB_20KB": 1.2,
    "rss_5MB_mb": 150.0,
    "check_5MB_s": 2.0,
}
KEPT_PACK_SUFFIX = ".pack-cache"  # how `reader.pack.cache` names a kept pack
KEEP_WAIT_S = 5.0  # the longest wait for a document's pack to be kept before quitting
# Quick mode: fewer rounds and presses (60: p99 is still the second-largest press), the 5 MB
# book's start-up in two rounds of three, one `check`, one anchor run. A full run is unchanged.
QUICK = {"rounds": 3, "rounds_5mb": 2, "presses": 60, "check_rounds": 1, "anchor_rounds": 1}


def median(values: Sequence[float | None]) -> float | None:
    clean = [v for v in values if v is not None and v == v]
    return statistics.median(clean) if clean else None


def p99(values: list[float]) -> float | None:
    clean = sorted(v for v in values if v == v)
    if not clean:
        return None
    return clean[min(len(clean) - 1, max(0, round(0.99 * len(clean)) - 1))]


def paired_ratios(
    numerators: Sequence[float | None], denominators: Sequence[float | None]
) -> list[float]:
    """Ratios of values measured in the same round; rounds missing either value are skipped."""
    return [
        n / d
        for n, d in zip(numerators, denominators, strict=True)
        if n is not None and d is not None and n == n and d == d and d > 0
    ]


@dataclass(frozen=True)
class Tree:
    """A checkout whose reader is measured: this one, or the one given with ``--baseline``.

    Its programs run with ``python -m`` from the checkout's folder, with ``PYTHONPATH`` set to
    it too: ``-m`` puts the working folder first on ``sys.path`` (``PYTHONSAFEPATH`` aside),
    then ``PYTHONPATH``, and only then the installed packages, where an editable install of
    another checkout adds its folder. So ``reader`` and ``benchmarks`` are this checkout's,
    whatever is installed (:func:`where` checks it). The interpreter and every other package,
    Textual included, are the harness's own.
    """

    name: str
    root: Path
    env: dict[str, str]

    @property
    def data(self) -> Path:
        """Its data folder (``LATERAL_DATA_DIR``), where reopened documents' packs are kept."""
        return Path(self.env["LATERAL_DATA_DIR"])


def make_tree(name: str, root: Path, env: dict[str, str], data: Path) -> Tree:
    search = [str(root), *filter(None, [env.get("PYTHONPATH")])]
    return Tree(
        name,
        root,
        dict(env, PYTHONPATH=os.pathsep.join(search), LATERAL_DATA_DIR=str(data)),
    )


def compile_tree(root: Path) -> None:
    """Byte-compile, as a ``pip install`` does (``PYTHONDONTWRITEBYTECODE`` may be set)."""
    subprocess.run(
        [PY, "-m", "compileall", "-q", str(root / "reader"), str(root / "benchmarks")],
        check=False,
        capture_output=True,
    )


WHERE = (
    "import json, importlib.util, reader; "
    "h = importlib.util.find_spec('benchmarks.headless'); "
    "print(json.dumps({'reader': reader.__file__, 'headless': h and h.origin, "
    "'version': getattr(reader, '__version__', None)}))"
)


def where(tree: Tree) -> dict[str, Any]:
    """Which ``reader`` and ``benchmarks.headless`` the tree's runs import, and its commit.

    Run the way the measured programs are (same folder, same environment); stops the harness
    if either module comes from anywhere but the tree.
    """
    out = subprocess.run(
        [PY, "-c", WHERE], cwd=tree.root, env=tree.env, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(f"{tree.root}: cannot import its reader:\n{out.stderr.strip()}")
    found: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    root = tree.root.resolve()
    for module in ("reader", "headless"):
        if found[module] is None or not Path(found[module]).resolve().is_relative_to(root):
            raise SystemExit(
                f"the {tree.name} tree's runs import {module} from {found[module]}, not {root}"
            )
    git = subprocess.run(
        ["git", "-C", str(root), "log", "-1", "--format=%h %s"],
        capture_output=True,
        text=True,
        check=False,
    )
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=False,
    )
    commit, _, subject = git.stdout.strip().partition(" ")
    return {
        "dir": str(root),
        **found,
        "commit": commit or None,
        "subject": subject or None,
        "changed": bool(status.stdout.strip()) if status.returncode == 0 else None,
    }


def open_reader(tree: Tree, doc: Doc, data: Path | None = None, **options: Any) -> PtyResult:
    """``python -m reader DOC`` in a pseudo-terminal, timed to its first screen."""
    env = tree.env if data is None else dict(tree.env, LATERAL_DATA_DIR=str(data))
    return run_in_pty(
        [PY, "-m", "reader", str(doc.folder)], MARKERS, env=env, cwd=tree.root, **options
    )


def kept_packs(data: Path) -> int:
    return sum(1 for _ in data.rglob(f"*{KEPT_PACK_SUFFIX}")) if data.exists() else 0


def keep_packs(tree: Tree, docs: dict[str, Doc]) -> None:
    """Open each document once, so that the reopening runs find its pack kept.

    A book is kept once its claims are placed, in the background: stay until a new kept pack
    appears in the data folder, or :data:`KEEP_WAIT_S` seconds.
    """
    for doc in docs.values():
        before = kept_packs(tree.data)
        open_reader(
            tree,
            doc,
            linger=KEEP_WAIT_S,
            linger_until=lambda before=before: kept_packs(tree.data) > before,
        )


def headless(tree: Tree, mode: str, doc: Doc, extra: list[str]) -> Any:
    """``python -m benchmarks.headless MODE DOC ...`` from the tree: its JSON answer."""
    env = dict(tree.env, BENCH_T0=repr(time.monotonic()))
    out = subprocess.run(
        [PY, "-m", "benchmarks.headless", mode, str(doc.folder), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree.root,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_keys(tree: Tree, doc: Doc, presses: int) -> dict[str, dict[str, float]]:
    measured = headless(tree, "keys", doc, ["--presses", str(presses)])
    return {
        key: {
            "median_ms": 1000 * (median(v["latencies"]) or 0),
            "p99_ms": 1000 * (p99(v["latencies"]) or 0),
            "cpu_per_key_ms": 1000 * v["cpu_per_key"],
        }
        for key, v in measured.items()
    }


def time_check(tree: Tree, doc: Doc) -> float | None:
    """Wall time of ``lateral check --quiet DOC``; None if it could not run (exit status ≥ 2)."""
    start = time.monotonic()
    done = subprocess.run(
        [PY, "-m", "reader", "check", "--quiet", str(doc.folder)],
        capture_output=True,
        env=tree.env,
        cwd=tree.root,
        check=False,
    )
    wall = time.monotonic() - start
    return wall if done.returncode in (0, 1) else None


def warn(text: str) -> None:
    print(f"benchmarks: {text}", file=sys.stderr, flush=True)


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


def compared(
    baseline: Sequence[float | None],
    current: Sequence[float | None],
    summary: Callable[[Sequence[float | None]], float | None] = median,
) -> dict[str, float | None]:
    """Baseline and current figures, and the median of the per-round ratios current/baseline."""
    return {
        "baseline": summary(baseline),
        "current": summary(current),
        "ratio": median(paired_ratios(current, baseline)),
    }


def largest(values: Sequence[float | None]) -> float | None:
    clean = [v for v in values if v is not None]
    return max(clean) if clean else None


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement, in a temporary folder (the documents, the data folders) removed after."""
    with tempfile.TemporaryDirectory(prefix="lateral-bench-") as folder:
        return measure(args, Path(folder))


def measure(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    started = time.monotonic()
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    current = make_tree("current", TOP, env, work / "data")
    trees = [current]
    baseline: Tree | None = None
    if args.baseline is not None:
        baseline = make_tree("baseline", args.baseline.resolve(), env, work / "data-baseline")
        trees.append(baseline)
    for tree in trees:
        compile_tree(tree.root)
    code = {tree.name: where(tree) for tree in trees}
    sizes = {"1MB": (1_000_000, 1_000), "5MB": (5_000_000, 5_000)}
    docs: dict[str, Doc] = build_all(work / "docs", sizes)
    results: dict[str, Any] = {
        "machine": machine(),
        "code": code["current"],
        "rounds": args.rounds,
        "rounds_5MB": args.rounds_5mb,
        "presses": args.presses,
        "check_runs": args.check_rounds,
        "anchor_runs": args.anchor_rounds,
        "docs": {k: {"bytes": d.size, "claims": d.claims} for k, d in docs.items()},
    }

    def log(text: str) -> None:
        if args.verbose:
            print(f"[{time.monotonic() - started:5.1f} s] {text}", file=sys.stderr, flush=True)

    def in_turn(index: int) -> list[Tree]:
        """The trees in the order of this round: the baseline first in every other round."""
        return trees if index % 2 == 0 else trees[::-1]

    if baseline is not None:
        log(f"baseline: {code['baseline']}")

    # -- startup: pty and headless, interleaved round by round ------------------------------
    # Per tree and document, one entry per round (None when the first screen never came).
    floor: list[float] = []
    bare: list[float | None] = []
    bare_rss: list[float] = []
    pty_first = {t.name: {k: list[float | None]() for k in docs} for t in trees}
    pty_fresh = {t.name: {k: list[float | None]() for k in docs} for t in trees}
    pty_rss = {t.name: {k: list[float | None]() for k in docs} for t in trees}
    head_first: dict[str, list[float | None]] = {k: [] for k in docs}
    for tree in trees:
        keep_packs(tree, docs)
    log("documents opened once, their packs kept")
    for round_number in range(args.rounds):
        order = in_turn(round_number)
        wall, _ = run_floor([PY, "-c", "import textual.app"])
        floor.append(wall)
        bare_run = run_in_pty(
            [PY, "-m", "benchmarks.bare_app"],
            [BARE_APP_MARKER.encode()],
            env=current.env,
            cwd=current.root,
        )
        bare.append(bare_run.first_screen)
        bare_rss.append(bare_run.peak_rss_mb)
        for name, doc in docs.items():
            if name == "5MB" and round_number >= args.rounds_5mb:
                continue
            reopened = {tree.name: open_reader(tree, doc) for tree in order}
            fresh = {
                tree.name: open_reader(tree, doc, Path(tempfile.mkdtemp(dir=work)))
                for tree in order
            }
            for tree in trees:
                pty_first[tree.name][name].append(reopened[tree.name].first_screen)
                pty_fresh[tree.name][name].append(fresh[tree.name].first_screen)
                pty_rss[tree.name][name].append(
                    max(reopened[tree.name].peak_rss_mb, fresh[tree.name].peak_rss_mb)
                )
            timing = headless(current, "startup", doc, [])
            head_first[name].append(timing["first_screen"])
            log(
                f"round {round_number + 1} {name}: "
                + "; ".join(
                    f"{tree.name} pty {reopened[tree.name].first_screen} "
                    f"(first open {fresh[tree.name].first_screen})"
                    for tree in trees
                )
                + f"; headless {timing['first_screen']}"
            )
        log(f"round {round_number + 1}: import floor {wall}, bare app {bare_run.first_screen}")
    article = pty_first["current"]["20KB"]
    article_fresh = pty_fresh["current"]["20KB"]
    results["startup"] = {
        "floor_import_textual_s": median(floor),
        "bare_app_first_screen_s": median(bare),
        "bare_app_peak_rss_mb": largest(bare_rss),
        "pty_first_screen_s": {k: median(v) for k, v in pty_first["current"].items()},
        "pty_first_open_s": {k: median(v) for k, v in pty_fresh["current"].items()},
        "article_vs_floor_ratio_first_open": median(paired_ratios(article_fresh, floor)),
        "headless_first_screen_s": {k: median(v) for k, v in head_first.items()},
        "article_vs_floor_ratio": median(paired_ratios(article, floor)),
        "article_vs_bare_app_ratio": median(paired_ratios(article, bare)),
        "article_vs_bare_app_ratio_first_open": median(paired_ratios(article_fresh, bare)),
        "peak_rss_mb": {k: largest(v) for k, v in pty_rss["current"].items()},
    }

    # -- keys: each document with one tree, then the other ---------------------------------
    keys_by_tree: dict[str, dict[str, Any]] = {t.name: {} for t in trees}
    for index, (name, doc) in enumerate(docs.items()):
        for tree in in_turn(index):
            try:
                keys_by_tree[tree.name][name] = measure_keys(tree, doc, args.presses)
            except subprocess.CalledProcessError as failed:
                if tree is current:
                    raise
                warn(f"baseline key presses on {name} failed:\n{failed.stderr.strip()}")
                keys_by_tree[tree.name][name] = None
            log(f"keys {name} {tree.name}: {keys_by_tree[tree.name][name]}")
    keys = keys_by_tree["current"]
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
    check_times: dict[str, list[float | None]] = {t.name: [] for t in trees}
    for round_number in range(args.check_rounds):
        for tree in in_turn(round_number):
            check_times[tree.name].append(time_check(tree, docs["5MB"]))
        log(f"check: {', '.join(f'{k} {v[-1]}' for k, v in check_times.items())}")
    results["check_5MB_s"] = median(check_times["current"])

    # -- the anchor: MarkdownViewer on the 1 MB book ----------------------------------------
    md_first: list[float] = []
    ours_first: list[float] = []
    md_rss: list[float] = []
    for _ in range(args.anchor_rounds):
        md = run_in_pty(
            [PY, "-m", "benchmarks.markdown_viewer", str(docs["1MB"].folder / "article.md")],
            [b"theoretical"],
            env=current.env,
            cwd=current.root,
            timeout=600,
        )
        ours = open_reader(current, docs["1MB"])
        if md.first_screen is not None and ours.first_screen is not None:
            md_first.append(md.first_screen)
            ours_first.append(ours.first_screen)
        md_rss.append(md.peak_rss_mb)
        log(f"anchor: markdown viewer {md.first_screen} ours {ours.first_screen}")
    results["anchor_markdown_viewer_1MB"] = {
        "first_screen_s": median(md_first),
        "ours_first_screen_s": median(ours_first),
        "ratio": statistics.median(md_first) / statistics.median(ours_first) if md_first else None,
        "peak_rss_mb": max(md_rss) if md_rss else None,
    }

    if baseline is not None:
        before = keys_by_tree["baseline"]
        results["baseline"] = {
            "code": code["baseline"],
            "pty_first_screen_s": {
                k: compared(pty_first["baseline"][k], pty_first["current"][k]) for k in docs
            },
            "pty_first_open_s": {
                k: compared(pty_fresh["baseline"][k], pty_fresh["current"][k]) for k in docs
            },
            "peak_rss_mb": {
                k: compared(pty_rss["baseline"][k], pty_rss["current"][k], largest) for k in docs
            },
            "keys": {
                k: {
                    key: {
                        metric: compared(
                            [((before.get(k) or {}).get(key) or {}).get(metric)],
                            [keys[k][key][metric]],
                        )
                        for metric in ("median_ms", "p99_ms")
                    }
                    for key in keys[k]
                }
                for k in docs
            },
            "check_5MB_s": compared(check_times["baseline"], check_times["current"]),
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
        "startup_article_vs_bare_app": startup["article_vs_bare_app_ratio"],
        "startup_article_vs_bare_app_first_open": startup["article_vs_bare_app_ratio_first_open"],
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


def _f(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}{unit}"


def before_after(results: dict[str, Any]) -> list[str]:
    """The ``--baseline`` section: each figure before and after, and their per-round ratio."""
    section = results["baseline"]
    code = section["code"]
    now = results.get("code", {})

    def name(tree: dict[str, Any]) -> str:
        changed = " with changes" if tree.get("changed") else ""
        return f"{tree.get('dir')} ({tree.get('commit') or 'no commit'}{changed})"

    lines = [
        f"before/after: baseline {name(code)}, current {name(now)}",
        f"{'':40}{'baseline':>10}{'current':>10}{'cur/base':>10}",
    ]

    def row(label: str, figure: dict[str, float | None], digits: int = 2) -> None:
        lines.append(
            f"{label:40}{_f(figure['baseline'], '', digits):>10}"
            f"{_f(figure['current'], '', digits):>10}{_f(figure['ratio']):>10}"
        )

    for size, figure in section["pty_first_screen_s"].items():
        row(f"first screen, pty, reopened, {size} (s)", figure)
    for size, figure in section["pty_first_open_s"].items():
        row(f"first screen, pty, first open, {size} (s)", figure)
    for size, figure in section["peak_rss_mb"].items():
        row(f"peak RSS, {size} (MB)", figure, 1)
    for size, by_key in section["keys"].items():
        for key, metrics in by_key.items():
            row(f"key {key} median, {size} (ms)", metrics["median_ms"], 1)
            row(f"key {key} p99, {size} (ms)", metrics["p99_ms"], 1)
    row("check, 5 MB / 5,000 claims (s)", section["check_5MB_s"])
    return lines


def table(results: dict[str, Any]) -> str:
    f = _f
    startup = results["startup"]
    rounds_5mb = results.get("rounds_5MB", results["rounds"])
    five = f" (the 5 MB book's start-up in {rounds_5mb})" if rounds_5mb < results["rounds"] else ""
    runs = ", ".join(
        f"{label}: {results[key]}"
        for key, label in (("check_runs", "check runs"), ("anchor_runs", "anchor runs"))
        if key in results
    )
    runs = f", {runs}" if runs else ""
    lines = [
        "lateral-reader benchmarks — "
        + ", ".join(f"{k}: {v}" for k, v in results["machine"].items()),
        f"rounds: {results['rounds']}{five}, presses per key: {results['presses']}{runs}",
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
    lines.append(
        f"bare app first screen (s), pty: {f(startup['bare_app_first_screen_s'])}; "
        f"article / bare app = {f(startup['article_vs_bare_app_ratio'])} reopened, "
        f"{f(startup['article_vs_bare_app_ratio_first_open'])} first open"
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
    if "baseline" in results:
        lines.append("")
        lines.extend(before_after(results))
    lines.append("")
    lines.append("targets:")
    for name, verdict in results["targets"].items():
        mark = "met" if verdict["met"] else "MISSED"
        lines.append(f"  {name:38} {f(verdict['measured'])} (target ≤ {verdict['target']}) {mark}")
    return "\n".join(lines)


def baseline_folder(text: str) -> Path:
    folder = Path(text)
    if not (folder / "reader" / "__init__.py").is_file():
        raise argparse.ArgumentTypeError(f"{text}: not a checkout of this project (no reader/)")
    if not (folder / "benchmarks" / "headless.py").is_file():
        raise argparse.ArgumentTypeError(f"{text}: has no benchmarks/headless.py")
    return folder


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if "--serve" in arguments:  # a class at once: benchmarks/serving.py
        from benchmarks import serving

        return serving.main([a for a in arguments if a != "--serve"])
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a run of about a minute: 3 rounds (the 5 MB book's start-up in 2), 60 presses, "
        "1 check, 1 anchor run",
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--presses", type=int, default=500)
    parser.add_argument("--anchor-rounds", type=int, default=3)
    parser.add_argument(
        "--rounds-5mb",
        type=int,
        default=None,
        metavar="N",
        help="measure the 5 MB book's start-up in the first N rounds only (default: all)",
    )
    parser.add_argument(
        "--check-rounds", type=int, default=None, help="runs of `check` (default: --rounds)"
    )
    parser.add_argument(
        "--baseline",
        type=baseline_folder,
        metavar="DIR",
        help="another checkout of this project (e.g. a git worktree of an older commit): "
        "measure its reader too, interleaved, and print before/after",
    )
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        for option, value in QUICK.items():
            setattr(args, option, value)
    if args.check_rounds is None:
        args.check_rounds = args.rounds
    if args.rounds_5mb is None:
        args.rounds_5mb = args.rounds
    results = run(args)
    print(table(results))
    print(json.dumps(results, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
