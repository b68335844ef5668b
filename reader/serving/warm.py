"""The server's side of the warm process (see :mod:`reader.ui.warm`): start it, ask it for a
reader, and hand that reader to textual-serve's app service as if it were a subprocess.

Used where processes can fork and pass file descriptors (POSIX, not macOS, whose system
libraries do not support a fork without an exec); elsewhere, or when the warm process is not
running, :meth:`WarmStarter.spawn` returns None and the reader is started the ordinary way.
"""

from __future__ import annotations

__all__ = ["WarmProcess", "WarmStarter", "can_warm_start"]

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

READY_TIMEOUT = 60.0


def can_warm_start() -> bool:
    return (hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and hasattr(socket, "SCM_RIGHTS")
            and sys.platform != "darwin")


class WarmProcess:
    """A forked reader, with the attributes of :class:`asyncio.subprocess.Process` that the
    app service uses: ``stdin``, ``stdout``, ``stderr`` and ``pid``."""

    def __init__(self, pid: int, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 stderr: asyncio.StreamReader, *, hosted: bool = False) -> None:
        self.pid = pid  # the reader's process; with ``hosted``, shared with other readers
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.hosted = hosted
        self.returncode: int | None = None

    def kill(self) -> None:
        """End the reader: its process, or, in a host, the reader alone (its input closed,
        it quits)."""
        if self.hosted:
            self.stdin.close()
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.pid, signal.SIGKILL)

    terminate = kill


class WarmStarter:
    """One warm process for the served pack; :meth:`spawn` forks a reader from it."""

    def __init__(self, path: Path | None, environment: dict[str, str],
                 per_process: int = 1) -> None:
        self.path = path
        self.environment = environment
        self.per_process = per_process
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self.socket_path: Path | None = None
        self.failure: str | None = None

    def start(self) -> bool:
        """Start the warm process and wait until it is ready (whether it is)."""
        if not can_warm_start():
            self.failure = "this system cannot fork readers"
            return False
        self._folder = tempfile.TemporaryDirectory(prefix="lateral-serve-")
        Path(self._folder.name).chmod(0o700)
        self.socket_path = Path(self._folder.name) / "warm.sock"
        argv = [sys.executable, "-m", "reader.ui.warm", str(self.socket_path),
                str(self.per_process)]
        if self.path is not None:
            argv.append(str(self.path))
        try:
            self._process = subprocess.Popen(
                # stdin: a pipe never written to, so the warm process sees it end (and
                # ends) when this process does, however this process ends
                argv, env=self.environment, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, start_new_session=True,
            )
        except OSError as exc:
            self.failure = f"the warm process could not be started: {exc}"
            return False
        assert self._process.stdout is not None
        line = self._process.stdout.readline()  # "ready", once the pack is open
        if line.strip() != b"ready":
            self.failure = "the warm process did not start: " + self._error_text()
            self.stop()
            return False
        return True

    def _error_text(self) -> str:
        if self._process is None or self._process.stderr is None:
            return ""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=5)
        text = self._process.stderr.read().decode("utf-8", "replace").strip()
        return text.splitlines()[-1] if text else f"exit status {self._process.returncode}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        if self._process is not None:
            with contextlib.suppress(ProcessLookupError):
                self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            for stream in (self._process.stdin, self._process.stdout, self._process.stderr):
                if stream is not None:
                    stream.close()
            self._process = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def _request(self, fds: list[int], request: dict[str, Any]) -> tuple[int, bool]:
        """Send one request (blocking, for a thread); the new reader's process id, and
        whether that process is a host shared with other readers."""
        assert self.socket_path is not None
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(30)
            connection.connect(str(self.socket_path))
            socket.send_fds(connection, [json.dumps(request).encode("utf-8")], fds)
            connection.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := connection.recv(4096):
                reply += chunk
        answer = json.loads(reply.decode("utf-8"))
        if "pid" not in answer:
            raise OSError(answer.get("error", "the warm process refused"))
        return int(answer["pid"]), bool(answer.get("hosted"))

    async def spawn(self, environment: dict[str, str], quiz: bool) -> WarmProcess | None:
        """A reader forked from the warm process, or None (then start one the ordinary way)."""
        if not self.running:
            return None
        loop = asyncio.get_running_loop()
        pipes = [os.pipe() for _ in range(3)]
        child = [pipes[0][0], pipes[1][1], pipes[2][1]]
        ours = [pipes[0][1], pipes[1][0], pipes[2][0]]
        try:
            pid, hosted = await loop.run_in_executor(
                None, self._request, child, {"env": environment, "quiz": quiz})
        except (OSError, ValueError) as exc:
            from reader import debuglog

            debuglog.record("a reader could not be forked from the warm process", exc)
            for fd in child + ours:
                os.close(fd)
            return None
        for fd in child:
            os.close(fd)
        stdin_transport, stdin_protocol = await loop.connect_write_pipe(
            lambda: asyncio.streams.FlowControlMixin(loop), os.fdopen(ours[0], "wb", 0))
        stdin = asyncio.StreamWriter(stdin_transport, stdin_protocol, None, loop)
        readers = [await _read_pipe(loop, fd) for fd in ours[1:]]
        return WarmProcess(pid, stdin, readers[0], readers[1], hosted=hosted)


async def _read_pipe(loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.StreamReader:
    stream = asyncio.StreamReader(limit=2**16)

    def protocol() -> asyncio.StreamReaderProtocol:
        return asyncio.StreamReaderProtocol(stream)

    await loop.connect_read_pipe(protocol, os.fdopen(fd, "rb", 0))
    return stream
