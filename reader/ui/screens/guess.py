"""Predict, then reveal (``v``): the student's verdict, how sure they are, and why."""

from __future__ import annotations

__all__ = ["GuessScreen"]

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from reader.model import Claim, Pack
from reader.notes import CONFIDENCE, Guess
from reader.notes import now as notes_now
from reader.panel import LATERAL_READING_PROMPTS
from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe, safe_line


class GuessScreen(ModalScreen[Guess | None]):
    """Choose a verdict, a confidence and a one-line reason; Enter records, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="guess.cancel"),
        Binding("ctrl+s", "record", "record", priority=True, id="guess.record"),
    ]

    def __init__(self, pack: Pack, claim: Claim, previous: Guess | None = None) -> None:
        super().__init__()
        self.pack = pack
        self.claim = claim
        self.previous = previous

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="guess-box"):
            yield Static("Your verdict on this claim", id="guess-title", markup=False)
            quote = " ".join(sanitize_line(self.claim.quote).split())
            yield Static(safe(f"“{quote[:300]}”"), id="guess-quote", markup=False)
            prompts = [*self.claim.prompts, *LATERAL_READING_PROMPTS]
            yield Static(safe("Before you choose:\n" + "\n".join(
                f"• {sanitize_line(p)}" for p in prompts)), id="guess-prompts", markup=False)
            options = [
                Option(Content.assemble(
                    safe(f"{v.glyph} {sanitize_line(v.label)}", "bold"),
                    safe(f" — {sanitize_line(v.description)}" if v.description else ""),
                ), id=v.id)
                for v in self.pack.scale.verdicts
            ]
            yield OptionList(*options, id="guess-verdicts")
            yield Static("How sure are you?", markup=False)
            with Horizontal(id="guess-confidence-row"), RadioSet(id="guess-confidence"):
                for level in CONFIDENCE:
                    yield RadioButton(safe_line(level), value=self._previous_confidence() == level,
                                      id=f"confidence-{level}")
            yield Input(
                value=sanitize_line(self.previous.reason) if self.previous else "",
                placeholder="In one line: why? What did you check?",
                id="guess-reason",
            )
            yield Static("", id="guess-status", markup=False)
            yield Static("Tab moves between parts · Enter in the reason (or Ctrl+S) records · "
                         "Esc cancels", id="guess-help", markup=False)

    def _previous_confidence(self) -> str:
        return self.previous.confidence if self.previous else "medium"

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = self.pack.scale.ids
        if self.previous is not None and self.previous.verdict in ids:
            options.highlighted = ids.index(self.previous.verdict)
        else:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _verdict_chosen(self) -> None:
        self.query_one(RadioSet).focus()

    @on(Input.Submitted)
    def _reason_given(self) -> None:
        self.action_record()

    def action_record(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            self._say("Choose a verdict first.")
            return
        verdict = self.pack.scale.verdicts[options.highlighted].id
        pressed = self.query_one(RadioSet).pressed_button
        confidence = (pressed.id or "").removeprefix("confidence-") if pressed else ""
        if confidence not in CONFIDENCE:
            self._say("Say how sure you are: low, medium or high.")
            return
        reason = " ".join(self.query_one(Input).value.split())
        if len(reason) < 3:
            self._say("Give a reason in a few words: it is part of the exercise.")
            self.query_one(Input).focus()
            return
        self.dismiss(Guess(self.claim.id, verdict, confidence, reason, notes_now()))

    def _say(self, message: str) -> None:
        self.query_one("#guess-status", Static).update(safe(message))

    def action_cancel(self) -> None:
        self.dismiss(None)
