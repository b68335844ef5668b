"""The benchmark harness runs and its inputs are valid (timings are never asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.__main__ import p99, table, verdicts
from benchmarks.make_docs import build_book
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
    assert results["targets"]["startup_5MB_s"]["met"] is False
    assert results["targets"]["startup_5MB_first_open_s"]["met"] is True
    assert results["targets"]["startup_article_vs_floor"]["met"] is True
    assert results["targets"]["startup_article_vs_floor_first_open"]["met"] is False
    assert results["targets"]["check_5MB_s"]["met"] is True
    text = table(results)
    assert "startup_5MB_s" in text and "MISSED" in text
    assert "1.20 reopened, 1.40 first open" in text
