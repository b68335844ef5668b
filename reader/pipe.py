"""The typed messages the loading process sends the reader (see :mod:`reader.preload`)."""

from __future__ import annotations

__all__ = ["MESSAGE_TYPES", "Failed", "Kept", "Loaded"]

from typing import NamedTuple

from reader.model import Pack
from reader.problems import Problem


class Kept(NamedTuple):
    """The pack as kept in the cache, still pickled: the reader unpickles it once."""

    entry: bytes


class Loaded(NamedTuple):
    """The pack loaded afresh; ``pending``: a :class:`~reader.open.Placed` follows."""

    pack: Pack
    problems: list[Problem]
    pending: bool


class Failed(NamedTuple):
    """The document cannot be shown: the problems to report."""

    problems: list[Problem]


# What the reader's unpickler admits besides the model's types (see reader.pack.cache.load).
MESSAGE_TYPES = frozenset(
    {(__name__, "Kept"), (__name__, "Loaded"), (__name__, "Failed"), ("reader.open", "Placed")}
)
