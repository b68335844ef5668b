"""Where the reader tells Python's cyclic garbage collector when to run, all in one place.

Everything the reader loads (a pack's sentences, claims and spans; the screen and its widgets)
lives as long as the reader, so the collector's scans of it never free anything and only cost
time, now and then in the middle of a key press or while a book loads. The policy:

* :func:`paused_gc` while a large, lasting graph is built or read (a pack loaded, or read back
  from the cache), which then takes markedly less time;
* :func:`tune_for_reader` when the reader starts, and :func:`settle` once the first screen is up
  and once a book's claims are placed: what lives as long as the app is moved out of the
  scanned generations, and the first generation is collected less often;
* :func:`for_loading_process` in the short-lived process that opens the document
  (:mod:`reader.preload`): it keeps all it builds until it exits, so it runs without the
  collector.

Reference counting still frees everything else as usual. What each step saves is measured in
``benchmarks/README.md``.
"""

from __future__ import annotations

__all__ = ["for_loading_process", "paused_gc", "settle", "shared_by_readers", "tune_for_reader"]

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_tuned = False
_shared = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block; the collector is left as it was found.

    Blocks may overlap (in threads): one that found the collector paused leaves it alone,
    so the collector is running again once the block that paused it ends, and never stays
    paused.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def tune_for_reader() -> None:
    """Keep collection pauses out of key presses, for as long as this process runs.

    What exists now (the loaded pack, the imported modules) is moved out of the scans, and
    the first generation is collected less often, since drawing a frame allocates thousands
    of short-lived objects.
    """
    global _tuned
    _tuned = True
    if not _shared:
        gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def settle() -> None:
    """After :func:`tune_for_reader`: move what now lives as long as the app (the first
    screen, or a book's claims just placed) out of the scans. Does nothing otherwise."""
    if _tuned and not _shared:
        gc.freeze()


def shared_by_readers() -> None:
    """In a process that runs several readers, one after another (:mod:`reader.ui.host`):
    what one reader leaves when it ends must still be collected, so nothing more is frozen;
    what the process held when it began (the interface, the pack) was frozen before."""
    global _shared
    _shared = True


def for_loading_process() -> None:
    """In a process that keeps all it builds until it exits: no cyclic collection at all."""
    gc.disable()
