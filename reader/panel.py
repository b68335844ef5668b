"""What the side panel shows for a sentence, as plain data.

The reader's panel and the ``--plain`` text output both render these sections, so a screen
reader user gets exactly what the panel shows. Every string here is untrusted pack or article
text; renderers must show it without markup and through the display sanitiser.
"""

from __future__ import annotations

__all__ = [
    "PanelLine",
    "Run",
    "Section",
    "claim_kind_words",
    "claim_sections",
    "guess_section",
    "hidden_claim_sections",
    "panel_sections",
    "source_details",
    "source_line",
]

import datetime as dt
from collections.abc import Container, Mapping, Sequence
from typing import NamedTuple

from reader.model import STANCE_WORDS, Account, Claim, Pack, Source
from reader.notes import Guess, StudentNote

# A run of text and its role: how a renderer should style it.
#   heading | label | body | quote | url | muted | verdict:<tone> | stance | empty | focus
Run = tuple[str, str]
PanelLine = tuple[Run, ...]

# What each kind of claim is, in words a fifteen-year-old knows.
CLAIM_KIND_WORDS = {
    "statistic": "a number or amount",
    "event": "something that happened",
    "characterisation": "how something is described",
    "quotation": "someone's words, quoted",
    "attribution": "who said or did something",
    "prediction": "what will happen",
    "opinion": "a view rather than a fact",
}
KIND_WORDS = {
    "court": "court",
    "intergovernmental": "intergovernmental body",
    "government": "government",
    "state-media": "state media",
    "news": "news outlet",
    "ngo": "NGO",
    "academic": "academic",
    "think-tank": "think tank",
    "advocacy": "advocacy group",
    "opinion": "opinion",
    "other": "other",
}


class Section(NamedTuple):
    key: str  # footnotes | claim | accounts | notes | questions
    title: str
    lines: tuple[PanelLine, ...]
    empty: bool = False


def claim_kind_words(kind: str) -> str:
    """The kind of a claim in plain words ("something that happened" for ``event``)."""
    return CLAIM_KIND_WORDS.get(kind, kind)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def source_line(source: Source) -> PanelLine:
    """One line naming a source: publisher and title, then kind, perspective and date."""
    name = source.publisher or source.title
    runs: list[Run] = [(name, "label")]
    if source.publisher and source.title:
        runs.append((" — " + source.title, "body"))
    return tuple(runs)


def source_details(source: Source) -> list[str]:
    """What the panel and the exports say about a source: its kind in words, its
    perspective and its date, those it has."""
    details = [
        KIND_WORDS.get(source.kind or "", source.kind or ""),
        source.perspective or "",
        _date(source.date) or "",
    ]
    return [d for d in details if d]


def _source_details(source: Source) -> PanelLine:
    text = " · ".join(source_details(source))
    return ((text, "muted"),) if text else ()


def _footnote_section(pack: Pack, labels: tuple[str, ...], focus: int | None) -> Section:
    if not labels:
        return Section(
            "footnotes", "Footnotes", ((("No footnote on this sentence.", "empty"),),), empty=True
        )
    lines: list[PanelLine] = []
    for position, label in enumerate(labels):
        role = "focus" if focus is not None and position == focus % len(labels) else "heading"
        definition = pack.article.footnotes.get(label)
        lines.append(((f"[{label}]", role), (" in the article's footnotes", "muted")))
        if definition is None:
            lines.append((("The article has no note with this number.", "empty"),))
        else:
            lines.append(((definition.text, "body"),))
        card = pack.footnote_cards.get(label)
        if card is None:
            lines.append((("The pack has no reviewer's card for this note.", "empty"),))
        else:
            source = pack.sources.get(card.source) if card.source else None
            if source is not None:
                lines.append((("Cited item: ", "label"), *source_line(source)))
                details = _source_details(source)
                if details:
                    lines.append(details)
                if source.url:
                    lines.append(((source.url, "url"),))
            if card.note:
                lines.append((("Reviewer: ", "label"), (card.note, "body")))
        if position + 1 < len(labels):
            lines.append(())
    return Section("footnotes", "Footnotes", tuple(lines))


def _account_lines(pack: Pack, account: Account) -> list[PanelLine]:
    source = pack.sources.get(account.source)
    lines: list[PanelLine] = []
    stance = STANCE_WORDS.get(account.stance, account.stance)
    if source is None:
        lines.append(((account.source, "label"), (f"  {stance}", "stance")))
    else:
        lines.append((*source_line(source), (f"  {stance}", "stance")))
        details = _source_details(source)
        if details:
            lines.append(details)
    lines.append(((account.says, "body"),))
    if account.quote:
        lines.append(((f"“{account.quote}”", "quote"),))
    if source is not None and source.url:
        lines.append(((source.url, "url"),))
    return lines


def claim_sections(pack: Pack, claim: Claim, heading: str | None = None) -> list[Section]:
    """The claim's verdict, accounts, reviewer notes and questions, each saying when empty."""
    verdict = pack.scale.get(claim.verdict)
    title = heading or "Claim"
    claim_lines: list[PanelLine] = []
    if verdict is None:
        claim_lines.append((("Not reviewed yet", "verdict:neutral"),))
    else:
        claim_lines.append(((f"{verdict.glyph} {verdict.label}", f"verdict:{verdict.tone}"),))
    if claim.summary:
        claim_lines.append(((claim.summary, "body"),))
    elif verdict is not None:
        claim_lines.append((("No summary yet.", "empty"),))
    if claim.kind:
        claim_lines.append(((f"Kind of claim: {claim_kind_words(claim.kind)}", "muted"),))
    if not claim.anchor.found:
        claim_lines.append((("This claim's quote could not be placed in the article.", "empty"),))
    sections = [Section("claim", title, tuple(claim_lines))]

    if claim.accounts:
        account_lines: list[PanelLine] = []
        for position, account in enumerate(claim.accounts):
            if position:
                account_lines.append(())
            account_lines.extend(_account_lines(pack, account))
        sections.append(
            Section("accounts", f"Accounts ({len(claim.accounts)})", tuple(account_lines))
        )
    else:
        sections.append(
            Section(
                "accounts",
                "Accounts",
                ((("No competing accounts for this claim.", "empty"),),),
                empty=True,
            )
        )
    if claim.notes:
        sections.append(
            Section("notes", "Reviewer notes", tuple(((note, "body"),) for note in claim.notes))
        )
    else:
        sections.append(
            Section("notes", "Reviewer notes", ((("No reviewer notes.", "empty"),),), empty=True)
        )
    if claim.questions:
        sections.append(
            Section(
                "questions",
                "Discussion questions",
                tuple(((f"• {q}", "body"),) for q in claim.questions),
            )
        )
    else:
        sections.append(
            Section(
                "questions",
                "Discussion questions",
                ((("No discussion questions.", "empty"),),),
                empty=True,
            )
        )
    return sections


LATERAL_READING_PROMPTS = (
    "Who is behind this sentence's source? What do they gain if you believe it?",
    "What do other sources say about the same thing? Check the footnote, then look wider.",
    "What is the evidence: a document, a number, a witness, or only the author's word?",
)


def guess_section(pack: Pack, guess: Guess, claim: Claim) -> Section:
    """The student's guess on ``claim``, and whether the reviewer agrees."""
    verdict = pack.scale.get(guess.verdict)
    word = f"{verdict.glyph} {verdict.label}" if verdict else guess.verdict
    agreed = guess.verdict == claim.verdict
    lines: list[PanelLine] = [
        ((word, f"verdict:{verdict.tone if verdict else 'neutral'}"),
         (f"  {guess.confidence} confidence", "muted")),
    ]
    if guess.reason:
        lines.append(((f"Your reason: {guess.reason}", "body"),))
    lines.append(
        (("You agree with the reviewer." if agreed else "The reviewer's verdict differs.",
          "label"),)
    )
    return Section("guess", "Your guess", tuple(lines))


def hidden_claim_sections(claim: Claim, heading: str, how_to_guess: str,
                          *, held: bool = False) -> list[Section]:
    """What a quiz shows of a claim not yet guessed (or, ``held``, of a claim whose verdict
    the teacher holds back): its kind and what to ask before guessing."""
    lines: list[PanelLine] = [
        (("Your teacher is holding back the reviewer's verdict, the accounts and the notes "
          "until the class has guessed." if held else
          "The reviewer's verdict, the accounts and the notes stay hidden until you record "
          "your guess.", "empty"),),
        ((how_to_guess, "label"),),
    ]
    if claim.kind:
        lines.append(((f"Kind of claim: {claim_kind_words(claim.kind)}", "muted"),))
    prompts = tuple(((f"• {p}", "body"),) for p in (*claim.prompts, *LATERAL_READING_PROMPTS))
    return [
        Section("claim", f"{heading}: your call", tuple(lines)),
        Section("prompts", "Before you guess", prompts),
    ]


def _my_notes_section(notes: list[StudentNote]) -> Section:
    if not notes:
        return Section("my-notes", "My notes",
                       ((("You have no notes on this sentence.", "empty"),),), empty=True)
    lines: list[PanelLine] = []
    for position, note in enumerate(notes):
        if position:
            lines.append(())
        lines.extend(((line, "body"),) for line in note.text.splitlines() or [""])
        when = note.updated or note.created
        if when is not None:
            lines.append(((f"written {when.astimezone():%Y-%m-%d %H:%M}", "muted"),))
    return Section("my-notes", "My notes", tuple(lines))


def _claim_heading(place: int, count: int, number: int | None) -> str:
    """"Claim C7", or "Claim C8 (2 of 3 here)" on a sentence with several claims."""
    name = "Claim" if number is None else f"Claim C{number}"
    if count == 1:
        return name
    return f"{name} ({place + 1} of {count} here)"


def panel_sections(
    pack: Pack,
    sentence_index: int,
    claims: list[Claim],
    focus_footnote: int | None = None,
    *,
    my_notes: list[StudentNote] | None = None,
    quiz: bool = False,
    guesses: Mapping[str, Guess] | None = None,
    numbers: Sequence[int] | None = None,
    how_to_guess: str = "Press v to guess.",
    held: Container[str] = (),
) -> list[Section]:
    """Everything the panel shows for one sentence, in the panel's order.

    In a quiz, a claim the student has not guessed yet shows only its kind and prompts;
    once guessed, the guess comes first, then the reviewer's verdict and the rest.
    ``numbers``: the claims' numbers (C7, …), as the status line and the outline give them.
    ``held``: claims whose verdicts the teacher holds back in a live lesson, guessed or not.
    """
    article = pack.article
    labels = article.sentences[sentence_index].footnotes if article.sentences else ()
    block = article.blocks[article.sentences[sentence_index].block] if article.sentences else None
    if block is not None and block.kind == "note" and block.note_label:
        labels = (block.note_label,)
    sections: list[Section] = []
    if my_notes:
        # The student's own words come first: they are what they came back for.
        sections.append(_my_notes_section(my_notes))
    sections.append(_footnote_section(pack, labels, focus_footnote))
    if not claims:
        sections.append(
            Section("claim", "Claim", ((("No claim on this sentence.", "empty"),),), empty=True)
        )
    for place, claim in enumerate(claims):
        heading = _claim_heading(place, len(claims), numbers[place] if numbers else None)
        guess = (guesses or {}).get(claim.id)
        if claim.id in held:
            waiting = ("You have guessed. " if guess is not None else
                       "Press v to guess. ") + "Your teacher will reveal the verdict."
            sections.extend(hidden_claim_sections(claim, heading, waiting, held=True))
            continue
        if quiz and guess is None:
            sections.extend(hidden_claim_sections(claim, heading, how_to_guess))
            continue
        if guess is not None:
            sections.append(guess_section(pack, guess, claim))
        sections.extend(claim_sections(pack, claim, heading))
    if my_notes is not None and not my_notes:
        sections.append(_my_notes_section(my_notes))
    return sections
