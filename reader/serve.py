"""``lateral serve``: the reader in the browsers of a classroom, with no internet.

Each browser connection runs its own reader process (``textual-serve`` drives it over a
websocket). The student types a code once; the page keeps it (in the address and the
browser's storage), and every process started for that code keeps its notes and place in
``<data dir>/sessions/<code>``, so a refresh or a reconnect carries on where they were.
Work handed in from a browser (s, then h) lands in ``<data dir>/handed-in`` on the
teacher's computer, ready for ``lateral class``.

The page is our own: it loads nothing from outside (textual-serve's page fetches a web font
from Google; ours uses the font that comes in the package) and links to a text-only view.
"""

from __future__ import annotations

__all__ = ["SESSION_CODE", "ServeError", "build_server", "session_code", "share_address"]

import asyncio
import html
import ipaddress
import re
import shlex
import socket
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web

SESSION_CODE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")


class ServeError(Exception):
    """``lateral serve`` cannot start; the message says why and what to do."""


def session_code(text: str) -> str | None:
    """The folder-safe form of what a student typed ("Ana B 7" → "ana-b-7"), or None."""
    code = re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")
    return code if SESSION_CODE.fullmatch(code) else None


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


def _command(path: Path | None) -> str:
    """The shell command that runs one reader (textual-serve starts it with a shell)."""
    argv = [sys.executable, "-m", "reader"] + ([str(path)] if path is not None else [])
    if sys.platform == "win32":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)


def page(title: str) -> str:
    """The browser page: a code form, then the reader, and a link to the text-only view."""
    template = resources.files("reader.web").joinpath("index.html").read_text("utf-8")
    return template.replace("{{ title }}", html.escape(title))


def build_server(
    path: Path | None, title: str, plain_text: str, host: str, port: int, sessions: Path
) -> Any:
    """The server (a ``textual_serve.server.Server``); raises :class:`ServeError` when the
    ``serve`` extra is not installed."""
    try:
        server_class = _classroom_server_class()
    except ImportError:
        raise ServeError(
            "`lateral serve` needs the serve extra: pip install 'lateral-reader[serve]'"
        ) from None
    return server_class(path, title, plain_text, host, port, sessions)


def _session_service_class() -> type[Any]:
    """textual-serve's app service, made to keep each reader's notes and place in the folder
    of its session code."""
    from textual_serve.app_service import AppService

    class SessionAppService(AppService):
        """One reader process whose notes and place live in the session's folder."""

        def __init__(self, *args: Any, data_folder: Path, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.data_folder = data_folder

        def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
            environment: dict[str, str] = super()._build_environment(width, height)
            environment["LATERAL_DATA_DIR"] = str(self.data_folder)
            environment["LATERAL_HANDIN_DIR"] = str(self.data_folder.parent.parent / "handed-in")
            environment["LATERAL_SERVED"] = "1"  # no author mode, no editor: see ui.app.served
            environment.pop("NO_COLOR", None)
            return environment

    return SessionAppService


def _classroom_server_class() -> type[Any]:
    """textual-serve's server with our own page, the text-only view, and one reader process
    per connection, kept by session code."""
    from aiohttp import web
    from textual_serve.server import Server

    service_class = _session_service_class()

    class ClassroomServer(Server):
        def __init__(
            self,
            path: Path | None,
            title: str,
            plain_text: str,
            host: str,
            port: int,
            sessions: Path,
        ) -> None:
            super().__init__(_command(path), host=host, port=port, title=title,
                             public_url=share_address(host, port).rstrip("/"))
            self.sessions = sessions
            (sessions.parent / "handed-in").mkdir(parents=True, exist_ok=True)
            self.page = page(title)
            self.plain = plain_text

        def initialize_logging(self) -> None:
            return  # the CLI prints what the teacher needs

        async def on_startup(self, app: web.Application) -> None:
            return

        async def _make_app(self) -> web.Application:
            app = web.Application()
            app.add_routes([
                web.get("/", self.handle_page),
                web.get("/plain", self.handle_plain),
                web.get("/ws/{code}", self.handle_session),
                web.static("/static", self.statics_path, name="static"),
            ])
            return app

        async def handle_page(self, request: web.Request) -> web.Response:
            return web.Response(text=self.page, content_type="text/html", charset="utf-8")

        async def handle_plain(self, request: web.Request) -> web.Response:
            return web.Response(text=self.plain, content_type="text/plain", charset="utf-8")

        async def handle_session(self, request: web.Request) -> web.StreamResponse:
            return await _serve_session(self, request, service_class)

    return ClassroomServer


async def _serve_session(
    server: Any, request: web.Request, service_class: type[Any]
) -> web.StreamResponse:
    """Run one reader over the request's websocket, in the folder of its session code."""
    from aiohttp import web

    code = session_code(request.match_info["code"])
    if code is None:
        raise web.HTTPBadRequest(text="a session code is letters, digits and dashes")
    folder = server.sessions / code
    folder.mkdir(parents=True, exist_ok=True)
    websocket = web.WebSocketResponse(heartbeat=15)
    width = _size(request.query.get("width"), 80)
    height = _size(request.query.get("height"), 24)
    service: Any = None
    try:
        await websocket.prepare(request)
        service = service_class(
            server.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=server.download_manager,
            debug=False,
            data_folder=folder,
        )
        await service.start(width, height)
        await server._process_messages(websocket, service)
    except asyncio.CancelledError:
        await websocket.close()
    finally:
        if service is not None:
            await service.stop()
    return websocket


def _size(value: str | None, default: int) -> int:
    try:
        return max(10, min(500, int(value or default)))
    except ValueError:
        return default
