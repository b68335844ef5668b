"""``lateral serve``: the reader in the browsers of a classroom, with no internet.

Each browser runs its own reader, driven over a websocket by textual-serve's app service.
The student types a code once; the page keeps it with a random secret (in the browser's
storage), and every reader started for that code keeps its notes and place in
``<data dir>/sessions/<code>``, so a refresh or a reconnect carries on where they were. Work
handed in from a browser (s, then h) lands in ``<data dir>/handed-in`` on the teacher's
computer, under the session's code, ready for ``lateral class``.

Readers run as the teacher, so everything a browser sends is untrusted (see
:mod:`reader.serving.access` for the join word, codes and owners). The server bounds what one
browser can cost: at most ``max_students`` readers at once, readers idle for ``idle_minutes``
closed (their place and work are saved as they go), messages of at most 64 KB, and terminals
of at most 300×120 cells. What it says to a browser names no path and no folder.

Readers are forked from a warm process that has already imported the interface and opened the
pack, eight to a process by default (``per_process``; :mod:`reader.serving.warm`); where that
is not possible they start as ``python -m reader``. The page is our own: it loads nothing from
outside and links to a text-only view.
"""

from __future__ import annotations

__all__ = ["ServeError", "ServeOptions", "build_server", "is_loopback", "session_code",
           "share_address"]

import asyncio
import contextlib
import html
import ipaddress
import shlex
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from reader.serving.access import ClassAccess, Refused, Tickets, session_code
from reader.serving.session import MAX_MESSAGE, Live, notice, serve_session


class ServeError(Exception):
    """``lateral serve`` cannot start; the message says why and what to do."""


@dataclass
class ServeOptions:
    """What one ``lateral serve`` serves, to whom, and within which limits."""

    path: Path | None
    title: str
    plain_text: str
    host: str
    port: int
    sessions: Path
    access: ClassAccess | None = None
    quiz: bool = False
    max_students: int = 60
    idle_minutes: float = 30.0
    warm: bool = True
    per_process: int = 8  # readers sharing one process forked from the warm one
    on_event: Any = field(default=None)  # called with one line for the teacher's log
    pack: Any = None  # the pack served: the text-only view follows a live lesson with it


def share_address(host: str, port: int) -> str:
    """The address students type: the host itself, or this machine's address on the
    network when bound to every interface."""
    shown = host
    if host in ("0.0.0.0", "::", ""):
        shown = _lan_address() or socket.gethostname()
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _lan_address() -> str | None:
    """This machine's address on the local network (no packet is sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return str(address)


def _command(path: Path | None, quiz: bool) -> str:
    """The shell command that runs one reader (textual-serve starts it with a shell)."""
    argv = [sys.executable, "-m", "reader"] + ([str(path)] if path is not None else [])
    if quiz:
        argv.append("--quiz")
    if sys.platform == "win32":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)


def page(title: str, join_needed: bool) -> str:
    """The browser page: a code form, then the reader, and a link to the text-only view."""
    template = resources.files("reader.web").joinpath("index.html").read_text("utf-8")
    return (template.replace("{{ title }}", html.escape(title))
            .replace("{{ join_needed }}", "true" if join_needed else "false"))


def build_server(options: ServeOptions) -> ClassroomServer:
    """The server; raises :class:`ServeError` when the ``serve`` extra is not installed."""
    try:
        import aiohttp  # noqa: F401
        import textual_serve.app_service  # noqa: F401
    except ImportError:
        raise ServeError(
            "`lateral serve` needs the serve extra: pip install 'lateral-reader[serve]'"
        ) from None
    return ClassroomServer(options)


class ClassroomServer:
    """The web server: the page, the text-only view, and one reader per websocket."""

    def __init__(self, options: ServeOptions) -> None:
        from reader.serving.service import session_service_class

        self.options = options
        self.access = options.access or ClassAccess(options.sessions)
        self.command = _command(options.path, options.quiz)
        self.handed_in = options.sessions.parent / "handed-in"
        self.handed_in.mkdir(parents=True, exist_ok=True)
        options.sessions.mkdir(parents=True, exist_ok=True)
        self.page = page(options.title, self.access.join_word is not None)
        self.live: dict[str, Live] = {}
        self.tickets = Tickets()
        self._runner: Any = None
        self._plain = ""  # the text-only view for the lesson as it is (_plain_for)
        self._plain_for: Any = None
        self._idle: asyncio.Task[None] | None = None
        self.warm: Any = None
        self.service_class = session_service_class()

    # -- the teacher's log ------------------------------------------------------------------

    def say(self, line: str) -> None:
        if self.options.on_event is not None:
            self.options.on_event(line)

    # -- running -------------------------------------------------------------------------------

    def serve(self) -> None:
        """Serve until Ctrl+C (or SIGTERM), then close every reader so it saves its place."""
        asyncio.run(self._main())

    async def _main(self) -> None:
        import signal

        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, stop.set)
        await self.start()
        try:
            await stop.wait()
        finally:
            await self.stop()

    async def start(self) -> None:
        """Start the warm process and listen (raises ``OSError`` if the port is taken)."""
        from aiohttp import web

        from reader.lesson import Lesson, lesson_file, write_lesson

        write_lesson(lesson_file(self.options.sessions), Lesson())  # a new lesson
        await self.start_warm()
        self._runner = web.AppRunner(self.make_app(), handle_signals=False, access_log=None)
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, self.options.host, self.options.port).start()
        except OSError:
            await self.stop()
            raise
        self._idle = asyncio.create_task(self._close_idle())

    async def stop(self) -> None:
        """Close every reader (each keeps its place) and stop listening."""
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
        await self.close_all("The class has ended: the teacher stopped the server. "
                             "Your notes and your place are kept.")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self.warm is not None:
            await asyncio.to_thread(self.warm.stop)
            self.warm = None

    async def start_warm(self) -> None:
        """Start the warm process, unless turned off or not possible here."""
        from reader.serving.warm import WarmStarter, can_warm_start

        if not self.options.warm or not can_warm_start():
            return
        environment = self.service_class.base_environment()
        starter = WarmStarter(self.options.path, environment, self.options.per_process)
        if await asyncio.to_thread(starter.start):
            self.warm = starter
        else:
            self.say(f"Readers start one by one ({starter.failure}).")

    def make_app(self) -> Any:
        from aiohttp import web
        from textual_serve import server as textual_server

        statics = Path(textual_server.__file__).parent / "static"
        app = web.Application(client_max_size=MAX_MESSAGE)
        app.add_routes([
            web.get("/", self.handle_page),
            web.get("/plain", self.handle_plain),
            web.post("/join", self.handle_join),
            web.get("/ws/{code}/{ticket}", self.handle_session),
            web.static("/static", statics, name="static"),
        ])
        return app

    # -- pages --------------------------------------------------------------------------------

    async def handle_page(self, request: Any) -> Any:
        from aiohttp import web

        return web.Response(text=self.page, content_type="text/html", charset="utf-8")

    async def handle_plain(self, request: Any) -> Any:
        """The text-only view, for screen readers: in a paced lesson, without the verdicts
        the teacher holds back."""
        from aiohttp import web

        return web.Response(text=self.plain_now(), content_type="text/plain", charset="utf-8")

    def plain_now(self) -> str:
        from reader.export.plain import render_plain
        from reader.lesson import lesson_file, read_lesson

        lesson = read_lesson(lesson_file(self.options.sessions))
        pack = self.options.pack
        if not lesson.paced or pack is None:
            return self.options.plain_text
        if self._plain_for != lesson:
            held = {c.id for c in pack.claims if not lesson.shows_verdict(c.id)}
            self._plain = render_plain(pack, quiz=self.options.quiz, held=held)
            self._plain_for = lesson
        return self._plain

    def _admit(self, code: str, secret: str, join: str) -> str:
        """The code a browser may open now; :class:`Refused` if not."""
        return self.room_for(self.access.admit(code, secret, join))

    def room_for(self, admitted: str) -> str:
        """``admitted``, if there is room for one more reader; :class:`Refused` if not."""
        if admitted not in self.live and len(self.live) >= self.options.max_students:
            raise Refused(f"The class is full ({self.options.max_students} readers are open). "
                          "Ask your teacher.")
        return admitted

    async def handle_join(self, request: Any) -> Any:
        """The page asks first, so that a refusal is shown beside the form."""
        from aiohttp import web

        try:
            asked = await request.json()
            if not isinstance(asked, dict):
                raise ValueError
            code = self._admit(str(asked.get("code", "")), str(asked.get("secret", "")),
                               str(asked.get("join", "")))
        except Refused as refusal:
            return web.json_response({"ok": False, "message": refusal.message}, status=403)
        except (ValueError, UnicodeDecodeError):
            return web.json_response({"ok": False, "message": "The page sent something this "
                                      "server does not understand. Reload the page."},
                                     status=400)
        return web.json_response({"ok": True, "code": code, "ticket": self.tickets.issue(code)})

    # -- readers ------------------------------------------------------------------------------

    async def handle_session(self, request: Any) -> Any:
        return await serve_session(self, request)

    async def close_all(self, message: str) -> None:
        await asyncio.gather(*(self.close_live(live, message) for live in list(self.live.values())),
                             return_exceptions=True)

    async def close_live(self, live: Live, message: str) -> None:
        """Tell the student why, then close the websocket (the reader then quits and saves)."""
        if live.closing is not None:
            return
        live.closing = message
        with contextlib.suppress(Exception):
            await live.websocket.send_bytes(notice(message))
        with contextlib.suppress(Exception):
            await live.websocket.close()

    async def _close_idle(self) -> None:
        limit = self.options.idle_minutes * 60
        while True:
            await asyncio.sleep(min(30.0, max(1.0, limit / 4)))
            now = time.monotonic()
            for live in list(self.live.values()):
                if now - live.last_seen > limit:
                    self.say(f"{live.code}: closed after {self.options.idle_minutes:g} idle "
                             "minutes")
                    await self.close_live(
                        live, f"Closed after {self.options.idle_minutes:g} minutes with nothing "
                        "typed. Your notes and your place are kept: reload the page to carry on.")
