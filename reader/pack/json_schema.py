"""The pack format as a JSON Schema, made from the same specs the checker uses
(:mod:`reader.pack.schema`), for editors that check TOML as it is typed (Taplo, Even Better
TOML): ``lateral schema`` prints it, and the importer writes it beside each pack it makes,
named on the skeleton's first line (``#:schema ./pack.schema.json``).

The schema checks the shape (keys, types, the choices of kind and stance, ids, addresses,
dates); what needs the article (quotes found, notes that exist, verdicts on the pack's own
scale) is for ``lateral check``. Dates are strings of the form ``2023-10-05``, as those
editors show TOML dates to a schema.
"""

from __future__ import annotations

__all__ = ["SCHEMA_FILE", "SCHEMA_LINE", "pack_schema", "schema_text"]

import json
from typing import Any

from reader.pack.checker import WEB_ADDRESS
from reader.pack.schema import FORMAT_VERSION, ID_PATTERN, SPECS, FieldSpec

SCHEMA_FILE = "pack.schema.json"
SCHEMA_LINE = f"#:schema ./{SCHEMA_FILE}"  # the directive TOML editors read

# Which spec describes the tables under each key.
_TABLES = {"article": "article", "sources": "source", "outlets": "outlet", "footnotes": "footnote",
           "claims": "claim", "verdicts": "verdict", "accounts": "account",
           "notes": "text-item", "questions": "text-item", "prompts": "text-item"}
_DESCRIPTIONS = {
    "top": "A lateral-reader pack: an article's fact checks (format 1).",
    "article": "The article: its title, the file beside pack.toml that holds it, and who "
               "published it when.",
    "outlet": "An outlet (a newspaper, agency, ministry, NGO...), described once: source "
              "cards that name it with outlet = \"id\" take its name, kind and description.",
    "source": "A source card: a document an account or a footnote card cites.",
    "footnote": "The reviewer's card for one of the article's own notes.",
    "claim": "A claim: a quote from the article, placed by it, with a verdict and accounts.",
    "account": "What one source says about the claim.",
    "verdict": "A verdict of the pack's own scale.",
    "text-item": "One note, question or prompt.",
}


def _field(name: str, field: FieldSpec) -> dict[str, Any]:
    kind = field.type
    if kind == "str":
        found: dict[str, Any] = {"type": "string"}
        if field.required:
            found["minLength"] = 1
    elif kind == "id":
        found = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
    elif kind == "url":
        found = {"type": "string", "pattern": f"^{WEB_ADDRESS.pattern}$", "format": "uri"}
    elif kind == "int":
        found = {"type": "integer"}
    elif kind == "date":
        found = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif kind == "table":
        found = _table(_TABLES[name])
    elif kind == "tables":
        found = {"type": "array", "items": _table(_TABLES[name])}
    elif kind == "labelled-tables":
        found = {"type": "object", "additionalProperties": _table(_TABLES[name])}
    elif kind == "text-items":
        found = {"type": "array",
                 "items": {"anyOf": [{"type": "string"}, _table("text-item")]}}
    else:  # pragma: no cover - a new type must be described here
        raise ValueError(f"no schema for the type {kind!r}")
    if field.choices is not None:
        found["enum"] = list(field.choices)
    return found


def _table(spec_name: str) -> dict[str, Any]:
    spec = SPECS[spec_name]
    table: dict[str, Any] = {
        "type": "object",
        "description": _DESCRIPTIONS[spec_name],
        "properties": {name: _field(name, field) for name, field in spec.items()},
        "additionalProperties": False,
    }
    required = [name for name, field in spec.items() if field.required]
    if required:
        table["required"] = required
    return table


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of ``pack.toml``."""
    schema = _table("top")
    schema["properties"]["format"] = {"const": FORMAT_VERSION,
                                      "description": "The pack format's version: 1."}
    return {"$schema": "http://json-schema.org/draft-07/schema#",
            "title": "lateral-reader pack.toml", **schema}


def schema_text() -> str:
    return json.dumps(pack_schema(), indent=2, ensure_ascii=False) + "\n"
