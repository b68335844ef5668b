"""``lateral --plain --interactive``: the whole exercise, one line at a time.

For screen readers and braille displays, which follow text as it is printed rather than a
full screen: the student types a short command, the reader prints the answer as plain text
(no escape codes, no decorative symbols) and waits for the next. Moving by sentence and by
claim, reading the panel's sections one by one, searching, writing notes, guessing a verdict
with a confidence and a reason, the summary and handing in all work here; in a quiz the
verdicts stay hidden until guessed, as in the full-screen reader. Notes and guesses are saved
in the same place as the full-screen reader's, so a student can switch between the two.
"""

from __future__ import annotations

__all__ = ["HELP", "Interactive", "parse_guess", "run_interactive", "scale_help"]

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from reader.export.plain import section_text
from reader.model import Pack
from reader.navigation import Navigator
from reader.notes import CONFIDENCE, Guess, NotesError, now
from reader.panel import Section, panel_sections
from reader.quiz import summarise
from reader.search import SearchState
from reader.text.sanitize import sanitize_for_display
from reader.words import counted
from reader.work import StudentWork, default_hand_in_folder, write_note

HELP = """Commands (type one, then Enter):
  n, next          the next sentence        p, previous    the previous sentence
  ], next claim    the next claim           [, previous claim   the previous claim
  r, read          read this sentence again
  claim N          go to claim N            where          where you are
  panel            list the panel's parts for this sentence
  1, 2, 3 ...      read that part of the panel
  / WORDS          search the article       /              the next match
  note WORDS       write your note on this sentence (replaces your earlier one)
  notes            all your notes
  guess            the verdicts to choose from, and how to guess
  guess V C WHY    guess verdict V (its number or name), confidence C (low, medium or
                   high), and your reason, e.g.: guess 2 high the dates do not match
  summary          how your guesses compare with the reviewer's
  hand in NAME     hand in your notes and guesses under your name
  help             this list            q, quit     stop (your work is saved)"""


class Interactive:
    """One student on one pack: where they are, and their work. ``say`` prints a line."""

    def __init__(
        self, pack: Pack, work: StudentWork, say: Callable[[str], None], *, quiz: bool = False
    ) -> None:
        self.pack = pack
        self.work = work
        self.say = say
        self.quiz = quiz
        self.navigator = Navigator(pack)
        self.cursor = 0
        self.search = SearchState()
        self.glyphs = {v.glyph for v in pack.scale.verdicts}
        self.commands: dict[str, Callable[[str], None]] = {
            "n": self.next_sentence, "next": self.next_sentence,
            "p": self.previous_sentence, "previous": self.previous_sentence,
            "]": self.next_claim, "next claim": self.next_claim,
            "[": self.previous_claim, "previous claim": self.previous_claim,
            "r": self.read, "read": self.read, "where": self.where,
            "claim": self.go_to_claim, "panel": self.panel, "/": self.find,
            "search": self.find, "note": self.note, "notes": self.notes, "guess": self.guess,
            "summary": self.summary, "hand in": self.hand_in, "handin": self.hand_in,
            "help": self.help, "?": self.help,
        }

    # -- the loop -----------------------------------------------------------------------------

    def start(self) -> None:
        meta = self.pack.meta
        self.say(f"{meta.title}. {counted(self.navigator.sentence_count, 'sentence')}, "
                 f"{counted(self.navigator.claim_count, 'claim')}. Type help for the commands.")
        if self.quiz:
            self.say("Quiz: a claim's verdict stays hidden until you have guessed it.")
        self.read("")

    def run(self, lines: Iterable[str]) -> None:
        """Answer each command in ``lines`` until ``quit`` or the end of the input."""
        self.start()
        for raw in lines:
            line = " ".join(raw.split())
            if line.lower() in ("q", "quit", "exit"):
                break
            self.handle(line)
        self.say("Goodbye. Your notes and guesses are saved.")

    def handle(self, line: str) -> None:
        if not line:
            return
        if line.isdigit():
            self.read_section(int(line))
            return
        lowered = line.lower()
        if lowered.startswith("/"):
            self.find(line[1:].strip())
            return
        for name in sorted(self.commands, key=len, reverse=True):  # "next claim" before "next"
            if lowered == name or lowered.startswith(name + " "):
                self.commands[name](line[len(name):].strip())
                return
        self.say(f"“{line}” is not a command. Type help for the list.")

    # -- moving -------------------------------------------------------------------------------

    def _go(self, sentence: int | None, nothing: str) -> None:
        if sentence is None or not self.navigator.sentence_count:
            self.say(nothing)
            return
        self.cursor = self.navigator.clamp(sentence)
        self.read("")

    def next_sentence(self, _: str) -> None:
        last = self.navigator.sentence_count - 1
        self._go(self.cursor + 1 if self.cursor < last else None, "This is the last sentence.")

    def previous_sentence(self, _: str) -> None:
        self._go(self.cursor - 1 if self.cursor > 0 else None, "This is the first sentence.")

    def next_claim(self, _: str) -> None:
        self._go(self.navigator.next_claim(self.cursor), "There is no claim after this one.")

    def previous_claim(self, _: str) -> None:
        self._go(self.navigator.previous_claim(self.cursor), "There is no claim before this.")

    def go_to_claim(self, argument: str) -> None:
        claims = self.navigator.placed_claims
        if not argument.removeprefix("C").removeprefix("c").isdigit():
            self.say(f"Type claim and a number from 1 to {len(claims)}, e.g.: claim 3")
            return
        number = int(argument.removeprefix("C").removeprefix("c"))
        if not 1 <= number <= len(claims):
            self.say(f"There is no claim {number}: the claims go from 1 to {len(claims)}.")
            return
        self._go(claims[number - 1].sentences[0], "")

    def where(self, _: str) -> None:
        self.say(f"Sentence {self.cursor + 1} of {self.navigator.sentence_count}; "
                 f"{self.navigator.where(self.cursor)}.")

    def read(self, _: str) -> None:
        if not self.navigator.sentence_count:
            self.say("The article has no text.")
            return
        text = " ".join(self.pack.article.sentence_text(self.cursor).split())
        self.where("")
        self.say(sanitize_for_display(text))
        sections = self._sections()
        notes = [s.title for s in sections if not s.empty]
        if notes:
            self.say("Panel: " + ", ".join(f"{n} {title}" for n, title in
                                           enumerate(notes, start=1)) + ".")

    # -- the panel ----------------------------------------------------------------------------

    def _sections(self) -> list[Section]:
        placed = self.work.placed(self.pack.article)
        sections = panel_sections(
            self.pack, self.cursor, self.navigator.claims_on(self.cursor),
            my_notes=placed.by_sentence.get(self.cursor, []), quiz=self.quiz,
            guesses=dict(self.work.guesses), numbers=self.navigator.numbers_on(self.cursor),
            how_to_guess="Type guess to see how to guess.",
        )
        return [s for s in sections if not s.empty]

    def panel(self, _: str) -> None:
        sections = self._sections()
        if not sections:
            self.say("The panel has nothing for this sentence.")
            return
        for number, section in enumerate(sections, start=1):
            self.say(f"{number}: {section.title}")
        self.say("Type a number to read that part.")

    def read_section(self, number: int) -> None:
        sections = self._sections()
        if not 1 <= number <= len(sections):
            self.say(f"The panel has {len(sections)} parts here; type panel to list them.")
            return
        for line in section_text(sections[number - 1], self.glyphs):
            self.say(line)

    # -- search -------------------------------------------------------------------------------

    def find(self, query: str) -> None:
        article = self.pack.article
        start = article.sentences[self.cursor].end if article.sentences else 0
        if query:
            found = self.search.find(article.text, query, start - 1)
        else:
            found = self.search.step(forward=True)
        if not found or self.search.current_start is None:
            self.say(f"“{query or self.search.query}” is not in the article." if
                     (query or self.search.query) else "Type / and the words to find.")
            return
        self.say(f"{(self.search.status() or '').capitalize()}.")
        self._go(self.navigator.sentence_of_offset(self.search.current_start), "")

    # -- the student's work -------------------------------------------------------------------

    def note(self, text: str) -> None:
        if not text:
            self.say("Type note and your note, e.g.: note check the date in footnote 3")
            return
        existing = self.work.placed(self.pack.article).by_sentence.get(self.cursor, [])
        note = write_note(self.pack.article, self.cursor, text,
                          existing[0] if existing else None)
        try:
            self.work.put_note(note)
        except NotesError as exc:
            self.say(f"Your note could not be saved: {exc.message} It was: {text}")
            return
        self.say("Note saved." if not existing else "Note changed.")

    def notes(self, _: str) -> None:
        notes = self.work.notes
        if not notes:
            self.say("You have no notes yet.")
            return
        for note in notes:
            self.say(f"On “{' '.join(note.quote.split())}”: {note.text}")

    def guess(self, argument: str) -> None:
        claims = self.navigator.claims_on(self.cursor)
        if not claims:
            self.say("There is no claim on this sentence. Type ] for the next claim.")
            return
        claim = next((c for c in claims if c.id not in self.work.guesses), claims[0])
        if not argument:
            for line in scale_help(self.pack, self.navigator.number(claim)):
                self.say(line)
            return
        parsed = parse_guess(self.pack, argument)
        if isinstance(parsed, str):
            self.say(parsed)
            return
        verdict, confidence, reason = parsed
        try:
            self.work.put_guess(Guess(claim.id, verdict, confidence, reason, now()))
        except NotesError as exc:
            self.say(f"Your guess could not be saved: {exc.message}")
            return
        self.say(f"Guess saved for claim C{self.navigator.number(claim)}.")
        sections = self._sections()
        for section in sections:
            if section.key in ("guess", "claim"):
                for line in section_text(section, self.glyphs):
                    self.say(line)

    def summary(self, _: str) -> None:
        result = summarise(self.pack, self.work.guesses)
        self.say(f"You guessed {result.judged} of {counted(result.claims, 'claim')}.")
        if result.judged:
            self.say(f"You agreed with the reviewer on {result.agreed}.")
        self.say(result.calibration())

    def hand_in(self, name: str) -> None:
        if not name:
            self.say("Type hand in and your name, e.g.: hand in Ana Lopez")
            return
        folder: Path = default_hand_in_folder()
        try:
            path = self.work.hand_in(folder, name)
        except NotesError as exc:
            self.say(f"Not handed in: {exc.message}")
            return
        self.say(f"Handed in as {path.name}.")

    def help(self, _: str) -> None:
        for line in HELP.splitlines():
            self.say(line)


def run_interactive(pack: Pack, stdin: TextIO, stdout: TextIO, *, quiz: bool = False) -> int:
    """The line-by-line reader on ``pack``, reading commands from ``stdin``."""
    work, message = StudentWork.open(pack)

    def say(line: str) -> None:
        stdout.write(sanitize_for_display(line) + "\n")
        stdout.flush()

    if message:
        say(message)
    session = Interactive(pack, work, say, quiz=quiz)
    prompt = stdin.isatty()

    def lines() -> Iterable[str]:
        while True:
            if prompt:
                stdout.write("> ")
                stdout.flush()
            line = stdin.readline()
            if not line:
                return
            yield line

    session.run(lines())
    return 0



def scale_help(pack: Pack, number: int) -> list[str]:
    """How to guess claim ``number``, with the scale's verdicts numbered."""
    lines = [f"Your guess on claim C{number}. The verdicts:"]
    for index, verdict in enumerate(pack.scale.verdicts, start=1):
        described = f": {verdict.description}" if verdict.description else ""
        lines.append(f"  {index} {verdict.label}{described}")
    lines.append("Type guess, the verdict's number or name, how sure you are (low, medium or "
                 "high) and your reason, e.g.: guess 2 medium the source is one side's")
    return lines


def parse_guess(pack: Pack, argument: str) -> tuple[str, str, str] | str:
    """(verdict id, confidence, reason) from "2 high the dates differ" or "needs context
    high …"; or what is wrong with it, in words."""
    words = argument.split()
    verdicts = pack.scale.verdicts
    chosen = None
    used = 0
    if words[0].isdigit() and 1 <= int(words[0]) <= len(verdicts):
        chosen, used = verdicts[int(words[0]) - 1], 1
    else:
        lowered = [w.lower() for w in words]
        for verdict in verdicts:
            for name in (verdict.label.lower().split(), verdict.id.lower().split("-")):
                if lowered[: len(name)] == name and len(name) > used:
                    chosen, used = verdict, len(name)
            if lowered[0] == verdict.id.lower() and used < 1:
                chosen, used = verdict, 1
    if chosen is None:
        return (f"“{words[0]}” is not a verdict: type a number from 1 to {len(verdicts)}, or "
                "a verdict's name. Type guess alone to list them.")
    rest = words[used:]
    if not rest or rest[0].lower() not in CONFIDENCE:
        return "After the verdict, say how sure you are: low, medium or high."
    reason = " ".join(rest[1:])
    if len(reason) < 3:
        return "Give your reason after the confidence, in a few words: it is part of the exercise."
    return chosen.id, rest[0].lower(), reason
