"""Atomic writes into the user's data folder (see :mod:`reader.paths`), and pack keys.

Every write is atomic: the new content goes to a temporary file in the same folder, is
flushed and synced, and replaces the old file with ``os.replace``; the previous version is kept
as ``<name>.bak``. A crash or a full disk leaves either the old file or the new one, never a
mixture.
"""

from __future__ import annotations

__all__ = ["atomic_write_bytes", "cache_dir", "clean_stray_temp_files", "data_dir", "pack_key"]

import contextlib
import os
import tempfile
import time
import zlib
from pathlib import Path

from reader.paths import cache_dir, data_dir


def pack_key(path: Path | None, title: str) -> str:
    """A stable file-name-safe key for a pack: its folder name and a hash of its location.

    A bundled pack's location is its name, not where it is installed: reinstalling the
    reader, or running it from a checkout, finds the same notes and place.
    """
    where = str(path.resolve()) if path is not None else f"title:{title}"
    if path is not None:
        from reader.resources import data_root

        with contextlib.suppress(ValueError):
            where = "bundled:" + path.resolve().relative_to(data_root().resolve()).as_posix()
    # A checksum, not a secure hash: it only tells packs with the same folder name apart
    # (and hashlib costs milliseconds to import on the reader's start-up path).
    digest = f"{zlib.crc32(where.encode('utf-8', 'surrogatepass')):08x}"
    stem = (
        path.parent.name
        if path is not None and path.name == "pack.toml"
        else (path.stem if path is not None else "article")
    )
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:40] or "pack"
    return f"{safe}-{digest}"


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (changing it,
    even for a moment, would affect files other threads create meanwhile)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_bytes(
    path: Path, data: bytes, *, backup: bool = True, durable: bool = True, shared: bool = False
) -> None:
    """Replace ``path`` with ``data`` atomically; keep the previous version as ``.bak``.

    A new file is private (0600) unless ``shared``: files written for others to read (exports,
    hand-ins, debriefs) get the user's usual permissions, as the umask sets them (0644 for
    most). A file that exists keeps its permissions.

    With ``durable=False`` nothing is synced to disk: after a crash the file may be the old
    version or missing, never a mixture (for files that are only a cache).
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    if target.exists():
        mode = target.stat().st_mode & 0o7777
    else:
        mode = (0o666 & ~current_umask()) if shared else 0o600
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        if durable:
            os.fsync(fd)
        os.close(fd)
        fd = -1
        if backup and target.exists():
            bak_tmp = tmp.with_name(tmp.name + ".bak")
            try:
                os.link(target, bak_tmp)
            except OSError:
                import shutil

                shutil.copy2(target, bak_tmp)
            os.replace(bak_tmp, target.with_name(target.name + ".bak"))
        for attempt in range(5):
            try:
                os.replace(tmp, target)
                break
            except PermissionError:  # Windows: another process has the file open for a moment
                if attempt == 4 or os.name != "nt":
                    raise
                time.sleep(0.05 * (attempt + 1))
        if durable:
            _fsync_dir(folder)
    finally:
        if fd != -1:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        with contextlib.suppress(FileNotFoundError):
            tmp.with_name(tmp.name + ".bak").unlink()


def clean_stray_temp_files(folder: Path, older_than: float = 300.0) -> int:
    """Delete this program's leftover ``.<name>.*.tmp`` files (from a crash) in ``folder``."""
    removed = 0
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than
    for candidate in folder.glob(".*.tmp*"):
        try:
            if candidate.is_file() and candidate.stat().st_mtime < cutoff:
                candidate.unlink()
                removed += 1
        except OSError as exc:  # left for next time: it is not the user's work
            from reader import debuglog

            debuglog.record(f"a leftover temporary file {candidate} could not be removed", exc)
    return removed
