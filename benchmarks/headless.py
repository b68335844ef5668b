"""Headless measurements, run in a fresh process by the harness.

``python -m benchmarks.headless startup DOC``
    Seconds from process start (``BENCH_T0``, the parent's monotonic clock just before it
    started this process) to the first frame showing the article and a filled panel.

``python -m benchmarks.headless keys DOC --presses N [--gap S]``
    For ``j``, ``]`` and ``G``: the latency from a key press to the first frame that shows the
    moved cursor with the panel updated for it, and the CPU time per key (measured over the
    presses only, the gaps between them are idle). Presses ping-pong at the ends of the
    document so every press moves the cursor; the next press comes ``--gap`` seconds after a
    frame, as with a key held down.

Both print one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

T0 = float(os.environ.get("BENCH_T0", time.monotonic()))


def _since_start() -> float:
    return time.monotonic() - T0


def _build_app(doc: Path) -> Any:
    from rich.console import RenderableType
    from textual.screen import Screen

    from reader.open import LocalSource
    from reader.ui.app import Document, LateralApp
    from reader.ui.screens.reader_screen import ReaderScreen

    class BenchApp(LateralApp):
        """The reader, with a hook on each frame it draws."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.first_frame: float | None = None
            self.frame_waiter: asyncio.Event | None = None
            self.expected_cursor: int | None = None
            self.frame_times: list[float] = []

        def reader_screen(self) -> ReaderScreen | None:
            screen = self.screen
            return screen if isinstance(screen, ReaderScreen) else None

        def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
            super()._display(screen, renderable)
            if renderable is None:
                return
            reader = self.reader_screen()
            if reader is None or reader.article_view.layout_ is None:
                return
            if reader.panel.subject != reader.cursor:
                return
            now = time.perf_counter()
            if self.first_frame is None:
                self.first_frame = _since_start()
            if self.frame_waiter is not None and reader.cursor == self.expected_cursor:
                self.frame_times.append(now)
                self.frame_waiter.set()

    from reader.gcpolicy import tune_for_reader

    source = LocalSource(doc, defer_anchoring=True)
    app = BenchApp(Document(source.opened(), source))
    tune_for_reader()  # as `run_reader` does
    return app


async def _startup(doc: Path) -> dict[str, float | None]:
    imports_done = _since_start()
    app = _build_app(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.first_frame is None and _since_start() < 120:
            await pilot.pause(0.005)
    return {"imports": imports_done, "first_screen": app.first_frame}


KEYS = {
    "j": (("j", "j"), ("k", "k")),
    "]": (("right_square_bracket", "]"), ("left_square_bracket", "[")),
    "G": (("G", "G"), ("g", "g")),
}


async def _keys(doc: Path, presses: int, gap: float) -> dict[str, Any]:
    from textual import events

    app = _build_app(doc)
    results: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        while app.first_frame is None or app.session.placing_claims:
            await pilot.pause(0.01)
        await pilot.pause(0.2)
        reader = app.reader_screen()
        assert reader is not None
        navigator = reader.navigator
        for name, (forward, backward) in KEYS.items():
            latencies: list[float] = []
            direction = forward
            reader.article_view.move_to(0)
            await pilot.pause(0.1)
            cpu_start = time.process_time()
            for _ in range(presses):
                cursor = reader.cursor
                target = _target(name, direction is forward, cursor, navigator)
                if target is None or target == cursor:
                    direction = backward if direction is forward else forward
                    target = _target(name, direction is forward, cursor, navigator)
                assert target is not None and target != cursor
                app.expected_cursor = target
                app.frame_waiter = asyncio.Event()
                key, character = direction
                sent = time.perf_counter()
                app.post_message(events.Key(key, character))
                try:
                    await asyncio.wait_for(app.frame_waiter.wait(), timeout=5)
                except asyncio.TimeoutError:
                    latencies.append(float("nan"))
                    continue
                latencies.append(app.frame_times[-1] - sent)
                await asyncio.sleep(gap)  # a key repeat's pace: the next press finds it idle
            cpu = (time.process_time() - cpu_start) / presses
            app.frame_waiter = None
            results[name] = {"latencies": latencies, "cpu_per_key": cpu}
    return results


def _target(name: str, forward: bool, cursor: int, navigator: Any) -> int | None:
    last = navigator.sentence_count - 1
    if name == "j":
        if forward:
            return cursor + 1 if cursor < last else None
        return cursor - 1 if cursor > 0 else None
    if name == "]":
        claim: int | None = (
            navigator.next_claim(cursor) if forward else navigator.previous_claim(cursor)
        )
        return claim
    return last if forward else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["startup", "keys"])
    parser.add_argument("doc", type=Path)
    parser.add_argument("--presses", type=int, default=500)
    parser.add_argument(
        "--gap",
        type=float,
        default=0.03,
        help="seconds between a frame and the next press (default 0.03)",
    )
    args = parser.parse_args(argv)
    if args.mode == "startup":
        result: Any = asyncio.run(_startup(args.doc))
    else:
        result = asyncio.run(_keys(args.doc, args.presses, args.gap))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
