"""What every form of author mode shares: its status line, writing a change through the
session's :class:`~reader.authoring.author.Author`, leaving with unsaved text (Esc twice),
and labelled one-line fields. Forms with a source picker extend
:class:`~reader.ui.screens.picking_form.SourcePickingForm`."""

from __future__ import annotations

__all__ = ["AuthorForm", "Field", "ResultType"]

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe, safe_line

if TYPE_CHECKING:
    from reader.authoring.author import Author
    from reader.ui.session import Session

Field = tuple[str, str, str]  # key, label, hint
ResultType = TypeVar("ResultType")


class AuthorForm(ModalScreen[ResultType]):
    """A form of author mode; subclasses compose one ``.form-status`` line."""

    def __init__(self, session: Session, author: Author) -> None:
        super().__init__()
        self.session = session
        self.author = author
        self._armed: str | None = None  # what a first press of a key asked to confirm

    def say(self, message: str, error: bool = False) -> None:
        status = self.query_one(".form-status", Static)
        status.update(safe(message))
        status.set_class(error, "-error")

    def write(self, what: str, change: Callable[[Any], object], refused: str = "Not saved"
              ) -> bool:
        """Make ``change`` through the author; whether the pack now holds it. A refusal is
        said here (the form keeps what was typed); a change made but not written to disk is
        kept and said in a notification."""
        from reader.authoring.author import NotSaved
        from reader.authoring.document import Refused
        from reader.authoring.tables import NotFound

        try:
            self.author.change(what, change)
        except Refused as exc:
            self.say(f"{refused}: {exc.reason}", error=True)
            return False
        except NotFound as exc:  # the table is gone (changed on disk meanwhile)
            self.say(f"{refused}: {exc}", error=True)
            return False
        except NotSaved as exc:
            self.app.notify(sanitize_line(f"Changed, but not saved: {exc.reason}"),
                            markup=False, severity="error", timeout=15)
        self.session.authored()
        return True

    def say_saved(self) -> None:
        """How the pack stands after a change the form stays open for."""
        error_count, warnings = self.author.counts()
        done = ("Changed, but not yet written to disk" if self.author.document.dirty
                else "Saved")
        self.say(f"{done}. The pack has {error_count} error(s) and {warnings} warning(s).")

    def leave(self, unsaved: bool, warning: str, result: ResultType) -> None:
        """Esc: leave, unless there is unsaved text and Esc was not pressed just before."""
        if unsaved and self._armed != "close":
            self._armed = "close"
            self.say(warning, error=True)
            return
        self.dismiss(result)

    @staticmethod
    def labelled_inputs(prefix: str, fields: Sequence[Field], values: dict[str, str]
                        ) -> Iterator[Widget]:
        """A label and a one-line input (``#prefix-key``) for each field."""
        for key, label, hint in fields:
            yield Static(safe_line(label), classes="form-label", markup=False)
            yield Input(values[key], placeholder=sanitize_line(hint), id=f"{prefix}-{key}")

    def input_values(self, prefix: str, fields: Sequence[Field]) -> dict[str, str]:
        """What the inputs of ``fields`` hold, each on one line with single spaces."""
        return {key: " ".join(self.query_one(f"#{prefix}-{key}", Input).value.split())
                for key, _label, _hint in fields}
