"""Run a program in a real pseudo-terminal and time its first screen.

The clock starts just before the fork. "First screen" is the moment every marker string has
appeared in the bytes the program wrote (Textual writes a frame in one synchronised write,
so the markers arrive with the whole frame). Then the quit key is sent and the exit timed;
peak RSS is ``ru_maxrss`` from ``wait4``.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PtyResult:
    first_screen: float | None  # seconds, None if the markers never appeared
    exit_after_quit: float | None
    peak_rss_mb: float
    output: bytes


def run_in_pty(
    argv: list[str],
    markers: list[bytes],
    quit_keys: bytes = b"q",
    size: tuple[int, int] = (120, 40),
    env: dict[str, str] | None = None,
    timeout: float = 300.0,
    linger: float = 0.0,
    linger_until: Callable[[], bool] | None = None,
    cwd: Path | None = None,
) -> PtyResult:
    """``linger``: seconds to leave the program running after its first screen before quitting
    (to let it finish work it does in the background); ``linger_until``: quit sooner, as soon
    as it returns true (polled every 50 ms). ``cwd``: the folder the program runs in."""
    columns, rows = size
    child_env = dict(os.environ if env is None else env)
    child_env.update({"TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)})
    child_env.pop("LESSOPEN", None)
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the program
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            if cwd is not None:
                os.chdir(cwd)
            os.execvpe(argv[0], argv, child_env)
        except BaseException as exc:  # never return into the harness's code in this child
            os.write(2, f"cannot run {argv[0]}: {exc}\r\n".encode())
        os._exit(127)
    output = bytearray()
    first: float | None = None
    quit_sent_at: float | None = None
    quit_at = 0.0
    deadline = start + timeout
    status_rusage = None
    try:
        while True:
            now = time.monotonic()
            if now > deadline:
                os.kill(pid, signal.SIGKILL)
                break
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                output += chunk
                if first is None and all(marker in output for marker in markers):
                    first = time.monotonic() - start
                    quit_at = time.monotonic() + linger
            if (
                first is not None
                and quit_sent_at is None
                and (time.monotonic() >= quit_at or (linger_until is not None and linger_until()))
            ):
                quit_sent_at = time.monotonic()
                os.write(fd, quit_keys)
            done, _status, rusage = os.wait4(pid, os.WNOHANG)
            if done:
                status_rusage = rusage
                break
        if status_rusage is None:
            _, _, status_rusage = os.wait4(pid, 0)
    finally:
        os.close(fd)
    exited = time.monotonic()
    return PtyResult(
        first_screen=first,
        exit_after_quit=(exited - quit_sent_at) if quit_sent_at is not None else None,
        peak_rss_mb=status_rusage.ru_maxrss / 1024,
        output=bytes(output),
    )


def run_floor(argv: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of a plain command (the import floor)."""
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, _, rusage = os.wait4(pid, 0)
    return time.monotonic() - start, rusage.ru_maxrss / 1024
