"""The one way untrusted text reaches a widget: sanitised, never parsed as markup."""

from __future__ import annotations

__all__ = ["safe", "safe_line"]

from textual.content import Content

from reader.serving.mode import in_served_reader
from reader.serving.redact import hide_paths
from reader.text.sanitize import sanitize_for_display, sanitize_line

_SERVED = in_served_reader()  # a served reader shows no path of the teacher's computer


def _shown(text: str) -> str:
    return hide_paths(text) if _SERVED else text


def safe(text: str, style: str = "") -> Content:
    """Content showing ``text`` literally, with control characters made visible."""
    return (
        Content.styled(sanitize_for_display(_shown(text)), style)
        if style
        else Content(sanitize_for_display(_shown(text)))
    )


def safe_line(text: str, style: str = "") -> Content:
    """Like :func:`safe`, on one line (newlines become spaces)."""
    shown = sanitize_line(_shown(text))
    return Content.styled(shown, style) if style else Content(shown)
