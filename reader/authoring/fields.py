"""What a teacher types into a form, checked before it is written, with what to do instead."""

from __future__ import annotations

__all__ = ["date_problem", "language_problem", "url_problem"]

import datetime as dt
import re

from reader.pack.checker import WEB_ADDRESS

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def date_problem(date: str) -> str | None:
    """Why ``date`` cannot be a TOML date, in words a teacher can act on (None: it can)."""
    if not date:
        return None
    if not _DATE.fullmatch(date):
        return (f"The date “{date}” must be written YYYY-MM-DD (2023-10-05). If only the "
                "month or year is known, leave it empty and say so in a note.")
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return f"There is no such day as {date}."
    return None


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a web address as ``lateral check`` reads one (None: it is)."""
    if url and not WEB_ADDRESS.fullmatch(url):
        return "The address must start with https:// or http:// and contain no spaces."
    return None


def language_problem(language: str) -> str | None:
    if language and not _LANGUAGE.fullmatch(language):
        return f"“{language}” is not a language code (en, fr, pt-BR…)."
    return None
