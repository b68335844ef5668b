"""Packs kept between runs: used only when nothing they came from has changed."""

from __future__ import annotations

import io
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from reader import debuglog
from reader.open import LocalSource, Opened, open_for_reading
from reader.pack import cache, load
from reader.pack.cache import KEEP, recall, recall_entry, take_fingerprint, unpack
from reader.text import segment

RAN: list[str] = []


def _record(what: str) -> str:
    RAN.append(what)
    return what


class _Trap:
    """Unpickling this would call :func:`_record`: a stand-in for code in a planted entry."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_record, ("ran",))


@pytest.fixture
def pack_dir(tmp_path: Path, river: Path) -> Path:
    folder = tmp_path / "river"
    shutil.copytree(river, folder)
    return folder


def kept_entry(folder: Path) -> Path:
    (entry,) = [p for p in folder.iterdir() if p.name.endswith(".pack-cache")]
    return entry


def reopen(pack_dir: Path, folder: Path | None, defer: bool = False) -> tuple[LocalSource, Opened]:
    """Open ``pack_dir`` with the cache ``folder``: the source (``from_cache`` says whether
    the kept pack was used) and what it opened."""
    source = LocalSource(pack_dir, cache=folder, defer_anchoring=defer)
    return source, source.opened()


def open_and_keep(pack_dir: Path, folder: Path) -> Opened:
    source, opened = reopen(pack_dir, folder)
    assert not source.from_cache
    source.keep()
    return opened


@pytest.fixture
def kept(pack_dir: Path, tmp_path: Path) -> Path:
    """A cache folder in which the pack in ``pack_dir`` is kept."""
    folder = tmp_path / "cache"
    open_and_keep(pack_dir, folder)
    return folder


def test_a_kept_pack_is_the_pack_loaded(pack_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first = open_and_keep(pack_dir, folder)
    source, again = reopen(pack_dir, folder)
    assert source.from_cache  # read from the cache, nothing to keep
    assert again.pack == first.pack and again.problems == first.problems
    assert again.pack.path == pack_dir / "pack.toml"
    assert [c.anchor.status for c in again.pack.claims] == ["exact", "exact"]


def test_warnings_are_kept_with_the_pack(pack_dir: Path, tmp_path: Path) -> None:
    toml = pack_dir / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    first_source = text.index("[[sources]]")
    spare = '[[sources]]\nid = "spare"\ntitle = "Unused"\n\n'
    toml.write_text(text[:first_source] + spare + text[first_source:], encoding="utf-8")
    folder = tmp_path / "cache"
    first = open_and_keep(pack_dir, folder)
    assert any(p.code == "unused-source" for p in first.problems)
    assert reopen(pack_dir, folder)[1].problems == first.problems


@pytest.mark.parametrize("changed", ["pack.toml", "article.md"])
def test_an_edited_file_makes_the_entry_stale(
    pack_dir: Path, kept: Path, changed: str
) -> None:
    path = pack_dir / changed
    text = path.read_text(encoding="utf-8")
    edited = text.replace("The river rose", "The river fell") if changed == "article.md" else (
        text.replace("Unusual", "Unprecedented", 1) if "Unusual" in text else text + "\n# edit\n"
    )
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    source, again = reopen(pack_dir, kept)
    assert not source.from_cache  # loaded afresh
    assert again.pack == open_for_reading(pack_dir).pack


def test_an_edit_keeping_length_and_time_is_still_seen(pack_dir: Path, kept: Path) -> None:
    article = pack_dir / "article.md"
    before = article.stat()
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("rose", "rise", 1), encoding="utf-8")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert article.stat().st_size == before.st_size
    source, again = reopen(pack_dir, kept)
    assert "rise" in again.pack.article.text and not source.from_cache


def test_the_same_pack_by_another_path_is_loaded_afresh(
    pack_dir: Path, kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(pack_dir.parent)
    source, relative = reopen(Path("river"), kept)
    assert not source.from_cache
    assert relative.pack.path == Path("river/pack.toml")


def test_new_code_makes_every_entry_stale(
    pack_dir: Path, kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamp = cache._code_stamp()
    monkeypatch.setattr(cache, "_code_stamp", lambda: (*stamp, ("pack/load.py", 1, 2)))
    assert not reopen(pack_dir, kept)[0].from_cache


@pytest.mark.parametrize(
    ("kept_with", "read_with"),
    [(("sentencex", "1.0.32"), ("regex", "1")), (("regex", "1"), ("sentencex", "1.0.32")),
     (("sentencex", "1.0.32"), ("sentencex", "1.0.33"))],
)
def test_a_pack_kept_under_another_sentence_splitter_is_loaded_afresh(
    pack_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    kept_with: tuple[str, str], read_with: tuple[str, str],
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setattr(segment, "segmenter_id", lambda: kept_with)
    open_and_keep(pack_dir, folder)
    assert reopen(pack_dir, folder)[0].from_cache  # the same splitter: kept
    monkeypatch.setattr(segment, "segmenter_id", lambda: read_with)
    assert not reopen(pack_dir, folder)[0].from_cache


def test_the_code_stamp_names_the_sentence_splitter_in_use() -> None:
    assert segment.segmenter_id() in cache._code_stamp()


def test_the_cache_is_looked_up_once(
    pack_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[Path] = []
    real = cache.take_fingerprint

    def counting(pack_file: Path) -> Any:
        taken.append(pack_file)
        return real(pack_file)

    monkeypatch.setattr(cache, "take_fingerprint", counting)
    source, _ = reopen(pack_dir, tmp_path / "cache")
    source.kept_entry()
    source.keep()  # keeps it with the fingerprint taken when it was looked up
    assert taken == [pack_dir / "pack.toml"]
    assert reopen(pack_dir, tmp_path / "cache")[0].from_cache


def test_the_code_stamp_follows_the_loader_modules() -> None:
    stamp = cache._code_stamp()
    names = {part[0] for part in stamp if isinstance(part, tuple)}
    assert {"model.py", "pack/load.py", "pack/anchor.py", "text/segment.py"} <= names
    assert "ui/app.py" not in names and "cli.py" not in names  # the interface is not the pack


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "header only"])
def test_a_damaged_entry_is_ignored(pack_dir: Path, kept: Path, damage: str) -> None:
    entry = kept_entry(kept)
    data = entry.read_bytes()
    if damage == "empty":
        entry.write_bytes(b"")
    elif damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(4096))
    else:
        stream = io.BytesIO(data)
        pickle.load(stream)
        entry.write_bytes(data[: stream.tell()])
    source, again = reopen(pack_dir, kept)
    assert not source.from_cache and again.pack == open_for_reading(pack_dir).pack


def test_a_damaged_entry_is_logged_not_hidden(
    pack_dir: Path, kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LATERAL_DEBUG", "1")
    entry = kept_entry(kept)
    entry.write_bytes(entry.read_bytes()[:100])
    assert not reopen(pack_dir, kept)[0].from_cache
    log = debuglog.log_path().read_text("utf-8")
    assert f"kept pack {entry} could not be read" in log
    assert "Traceback" in log


@pytest.mark.parametrize("where", ["header", "body"])
def test_an_entry_naming_other_code_is_refused_unrun(
    pack_dir: Path, kept: Path, where: str
) -> None:
    entry = kept_entry(kept)
    stream = io.BytesIO(entry.read_bytes())
    header = pickle.load(stream)
    body = pickle.load(stream)
    planted = io.BytesIO()
    if where == "header":
        pickle.dump((*header[:-1], _Trap()), planted)
        pickle.dump(body, planted)
    else:
        pickle.dump(header, planted)
        pickle.dump((body[0], [_Trap()]), planted)
    entry.write_bytes(planted.getvalue())
    RAN.clear()
    fingerprint = take_fingerprint(pack_dir / "pack.toml")
    assert fingerprint is not None
    assert recall(kept, fingerprint) is None
    assert RAN == []


def test_a_book_is_kept_with_its_claims_placed(
    pack_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "DEFER_ANCHORING_ABOVE", 10)  # the river is a "book" here
    folder = tmp_path / "cache"
    source, opened = reopen(pack_dir, folder, defer=True)
    assert opened.pending and not source.from_cache
    assert {c.anchor.status for c in opened.pack.claims} == {"pending"}
    source.keep()  # not yet: its claims are not placed
    assert not folder.exists()
    claims, problems = source.placed()
    placed = opened.pack._replace(claims=claims)
    source.keep()
    again_source, again = reopen(pack_dir, folder, defer=True)
    assert again_source.from_cache and not again.pending
    assert again.problems == [*opened.problems, *problems]
    assert again.pack == placed
    assert {c.anchor.status for c in again.pack.claims} == {"exact"}


def test_only_the_most_recent_entries_are_kept(tmp_path: Path, river: Path) -> None:
    folder = tmp_path / "cache"
    for number in range(KEEP + 3):
        copy = tmp_path / f"pack{number}"
        shutil.copytree(river, copy)
        open_and_keep(copy, folder)
    entries = [p for p in folder.iterdir() if p.name.endswith(".pack-cache")]
    assert len(entries) == KEEP
    assert not any(p.name.startswith((".",)) for p in folder.iterdir())  # no temporary files


def test_a_cache_that_cannot_be_written_changes_nothing(pack_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    source, _ = reopen(pack_dir, blocker)
    source.keep()  # does nothing (but log it, with LATERAL_DEBUG=1)
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"
    assert not reopen(pack_dir, blocker)[0].from_cache


def test_without_a_cache_nothing_is_kept(pack_dir: Path, tmp_path: Path) -> None:
    before = set(tmp_path.rglob("*"))
    source, _ = reopen(pack_dir, None)
    source.keep()
    source.finish()
    assert set(tmp_path.rglob("*")) == before


def test_an_entry_can_be_checked_in_one_process_and_read_in_another(
    pack_dir: Path, kept: Path
) -> None:
    fingerprint = take_fingerprint(pack_dir / "pack.toml")
    assert fingerprint is not None
    entry = recall_entry(kept, fingerprint)
    assert entry is not None
    assert unpack(entry) == recall(kept, fingerprint)
    assert unpack(entry[: len(entry) // 2]) is None  # cut short on the way: not used
    assert unpack(pickle.dumps(("not", "a pack"))) is None
    (pack_dir / "pack.toml").write_text(
        (pack_dir / "pack.toml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    stale = take_fingerprint(pack_dir / "pack.toml")
    assert stale is not None and recall_entry(kept, stale) is None
