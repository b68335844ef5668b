"""Predict, then reveal (``v``): the student's verdict, how sure they are, and why.

Made to fit 80×24 without scrolling: the claim's number and quote at the top, the verdict
scale, the confidence on one line, the reason. Whatever is missing is said just above the
reason, where the student is typing, and the field is focused. Letters typed while the verdict
list or the confidence has focus go into the reason, so nothing typed is lost. The chosen
verdict and confidence are marked with words and a pointer as well as colour.
"""

from __future__ import annotations

__all__ = ["GuessScreen"]

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from reader.model import Claim, Pack, Verdict
from reader.notes import CONFIDENCE, Guess
from reader.notes import now as notes_now
from reader.text.sanitize import sanitize_line
from reader.ui.cursor import cursor_on_row
from reader.ui.safe import safe, safe_line

TALL_ENOUGH_FOR_PROMPTS = 30  # rows: below this the pack's prompts stay in the panel only


class GuessScreen(ModalScreen[Guess | None]):
    """Choose a verdict, a confidence and a one-line reason; Enter records, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="guess.cancel"),
        Binding("ctrl+s", "record", "record", priority=True, id="guess.record"),
    ]

    def __init__(
        self, pack: Pack, claim: Claim, previous: Guess | None = None, number: int = 0
    ) -> None:
        super().__init__()
        self.pack = pack
        self.claim = claim
        self.previous = previous
        self.number = number

    def compose(self) -> ComposeResult:
        with Vertical(id="guess-box"):
            title = f"Your verdict on claim C{self.number}" if self.number else "Your verdict"
            yield Static(safe_line(title), id="guess-title", markup=False)
            quote = " ".join(sanitize_line(self.claim.quote).split())
            if len(quote) > 150:
                quote = quote[:149].rsplit(" ", 1)[0] + "…"
            yield Static(safe(f"“{quote}”"), id="guess-quote", markup=False)
            if self.claim.prompts and self.app.size.height >= TALL_ENOUGH_FOR_PROMPTS:
                yield Static(safe("Ask yourself: " + " ".join(
                    sanitize_line(p) for p in self.claim.prompts)), id="guess-prompts",
                    markup=False)
            yield OptionList(*[Option(self._verdict_prompt(v, False), id=v.id)
                               for v in self.pack.scale.verdicts], id="guess-verdicts")
            yield Static("", id="guess-description", markup=False)
            with Horizontal(id="guess-confidence-row"):
                yield Static("How sure are you?", id="guess-confidence-label", markup=False)
                with RadioSet(id="guess-confidence"):
                    for level in CONFIDENCE:
                        yield RadioButton(safe_line(level),
                                          value=self._previous_confidence() == level,
                                          id=f"confidence-{level}")
            yield Static("", id="guess-status", markup=False, classes="-empty")
            yield Input(
                value=sanitize_line(self.previous.reason) if self.previous else "",
                placeholder="Your reason, in one line: why? What did you check?",
                id="guess-reason",
                select_on_focus=False,  # coming back to the reason must not put it at risk
            )
            yield Static("Enter: choose, then type why · Tab: next · Ctrl+S: record · "
                         "Esc: cancel", id="guess-help", markup=False)

    @staticmethod
    def _verdict_prompt(verdict: Verdict, chosen: bool) -> Content:
        return Content.assemble(
            safe("▸ " if chosen else "  "),
            safe(f"{verdict.glyph} {sanitize_line(verdict.label)}", "bold" if chosen else ""),
        )

    def _previous_confidence(self) -> str:
        return self.previous.confidence if self.previous else "medium"

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = self.pack.scale.ids
        if self.previous is not None and self.previous.verdict in ids:
            options.highlighted = ids.index(self.previous.verdict)
        else:
            options.highlighted = 0
        self._mark_confidence()
        options.focus()

    @on(OptionList.OptionHighlighted)
    def _mark_verdict(self, event: OptionList.OptionHighlighted) -> None:
        options = self.query_one(OptionList)
        for index, verdict in enumerate(self.pack.scale.verdicts):
            options.replace_option_prompt_at_index(
                index, self._verdict_prompt(verdict, index == event.option_index))
        self.call_after_refresh(cursor_on_row, options, event.option_index)  # one row each
        chosen = self.pack.scale.verdicts[event.option_index]
        self.query_one("#guess-description", Static).update(
            safe(sanitize_line(chosen.description)))

    @on(RadioSet.Changed)
    def _mark_confidence(self) -> None:
        for button in self.query(RadioButton):
            level = (button.id or "").removeprefix("confidence-")
            button.label = safe_line(f"{level} (chosen)" if button.value else level)

    @on(OptionList.OptionSelected)
    def _verdict_chosen(self) -> None:
        self.query_one(Input).focus()

    def on_key(self, event: events.Key) -> None:
        """A letter typed outside the reason goes into it: nothing the student types is lost."""
        focused = self.focused
        if isinstance(focused, Input) or not event.is_printable or event.character is None:
            return
        if event.character == " " and isinstance(focused, (RadioSet, RadioButton)):
            return  # space chooses a confidence
        field = self.query_one(Input)
        field.focus()
        field.insert_text_at_cursor(event.character)
        event.stop()
        event.prevent_default()

    @on(Input.Submitted)
    def _reason_given(self) -> None:
        self.action_record()

    def action_record(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            self._say("Choose a verdict first.", options)
            return
        verdict = self.pack.scale.verdicts[options.highlighted].id
        pressed = self.query_one(RadioSet).pressed_button
        confidence = (pressed.id or "").removeprefix("confidence-") if pressed else ""
        if confidence not in CONFIDENCE:
            self._say("Say how sure you are: low, medium or high.", self.query_one(RadioSet))
            return
        reason = " ".join(self.query_one(Input).value.split())
        if len(reason) < 3:
            self._say("Type your reason below, in a few words: it is part of the exercise.",
                      self.query_one(Input))
            return
        self.dismiss(Guess(self.claim.id, verdict, confidence, reason, notes_now()))

    def _say(self, message: str, field: OptionList | RadioSet | Input) -> None:
        status = self.query_one("#guess-status", Static)
        status.update(safe(message))
        status.remove_class("-empty")
        field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
