"""Problems found in packs, articles and notes files, reported as ``file:line:col``."""

from __future__ import annotations

__all__ = [
    "TOML_TOO_DEEP",
    "Problem",
    "ReaderError",
    "Severity",
    "errors",
    "format_problem",
    "has_errors",
    "toml_error_parts",
]

import re
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


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that are errors (the rest are warnings)."""
    return [problem for problem in problems if problem.severity == "error"]


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


class ReaderError(Exception):
    """A failure the user can act on; carries the problems to show (never a traceback)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.format() for p in problems))
        self.problems = problems


TOML_TOO_DEEP = "arrays or inline tables are nested too deeply"
_TOML_POSITION = re.compile(r"\s*\((?:at line \d+, column \d+|at end of document)\)\s*$")


def toml_error_parts(exc: Exception) -> tuple[str, int | None, int | None]:
    """A TOML parse error's message without its "(at line L, column C)" tail, then L and C."""
    message = _TOML_POSITION.sub("", str(getattr(exc, "msg", None) or exc))
    return message, getattr(exc, "lineno", None), getattr(exc, "colno", None)
