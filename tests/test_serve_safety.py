"""``lateral serve`` on a school network: what a browser can and cannot do, tried through the
websocket as a browser would, and the rules behind it tried directly."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.browser import descendants, join, opened
from reader.serving.access import ClassAccess, Refused, Tickets, release
from reader.serving.redact import hide_paths
from reader.serving.session import clamp_size, decode_message
from reader.work import hand_in_path, name_part

from .conftest import ROOT
from .test_serve import TITLE, read_claims, start_serving, stop_serving

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve", reason="the serve extra is not installed")

# -- the rules, directly ------------------------------------------------------------------------


def test_a_code_belongs_to_the_browser_that_first_used_it(tmp_path: Path) -> None:
    access = ClassAccess(tmp_path)
    assert access.admit("Ana 7", "a" * 32, "") == "ana-7"
    assert access.admit("ana-7", "a" * 32, "") == "ana-7"  # the same browser again
    with pytest.raises(Refused, match="in use in another browser"):
        access.admit("ana-7", "b" * 32, "")
    assert release(tmp_path, "ana-7") and not release(tmp_path, "ana-7")
    assert access.admit("ana-7", "b" * 32, "") == "ana-7"  # released: the next one owns it
    with pytest.raises(Refused, match="did not send its key"):
        access.admit("cy-2", "short", "")
    for bad in ("", "é", "---"):
        with pytest.raises(Refused, match="letters, digits and dashes"):
            access.admit(bad, "a" * 32, "")
    assert access.admit("../x", "c" * 32, "") == "x"  # a folder name, never a path
    assert not (tmp_path.parent / "x").exists()


def test_the_join_word_and_the_class_list(tmp_path: Path) -> None:
    access = ClassAccess.with_roster(tmp_path, ["Ana Bell", "Bo Chan"], "willow-42")
    codes = {name: code for code, name in access.roster.items()}
    with pytest.raises(Refused, match="join word"):
        access.admit(codes["Ana Bell"], "a" * 32, "willow")
    assert access.admit(codes["Ana Bell"], "a" * 32, " Willow-42 ") == codes["Ana Bell"]
    with pytest.raises(Refused, match="not on the class list"):
        access.admit("made-up", "a" * 32, "willow-42")
    assert access.student(codes["Bo Chan"]) == "Bo Chan"
    again = ClassAccess.with_roster(tmp_path, ["Bo Chan", "Cy Dee"], None)
    assert {n: c for c, n in again.roster.items()}["Bo Chan"] == codes["Bo Chan"]  # kept


def test_tickets_are_used_once_and_only_for_their_code() -> None:
    tickets = Tickets()
    ticket = tickets.issue("ana-7")
    with pytest.raises(Refused):
        tickets.redeem("bo-3", ticket)
    ticket = tickets.issue("ana-7")
    tickets.redeem("ana-7", ticket)
    with pytest.raises(Refused, match="out of date"):
        tickets.redeem("ana-7", ticket)


def test_messages_and_sizes_are_bounded() -> None:
    assert clamp_size("99999", 80, 300) == 300 and clamp_size("-5", 24, 120) == 10
    assert clamp_size("x", 80, 300) == 80 and clamp_size(None, 24, 120) == 24
    assert decode_message('["stdin", "j"]') == ("stdin", "j")
    for junk in ("{", "{}", "[]", "[1, 2]", '"stdin"'):
        assert decode_message(junk) is None


def test_a_served_reader_names_no_path() -> None:
    assert hide_paths("/home/teacher/class/sessions/ana/notes.toml: Permission denied") == \
        "notes.toml: Permission denied"
    assert hide_paths(r"C:\Users\teacher\notes.toml: denied") == "notes.toml: denied"
    assert hide_paths("see https://example.org/a/b, claim 1/2") == \
        "see https://example.org/a/b, claim 1/2"


def test_a_session_hands_in_under_its_code(tmp_path: Path) -> None:
    assert hand_in_path(tmp_path, "The Title", "Ana B", "ana-7").name == \
        "the-title--ana-7--ana-b.toml"
    assert name_part("Արմեն / Ayşe") == "արմեն-ayşe"


# -- through the websocket, as a browser would ---------------------------------------------------


async def _refused(port: int, code: str, secret: str | None = None, word: str = "") -> str:
    async with aiohttp.ClientSession() as client:
        status, answer = await join(client, port, code, secret, word)
        assert status == 403, answer
        return str(answer["message"])


def test_a_code_in_use_is_refused_until_the_teacher_releases_it(tmp_path: Path) -> None:
    served = start_serving(tmp_path)
    try:
        assert asyncio.run(read_claims(served.port, "ana-7", 0))[0]
        message = asyncio.run(_refused(served.port, "ana-7", "f" * 32))
        assert "in use in another browser" in message and "release" in message
        assert str(tmp_path) not in message
        # A stale or forged ticket opens nothing either.
        async def forged() -> str:
            async with aiohttp.ClientSession() as client, client.ws_connect(
                f"http://127.0.0.1:{served.port}/ws/ana-7/made-up-ticket"
            ) as ws:
                message = await ws.receive(timeout=10)
                return bytes(message.data).decode("utf-8", "replace")

        assert "out of date" in asyncio.run(forged())
        env = dict(os.environ, LATERAL_DATA_DIR=str(served.data), PYTHONPATH=str(ROOT))
        done = subprocess.run([sys.executable, "-m", "reader", "serve", "--release", "Ana 7"],
                              env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "Released ana-7" in done.stdout

        assert asyncio.run(read_claims(served.port, "ana-7", 0, "f" * 32))[0]  # a second browser
    finally:
        stop_serving(served)


def test_a_class_list_and_a_join_word(tmp_path: Path) -> None:
    roster = tmp_path / "class.txt"
    roster.write_text("# year 9\nAna Bell\n\nBo Chan\nAna Bell\n", encoding="utf-8")
    served = start_serving(tmp_path, "--roster", str(roster), "--join", "Willow 42")
    try:
        said = "".join(served.said)
        assert "Join word: Willow 42" in said
        codes = dict(re.findall(r"^  (Ana Bell|Bo Chan): (\S+)$", said, flags=re.MULTILINE))
        assert set(codes) == {"Ana Bell", "Bo Chan"}
        assert "not the class's join word" in asyncio.run(
            _refused(served.port, codes["Ana Bell"], word="oak 7"))
        assert "not on the class list" in asyncio.run(
            _refused(served.port, "made-up", word="willow 42"))

        async def ana() -> bool:
            async with opened(served.port, codes["Ana Bell"], word="willow 42") as session:
                assert await session.wait_for(TITLE)
                mark = await session.press("s")
                await session.wait_for("hand in", since=mark)
                mark = await session.press("h")
                assert await session.wait_for("Hand in your work", since=mark)
                # the name from the class list, ready to hand in (the dialog's fields may
                # come a frame after its title)
                named = await session.wait_for("Ana Bell", since=mark, timeout=10)
                await session.press("q")
                return named

        assert asyncio.run(ana())
    finally:
        stop_serving(served)


def test_handing_in_from_a_browser_reaches_only_the_class_folder(tmp_path: Path) -> None:
    served = start_serving(tmp_path)
    handed_in = served.data / "handed-in"
    try:
        async def hand_in(code: str, name: str) -> str:
            async with opened(served.port, code) as session:
                assert await session.wait_for(TITLE)
                mark = await session.press("s")
                await session.wait_for("hand in", since=mark)
                mark = await session.press("h")
                assert await session.wait_for("Hand in your work", since=mark)
                # The field shows the name kept from last time: clear it, then type.
                typed = mark = await session.press("\x15")  # ctrl+u
                while not await session.wait_for(name, since=typed, timeout=0.5):
                    await session.press("\x15")
                    typed = await session.press(name)
                mark = await session.press("\r")
                assert await session.wait_for("Your teacher has it", since=mark), \
                    session.text(mark)[-400:]
                await session.press("q")
                return session.text(mark)

        shown = asyncio.run(hand_in("ana-7", "Bo"))
        assert "Save it in this folder" not in shown and str(tmp_path) not in shown
        asyncio.run(hand_in("cy-9", "Bo"))  # a classmate typing the same name
        names = sorted(p.name for p in handed_in.iterdir())
        title = "closing-the-circle-starting-from-scratch"
        assert names == [f"{title}--ana-7--bo.toml", f"{title}--cy-9--bo.toml"]
        asyncio.run(hand_in("ana-7", "Bo Smith"))  # the same session again: replaces its own
        names = sorted(p.name for p in handed_in.iterdir())
        assert names == [f"{title}--ana-7--bo-smith.toml", f"{title}--ana-7--bo.toml.bak",
                         f"{title}--cy-9--bo.toml"]
        assert 'student = "Bo Smith"' in (handed_in / names[0]).read_text(encoding="utf-8")
        assert not list((served.data / "sessions").glob("*/*.toml.bak"))
    finally:
        stop_serving(served)


def test_a_full_class_and_an_idle_reader(tmp_path: Path) -> None:
    served = start_serving(tmp_path, "--max-students", "1", "--idle", "0.05")
    try:
        async def both() -> tuple[str, str]:
            async with opened(served.port, "ana-7") as session:
                assert await session.wait_for(TITLE)
                mark = await session.press("]")
                assert await session.wait_for("claim C1 of 65", since=mark)
                full = await _refused(served.port, "bo-3")
                # Nothing typed for three seconds: the reader is closed, its place kept.
                closed = await session.wait_for("Closed after", since=mark, timeout=30)
                assert closed
                return full, session.text(mark)

        full, shown = asyncio.run(both())
        assert "The class is full (1 readers are open)" in full
        assert "reload the page to carry on" in shown
        state = served.data / "sessions" / "ana-7" / "state.toml"
        deadline = time.monotonic() + 15
        while not state.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert state.exists()
    finally:
        stop_serving(served)


def test_oversized_or_malformed_messages_harm_no_one(tmp_path: Path) -> None:
    served = start_serving(tmp_path)
    try:
        async def abuse() -> bool:
            async with opened(served.port, "ana-7") as session:
                assert await session.wait_for(TITLE)
                await session.ws.send_str("not json")
                await session.ws.send_str('["resize", {"width": 100000, "height": -3}]')
                await session.ws.send_str('["stdin", 5]')
                mark = await session.press("]")
                assert await session.wait_for("claim C1 of 65", since=mark)  # still reading
                await session.ws.send_str('["stdin", "' + "j" * 100_000 + '"]')
                message = await session.ws.receive(timeout=20)
                return message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                        aiohttp.WSMsgType.CLOSING)

        assert asyncio.run(abuse())  # too big: that connection is closed

        async def another() -> bool:
            async with opened(served.port, "bo-3") as session:
                return await session.wait_for(TITLE)

        assert asyncio.run(another())  # and the server serves the rest of the class
    finally:
        stop_serving(served)


def test_the_quiz_in_the_browser(tmp_path: Path) -> None:
    served = start_serving(tmp_path, "--quiz")
    try:
        assert "as a quiz" in served.said[0]

        async def quiz() -> tuple[str, str]:
            async with opened(served.port, "ana-7") as session:
                assert await session.wait_for(TITLE)
                mark = await session.press("]")
                assert await session.wait_for("claim C1 of 65", since=mark)
                await session.wait_for("never shown", since=mark, timeout=1.5)
                first = session.text(mark)
                mark = await session.press("Q")  # the quiz key: it stays on
                await session.wait_for("set this reading as a quiz", since=mark)
                await session.press("q")
                return first, session.text(mark)

        first, after = asyncio.run(quiz())
        assert "Needs context" not in first  # the verdict waits for a guess
        assert "set this reading as a quiz" in after
    finally:
        stop_serving(served)


async def _third_reader_ends(served: Any, end_it: Any) -> tuple[bool, bool]:
    """Ana, Bo and Cy read; ``end_it(cy, new_processes)`` ends Cy's reader. Cy is told, and
    Cy's connection closes; Ana's reader still answers, and Dee can still start one."""
    async with opened(served.port, "ana-7") as ana, opened(served.port, "bo-3") as bo:
        assert await ana.wait_for(TITLE) and await bo.wait_for(TITLE)
        before = set(descendants(served.process.pid))
        async with opened(served.port, "cy-9") as cy:
            assert await cy.wait_for(TITLE)
            await end_it(cy, set(descendants(served.process.pid)) - before)
            told = await cy.wait_for("stopped unexpectedly", timeout=20)
            assert told and (await cy.ws.receive(timeout=20)).type in (
                aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        mark = await ana.press("]")
        still = await ana.wait_for("claim C1 of 65", since=mark)
        mark = await bo.press("]")
        still = still and await bo.wait_for("claim C1 of 65", since=mark)
        async with opened(served.port, "dee-4") as dee:
            fresh = await dee.wait_for(TITLE)
        return still, fresh


async def _kill_all(cy: Any, processes: set[int]) -> None:
    assert processes, "the third reader runs in a process the first two do not"
    for pid in processes:
        os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="processes are read from /proc")
@pytest.mark.parametrize("per_process", [
    "1",  # a killed reader's process takes down no other
    "2",  # two readers a process: Ana and Bo share one, Cy is alone in the next, killed
])
def test_a_killed_process_ends_its_own_readers_only(tmp_path: Path, per_process: str) -> None:
    served = start_serving(tmp_path, "--per-process", per_process)
    try:
        assert asyncio.run(_third_reader_ends(served, _kill_all)) == (True, True)
    finally:
        stop_serving(served)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="processes are read from /proc")
def test_readers_share_processes_which_end_with_their_last_reader(tmp_path: Path) -> None:
    served = start_serving(tmp_path, "--per-process", "2")
    try:
        async def class_of_three() -> tuple[int, set[int]]:
            warm = set(descendants(served.process.pid))
            async with opened(served.port, "ana-7") as ana, \
                    opened(served.port, "bo-3") as bo, opened(served.port, "cy-9") as cy:
                for each in (ana, bo, cy):
                    assert await each.wait_for(TITLE)
                hosts = len(set(descendants(served.process.pid)) - warm)
            # all three have left: their processes end, and their memory with them
            deadline = time.monotonic() + 20
            while set(descendants(served.process.pid)) - warm and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            return hosts, set(descendants(served.process.pid)) - warm

        hosts, left = asyncio.run(class_of_three())
        assert hosts == 2  # two readers in one, the third in the next
        assert left == set()
        # and the next student is served as before
        assert asyncio.run(read_claims(served.port, "dee-4", 1))[:2] == (True, True)
    finally:
        stop_serving(served)


FAULT = """\
import os

if os.environ.get("LATERAL_SERVED"):  # the warm process and the readers
    from reader.ui.screens.reader_screen import ReaderScreen

    def _fail(self):
        raise RuntimeError("a fault injected by the test")

    ReaderScreen.action_help = _fail
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="processes are read from /proc")
@pytest.mark.parametrize("per_process", ["8", "1"])
def test_a_failing_reader_takes_down_none_of_its_neighbours(tmp_path: Path,
                                                            per_process: str) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(FAULT)
    served = start_serving(tmp_path, "--per-process", per_process, python_path=hook)
    try:
        async def fail(cy: Any, processes: set[int]) -> None:
            # with 8 a process, the three readers share one
            assert bool(processes) == (per_process == "1")
            await cy.press("?")

        assert asyncio.run(_third_reader_ends(served, fail)) == (True, True)
    finally:
        stop_serving(served)
    # what went wrong is in the teacher's log (the student was told only that it stopped)
    assert served.process.stdout is not None
    assert "a fault injected by the test" in served.process.stdout.read()



def test_ctrl_c_stops_the_class_cleanly(tmp_path: Path) -> None:
    served = start_serving(tmp_path)

    async def reading() -> None:
        async with opened(served.port, "ana-7") as session:
            assert await session.wait_for(TITLE)
            mark = await session.press("]")
            assert await session.wait_for("claim C1 of 65", since=mark)
            served.process.send_signal(signal.SIGINT)
            assert await session.wait_for("The class has ended", since=mark, timeout=30)

    asyncio.run(reading())
    rest, _ = served.process.communicate(timeout=60)
    assert served.process.returncode == 0
    assert "Stopped." in rest and "Traceback" not in rest and "is closed" not in rest
    assert (served.data / "sessions" / "ana-7" / "state.toml").exists()


def test_readers_start_the_old_way_where_they_cannot_be_forked(tmp_path: Path) -> None:
    served = start_serving(tmp_path, "--no-warm")
    try:
        assert asyncio.run(read_claims(served.port, "ana-7", 0))[0]
        assert not any("reader.ui.warm" in Path(f"/proc/{pid}/cmdline").read_text()
                       for pid in descendants(served.process.pid)
                       if Path(f"/proc/{pid}/cmdline").exists())
    finally:
        stop_serving(served)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="processes are read from /proc")
def test_readers_end_with_a_server_that_was_killed(tmp_path: Path) -> None:
    served = start_serving(tmp_path)
    readers: set[int] = set()

    async def read() -> None:
        async with opened(served.port, "ana-7") as session:
            assert await session.wait_for(TITLE)
            mark = await session.press("]")
            assert await session.wait_for("claim C1 of 65", since=mark)
            readers.update(descendants(served.process.pid))
            served.process.kill()  # no goodbye: the teacher's laptop closed, say
            served.process.wait(timeout=10)

    asyncio.run(read())
    assert readers
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in readers):
        assert time.monotonic() < deadline, "a reader outlived its server"
        time.sleep(0.2)
    assert (served.data / "sessions" / "ana-7" / "state.toml").exists()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


@pytest.mark.parametrize(("option", "said"), [
    (["--per-process", "0"], "--per-process must be 1 or more"),
    (["--max-students", "0"], "--max-students must be 1 or more"),
    (["--idle", "0"], "--idle must be a number of minutes above 0"),
    (["--port", "70000"], "--port 70000 is not a port"),
])
def test_limits_out_of_range_are_refused_before_serving(
        option: list[str], said: str, capsys: pytest.CaptureFixture[str],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.cli import main

    monkeypatch.setenv("LATERAL_DATA_DIR", str(tmp_path))
    assert main(["serve", *option]) == 2
    assert said in capsys.readouterr().err
