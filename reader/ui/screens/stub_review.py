"""Going through the importer's stubs (``R``, or ``R`` in the outline): claims with a quote
and no verdict yet, one at a time, in the article's order.

For each, the article moves to it and this box says how far the review is ("12 of 105
reviewed"): Enter keeps it and opens its form to give it a verdict and a summary, ``s``
skips it for now, Delete deletes it (``u`` in the reader undoes that), Esc stops.
"""

from __future__ import annotations

__all__ = ["StubReview"]

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from reader.authoring import tables
from reader.model import Claim
from reader.ui.safe import safe, safe_line
from reader.ui.screens.author_form import AuthorForm

if TYPE_CHECKING:
    from reader.authoring.author import Author
    from reader.ui.session import Session


class StubReview(AuthorForm[None]):
    """See the module's notes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,k", "keep", "keep", id="stubs.keep"),
        Binding("s", "skip", "skip", id="stubs.skip"),
        Binding("delete,d", "delete", "delete", id="stubs.delete"),
        Binding("escape,q", "close", "stop", id="stubs.close"),
    ]

    def __init__(self, session: Session, author: Author, go_to: Callable[[Claim], None]) -> None:
        super().__init__(session, author)
        self.go_to = go_to
        self.stub: Claim | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="stubs-box", classes="form-box"):
            yield Static("", id="stubs-count", classes="form-title", markup=False)
            yield Static("", id="stubs-quote", markup=False)
            yield Static("", id="stubs-status", classes="form-status", markup=False)
        yield Static("Enter keep it and write it · s skip · Delete delete · Esc stop",
                     classes="form-help", markup=False)

    def on_mount(self) -> None:
        self._next()

    def _next(self) -> None:
        self.stub = self.author.next_stub()
        reviewed, total = self.author.review_count()
        count = self.query_one("#stubs-count", Static)
        quote = self.query_one("#stubs-quote", Static)
        if self.stub is None:
            count.update(safe_line(f"Stubs: {reviewed} of {total} reviewed — none left"))
            quote.update(safe("Every stub has a verdict, was deleted, or was skipped. Esc "
                              "goes back to the article."))
            return
        count.update(safe_line(f"Stub {reviewed + 1} of {total} ({reviewed} reviewed)"))
        kind = f" ({self.stub.kind})" if self.stub.kind else ""
        quote.update(safe(f"“{' '.join(self.stub.quote.split())}”{kind}"))
        self.go_to(self.stub)

    def action_keep(self) -> None:
        stub = self.stub
        if stub is None:
            return
        from reader.ui.screens.claim_editor import ClaimEditor

        self.app.push_screen(ClaimEditor(self.session, self.author, stub.id, None),
                             lambda _result: self._after_edit(stub))

    def _after_edit(self, stub: Claim) -> None:
        pack = self.author.pack
        now = next((c for c in pack.claims if c.id == stub.id), None) if pack else None
        if now is not None and now.verdict is None:
            self.author.skipped.add(stub.id)  # kept without a verdict yet: on to the next
        self.say("")
        self._next()

    def action_skip(self) -> None:
        if self.stub is not None:
            self.author.skipped.add(self.stub.id)
            self.say("")
            self._next()

    def action_delete(self) -> None:
        stub = self.stub
        if stub is None:
            return
        if self.write("delete a stub", lambda doc: tables.delete_claim(doc, stub.id),
                      refused="Not deleted"):
            self.say("Deleted (u in the reader undoes it).")
            self._next()

    def action_close(self) -> None:
        self.dismiss(None)
