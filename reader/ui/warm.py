"""The warm process of ``lateral serve``: one prepared process per served pack, from which every
browser's reader is forked.

Started by :class:`reader.serving.warm.WarmStarter` as ``python -m reader.ui.warm SOCKET
PER_PROCESS [PATH]`` with the environment every served reader gets (Textual's web driver is
chosen when Textual is imported, so it must be set before). It imports the reader's interface,
opens the pack once with every claim placed, rehearses the first screen, moves all of that out
of the garbage collector's scans, and listens on a Unix socket that only the teacher's account
can use. Each request carries the three ends of pipes for a reader's standard input, output
and error, passed as file descriptors, and the session's own variables (its folder, its
terminal size).

With PER_PROCESS above 1 (the default is 8), the reader goes to a host forked from this process
(:mod:`reader.ui.host`, chosen by :mod:`reader.ui.hosts`) that runs up to that many readers, one
a thread; with 1, a child is forked for it alone that takes the pipes as its standard streams
and runs the reader exactly as ``python -m reader PATH`` would. Either way the memory of this
process is shared until written to, and a reader starts in the time it takes to build its
first screen.

This process answers one request at a time and never starts a thread (so it can fork); if it
cannot fork (or ends), the server starts readers the ordinary way.
"""

from __future__ import annotations

__all__ = ["main"]

import json
import os
import signal
import socket
import sys
import threading
import traceback
from pathlib import Path
from typing import Any, NoReturn

from reader.environment import SESSION_VARIABLES  # all a request may set; nothing else is used
from reader.ui.host import receive


class _Opened:
    """A document source for a forked reader: the pack the warm process opened."""

    def __init__(self, path: Path, opened: Any) -> None:
        self.path = path
        self._opened = opened

    def opened(self) -> Any:
        return self._opened

    def placed(self) -> Any:
        raise RuntimeError("the warm process placed every claim before forking")

    def keep(self) -> None:
        return

    def finish(self) -> None:
        return


def _prepare(path: Path | None) -> _Opened:
    from reader import gcpolicy
    from reader.open import open_for_reading
    from reader.resources import default_pack
    from reader.ui import app, host, served_driver  # noqa: F401  (shared by every reader)

    target = path if path is not None else default_pack()
    source = _Opened(target, open_for_reading(target))
    _rehearse(source)
    gcpolicy.tune_for_reader()  # what exists now is shared: keep it out of the scans
    return source


def _rehearse(source: _Opened) -> None:
    """Run the reader once, headless, to its first screen and out again, in a folder thrown
    away after: what Textual and Rich keep from a first run (parsed styles, measured text,
    the stylesheet's rules) is then made once here and shared by every reader forked after,
    instead of being made again by each."""
    import tempfile

    from reader.ui.app import make_app

    async def first_screen_then_quit(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.exit()

    with tempfile.TemporaryDirectory(prefix="lateral-warm-") as folder:
        before = os.environ.get("LATERAL_DATA_DIR")
        os.environ["LATERAL_DATA_DIR"] = folder
        try:
            app = make_app(source=source, opened=source.opened(), state_dir=Path(folder))
            app.run(headless=True, size=(120, 40), auto_pilot=first_screen_then_quit)
        except Exception as exc:
            from reader import debuglog

            debuglog.record("the warm process could not rehearse the reader", exc)
        finally:
            if before is None:
                os.environ.pop("LATERAL_DATA_DIR", None)
            else:
                os.environ["LATERAL_DATA_DIR"] = before


def _run_child(source: _Opened, fds: list[int], request: dict[str, Any],
               listener: socket.socket, connection: socket.socket) -> NoReturn:
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        listener.close()
        connection.close()
        for target, fd in zip((0, 1, 2), fds, strict=True):
            os.dup2(fd, target)
            os.close(fd)
        environment = request.get("env", {})
        for name, value in environment.items():
            if name in SESSION_VARIABLES:
                os.environ[name] = str(value)
        from reader.ui.app import run_reader

        code = run_reader(source, source.opened(), quiz=bool(request.get("quiz")))
    except BaseException:
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _serve(listener: socket.socket, source: _Opened, per_process: int) -> None:
    """Answer requests until the server goes: it holds the other end of standard input, so
    standard input ends when it does, however it ended."""
    import select

    from reader.ui.hosts import Hosts

    hosts = Hosts(source, per_process, listener)
    while True:
        readable, _, _ = select.select([listener, sys.stdin, *hosts.controls()], [], [])
        if sys.stdin in readable:
            return
        for control in hosts.controls():
            if control in readable:
                hosts.heard(control)
        if listener in readable:
            _answer(listener, source, hosts if per_process > 1 else None)


def _answer(listener: socket.socket, source: _Opened, hosts: Any) -> None:
    """One request from the server: a reader, in a host or (``hosts`` None) forked alone."""
    connection, _ = listener.accept()
    fds: list[int] = []
    with connection:
        try:
            message, fds = receive(connection)  # the descriptors are closed below, whatever
            request = json.loads(message.decode("utf-8"))
            if not isinstance(request, dict) or len(fds) != 3:
                raise ValueError("a request is a JSON object with three file descriptors")
            if threading.active_count() != 1:
                raise RuntimeError("the warm process runs a thread; it cannot fork")
            sys.stdout.flush()
            sys.stderr.flush()
            if hosts is not None:
                reply = hosts.start_reader(request, fds, connection)
            else:
                pid = os.fork()
                if pid == 0:
                    _run_child(source, fds, request, listener, connection)
                reply = {"pid": pid}
        except (OSError, ValueError, RuntimeError) as exc:
            reply = {"error": str(exc)}
        finally:
            for fd in fds:
                os.close(fd)
        try:
            connection.sendall(json.dumps(reply).encode("utf-8"))
        except OSError:
            return


def main(argv: list[str]) -> int:
    """``python -m reader.ui.warm SOCKET PER_PROCESS [PATH]``: prepare, then fork readers
    (PER_PROCESS 1: each in a process of its own) or hosts of readers until stopped."""
    socket_path = Path(argv[0])
    per_process = max(1, int(argv[1]))
    path = Path(argv[2]) if len(argv) > 2 else None
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped as they end
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops it with SIGTERM
    source = _prepare(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o177)  # the socket: the teacher's account only
    try:
        listener.bind(str(socket_path))
    finally:
        os.umask(old_mask)
    listener.listen(64)
    print("ready", flush=True)
    try:
        _serve(listener, source, per_process)
    finally:
        listener.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
