"""Picking a source card by typing part of its name: the chosen card, a search box, and the
closest cards, with "New source card" as the last line.

Enter in the box (or on a line of the list) picks the highlighted card; the last line asks
for a new card, whose title starts as what was typed. The widget says what was picked or
asked for in a message; the screen around it makes the new card.
"""

from __future__ import annotations

__all__ = ["SourcePicker", "matching_sources", "source_line"]

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Source
from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe_line

SHOWN_SOURCES = 8
_NEW = "source-new"


def source_line(card: Source) -> str:
    """How a source card is named in lists: title, publisher, date, id."""
    parts = [card.title, card.publisher or "", str(card.date or "")]
    return sanitize_line(" · ".join(p for p in parts if p) + f"  ({card.id})")


def matching_sources(cards: list[Source], typed: str, limit: int = SHOWN_SOURCES) -> list[Source]:
    """The cards that best match ``typed`` (fuzzy, on title, publisher, date and id); the
    first cards, in the pack's order, when nothing is typed."""
    typed = typed.strip()
    if not typed:
        return cards[:limit]
    matcher = Matcher(typed)
    scored = [(matcher.match(source_line(card)), index, card) for index, card in enumerate(cards)]
    return [card for score, _i, card in sorted(scored, key=lambda s: (-s[0], s[1]))
            if score > 0][:limit]


class SourcePicker(Vertical):
    """See the module's notes."""

    DEFAULT_CSS = """
    SourcePicker {
        height: auto;
    }
    """

    class Picked(Message):
        """A card was picked (``source_id``), or a new one asked for (``new_title``)."""

        def __init__(self, source_id: str | None, new_title: str | None = None) -> None:
            super().__init__()
            self.source_id = source_id
            self.new_title = new_title

    def __init__(self, cards: list[Source], chosen: str | None, *, label: str = "Source",
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.cards = cards
        self.chosen = chosen
        self.label = label

    def compose(self) -> ComposeResult:
        yield Static("", classes="form-label picker-chosen", markup=False)
        yield Input(placeholder="Type part of the source's name, publisher or id",
                    classes="picker-find")
        yield OptionList(classes="picker-list")

    def on_mount(self) -> None:
        self.show_chosen()
        self._fill("")

    def use_cards(self, cards: list[Source], chosen: str | None) -> None:
        """The pack's cards changed (a card was made): list them, with ``chosen`` picked."""
        self.cards = cards
        self.chosen = chosen
        self.show_chosen()
        self._fill(self.query_one(".picker-find", Input).value)

    def show_chosen(self) -> None:
        card = next((c for c in self.cards if c.id == self.chosen), None)
        if self.chosen is None:
            text = f"{self.label}: none chosen yet"
        elif card is None:
            text = f"{self.label}: {self.chosen} (no such card)"
        else:
            text = f"{self.label}: {source_line(card)}"
        self.query_one(".picker-chosen", Static).update(safe_line(text))

    def _fill(self, typed: str) -> None:
        listing = self.query_one(".picker-list", OptionList)
        listing.clear_options()
        for card in matching_sources(self.cards, typed):
            listing.add_option(Option(safe_line(source_line(card)), id=f"source:{card.id}"))
        new = f"+ New source card “{typed.strip()}”" if typed.strip() else "+ New source card"
        listing.add_option(Option(safe_line(new), id=_NEW))
        listing.highlighted = 0

    @on(Input.Changed, ".picker-find")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    @on(Input.Submitted, ".picker-find")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        listing = self.query_one(".picker-list", OptionList)
        if listing.option_count:
            self._pick(listing.get_option_at_index(listing.highlighted or 0).id)

    @on(OptionList.OptionSelected, ".picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id == _NEW:
            typed = " ".join(self.query_one(".picker-find", Input).value.split())
            self.post_message(self.Picked(None, typed))
        elif option_id and option_id.startswith("source:"):
            self.chosen = option_id.removeprefix("source:")
            self.show_chosen()
            self.post_message(self.Picked(self.chosen))
