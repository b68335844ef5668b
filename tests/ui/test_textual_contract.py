"""Every private Textual API the reader, its tests and its benchmarks rely on, checked by name.

They are all reached through :mod:`reader.ui.internals`. When a Textual upgrade removes or
changes one, the test named after it fails and says which, and what relies on it, instead of
the reader breaking somewhere far from the cause.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
import textual
from rich.segment import Segment
from textual.app import App
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from reader.model import Pack
from reader.ui import internals
from reader.ui.app import make_app

from .conftest import reader


def _parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


def _fail(name: str, used_by: str, detail: str) -> None:
    pytest.fail(
        f"Textual {textual.__version__} changed {name}, which {used_by} relies on: {detail}. "
        "Update reader/ui/internals.py (and the pin in pyproject.toml) for this version."
    )


def test_strip_keeps_segments_cell_length_and_filter_cache() -> None:
    used_by = "reader.ui.internals.FinishedStrip (filtering a line without a cycle)"
    strip = Strip([Segment("abc")], 3)
    for name in ("_segments", "_cell_length", "_filter_cache"):
        if not hasattr(strip, name):
            _fail(f"Strip.{name}", used_by, "the attribute is gone")
    if strip._segments != [Segment("abc")] or strip._cell_length != 3:
        _fail("Strip._segments/_cell_length", used_by, "they no longer hold what was given")
    cache = strip._filter_cache
    if not (callable(getattr(cache, "get", None)) and hasattr(cache, "__setitem__")):
        _fail("Strip._filter_cache", used_by, "it is no longer a mapping")


def test_strip_methods_finished_strip_overrides() -> None:
    used_by = "reader.ui.internals.FinishedStrip"
    if _parameters(Strip.divide) != ["self", "cuts"]:
        _fail("Strip.divide", used_by, f"its parameters are {_parameters(Strip.divide)}")
    if _parameters(Strip.apply_filter) != ["self", "filter", "background"]:
        _fail("Strip.apply_filter", used_by,
              f"its parameters are {_parameters(Strip.apply_filter)}")


def test_screen_push_result_callback() -> None:
    used_by = "reader.ui.internals.give_result_callback (the reader as the default screen)"
    method = getattr(Screen, "_push_result_callback", None)
    if method is None:
        _fail("Screen._push_result_callback", used_by, "the method is gone")
        return
    if _parameters(method)[:3] != ["self", "requester", "callback"]:
        _fail("Screen._push_result_callback", used_by, f"its parameters are {_parameters(method)}")


def test_app_display_called_with_each_frame() -> None:
    used_by = "the benchmarks and tests/ui/test_drawing.py (timing each frame drawn)"
    method = getattr(App, internals.APP_DISPLAY, None)
    if method is None:
        _fail(f"App.{internals.APP_DISPLAY}", used_by, "the method is gone")
        return
    if _parameters(method) != ["self", "screen", "renderable"]:
        _fail(f"App.{internals.APP_DISPLAY}", used_by, f"its parameters are {_parameters(method)}")


def test_widget_render_lines_overridden_by_the_article_and_panel() -> None:
    used_by = "reader.ui.widgets.article_view and side_panel (finished lines)"
    parameters = _parameters(Widget.render_lines)
    if parameters != ["self", "crop"]:
        _fail("Widget.render_lines", used_by, f"its parameters are {parameters}")


async def test_screen_compositor_app_notifications_widget_styles_cache(tutorial: Pack) -> None:
    used_by = "the tests, through reader.ui.internals"
    app = make_app(tutorial, use_state=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = reader(app)
        try:
            drawing = internals.compositor(screen)
        except AttributeError:
            _fail("Screen._compositor", used_by, "the attribute is gone")
            return
        for name in ("render_update", "render_strips"):
            if not callable(getattr(drawing, name, None)):
                _fail(f"Compositor.{name}", used_by, "the method is gone")
        if not all(isinstance(strip, Strip) for strip in drawing.render_strips()):
            _fail("Compositor.render_strips", used_by, "it no longer returns strips")
        app.notify("hello", markup=False)
        await pilot.pause()
        try:
            shown = internals.notifications(app)
        except AttributeError:
            _fail("App._notifications", used_by, "the attribute is gone")
            return
        if "hello" not in [note.message for note in shown]:
            _fail("App._notifications", used_by, "it no longer lists the notifications shown")
        try:
            internals.clear_styles_cache(screen.article_view)
        except AttributeError:
            _fail("Widget._styles_cache", used_by, "it is gone or has no clear()")
