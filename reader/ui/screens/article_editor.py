"""The article's details in author mode (``A``): title, author, publisher, date, address and
language, as ``[article]`` holds them. Ctrl+S writes them (checked and saved at once)."""

from __future__ import annotations

__all__ = ["ArticleEditor"]

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from reader.authoring import tables
from reader.authoring.fields import date_problem, language_problem, url_problem
from reader.text.sanitize import sanitize_line
from reader.ui.screens.author_form import AuthorForm, Field

if TYPE_CHECKING:
    from reader.authoring.author import Author
    from reader.ui.session import Session

FIELDS: tuple[Field, ...] = (
    ("title", "Title (required)", "The article's headline"),
    ("author", "Author", "Who wrote it"),
    ("publisher", "Publisher", "The site, paper or journal"),
    ("published", "Date published", "YYYY-MM-DD; empty if only the month or year is known"),
    ("url", "Address", "https://…"),
    ("language", "Language", "A language code: en, fr, de…"),
)


class ArticleEditor(AuthorForm[bool]):
    """See the module's notes; the result says whether anything was written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save", priority=True, id="article.save"),
        Binding("escape", "close", "close", priority=True, id="article.close"),
    ]

    def __init__(self, session: Session, author: Author) -> None:
        super().__init__(session, author)

    def _initial(self) -> dict[str, str]:
        pack = self.author.pack
        if pack is None:
            return {key: "" for key, _label, _hint in FIELDS}
        meta = pack.meta
        values = {"title": meta.title, "author": meta.author or "",
                  "publisher": meta.publisher or "", "published": str(meta.published or ""),
                  "url": meta.url or "", "language": meta.language or ""}
        return {key: " ".join(sanitize_line(value).split()) for key, value in values.items()}

    def compose(self) -> ComposeResult:
        values = self._initial()
        with VerticalScroll(id="article-box", classes="form-box"):
            yield Static("The article's details", classes="form-title", markup=False)
            yield from self.labelled_inputs("article", FIELDS, values)
            yield Static("", id="article-status", classes="form-status", markup=False)
        yield Static("Ctrl+S save · Esc leave · Tab next field", classes="form-help",
                     markup=False)

    def on_mount(self) -> None:
        self.query_one("#article-title", Input).focus()

    def _values(self) -> dict[str, str]:
        return self.input_values("article", FIELDS)

    def _problem(self, values: dict[str, str]) -> str | None:
        if not values["title"]:
            return "The article needs a title."
        return (date_problem(values["published"]) or url_problem(values["url"])
                or language_problem(values["language"]))

    def action_save(self) -> None:
        values = self._values()
        problem = self._problem(values)
        if problem is not None:
            self.say(problem, error=True)
            return
        initial = self._initial()
        changed: dict[str, str | None] = {key: value or None for key, value in values.items()
                                          if value != initial[key]}
        if not changed:
            self.dismiss(False)
            return
        if self.write("the article's details", lambda doc: tables.set_article(doc, changed)):
            self.dismiss(True)

    def action_close(self) -> None:
        self.leave(self._values() != self._initial(),
                   "These details are not saved: Ctrl+S to save them, Esc again to leave them.",
                   False)
