"""The benchmark harness runs and its inputs are valid (timings are never asserted)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.__main__ import (
    TARGETS,
    baseline_folder,
    keep_packs,
    make_tree,
    measure_keys,
    open_reader,
    p99,
    paired_ratios,
    table,
    time_check,
    verdicts,
    where,
)
from benchmarks.bare_app import MARKER
from benchmarks.make_docs import Doc, build_book
from benchmarks.ptyrun import run_in_pty
from reader.pack.load import load_pack
from reader.problems import errors

from .conftest import ROOT


def test_generated_book_is_a_valid_pack_with_unique_quotes(tmp_path: Path) -> None:
    doc = build_book(tmp_path / "book", 60_000, 40)
    assert doc.size >= 60_000 and doc.claims == 40
    result = load_pack(doc.folder)
    assert result.pack is not None
    assert [p.format() for p in errors(result.problems)] == []
    assert all(c.anchor.status == "exact" for c in result.pack.claims)


def test_headless_measurements_run(tmp_path: Path) -> None:
    doc = build_book(tmp_path / "book", 30_000, 10)
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        LATERAL_DATA_DIR=str(tmp_path / "data"),
        BENCH_T0=repr(time.monotonic()),
    )
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.headless", "startup", str(doc.folder)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    startup = json.loads(out.stdout)
    assert startup["first_screen"] is not None and startup["first_screen"] > 0
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.headless",
            "keys",
            str(doc.folder),
            "--presses",
            "5",
            "--gap",
            "0",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    keys = json.loads(out.stdout)
    assert set(keys) == {"j", "]", "G"}
    for measured in keys.values():
        assert len(measured["latencies"]) == 5
        assert all(value == value and value > 0 for value in measured["latencies"])


def test_bare_app_shows_its_marker_and_quits() -> None:
    shown = run_in_pty([sys.executable, "-m", "benchmarks.bare_app"], [MARKER.encode()], cwd=ROOT)
    assert shown.first_screen is not None
    assert shown.exit_after_quit is not None  # `q` quits it, as it quits the reader
    assert shown.output.count(MARKER.encode()) >= 1


# A checkout that is not this one, standing in for a baseline: a reader that paints the
# markers the harness waits for, keeps a pack, answers `check`, and a headless module that
# answers as the real one does. Runs are only right if they import these files.
FAKE_CHECKOUT = {
    "reader/__init__.py": '__version__ = "fake"\n',
    "reader/__main__.py": """
        import os, sys, tty
        from pathlib import Path
        if sys.argv[1] == "check":
            sys.exit(0)
        tty.setcbreak(0)  # keys one at a time, as a Textual app reads them
        sys.stdout.write("theoretical FOOTNOTES\\n")
        sys.stdout.flush()
        kept = Path(os.environ["LATERAL_DATA_DIR"]) / "cache"
        kept.mkdir(parents=True, exist_ok=True)
        (kept / "book.pack-cache").write_bytes(b"kept")
        while os.read(0, 1) != b"q":
            pass
    """,
    "benchmarks/__init__.py": "",
    "benchmarks/headless.py": """
        import json, sys
        if __name__ == "__main__":
            sys.stdout.write(json.dumps({"j": {"latencies": [0.001, 0.002], "cpu_per_key": 0.001}}))
    """,
}


def fake_checkout(root: Path) -> Path:
    for name, text in FAKE_CHECKOUT.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_a_baseline_runs_its_own_code(tmp_path: Path) -> None:
    root = fake_checkout(tmp_path / "checkout")
    assert baseline_folder(str(root)) == root
    tree = make_tree("baseline", root, dict(os.environ), tmp_path / "data")
    found = where(tree)
    assert found["reader"] == str(root / "reader" / "__init__.py")
    assert found["headless"] == str(root / "benchmarks" / "headless.py")
    assert found["version"] == "fake"
    doc = Doc("book", tmp_path / "book", 0, 0)
    keep_packs(tree, {"book": doc})
    assert (tmp_path / "data" / "cache" / "book.pack-cache").exists()
    opened = open_reader(tree, doc, tmp_path / "fresh")
    assert opened.first_screen is not None and opened.exit_after_quit is not None
    assert measure_keys(tree, doc, 2)["j"]["median_ms"] == pytest.approx(1.5)
    assert time_check(tree, doc) is not None


def test_a_folder_that_is_not_a_checkout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        baseline_folder(str(tmp_path))
    # Its runs would import some other reader (the installed one): the harness stops.
    with pytest.raises(SystemExit):
        where(make_tree("baseline", tmp_path, dict(os.environ), tmp_path / "data"))


def test_ratios_are_paired_by_round() -> None:
    assert paired_ratios([2.0, None, 3.0], [1.0, 1.0, None]) == [2.0]


def test_report_and_targets() -> None:
    assert p99([3.0, 1.0, 2.0]) == 3.0
    size = {"j": {"median_ms": 10.0, "p99_ms": 20.0, "cpu_per_key_ms": 9.0}}
    results: dict[str, Any] = {
        "machine": {"cpu": "test"},
        "rounds": 1,
        "presses": 5,
        "startup": {
            "floor_import_textual_s": 0.3,
            "article_vs_floor_ratio": 1.2,
            "article_vs_floor_ratio_first_open": 1.4,
            "bare_app_first_screen_s": 0.32,
            "article_vs_bare_app_ratio": 1.1,
            "article_vs_bare_app_ratio_first_open": 1.3,
            "pty_first_screen_s": {"20KB": 0.36, "1MB": 0.5, "5MB": 1.6},
            "pty_first_open_s": {"20KB": 0.42, "1MB": 0.6, "5MB": 1.4},
            "headless_first_screen_s": {"20KB": 0.3, "1MB": 0.4, "5MB": 1.0},
            "peak_rss_mb": {"20KB": 40.0, "1MB": 50.0, "5MB": 90.0},
        },
        "keys": {"20KB": size, "1MB": size, "5MB": size},
        "keys_ratio_5MB_20KB": {"j": {"median": 1.0, "cpu": 1.0}},
        "check_5MB_s": 1.5,
        "anchor_markdown_viewer_1MB": {
            "first_screen_s": 9.0,
            "ours_first_screen_s": 0.5,
            "ratio": 18.0,
            "peak_rss_mb": 200.0,
        },
    }
    results["targets"] = verdicts(results)
    assert set(results["targets"]) == set(TARGETS)
    assert results["targets"]["startup_5MB_s"]["met"] is False
    assert results["targets"]["startup_5MB_first_open_s"]["met"] is True
    assert results["targets"]["startup_article_vs_floor"]["met"] is True
    assert results["targets"]["startup_article_vs_floor_first_open"]["met"] is False
    assert results["targets"]["check_5MB_s"]["met"] is True
    text = table(results)
    assert "startup_5MB_s" in text and "MISSED" in text
    assert "1.20 reopened, 1.40 first open" in text
    assert results["targets"]["startup_article_vs_bare_app"]["met"] is True
    assert results["targets"]["startup_article_vs_bare_app_first_open"]["met"] is False
    assert "bare app first screen (s), pty: 0.32" in text
    assert "article / bare app = 1.10 reopened, 1.30 first open" in text
    assert "before/after" not in text
    assert "rounds: 1, presses per key: 5\n" in text
    results.update(rounds=3, rounds_5MB=2, check_runs=1, anchor_runs=1)
    text = table(results)
    assert "rounds: 3 (the 5 MB book's start-up in 2), presses per key: 5, check runs: 1" in text

    figure = {"baseline": 0.4, "current": 0.3, "ratio": 0.75}
    per_size = {"20KB": figure, "1MB": figure, "5MB": figure}
    results["code"] = {"dir": "/here", "commit": "abc1234", "changed": True}
    results["baseline"] = {
        "code": {"dir": "/there", "commit": "0123abc", "changed": False},
        "pty_first_screen_s": per_size,
        "pty_first_open_s": per_size,
        "peak_rss_mb": per_size,
        "keys": {k: {"j": {"median_ms": figure, "p99_ms": figure}} for k in per_size},
        "check_5MB_s": {"baseline": 1.0, "current": None, "ratio": None},
    }
    text = table(results)
    assert "before/after: baseline /there (0123abc), current /here (abc1234 with changes)" in text
    rows = {line[:40].strip(): line[40:].split() for line in text.splitlines()}
    assert rows["first screen, pty, first open, 5MB (s)"] == ["0.40", "0.30", "0.75"]
    assert rows["key j p99, 1MB (ms)"] == ["0.4", "0.3", "0.75"]
    assert rows["check, 5 MB / 5,000 claims (s)"] == ["1.00", "—", "—"]


def test_authoring_timings_run(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from benchmarks.authoring import main as authoring_main

    assert authoring_main(["--runs", "2"]) == 0
    result = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert result["runs"] == 2
    assert {"edit_check_save", "atomic_write", "reload_outside_change"} <= set(result)
