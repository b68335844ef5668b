"""Command palette (Ctrl+P): go to a claim or a footnote, view and theme commands.

Every command is named with its namespace ("Claim:", "Footnote:", "View:", "Theme:") so a
student can type "claim false" or "footnote 3". Titles come from the pack and are shown as
plain content, never as markup.
"""

from __future__ import annotations

__all__ = ["Command", "CommandSource", "ReaderCommands", "ThemeCommands", "pack_commands"]

from collections.abc import Callable, Container, Iterator
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from reader.model import Pack
from reader.navigation import Navigator
from reader.quiz import verdict_mark
from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(sanitize_line(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


Command = tuple[str, Callable[[], object], str]  # what it says, what it does, its help


@runtime_checkable
class CommandSource(Protocol):
    """A screen that offers commands in the palette."""

    def palette_commands(self) -> Iterator[Command]: ...


def pack_commands(
    pack: Pack,
    navigator: Navigator,
    go_to_sentence: Callable[[int], object],
    hidden: Container[str] = (),
) -> Iterator[Command]:
    """Go to each claim and to each footnote's sentence. ``hidden``: the ids of the claims
    whose verdicts the quiz hides; they are named "? not guessed", and so cannot be found by
    their verdicts either."""
    for number, claim in enumerate(navigator.placed_claims, start=1):
        label = verdict_mark(pack, claim, hidden)
        yield (
            f"Claim: C{number} {label} — {_short(claim.quote)}",
            partial(go_to_sentence, claim.sentences[0]),
            "Go to this claim",
        )
    for label in pack.article.footnotes:
        sentence = navigator.sentence_of_footnote(label)
        if sentence is None:
            continue
        note = pack.article.footnotes[label].text
        yield (
            f"Footnote: [{sanitize_line(label)}] {_short(note)}",
            partial(go_to_sentence, sentence),
            "Go to the sentence citing this note",
        )


class _Commands(Provider):
    """A provider of plain-text commands, matched loosely, their titles shown as plain text."""

    def _commands(self) -> Iterator[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            if text.startswith(("View:", "Claim: C1 ")):
                yield DiscoveryHit(safe(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), command, text=text, help=help_text)


class ReaderCommands(_Commands):
    """The commands of the screen the palette was opened on (a :class:`CommandSource`)."""

    def _commands(self) -> Iterator[Command]:
        if isinstance(self.screen, CommandSource):
            yield from self.screen.palette_commands()


class ThemeCommands(_Commands):
    """One command per theme, on every screen."""

    def _commands(self) -> Iterator[Command]:
        for theme in sorted(self.app.available_themes):
            yield (f"Theme: {theme}", partial(setattr, self.app, "theme", theme), "Change theme")


def _highlight(matcher: Matcher, text: str) -> Content:
    """The matched letters styled, on plain content.

    ``Matcher.highlight`` parses its argument as markup, and these texts come from the pack:
    a quote with ``[/]`` would crash the palette and ``[@click=…]`` would become an action.
    """
    content = safe(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
