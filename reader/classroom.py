"""The teacher's view: a class's handed-in notes files merged into one debrief."""

from __future__ import annotations

__all__ = [
    "ClassReport",
    "HandedIn",
    "class_report",
    "read_handed_in",
    "report_markdown",
    "students_count",
]

from pathlib import Path
from typing import NamedTuple

from reader.model import Pack
from reader.notes import NotesError
from reader.work import StudentWork


class HandedIn(NamedTuple):
    """One student's handed-in work: their name, the file, and what is in it."""

    name: str
    file: Path
    work: StudentWork


class ClaimLine(NamedTuple):
    number: int
    claim_id: str
    quote: str
    reviewer: str  # the reviewer's verdict id ("" if not reviewed)
    split: dict[str, int]  # guessed verdict -> how many students
    guessed: int
    agreed: int


class ClassReport(NamedTuple):
    title: str
    students: list[HandedIn]
    claims: list[ClaimLine]
    unfinished: list[tuple[str, int]]  # student, claims not yet guessed
    problems: list[str]  # files that could not be read or belong to another pack

    def most_missed(self, count: int = 5) -> list[ClaimLine]:
        judged = [c for c in self.claims if c.guessed and c.reviewer and c.agreed < c.guessed]
        return sorted(judged, key=lambda c: (c.agreed / c.guessed, -c.guessed))[:count]


def read_handed_in(paths: list[Path]) -> tuple[list[HandedIn], list[str]]:
    works: list[HandedIn] = []
    problems: list[str] = []
    for path in paths:
        try:
            work = StudentWork.read(path)
        except (OSError, NotesError) as exc:
            detail = exc.message if isinstance(exc, NotesError) else str(exc)
            problems.append(f"{path}: cannot read this notes file ({detail})")
            continue
        works.append(HandedIn(work.student or path.stem, path, work))
    return works, problems


def class_report(pack: Pack, works: list[HandedIn], problems: list[str]) -> ClassReport:
    problems = list(problems)
    kept: list[HandedIn] = []
    for handed_in in works:
        title = handed_in.work.pack_title
        if title and title != pack.meta.title:
            problems.append(
                f"{handed_in.file}: these notes are for “{title}”, not this pack; left out"
            )
            continue
        kept.append(handed_in)
    lines: list[ClaimLine] = []
    for number, claim in enumerate(pack.claims, start=1):
        split: dict[str, int] = {}
        agreed = 0
        for handed_in in kept:
            guess = handed_in.work.guesses.get(claim.id)
            if guess is None:
                continue
            split[guess.verdict] = split.get(guess.verdict, 0) + 1
            agreed += guess.verdict == claim.verdict
        lines.append(
            ClaimLine(
                number,
                claim.id,
                claim.quote,
                claim.verdict or "",
                split,
                sum(split.values()),
                agreed,
            )
        )
    total = len(pack.claims)
    unfinished = [
        (each.name, total - sum(1 for c in pack.claims if c.id in each.work.guesses))
        for each in kept
    ]
    unfinished = [(name, left) for name, left in unfinished if left]
    return ClassReport(pack.meta.title, kept, lines, unfinished, problems)


def students_count(count: int) -> str:
    return f"{count} student{'s' if count != 1 else ''}"


def report_markdown(report: ClassReport, pack: Pack) -> str:
    from reader.export.markdown import md_escape as _md

    def word(verdict_id: str) -> str:
        verdict = pack.scale.get(verdict_id)
        return f"{verdict.glyph} {verdict.label}" if verdict else verdict_id

    out = [
        f"# Class debrief: {report.title}",
        "",
        f"Notes files from {students_count(len(report.students))}.",
        "",
    ]
    out += ["## Most missed claims", ""]
    if not report.most_missed():
        out.append("No claim was missed: every guess agreed with the reviewer.")
    for line in report.most_missed():
        share = round(100 * line.agreed / line.guessed)
        out.append(
            f"- C{line.number} ({share}% agreed with the reviewer's "
            f"{word(line.reviewer)}): “{' '.join(line.quote.split())[:90]}”"
        )
    out += [
        "",
        "## How the class guessed",
        "",
        "| claim | reviewer | class's guesses | agreed |",
        "|---|---|---|---|",
    ]
    for line in report.claims:
        split = (
            ", ".join(
                f"{word(v)} {n}" for v, n in sorted(line.split.items(), key=lambda item: -item[1])
            )
            or "no guesses"
        )
        agreed = f"{line.agreed} of {line.guessed}" if line.guessed else "—"
        out.append(
            f"| C{line.number} | {word(line.reviewer) if line.reviewer else '—'} | "
            f"{split} | {agreed} |"
        )
    out += ["", "## Not finished", ""]
    out += [f"- {_md(name)}: {left} claim(s) not yet guessed" for name, left in report.unfinished]
    if not report.unfinished:
        out.append("Everyone has guessed every claim.")
    if report.problems:
        out += ["", "## Files left out", ""] + [f"- {_md(p)}" for p in report.problems]
    return "\n".join(out) + "\n"
