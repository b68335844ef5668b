"""A claim's form in author mode (``c``): quote, verdict, kind, summary, accounts, reviewer
notes, discussion questions and guessing prompts.

Ctrl+S writes the claim (checked and saved at once; a refusal is shown here and nothing typed
is lost); the form stays open, so accounts can be added next. The accounts list takes ``a``
(add), Enter (edit), Ctrl+↑/↓ (move) and Delete (twice). Ctrl+R goes back to the article to
choose the quote again, and returns here with everything typed. Notes, questions and prompts
are one per paragraph: a blank line starts the next.
"""

from __future__ import annotations

__all__ = ["ClaimDraft", "ClaimEditor"]

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from reader.authoring import tables
from reader.authoring.quote import QuoteChoice
from reader.ingest.stubs import claim_kind
from reader.model import CLAIM_KINDS, STANCE_WORDS, Claim
from reader.panel import CLAIM_KIND_WORDS
from reader.text.sanitize import sanitize_for_display, sanitize_line
from reader.ui.safe import safe, safe_line
from reader.ui.screens.author_form import AuthorForm

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument

    from reader.authoring.author import Author
    from reader.ui.session import Session

_ITEMS = (("notes", "Reviewer notes"), ("questions", "Discussion questions"),
          ("prompts", "Prompts for guessing"))


class ClaimDraft(NamedTuple):
    """What the form holds while the quote is chosen again in the article."""

    claim_id: str | None
    span: tuple[int, int]  # the quote being written ((0, 0): the claim's own)
    choice: QuoteChoice | None
    fields: dict[str, str]


class ClaimEditor(AuthorForm[ClaimDraft | None]):
    """See the module's notes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save", priority=True, id="claim.save"),
        Binding("escape", "close", "close", priority=True, id="claim.close"),
        Binding("ctrl+r", "choose_quote", "quote", priority=True, id="claim.quote"),
    ]

    def __init__(
        self,
        session: Session,
        author: Author,
        claim_id: str | None,
        choice: QuoteChoice | None,
        draft: ClaimDraft | None = None,
    ) -> None:
        super().__init__(session, author)
        self.claim_id = claim_id
        self.choice = choice if choice is not None else (draft.choice if draft else None)
        self._fields = dict(draft.fields) if draft is not None else None
        self._saved_fields: dict[str, str] = {}

    # -- the claim as it is in the pack -----------------------------------------------------------

    @property
    def claim(self) -> Claim | None:
        pack = self.author.pack
        if pack is None or self.claim_id is None:
            return None
        return next((c for c in pack.claims if c.id == self.claim_id), None)

    def _initial(self) -> dict[str, str]:
        claim = self.claim
        if claim is None:
            quote = self.choice.quote if self.choice else ""
            return {"verdict": "", "kind": claim_kind(quote), "summary": "", "notes": "",
                    "questions": "", "prompts": ""}
        # Shown as the teacher will see them: control characters made visible.
        return {
            "verdict": claim.verdict or "",
            "kind": claim.kind or "",
            "summary": sanitize_for_display(claim.summary or ""),
            "notes": "\n\n".join(sanitize_line(n) for n in claim.notes),
            "questions": "\n\n".join(sanitize_line(q) for q in claim.questions),
            "prompts": "\n\n".join(sanitize_line(p) for p in claim.prompts),
        }

    # -- the form -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        saved = self._initial()
        self._saved_fields = saved
        fields = self._fields if self._fields is not None else saved
        scale = self.author.pack.scale if self.author.pack is not None else None
        with VerticalScroll(id="claim-box", classes="form-box"):
            yield Static("", id="claim-title", classes="form-title", markup=False)
            yield Static("", id="claim-quote", markup=False)
            yield Static("Verdict", classes="form-label", markup=False)
            verdicts = [(f"{v.glyph} {v.label}".strip(), v.id) for v in scale.verdicts] if (
                scale is not None) else []
            yield Select(verdicts, value=fields["verdict"] or Select.NULL,
                         prompt="not decided yet", id="claim-verdict")
            yield Static("Kind of claim", classes="form-label", markup=False)
            yield Select([(f"{kind}: {CLAIM_KIND_WORDS.get(kind, kind)}", kind)
                          for kind in CLAIM_KINDS],
                         value=fields["kind"] if fields["kind"] in CLAIM_KINDS else Select.NULL,
                         prompt="not said", id="claim-kind")
            yield Static("Summary: what the sources show, in your own words", classes="form-label",
                         markup=False)
            yield TextArea(sanitize_for_display(fields["summary"]), id="claim-summary",
                           soft_wrap=True, classes="form-text")
            yield Static("", id="claim-accounts-label", classes="form-label", markup=False)
            yield OptionList(id="claim-accounts")
            for key, label in _ITEMS:
                yield Static(safe_line(f"{label} (a blank line between each)"),
                             classes="form-label", markup=False)
                yield TextArea(sanitize_for_display(fields[key]), id=f"claim-{key}",
                               soft_wrap=True,
                               classes="form-text -short")
            yield Static("", id="claim-status", classes="form-status", markup=False)
        yield Static(
            "Ctrl+S save · Esc close · Ctrl+R choose the quote again · "
            "accounts: a add, Enter edit, Ctrl+↑/↓ move, Delete remove",
            id="claim-help", classes="form-help", markup=False)

    def on_mount(self) -> None:
        self._show_claim()
        self.query_one("#claim-verdict", Select).focus()

    def _show_claim(self) -> None:
        claim = self.claim
        if claim is None:
            title = "New claim"
        else:
            number = next((n for n, c in enumerate(sorted(
                self.author.pack.claims if self.author.pack else (),
                key=lambda c: c.anchor.start), start=1) if c.id == claim.id), 0)
            title = f"Claim C{number} ({claim.id})"
        self.query_one("#claim-title", Static).update(safe_line(title))
        quote = self.choice.quote if self.choice is not None else (claim.quote if claim else "")
        self.query_one("#claim-quote", Static).update(safe(f"“{' '.join(quote.split())}”"))
        self._fill_accounts()

    def _fill_accounts(self, highlight: int | None = None) -> None:
        claim = self.claim
        listing = self.query_one("#claim-accounts", OptionList)
        listing.clear_options()
        sources = self.author.pack.sources if self.author.pack is not None else {}
        accounts = claim.accounts if claim is not None else ()
        for number, account in enumerate(accounts, start=1):
            card = sources.get(account.source)
            name = card.title if card is not None else account.source
            says = " ".join(sanitize_line(account.says).split())
            stance = STANCE_WORDS.get(account.stance, account.stance)
            text = (f"{number}. {sanitize_line(name)} — {stance}"
                    f": {says[:90]}{'…' if len(says) > 90 else ''}")
            listing.add_option(Option(safe_line(text), id=f"account-{number - 1}"))
        listing.add_option(Option("+ Add an account (a)", id="account-new"))
        label = f"Accounts from sources ({len(accounts)})"
        if claim is None:
            label += ": save the claim first (Ctrl+S), or press a to save it and add one"
        self.query_one("#claim-accounts-label", Static).update(safe_line(label))
        listing.highlighted = min(highlight or 0, listing.option_count - 1)

    # -- reading the form -------------------------------------------------------------------------

    def _current(self) -> dict[str, str]:
        verdict = self.query_one("#claim-verdict", Select).value
        kind = self.query_one("#claim-kind", Select).value
        fields = {
            "verdict": verdict if isinstance(verdict, str) else "",
            "kind": kind if isinstance(kind, str) else "",
            "summary": self.query_one("#claim-summary", TextArea).text.strip(),
        }
        for key, _label in _ITEMS:
            fields[key] = self.query_one(f"#claim-{key}", TextArea).text.strip()
        return fields

    @property
    def unsaved(self) -> bool:
        return _normal(self._current()) != _normal(self._saved_fields) or (
            self.claim_id is None and self.choice is not None) or (
            self.choice is not None and self.claim is not None
            and self.choice.quote != self.claim.quote)

    # -- saving ---------------------------------------------------------------------------------

    def _change(self, fields: dict[str, str]) -> Any:
        author = self.author
        choice = self.choice
        claim_id = self.claim_id
        new_id = author.new_claim_id(choice.quote) if claim_id is None and choice else None
        at = author.claim_position(choice.start) if new_id is not None and choice else None

        def change(doc: TOMLDocument) -> None:
            values: dict[str, str | None] = {
                key: fields[key] or None for key in ("kind", "verdict", "summary")}
            if choice is not None:
                values.update(quote=choice.quote, prefix=choice.prefix or None,
                              suffix=choice.suffix or None)
            target = claim_id
            if target is None:
                assert new_id is not None
                tables.insert_claim(doc, {"id": new_id, **values}, at)
                target = new_id
            else:
                tables.set_claim(doc, target, values)
            for key, _label in _ITEMS:
                tables.set_items(doc, target, key, _paragraphs(fields[key]))

        return change, new_id

    def action_save(self) -> bool:
        """Write the claim; whether it was written."""
        if self.claim_id is None and self.choice is None:
            self.say("Choose the quote first (Ctrl+R).", error=True)
            return False
        fields = self._current()
        change, new_id = self._change(fields)
        if not self.write("the claim" if new_id is None else "a new claim", change):
            return False
        if new_id is not None:
            self.claim_id = new_id
        self.choice = None
        self._saved_fields = self._initial()
        self._armed = None
        self._show_claim()
        self.say_saved()
        return True

    def action_close(self) -> None:
        self.leave(self.unsaved,
                   "This claim has changes not saved: Ctrl+S to save, Esc again to leave them.",
                   None)

    def action_choose_quote(self) -> None:
        span = (self.choice.start, self.choice.end) if self.choice is not None else (0, 0)
        self.dismiss(ClaimDraft(self.claim_id, span, self.choice, self._current()))

    # -- accounts ---------------------------------------------------------------------------------

    def _account_index(self) -> int | None:
        listing = self.query_one("#claim-accounts", OptionList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        if option.id is None or option.id == "account-new":
            return None
        return int(option.id.removeprefix("account-"))

    @on(OptionList.OptionSelected, "#claim-accounts")
    def _account_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "account-new":
            self._add_account()
        else:
            self._edit_account(self._account_index())

    def on_key(self, event: Any) -> None:
        if not self.query_one("#claim-accounts", OptionList).has_focus:
            return
        key = event.key
        if key == "a":
            event.stop()
            self._add_account()
        elif key in ("delete", "d"):
            event.stop()
            self._delete_account()
        elif key in ("ctrl+up", "ctrl+down", "K", "J"):
            event.stop()
            self._move_account(-1 if key in ("ctrl+up", "K") else 1)

    def _add_account(self) -> None:
        if self.claim_id is None and not self.action_save():
            return
        self._edit_account(None)

    def _edit_account(self, index: int | None) -> None:
        from reader.ui.screens.account_editor import AccountEditor

        claim = self.claim
        if claim is None:
            return
        account = claim.accounts[index] if index is not None else None
        self.app.push_screen(AccountEditor(self.session, self.author, claim, account),
                             lambda values: self._account_written(index, values))

    def _account_written(self, index: int | None, values: dict[str, str | None] | None) -> None:
        if values is None or self.claim_id is None:
            return
        claim_id = self.claim_id
        what = "a new account" if index is None else f"account {index + 1}"
        if self._apply(what, lambda doc: tables.put_account(doc, claim_id, values, index)):
            count = len(self.claim.accounts) if self.claim else 0
            self._fill_accounts(count - 1 if index is None else index)
            self.query_one("#claim-accounts", OptionList).focus()

    def _delete_account(self) -> None:
        index = self._account_index()
        if index is None or self.claim_id is None:
            return
        if self._armed != f"delete-{index}":
            self._armed = f"delete-{index}"
            self.say(f"Press Delete again to delete account {index + 1}.")
            return
        self._armed = None
        claim_id = self.claim_id
        if self._apply(f"delete account {index + 1}",
                       lambda doc: tables.delete_account(doc, claim_id, index)):
            self._fill_accounts(index)

    def _move_account(self, step: int) -> None:
        index = self._account_index()
        if index is None or self.claim_id is None:
            return
        claim_id = self.claim_id
        moved: list[int] = []
        if self._apply(f"move account {index + 1}",
                       lambda doc: moved.append(tables.move_account(doc, claim_id, index, step))):
            self._fill_accounts(moved[0] if moved else index)

    def _apply(self, what: str, change: Any) -> bool:
        if not self.write(what, change, refused="Not changed"):
            return False
        self.say_saved()
        return True


def _normal(fields: dict[str, str]) -> dict[str, object]:
    """The fields as they are written to the pack (to tell whether anything changed)."""
    return {key: _paragraphs(value) for key, value in fields.items()}


def _paragraphs(text: str) -> list[str]:
    """The items of a notes box: one per paragraph, its lines joined."""
    blocks = [" ".join(block.split()) for block in text.replace("\r", "").split("\n\n")]
    return [block for block in blocks if block]
