"""The pack's source cards in author mode (``S``): each with how many accounts and footnote
cards use it. Enter edits a card, ``a`` adds one, Delete (twice) deletes one; a card still
in use is not deleted, and what uses it is listed instead."""

from __future__ import annotations

__all__ = ["SourcesScreen"]

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.authoring import tables
from reader.ui.safe import safe_line
from reader.ui.screens.author_form import AuthorForm
from reader.ui.widgets.source_picker import source_line

if TYPE_CHECKING:
    from reader.authoring.author import Author
    from reader.ui.session import Session

_NEW = "source-new"
_LISTED_USERS = 6


class SourcesScreen(AuthorForm[None]):
    """See the module's notes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "close", id="sources.close"),
        Binding("a", "add", "add", id="sources.add"),
        Binding("delete,d", "delete", "delete", id="sources.delete"),
    ]

    def __init__(self, session: Session, author: Author) -> None:
        super().__init__(session, author)

    def compose(self) -> ComposeResult:
        with Vertical(id="sources-box", classes="form-box"):
            yield Static("", id="sources-title", classes="form-title", markup=False)
            yield OptionList(id="sources-list")
            yield Static("", id="sources-status", classes="form-status", markup=False)
        yield Static("Enter edit · a add · Delete delete (twice) · Esc close",
                     classes="form-help", markup=False)

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self, highlight: int | None = None) -> None:
        pack = self.author.pack
        cards = list(pack.sources.values()) if pack is not None else []
        doc = self.author.document.doc
        listing = self.query_one(OptionList)
        listing.clear_options()
        for card in cards:
            users = len(tables.source_users(doc, card.id))
            used = f"used {users} time{'s' if users != 1 else ''}" if users else "not used"
            listing.add_option(Option(safe_line(f"{source_line(card)} — {used}"),
                                      id=f"source:{card.id}"))
        listing.add_option(Option("+ New source card (a)", id=_NEW))
        self.query_one("#sources-title", Static).update(
            safe_line(f"Source cards ({len(cards)})"))
        if highlight is not None:
            listing.highlighted = min(highlight, listing.option_count - 1)

    def _chosen_id(self) -> str | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id
        return option_id.removeprefix("source:") if option_id and option_id != _NEW else None

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == _NEW:
            self.action_add()
            return
        source_id = self._chosen_id()
        pack = self.author.pack
        if source_id is None or pack is None or source_id not in pack.sources:
            return
        from reader.ui.screens.source_editor import SourceEditor

        highlight = self.query_one(OptionList).highlighted
        self.app.push_screen(SourceEditor(self.session, self.author, pack.sources[source_id]),
                             lambda _id: self._fill(highlight))

    def action_add(self) -> None:
        from reader.ui.screens.source_editor import SourceEditor

        self.app.push_screen(SourceEditor(self.session, self.author, None),
                             lambda _id: self._fill(self.query_one(OptionList).option_count))

    def action_delete(self) -> None:
        source_id = self._chosen_id()
        if source_id is None:
            return
        if self._armed != source_id:
            self._armed = source_id
            self.say(f"Press Delete again to delete the card {source_id}.")
            return
        self._armed = None
        users = tables.source_users(self.author.document.doc, source_id)
        if users:
            listed = "; ".join(users[:_LISTED_USERS]) + (
                f"; and {len(users) - _LISTED_USERS} more" if len(users) > _LISTED_USERS else "")
            self.say(f"Not deleted: {source_id} is used by {listed}. Change or delete those "
                     "first.", error=True)
            return
        highlight = self.query_one(OptionList).highlighted
        if self.write(f"delete source card {source_id}",
                      lambda doc: tables.delete_source(doc, source_id), refused="Not deleted"):
            self._fill(highlight)
            self.say(f"Deleted {source_id} (u in the reader undoes it).")

    def action_close(self) -> None:
        self.dismiss(None)
