"""Packs already loaded, kept so that reopening one skips parsing, checking and placing.

Reading, checking and placing a pack is most of the work of opening it after Textual's import,
and reading a kept copy is a small part of that (figures in ``benchmarks/README.md``). One entry
is kept per pack file, in the cache folder (see :func:`reader.storage.cache_dir`), holding the
loaded :class:`~reader.model.Pack` and its problems. An entry is used only when

* the pack file's bytes are the ones it was made from (checked before loading, so an edit
  made while a pack loads makes its entry stale, never wrong);
* the article's text, read again, is the text the pack was made with;
* the pack was opened by the same path, and the code that loads packs is the same (this
  version, and the size and time of each module that reads, checks or places), and so is the
  sentence splitter and its version (see :func:`reader.text.segment.segmenter_id`).

Entries are pickles, read by an unpickler that admits only the model's own types, so an entry
cannot make the reader run code; an entry that cannot be read for any reason is ignored and
replaced (and, with ``LATERAL_DEBUG=1``, logged: see :mod:`reader.debuglog`). Checksums are
CRC-32 and Adler-32 with the length: they tell versions of a file apart, which is all a cache
needs (the cache is the user's own; a pack that wants to mislead can simply say what it wants).
"""

from __future__ import annotations

__all__ = [
    "KEEP",
    "Fingerprint",
    "Lookup",
    "load",
    "loads",
    "look_up",
    "recall",
    "recall_entry",
    "remember",
    "take_fingerprint",
    "unpack",
]

import contextlib
import io
import os
import pickle
import zlib
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from reader import __version__, debuglog, model
from reader.gcpolicy import paused_gc
from reader.model import Pack
from reader.problems import Problem
from reader.storage import atomic_write_bytes, pack_key

FORMAT = 1
KEEP = 8  # entries kept; when there are more, the least recently used are deleted
_SUFFIX = ".pack-cache"
# The modules that build a Pack (top-level ones by name, and all of these folders): a
# change to any of them makes every entry stale.
_CODE_MODULES = ("model.py", "problems.py")
_CODE_FOLDERS = ("pack", "text")


class Fingerprint(NamedTuple):
    """What a pack was loaded from: its path as given, and its bytes' checksum."""

    pack_file: str
    pack_sum: tuple[int, int, int]


def _checksum(data: bytes) -> tuple[int, int, int]:
    return (len(data), zlib.crc32(data), zlib.adler32(data))


def _text_checksum(text: str) -> tuple[int, int, int]:
    return _checksum(text.encode("utf-8", "surrogatepass"))


def _code_stamp() -> tuple[Any, ...]:
    """This version, the sentence splitter in use and its version, and the size and
    modification time of the modules that build packs."""
    from reader.text.segment import segmenter_id

    top = Path(__file__).resolve().parent.parent
    stamp: list[Any] = [FORMAT, __version__, segmenter_id()]
    for name in _CODE_MODULES:
        with contextlib.suppress(OSError):
            info = (top / name).stat()
            stamp.append((name, info.st_mtime_ns, info.st_size))
    for sub in _CODE_FOLDERS:
        with contextlib.suppress(OSError), os.scandir(top / sub) as entries:
            stamp.extend(
                sorted(
                    (f"{sub}/{e.name}", e.stat().st_mtime_ns, e.stat().st_size)
                    for e in entries
                    if e.name.endswith(".py")
                )
            )
    return tuple(stamp)


def _entry_path(folder: Path, pack_file: Path) -> Path:
    return folder / f"{pack_key(pack_file, '')}{_SUFFIX}"


def take_fingerprint(pack_file: Path) -> Fingerprint | None:
    """The fingerprint of ``pack_file`` as it is now (None if it cannot be read: then the
    loader reports why)."""
    try:
        data = pack_file.read_bytes()
    except OSError:
        return None
    return Fingerprint(str(pack_file), _checksum(data))


class Lookup(NamedTuple):
    """What the cache has for a pack file: the fingerprint it was looked up by (None: the
    file cannot be read), and the kept entry, still pickled, if one is current."""

    fingerprint: Fingerprint | None
    entry: bytes | None


def look_up(folder: Path, pack_file: Path) -> Lookup:
    """Look ``pack_file`` up in the cache ``folder``, once: the fingerprint taken serves to
    keep the pack afterwards if nothing current was kept."""
    fingerprint = take_fingerprint(pack_file)
    entry = recall_entry(folder, fingerprint) if fingerprint is not None else None
    return Lookup(fingerprint, entry)


_ALLOWED = {
    *(("reader.model", name) for name in model.__all__ if isinstance(getattr(model, name), type)),
    ("reader.problems", "Problem"),
    ("datetime", "date"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("builtins", "range"),
}


class _ModelUnpickler(pickle.Unpickler):
    """Admits only the model's types (and ``also``): anything else makes it unreadable."""

    def __init__(self, stream: BinaryIO, also: frozenset[tuple[str, str]] = frozenset()) -> None:
        super().__init__(stream)
        self._also = also

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED or (module, name) in self._also:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a pack")


def load(stream: BinaryIO, also: frozenset[tuple[str, str]] = frozenset()) -> Any:
    """Read one pickle from ``stream`` that may hold only the model's types, builtin values,
    and the classes named in ``also`` (module, name).

    The collector is paused meanwhile: everything read is kept (see :mod:`reader.gcpolicy`).
    """
    with paused_gc():
        return _ModelUnpickler(stream, also).load()


def loads(data: bytes) -> Any:
    """:func:`load` from bytes."""
    return load(io.BytesIO(data))


def recall_entry(folder: Path, fingerprint: Fingerprint) -> bytes | None:
    """The kept pack for ``fingerprint``, still pickled (see :func:`unpack`), or None (not
    kept, or stale). Checks everything but the pickle itself, so another process can do it
    and send the bytes on."""
    path = _entry_path(folder, Path(fingerprint.pack_file))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        debuglog.record(f"kept pack {path} could not be read", exc)
        return None
    try:
        stream = io.BytesIO(data)
        stamp, pack_file, pack_sum, article_file, article_sum = _ModelUnpickler(stream).load()
        if (pack_file, tuple(pack_sum)) != fingerprint or stamp != _code_stamp():
            return None
        from reader.text.canonical import read_text_file

        if _text_checksum(read_text_file(Path(article_file))) != tuple(article_sum):
            return None
    except Exception as exc:  # a damaged or foreign entry is not used, and is replaced
        debuglog.record(f"kept pack {path} could not be read; loading the pack afresh", exc)
        return None
    try:
        os.utime(path)  # recently used, so it is the last to be deleted
    except OSError as exc:
        debuglog.record(f"kept pack {path} could not be marked as recently used", exc)
    return data[stream.tell() :]


def unpack(entry: bytes) -> tuple[Pack, list[Problem]] | None:
    """The pack and problems in an entry from :func:`recall_entry`, or None if damaged."""
    try:
        pack, problems = loads(entry)
    except Exception as exc:
        debuglog.record("a kept pack could not be unpickled; loading the pack afresh", exc)
        return None
    if not isinstance(pack, Pack) or not isinstance(problems, list):
        debuglog.record("a kept pack held something other than a pack; loading it afresh")
        return None
    return pack, problems


def recall(folder: Path, fingerprint: Fingerprint) -> tuple[Pack, list[Problem]] | None:
    """The pack kept for ``fingerprint`` and its problems, or None (not kept, or stale)."""
    entry = recall_entry(folder, fingerprint)
    return None if entry is None else unpack(entry)


def remember(
    folder: Path, fingerprint: Fingerprint, pack: Pack, problems: list[Problem]
) -> None:
    """Keep ``pack`` (loaded from ``fingerprint``); quietly does nothing if it cannot.

    The article's text is taken from ``pack``, so the entry describes exactly what was
    loaded. Safe to call from a thread.
    """
    if pack.article.path is None or str(pack.path) != fingerprint.pack_file:
        return
    header = (_code_stamp(), fingerprint.pack_file, fingerprint.pack_sum,
              str(pack.article.path), _text_checksum(pack.article.text))
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dump(header)
    pickler.clear_memo()  # two whole pickles: the header can be read alone
    pickler.dump((pack, list(problems)))
    try:
        # Not synced to disk: an entry lost in a crash is only a slower start-up next time.
        atomic_write_bytes(_entry_path(folder, Path(fingerprint.pack_file)),
                           stream.getvalue(), backup=False, durable=False)
    except OSError as exc:
        debuglog.record(f"the pack {fingerprint.pack_file} could not be kept in {folder}", exc)
        return
    _keep_recent(folder)


def _keep_recent(folder: Path) -> None:
    """Delete all but the :data:`KEEP` entries used last (a cache left larger is no harm)."""
    entries: list[tuple[float, Path]] = []
    try:
        for candidate in folder.iterdir():
            if candidate.name.endswith(_SUFFIX):
                with contextlib.suppress(FileNotFoundError):  # deleted meanwhile: not counted
                    entries.append((candidate.stat().st_mtime, candidate))
        entries.sort(reverse=True)
        for _, old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        debuglog.record(f"old kept packs in {folder} could not be cleared", exc)
