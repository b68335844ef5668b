"""Dates as bylines and datelines write them ("12 March 2024", "March 3, 2021", "2024-03-12")."""

from __future__ import annotations

__all__ = ["parse_date"]

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ \t]+)?"
_TIME = r"(?:,?[ \t]*(?:at[ \t]+)?\d{1,2}[:.]\d{2}(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]*[A-Z]{2,4})?)?"
_FORMS = [
    re.compile(rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+{_MONTH},?[ \t]+"
               rf"(?P<year>\d{{4}}){_TIME}", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_MONTH}[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+"
               rf"(?P<year>\d{{4}}){_TIME}", re.IGNORECASE),
    re.compile(r"(?P<year>\d{4})-(?P<num>\d{2})-(?P<day>\d{2})(?:[T ][\d:.+Z-]*)?"),
]


def parse_date(text: str) -> str | None:
    """``text`` as YYYY-MM-DD when it is a date and nothing else (a weekday or a time may go
    with it); ``None`` otherwise."""
    text = text.strip().rstrip(".")
    for form in _FORMS:
        match = form.fullmatch(text)
        if not match:
            continue
        groups = match.groupdict()
        month = (
            int(groups["num"]) if groups.get("num") else _MONTHS.get(groups["month"].lower())
        )
        if month is None:
            continue
        try:
            return dt.date(int(groups["year"]), month, int(groups["day"])).isoformat()
        except ValueError:
            return None
    return None
