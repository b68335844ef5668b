"""The live lesson: the teacher's view with scripted students driven through the websocket as
in the serve tests; the lesson file; the debrief; snapshots of the teacher's view."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from benchmarks.browser import Session, free_port, opened
from reader.lesson import Lesson, lesson_file, read_lesson, read_progress, write_lesson
from reader.resources import default_pack

from .test_serve import TITLE

pytest.importorskip("textual_serve", reason="the serve extra is not installed")
aiohttp = pytest.importorskip("aiohttp")


def test_the_lesson_file_is_read_safely(tmp_path: Path) -> None:
    path = tmp_path / "lesson.json"
    assert read_lesson(path) == Lesson()  # none yet: every verdict as usual
    lesson = Lesson().pace(True).reveal("c1").lock("c2").follow_me("c3")
    write_lesson(path, lesson)
    assert read_lesson(path) == lesson
    assert lesson.shows_verdict("c1") and not lesson.shows_verdict("c2")
    assert lesson.reveal(None).shows_verdict("c2") and not Lesson().is_locked("c2")
    for junk in ("[", "[]", '{"paced": "yes", "revealed": [1, "c1"], "follow_count": true}'):
        path.write_text(junk, encoding="utf-8")
        read = read_lesson(path)
        assert not read.paced and read.follow_count == 0
    assert read_lesson(path).revealed <= {"c1"}
    assert read_progress(tmp_path) is None


def _pack() -> Any:
    from reader.open import open_for_reading

    return open_for_reading(default_pack()).pack


async def _until(check: Callable[[], bool], timeout: float) -> float:
    """Seconds until ``check()`` holds (raises if it never does within ``timeout``)."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout:
            raise AssertionError("not within the time allowed")
        await asyncio.sleep(0.02)
    return time.monotonic() - start


async def _guess(session: Session, reason: str = "checked two sources") -> None:
    mark = await session.press("v")
    assert await session.wait_for("How sure are you", since=mark)
    await session.press("\r")  # the first verdict
    await session.press(reason)
    mark = await session.press("\r")
    assert await session.wait_for("YOUR GUESS", since=mark), session.text(mark)[-300:]


def _server(tmp_path: Path, **options: Any) -> tuple[Any, Any, int]:
    from reader.export.plain import render_plain
    from reader.serve import ServeOptions, build_server
    from reader.serving.access import ClassAccess

    pack = _pack()
    port = free_port()
    sessions = tmp_path / "data" / "sessions"
    server = build_server(ServeOptions(None, pack.meta.title, render_plain(pack), "127.0.0.1",
                                       port, sessions, ClassAccess(sessions), pack=pack,
                                       **options))
    return server, pack, port


@pytest.mark.slow
def test_a_live_lesson_paced_by_the_teacher(tmp_path: Path) -> None:
    from reader.ui.teacher import TeacherApp

    server, pack, port = _server(tmp_path)
    app = TeacherApp(server, pack, f"http://127.0.0.1:{port}/")
    verdict_label = pack.scale.get(pack.claims[0].verdict).label  # C1's, shown once revealed

    async def lesson() -> dict[str, float]:
        timings: dict[str, float] = {}
        async with app.run_test(size=(120, 40)) as pilot, \
                opened(port, "ana-7") as ana, opened(port, "bo-3") as bo:
            assert await ana.wait_for(TITLE) and await bo.wait_for(TITLE)
            await _until(lambda: app.look is not None and {r.code for r in app.look.students
                                                            if r.status == "reading"}
                         == {"ana-7", "bo-3"}, 5)
            # Ana moves to C1 and guesses: the chart shows it within 2 s.
            mark = await ana.press("]")
            assert await ana.wait_for("claim C1 of 65", since=mark)
            await _guess(ana)
            timings["guess_in_chart"] = await _until(
                lambda: app.look is not None and app.look.report.claims[0].guessed == 1, 2)
            assert "1 guess" in str(app.query_one("#teacher-chart").render())
            assert app.look is not None
            row = next(r for r in app.look.students if r.code == "ana-7")
            assert (row.claim, row.guessed) == (1, 1)
            # Paced: Ana's verdict is held back until the teacher reveals C1.
            mark = len(ana.received)
            await pilot.press("p")
            start = time.monotonic()
            assert await ana.wait_for("BEFORE YOU GUESS", since=mark, timeout=5)
            timings["paced"] = time.monotonic() - start
            # The text-only view (for screen readers) holds the verdicts back too.
            async with aiohttp.ClientSession() as client:
                plain = await (await client.get(f"http://127.0.0.1:{port}/plain")).text()
            assert plain.count("Your teacher will reveal the verdict.") == len(pack.claims)
            mark, mark_bo = len(ana.received), len(bo.received)
            await pilot.press("r")  # C1 is selected
            start = time.monotonic()
            assert await ana.wait_for(verdict_label, since=mark, timeout=5)
            timings["reveal"] = time.monotonic() - start
            assert await ana.wait_for("revealed the verdict of C1", since=mark, timeout=5)
            async with aiohttp.ClientSession() as client:
                plain = await (await client.get(f"http://127.0.0.1:{port}/plain")).text()
            assert plain.count("Your teacher will reveal the verdict.") == len(pack.claims) - 1
            # Follow me: every reader goes to C3.
            await pilot.press("down", "down", "f")
            start = time.monotonic()
            assert await bo.wait_for("claim C3 of 65", since=mark_bo, timeout=5)
            timings["follow"] = time.monotonic() - start
            # Lock C3: a late guess is refused with a message.
            mark = len(bo.received)
            await pilot.press("l")
            assert await bo.wait_for("Guessing on C3 is closed", since=mark, timeout=5)
            mark = await bo.press("v")
            assert await bo.wait_for("closed guessing on this claim", since=mark, timeout=5)
            # A browser cannot reveal, follow or lock: nothing it sends reaches the lesson.
            before = lesson_file(server.options.sessions).read_bytes()
            for message in (["reveal", "all"], ["lesson", {"paced": False}], ["follow", "x"]):
                await bo.ws.send_str(json.dumps(message))
            async with aiohttp.ClientSession() as client:
                response = await client.post(f"http://127.0.0.1:{port}/lesson",
                                             json={"paced": False})
                assert response.status in (404, 405)
            await asyncio.sleep(0.6)
            assert lesson_file(server.options.sessions).read_bytes() == before
            # The debrief can be written at any moment.
            await pilot.press("d")
            await _until(lambda: bool(app.debrief_written), 5)
            await pilot.press("q")
            assert app.is_running  # one q only asks
            await pilot.press("q")
        return timings

    timings = asyncio.run(lesson())
    assert timings["guess_in_chart"] < 2 and timings["reveal"] < 1 and timings["follow"] < 1
    html = next(p for p in app.debrief_written if p.suffix == ".html").read_text("utf-8")
    assert "<svg" in html and "C1" in html
    assert not re.search(r"(?:src|href)=", html)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", html)
    markdown = next(p for p in app.debrief_written if p.suffix == ".md").read_text("utf-8")
    assert markdown.startswith("# Class debrief")


class _Quiet:
    """A server that serves nothing: for pictures of the teacher's view."""

    def __init__(self, sessions: Path) -> None:
        from reader.serve import ServeOptions
        from reader.serving.access import ClassAccess

        self.options = ServeOptions(None, "t", "", "127.0.0.1", 8000, sessions)
        self.access = ClassAccess(sessions, "willow-42")
        self.live: dict[str, Any] = {}
        self.handed_in = sessions.parent / "handed-in"

    async def start(self) -> None:
        return

    async def stop(self) -> None:
        return


def _class_with_guesses(sessions: Path, pack: Any) -> None:
    from reader.notes import Guess, notes_path
    from reader.work import StudentWork

    verdicts = [v.id for v in pack.scale.verdicts]
    for number, code in enumerate(("ana-7", "bo-3", "cy-9")):
        folder = sessions / code
        work, _ = StudentWork.open(pack, folder)
        for claim in pack.claims[:3]:
            work.put_guess(Guess(claim.id, verdicts[(number + len(claim.id)) % 3],
                                 ("low", "medium", "high")[number], f"reason {number}"))
        assert notes_path(pack, folder).exists()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["wide", "narrow"])
def test_the_teachers_view(tmp_path: Path, size: tuple[int, int], snap_compare: Any) -> None:
    from reader.ui.teacher import TeacherApp

    pack = _pack()
    sessions = tmp_path / "sessions"
    _class_with_guesses(sessions, pack)
    app = TeacherApp(_Quiet(sessions), pack, "http://192.168.1.20:8000/")

    async def steady(pilot: Any) -> None:
        # The first event names this test's own folders, which differ from run to run.
        assert str(sessions) in pilot.app.events[0]
        pilot.app.events = []
        pilot.app.event("ana-7: connected (1 open)")

    assert snap_compare(app, terminal_size=size, run_before=steady)


def test_lateral_class_reads_a_served_class_folder(tmp_path: Path) -> None:
    from reader.classroom import class_report, read_handed_in

    pack = _pack()
    _class_with_guesses(tmp_path / "data" / "sessions", pack)
    (tmp_path / "data" / "sessions" / "ana-7" / "state.toml").write_text("", encoding="utf-8")
    for folder in (tmp_path / "data", tmp_path / "data" / "sessions"):
        works, problems = read_handed_in([folder])
        assert problems == [] and sorted(w.name for w in works) == ["ana-7", "bo-3", "cy-9"]
        report = class_report(pack, works, problems)
        assert report.claims[0].guessed == 3


def test_the_class_list_shows_who_has_not_come_yet(tmp_path: Path) -> None:
    from reader.teaching import look_at_class

    pack = _pack()
    sessions = tmp_path / "sessions"
    _class_with_guesses(sessions, pack)
    look = look_at_class(pack, sessions, {"ana-7": 1.0, "bo-3": 500.0},
                         {"ana-7": "Ana Bell", "zed-1": "Zed Ray"}, idle_after=120)
    rows = {row.code: row for row in look.students}
    assert (rows["ana-7"].name, rows["ana-7"].status, rows["ana-7"].guessed) == \
        ("Ana Bell", "reading", 3)
    assert rows["bo-3"].status == "idle" and rows["cy-9"].status == "closed"
    assert (rows["zed-1"].name, rows["zed-1"].status) == ("Zed Ray", "not yet")
    assert look.most_split and look.most_missed
