"""One browser's reader under ``lateral serve``: admit it, start its reader, pass messages both
ways within bounds, and close it when the student leaves, idles, or the server stops."""

from __future__ import annotations

__all__ = ["MAX_MESSAGE", "Live", "notice", "serve_session"]

import asyncio
import contextlib
import json
import time
from typing import TYPE_CHECKING, Any

from reader.serving.access import Refused, session_code

if TYPE_CHECKING:
    from aiohttp import web

MAX_MESSAGE = 64 * 1024
MAX_WIDTH, MAX_HEIGHT = 300, 120
MAX_KEYS = 4096  # characters of one "stdin" message: a paste, not a flood


class Live:
    """One open reader: its code, websocket, app service and when its student last typed."""

    def __init__(self, code: str, websocket: Any) -> None:
        self.code = code
        self.websocket = websocket
        self.service: Any = None
        self.last_seen = time.monotonic()
        self.closing: str | None = None  # why the server is closing it


def notice(message: str) -> bytes:
    """``message`` as terminal output: on a clear screen, where the reader was."""
    return ("\x1b[?1049l\x1b[2J\x1b[H\r\n  " + message + "\r\n").encode("utf-8")


def clamp_size(value: Any, default: int, largest: int) -> int:
    try:
        return max(10, min(largest, int(value if value is not None else default)))
    except (TypeError, ValueError):
        return default


def decode_message(text: str) -> tuple[str, Any] | None:
    """A browser's message as (type, data), or None when it is not one we take."""
    try:
        envelope = json.loads(text)
    except ValueError:
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    return envelope[0], envelope[1] if len(envelope) > 1 else None



async def serve_session(server: Any, request: web.Request) -> web.StreamResponse:
    """Run one reader over the request's websocket, in the folder of its session code."""
    from aiohttp import web

    websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
    await websocket.prepare(request)
    query = request.query
    try:
        code = session_code(request.match_info["code"])
        if code is None:
            raise Refused("A code is letters, digits and dashes (up to 40).")
        server.tickets.redeem(code, request.match_info["ticket"])
        server.room_for(code)
    except Refused as refusal:
        await websocket.send_bytes(notice(refusal.message))
        await websocket.close()
        return websocket
    earlier = server.live.get(code)
    if earlier is not None:  # the same browser again (a refresh): the old reader goes
        await server.close_live(earlier, "This code was opened again in this browser.")
        await _wait_gone(server, code, earlier)
    live = Live(code, websocket)
    server.live[code] = live
    server.say(f"{code}: connected ({len(server.live)} open)")
    try:
        await _run(server, live, query)
    finally:
        if server.live.get(code) is live:
            del server.live[code]
        server.say(f"{code}: closed ({len(server.live)} open)")
    return websocket


async def _wait_gone(server: Any, code: str, live: Live) -> None:
    for _ in range(100):
        if server.live.get(code) is not live:
            return
        await asyncio.sleep(0.05)


async def _run(server: Any, live: Live, query: Any) -> None:
    options = server.options
    service = server.service_class(
        server.command,
        write_bytes=live.websocket.send_bytes,
        write_str=live.websocket.send_str,
        close=live.websocket.close,
        download_manager=_downloads(),
        debug=False,
        data_folder=options.sessions / live.code,
        handed_in=server.handed_in,
        student=server.access.student(live.code),
        quiz=options.quiz,
        warm=server.warm,
    )
    live.service = service
    width = clamp_size(query.get("width"), 80, MAX_WIDTH)
    height = clamp_size(query.get("height"), 24, MAX_HEIGHT)
    try:
        await service.start(width, height)
        browser = asyncio.ensure_future(_messages(live, service))
        reader = asyncio.ensure_future(_ended(service))
        done, _ = await asyncio.wait({browser, reader}, return_when=asyncio.FIRST_COMPLETED)
        if reader in done and not live.websocket.closed:
            # The reader ended without saying goodbye (it crashed, or was stopped): tell the
            # student, and close (a reader that quits closes the websocket itself).
            await server.close_live(live, "The reader stopped unexpectedly. Your notes are "
                                    "kept: reload the page to carry on.")
        await browser
        reader.cancel()
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await live.websocket.close()
    finally:
        await _stop(service)


async def _ended(service: Any) -> None:
    """Until the reader's process has ended (its output is closed)."""
    task = getattr(service, "_task", None)
    if task is not None:
        await asyncio.shield(task)


async def _stop(service: Any) -> None:
    """Ask the reader to quit (it saves its place), and end it if it does not."""
    try:
        await asyncio.wait_for(service.stop(), timeout=10)
    except (asyncio.TimeoutError, Exception):
        process = getattr(service, "_process", None)
        if process is not None:
            with contextlib.suppress(ProcessLookupError, OSError):
                process.kill()


async def _messages(live: Live, service: Any) -> None:
    """The browser's messages to the reader; anything malformed is ignored."""
    from aiohttp import WSMsgType

    async for message in live.websocket:
        if message.type != WSMsgType.TEXT:
            continue
        decoded = decode_message(message.data)
        if decoded is None:
            continue
        kind, data = decoded
        if kind == "stdin" and isinstance(data, str) and len(data) <= MAX_KEYS:
            live.last_seen = time.monotonic()
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(clamp_size(data.get("width"), 80, MAX_WIDTH),
                                            clamp_size(data.get("height"), 24, MAX_HEIGHT))
        elif kind == "ping":
            await live.websocket.send_json(["pong", data if isinstance(data, str) else ""])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


_DOWNLOADS: Any = None


def _downloads() -> Any:
    """textual-serve's download manager (a served reader delivers no files; the app service
    needs one all the same)."""
    global _DOWNLOADS
    if _DOWNLOADS is None:
        from textual_serve.download_manager import DownloadManager

        _DOWNLOADS = DownloadManager()
    return _DOWNLOADS
