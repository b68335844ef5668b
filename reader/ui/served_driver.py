"""The driver of a reader served to a browser, and what a reader needs to share its process
with other readers (see :mod:`reader.ui.host`).

:class:`ServedWebDriver` is Textual's web driver, except that a reader that fails says so as it
ends, so the server tells its student it stopped (rather than closing the page as if they had
quit). :class:`HostedWebDriver` also runs on the reader's own pipes instead of the process's
standard streams; :class:`ReaderLoop` is an event loop of its own that leaves the process's
signals alone and gives worker threads the reader's session.
"""

from __future__ import annotations

__all__ = ["HostedWebDriver", "ReaderLoop", "ServedWebDriver", "channel"]

import asyncio
import contextvars
import os
import selectors
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any

from textual import messages
from textual.drivers.web_driver import WebDriver

from reader.environment import getenv

# The reader's ends of its pipes: (standard input, standard output), as file descriptors.
_channel: ContextVar[tuple[int, int] | None] = ContextVar("lateral_channel", default=None)


@contextmanager
def channel(stdin: int, stdout: int) -> Iterator[None]:
    """Readers started in the block talk to the browser over these two descriptors."""
    token = _channel.set((stdin, stdout))
    try:
        yield
    finally:
        _channel.reset(token)


class _ContextExecutor(ThreadPoolExecutor):
    """Worker threads that run in the context of whoever submitted the work, so a reader's
    background saves go to its own session's folder (``run_in_executor`` does not carry the
    context on its own)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        context = contextvars.copy_context()
        return super().submit(context.run, fn, *args, **kwargs)


class ReaderLoop(asyncio.SelectorEventLoop):
    """One reader's event loop, in a thread of a process shared with other readers.

    Signals belong to the process, not to one of its readers (and only the main thread may
    take them), so the web driver's wish to quit on SIGINT or SIGTERM is not granted: the
    process ends its readers itself."""

    def __init__(self) -> None:
        super().__init__()
        self.set_default_executor(_ContextExecutor(max_workers=2,
                                                   thread_name_prefix="reader-worker"))

    def add_signal_handler(self, sig: int, callback: Callable[..., object],  # type: ignore[override]
                           *args: Any) -> None:
        return

    def remove_signal_handler(self, sig: int) -> bool:
        return False


class _PipeInput:
    """Textual's input reader for the web driver, on the reader's own descriptor."""

    def __init__(self, fileno: int, timeout: float = 0.1) -> None:
        self._fileno = fileno
        self.timeout = timeout
        self._selector = selectors.DefaultSelector()
        self._selector.register(fileno, selectors.EVENT_READ)
        self._exit_event = threading.Event()
        self.ended = False

    def close(self) -> None:
        self._exit_event.set()

    def __iter__(self) -> Iterator[bytes]:
        try:
            while not self._exit_event.is_set():
                for _key, events in self._selector.select(self.timeout):
                    if events & selectors.EVENT_READ:
                        data = os.read(self._fileno, 1024)
                        if not data:
                            self.ended = True
                            return
                        yield data
                yield b""
        finally:
            self._selector.close()  # a host runs many readers: no descriptor left behind


class ServedWebDriver(WebDriver):
    """Textual's web driver; as it ends, it tells the server whether the reader failed. If
    the server has gone (its end of the pipe closed: killed, or the laptop shut), the reader
    quits as if asked, so it keeps its place, rather than failing on its next frame."""

    def __init__(self, app: Any, *, debug: bool = False, mouse: bool = True,
                 size: tuple[int, int] | None = None) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self._server_gone = False

    def _guard_writes(self) -> None:
        write = self._write

        def guarded(data: bytes) -> None:
            if self._server_gone:
                return
            try:
                write(data)
            except OSError:
                self._server_gone = True
                self._quit()

        self._write = guarded  # type: ignore[assignment]

    def _quit(self) -> None:
        """Ask the reader to quit, as a student's ``q`` does (from any thread)."""
        asyncio.run_coroutine_threadsafe(
            self._app._post_message(messages.ExitApp()), loop=self._loop)

    def start_application_mode(self) -> None:
        self._guard_writes()
        super().start_application_mode()

    def stop_application_mode(self) -> None:
        self.exit_event.set()
        self._input_reader.close()
        failed = bool(self._app._exit_renderables) or bool(self._app.return_code)
        self.write_meta({"type": "exit", "failed": failed})


class HostedWebDriver(ServedWebDriver):
    """The web driver on the pipes of :func:`channel`, sized by the session."""

    def __init__(self, app: Any, *, debug: bool = False, mouse: bool = True,
                 size: tuple[int, int] | None = None) -> None:
        pipes = _channel.get()
        if pipes is None:
            raise RuntimeError("a hosted reader runs inside channel()")
        if size is None:
            try:
                size = int(getenv("COLUMNS") or 80), int(getenv("ROWS") or 24)
            except ValueError:
                size = None
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self.fileno = pipes[1]
        self._write = partial(os.write, pipes[1])
        self._pipe_input = _PipeInput(pipes[0])
        self._input_reader = self._pipe_input  # type: ignore[assignment]
        # A new thread starts in an empty context: the input thread is given the reader's,
        # so what it hands to the event loop runs as this session's.
        self._key_thread = threading.Thread(
            target=contextvars.copy_context().run, args=(self.run_input_thread,),
            name="textual-input")

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if self._pipe_input.ended and not self.exit_event.is_set():
            # The server closed this reader's input: its browser is gone, or the server
            # ended it. Quit, as a reader with a process to itself would be made to.
            self._quit()
