"""The pack's problems, shown when the reader opens a pack with errors (and from Ctrl+P).

In author mode the list is the pack as it is now, and each problem that has a place in the
article (a claim, a footnote card) is a line to choose: Enter goes there."""

from __future__ import annotations

__all__ = ["ProblemsScreen"]

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.problems import Problem, errors
from reader.ui.safe import safe, safe_line

SHOWN = 200  # problems listed; `lateral check` lists them all


class ProblemsScreen(ModalScreen[int | None]):
    """Every problem as ``file:line:column: severity: message``; any key listed closes it.
    With ``places`` (the sentence of each problem, or None), Enter on a problem goes there:
    the result is that sentence."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,space", "dismiss_none", "read the article", id="problems.close"),
        Binding("enter", "enter", "go", id="problems.go"),
    ]

    def __init__(self, problems: list[Problem], places: list[int | None] | None = None) -> None:
        super().__init__()
        self.problems = problems
        self.places = places
        # The pack could not be loaded and its article is shown alone.
        self.article_only = any(p.code == "article-only" for p in problems)

    def compose(self) -> ComposeResult:
        error_count = len(errors(self.problems))
        warnings = len(self.problems) - error_count
        counts = f"{error_count} error{'s' if error_count != 1 else ''}"
        if warnings:
            counts += f" and {warnings} warning{'s' if warnings != 1 else ''}"
        if self.article_only:
            lead = ("The pack could not be loaded, so the article is shown on its own, without "
                    "its fact checks.")
        else:
            lead = ("Whatever has an error is left out (a claim whose quote cannot be found, "
                    "a verdict that is not on the scale); everything else is shown.")
        with Vertical(id="problems-box"):
            yield Static(safe_line(f"This pack has {counts}"), id="problems-title",
                         markup=False)
            yield Static(safe(f"{lead} Whoever wrote the pack can fix them with "
                              "`lateral check`, which lists the same problems."),
                         id="problems-lead", markup=False)
            if self.places is not None:
                yield OptionList(*[
                    Option(safe(problem.format()), id=f"problem-{index}",
                           disabled=self.places[index] is None)
                    for index, problem in enumerate(self.problems[:SHOWN])
                ], id="problems-places")
                yield Static("Enter: go to the problem · Esc: back to the article",
                             id="problems-help", markup=False)
                return
            with VerticalScroll(id="problems-list"):
                for problem in self.problems[:SHOWN]:
                    yield Static(safe(problem.format()), classes=f"problem -{problem.severity}",
                                 markup=False)
                if len(self.problems) > SHOWN:
                    yield Static(safe_line(f"… and {len(self.problems) - SHOWN} more."),
                                 markup=False)
            yield Static("Enter or Esc: read the article", id="problems-help", markup=False)

    def on_mount(self) -> None:
        if self.places is not None:
            self.query_one(OptionList).focus()

    def action_enter(self) -> None:
        if self.places is None:
            self.dismiss(None)
            return
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            listing.action_select()

    @on(OptionList.OptionSelected, "#problems-places")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        index = int((event.option.id or "problem-0").removeprefix("problem-"))
        if self.places is not None and self.places[index] is not None:
            self.dismiss(self.places[index])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
