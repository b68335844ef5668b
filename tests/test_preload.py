"""Opening the document in a child process while the reader's interface starts.

Each case runs in a fresh interpreter, as ``lateral`` does: a child is forked only while the
process has a single thread, which a test process need not have.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from reader import preload
from reader.model import Pack
from reader.open import open_for_reading
from reader.pack.cache import recall, take_fingerprint
from reader.problems import Problem, ReaderError

from .conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

# Run in the child interpreter before the case: what it prints is read back as JSON.
PRELUDE = """
import json, os, sys
from pathlib import Path
from reader import preload
from reader.problems import ReaderError

def summary(pack, problems):
    return {
        "title": pack.meta.title,
        "text": len(pack.article.text),
        "claims": [[c.id, c.anchor.status, c.anchor.start, c.anchor.end, list(c.sentences)]
                   for c in pack.claims],
        "problems": [[p.severity, p.code, p.line, p.col, p.message] for p in problems],
    }

path = Path(sys.argv[1])
"""


def summary(pack: Pack, problems: list[Problem]) -> dict[str, Any]:
    return {
        "title": pack.meta.title,
        "text": len(pack.article.text),
        "claims": [
            [c.id, c.anchor.status, c.anchor.start, c.anchor.end, list(c.sentences)]
            for c in pack.claims
        ],
        "problems": [[p.severity, p.code, p.line, p.col, p.message] for p in problems],
    }


def run_case(case: str, path: Path, data: Path) -> Any:
    env = dict(os.environ, PYTHONPATH=str(ROOT), LATERAL_DATA_DIR=str(data))
    result = subprocess.run(
        [sys.executable, "-c", PRELUDE + case, str(path)],
        capture_output=True, text=True, env=env, cwd="/", check=False, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def pack_dir(tmp_path: Path, river: Path) -> Path:
    folder = tmp_path / "river"
    shutil.copytree(river, folder)
    return folder


def kept(data: Path, pack_dir: Path) -> tuple[Pack, list[Problem]] | None:
    fingerprint = take_fingerprint(pack_dir / "pack.toml")
    assert fingerprint is not None
    return recall(data / "cache", fingerprint)


def test_the_child_opens_what_the_reader_would_and_keeps_it(
    pack_dir: Path, tmp_path: Path
) -> None:
    case = """
import reader.pack.cache
real_remember, kept_here = reader.pack.cache.remember, []

def remember(*args):
    kept_here.append(os.getpid())  # (a list in the child's memory is the child's own)
    return real_remember(*args)

reader.pack.cache.remember = remember
loading = preload.start(path)
assert loading is not None
opened = loading.opened()
loading.keep()
loading.finish()
print(json.dumps({"pid": loading.pid, "me": os.getpid(),
                  "deferred": opened.pending,
                  "kept_here": kept_here,
                  "got": summary(opened.pack, opened.problems)}))
"""
    answer = run_case(case, pack_dir, tmp_path / "data")
    here = open_for_reading(pack_dir)
    assert answer["pid"] != answer["me"]  # opened by another process
    assert answer["got"] == summary(here.pack, here.problems)
    assert answer["got"]["claims"] and answer["got"]["claims"][0][1] == "exact"
    assert not answer["deferred"] and answer["kept_here"] == []  # the child keeps it
    again = kept(tmp_path / "data", pack_dir)
    assert again is not None and summary(*again) == answer["got"]


def test_a_second_start_reads_the_pack_the_child_kept(pack_dir: Path, tmp_path: Path) -> None:
    case = """
import reader.pack.cache
real, unpacked = reader.pack.cache.unpack, []

def unpack(entry):
    unpacked.append(len(entry))  # the reader unpickles a kept entry the child sent as it is
    return real(entry)

reader.pack.cache.unpack = unpack
answers = []
for _ in range(2):
    loading = preload.start(path)
    opened = loading.opened()
    loading.finish()
    answers.append(summary(opened.pack, opened.problems))
print(json.dumps({"answers": answers, "unpacked": unpacked}))
"""
    data = tmp_path / "data"
    answer = run_case(case, pack_dir, data)
    first, second = answer["answers"]
    assert first == second and len(answer["unpacked"]) == 1  # only the second was kept
    (entry,) = (data / "cache").iterdir()
    before = entry.read_bytes()
    again = run_case(case, pack_dir, data)
    assert again["answers"] == [first, first] and len(again["unpacked"]) == 2
    assert entry.read_bytes() == before  # recalled, not written again
    here = open_for_reading(pack_dir)
    assert first == summary(here.pack, here.problems)


BOOK = """
import reader.pack.load
reader.pack.load.DEFER_ANCHORING_ABOVE = 0  # treat the fixture as a book
loading = preload.start(path)
opened = loading.opened()
first = summary(opened.pack, opened.problems)
{place}
loading.finish()
print(json.dumps({{"first": first, "placed": placed}}))
"""


def test_a_book_comes_first_and_its_claims_once_the_child_has_placed_them(
    pack_dir: Path, tmp_path: Path
) -> None:
    place = """
claims, found = loading.placed()
placed = summary(opened.pack._replace(claims=claims), opened.problems + found)
"""
    answer = run_case(BOOK.format(place=place), pack_dir, tmp_path / "data")
    assert {claim[1] for claim in answer["first"]["claims"]} == {"pending"}
    here = open_for_reading(pack_dir)
    assert answer["placed"] == summary(here.pack, here.problems)
    again = kept(tmp_path / "data", pack_dir)
    assert again is not None and summary(*again) == answer["placed"]


def test_a_reader_that_quits_before_the_claims_are_placed_still_gets_the_book_kept(
    pack_dir: Path, tmp_path: Path
) -> None:
    answer = run_case(BOOK.format(place="placed = None"), pack_dir, tmp_path / "data")
    assert answer["placed"] is None
    again = kept(tmp_path / "data", pack_dir)
    here = open_for_reading(pack_dir)
    assert again is not None and summary(*again) == summary(here.pack, here.problems)


def test_a_document_that_cannot_open_gives_the_problems_it_would_here(tmp_path: Path) -> None:
    case = """
loading = preload.start(path)
try:
    loading.opened()
except ReaderError as exc:
    print(json.dumps([[p.severity, p.code, p.path, p.message] for p in exc.problems]))
finally:
    loading.finish()
"""
    missing = tmp_path / "no-such-pack"
    answer = run_case(case, missing, tmp_path / "data")
    with pytest.raises(ReaderError) as here:
        open_for_reading(missing)
    assert answer == [[p.severity, p.code, p.path, p.message] for p in here.value.problems]
    assert answer and answer[0][1] == "read"


def test_if_the_child_fails_the_reader_opens_the_document_itself(
    pack_dir: Path, tmp_path: Path
) -> None:
    case = """
import reader.open
real = reader.open.LocalSource.opened
parent = os.getpid()

calls = []

def opened(self):
    if os.getpid() != parent:
        raise RuntimeError("the child breaks")
    calls.append("parent")
    return real(self)

reader.open.LocalSource.opened = opened
loading = preload.start(path)
opened = loading.opened()
loading.finish()
print(json.dumps({"calls": calls, "got": summary(opened.pack, opened.problems)}))
"""
    answer = run_case(case, pack_dir, tmp_path / "data")
    assert answer["calls"] == ["parent"]
    here = open_for_reading(pack_dir)
    assert answer["got"] == summary(here.pack, here.problems)


def test_a_child_that_stops_while_placing_a_book_is_reported_not_hung(
    pack_dir: Path, tmp_path: Path
) -> None:
    place = """
import signal
os.kill(loading.pid, signal.SIGKILL)
try:
    loading.placed()
    placed = "placed"
except RuntimeError as exc:
    placed = str(exc)
"""
    case = BOOK.replace("reader.pack.load.DEFER_ANCHORING_ABOVE = 0",
                        "reader.pack.load.DEFER_ANCHORING_ABOVE = 0\n"
                        "import reader.pack.load as L\n"
                        "real_place = L._place_claims\n"
                        "def slow(*a):\n"
                        "    import time; time.sleep(30); return real_place(*a)\n"
                        "L._place_claims = slow")
    answer = run_case(case.format(place=place), pack_dir, tmp_path / "data")
    assert "stopped before it finished" in answer["placed"]
    assert kept(tmp_path / "data", pack_dir) is None


def test_no_child_is_forked_while_another_thread_runs(pack_dir: Path) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not preload.can_fork()
        assert preload.start(pack_dir) is None
    finally:
        stop.set()
        thread.join()
