"""The pack's problems, shown when the reader opens a pack with errors (and from Ctrl+P)."""

from __future__ import annotations

__all__ = ["ProblemsScreen"]

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.problems import Problem, errors
from reader.ui.safe import safe, safe_line

SHOWN = 200  # problems listed; `lateral check` lists them all


class ProblemsScreen(ModalScreen[None]):
    """Every problem as ``file:line:column: severity: message``; any key listed closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q,space", "dismiss_none", "read the article", id="problems.close"),
    ]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems
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
            with VerticalScroll(id="problems-list"):
                for problem in self.problems[:SHOWN]:
                    yield Static(safe(problem.format()), classes=f"problem -{problem.severity}",
                                 markup=False)
                if len(self.problems) > SHOWN:
                    yield Static(safe_line(f"… and {len(self.problems) - SHOWN} more."),
                                 markup=False)
            yield Static("Enter or Esc: read the article", id="problems-help", markup=False)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
