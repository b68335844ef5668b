"""Check a ``pack.toml`` table against its spec and collect problems with their positions.

Each value is checked by the function that :data:`TYPE_CHECKS` gives for its spec's type; a
check returns the value to use, or :data:`INVALID` after reporting why it cannot be used.
"""

from __future__ import annotations

__all__ = [
    "INVALID",
    "TYPE_CHECKS",
    "WEB_ADDRESS",
    "Checker",
    "TypeCheck",
    "did_you_mean",
    "duplicate_id",
    "entry_label",
    "line_of",
    "quoted",
    "unknown_source",
]

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from reader.model import STANCE_WORDS
from reader.pack.positions import KeyPath, PositionIndex
from reader.pack.schema import ID_PATTERN, SPECS, FieldSpec, type_name
from reader.problems import Problem, Severity
from reader.text.sanitize import has_bidi_controls, sanitize_line


def quoted(text: str, limit: int = 70) -> str:
    """A short, safe, one-line rendering of untrusted text for a message."""
    flat = " ".join(sanitize_line(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f'"{flat}"'


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A '; did you mean "x"?' hint naming the closest of ``known``, or ""."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


class _Invalid:
    """The type of :data:`INVALID`."""


INVALID: Any = _Invalid()
"""What a check returns for a value it reported as unusable."""


class Checker:
    """Collects problems with positions for one ``pack.toml``."""

    def __init__(self, shown: str, positions: PositionIndex) -> None:
        self.shown = shown
        self.positions = positions
        self.problems: list[Problem] = []

    def add(
        self,
        severity: Severity,
        path: KeyPath,
        message: str,
        code: str,
        key: bool = False,
    ) -> None:
        where = self.positions.locate(path, key=key)
        line, col = where if where else (None, None)
        self.problems.append(Problem(severity, message, self.shown, line, col, code))

    def error(self, path: KeyPath, message: str, code: str, key: bool = False) -> None:
        self.add("error", path, message, code, key)

    def warn(self, path: KeyPath, message: str, code: str, key: bool = False) -> None:
        self.add("warning", path, message, code, key)

    def table(
        self, data: Mapping[str, Any], spec_name: str, path: KeyPath, label: str
    ) -> dict[str, Any] | None:
        """Check ``data`` against a spec: its valid values, or None if a required one is bad."""
        values, complete = self.table_values(data, spec_name, path, label)
        return values if complete else None

    def table_values(
        self, data: Mapping[str, Any], spec_name: str, path: KeyPath, label: str
    ) -> tuple[dict[str, Any], bool]:
        """Check ``data`` against a spec: its valid values, and whether every required one is."""
        spec = SPECS[spec_name]
        values: dict[str, Any] = {}
        complete = True
        for key, value in data.items():
            field = spec.get(key)
            if field is None:
                self._unknown_key((*path, key), label, key, spec)
                continue
            checked = TYPE_CHECKS[field.type](self, value, field, (*path, key), f"{label}: {key}")
            if checked is INVALID:
                if field.required:
                    complete = False
                continue
            values[key] = checked
        for key, field in spec.items():
            if field.required and key not in data:
                self.error(path, f'{label}: missing required key "{key}"', "missing-key")
                complete = False
        return values, complete

    def _unknown_key(
        self, path: KeyPath, label: str, key: str, spec: Mapping[str, FieldSpec]
    ) -> None:
        hint = did_you_mean(key, spec)
        allowed = "" if hint else f" (allowed: {', '.join(spec)})"
        if spec is SPECS["account"] and key in SPECS["claim"]:
            # The slip teachers make most: a claim's key written after its accounts.
            allowed += (f'. "{key}" belongs to the claim, but every line after '
                        "[[claims.accounts]] belongs to that account: move it above the "
                        "claim's first [[claims.accounts]]")
        self.error(
            path, f"{label}: unknown key {quoted(key, 40)}{hint}{allowed}", "unknown-key", key=True
        )


def line_of(checker: Checker, path: KeyPath) -> str:
    """The line ``path`` is on, for messages that point back to it ("?" if unknown)."""
    where = checker.positions.locate(path)
    return str(where[0]) if where else "?"


def entry_label(kind: str, entry: Any, index: int) -> str:
    """How messages name an entry of an array of tables: by its id, else by its number."""
    if isinstance(entry, dict):
        entry_id = entry.get("id")
        if isinstance(entry_id, str) and entry_id:
            return f"{kind} {quoted(entry_id, 40)}"
    return f"{kind} #{index + 1}"


def duplicate_id(
    checker: Checker, kind: str, entry_id: str, path: KeyPath, seen: dict[str, KeyPath]
) -> bool:
    """Whether ``entry_id`` was seen before (reported, pointing to the first); else record it."""
    first = seen.get(entry_id)
    if first is None:
        seen[entry_id] = path
        return False
    checker.error(
        (*path, "id"),
        f'{kind} id "{entry_id}" is used twice (first at line {line_of(checker, first)})',
        "duplicate-id",
    )
    return True


def unknown_source(
    checker: Checker, path: KeyPath, label: str, ref: str, known: Iterable[str]
) -> None:
    """Report a reference to a source card that the pack does not have."""
    hint = did_you_mean(ref, known)
    checker.error(
        path, f"{label}: no source card with id {quoted(ref, 40)}{hint}", "unknown-source"
    )


# -- the checks, one per type in the spec ------------------------------------------------------

TypeCheck = Callable[[Checker, Any, FieldSpec, KeyPath, str], Any]

WEB_ADDRESS = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+")  # what `url` keys must be
_QUOTED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _wrong_type(checker: Checker, path: KeyPath, label: str, expected: str, value: Any) -> Any:
    checker.error(path, f"{label}: expected {expected}, got {type_name(value)}", "type")
    return INVALID


def _check_str(checker: Checker, value: Any, spec: FieldSpec, path: KeyPath, label: str) -> Any:
    if not isinstance(value, str):
        return _wrong_type(checker, path, label, "a string", value)
    return _check_text(checker, value, spec, path, label)


def _check_id(checker: Checker, value: Any, spec: FieldSpec, path: KeyPath, label: str) -> Any:
    if not isinstance(value, str):
        return _wrong_type(checker, path, label, "a string", value)
    if not ID_PATTERN.fullmatch(value):
        checker.error(
            path,
            f"{label}: {quoted(value, 40)} is not a valid id; use lowercase letters, "
            'digits and single hyphens (like "un-2023-10-02")',
            "bad-id",
        )
        return INVALID
    return _check_text(checker, value, spec, path, label)


def _check_url(checker: Checker, value: Any, spec: FieldSpec, path: KeyPath, label: str) -> Any:
    if not isinstance(value, str):
        return _wrong_type(checker, path, label, "a string", value)
    return _check_text(checker, value, spec, path, label, web_address=True)


def _check_text(
    checker: Checker,
    value: str,
    spec: FieldSpec,
    path: KeyPath,
    label: str,
    web_address: bool = False,
) -> Any:
    """The rules every string follows: not blank if required, a web address where one is
    expected, one of the choices if there are any; bidi controls are warned about."""
    if spec.required and not value.strip():
        checker.error(path, f"{label}: must not be empty", "empty")
        return INVALID
    if web_address and WEB_ADDRESS.fullmatch(value) is None:
        checker.error(
            path,
            f"{label}: {quoted(value, 60)} is not a web address; "
            "it must start with http:// or https:// and contain no spaces",
            "bad-url",
        )
        return INVALID
    if spec.choices is not None and value not in spec.choices:
        shown_as = next((choice for choice, words in STANCE_WORDS.items()
                         if words == value.strip().lower() and choice in spec.choices), None)
        hint = (f'; the reader shows "{shown_as}" as "{value.strip()}", but in pack.toml it is '
                f'written "{shown_as}"' if shown_as and shown_as != value
                else did_you_mean(value, spec.choices))
        checker.error(
            path,
            f"{label}: {quoted(value, 40)} is not one of: " + ", ".join(spec.choices) + hint,
            "bad-choice",
        )
        return INVALID
    if has_bidi_controls(value):
        checker.warn(
            path,
            f"{label}: contains bidirectional control characters, which can make text "
            "display in a different order than it is stored; they are shown as �",
            "bidi",
        )
    return value


def _check_int(checker: Checker, value: Any, spec: FieldSpec, path: KeyPath, label: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        return _wrong_type(checker, path, label, "an integer", value)
    return value


def _check_date(checker: Checker, value: Any, spec: FieldSpec, path: KeyPath, label: str) -> Any:
    if isinstance(value, dt.datetime):
        checker.error(path, f"{label}: expected a date like 2023-10-05, got a date-time", "type")
        return INVALID
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _QUOTED_DATE.fullmatch(value.strip()):
        checker.error(path, f"{label}: write dates without quotes, like {value.strip()}", "type")
        return INVALID
    return _wrong_type(checker, path, label, "a date like 2023-10-05", value)


def _check_table(checker: Checker, value: Any, spec: FieldSpec, path: KeyPath, label: str) -> Any:
    if not isinstance(value, dict):
        return _wrong_type(checker, path, label, "a table", value)
    return value


def _check_tables(checker: Checker, value: Any, spec: FieldSpec, path: KeyPath, label: str) -> Any:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return _wrong_type(checker, path, label, f"an array of tables ([[{path[-1]}]])", value)
    return value


def _check_text_items(
    checker: Checker, value: Any, spec: FieldSpec, path: KeyPath, label: str
) -> Any:
    """Notes, questions and prompts: strings, or tables with a "text" key; as a tuple of str."""
    if not isinstance(value, list):
        return _wrong_type(checker, path, label, 'an array of tables with a "text" key', value)
    texts: list[str] = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            texts.append(item)
        elif not isinstance(item, dict):
            item_label = f"{label}[{index + 1}]"
            _wrong_type(checker, (*path, index), item_label, 'a table with a "text" key', item)
        else:
            checked = checker.table(item, "text-item", (*path, index), f"{label}[{index + 1}]")
            if checked is not None:
                texts.append(checked["text"])
    return tuple(texts)


TYPE_CHECKS: dict[str, TypeCheck] = {
    "str": _check_str,
    "id": _check_id,
    "url": _check_url,
    "int": _check_int,
    "date": _check_date,
    "table": _check_table,
    "tables": _check_tables,
    "labelled-tables": _check_table,
    "text-items": _check_text_items,
}
"""The check for each type a :class:`~reader.pack.schema.FieldSpec` may name."""
