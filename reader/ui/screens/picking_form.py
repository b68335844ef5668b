"""An author-mode form with a source picker (an account, a footnote card): the pack's
cards, and a card picked or made on the spot from what was typed."""

from __future__ import annotations

__all__ = ["SourcePickingForm"]

from collections.abc import Callable

from reader.model import Source
from reader.ui.screens.author_form import AuthorForm, ResultType
from reader.ui.screens.source_editor import SourceEditor
from reader.ui.widgets.source_picker import SourcePicker


class SourcePickingForm(AuthorForm[ResultType]):
    """A form holding a :class:`~reader.ui.widgets.source_picker.SourcePicker`."""

    def make_source(self, title: str, made: Callable[[str | None], None]) -> None:
        """Open the form for a new source card titled ``title``; ``made`` gets its id."""
        self.app.push_screen(SourceEditor(self.session, self.author, None, title), made)

    source_id: str | None = None  # the card the form's source picker holds

    @property
    def cards(self) -> list[Source]:
        pack = self.author.pack
        return list(pack.sources.values()) if pack is not None else []

    def source_picked(self, event: SourcePicker.Picked, next_field: str) -> None:
        """A card picked (then on to ``next_field``), or a new one asked for: its form opens
        with what was typed as its title, and the card made is picked."""
        if event.source_id is not None:
            self.source_id = event.source_id
            self.query_one(next_field).focus()
            return

        def made(source_id: str | None) -> None:
            if source_id is not None:
                self.source_id = source_id
                self.query_one(SourcePicker).use_cards(self.cards, source_id)
                self.query_one(next_field).focus()

        self.make_source(event.new_title or "", made)
