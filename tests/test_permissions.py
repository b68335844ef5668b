"""Files written for others to read get the user's usual permissions; private files stay 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.notes import StudentNote
from reader.pack.load import load_pack
from reader.work import StudentWork
from tests.conftest import BUNDLED


@pytest.fixture
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_exports_and_debriefs_are_readable_by_others(tmp_path: Path) -> None:
    export = tmp_path / "handout.md"
    assert main(["export", str(BUNDLED), "--format", "markdown", "-o", str(export)]) == 0
    assert mode(export) == 0o644


@pytest.mark.usefixtures("umask_022")
def test_a_hand_in_is_shared_but_the_notes_stay_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LATERAL_DATA_DIR", str(tmp_path / "data"))
    pack = load_pack(BUNDLED).pack
    assert pack is not None
    work, _ = StudentWork.open(pack)
    work.put_note(StudentNote("n1", pack.claims[0].quote, "a note"))
    assert work.path is not None and mode(work.path) == 0o600
    handed = work.hand_in(tmp_path, "Ana")
    assert mode(handed) == 0o644
    debrief = tmp_path / "debrief.md"
    assert main(["class", str(BUNDLED), str(handed), "-o", str(debrief)]) == 0
    assert mode(debrief) == 0o644


def test_a_stricter_umask_is_respected(tmp_path: Path) -> None:
    before = os.umask(0o077)
    try:
        export = tmp_path / "handout.md"
        assert main(["export", str(BUNDLED), "--format", "markdown", "-o", str(export)]) == 0
    finally:
        os.umask(before)
    assert mode(export) == 0o600
