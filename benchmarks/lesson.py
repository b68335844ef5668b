"""A live lesson with 30 scripted students: ``python -m benchmarks.lesson``.

Starts the classroom server with the teacher's view (headless, in this process) and N
students (websockets, as the page opens them). Every student goes to claim C1; the teacher
turns paced mode on; then, round by round, the teacher reveals the claim and the harness
times how long each student's reader takes to show the verdict (from the key press in the
teacher's view to the verdict's label in that student's screen), then hides it again (paced
mode off and on). It reports the median and the maximum over students and rounds.

Then every student moves about (``]`` and ``[`` a press every 0.3 s) for a while, four times,
alternately without and with the teacher's view looking at the class every second; it reports the
CPU time the view's looks took (as a share of one core) and the students' key-press times
(press to the moved status line) in both, so any slowing of the readers shows.
Figures are measured, not asserted. Needs the serve extra."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.browser import Session, free_port, opened
from benchmarks.serving import TITLE


def _setup(data: Path, per_process: int = 8) -> tuple[Any, Any, int]:
    from reader.export.plain import render_plain
    from reader.open import open_for_reading
    from reader.resources import default_pack
    from reader.serve import ServeOptions, build_server
    from reader.serving.access import ClassAccess

    pack = open_for_reading(default_pack()).pack
    port = free_port()
    sessions = data / "sessions"
    server = build_server(ServeOptions(None, pack.meta.title, render_plain(pack), "127.0.0.1",
                                       port, sessions, ClassAccess(sessions),
                                       per_process=per_process))
    return server, pack, port


def _status(text: str) -> str | None:
    """The last claim the status line named in ``text``."""
    found = re.findall(r"claim C(\d+) of 65", text)
    return found[-1] if found else None


async def _moving(students: list[Session], seconds: float) -> list[float]:
    """Every student presses ] (three times) then [ (three times), a press every 0.3 s; the
    times from each press to the frame with the status line moved."""
    times: list[float] = []

    async def one(session: Session, offset: float) -> None:
        await asyncio.sleep(offset)
        end = time.monotonic() + seconds
        presses = 0
        await asyncio.sleep(0.5)  # what was drawn before is in
        while time.monotonic() < end:
            await session.wait_for("never", timeout=0.01)  # take in what is pending
            before = _status(session.text())
            key = "]" if presses % 6 < 3 else "["
            presses += 1
            start = time.monotonic()
            await session.press(key)
            while time.monotonic() - start < 10:
                mark = len(session.received)
                await session.wait_for(" of 65", since=mark, timeout=10 - (time.monotonic()
                                                                           - start))
                if _status(session.text()) != before:
                    times.append(time.monotonic() - start)
                    break
            await asyncio.sleep(0.3)

    await asyncio.gather(*(one(s, i * 0.01) for i, s in enumerate(students)))
    return times


async def _seen(session: Session, mark: int, label: str, start: float) -> float:
    assert await session.wait_for(label, since=mark, timeout=30)
    return time.monotonic() - start


async def _lesson(size: int, rounds: int, move_seconds: float, data: Path,
                  per_process: int = 8) -> dict[str, Any]:
    from reader.ui.teacher import TeacherApp

    server, pack, port = _setup(data, per_process)
    app = TeacherApp(server, pack, f"http://127.0.0.1:{port}/")
    label = pack.scale.get(pack.claims[0].verdict).label
    looks: list[float] = []
    original = app.refresh_class

    def timed() -> None:
        start = time.process_time()
        original()
        looks.append(time.process_time() - start)

    app.refresh_class = timed  # type: ignore[method-assign]
    results: dict[str, Any] = {"students": size}
    async with app.run_test(size=(120, 40)) as pilot, contextlib.AsyncExitStack() as stack:
        students = [await stack.enter_async_context(opened(port, f"s{n}")) for n in range(size)]
        for session in students:
            assert await session.wait_for(TITLE, timeout=120)
        for session in students:
            mark = await session.press("]")
            assert await session.wait_for("claim C1 of 65", since=mark, timeout=60)
        reveal: list[float] = []
        for _ in range(rounds):
            marks = [len(s.received) for s in students]
            await pilot.press("p")  # paced: C1's verdict is held back in every reader
            for session, mark in zip(students, marks, strict=True):
                assert await session.wait_for("BEFORE YOU GUESS", since=mark, timeout=30)
            await asyncio.sleep(0.5)
            marks = [len(s.received) for s in students]
            start = time.monotonic()
            await pilot.press("r")  # reveal C1 (selected)

            reveal.extend(await asyncio.gather(*(_seen(s, m, label, start)
                                                 for s, m in zip(students, marks, strict=True))))
            await pilot.press("p")  # paced off, then on again next round (C1 held anew)
            app.lesson = type(app.lesson)()
            await asyncio.sleep(0.5)
        results["reveal_median_s"] = statistics.median(reveal)
        results["reveal_max_s"] = max(reveal)
        # Moving about, with the teacher's view looking and not looking, alternating.
        keys: dict[bool, list[float]] = {True: [], False: []}
        cpu: list[float] = []
        for looking in (False, True, False, True):
            looks.clear()
            app.refresh_class = timed if looking else (lambda: None)  # type: ignore[method-assign]
            start = time.monotonic()
            keys[looking].extend(await _moving(students, move_seconds))
            if looking:
                cpu.append(sum(looks) / (time.monotonic() - start))
        for looking, key in ((True, "with_view"), (False, "without_view")):
            results[f"key_median_ms_{key}"] = statistics.median(keys[looking]) * 1000
            ordered = sorted(keys[looking])
            results[f"key_p95_ms_{key}"] = ordered[int(0.95 * (len(ordered) - 1))] * 1000
        results["view_cpu_share"] = statistics.median(cpu)
        results["view_look_ms_median"] = statistics.median(looks) * 1000 if looks else 0.0
        await pilot.press("q", "q")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lesson", description=__doc__)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--move-seconds", type=float, default=15.0)
    parser.add_argument("--per-process", type=int, default=8,
                        help="readers sharing one process, as serve --per-process")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as data:
        results = asyncio.run(_lesson(args.students, args.rounds, args.move_seconds, Path(data),
                                      args.per_process))
    print(f"Live lesson, {results['students']} students: reveal reaches every reader in "
          f"{results['reveal_median_s']:.2f} s median, {results['reveal_max_s']:.2f} s max; "
          f"the teacher's view takes {100 * results['view_cpu_share']:.1f}% of a core "
          f"({results['view_look_ms_median']:.0f} ms a look); students' key presses "
          f"{results['key_median_ms_with_view']:.0f} ms median "
          f"({results['key_p95_ms_with_view']:.0f} ms p95) with the view looking, "
          f"{results['key_median_ms_without_view']:.0f} ms "
          f"({results['key_p95_ms_without_view']:.0f} ms p95) without")
    print(json.dumps(results, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
