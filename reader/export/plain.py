"""``lateral --plain``: the article and its fact checks as linear text.

For screen readers, braille displays and pipes: no box drawing, no colour, no cursor movement,
and a stable order. A short legend says what the markers mean and names the verdict scale;
the article follows with ``[C7]`` claim markers (after the claim's quote) beside its own ``[3]``
footnote markers; then every claim's panel as a block of text, in the sections the reader's
side panel shows. Decorative symbols a speech synthesiser would read aloud (verdict glyphs,
bullets, separating dots) are left out; the words stay. With the student's work, their guesses
go with each claim and their notes come last; in a quiz, verdicts not yet guessed are hidden.
Control characters in the text are shown as visible symbols.
"""

from __future__ import annotations

__all__ = ["claim_numbers", "render_plain", "section_text"]

from collections.abc import Container, Mapping

from reader.export.common import article_pieces
from reader.model import Claim, Pack
from reader.notes import Guess, StudentNote
from reader.panel import (
    PanelLine,
    Section,
    claim_sections,
    guess_section,
    hidden_claim_sections,
    panel_sections,
)
from reader.text.sanitize import sanitize_for_display
from reader.words import counted

HOW_TO_GUESS = "Guess with lateral --plain --interactive, or press v in the reader."


def claim_numbers(pack: Pack) -> dict[str, int]:
    """Claim id → its number (C1, C2, …) in reading order; claims not placed come last."""
    return {claim.id: number for number, claim in enumerate(pack.claims, start=1)}


def _speakable(line: PanelLine, glyphs: set[str]) -> list[str]:
    """A panel line as text a speech synthesiser reads well: the verdict without its glyph,
    the stance on a line of its own, commas for the separating dots."""
    text, stance = "", ""
    for run_text, style in line:
        if style == "stance":
            stance = run_text.strip()
            continue
        if style.startswith("verdict:"):
            glyph, _, rest = run_text.partition(" ")
            run_text = rest if glyph in glyphs and rest else run_text
        if text and run_text.startswith("  "):  # a second part of the line ("low confidence")
            run_text = ", " + run_text.strip()
        text += run_text
    text = text.replace(" · ", ", ")
    return [text] + ([f"Stance: {stance}"] if stance else [])


def section_text(section: Section, glyphs: set[str], indent: str = "  ") -> list[str]:
    """A panel section as lines a speech synthesiser reads well, under its title."""
    out = [f"{section.title}:"]
    item = 0
    for line in section.lines:
        for text in _speakable(line, glyphs):
            if text.startswith("• "):
                item += 1
                text = f"{item}. {text[2:]}"
            out.append(f"{indent}{text}" if text else "")
    return out


def _header(pack: Pack) -> list[str]:
    meta = pack.meta
    lines = [meta.title]
    byline = ", ".join(meta.byline())
    if byline:
        lines.append(byline)
    if meta.url:
        lines.append(meta.url)
    lines.append(
        f"{counted(len(pack.claims), 'claim')} checked, "
        f"{counted(len(pack.article.footnotes), 'footnote')}, "
        f"{counted(len(pack.article.sentences), 'sentence')}."
    )
    return lines


def _legend(pack: Pack, quiz: bool) -> list[str]:
    lines = [
        "How to read this: a marker like [C7] after a passage is claim 7, checked in the "
        "fact checks after the article. A marker like [3] is the article's own footnote 3; its "
        "text comes with the claims on that sentence.",
    ]
    if quiz:
        lines.append(
            "Quiz: the reviewer's verdict on a claim stays hidden until you have guessed it."
        )
    lines.append("The verdicts, from the reviewer's scale:")
    for verdict in pack.scale.verdicts:
        described = f": {verdict.description}" if verdict.description else ""
        lines.append(f"  {verdict.label}{described}")
    return lines


def render_plain(
    pack: Pack,
    *,
    guesses: Mapping[str, Guess] | None = None,
    notes: list[StudentNote] | None = None,
    quiz: bool = False,
    held: Container[str] = (),
) -> str:
    """The whole text. ``guesses`` and ``notes``: the student's work, shown with it (None:
    left out); ``quiz``: hide the verdicts of claims not in ``guesses``; ``held``: claims
    whose verdicts the teacher holds back in a live lesson."""
    numbers = claim_numbers(pack)
    glyphs = {v.glyph for v in pack.scale.verdicts}
    out: list[str] = [*_header(pack), "", *_legend(pack, quiz), ""]
    for _, pieces in article_pieces(pack):
        out.append("".join(p if isinstance(p, str) else f"[C{p}]" for p in pieces))
        out.append("")
    if pack.claims:
        out.append("FACT CHECKS")
        out.append("")
        for claim in pack.claims:
            out.extend(_claim_block(pack, claim, numbers[claim.id], glyphs, guesses,
                                    quiz or claim.id in held, claim.id in held))
            out.append("")
    if notes is not None:
        out.extend(_notes_block(notes))
    return sanitize_for_display("\n".join(out).rstrip("\n") + "\n")


def _claim_block(
    pack: Pack,
    claim: Claim,
    number: int,
    glyphs: set[str],
    guesses: Mapping[str, Guess] | None,
    quiz: bool,
    held: bool = False,
) -> list[str]:
    quote = " ".join(claim.quote.split())
    out = [f"[C{number}] “{quote}”", f"  id: {claim.id}"]
    article = pack.article
    if claim.sentences:
        first = article.sentences[claim.sentences[0]]
        if first.footnotes:
            sections = panel_sections(pack, claim.sentences[0], [])
            out.extend(section_text(sections[0], glyphs))
    else:
        out.append("  (this quote could not be placed in the article)")
    guess = (guesses or {}).get(claim.id)
    shown: list[Section]
    if held:
        shown = hidden_claim_sections(claim, "Verdict", "Your teacher will reveal the verdict.",
                                      held=True)
    elif quiz and guess is None:
        shown = hidden_claim_sections(claim, "Verdict", HOW_TO_GUESS)
    else:
        shown = [guess_section(pack, guess, claim)] if guess is not None else []
        shown += claim_sections(pack, claim, "Verdict")
    for section in shown:
        out.extend(section_text(section, glyphs))
    return out


def _notes_block(notes: list[StudentNote]) -> list[str]:
    out = ["MY NOTES", ""]
    if not notes:
        out.append("You have no notes on this article yet.")
        return out
    for note in notes:
        passage = " ".join(note.quote.split())
        out.append(f"On “{passage}”:")
        out.extend(f"  {line}" for line in note.text.splitlines() or [""])
        out.append("")
    return out
