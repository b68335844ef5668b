"""The teacher's view: a class's handed-in notes files merged into one debrief."""

from __future__ import annotations

__all__ = [
    "ClassReport",
    "StudentWork",
    "class_report",
    "read_handed_in",
    "report_markdown",
    "students_count",
]

from pathlib import Path
from typing import NamedTuple

import tomli

from reader.model import Pack
from reader.notes import NotesError, NotesFile


class StudentWork(NamedTuple):
    name: str
    file: Path
    notes: NotesFile


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
    students: list[StudentWork]
    claims: list[ClaimLine]
    unfinished: list[tuple[str, int]]  # student, claims not yet guessed
    problems: list[str]  # files that could not be read or belong to another pack

    def most_missed(self, count: int = 5) -> list[ClaimLine]:
        judged = [c for c in self.claims if c.guessed and c.reviewer and c.agreed < c.guessed]
        return sorted(judged, key=lambda c: (c.agreed / c.guessed, -c.guessed))[:count]


def read_handed_in(paths: list[Path]) -> tuple[list[StudentWork], list[str]]:
    works: list[StudentWork] = []
    problems: list[str] = []
    for path in paths:
        try:
            notes = NotesFile.from_toml(tomli.loads(path.read_text(encoding="utf-8-sig")))
        except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, NotesError) as exc:
            detail = exc.message if isinstance(exc, NotesError) else str(exc)
            problems.append(f"{path}: cannot read this notes file ({detail})")
            continue
        works.append(StudentWork(notes.student or path.stem, path, notes))
    return works, problems


def class_report(pack: Pack, works: list[StudentWork], problems: list[str]) -> ClassReport:
    problems = list(problems)
    kept: list[StudentWork] = []
    for work in works:
        if work.notes.pack_title and work.notes.pack_title != pack.meta.title:
            problems.append(
                f"{work.file}: these notes are for “{work.notes.pack_title}”, "
                "not this pack; left out"
            )
            continue
        kept.append(work)
    lines: list[ClaimLine] = []
    for number, claim in enumerate(pack.claims, start=1):
        split: dict[str, int] = {}
        agreed = 0
        for work in kept:
            guess = work.notes.guesses.get(claim.id)
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
        (work.name, total - sum(1 for c in pack.claims if c.id in work.notes.guesses))
        for work in kept
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
