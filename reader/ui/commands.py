"""Command palette (Ctrl+P): go to a claim or a footnote, view and theme commands.

Every command is named with its namespace ("Claim:", "Footnote:", "View:", "Theme:") so a
student can type "claim false" or "footnote 3". Titles come from the pack and are shown as
plain content, never as markup.
"""

from __future__ import annotations

__all__ = ["ReaderCommands"]

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(sanitize_line(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ReaderCommands(Provider):
    """Commands of the reader screen."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        from reader.ui.screens.reader_screen import ReaderScreen

        screen: ReaderScreen | None = None
        for candidate in reversed(self.app.screen_stack):
            if isinstance(candidate, ReaderScreen):
                screen = candidate
                break
        if screen is None:
            return
        pack = screen.pack
        scale = pack.scale
        for number, claim in enumerate(screen.navigator.placed_claims, start=1):
            verdict = scale.get(claim.verdict)
            label = f"{verdict.glyph} {verdict.label}" if verdict else "Not reviewed"
            yield (
                f"Claim: C{number} {label} — {_short(claim.quote)}",
                partial(screen.go_to_sentence, claim.sentences[0]),
                "Go to this claim",
            )
        for label in pack.article.footnotes:
            sentence = screen.navigator.sentence_of_footnote(label)
            if sentence is None:
                continue
            note = pack.article.footnotes[label].text
            yield (
                f"Footnote: [{sanitize_line(label)}] {_short(note)}",
                partial(screen.go_to_sentence, sentence),
                "Go to the sentence citing this note",
            )
        yield ("View: toggle the panel", screen.action_toggle_panel, "Show or hide the panel")
        yield ("View: outline of claims", screen.action_outline, "List claims by verdict")
        yield ("View: search the article", screen.action_search, "Search (/)")
        yield ("View: help and keys", screen.action_help, "Every key (?)")
        app = screen.app_
        if app.problems:
            yield ("View: the pack's problems", app.show_problems,
                   "What was found wrong when the pack was opened")
        for theme in sorted(self.app.available_themes):
            yield (f"Theme: {theme}", partial(setattr, self.app, "theme", theme), "Change theme")

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
