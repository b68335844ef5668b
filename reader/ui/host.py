"""A process that runs several served readers at once, each in a thread of its own.

Forked from the warm process (:mod:`reader.ui.warm`), a host shares with it, copy-on-write, the
imported interface and the opened pack. Most of what a reader costs is not its own objects but
the shared pages it writes to while drawing its first screen (reference counts, the
interpreter's caches in code objects): about 12 MB, the same for one reader as for eight. A
host pays that once for all its readers, so each further reader costs only what it makes
(about 3.5 MB). See the README's "A classroom in the browser" for the figures.

Each reader keeps what makes it a reader of its own session:

* its browser's pipes (a web driver on them, :mod:`reader.ui.served_driver`);
* its session's variables — folder, class folder, code, name, terminal size — through
  :func:`reader.environment.session_environment`, which its tasks and worker threads inherit;
* its own event loop, in its own thread.

A reader that fails ends alone: its thread closes its pipes, and the server tells its student.
The host tells the warm process each time a reader ends, and ends itself once the warm process
has let it go and its last reader has ended. What readers in one host share is the process:
one that brought the process down (a crash of the interpreter itself, or the process killed)
would end them all, which is why a host holds only a few (``serve --per-process``).

The conversation with the warm process is one message a packet over a Unix socket pair: a
request (JSON, with the reader's three pipe ends attached) is answered ``{"started": true}``
or ``{"error": ...}``, and ``{"ended": 1}`` is sent whenever a reader ends.
"""

from __future__ import annotations

__all__ = ["receive", "run_host"]

import array
import contextlib
import json
import os
import socket
import sys
import threading
import traceback
from typing import Any, NoReturn

MAX_REQUEST = 64 * 1024


def receive(connection: socket.socket) -> tuple[bytes, list[int]]:
    """One message and the (at most three) descriptors attached to it, b"" once the other end
    has closed: a request from the server to the warm process, or from it to a host."""
    fds = array.array("i")
    message, ancillary, _flags, _address = connection.recvmsg(
        MAX_REQUEST, socket.CMSG_LEN(3 * fds.itemsize))
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
    return message, list(fds)


class _Host:
    def __init__(self, source: Any, control: socket.socket) -> None:
        self.source = source
        self.control = control
        self.lock = threading.Lock()
        self.readers: list[threading.Thread] = []

    def tell(self, message: dict[str, Any]) -> None:
        # If the warm process has gone, the readers carry on to their end all the same.
        with self.lock, contextlib.suppress(OSError):
            self.control.send(json.dumps(message).encode("utf-8"))

    def start(self, request: dict[str, Any], fds: list[int]) -> None:
        thread = threading.Thread(target=self.run_one, args=(request, fds),
                                  name=f"reader-{len(self.readers)}")
        thread.start()
        self.readers = [each for each in self.readers if each.is_alive()] + [thread]

    def run_one(self, request: dict[str, Any], fds: list[int]) -> None:
        """One reader, from its first screen to its end, on its own pipes."""
        from reader.environment import session_environment
        from reader.ui.app import HostedRun, run_reader
        from reader.ui.served_driver import HostedWebDriver, ReaderLoop, channel

        stdin, stdout, stderr = fds
        errors = open(stderr, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        try:
            environment = request.get("env", {})
            with session_environment(environment if isinstance(environment, dict) else {}), \
                    channel(stdin, stdout):
                loop = ReaderLoop()
                try:
                    run_reader(self.source, self.source.opened(), quiz=bool(request.get("quiz")),
                               hosted=HostedRun(HostedWebDriver, loop, errors))
                finally:
                    loop.run_until_complete(loop.shutdown_default_executor())
                    loop.close()
        except BaseException:
            traceback.print_exc(file=errors)
        finally:
            try:
                errors.close()
            finally:
                for fd in fds:
                    os.close(fd)  # the server sees the reader's output end: it has ended
                self.tell({"ended": 1})


def run_host(source: Any, control: socket.socket) -> NoReturn:
    """Run readers as the warm process asks, until it lets this host go and the last ends."""
    from reader import gcpolicy

    gcpolicy.shared_by_readers()
    # No one reads the host's own standard output and error: each reader's go to its pipes.
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    os.close(quiet)
    host = _Host(source, control)
    code = 0
    try:
        while True:
            try:
                message, fds = receive(control)
            except OSError:
                message, fds = b"", []
            if not message:
                break  # let go (or the warm process has gone): take no more readers
            try:
                request = json.loads(message.decode("utf-8"))
                if not isinstance(request, dict) or len(fds) != 3:
                    raise ValueError("a request is a JSON object with three descriptors")
                host.start(request, fds)
            except (ValueError, RuntimeError) as exc:
                for fd in fds:
                    os.close(fd)
                host.tell({"error": str(exc)})
            else:
                host.tell({"started": True})
        for thread in host.readers:
            thread.join()
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        os._exit(code)
