"""Faults while saving: killed mid-save, a full disk. What was saved before is never lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import tomli

from .conftest import ROOT

KILLS = int(os.environ.get("LATERAL_KILL_RUNS", "200"))

SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reader.notes import NotesFile, NotesStore, StudentNote

    path = Path(sys.argv[1])
    store = NotesStore(path, "k", "t")
    versions = []
    for version in ("A", "B"):
        notes = NotesFile("k", "t", student=version)
        for n in range(400):
            notes.put_note(StudentNote(f"n-{n}", f"quote {n}", version * 300))
        versions.append(notes)
    print("ready", flush=True)
    i = 0
    while True:
        store.load()
        store.save(versions[i % 2])
        i += 1
    """
)


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_during_save_leaves_old_or_new_version(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    rng = random.Random(20261127)
    outcomes = {"A": 0, "B": 0}
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)], env=_env(), stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.06))
        child.send_signal(signal.SIGKILL)
        child.wait()
        if not path.exists():
            continue  # killed before the very first save finished: nothing to lose yet
        data = tomli.loads(path.read_text(encoding="utf-8"))
        assert data["student"] in ("A", "B")
        assert len(data["notes"]) == 400
        outcomes[data["student"]] += 1
    assert sum(outcomes.values()) > KILLS // 2


@pytest.mark.skipif(
    not hasattr(__import__("resource"), "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE"
)
def test_full_disk_keeps_the_saved_notes(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    script = textwrap.dedent(
        """
        import resource, signal, sys
        from pathlib import Path
        from reader.notes import NotesError, NotesFile, NotesStore, StudentNote

        path = Path(sys.argv[1])
        store = NotesStore(path, "k", "t")
        small = NotesFile("k", "t", student="before")
        store.save(small)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
        big = NotesFile("k", "t", student="after")
        for n in range(300):
            big.put_note(StudentNote(f"n-{n}", "q", "x" * 500))
        try:
            store.save(big)
        except NotesError as exc:
            print("refused:", exc.message)
        else:
            print("saved")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("refused: could not save your notes"), out.stdout
    assert "File too large" in out.stdout
    assert tomli.loads(path.read_text(encoding="utf-8"))["student"] == "before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.toml"]


def test_stray_temp_files_are_cleaned(tmp_path: Path) -> None:
    from reader.notes import NotesStore

    stray = tmp_path / ".notes.toml.abc123.tmp"
    stray.write_text("half a file", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stray, (old, old))
    fresh = tmp_path / ".notes.toml.def456.tmp"
    fresh.write_text("another program may be writing this", encoding="utf-8")
    NotesStore(tmp_path / "notes.toml", "k", "t").load()
    assert not stray.exists() and fresh.exists()
