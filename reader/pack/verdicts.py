"""The ``[verdicts]`` table: a pack's own verdict scale in place of the default one."""

from __future__ import annotations

__all__ = ["check_verdicts"]

from typing import Any

from reader.model import DEFAULT_SCALE, Scale, Verdict
from reader.pack.checker import Checker, quoted
from reader.pack.positions import KeyPath
from reader.pack.schema import ID_PATTERN, type_name


def check_verdicts(checker: Checker, verdicts_data: Any) -> Scale:
    """The pack's scale: its valid verdicts, or the default scale if it defines none."""
    if not isinstance(verdicts_data, dict) or not verdicts_data:
        return DEFAULT_SCALE
    verdicts: list[Verdict] = []
    for verdict_id, entry in verdicts_data.items():
        verdict = _verdict(checker, verdict_id, entry)
        if verdict is not None:
            verdicts.append(verdict)
    return Scale(tuple(verdicts)) if verdicts else DEFAULT_SCALE


def _verdict(checker: Checker, verdict_id: str, entry: Any) -> Verdict | None:
    """One ``[verdicts.<id>]`` entry; glyph and tone default to the default scale's."""
    path: KeyPath = ("verdicts", verdict_id)
    if not ID_PATTERN.fullmatch(verdict_id):
        checker.error(
            path,
            f"verdict {quoted(verdict_id, 40)}: not a valid id; use "
            "lowercase letters, digits and hyphens",
            "bad-id",
            key=True,
        )
        return None
    if not isinstance(entry, dict):
        checker.error(
            path, f'verdict "{verdict_id}": expected a table, got {type_name(entry)}', "type"
        )
        return None
    values = checker.table(entry, "verdict", path, f'verdict "{verdict_id}"')
    if values is None:
        return None
    default = DEFAULT_SCALE.get(verdict_id)
    return Verdict(
        verdict_id,
        values["label"],
        values.get("glyph") or (default.glyph if default else "●"),
        values.get("description", ""),
        values.get("tone") or (default.tone if default else "neutral"),
    )
