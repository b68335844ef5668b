"""One account of a claim in author mode: which source, its stance, what it says, and an
optional short quote.

The source is found by typing part of its title, publisher or id (see
:class:`~reader.ui.widgets.source_picker.SourcePicker`), or made on the spot: the last line
of the list, "New source card", opens a short form with what was typed as its title. The stance is
chosen from the list in the words the panel shows. A quote past 25 words is warned about
as it is typed. Ctrl+S gives the account to the claim's form, which writes it; Esc leaves.
"""

from __future__ import annotations

__all__ = ["AccountEditor"]

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static, TextArea

from reader.model import STANCE_WORDS, STANCES, Account, Claim
from reader.pack.claims import MAX_QUOTE_WORDS
from reader.text.sanitize import sanitize_for_display, sanitize_line
from reader.ui.safe import safe_line
from reader.ui.screens.picking_form import SourcePickingForm
from reader.ui.widgets.source_picker import SourcePicker

if TYPE_CHECKING:
    from reader.authoring.author import Author
    from reader.ui.session import Session

class AccountEditor(SourcePickingForm[dict[str, str | None] | None]):
    """See the module's notes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save", priority=True, id="account.save"),
        Binding("escape", "close", "close", priority=True, id="account.close"),
    ]

    def __init__(self, session: Session, author: Author, claim: Claim,
                 account: Account | None) -> None:
        super().__init__(session, author)
        self.claim = claim
        self.account = account
        self.source_id: str | None = account.source if account is not None else None

    def compose(self) -> ComposeResult:
        account = self.account
        with VerticalScroll(id="account-box", classes="form-box"):
            title = "New account" if account is None else "Edit account"
            yield Static(safe_line(f"{title} — on “{' '.join(self.claim.quote.split())[:70]}”"),
                         classes="form-title", markup=False)
            yield SourcePicker(self.cards, self.source_id, id="account-source")
            yield Static("Stance: what the source does to the claim", classes="form-label",
                         markup=False)
            yield Select([(f"{STANCE_WORDS.get(s, s)}", s) for s in STANCES],
                         value=account.stance if account is not None else Select.NULL,
                         prompt="choose", id="account-stance")
            yield Static("What the source says, in your own words", classes="form-label",
                         markup=False)
            yield TextArea(sanitize_for_display(account.says) if account is not None else "",
                           id="account-says",
                           soft_wrap=True, classes="form-text")
            yield Static("A short quote from the source (optional)", classes="form-label",
                         markup=False)
            yield Input(sanitize_line(account.quote or "") if account is not None else "",
                        id="account-quote")
            yield Static("", id="account-status", classes="form-status", markup=False)
        yield Static("Ctrl+S keep this account · Esc leave · Tab next field",
                     classes="form-help", markup=False)

    def on_mount(self) -> None:
        self.query_one("#account-source .picker-find", Input).focus()

    @on(SourcePicker.Picked)
    def _picked(self, event: SourcePicker.Picked) -> None:
        self.source_picked(event, "#account-stance")

    @on(Input.Changed, "#account-quote")
    def _quote_typed(self, event: Input.Changed) -> None:
        words = len(event.value.split())
        if words > MAX_QUOTE_WORDS:
            self.say(f"The quote is {words} words: keep quotes to {MAX_QUOTE_WORDS} or fewer "
                      "and say the rest in your own words.", error=True)
        else:
            self.say("")

    def _values(self) -> dict[str, str | None]:
        stance = self.query_one("#account-stance", Select).value
        return {
            "source": self.source_id,
            "stance": stance if isinstance(stance, str) else None,
            "says": " ".join(self.query_one("#account-says", TextArea).text.split()) or None,
            "quote": " ".join(self.query_one("#account-quote", Input).value.split()) or None,
        }

    def action_save(self) -> None:
        values = self._values()
        missing = [name for key, name in (("source", "a source"), ("stance", "a stance"),
                                          ("says", "what the source says"))
                   if not values[key]]
        if missing:
            self.say("Still needed: " + ", ".join(missing) + ".", error=True)
            return
        self.dismiss(values)

    def action_close(self) -> None:
        original = {"source": self.account.source, "stance": self.account.stance,
                    "says": " ".join(sanitize_line(self.account.says).split()) or None,
                    "quote": " ".join(sanitize_line(self.account.quote or "").split()) or None
                    } if (
            self.account is not None) else {"source": None, "stance": None, "says": None,
                                             "quote": None}
        self.leave(self._values() != original,
                   "This account is not kept yet: Ctrl+S to keep it, Esc again to leave it.", None)
