"""A class at once: ``python -m benchmarks --serve`` (or ``python -m benchmarks.serving``).

Starts ``lateral serve`` on loopback and has N students open the reader at the same moment,
each as the page does it (``POST /join``, then the websocket with its ticket), and waits for
each to see the article's title. For each class size it reports when the last student saw the
article (from the common start), one student's time from opening the websocket to the title,
and the memory of the whole server with the class open: the proportional set size (PSS, from
``/proc/PID/smaps_rollup``) of the server and every process under it, in all and per student.

Three ways of starting readers are measured in the same rounds, in turns, so the ratios between
them are fair on a noisy machine: ``shared`` (the default: readers forked from the warm process
into hosts of eight), ``forked`` (``--per-process 1``: each reader forked into a process of its
own) and ``cold`` (``--no-warm``: each reader a new Python process). Figures are medians over
the rounds; nothing is asserted. Needs the serve extra and Linux's /proc.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.browser import descendants, free_port, opened

TOP = Path(__file__).resolve().parent.parent
TITLE = "Closing the circle"
TARGETS = {"last_of_30_s": 2.0, "pss_per_student_30_mb": 12.0, "one_student_s": 0.3}
MODES = {"shared": [], "forked": ["--per-process", "1"], "cold": ["--no-warm"]}


def pss_mb(pid: int) -> float:
    """The PSS of ``pid`` and every process under it, in MB."""
    total = 0
    for each in [pid, *descendants(pid)]:
        try:
            for line in Path(f"/proc/{each}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total / 1024


class Server:
    def __init__(self, mode: str, data: Path) -> None:
        self.port = free_port()
        env = dict(os.environ, LATERAL_DATA_DIR=str(data), PYTHONPATH=str(TOP))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reader", "serve", "--port", str(self.port), *MODES[mode]],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=TOP,
        )
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("Press Ctrl+C"):
                break
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.05)

    def stop(self) -> bool:
        """Ctrl+C, as the teacher stops it; whether it stopped cleanly."""
        self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=60)
        return (self.process.returncode == 0 and "Stopped." in out and "Traceback" not in out
                and "is closed" not in out)


async def _student(port: int, code: str, start: float, release: asyncio.Event,
                   opened_after: list[float], connected: list[float]) -> None:
    async with opened(port, code) as session:
        if not await session.wait_for(TITLE, timeout=120):
            raise RuntimeError(f"{code}: closed before the article was shown")
        now = time.monotonic()
        opened_after.append(now - start)
        connected.append(now - session.asked_at)
        await release.wait()
        await session.press("q")


async def _class(server: Server, size: int, round_: int) -> dict[str, float]:
    opened: list[float] = []
    connected: list[float] = []
    release = asyncio.Event()
    start = time.monotonic()
    tasks = [asyncio.create_task(_student(server.port, f"r{round_}-s{n}", start, release,
                                          opened, connected)) for n in range(size)]
    while len(opened) < size:
        done = [t for t in tasks if t.done() and t.exception() is not None]
        if done:
            raise RuntimeError(str(done[0].exception()))
        await asyncio.sleep(0.01)
    await asyncio.sleep(1.0)  # the readers settle (their first screen, then idle)
    memory = pss_mb(server.process.pid)
    release.set()
    await asyncio.gather(*tasks)
    return {"last_s": max(opened), "connect_s": statistics.median(connected),
            "pss_mb": memory, "pss_each_mb": memory / size}


def measure(sizes: list[int], rounds: int, verbose: bool) -> dict[str, Any]:
    figures: dict[str, dict[int, list[dict[str, float]]]] = {m: {s: [] for s in sizes}
                                                             for m in MODES}
    clean: dict[str, list[bool]] = {m: [] for m in MODES}
    idle: dict[str, list[float]] = {m: [] for m in MODES}
    for round_ in range(rounds):
        turn = round_ % len(MODES)
        order = list(MODES)[turn:] + list(MODES)[:turn]
        for mode in order:
            with tempfile.TemporaryDirectory() as data:
                server = Server(mode, Path(data))
                time.sleep(1.0)
                idle[mode].append(pss_mb(server.process.pid))
                for size in sizes:
                    result = asyncio.run(_class(server, size, round_ * 1000 + size))
                    figures[mode][size].append(result)
                    if verbose:
                        print(f"round {round_ + 1} {mode} {size}: {result}", file=sys.stderr)
                    time.sleep(1.0)  # the readers of this size have quit
                clean[mode].append(server.stop())
    results: dict[str, Any] = {"rounds": rounds, "cores": os.cpu_count()}
    for mode in MODES:
        for size in sizes:
            runs = figures[mode][size]
            for key in ("last_s", "connect_s", "pss_mb", "pss_each_mb"):
                results[f"{mode}_{size}_{key}"] = statistics.median(r[key] for r in runs)
        results[f"{mode}_idle_pss_mb"] = statistics.median(idle[mode])
        results[f"{mode}_stopped_cleanly"] = all(clean[mode])
    return results


def table(results: dict[str, Any], sizes: list[int]) -> str:
    keys = ("last_s", "connect_s", "pss_mb", "pss_each_mb")
    lines = [f"Serving a class at once ({results['rounds']} rounds, {results['cores']} cores; "
             "medians; shared = eight readers a process forked from the warm process, "
             "forked = a forked process each, cold = a new process each)",
             "| students | mode | last sees the article | one student's websocket to title | "
             "server PSS | PSS per student |",
             "|---|---|---|---|---|---|"]
    for size in sizes:
        for mode in MODES:
            f = {k: results[f"{mode}_{size}_{k}"] for k in keys}
            lines.append(f"| {size} | {mode} | {f['last_s']:.2f} s | {f['connect_s']:.2f} s | "
                         f"{f['pss_mb']:.0f} MB | {f['pss_each_mb']:.1f} MB |")
    lines.append("Server with no student: " + ", ".join(
        f"{mode} {results[f'{mode}_idle_pss_mb']:.0f} MB" for mode in MODES)
        + ". Stopped cleanly with Ctrl+C: " + ", ".join(
        f"{mode} {results[f'{mode}_stopped_cleanly']}" for mode in MODES) + ".")
    if 30 in sizes and 1 in sizes:
        checks = {"last_of_30_s": results["shared_30_last_s"],
                  "pss_per_student_30_mb": results["shared_30_pss_each_mb"],
                  "one_student_s": results["shared_1_connect_s"]}
        for name, value in checks.items():
            verdict = "met" if value <= TARGETS[name] else "MISSED"
            lines.append(f"target {name} ≤ {TARGETS[name]}: {value:.2f} ({verdict})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks --serve", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="1,10,30", help="class sizes (default 1,10,30)")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = measure(sizes, args.rounds, args.verbose)
    print(table(results, sizes))
    print(json.dumps(results, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
