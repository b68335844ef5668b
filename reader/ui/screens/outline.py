"""The outline (``o``): every claim in reading order, filtered by verdict; Enter jumps.

In a quiz, the verdicts not yet guessed are not shown, counted or filterable: the filters are
"guessed" and "not guessed" instead.
"""

from __future__ import annotations

__all__ = ["OutlineScreen"]

from collections.abc import Collection

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Claim, Pack
from reader.navigation import Navigator
from reader.quiz import verdict_mark
from reader.text.sanitize import sanitize_line
from reader.ui.cursor import cursor_on_row
from reader.ui.safe import safe

NOT_REVIEWED = "not-reviewed"
GUESSED = "guessed"
UNGUESSED = "not-guessed"


REVIEW_STUBS = -1  # the outline's answer when the author asks to review the stubs


class OutlineScreen(ModalScreen[int | None]):
    """Pick a claim to jump to. ``v``/``V`` or ``0``–``9`` choose the verdict shown."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,o,q", "dismiss_none", "close", id="outline.close"),
        Binding("v", "cycle_filter(1)", "next verdict", id="outline.next-filter"),
        Binding("V", "cycle_filter(-1)", "previous verdict", id="outline.previous-filter"),
        *[
            Binding(str(digit), f"set_filter({digit})", show=False, id=f"outline.filter-{digit}")
            for digit in range(10)
        ],
        Binding("R", "review_stubs", show=False, id="outline.review-stubs"),
        Binding("j", "cursor('down')", show=False),
        Binding("k", "cursor('up')", show=False),
    ]

    def __init__(
        self,
        pack: Pack,
        navigator: Navigator,
        cursor: int,
        hidden: Collection[str] | None = None,
        stubs: str | None = None,
    ) -> None:
        """``hidden``: in a quiz, the ids of the claims not yet guessed (None: not a quiz).
        ``stubs``: in author mode, how the review of the importer's stubs stands."""
        super().__init__()
        self.stubs = stubs
        self.pack = pack
        self.navigator = navigator
        self.cursor_sentence = cursor
        self.hidden = hidden
        self.filters: list[str | None] = [None]
        if hidden is not None:
            self.filters += [GUESSED, UNGUESSED]
        else:
            used = {c.verdict for c in navigator.placed_claims}
            self.filters += [v.id for v in pack.scale.verdicts if v.id in used]
            if None in used:
                self.filters.append(NOT_REVIEWED)
        self.filter_index = 0
        self._prompts: list[Content] = []
        self._pointer: int | None = None  # the row showing the pointer

    def compose(self) -> ComposeResult:
        with Vertical(id="outline-box"):
            yield Static("", id="outline-filter", markup=False)
            yield OptionList(id="outline-list")
            help_text = (
                "Enter: go to claim · v/V or 0–9: filter by guessed or not · Esc: close"
                if self.hidden is not None
                else "Enter: go to claim · v/V or 0–9: filter by verdict · Esc: close"
            )
            if self.stubs is not None:
                help_text += f" · R: review stubs ({self.stubs})"
            yield Static(help_text, id="outline-help", markup=False)

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()
        self.call_after_refresh(self._fill)  # again, now that the list's width is known

    def _matches(self, claim: Claim, wanted: str | None) -> bool:
        if wanted is None:
            return True
        if wanted == NOT_REVIEWED:
            return claim.verdict is None
        if wanted in (GUESSED, UNGUESSED):
            return (claim.id in (self.hidden or ())) == (wanted == UNGUESSED)
        return claim.verdict == wanted

    def _filter_label(self, wanted: str | None) -> str:
        if wanted is None:
            return "All"
        if wanted == NOT_REVIEWED:
            return "Not reviewed"
        if wanted == GUESSED:
            return "Guessed"
        if wanted == UNGUESSED:
            return "Not guessed"
        verdict = self.pack.scale.get(wanted)
        return f"{verdict.glyph} {verdict.label}" if verdict else wanted

    def _fill(self) -> None:
        wanted = self.filters[self.filter_index]
        claims = self.navigator.placed_claims
        header: list[Content] = [safe("Show: ")]
        for index, option in enumerate(self.filters):
            count = sum(1 for c in claims if self._matches(c, option))
            text = f"{index} {self._filter_label(option)} ({count})"
            header.append(
                safe(text, "reverse bold")
                if index == self.filter_index
                else safe(text)
            )
            header.append(safe("  "))
        self.query_one("#outline-filter", Static).update(Content.assemble(*header))
        options: list[Option] = []
        self._prompts = []
        self._pointer = None
        highlight = None
        box_width = self.query_one("#outline-list", OptionList).size.width or self.app.size.width
        room = max(20, box_width - 32)
        for number, claim in enumerate(claims, start=1):
            if not self._matches(claim, wanted):
                continue
            mark = verdict_mark(self.pack, claim, self.hidden or ())
            quote = " ".join(sanitize_line(claim.quote).split())
            if len(quote) > room:
                quote = quote[: room - 1] + "…"
            prompt = Content.assemble(
                safe(f"C{number:<4}", "bold"),
                safe(f"{mark:<18}"),
                safe(f"“{quote}”"),
            )
            if highlight is None and claim.sentences[0] >= self.cursor_sentence:
                highlight = len(options)
            self._prompts.append(prompt)
            options.append(Option(self._marked(prompt, False), id=f"claim-{number}"))
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        if options:
            option_list.add_options(options)
            option_list.highlighted = highlight if highlight is not None else 0
        else:
            option_list.add_option(Option(safe("No claims here."), disabled=True))

    @staticmethod
    def _marked(prompt: Content, chosen: bool) -> Content:
        """The row with a pointer when it is the selected one: a sign, not only a colour."""
        return Content.assemble(safe("▸ " if chosen else "  "), prompt)

    @on(OptionList.OptionHighlighted)
    def _mark_selected(self, event: OptionList.OptionHighlighted) -> None:
        option_list = self.query_one(OptionList)
        if self._pointer is not None and self._pointer < len(self._prompts):
            option_list.replace_option_prompt_at_index(
                self._pointer, self._marked(self._prompts[self._pointer], False))
        if event.option_index < len(self._prompts):
            option_list.replace_option_prompt_at_index(
                event.option_index, self._marked(self._prompts[event.option_index], True))
            self._pointer = event.option_index
            self.call_after_refresh(cursor_on_row, option_list, event.option_index)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("claim-"):
            number = int(option_id.removeprefix("claim-"))
            self.dismiss(self.navigator.placed_claims[number - 1].sentences[0])

    def action_cycle_filter(self, step: int) -> None:
        self.filter_index = (self.filter_index + step) % len(self.filters)
        self._fill()

    def action_set_filter(self, index: int) -> None:
        if index < len(self.filters):
            self.filter_index = index
            self._fill()

    def action_cursor(self, direction: str) -> None:
        option_list = self.query_one(OptionList)
        if direction == "down":
            option_list.action_cursor_down()
        else:
            option_list.action_cursor_up()

    def action_review_stubs(self) -> None:
        if self.stubs is not None:
            self.dismiss(REVIEW_STUBS)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
