"""Copy a pack (a folder or a zip) into the user's packs folder, after checking it.

A zip is unpacked with care: no absolute paths or ``..``, no links, at most
:data:`MAX_FILES` files and :data:`MAX_UNPACKED_BYTES` in all (sizes are counted as the
bytes are read, not taken from the zip's own headers). The pack is checked in a temporary
folder beside the target and moved into place only if it has no errors.
"""

from __future__ import annotations

__all__ = ["MAX_FILES", "MAX_UNPACKED_BYTES", "InstallError", "install_pack"]

import os
import re
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from reader.model import Pack
from reader.problems import Problem, errors

MAX_FILES = 500
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


class InstallError(Exception):
    """The pack was not installed; ``problems`` say why (nothing was changed)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "not installed")
        self.problems = problems


def _fail(message: str, where: Path) -> InstallError:
    return InstallError([Problem("error", message, str(where), code="install")])


def pack_name(title: str) -> str:
    """The folder name a pack gets: its title, made file-name safe ("river-levels-in-2024"),
    so that the same pack installed from a folder and from a zip is one pack, not two."""
    name = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60].strip("-")
    return name or "pack"


def _installed_with_title(packs: Path, title: str) -> Path | None:
    """The pack in ``packs`` with ``title``, whatever its folder is called."""
    from reader.library import packs_in, with_title

    return with_title(packs_in(packs), title)


def _is_finder_litter(name: str) -> bool:
    """What macOS Finder adds to a zip: resource forks and folder settings, never a pack's."""
    return name.startswith("__MACOSX/") or PurePosixPath(name).name == ".DS_Store"


def _unzip(archive: Path, into: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            if len(members) > MAX_FILES:
                raise _fail(f"the zip holds {len(members)} files; a pack may hold at most "
                            f"{MAX_FILES}", archive)
            total = 0
            for member in members:
                name = member.filename
                if _is_finder_litter(name.replace("\\", "/")):
                    continue
                parts = PurePosixPath(name.replace("\\", "/")).parts
                if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
                    raise _fail(f"the zip holds {name!r}, a path outside the pack; "
                                "nothing was unpacked", archive)
                if stat.S_ISLNK(member.external_attr >> 16):
                    raise _fail(f"the zip holds a link, {name!r}; packs may not contain "
                                "links", archive)
                target = into.joinpath(*parts)
                if member.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zipped.open(member) as data, target.open("wb") as out:
                    while chunk := data.read(1 << 16):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise _fail(
                                "the zip unpacks to more than "
                                f"{MAX_UNPACKED_BYTES // 1_048_576} MB; packs are limited "
                                "to that", archive)
                        out.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as exc:
        raise _fail(f"not a zip file that can be read: {exc}", archive) from None


def _copy_folder(folder: Path, into: Path) -> None:
    count = 0
    total = 0
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(root, name)
            if path.is_symlink():
                raise _fail(f"{path.relative_to(folder)} is a link; packs may not contain "
                            "links (copy the file itself into the pack)", folder)
        for name in files:
            path = Path(root, name)
            count += 1
            total += path.stat().st_size
            if count > MAX_FILES or total > MAX_UNPACKED_BYTES:
                raise _fail(f"the folder holds more than {MAX_FILES} files or "
                            f"{MAX_UNPACKED_BYTES // 1_048_576} MB; is it a pack?", folder)
    shutil.copytree(folder, into, dirs_exist_ok=True)


def _pack_root(unpacked: Path, source: Path) -> Path:
    if (unpacked / "pack.toml").is_file():
        return unpacked
    inner = [p for p in unpacked.iterdir() if p.is_dir() and (p / "pack.toml").is_file()]
    if len(inner) == 1 and len(list(unpacked.iterdir())) == 1:
        return inner[0]
    raise _fail("no pack.toml at the top of the zip (or in its one folder)", source)


def install_pack(source: Path, packs: Path, *, force: bool = False) -> tuple[Path, Pack]:
    """Install ``source`` (a pack folder, its pack.toml, or a zip) into ``packs``; returns
    where it went and the loaded pack. Raises :class:`InstallError`; on error nothing changes."""
    from reader.pack.load import load_pack

    if not source.exists():
        raise _fail("no such file or folder", source)
    folder = source.parent if source.name == "pack.toml" else source
    is_zip = source.is_file() and source.name != "pack.toml"
    if is_zip and not zipfile.is_zipfile(source):
        raise _fail("expected a pack folder, its pack.toml, or a .zip of a pack", source)
    packs.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".installing-", dir=packs))
    try:
        unpacked = work / "unpacked"
        unpacked.mkdir()
        if is_zip:
            _unzip(source, unpacked)
        else:
            _copy_folder(folder, unpacked)
        root = _pack_root(unpacked, source)
        result = load_pack(root)
        pack_errors = errors(result.problems)
        if result.pack is None or pack_errors:
            shown = [p._replace(path=p.path.replace(str(root), str(folder))) if p.path else p
                     for p in pack_errors]
            raise InstallError(shown or [Problem("error", "the pack could not be loaded",
                                                  str(source), code="install")])
        title = result.pack.meta.title
        target = _installed_with_title(packs, title) or packs / pack_name(title)
        if target.exists() and not force:
            raise _fail(f"“{title}” is already installed, in {target}; add --force to "
                        "replace it", source)
        if target.exists():
            old = work / "replaced"
            target.rename(old)
        root.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # The pack as checked, with its paths moved from the temporary folder to the target.
    pack = result.pack
    article_path = pack.article.path
    if article_path is not None:
        article_path = target / article_path.relative_to(root)
    return target, pack._replace(path=target / "pack.toml",
                                 article=pack.article._replace(path=article_path))
