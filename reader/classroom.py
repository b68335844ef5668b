"""The teacher's view: a class's handed-in notes files merged into one debrief."""

from __future__ import annotations

__all__ = [
    "ClassReport",
    "HandedIn",
    "class_report",
    "handed_in_files",
    "read_handed_in",
    "reason_line",
    "report_markdown",
    "short_quote",
    "students_count",
    "verdict_words",
]

from collections.abc import Callable
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


class Reason(NamedTuple):
    """One student's guess on a claim, with the reason they gave."""

    student: str
    verdict: str  # the verdict id guessed
    confidence: str
    reason: str


class ClaimLine(NamedTuple):
    number: int
    claim_id: str
    quote: str
    reviewer: str  # the reviewer's verdict id ("" if not reviewed)
    split: dict[str, int]  # guessed verdict -> how many students
    guessed: int
    agreed: int
    reasons: tuple[Reason, ...] = ()


class ClassReport(NamedTuple):
    title: str
    students: list[HandedIn]
    claims: list[ClaimLine]
    unfinished: list[tuple[str, int]]  # student, claims not yet guessed
    problems: list[str]  # files that could not be read or belong to another pack

    def most_missed(self, count: int = 5) -> list[ClaimLine]:
        judged = [c for c in self.claims if c.guessed and c.reviewer and c.agreed < c.guessed]
        return sorted(judged, key=lambda c: (c.agreed / c.guessed, -c.guessed))[:count]


def handed_in_files(paths: list[Path]) -> list[Path]:
    """The notes files named: each file, and every ``.toml`` file in each folder. A served
    class's folder (the data folder of ``lateral serve``, or its ``sessions/``) counts as
    the notes kept in each session: ``sessions/<code>/notes/*.toml``."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(_session_notes(path) or sorted(
                p for p in path.iterdir() if p.suffix == ".toml" and p.is_file()))
        else:
            files.append(path)
    return files


def _session_notes(folder: Path) -> list[Path]:
    sessions = folder / "sessions" if (folder / "sessions").is_dir() else folder
    return sorted(sessions.glob("*/notes/*.toml"))


def read_handed_in(paths: list[Path]) -> tuple[list[HandedIn], list[str]]:
    """Each notes file named (folders: every ``.toml`` in them), and what could not be read."""
    works: list[HandedIn] = []
    problems: list[str] = []
    for path in handed_in_files(paths):
        try:
            work = StudentWork.read(path)
        except (OSError, NotesError) as exc:
            detail = exc.message if isinstance(exc, NotesError) else str(exc)
            problems.append(f"{path}: cannot read this notes file ({detail})")
            continue
        # a session's notes are named by its code until the student hands in under a name
        name = work.student or (path.parent.parent.name if path.parent.name == "notes"
                                else path.stem)
        works.append(HandedIn(name, path, work))
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
        reasons: list[Reason] = []
        for handed_in in kept:
            guess = handed_in.work.guesses.get(claim.id)
            if guess is None:
                continue
            split[guess.verdict] = split.get(guess.verdict, 0) + 1
            agreed += guess.verdict == claim.verdict
            if guess.reason.strip():
                reasons.append(Reason(handed_in.name, guess.verdict, guess.confidence,
                                      " ".join(guess.reason.split())))
        lines.append(
            ClaimLine(
                number,
                claim.id,
                claim.quote,
                claim.verdict or "",
                split,
                sum(split.values()),
                agreed,
                tuple(reasons),
            )
        )
    total = len(pack.claims)
    unfinished = [
        (each.name, total - sum(1 for c in pack.claims if c.id in each.work.guesses))
        for each in kept
    ]
    unfinished = [(name, left) for name, left in unfinished if left]
    return ClassReport(pack.meta.title, kept, lines, unfinished, problems)


def reason_line(pack: Pack, reason: Reason, *, names: bool = False) -> str:
    """One student's reason as a line: (their name,) the verdict, how sure, and why."""
    label = pack.scale.get(reason.verdict)
    who = f"{reason.student}: " if names else ""
    return (f"{who}{label.label if label else reason.verdict}, {reason.confidence} — "
            f"{reason.reason}")


def students_count(count: int) -> str:
    return f"{count} student{'s' if count != 1 else ''}"


def short_quote(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut at a word boundary with "…" if longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if flat[limit - 1].isalnum():  # the cut falls inside a word: drop that word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–-") + "…"


def verdict_words(pack: Pack, verdict_id: str) -> str:
    """A verdict as people read it: its label ("Needs context"), not its id."""
    verdict = pack.scale.get(verdict_id)
    return verdict.label if verdict else verdict_id


def report_markdown(
    report: ClassReport, pack: Pack, *, names: bool = False, every_claim: bool = False
) -> str:
    """The debrief as Markdown. ``names``: put students' names to their reasons;
    ``every_claim``: list the claims nobody guessed too."""
    from reader.export.markdown import md_escape as _md

    def word(verdict_id: str) -> str:
        return _md(verdict_words(pack, verdict_id))

    out = [
        f"# Class debrief: {_md(report.title)}",
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
            f"{word(line.reviewer)}): “{_md(short_quote(line.quote))}”"
        )
    shown = [line for line in report.claims if line.guessed or every_claim]
    out += ["", "## How the class guessed", ""]
    left_out = len(report.claims) - len(shown)
    if left_out:
        out += [f"Claims nobody guessed ({left_out}) are left out.", ""]
    out += ["| claim | reviewer | class's guesses | agreed |", "|---|---|---|---|"]
    for line in shown:
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
    out += _reasons_markdown(report, word, names)
    out += ["", "## Not finished", ""]
    out += [f"- {_md(name)}: {left} claim(s) not yet guessed" for name, left in report.unfinished]
    if not report.unfinished:
        out.append("Everyone has guessed every claim.")
    if report.problems:
        out += ["", "## Files left out", ""] + [f"- {_md(p)}" for p in report.problems]
    return "\n".join(out) + "\n"


def _reasons_markdown(report: ClassReport, word: Callable[[str], str], names: bool) -> list[str]:
    from reader.export.markdown import md_escape as _md

    out = ["", "## The class's reasons", ""]
    if not any(line.reasons for line in report.claims):
        return [*out, "No reasons were given."]
    for line in report.claims:
        if not line.reasons:
            continue
        out.append(f"### C{line.number}: “{_md(short_quote(line.quote))}”")
        out.append("")
        for reason in line.reasons:
            who = f"{_md(reason.student)}, " if names else ""
            out.append(f"- ({who}{word(reason.verdict)}, {reason.confidence} confidence) "
                       f"{_md(reason.reason)}")
        out.append("")
    return out
