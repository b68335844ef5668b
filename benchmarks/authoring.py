"""Time author mode's save and reload on the bundled pack (235 KB of TOML, 65 claims).

    python -m benchmarks.authoring [--runs N]

- one edit: a claim's summary changed through author mode (the change made on the tomlkit
  document, the new text checked with the rules of ``lateral check``, ``pack.toml`` written
  atomically), and the atomic write alone;
- reload after an outside change: another program changes ``pack.toml``; the reader reads it
  again and checks it (what it does within a second of noticing the change).

Each is run N times on a copy of the pack; the median and p99 are printed with a JSON line.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from reader.authoring import tables
from reader.authoring.author import Author
from reader.resources import default_pack


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered) * 1000, 1),
            "p99_ms": round(p99 * 1000, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.authoring")
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lateral-authoring-bench-") as tmp:
        folder = Path(tmp) / "pack"
        shutil.copytree(default_pack(), folder)
        start = time.perf_counter()
        author = Author.open(folder)
        opened = time.perf_counter() - start
        pack = author.pack
        assert pack is not None
        claim = pack.claims[len(pack.claims) // 2]
        edits, writes, reloads = [], [], []
        for run in range(args.runs):
            values: dict[str, str | None] = {"summary": f"{claim.summary} (edit {run})"}
            start = time.perf_counter()
            author.change("summary", partial(tables.set_claim, claim_id=claim.id,
                                             values=values))
            edits.append(time.perf_counter() - start)
            document = author.document
            start = time.perf_counter()
            document.saved_text = ""  # written again, as after an edit
            document.save()
            writes.append(time.perf_counter() - start)
            path = folder / "pack.toml"
            path.write_text(path.read_text(encoding="utf-8").replace(
                f"(edit {run})", f"(outside {run})"), encoding="utf-8")
            start = time.perf_counter()
            if document.changed_on_disk():
                document.reload()
            reloads.append(time.perf_counter() - start)
    result = {"runs": args.runs, "open_ms": round(opened * 1000, 1),
              "edit_check_save": _summary(edits), "atomic_write": _summary(writes),
              "reload_outside_change": _summary(reloads)}
    print(f"open the pack for writing: {result['open_ms']} ms")
    for name in ("edit_check_save", "atomic_write", "reload_outside_change"):
        figures = result[name]
        assert isinstance(figures, dict)
        print(f"{name:<24} median {figures['median_ms']:7.1f} ms   p99 {figures['p99_ms']:7.1f} ms")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
