"""The shape of ``pack.toml`` (format 1), checked key by key with messages a teacher can act on."""

from __future__ import annotations

__all__ = ["FORMAT_VERSION", "ID_PATTERN", "SPECS", "FieldSpec", "TableSpec", "type_name"]

import datetime as dt
import re
from typing import NamedTuple

from reader.model import CLAIM_KINDS, SOURCE_KINDS, STANCES

FORMAT_VERSION = 1
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TONES = ("good", "mixed", "bad", "neutral")


class FieldSpec(NamedTuple):
    """One key of a table: its type (a key of :data:`reader.pack.checker.TYPE_CHECKS`: str,
    id, url, int, date, table, tables, labelled-tables or text-items), whether it is required,
    and the values it may take."""

    type: str
    required: bool = False
    choices: tuple[str, ...] | None = None


TableSpec = dict[str, FieldSpec]

SPECS: dict[str, TableSpec] = {
    "top": {
        "format": FieldSpec("int", required=True),
        "article": FieldSpec("table", required=True),
        "sources": FieldSpec("tables"),
        "outlets": FieldSpec("tables"),
        "footnotes": FieldSpec("labelled-tables"),
        "claims": FieldSpec("tables"),
        "verdicts": FieldSpec("labelled-tables"),
    },
    "article": {
        "title": FieldSpec("str", required=True),
        "file": FieldSpec("str", required=True),
        "author": FieldSpec("str"),
        "publisher": FieldSpec("str"),
        "published": FieldSpec("date"),
        "url": FieldSpec("url"),
        "language": FieldSpec("str"),
    },
    "outlet": {
        "id": FieldSpec("id", required=True),
        "name": FieldSpec("str", required=True),
        "kind": FieldSpec("str", choices=SOURCE_KINDS),
        "behind": FieldSpec("str"),
        "based": FieldSpec("str"),
    },
    "source": {
        "id": FieldSpec("id", required=True),
        "title": FieldSpec("str", required=True),
        "outlet": FieldSpec("id"),
        "publisher": FieldSpec("str"),
        "date": FieldSpec("date"),
        "url": FieldSpec("url"),
        "kind": FieldSpec("str", choices=SOURCE_KINDS),
        "perspective": FieldSpec("str"),
    },
    "footnote": {
        "source": FieldSpec("str"),
        "note": FieldSpec("str"),
    },
    "claim": {
        "id": FieldSpec("id", required=True),
        "quote": FieldSpec("str", required=True),
        "prefix": FieldSpec("str"),
        "suffix": FieldSpec("str"),
        "kind": FieldSpec("str", choices=CLAIM_KINDS),
        "verdict": FieldSpec("str"),
        "summary": FieldSpec("str"),
        "accounts": FieldSpec("tables"),
        "notes": FieldSpec("text-items"),
        "questions": FieldSpec("text-items"),
        "prompts": FieldSpec("text-items"),
    },
    "account": {
        "source": FieldSpec("str", required=True),
        "stance": FieldSpec("str", required=True, choices=STANCES),
        "says": FieldSpec("str", required=True),
        "quote": FieldSpec("str"),
    },
    "text-item": {
        "text": FieldSpec("str", required=True),
    },
    "verdict": {
        "label": FieldSpec("str", required=True),
        "glyph": FieldSpec("str"),
        "description": FieldSpec("str"),
        "tone": FieldSpec("str", choices=TONES),
    },
}


def type_name(value: object) -> str:
    """How a TOML value's type is called in messages ("string", "integer", "table", ...)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, dt.datetime):
        return "date-time"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dt.time):
        return "time"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__
