"""Faults: killed mid-save, a full disk, folders without permission, two readers on one notes
file. What was saved before is never lost, and nothing is silently overwritten."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import tomli

from reader.notes import NotesError, NotesFile, NotesStore, StudentNote

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


@pytest.mark.slow
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


def as_unprivileged(work: Callable[[], object]) -> object:
    """Run ``work`` in a forked child that cannot read or write what it has no permission
    for (as root, the child drops to nobody, since root ignores file modes); returns its
    result or raises with the child's error."""
    import encodings.utf_8_sig  # noqa: F401 - the child may not be able to read the stdlib

    reader_end, writer_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(reader_end)
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            payload = {"result": work()}
        except BaseException as exc:  # report anything, with where it happened
            where = traceback.format_exc(limit=-3)
            payload = {"error": f"{type(exc).__name__}: {exc}\n{where}"}
        with os.fdopen(writer_end, "w") as out:
            json.dump(payload, out, default=str)
        os._exit(0)
    os.close(writer_end)
    with os.fdopen(reader_end) as inp:
        payload = json.loads(inp.read() or '{"error": "no answer"}')
    os.waitpid(pid, 0)
    assert "error" not in payload, payload["error"]
    return payload["result"]


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder the unprivileged child can reach (pytest's own tmp folders are private)."""
    folder = Path(tempfile.mkdtemp(prefix="lateral-perm-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def _sample_notes() -> NotesFile:
    notes = NotesFile("k", "t", student="Ana")
    notes.put_note(StudentNote("n-1", "a quote", "my words"))
    return notes


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_read_only_folder_refuses_the_save_and_keeps_the_file(shared_tmp: Path) -> None:
    folder = shared_tmp / "notes"
    folder.mkdir()
    path = folder / "notes.toml"
    NotesStore(path, "k", "t").save(_sample_notes())
    before = path.read_bytes()
    path.chmod(0o444)
    folder.chmod(0o555)

    def work() -> object:
        store = NotesStore(path, "k", "t")
        notes, message = store.load()
        notes.put_note(StudentNote("n-2", "another", "more words"))
        try:
            store.save(notes)
        except NotesError as exc:
            return [message, len(notes.notes), exc.message]
        return "saved"

    result = as_unprivileged(work)
    assert isinstance(result, list)
    message, count, error = result
    assert message is None and count == 2
    assert error.startswith(f"could not save your notes to {path}: Permission denied")
    assert "They are still open here" in error
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["notes.toml"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_unreadable_notes_file_is_never_saved_over(shared_tmp: Path) -> None:
    path = shared_tmp / "notes.toml"
    NotesStore(path, "k", "t").save(_sample_notes())
    before = path.read_bytes()
    path.chmod(0o600)  # the owner only: the child cannot read it
    shared_tmp.chmod(0o777)  # but could write beside it

    def work() -> object:
        store = NotesStore(path, "k", "t")
        notes, message = store.load()
        try:
            store.save(notes)
        except NotesError as exc:
            return [message, exc.message]
        return "saved"

    result = as_unprivileged(work)
    assert isinstance(result, list)
    assert result[0] == (
        f"cannot read {path}: Permission denied; your notes there are left untouched and "
        "new notes will not be saved over them"
    )
    assert result[1] == result[0]
    assert path.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_unreadable_pack_folder_and_article_give_clear_errors(shared_tmp: Path) -> None:
    from reader.cli import main

    locked = shared_tmp / "locked"
    shutil.copytree(ROOT / "data" / "articles" / "tutorial", locked)
    locked.chmod(0o700)
    article_locked = shared_tmp / "article-locked"
    shutil.copytree(ROOT / "data" / "articles" / "tutorial", article_locked)
    article_file = next(p for p in article_locked.iterdir() if p.suffix in (".md", ".txt"))
    article_file.chmod(0o600)

    with contextlib.redirect_stdout(io.StringIO()):
        main(["check", str(ROOT / "data" / "articles" / "tutorial")])  # import all it needs

    def work() -> object:
        results = []
        for args in (["check", str(locked)], ["--plain", str(locked)],
                     ["check", str(article_locked)], ["--plain", str(article_locked)]):
            said = io.StringIO()  # check reports on stdout, the reader on stderr
            with contextlib.redirect_stderr(said), contextlib.redirect_stdout(said):
                code = main(args)
            results.append([code, said.getvalue()])
        return results

    result = as_unprivileged(work)
    assert isinstance(result, list)
    for code, said in result:
        assert code == 1, said
        assert "Traceback" not in said and "permission denied" in said, said
    refused = f"{locked / 'pack.toml'}: error: cannot read the pack: permission denied\n"
    assert result[0][1].startswith(refused) and result[1][1] == refused
    assert f'file "{article_file.name}": cannot read the file: permission denied' in result[2][1]


def test_two_instances_on_one_notes_file_never_overwrite(tmp_path: Path) -> None:
    """Two readers open the same notes; each adds a note and saves. The second save goes
    to a conflict file: both notes are on disk, neither overwrote the other."""
    path = tmp_path / "notes.toml"
    NotesStore(path, "k", "t").save(_sample_notes())
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from reader.notes import NotesStore, StudentNote

        store = NotesStore(Path(sys.argv[1]), "k", "t")
        notes, _ = store.load()
        print("loaded", flush=True)
        sys.stdin.readline()
        notes.put_note(StudentNote(sys.argv[2], "quote", "written by " + sys.argv[2]))
        print(store.save(notes), flush=True)
        """
    )
    children = [
        subprocess.Popen([sys.executable, "-c", script, str(path), name], env=_env(),
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for name in ("first", "second")
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "loaded"
    written = []
    for child in children:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        written.append(Path(child.stdout.readline().strip()))
        child.wait(timeout=30)
    assert written[0] == path
    assert written[1] != path and written[1].name.startswith("notes.conflict-")
    main = tomli.loads(path.read_text("utf-8"))
    conflict = tomli.loads(written[1].read_text("utf-8"))
    assert {n["id"] for n in main["notes"]} == {"n-1", "first"}
    assert {n["id"] for n in conflict["notes"]} == {"n-1", "second"}
