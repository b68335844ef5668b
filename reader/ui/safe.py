"""The one way untrusted text reaches a widget: sanitised, never parsed as markup."""

from __future__ import annotations

__all__ = ["safe", "safe_line"]

from textual.content import Content

from reader.text.sanitize import sanitize_for_display, sanitize_line


def safe(text: str, style: str = "") -> Content:
    """Content showing ``text`` literally, with control characters made visible."""
    return (
        Content.styled(sanitize_for_display(text), style)
        if style
        else Content(sanitize_for_display(text))
    )


def safe_line(text: str, style: str = "") -> Content:
    """Like :func:`safe`, on one line (newlines become spaces)."""
    shown = sanitize_line(text)
    return Content.styled(shown, style) if style else Content(shown)
