"""Each reader sharing a process sees its own session's variables, and only those."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.environment import getenv, session_environment
from reader.paths import data_dir


def test_outside_a_session_the_process_environment_is_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LATERAL_STUDENT", "Teacher's own")
    assert getenv("LATERAL_STUDENT") == "Teacher's own"
    assert getenv("LATERAL_NOT_SET_ANYWHERE", "fallback") == "fallback"


def test_a_session_has_its_own_values_and_no_one_elses(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    monkeypatch.setenv("LATERAL_STUDENT", "someone else")
    monkeypatch.setenv("LATERAL_DATA_DIR", str(tmp_path / "teacher"))
    monkeypatch.setenv("HOME_OF_THE_PROCESS", "kept")
    with session_environment({"LATERAL_DATA_DIR": str(tmp_path / "ana"), "PATH": "/evil"}):
        assert data_dir() == tmp_path / "ana"
        # a session variable the session did not set is absent, not the process's
        assert getenv("LATERAL_STUDENT") is None
        # what is not a session variable is the process's, whatever the session said
        assert getenv("HOME_OF_THE_PROCESS") == "kept"
        assert getenv("PATH") != "/evil"
    assert data_dir() == tmp_path / "teacher"


def test_readers_in_threads_see_their_own_sessions_at_once(tmp_path: Path) -> None:
    seen: dict[str, list[Path]] = {}
    both_inside = threading.Barrier(2, timeout=10)

    def reader(code: str) -> None:
        with session_environment({"LATERAL_DATA_DIR": str(tmp_path / code)}):
            first = data_dir()
            both_inside.wait()  # the other reader's session is open too
            seen[code] = [first, data_dir()]

    threads = [threading.Thread(target=reader, args=(code,)) for code in ("ana", "bo")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"ana": [tmp_path / "ana"] * 2, "bo": [tmp_path / "bo"] * 2}


def test_a_readers_worker_threads_keep_its_session(tmp_path: Path) -> None:
    from reader.ui.served_driver import ReaderLoop

    def in_thread() -> Path:
        with session_environment({"LATERAL_DATA_DIR": str(tmp_path / "ana")}):
            loop = ReaderLoop()
            try:
                # what Textual's thread workers do: run_in_executor on the default executor
                return loop.run_until_complete(loop.run_in_executor(None, data_dir))
            finally:
                loop.run_until_complete(loop.shutdown_default_executor())
                loop.close()

    found: list[Path] = []
    thread = threading.Thread(target=lambda: found.append(in_thread()))
    thread.start()
    thread.join()
    assert found == [tmp_path / "ana"]


def test_a_readers_loop_leaves_the_process_signals_alone() -> None:
    import signal

    from reader.ui.served_driver import ReaderLoop

    results: list[object] = []
    before = signal.getsignal(signal.SIGTERM)

    def in_thread() -> None:
        loop = ReaderLoop()
        try:
            # a plain loop refuses this outside the main thread (ValueError)
            loop.add_signal_handler(signal.SIGTERM, lambda: None)
            results.append("added")
            results.append(loop.remove_signal_handler(signal.SIGTERM))
        finally:
            loop.close()

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    assert results == ["added", False]
    assert signal.getsignal(signal.SIGTERM) == before
