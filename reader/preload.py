"""Open the document in a second process while the reader's interface starts.

Most of the reader's start-up is importing Textual, and opening the document needs none of
it, so ``lateral`` forks first: the loading process opens the document (a kept copy, or
reading, checking and placing a pack; see :class:`reader.open.LocalSource`) and sends it
through a pipe while the reader imports its interface. It then does what remains off the
reader's process: it places a book's claims and sends them, and keeps the pack for next time
(:mod:`reader.pack.cache`), even if the reader has quit by then.

The pipe carries the typed messages of :mod:`reader.pipe`, pickled, and read back by the
cache's unpickler, which admits only the model's types and these. The loading process is forked
only where that is safe: on POSIX systems other than macOS (whose system libraries do not
support a fork that is not followed by an exec), and only while the process runs a single
thread. Elsewhere, or if the loading process fails for any reason, the document is opened in
the reader's own process, as it would be without this module.
"""

from __future__ import annotations

__all__ = ["ForkedSource", "can_fork", "start"]

import contextlib
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NoReturn

# Only what forking needs is imported before the fork; the rest is imported where it is used.
if TYPE_CHECKING:
    from reader.open import LocalSource, Opened, Placed
    from reader.pipe import Failed, Kept, Loaded


def can_fork() -> bool:
    """Whether forking now is safe (see the module's notes)."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def start(path: Path) -> ForkedSource | None:
    """Start opening ``path`` in a loading process, keeping packs in the usual cache folder;
    None where one cannot be used (then open the document with a LocalSource)."""
    if not can_fork():
        return None
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError as exc:
        from reader import debuglog

        debuglog.record("the loading process could not be started", exc)
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:
        os.close(read_fd)
        _child(write_fd, path)
    os.close(write_fd)
    return ForkedSource(pid, os.fdopen(read_fd, "rb"), path)


class ForkedSource:
    """The reader's side of the loading process: a :class:`~reader.open.DocumentSource`."""

    def __init__(self, pid: int, stream: BinaryIO, path: Path) -> None:
        self.pid = pid
        self.path = path
        self._stream = stream
        self._finished = False
        self._here: LocalSource | None = None  # the document opened here, if the child failed
        # Reaps the child as soon as it exits, so that it never lingers as a zombie.
        self._reaper = threading.Thread(target=self._reap, name="preload-reaper", daemon=True)

    def opened(self) -> Opened:
        """Blocks until the loading process has sent the document; if it failed, opens the
        document here."""
        from reader.open import Opened
        from reader.pipe import Failed, Kept, Loaded
        from reader.problems import ReaderError

        message = self._receive()
        self._reaper.start()  # this process may now run threads
        if isinstance(message, Failed):
            raise ReaderError(message.problems)
        if isinstance(message, Loaded):
            return Opened(message.pack, message.problems, message.pending)
        if isinstance(message, Kept):
            from reader.pack.cache import unpack

            kept = unpack(message.entry)
            if kept is not None:
                return Opened(*kept)
        return self._open_here()

    def _open_here(self) -> Opened:
        from reader import debuglog
        from reader.open import LocalSource
        from reader.storage import cache_dir

        debuglog.record(f"{self.path} is opened in the reader's process, not the loading process")
        self._end_child()
        self._here = LocalSource(self.path, cache=cache_dir(), defer_anchoring=True)
        return self._here.opened()

    def placed(self) -> Placed:
        from reader.open import Placed

        if self._here is not None:
            return self._here.placed()
        message = self._receive()
        if not isinstance(message, Placed):
            raise RuntimeError("the process placing the claims stopped before it finished")
        return message

    def keep(self) -> None:
        if self._here is not None:  # otherwise the loading process keeps what it loaded
            self._here.keep()

    def finish(self) -> None:
        """Let the loading process finish keeping the pack, and reap it."""
        self._end_child()
        if self._here is not None:
            self._here.finish()

    def _receive(self) -> Kept | Loaded | Failed | Placed | None:
        from reader.open import Placed
        from reader.pack.cache import load
        from reader.pipe import MESSAGE_TYPES, Failed, Kept, Loaded

        try:
            message = load(self._stream, also=MESSAGE_TYPES)
        except EOFError:  # the loading process stopped without sending (it failed, or quit)
            return None
        except Exception as exc:  # it stopped half-way through a message
            from reader import debuglog

            debuglog.record("a message from the loading process could not be read", exc)
            return None
        return message if isinstance(message, Kept | Loaded | Failed | Placed) else None

    def _end_child(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._stream.close()  # a child still sending is told the reader has gone
        if self._reaper.ident is not None:  # started
            self._reaper.join()
        else:
            self._reap()

    def _reap(self) -> None:
        with contextlib.suppress(ChildProcessError):  # already reaped
            os.waitpid(self.pid, 0)


def _child(write_fd: int, path: Path) -> NoReturn:
    status = 1
    try:
        _open_and_send(os.fdopen(write_fd, "wb"), path)
        status = 0
    except BaseException as exc:  # the reader opens the document itself
        from reader import debuglog

        debuglog.record(f"the loading process failed opening {path}", exc)
    finally:
        os._exit(status)  # no clean-up of the parent's: its files and buffers are its own


def _open_and_send(out: BinaryIO, path: Path) -> None:
    from reader import gcpolicy
    from reader.open import LocalSource
    from reader.pipe import Failed, Kept, Loaded
    from reader.problems import ReaderError
    from reader.storage import cache_dir

    gcpolicy.for_loading_process()  # it keeps all it builds until it exits
    source = LocalSource(path, cache=cache_dir(), defer_anchoring=True)
    try:
        entry = source.kept_entry()
        if entry is not None:  # sent as it is kept: the reader unpickles it once
            _send(out, Kept(entry))
            return
        try:
            opened = source.opened()
        except ReaderError as exc:
            _send(out, Failed(exc.problems))
            return
        _send(out, Loaded(opened.pack, opened.problems, opened.pending))
        if opened.pending:
            _send(out, source.placed())
    finally:
        _close(out)
    source.keep()


def _send(out: BinaryIO, message: Kept | Loaded | Failed | Placed) -> None:
    """Send ``message``; nothing more if the reader has gone (it quit, or failed): the
    loading process goes on to keep the pack for next time.

    Pickled straight into the pipe: the reader unpickles each part as it arrives, so a
    book's pack is read while it is still being written.
    """
    import pickle

    with contextlib.suppress(BrokenPipeError):
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()


def _close(out: BinaryIO) -> None:
    with contextlib.suppress(BrokenPipeError):  # the reader has gone: nothing left to say
        out.close()
