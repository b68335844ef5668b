"""The debug log: failures worked around are written down when LATERAL_DEBUG=1, never otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import debuglog


def test_nothing_is_written_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LATERAL_DEBUG", raising=False)
    debuglog.record("a kept pack could not be read", ValueError("bad"))
    assert not debuglog.log_path().exists()


def test_a_failure_is_written_with_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LATERAL_DEBUG", "1")
    try:
        raise ValueError("the entry is damaged")
    except ValueError as exc:
        debuglog.record("a kept pack could not be read", exc)
    text = debuglog.log_path().read_text("utf-8")
    assert "a kept pack could not be read" in text
    assert "ValueError: the entry is damaged" in text and "Traceback" in text


def test_a_log_that_cannot_be_written_raises_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LATERAL_DATA_DIR", str(blocker))
    monkeypatch.setenv("LATERAL_DEBUG", "1")
    debuglog.record("anything", OSError("disk full"))  # does not raise
