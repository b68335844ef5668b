"""Problems found in packs, articles and notes files, reported as ``file:line:col``."""

from __future__ import annotations

__all__ = ["Problem", "ReaderError", "Severity", "format_problem", "has_errors"]

from collections.abc import Iterable
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Problem(NamedTuple):
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    col: int | None = None
    code: str = ""

    def format(self) -> str:
        return format_problem(self)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


def format_problem(problem: Problem) -> str:
    where = problem.path or "<input>"
    if problem.line is not None:
        where += f":{problem.line}"
        if problem.col is not None:
            where += f":{problem.col}"
    return f"{where}: {problem.severity}: {problem.message}"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


class ReaderError(Exception):
    """A failure the user can act on; carries the problems to show (never a traceback)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.format() for p in problems))
        self.problems = problems
