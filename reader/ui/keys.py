"""Every key of the reader in one table: the bindings, the help screen and the README use it."""

from __future__ import annotations

__all__ = ["HELP_ROWS", "KEYS", "Key", "reader_bindings"]

from typing import NamedTuple

from textual.binding import Binding

WRITE = "Write (author mode)"
CHOOSE = "Choosing a quote (author mode)"


class Key(NamedTuple):
    keys: str  # Textual key names, comma-separated
    action: str
    shown: str  # how the help screen writes the keys
    description: str
    footer: str = ""  # short label for the footer ("" = not in the footer)
    group: str = "Move"


KEYS: tuple[Key, ...] = (
    Key("j,down", "next_sentence", "j  ↓", "next sentence", "next", "Move"),
    Key("k,up", "previous_sentence", "k  ↑", "previous sentence", "", "Move"),
    Key("right_square_bracket", "next_claim", "]", "next claim", "claim", "Move"),
    Key("left_square_bracket", "previous_claim", "[", "previous claim", "", "Move"),
    Key("right_curly_bracket", "next_paragraph", "}", "next paragraph", "", "Move"),
    Key("left_curly_bracket", "previous_paragraph", "{", "previous paragraph", "", "Move"),
    Key("g,home", "first", "g  Home", "first sentence", "", "Move"),
    Key("G,end", "last", "G  End", "last sentence", "", "Move"),
    Key("pagedown,space", "page_down", "PgDn  Space", "a screen further", "", "Move"),
    Key("pageup,b", "page_up", "PgUp  b", "a screen back", "", "Move"),
    Key(
        "f",
        "cycle_footnote",
        "f",
        "cycle this sentence's footnotes in the panel",
        "footnote",
        "Read",
    ),
    Key("slash", "search", "/", "search the article", "search", "Read"),
    Key("n", "next_match", "n", "next search match", "", "Read"),
    Key("N", "previous_match", "N", "previous search match", "", "Read"),
    Key("escape", "clear_search", "Esc", "forget the search and its marks", "", "Read"),
    Key(
        "o", "outline", "o", "outline of claims: jump to any, filter by verdict", "outline", "Read"
    ),
    Key("a", "note", "a", "write, edit or delete your note on this sentence", "note", "Work"),
    Key("m", "my_notes", "m", "all your notes, including any whose sentence has gone", "",
        "Work"),
    Key("v", "guess", "v", "guess this claim's verdict (how sure, and why)", "guess", "Work"),
    Key("Q", "toggle_quiz", "Q", "quiz: hide verdicts until you have guessed", "", "Work"),
    Key("s", "summary", "s", "summary of your guesses; hand in your work", "", "Work"),
    Key("L", "library", "L", "library: open another article", "", "Work"),
    Key("J", "panel_down", "J", "scroll the panel down", "", "Panel"),
    Key("K", "panel_up", "K", "scroll the panel up", "", "Panel"),
    Key("p", "toggle_panel", "p", "show or hide the panel", "", "Panel"),
    Key("tab", "switch_focus", "Tab", "move focus between the article and the panel", "", "Panel"),
    Key("e", "author", "e", "author mode: write this pack (on or off)", "", WRITE),
    Key("c", "claim", "c", "write the claim on this sentence (new: choose its quote first)",
        "write", WRITE),
    Key("x", "delete_claim", "x", "delete the claim on this sentence", "", WRITE),
    Key("F", "footnote_card", "F", "write the card for this sentence's footnote", "", WRITE),
    Key("A", "article_details", "A", "the article's details: title, author, date…", "",
        WRITE),
    Key("S", "sources", "S", "source cards: edit, add, delete", "", WRITE),
    Key("R", "review_stubs", "R", "review the importer's stubs one by one", "", WRITE),
    Key("u", "undo", "u", "undo the last change to the pack", "undo", WRITE),
    Key("U,ctrl+y", "redo", "U", "redo what was undone", "", WRITE),
    Key("E", "open_editor", "E", "edit pack.toml in your editor, at this claim", "", WRITE),
    Key("left,comma", "quote_start_back", "←  ,", "choosing a quote: start a word earlier", "",
        CHOOSE),
    Key("right,full_stop", "quote_start_on", "→  .", "choosing a quote: start a word later", "",
        CHOOSE),
    Key("shift+left,less_than_sign", "quote_end_back", "Shift+←  <",
        "choosing a quote: end a word earlier", "", CHOOSE),
    Key("shift+right,greater_than_sign", "quote_end_on", "Shift+→  >",
        "choosing a quote: end a word later", "", CHOOSE),
    Key("enter", "quote_done", "Enter", "choosing a quote: use it (Esc: cancel)", "",
        CHOOSE),
    Key("question_mark,f1", "help", "?  F1", "this help", "help", "App"),
    Key(
        "ctrl+p",
        "command_palette",
        "Ctrl+P",
        "commands: go to a claim or footnote, theme…",
        "",
        "App",
    ),
    Key("exclamation_mark", "problems", "!", "the pack's problems (only when it has some)",
        "problems", "App"),
    Key("q", "quit", "q", "quit (your place is remembered)", "quit", "App"),
)

FOOTER_FIRST = ("help", "quit")
FOOTER_AUTHOR = ("claim", "undo")  # shown in author mode only, next after help and quit

HELP_ROWS: tuple[tuple[str, str, str], ...] = tuple(
    (key.group, key.shown, key.description) for key in KEYS
)


def reader_bindings() -> list[Binding]:
    """Bindings for the reader screen; the same in every pane (so they take priority)."""
    bindings = []
    # The footer shows keys in this order and drops the last ones on a narrow screen: help and
    # quit come first so that they are always there.
    ordered = sorted(KEYS, key=lambda key: (key.action not in FOOTER_FIRST,
                                            key.action not in FOOTER_AUTHOR))
    for key in ordered:
        if key.action == "command_palette":
            continue  # the app's own binding
        bindings.append(
            Binding(
                key.keys,
                key.action,
                key.footer or key.description,
                show=bool(key.footer),
                key_display=key.shown.split()[0] if key.footer else None,
                priority=key.action not in ("switch_focus",),
                id=f"reader.{key.action}",
            )
        )
    return bindings
