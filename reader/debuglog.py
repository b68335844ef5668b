"""A record of failures the reader works around, for whoever needs to know why.

Some failures cost the user nothing and are not worth interrupting them for: a kept pack that
cannot be read (it is loaded afresh), a cache that cannot be written (the next start-up is
slower), a loading process that stopped (the document is opened in the reader's own process).
They are never dropped silently: with ``LATERAL_DEBUG=1`` in the environment, each is appended,
with its traceback, to ``debug.log`` in the data folder (see :func:`reader.paths.data_dir`).
Without it nothing is written, so an ordinary run leaves no file behind.
"""

from __future__ import annotations

__all__ = ["enabled", "log_path", "record"]

import os
import time
from pathlib import Path

LOG_NAME = "debug.log"
MAX_BYTES = 1_000_000  # beyond this the log starts again, so it never fills a disk


def enabled() -> bool:
    return os.environ.get("LATERAL_DEBUG", "") not in ("", "0")


def log_path() -> Path:
    from reader.paths import data_dir

    return data_dir() / LOG_NAME


def record(what: str, error: BaseException | None = None) -> None:
    """Note that ``what`` went wrong (with ``error``'s traceback), if the debug log is on.

    Never raises: a log that cannot be written must not turn a handled failure into an
    unhandled one.
    """
    if not enabled():
        return
    lines = [f"{time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()}: {what}\n"]
    if error is not None:
        import traceback

        lines.extend("    " + line for line in "".join(
            traceback.format_exception(type(error), error, error.__traceback__)
        ).splitlines(keepends=True))
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.exists() and path.stat().st_size > MAX_BYTES else "a"
        with path.open(mode, encoding="utf-8", errors="backslashreplace") as log:
            log.writelines(lines)
    except OSError:
        pass  # nowhere left to say it; the failure itself was already handled
