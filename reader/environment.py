"""The environment one reader sees: the process's own, or, where several served readers share a
process, the one its session was given.

``lateral serve`` tells each reader where its session lives (its folder, its class folder, its
code, the student's name, the terminal size) through variables such as ``LATERAL_DATA_DIR``.
A reader with a process to itself has them in ``os.environ``. Readers that share a process
(see :mod:`reader.ui.host`) each run inside :func:`session_environment`, which gives that
reader, and every task and worker thread it starts, its own values of those variables, without
touching the process's environment that the other readers see. Everything in the reader that
depends on its session reads it through :func:`getenv`.
"""

from __future__ import annotations

__all__ = ["getenv", "session_environment"]

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType

# Only these come from a session; any other variable is the process's, for every reader alike.
SESSION_VARIABLES = frozenset({"COLUMNS", "ROWS", "LATERAL_DATA_DIR", "LATERAL_HANDIN_DIR",
                               "LATERAL_SESSION", "LATERAL_STUDENT", "LATERAL_QUIZ",
                               "LATERAL_LESSON", "LATERAL_SERVER_PID"})

_session: ContextVar[Mapping[str, str] | None] = ContextVar("lateral_session", default=None)


def getenv(name: str, default: str | None = None) -> str | None:
    """``os.environ.get(name, default)``, except that inside :func:`session_environment` a
    session variable is the session's (or absent, if the session did not set it)."""
    values = _session.get()
    if values is not None and name in SESSION_VARIABLES:
        return values.get(name, default)
    return os.environ.get(name, default)


@contextmanager
def session_environment(values: Mapping[str, str]) -> Iterator[None]:
    """Run the block (and what it starts, in this context) as the reader of the session whose
    variables are ``values``; names that are not session variables are ignored."""
    own = MappingProxyType({name: str(value) for name, value in values.items()
                            if name in SESSION_VARIABLES})
    token = _session.set(own)
    try:
        yield
    finally:
        _session.reset(token)
