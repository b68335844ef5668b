"""The warm process's hosts (:mod:`reader.ui.host`): which one takes the next reader, when a
new one is forked, and when one is let go.

A reader goes to the fullest host that still has room, so readers gather in as few hosts as a
class needs and a host whose readers have all ended is let go (its memory returned) rather
than kept half-empty. A host takes at most ``LIFETIME`` times its capacity in readers over its
life, then no more, and ends with its last: a process that has run many readers keeps a little
of each (Textual's caches hold about 0.6 MB of a reader that has ended, and the allocator does
not give everything back), so no host grows for a whole school day. A host that ends of itself
(killed, crashed) is forgotten; its readers' students are told by the server, and the next
reader goes to another host.
"""

from __future__ import annotations

__all__ = ["Hosts"]

import json
import os
import signal
import socket
import time
from dataclasses import dataclass
from typing import Any

REPLY_TIMEOUT = 10.0
LIFETIME = 4  # a host takes at most this many times its capacity in readers, over its life


@dataclass
class _Known:
    pid: int
    control: socket.socket
    readers: int = 0  # running now
    started: int = 0  # in all


class Hosts:
    """Hosts forked from this (warm) process, each running up to ``capacity`` readers."""

    def __init__(self, source: Any, capacity: int, listener: socket.socket) -> None:
        self.source = source
        self.capacity = capacity
        self._listener = listener  # a new host closes it, and the other hosts' sockets
        self._known: dict[int, _Known] = {}  # by the control socket's descriptor

    def controls(self) -> list[socket.socket]:
        return [each.control for each in self._known.values()]

    def readers(self) -> int:
        return sum(each.readers for each in self._known.values())

    def heard(self, control: socket.socket) -> None:
        """Read what a host has said (a reader ended; or the host has gone)."""
        known = self._known.get(control.fileno())
        if known is None:
            return
        try:
            message = control.recv(4096)
        except OSError:
            message = b""
        if not message:
            self._forget(known)
            return
        self._note(known, message)

    def start_reader(self, request: dict[str, Any], fds: list[int],
                     connection: socket.socket) -> dict[str, Any]:
        """Hand one reader (its request and pipe ends, from ``connection``) to a host; the
        reply for the server."""
        roomy = [each for each in self._known.values() if each.readers < self.capacity
                 and each.started < LIFETIME * self.capacity]
        known = (max(roomy, key=lambda each: each.readers) if roomy
                 else self._fork([self._listener, connection], fds))
        try:
            socket.send_fds(known.control, [json.dumps(request).encode("utf-8")], fds)
            known.readers += 1
            known.started += 1
            if self._reply(known):
                return {"pid": known.pid, "hosted": True}
            return {"error": "the reader's host refused it"}
        except OSError as exc:
            self._forget(known)
            return {"error": f"the reader's host has gone: {exc}"}

    def _reply(self, known: _Known) -> bool:
        """Wait for the host's answer to the request just sent (noting any reader that ended
        meanwhile)."""
        deadline = time.monotonic() + REPLY_TIMEOUT
        while (left := deadline - time.monotonic()) > 0:
            known.control.settimeout(left)
            try:
                message = known.control.recv(4096)
            finally:
                known.control.settimeout(None)
            if not message:
                raise OSError("it ended")
            answer = self._note(known, message)
            if "started" in answer:
                return True
            if "error" in answer:
                known.readers -= 1
                return False
        raise OSError("it did not answer")

    def _note(self, known: _Known, message: bytes) -> dict[str, Any]:
        try:
            said = json.loads(message.decode("utf-8"))
        except ValueError:
            return {}
        if not isinstance(said, dict):
            return {}
        if said.get("ended"):
            known.readers -= 1
            if known.readers <= 0:
                self._forget(known)  # let it go: it ends, its memory with it
        return said

    def _forget(self, known: _Known) -> None:
        self._known.pop(known.control.fileno(), None)
        known.control.close()

    def _fork(self, sockets: list[socket.socket], closing: list[int]) -> _Known:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = os.fork()
        if pid == 0:
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                ours.close()
                for each in [*sockets, *self.controls()]:
                    each.close()
                for fd in closing:
                    os.close(fd)  # the request's pipes come again, over the socket
            except BaseException:
                os._exit(1)
            from reader.ui.host import run_host

            run_host(self.source, theirs)
        theirs.close()
        known = _Known(pid, ours)
        self._known[ours.fileno()] = known
        return known
