"""Author mode on a pack that may not be changed in place (a bundled pack, or one in a folder
the user cannot write): offer to copy it into the user's packs folder, saying where."""

from __future__ import annotations

__all__ = ["CopyPackScreen"]

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from reader.authoring.author import is_bundled
from reader.authoring.copying import copy_target, copy_to_write
from reader.library import packs_folder
from reader.pack.load import load_pack
from reader.ui.safe import safe


class CopyPackScreen(ModalScreen[Path | None]):
    """Copy (``y``) or leave it (``n``, Esc); the result is the copy's folder."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy", "copy", id="copy.yes"),
        Binding("n,escape", "cancel", "cancel", id="copy.no"),
    ]

    def __init__(self, pack_file: Path, data_folder: Path | None = None) -> None:
        super().__init__()
        self.pack_file = pack_file
        self.packs = packs_folder(data_folder)
        loaded = load_pack(pack_file).pack
        self.pack_title = loaded.meta.title if loaded is not None else pack_file.parent.name
        self.target, self.exists = copy_target(pack_file, self.pack_title, self.packs)

    def compose(self) -> ComposeResult:
        why = ("This pack comes with the reader, so it is never changed in place."
               if is_bundled(self.pack_file)
               else f"You cannot write in {self.pack_file.parent}, so the pack cannot be "
                    "changed in place.")
        if self.exists:
            offer = f"You have a copy of it already, in {self.target}. Write in that copy?"
            yes = "Open my copy (y)"
        else:
            offer = f"Copy it to {self.target} and write in the copy?"
            yes = "Copy it (y)"
        with Vertical(id="copy-box", classes="form-box"):
            yield Static("Write a copy of this pack", classes="form-title", markup=False)
            yield Static(safe(f"{why} {offer}"), id="copy-text", markup=False)
            yield Static("", id="copy-status", classes="form-status", markup=False)
            with Horizontal(id="copy-buttons"):
                yield Button(yes, id="copy-yes", variant="primary")
                yield Button("Cancel (n)", id="copy-no")

    def on_mount(self) -> None:
        self.query_one("#copy-yes", Button).focus()

    @on(Button.Pressed, "#copy-yes")
    def action_copy(self) -> None:
        try:
            folder = copy_to_write(self.pack_file, self.pack_title, self.packs)
        except OSError as exc:
            self.query_one("#copy-status", Static).update(
                safe(f"Not copied: {exc.strerror or exc}"))
            return
        self.dismiss(folder)

    @on(Button.Pressed, "#copy-no")
    def action_cancel(self) -> None:
        self.dismiss(None)
