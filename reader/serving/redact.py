"""What a served reader shows names no path of the teacher's computer.

A reader started by ``lateral serve`` runs on the teacher's computer, and its messages (a
file that could not be written, a problem in a pack) would otherwise show where things are
kept there. In a served reader every absolute path in shown text is cut down to its last part
("/home/teacher/class/sessions/ana/notes.toml" → "notes.toml")."""

from __future__ import annotations

__all__ = ["hide_paths", "in_served_reader"]

import re

from reader.serving.mode import in_served_reader

_POSIX = re.compile(r"(?<![\w.~:/-])(?:~/|/)(?:[^\s/'\"`:;,()<>]+/)+([^\s/'\"`:;,()<>]*)")
_WINDOWS = re.compile(r"\b[A-Za-z]:\\(?:[^\s\\'\"`;,()<>]+\\)*([^\s\\'\"`;,()<>]*)")


def hide_paths(text: str) -> str:
    """``text`` with each absolute path cut to its last part (see the module's notes)."""
    if "/" not in text and "\\" not in text:
        return text
    text = _POSIX.sub(lambda m: m.group(1) or "a folder", text)
    return _WINDOWS.sub(lambda m: m.group(1) or "a folder", text)
