"""A browser as ``lateral serve``'s page drives it, for the benchmarks and the tests: join with
a code, open the reader's websocket with the ticket, press keys, and read what the reader
draws (escape sequences taken out). Also: a free port, and the processes under a server."""

from __future__ import annotations

__all__ = ["ANSI", "Session", "descendants", "free_port", "join", "opened", "secret_for"]

import asyncio
import contextlib
import json
import re
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

ANSI = re.compile(rb"\x1b\[[0-9;?<>=$]*[A-Za-z~]|\x1b\][^\x07]*\x07")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (its children, theirs, …), read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], list(children.get(pid, []))
    while todo:
        each = todo.pop()
        found.append(each)
        todo.extend(children.get(each, []))
    return found


def secret_for(code: str) -> str:
    """A browser's key for ``code`` (the page makes a random one and keeps it)."""
    from reader.serving.access import session_code

    return ((session_code(code) or code).encode().hex() + "0" * 32)[:32]


class Session:
    """One browser's worth of reader, driven over the websocket the page uses."""

    def __init__(self, ws: Any, asked_at: float | None = None) -> None:
        self.ws = ws
        self.received = bytearray()
        # when the websocket was asked for (its handshake counts in the time to the article)
        self.asked_at = time.monotonic() if asked_at is None else asked_at

    def text(self, since: int = 0) -> str:
        return ANSI.sub(b"", bytes(self.received[since:])).decode("utf-8", "replace")

    async def wait_for(self, needle: str, since: int = 0, timeout: float = 60) -> bool:
        """Whether ``needle`` is drawn (after ``since``) within ``timeout`` seconds; False as
        soon as the connection closes."""
        import aiohttp

        end = time.monotonic() + timeout
        while needle not in self.text(since):
            left = end - time.monotonic()
            if left <= 0:
                return False
            try:
                message = await self.ws.receive(timeout=left)
            except asyncio.TimeoutError:
                return False
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received.extend(message.data)
            elif message.type != aiohttp.WSMsgType.TEXT:
                return False
        return True

    async def press(self, key: str) -> int:
        """Send ``key`` as typed; where the reader's output stood before it."""
        mark = len(self.received)
        await self.ws.send_str(json.dumps(["stdin", key]))
        return mark


async def join(client: Any, port: int, code: str, secret: str | None = None,
               word: str = "") -> tuple[int, dict[str, object]]:
    """What the page does first: ask to open ``code``."""
    response = await client.post(f"http://127.0.0.1:{port}/join", json={
        "code": code, "secret": secret or secret_for(code), "join": word})
    return response.status, await response.json()


@contextlib.asynccontextmanager
async def opened(port: int, code: str, secret: str | None = None, word: str = "",
                 size: str = "width=120&height=40") -> AsyncIterator[Session]:
    """A browser that joined and opened its reader's websocket (AssertionError if refused)."""
    import aiohttp

    async with aiohttp.ClientSession() as client:
        status, answer = await join(client, port, code, secret, word)
        if status != 200:
            raise AssertionError(answer)
        asked_at = time.monotonic()
        async with client.ws_connect(
            f"http://127.0.0.1:{port}/ws/{answer['code']}/{answer['ticket']}?{size}"
        ) as ws:
            yield Session(ws, asked_at)
