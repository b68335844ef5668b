"""A copy of a pack the user may write: a bundled pack, or one in a folder they cannot write,
is never changed in place."""

from __future__ import annotations

__all__ = ["copy_target", "copy_to_write"]

import shutil
from pathlib import Path

from reader.install import pack_name

_LEFT_OUT = shutil.ignore_patterns("*.bak", ".*.tmp", "__pycache__")


def copy_target(pack_file: Path, title: str, packs: Path) -> tuple[Path, bool]:
    """Where the writable copy of ``pack_file`` goes in ``packs``, and whether a copy of it is
    already there (a folder named after ``title`` that holds a pack)."""
    target = packs / pack_name(title)
    if (target / "pack.toml").is_file():
        return target, True
    number = 2
    while target.exists():
        target = packs / f"{pack_name(title)}-{number}"
        number += 1
    return target, False


def copy_to_write(pack_file: Path, title: str, packs: Path) -> Path:
    """Copy the pack's folder into ``packs`` (or use the copy made before); the folder.
    Raises ``OSError`` if it cannot be copied (nothing half-copied is left)."""
    target, exists = copy_target(pack_file, title, packs)
    if exists:
        return target
    packs.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.copying")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        shutil.copytree(pack_file.parent, partial, ignore=_LEFT_OUT, symlinks=False)
        for path in [partial, *partial.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)  # a read-only original stays so
        partial.rename(target)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target
