"""The real reader in a pseudo-terminal: every byte it writes is scanned.

Textual writes a known set of escape sequences (colours, cursor moves, terminal modes and
the mouse pointer shape). With the hostile corpus in every field of the pack, the article and
the notes file, and every screen opened, nothing else may reach the terminal: no sequence
from the data, no control character, no bidi control.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from reader.notes import NotesStore
from reader.pack.load import load_pack

from . import hostile
from .conftest import ROOT
from .ptydrive import escape_sequences, run_reader

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a Unix pty")

TUTORIAL = ROOT / "data" / "articles" / "tutorial"

# What Textual itself writes: SGR colours, cursor position, private modes on and off, mode
# queries, the kitty keyboard protocol, and OSC 22 (mouse pointer shape).
TEXTUAL = [
    re.compile(rb"\x1b\[[0-9;]*m"),
    re.compile(rb"\x1b\[[0-9]+;[0-9]+H"),
    re.compile(rb"\x1b\[\?(?:7|25|1000|1003|1004|1006|1015|1049|2004)[hl]"),
    re.compile(rb"\x1b\[\?(?:2026|2048)\$p"),
    re.compile(rb"\x1b\[(?:<|>[0-9]+)u"),
    re.compile(rb"\x1b\]22;[a-z-]+\x07"),
]
# After the sequences are removed, no control character may be left but CR and LF.
CONTROL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
KEYS = [b"]", b"]", b"j", b"f", b"J", b"?", b"\x1b", b"o", b"\x1b", b"m", b"\x1b", b"a",
        b"\x1b", b"s", b"h", b"\x1b", b"\x1b", b"/", b"x", b"\r", b"\x10", b"c", b"\x1b", b"L",
        b"\x1b", b"G", b"}", b"{"]


def foreign(data: bytes) -> list[bytes]:
    """Escape sequences that Textual does not write."""
    return [seq for _, seq in escape_sequences(data)
            if not any(pattern.fullmatch(seq) for pattern in TEXTUAL)]


def leftover_controls(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="strict")
    for _, seq in escape_sequences(data):
        text = text.replace(seq.decode("utf-8"), "")
    return CONTROL.findall(text)


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL")}
    env.update(TERM="xterm-256color", LATERAL_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=str(ROOT))
    env.update(extra)
    return env


def test_the_scanner_finds_a_foreign_sequence() -> None:
    data = b"\x1b[1;2H\x1b[31mok\x1b]52;c;eA==\x07\x1b[6n\x1bP1$r\x1b\\\x1b]0;t\x1b\\\x1bc"
    assert foreign(data) == [b"\x1b]52;c;eA==\x07", b"\x1b[6n", b"\x1bP1$r\x1b\\",
                             b"\x1b]0;t\x1b\\", b"\x1bc"]
    assert leftover_controls(b"a\x07b\xc2\x9bc\r\n") == ["\x07", "\x9b"]


@pytest.mark.slow
def test_hostile_pack_writes_nothing_foreign_to_the_terminal(tmp_path: Path) -> None:
    folder = hostile.write_pack(tmp_path / "hostile")
    result = load_pack(folder)
    assert result.pack is not None
    hostile.write_notes(NotesStore.for_pack(result.pack, tmp_path / "data"))
    run = run_reader([str(folder)], KEYS, env=env_for(tmp_path), marker=b"Hostile")
    assert run.exit_status == 0
    assert len(run.output) > 100_000
    assert foreign(run.output) == []
    assert leftover_controls(run.output) == []
    # The payloads were on screen, made visible: ESC as ␛, the OSC 52 text literally.
    shown = run.output.decode("utf-8")
    assert "␛]52;c;Y3VybCBldmlsfHNo␛\\" in shown and "[@click=app.quit]" in shown
    # Leaving the alternate screen happens once, when quitting, not from the data.
    leave = next(i for i, s in escape_sequences(run.output) if s == b"\x1b[?1049l")
    assert leave >= run.quit_at


@pytest.mark.slow
def test_dumb_terminal_and_no_color_are_usable(tmp_path: Path) -> None:
    for extra in ({"TERM": "dumb"}, {"NO_COLOR": "1"}):
        run = run_reader([str(TUTORIAL)], [b"]", b"j", b"?", b"\x1b"],
                         env=env_for(tmp_path, **extra), marker=b"claim")
        assert run.exit_status == 0, extra
        shown = run.output.decode("utf-8")
        assert "How to use this reader" in shown or "tutorial" in shown.lower(), extra
        assert foreign(run.output) == [], extra
        if "NO_COLOR" in extra:
            # No colour: only the 24 greys and black/white of the 256-colour palette.
            colours = {int(n) for n in re.findall(rb"[34]8;5;([0-9]+)", run.output)}
            assert colours <= {0, 7, 15, 16, 231, *range(232, 256)}, sorted(colours)
            assert not re.search(rb"[34]8;2;", run.output)


@pytest.mark.slow
def test_a_pack_read_once_opens_from_the_cache_next_time(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    cache = tmp_path / "data" / "cache"
    first = run_reader([str(TUTORIAL)], [], env=env, marker=b"claim", pause=0)
    assert first.exit_status == 0
    (entry,) = cache.iterdir()  # kept even though the reader quit at once
    kept = entry.read_bytes()
    again = run_reader([str(TUTORIAL)], [b"]"], env=env, marker=b"claim", pause=0.1)
    assert again.exit_status == 0
    assert "How to read with lateral" in again.output.decode("utf-8")
    assert list(cache.iterdir()) == [entry] and entry.read_bytes() == kept  # read, not rewritten
