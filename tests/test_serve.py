"""``lateral serve``: the page, sessions kept by code, a browser end to end, and 30 at once."""

from __future__ import annotations

import asyncio
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.browser import descendants, free_port, opened
from reader.serve import page, session_code, share_address

from .conftest import ROOT

textual_serve = pytest.importorskip("textual_serve", reason="the serve extra is not installed")
aiohttp = pytest.importorskip("aiohttp")

STATIC = Path(textual_serve.__file__).parent / "static"
TITLE = "Closing the circle: starting from scratch"


def test_session_codes() -> None:
    assert session_code("Ana B 7") == "ana-b-7"
    assert session_code("  group_3 ") == "group-3"
    assert session_code("../../etc") == "etc"
    for bad in ("", "---", "é", "x" * 41):
        assert session_code(bad) is None, bad


def test_share_address() -> None:
    assert share_address("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert share_address("::1", 9000) == "http://[::1]:9000/"
    anywhere = share_address("0.0.0.0", 8000)
    assert anywhere.startswith("http://") and "0.0.0.0" not in anywhere


def test_the_page_needs_nothing_from_outside() -> None:
    html = page("A <title> & more", join_needed=True)
    assert "var JOIN_NEEDED = true;" in html and "{{" not in html
    assert "A &lt;title&gt; &amp; more" in html
    assert 'href="/plain"' in html and "Text-only view" in html
    # Every address the page loads is on this server, and each file exists in the package.
    loaded = re.findall(r'(?:src|href)="([^"]+)"|url\("([^"]+)"\)', html)
    paths = [a or b for a, b in loaded]
    paths = [p for p in paths if p != "#"]  # the "use another code" link stays on the page
    assert paths and all(p.startswith("/") and not p.startswith("//") for p in paths), paths
    for path in paths:
        if path.startswith("/static/"):
            assert (STATIC / path.removeprefix("/static/")).is_file(), path
    assert not re.search(r"https?://", re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL))
    # What the page loads from the package reaches nowhere else either (comments aside).
    script = (STATIC / "js" / "textual.js").read_text("utf-8")
    assert not re.search(r"https?://(?!www\.w3\.org)", script)
    css = re.sub(r"/\*.*?\*/", "", (STATIC / "css" / "xterm.css").read_text("utf-8"),
                 flags=re.DOTALL)
    assert "http" not in css and "@import" not in css


def test_hand_in_goes_to_the_class_folder_when_served(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from reader.work import default_hand_in_folder

    monkeypatch.delenv("LATERAL_HANDIN_DIR", raising=False)
    monkeypatch.chdir(tmp_path / "..")
    # Not the home folder: the folder the reader was started in.
    assert default_hand_in_folder() == tmp_path.parent
    monkeypatch.setenv("LATERAL_HANDIN_DIR", str(tmp_path))
    assert default_hand_in_folder() == tmp_path


def test_without_the_serve_extra_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from reader.serve import ServeError, ServeOptions, build_server

    monkeypatch.setitem(sys.modules, "textual_serve.app_service", None)
    with pytest.raises(ServeError, match=r"pip install 'lateral-reader\[serve\]'"):
        build_server(ServeOptions(None, "t", "", "127.0.0.1", 8000, tmp_path))


def test_serving_the_network_prints_the_address_and_the_join_word(tmp_path: Path) -> None:
    port = free_port()
    env = dict(os.environ, LATERAL_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", "--host", "0.0.0.0", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(4)]
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert lines[1] == (f"Listening on 0.0.0.0, port {port}: students on this network open "
                        "the reader with the join word.\n")
    assert lines[2].startswith("Students open: http://") and f":{port}/" in lines[2]
    assert "0.0.0.0" not in lines[2]
    assert re.fullmatch(r"Join word: [a-z]+-\d\d\n", lines[3]), lines[3]


class Served:
    def __init__(self, process: subprocess.Popen[str], port: int, data: Path,
                 said: list[str]) -> None:
        self.process = process
        self.port = port
        self.data = data
        self.said = said
        self.url = f"http://127.0.0.1:{port}/"

    def stop(self, signum: int = signal.SIGTERM) -> str:
        """Stop the server as the teacher would; everything it printed."""
        self.process.send_signal(signum)
        rest, _ = self.process.communicate(timeout=30)
        return "".join(self.said) + rest


def start_serving(tmp_path: Path, *args: str, python_path: Path | None = None) -> Served:
    """``lateral serve ARGS``, listening; ``python_path``: a folder put first on every
    process's import path (for a ``sitecustomize`` that injects a fault)."""
    port = free_port()
    search = os.pathsep.join(str(p) for p in (python_path, ROOT) if p is not None)
    env = dict(os.environ, LATERAL_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=search)
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", "--port", str(port), *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    assert process.stdout is not None
    said = []
    for line in process.stdout:
        said.append(line)
        if line.startswith("Press Ctrl+C"):
            break
    assert "".join(said).startswith(f"Serving “{TITLE}”"), "".join(said)
    # The message comes just before the server listens: wait until it does.
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline and process.poll() is None, "".join(said)
            time.sleep(0.05)
    return Served(process, port, tmp_path / "data", said)


def stop_serving(served: Served) -> None:
    if served.process.poll() is None:
        served.process.terminate()
        try:
            served.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            served.process.kill()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    serving = start_serving(tmp_path)
    try:
        yield serving
    finally:
        stop_serving(serving)


async def read_claims(port: int, code: str, presses: int, secret: str | None = None
                ) -> tuple[bool, bool, float]:
    """Open ``code``'s reader, move ``presses`` claims on, and quit: whether the article was
    shown, whether each move was, and how long it all took."""
    start = time.monotonic()
    async with opened(port, code, secret) as session:
        ready = await session.wait_for(TITLE)
        moved = True
        for number in range(1, presses + 1):
            mark = await session.press("]")
            moved = moved and await session.wait_for(f" claim C{number} of 65", since=mark)
        await session.press("q")
        return ready, moved, time.monotonic() - start


def test_a_session_keeps_its_place_across_a_reconnect(served: Served) -> None:
    import urllib.request

    with urllib.request.urlopen(served.url) as response:
        assert response.status == 200 and b'href="/plain"' in response.read()
    with urllib.request.urlopen(served.url + "plain") as response:
        plain = response.read().decode("utf-8")
        assert plain.startswith(TITLE) and "\x1b" not in plain

    assert asyncio.run(read_claims(served.port, "Ana-7", 2))[:2] == (True, True)
    state = served.data / "sessions" / "ana-7" / "state.toml"
    deadline = time.monotonic() + 10
    while not state.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert state.exists()

    async def reconnect() -> str:
        async with opened(served.port, "ana-7") as session:
            await session.wait_for("claim C2 of 65", timeout=30)
            await session.press("q")
            return session.text()

    assert "claim C2 of 65" in asyncio.run(reconnect())  # back where Ana left off
    assert sorted(p.name for p in (served.data / "sessions").iterdir()) == ["ana-7"]
    assert (served.data / "handed-in").is_dir()


def test_a_served_reader_writes_no_pack_and_runs_no_editor(served: Served) -> None:
    from reader.resources import default_pack

    pack_toml = default_pack() / "pack.toml"
    before = pack_toml.read_bytes()

    async def try_to_write() -> str:
        async with opened(served.port, "bo-3") as session:
            assert await session.wait_for(TITLE)
            mark = len(session.received)
            # author mode's keys, and the library: nothing opens
            for key in ("e", "c", "E", "y", "A", "S", "u", "L"):
                await session.press(key)
            await session.wait_for("never shown", since=mark, timeout=2)  # let it draw
            await session.press("q")
            return session.text(mark)

    shown = asyncio.run(try_to_write())
    assert "Author mode" not in shown and "New claim" not in shown
    assert pack_toml.read_bytes() == before
    assert not (served.data / "packs").exists()  # no copy made either
    assert not any(served.data.rglob("pack.toml"))


def _rss_of_descendants(pid: int) -> tuple[int, float]:
    """How many reader processes descend from ``pid`` and their total resident memory (MB)."""
    rss: dict[int, int] = {}
    for child in descendants(pid):
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except OSError:
            continue
        found = re.search(r"^VmRSS:\s+(\d+)", status, flags=re.MULTILINE)
        rss[child] = int(found.group(1)) if found else 0
    pythons = [c for c in rss if rss[c] > 10_000]  # the readers, not their shells
    return len(pythons), sum(rss.values()) / 1024


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="memory is read from /proc")
def test_thirty_sessions_at_once(served: Served) -> None:
    sessions = 30

    async def hold(code: str, ready: asyncio.Event, release: asyncio.Event) -> tuple[bool, bool]:
        async with opened(served.port, code) as session:
            shown = await session.wait_for(TITLE, timeout=150)
            moved = True
            for number in (1, 2, 3):
                mark = await session.press("]")
                moved = moved and await session.wait_for(f"claim C{number} of 65", since=mark,
                                                         timeout=150)
            ready.set()
            await release.wait()
            await session.press("q")
            return shown, moved

    async def everyone() -> tuple[list[tuple[bool, bool]], float, int, float]:
        start = time.monotonic()
        events = [asyncio.Event() for _ in range(sessions)]
        release = asyncio.Event()
        tasks = [asyncio.create_task(hold(f"student-{n}", events[n], release))
                 for n in range(sessions)]
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), timeout=240)
        took = time.monotonic() - start
        count, memory = _rss_of_descendants(served.process.pid)
        release.set()
        results = await asyncio.gather(*tasks)
        return results, took, count, memory

    results, took, processes, memory = asyncio.run(everyone())
    assert results == [(True, True)] * sessions
    # the warm process, and the readers gathered eight to a process
    assert processes == 1 + math.ceil(sessions / 8)
    print(f"\n{sessions} sessions opened and moved 3 claims in {took:.1f} s; "
          f"{processes} processes, {memory:.0f} MB resident in all")
    assert took < 240


def _browser() -> object:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("no Chromium and chromedriver here (Debian: apt install chromium "
                    "chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=driver_path)
    return webdriver.Chrome(options=options, service=service)


# Added to the page by the test only: keeps what the websocket delivers, as text, so the
# test can read the screen the browser is drawing (xterm.js draws on a canvas).
RECORD_SCREEN = """
window.__screen = "";
const Original = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = new Original(url, protocols);
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") {
      window.__screen += new TextDecoder().decode(new Uint8Array(event.data));
    }
  });
  return socket;
};
window.WebSocket.prototype = Original.prototype;
"""


@pytest.mark.slow
def test_browser_end_to_end(served: Served, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = _browser()
    try:
        driver.execute_cdp_cmd(  # type: ignore[attr-defined]
            "Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_SCREEN}
        )
        driver.get(served.url)  # type: ignore[attr-defined]
        # No code yet: the page asks for one.
        field = driver.find_element(By.ID, "code")  # type: ignore[attr-defined]
        field.send_keys("E2E Test" + Keys.ENTER)

        def screen() -> str:
            raw = driver.execute_script("return window.__screen || ''")  # type: ignore[attr-defined]
            return re.sub(r"\x1b\[[0-9;?<>=$]*[A-Za-z~]|\x1b\][^\x07]*\x07", "", str(raw))

        def wait_for(needle: str, timeout: float = 60, since: int = 0) -> bool:
            end = time.monotonic() + timeout
            while time.monotonic() < end:
                if re.search(needle, screen()[since:]):
                    return True
                time.sleep(0.2)
            return False

        assert wait_for(TITLE), screen()[-500:]
        kept = driver.execute_script(  # type: ignore[attr-defined]
            "return window.localStorage.getItem('lateral-code')")
        assert kept == "e2e-test"
        link = driver.find_element(By.ID, "plain-link")  # type: ignore[attr-defined]
        assert link.is_displayed() and link.get_attribute("href").endswith("/plain")
        from selenium.webdriver.common.action_chains import ActionChains

        # Focus the terminal without clicking (a click would select the sentence under it).
        driver.execute_script(  # type: ignore[attr-defined]
            "document.querySelector('.xterm-helper-textarea').focus()"
        )
        before = len(screen())
        ActionChains(driver).send_keys("]").perform()  # type: ignore[arg-type]
        # The status line moves to the first claim and the panel shows its verdict.
        assert wait_for(r"claim C1 of 65", since=before), screen()[before:][-500:]
        assert wait_for(r"Needs context", since=before)
        artifacts = Path(os.environ.get("LATERAL_TEST_ARTIFACTS", tmp_path))
        artifacts.mkdir(parents=True, exist_ok=True)
        shot = artifacts / "serve-browser.png"
        driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
        assert shot.stat().st_size > 10_000
        print(f"\nscreenshot: {shot}")
        # Quitting the reader says so, and how to carry on.
        ActionChains(driver).send_keys("q").perform()  # type: ignore[arg-type]
        ended = driver.find_element(By.ID, "ended")  # type: ignore[attr-defined]
        deadline = time.monotonic() + 30
        while not ended.is_displayed() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ended.is_displayed() and "kept under your code" in ended.text
    finally:
        driver.quit()  # type: ignore[attr-defined]
    assert (served.data / "sessions" / "e2e-test").is_dir()
