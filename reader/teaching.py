"""What the teacher's view of a served class shows: who is connected and where, how the
class's guesses split on each claim, and the claims most missed and most split so far.

Read from the session folders on the teacher's computer (each reader's notes file, and the
``progress.json`` it writes; see :mod:`reader.lesson`) and from the server's list of open
readers. Pure: no Textual, no network."""

from __future__ import annotations

__all__ = ["Bar", "ClassLook", "StudentRow", "chart", "look_at_class", "split_score"]

import math
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from reader.classroom import ClaimLine, ClassReport, HandedIn, class_report
from reader.lesson import read_progress
from reader.model import Pack
from reader.notes import NotesError, notes_path
from reader.work import StudentWork


class StudentRow(NamedTuple):
    code: str
    name: str  # from the class list, or the name the student last handed in under, or ""
    claim: int | None  # the number of the claim the reader is on
    guessed: int
    status: str  # "reading", "idle", "closed" or "not yet" (on the class list only)


class ClassLook(NamedTuple):
    students: list[StudentRow]
    report: ClassReport
    most_missed: list[ClaimLine]
    most_split: list[ClaimLine]


class _Kept(NamedTuple):
    stamp: tuple[int, int]
    work: StudentWork


_cache: dict[Path, _Kept] = {}


def _work(path: Path) -> StudentWork | None:
    """The notes file at ``path``, read again only when it changed."""
    try:
        stat = path.stat()
    except OSError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    kept = _cache.get(path)
    if kept is not None and kept.stamp == stamp:
        return kept.work
    try:
        work = StudentWork.read(path)
    except (NotesError, OSError):
        return kept.work if kept is not None else None
    _cache[path] = _Kept(stamp, work)
    return work


def split_score(line: ClaimLine) -> float:
    """How evenly the class's guesses spread over the verdicts (0: all agree)."""
    total = sum(line.split.values())
    if total < 2:
        return 0.0
    return -sum((n / total) * math.log(n / total) for n in line.split.values() if n)


def look_at_class(pack: Pack, sessions: Path, open_readers: Mapping[str, float],
                  roster: Mapping[str, str], idle_after: float = 120.0) -> ClassLook:
    """The class as it is now. ``open_readers``: each open session's code and the seconds
    since its student last typed; ``roster``: names by code."""
    try:
        folders = sorted(p for p in sessions.iterdir() if p.is_dir())
    except OSError:
        folders = []
    works: list[HandedIn] = []
    rows: list[StudentRow] = []
    for folder in folders:
        code = folder.name
        path = notes_path(pack, folder)
        work = _work(path)
        name = roster.get(code) or (work.student if work is not None else "") or ""
        if work is not None:
            works.append(HandedIn(name or code, path, work))
        progress = read_progress(folder)
        quiet = open_readers.get(code)
        status = "closed" if quiet is None else ("idle" if quiet > idle_after else "reading")
        guessed = len(work.guesses) if work is not None else 0
        rows.append(StudentRow(code, name, progress.number if progress else None, guessed,
                               status))
    seen = {row.code for row in rows}
    rows.extend(StudentRow(code, name, None, 0, "not yet") for code, name in roster.items()
                if code not in seen)  # on the class list, not connected yet
    rows.sort(key=lambda r: (r.status in ("closed", "not yet"), r.name.lower() or r.code))
    report = class_report(pack, works, [])
    most_split = sorted((line for line in report.claims if line.guessed),
                        key=lambda line: -split_score(line))[:3]
    most_split = [line for line in most_split if split_score(line) > 0]
    return ClassLook(rows, report, report.most_missed(3), most_split)


class Bar(NamedTuple):
    """One verdict of the scale on a claim's chart: how many guessed it, and how sure."""

    verdict: str  # id
    label: str
    guesses: int
    confidence: dict[str, int]  # low / medium / high -> how many
    reviewers: bool  # the reviewers' verdict (for the teacher's eyes)


def chart(pack: Pack, look: ClassLook, claim_id: str) -> list[Bar]:
    """The class's guesses on ``claim_id``, one bar per verdict of the scale."""
    claim = next((c for c in pack.claims if c.id == claim_id), None)
    bars: list[Bar] = []
    for verdict in pack.scale.verdicts:
        confidence: dict[str, int] = {}
        for student in look.report.students:
            guess = student.work.guesses.get(claim_id)
            if guess is not None and guess.verdict == verdict.id:
                confidence[guess.confidence] = confidence.get(guess.confidence, 0) + 1
        bars.append(Bar(verdict.id, verdict.label, sum(confidence.values()), confidence,
                        claim is not None and claim.verdict == verdict.id))
    return bars
