"""Load the document in a second process while the reader's interface starts.

Most of the reader's start-up is importing Textual: about 0.3 s of one core on a 2-core
laptop. Opening the document needs none of it, so ``lateral`` forks first: the child opens
the document (a kept copy, or reading, checking and placing a pack; see
:func:`reader.open.open_for_reading`) and sends it through a pipe while the parent imports
the interface. The child then does what remains off the reader's process: it places a
book's claims and sends them, and keeps the pack for next time (:mod:`reader.pack.cache`),
even if the reader has quit by then.

The child is forked only where that is safe: on POSIX systems other than macOS (whose system
libraries do not support a fork that is not followed by an exec), and only while the process
runs a single thread. Elsewhere, or if the child fails for any reason, the document is
opened in the reader's own process, as it would be without this module.
"""

from __future__ import annotations

__all__ = ["Preload", "can_fork", "start"]

import contextlib
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn

if TYPE_CHECKING:
    from reader.model import Claim
    from reader.open import Opened
    from reader.problems import Problem


def can_fork() -> bool:
    """Whether forking now is safe (see the module's notes)."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def start(path: Path) -> Preload | None:
    """Start opening ``path`` in a child process, keeping packs in the usual cache folder;
    None where a child cannot be used (then open the document in this process)."""
    if not can_fork():
        return None
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:
        os.close(read_fd)
        _child(write_fd, path)
    os.close(write_fd)
    return Preload(pid, os.fdopen(read_fd, "rb"), path)


class Preload:
    """The parent's side: the document opened by the child, then, for a book, its claims."""

    def __init__(self, pid: int, stream: BinaryIO, path: Path) -> None:
        self.pid = pid
        self.path = path
        self._stream = stream
        self._finished = False
        # Reaps the child as soon as it exits, so that it never lingers as a zombie.
        self._reaper = threading.Thread(target=self._reap, name="preload-reaper", daemon=True)

    def opened(self) -> Opened:
        """The document, as :func:`~reader.open.open_for_reading` gives it (and raising
        :class:`~reader.problems.ReaderError` likewise). Blocks until the child has sent it;
        if the child failed, opens the document here."""
        from reader.open import Opened, open_for_reading
        from reader.problems import ReaderError

        message = self._receive() or ("failed",)
        self._reaper.start()  # this process may now run threads
        kind = message[0]
        if kind == "error":
            raise ReaderError(message[1])
        if kind == "kept":
            from reader.pack.cache import unpack

            kept = unpack(message[1])
            if kept is not None:
                return Opened(*kept)
        elif kind == "opened":
            _, pack, problems, deferred = message
            # The child keeps the pack itself (``remember`` is its own).
            return Opened(pack, problems, self._placed if deferred else None, None)
        self.finish()  # the child failed: open the document here
        from reader.storage import cache_dir

        return open_for_reading(self.path, defer_anchoring=True, cache=cache_dir())

    def _placed(self) -> tuple[tuple[Claim, ...], list[Problem]]:
        """A book's claims, placed by the child, and the problems found placing them."""
        message = self._receive()
        if message is None or message[0] != "placed":
            raise RuntimeError("the process placing the claims stopped before it finished")
        return message[1], message[2]

    def _receive(self) -> tuple[Any, ...] | None:
        from reader.pack.cache import load

        try:
            message = load(self._stream)
        except Exception:  # none sent, or a child that stopped half-way: as if it sent nothing
            return None
        return message if isinstance(message, tuple) and message else None

    def finish(self) -> None:
        """Let the child finish keeping the pack, and reap it. Call once the reader is done."""
        if self._finished:
            return
        self._finished = True
        self._stream.close()  # a child still sending is told the reader has gone
        if self._reaper.ident is not None:  # started
            self._reaper.join()
        else:
            self._reap()

    def _reap(self) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _child(write_fd: int, path: Path) -> NoReturn:
    status = 1
    try:
        _open_and_send(os.fdopen(write_fd, "wb"), path)
        status = 0
    except BaseException:  # the parent opens the document itself
        pass
    finally:
        os._exit(status)  # no clean-up of the parent's: its files and buffers are its own


def _open_and_send(out: BinaryIO, path: Path) -> None:
    from reader import gcpolicy

    gcpolicy.for_loading_process()  # it keeps all it builds until it exits
    from reader.open import kept_entry, open_for_reading
    from reader.problems import ReaderError
    from reader.storage import cache_dir

    cache = cache_dir()
    try:
        entry = kept_entry(path, cache)
        if entry is not None:  # sent as it is kept: the reader unpickles it once
            _send(out, ("kept", entry))
            return
        try:
            opened = open_for_reading(path, defer_anchoring=True, cache=cache)
        except ReaderError as exc:
            _send(out, ("error", exc.problems))
            return
        deferred = opened.place_claims is not None
        _send(out, ("opened", opened.pack, opened.problems, deferred))
        pack, problems = opened.pack, opened.problems
        if opened.place_claims is not None:
            claims, found = opened.place_claims()
            _send(out, ("placed", claims, found))
            pack, problems = pack._replace(claims=claims), [*problems, *found]
    finally:
        with contextlib.suppress(OSError):
            out.close()
    if opened.remember is not None:
        opened.remember(pack, problems)


def _send(out: BinaryIO, message: tuple[Any, ...]) -> None:
    """Send ``message``; quietly nothing if the reader has gone (it quit, or failed).

    Pickled straight into the pipe: the reader unpickles each part as it arrives, so a
    book's pack is read while it is still being written.
    """
    import pickle

    with contextlib.suppress(OSError):
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
