"""Text from a web page made safe: no control characters, whitespace tidied; errors."""

from __future__ import annotations

import re

from reader.problems import Problem, ReaderError

EXTRA_MESSAGE = "reading .html needs the html extra: pip install 'lateral-reader[html]'"


def error(message: str, code: str) -> ReaderError:
    return ReaderError([Problem("error", message, None, code=code)])



# C0 controls but tab and newline, DEL, C1 controls, lone surrogates, and the invisible characters
# that only break words for search: soft hyphen, zero-width space, BOM.
STRIP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u00ad\u200b\ufeff]")
SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
RUN = re.compile(r"\s+")


def clean_source(html: str) -> str:
    """The page without characters no parser or terminal should see; line ends made LF."""
    return STRIP.sub("", html.replace("\r\n", "\n").replace("\r", "\n"))


def clean(text: str | None) -> str | None:
    """One metadata value: no control characters, whitespace runs made one space."""
    if not text:
        return None
    text = RUN.sub(" ", STRIP.sub("", text)).strip()
    return text or None


