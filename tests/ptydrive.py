"""Drive the real reader in a pseudo-terminal and collect every byte it writes."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class PtyRun:
    output: bytes
    quit_at: int  # offset in ``output`` when the quit key was sent
    exit_status: int | None  # None if it had to be killed


def run_reader(
    args: Sequence[str],
    keys: Sequence[bytes],
    *,
    env: dict[str, str],
    marker: bytes,
    size: tuple[int, int] = (120, 40),
    pause: float = 0.25,
    timeout: float = 60.0,
) -> PtyRun:
    """Start ``python -m reader ARGS``, wait for ``marker``, send ``keys`` one by one (with a
    pause after each), then ``q``; returns everything written to the terminal."""
    columns, rows = size
    argv = [sys.executable, "-m", "reader", *args]
    pid, fd = pty.fork()
    if pid == 0:  # the child becomes the reader
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.execve(argv[0], argv, env)
    output = bytearray()
    deadline = time.monotonic() + timeout
    status: int | None = None

    def read_for(seconds: float, until: bytes | None = None) -> None:
        end = min(deadline, time.monotonic() + seconds)
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                output.extend(chunk)
                if until is not None and until in output:
                    return

    try:
        read_for(timeout, until=marker)
        for key in keys:
            os.write(fd, key)
            read_for(pause)
        quit_at = len(output)
        os.write(fd, b"q")
        while time.monotonic() < deadline:
            read_for(0.2)
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(raw)
                break
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    return PtyRun(bytes(output), quit_at, status)


# Escape sequences, by family. Anything starting with ESC that matches none is "other".
CSI = re.compile(rb"\x1b\[([0-?]*)([ -/]*)([@-~])")
STRING = re.compile(rb"\x1b([\]P_^X])(.*?)(?:\x07|\x1b\\)", re.DOTALL)
SHORT = re.compile(rb"\x1b([ -~])")


def escape_sequences(data: bytes) -> list[tuple[int, bytes]]:
    """Every escape sequence in ``data`` as (offset, bytes)."""
    found = []
    index = data.find(b"\x1b")
    while index != -1:
        for pattern in (CSI, STRING, SHORT):
            match = pattern.match(data, index)
            if match:
                found.append((index, match.group(0)))
                index = match.end()
                break
        else:
            found.append((index, data[index:index + 1]))
            index += 1
        index = data.find(b"\x1b", index)
    return found
