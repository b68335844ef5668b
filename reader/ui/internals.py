"""Every private Textual API the reader (and its tests and benchmarks) relies on, in one place.

Textual promises nothing about names that start with an underscore, and the reader pins it
loosely (``textual>=8.2,<9``). Each use is reached through this module, and
``tests/ui/test_textual_contract.py`` names every one and fails, saying which, when an upgrade
removes or changes it. What each is for:

* :class:`FinishedStrip` reads ``Strip._segments``, ``Strip._cell_length`` and
  ``Strip._filter_cache`` to filter a line without Textual's cycle-making cache of itself;
* :func:`give_result_callback` calls ``Screen._push_result_callback``: the reader's first
  screen is the app's default screen, which Textual does not give the result callback that
  replacing a screen pops;
* :func:`compositor`, :func:`notifications` and :func:`clear_styles_cache` let the tests see
  the drawn frame, the notifications shown, and draw a widget through Textual's own path;
  :data:`APP_DISPLAY` names ``App._display``, which the benchmarks wrap to time each frame.
"""

from __future__ import annotations

__all__ = [
    "APP_DISPLAY",
    "FinishedStrip",
    "clear_styles_cache",
    "compositor",
    "give_result_callback",
    "notifications",
]

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter
from textual.strip import Strip

if TYPE_CHECKING:
    from textual._compositor import Compositor
    from textual.app import App
    from textual.notifications import Notification
    from textual.screen import Screen
    from textual.widget import Widget

APP_DISPLAY = "_display"  # App._display(screen, renderable): called with every frame drawn


class FinishedStrip(Strip):
    """A :class:`~textual.strip.Strip` that never keeps itself in its own caches.

    Textual's compositor divides every line it draws at the edges of the widgets on that
    row; a strip that is not cut caches ``[self]``, a reference cycle, so every line ever
    drawn had to wait for the cycle collector (see :mod:`reader.gcpolicy`), and a collection
    now and then landed in the middle of a key press. These strips (and the filtered copies
    made from them) are freed as soon as they are dropped.
    """

    __slots__ = ()

    def divide(self, cuts: Iterable[int]) -> Sequence[Strip]:
        cuts = [cut for cut in cuts if cut <= self.cell_length]
        if cuts == [self.cell_length]:
            return [self]
        return super().divide(cuts)

    def apply_filter(self, filter: LineFilter, background: Color) -> Strip:
        key = (filter, background)
        filtered = self._filter_cache.get(key)
        if filtered is None:
            segments: list[Segment] = filter.apply(self._segments, background)
            filtered = FinishedStrip(segments, self._cell_length)
            self._filter_cache[key] = filtered
        return filtered


def give_result_callback(screen: Screen[Any], app: App[Any]) -> None:
    """Give the app's default screen the result callback (one that does nothing) that Textual
    pops when the screen is replaced (:meth:`~textual.app.App.switch_screen`)."""
    screen._push_result_callback(app, None)


def compositor(screen: Screen[Any]) -> Compositor:
    """The screen's compositor: what it last drew, and how it draws an update."""
    return screen._compositor


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications the app is showing now."""
    return list(app._notifications)


def clear_styles_cache(widget: Widget) -> None:
    """Forget the lines Textual's styles cache keeps for ``widget``."""
    widget._styles_cache.clear()
