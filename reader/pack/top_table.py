"""The top table of ``pack.toml``: its keys, and the format this version reads."""

from __future__ import annotations

__all__ = ["check_top_table"]

from typing import Any

from reader.pack.checker import Checker
from reader.pack.schema import FORMAT_VERSION


def check_top_table(checker: Checker, data: dict[str, Any]) -> dict[str, Any] | None:
    """The top table's valid values, or None if the pack is written in another format."""
    top, _ = checker.table_values(data, "top", (), "pack")
    fmt = data.get("format")
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt != FORMAT_VERSION:
        if fmt > FORMAT_VERSION:
            checker.error(
                ("format",),
                f"this pack is format {fmt}; this version of "
                f"lateral-reader reads format {FORMAT_VERSION} (upgrade to open it)",
                "format",
            )
        else:
            checker.error(
                ("format",), f"unknown format {fmt}; use format = {FORMAT_VERSION}", "format"
            )
        return None
    return top
