"""The class's guesses on one claim, as a bar chart on the verdict scale (the teacher's view)."""

from __future__ import annotations

__all__ = ["GuessChart", "chart_lines"]

from textual.widgets import Static

from reader.teaching import Bar
from reader.ui.safe import safe

WIDTH = 24


def chart_lines(bars: list[Bar], reasons: list[str], width: int = 80) -> str:
    """The chart as plain lines: one bar per verdict, its count and confidence, then the
    reasons given (as the teacher chose to show them)."""
    total = sum(bar.guesses for bar in bars)
    if not total:
        return "Nobody has guessed this claim yet."
    widest = max(len(bar.label) for bar in bars)
    room = max(6, min(WIDTH, width - widest - 16))  # the bars shrink on a narrow screen
    lines = [f"{total} guess{'es' if total != 1 else ''}:"]
    for bar in bars:
        filled = round(room * bar.guesses / total)
        sure = ", ".join(f"{n} {level}" for level, n in sorted(bar.confidence.items()))
        mark = " ← reviewers" if bar.reviewers else ""
        lines.append(f"{bar.label:<{widest}} {'█' * filled}{'·' * (room - filled)} "
                     f"{bar.guesses:>2}{mark}{f' ({sure})' if sure else ''}")
    if reasons:
        lines.append("")
        lines.append("Reasons:")
        lines.extend(f"• {reason}" for reason in reasons)
    return "\n".join(lines)


class GuessChart(Static):
    """The chart; :meth:`show` replaces it."""

    def show(self, bars: list[Bar], reasons: list[str]) -> None:
        self.update(safe(chart_lines(bars, reasons, self.size.width or 80)))
